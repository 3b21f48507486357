"""Recover an indicator table flattened to one cell per line (the web-page form).

    指 标            <- header cells, each a short line
    2020年值
    2025年目标值
    每千名户籍老人     <- a name cell broken over two lines
    拥有床位(张)
    40               <- one line per value column
    45

The header must name the table's columns with the indicator-table vocabulary
(``lexicon/tables.json``); rows are then read as one or more name lines followed
by one line per value column. Reading stops at the first line that does not fit.
"""

from __future__ import annotations

import regex

from ..blocks import Block, Paragraph, Table
from ..lexicon import load

_VOCAB = load("tables")
_NAME_HEADER = regex.compile("|".join(_VOCAB["name_header"]))
_VALUE_HEADER = regex.compile("|".join(_VOCAB["value_header"]))
_WORD_VALUES = set(_VOCAB["word_values"])

# A value cell: optional comparator, a number, optional unit-ish tail; or a dash.
#   "9.29"  "≥60%"  "＞80%"  "不低于30%"  "35%以上"  "-"  "7000"  "100％"
VALUE_CELL = regex.compile(
    r"""(?x)
    ^(?:不低于|不少于|不超过|不高于|达到|提升至|保持在|超过|高于|约|[≥≤><＞＜~～])?\s*
    \d+(?:\.\d+)?\s*(?:[%％‰]|[\p{Han}]{1,2})?\s*(?:以上|以下|左右|及以上)?$
    |^[-—–－/]+$
    """
)
MAX_HEADER_CELL = 14
MAX_NAME_LINES = 3


def _is_value(text: str) -> bool:
    return bool(VALUE_CELL.match(text)) or text in _WORD_VALUES


def _header_at(blocks: list[Block], i: int) -> int:
    """Number of header cells starting at block i (0 when no indicator header starts there)."""
    first = blocks[i]
    if not (isinstance(first, Paragraph) and len(first.text) <= MAX_HEADER_CELL):
        return 0
    if not _NAME_HEADER.fullmatch(first.text.replace(" ", "").replace("\u3000", "")):
        return 0
    n = 1
    while i + n < len(blocks):
        b = blocks[i + n]
        if not (isinstance(b, Paragraph) and len(b.text) <= MAX_HEADER_CELL and _VALUE_HEADER.search(b.text)):
            break
        n += 1
    return n if n >= 2 else 0


def _read_rows(blocks: list[Block], i: int, ncols: int) -> tuple[list[tuple[str, ...]], int]:
    rows: list[tuple[str, ...]] = []
    while i < len(blocks):
        name_lines: list[str] = []
        j = i
        while j < len(blocks) and isinstance(blocks[j], Paragraph) and not _is_value(blocks[j].text):
            if len(name_lines) == MAX_NAME_LINES or len(blocks[j].text) > 40:
                break
            name_lines.append(blocks[j].text)
            j += 1
        values: list[str] = []
        while len(values) < ncols - 1 and j < len(blocks):
            b = blocks[j]
            if not (isinstance(b, Paragraph) and _is_value(b.text)):
                break
            values.append(b.text)
            j += 1
        if not name_lines or len(values) < ncols - 1:
            break
        rows.append(("".join(name_lines), *values))
        i = j
    return rows, i


def recover_line_tables(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        ncols = _header_at(blocks, i)
        if ncols:
            rows, end = _read_rows(blocks, i + ncols, ncols)
            if rows:
                header = tuple(b.text for b in blocks[i : i + ncols])  # type: ignore[union-attr]
                out.append(Table((header, *rows)))
                i = end
                continue
        out.append(blocks[i])
        i += 1
    return out
