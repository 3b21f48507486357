"""What extractors need to know about the whole document."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..blocks import Block, Paragraph
from ..lexicon import load
from ..models import Level
from .metadata import Metadata

FIRST_IS_LEAD = regex.compile("|".join(load("departments")["first_is_lead"]))


@dataclass(frozen=True, slots=True)
class DocContext:
    admin_level: Level = "unknown"
    period_start: int | None = None
    period_end: int | None = None  # “十四五”期间 -> 2025
    first_is_lead: bool = False  # the document says the first-listed unit leads (列第一位者为牵头单位)

    @classmethod
    def from_metadata(cls, meta: Metadata, blocks: list[Block]) -> DocContext:
        text = "\n".join(b.text for b in blocks if isinstance(b, Paragraph))
        return cls(
            admin_level=meta.admin_level,
            period_start=meta.period.start if meta.period else None,
            period_end=meta.period.end if meta.period else None,
            first_is_lead=bool(FIRST_IS_LEAD.search(text)),
        )
