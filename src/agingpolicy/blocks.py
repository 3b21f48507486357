"""Blocks: what every reader yields, in reading order.

A reader turns a source file into a list of :class:`Paragraph` and :class:`Table`
blocks; everything after it works on blocks and never sees the file format.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    outline_level: int | None = None  # a heading level from the source (Word outline, <h2>), a hint only
    kind: str = field(default="paragraph", init=False)


@dataclass(frozen=True, slots=True)
class Table:
    rows: tuple[tuple[str, ...], ...]  # cells as text; a merged cell appears once, in its first position
    caption: str | None = None  # a title row inside the table (a one-cell first row), if any
    kind: str = field(default="table", init=False)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


Block = Paragraph | Table


def without_repeated_headers(blocks: list[Block]) -> list[Block]:
    """Tables without the copies of their first row that a page break left in the body (a header row repeated
    on each page of a converted document is content there, but not a row of data)."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Table) and len(block.rows) > 2 and any(block.rows[0]):
            header = tuple(cell.strip() for cell in block.rows[0])
            rows = [block.rows[0], *(r for r in block.rows[1:] if tuple(c.strip() for c in r) != header)]
            if len(rows) < len(block.rows):
                block = Table(tuple(rows), block.caption)
        out.append(block)
    return out


class ReadError(Exception):
    """The input cannot be read at all (not a content problem: those become warnings)."""
