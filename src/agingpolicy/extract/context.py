"""What extractors need to know about the whole document."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..blocks import Block, Paragraph
from ..lexicon import load
from ..models import Level
from .metadata import Metadata

FIRST_IS_LEAD = regex.compile("|".join(load("departments")["first_is_lead"]))
# a note naming the mark that a lead unit carries in a table's unit cells:
# 注：责任单位中标注①的为牵头单位，其余为配合单位。 / 带“①”者为牵头单位 / ①为牵头部门
LEAD_MARK_NOTE = regex.compile(
    r"(?P<mark>[①-⑳])\s*[”\"」]?\s*(?:号\s*)?(?:的|者)?\s*(?:单位|部门)?\s*为\s*牵头(?:单位|部门)"
)
# the one year an annual document is for, from its title: "某区2024年养老服务民生实事项目清单" / "2024年工作要点"
TITLE_YEAR = regex.compile(r"(?<![\d—\-－–~至到])((?:19|20)\d{2})\s*年(?!\s*[—\-－–~至到]\s*(?:19|20)?\d{2})")


@dataclass(frozen=True, slots=True)
class DocContext:
    admin_level: Level = "unknown"
    period_start: int | None = None
    period_end: int | None = None  # “十四五”期间 -> 2025
    first_is_lead: bool = False  # the document says the first-listed unit leads (列第一位者为牵头单位)
    year: int | None = None  # the year an annual document is for: its "12月底" means that year's December
    lead_mark: str | None = None  # the mark after a lead unit in table cells, per a note (标注①的为牵头单位)

    @classmethod
    def from_metadata(cls, meta: Metadata, blocks: list[Block]) -> DocContext:
        return cls(
            admin_level=meta.admin_level,
            period_start=meta.period.start if meta.period else None,
            period_end=meta.period.end if meta.period else None,
            first_is_lead=any(FIRST_IS_LEAD.search(text) for text in _texts(blocks)),
            year=_title_year(meta.title),
            lead_mark=_lead_mark(blocks),
        )


def _texts(blocks: list[Block]) -> Iterator[str]:
    """Every text of the document: paragraphs, and a table's caption and cells (a note row under a table,
    "注：责任单位列第一位者为牵头单位", is a cell of it)."""
    for b in blocks:
        if isinstance(b, Paragraph):
            yield b.text
        else:
            yield from ([b.caption] if b.caption else [])
            yield from (cell for row in b.rows for cell in row)


def _lead_mark(blocks: list[Block]) -> str | None:
    """The circled number a note says marks the lead units (标注①的为牵头单位 -> ①), or None."""
    return next((m["mark"] for text in _texts(blocks) if (m := LEAD_MARK_NOTE.search(text))), None)


def _title_year(title: str) -> int | None:
    """The year of a title naming exactly one year and no span: 2024年工作要点 -> 2024; 2021—2025年 -> None."""
    years = {int(m[1]) for m in TITLE_YEAR.finditer(title)}
    return years.pop() if len(years) == 1 else None
