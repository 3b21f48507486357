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


class ReadError(Exception):
    """The input cannot be read at all (not a content problem: those become warnings)."""
