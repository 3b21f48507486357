"""Recover a table whose columns are aligned with runs of spaces (PDF-to-text layout output, or a table
typed in a plain-text file):

    序号    重点任务                     牵头单位        配合单位                  完成时限
    1       建设区域养老服务中心15个     市民政局        市发展改革委、市财政局    2025年底前
    2       新增护理型床位2000张，       市民政局        市卫生健康委              2024年12月
            重点发展认知障碍照护床位                                               底前

A header is a line of three or more cells, separated by two or more spaces (or ideographic spaces), at
least two of them words of the table vocabulary (``lexicon/tables.json``: 重点任务, 牵头单位, 指标, 2025年…).
A row with as many cells as the header is read cell by cell; any other line is placed by where its cells
stand under the header, a Chinese character being two columns wide as in a monospaced layout. A line
with nothing in the key column (序号, else the first) continues the row above (a cell wrapped over lines).
The table ends at a line that starts in the key column with a single cell, or after a blank line or a
page number, at one that starts no row.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from itertools import pairwise

import regex

from ..blocks import Table
from ..lexicon import load
from .wraps import PAGE_NUMBER

_VOCAB = load("tables")
_WORDS = tuple(
    {w for kind, words in _VOCAB["task_columns"].items() if kind != "people" for w in words}
    | {w for words in _VOCAB["columns"].values() for w in words}
    | set(_VOCAB["name_header"])
)
HAN_LETTER = regex.compile(r"\p{Han}")  # one Chinese character: 指 (of "指    标")
_NUMBER_WORDS = tuple(_VOCAB["columns"]["number"])  # 序号 / 编号: the column that numbers the rows
# a header cell naming a value column by its year or kind: 2025年 / 2020年基数 / 目标值
_VALUE_HEADER = regex.compile("|".join(_VOCAB["value_header"]))
# a cell's text: words joined by single spaces ("2025年 底前"), up to a gap of two or more spaces or a tab
CELL_TEXT = regex.compile(r"[^ \u3000\t]+(?:[ \u3000](?![ \u3000\t])[^ \u3000\t]+)*")
# what a column label never holds: sentence punctuation or an item number ("附件：1．任务分工表")
NOT_A_LABEL = regex.compile(r"[：:，,。；;、．]|^\d")
# a cell holding only a row number: 1 / 12 / 1. / （3）
ROW_NUMBER = regex.compile(r"[（(]?\d{1,3}[)）]?[.．、]?")
MIN_COLUMNS = 3
MIN_HEADER_WORDS = 2
MAX_HEADER_CELL = 12  # 牵头责任单位 / 2025年目标值: header cells are short


@dataclass(frozen=True, slots=True)
class _Cell:
    start: int  # display column where the cell starts
    end: int
    text: str


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cells(line: str) -> list[_Cell]:
    """The cells of a line with their display columns: "1    建设" -> [(0, 1, '1'), (5, 9, '建设')]."""
    cells: list[_Cell] = []
    for m in CELL_TEXT.finditer(line):
        start = _width(line[: m.start()])
        cells.append(_Cell(start, start + _width(m.group()), m.group()))
    return cells


def _header_word(cell: str) -> bool:
    text = cell.replace(" ", "").replace("\u3000", "")
    if len(text) > MAX_HEADER_CELL or NOT_A_LABEL.search(text):
        return False
    return any(w in text for w in _WORDS) or bool(_VALUE_HEADER.search(text))


def _joined_letters(cells: list[_Cell]) -> list[_Cell]:
    """A label letter-spaced over two cells is one: "指    标" -> "指标" (single characters side by side)."""
    out: list[_Cell] = []
    for c in cells:
        if out and HAN_LETTER.fullmatch(c.text) and HAN_LETTER.fullmatch(out[-1].text):
            out[-1] = _Cell(out[-1].start, c.end, out[-1].text + c.text)
        else:
            out.append(c)
    return out


def header_at(line: str) -> list[_Cell] | None:
    """The header's cells when ``line`` heads a space-aligned table, else None."""
    inner = line.strip()  # a paragraph's indent ("　　") is no gap between cells
    if "  " not in inner and "\u3000\u3000" not in inner and "\t" not in inner and " \u3000" not in inner:
        return None
    cells = _joined_letters(_cells(line))
    if len(cells) < MIN_COLUMNS:
        return None
    words = sum(_header_word(c.text) for c in cells)
    return cells if words >= MIN_HEADER_WORDS and 2 * words >= len(cells) else None


class _Layout:
    """Where the columns of a header stand: a cell belongs to the column whose span holds its start, the
    spans meeting halfway between one header cell's end and the next one's start. A row starts where its
    key column (序号, else the first) has text; the others may be blank under a group cell written once."""

    def __init__(self, header: list[_Cell]) -> None:
        self.width = len(header)
        self.bounds = [(a.end + b.start) / 2 for a, b in pairwise(header)]
        numbered = [k for k, c in enumerate(header) if any(w in c.text for w in _NUMBER_WORDS)]
        self.key = numbered[0] if numbered else 0

    def column(self, cell: _Cell) -> int:
        return sum(cell.start >= b for b in self.bounds)

    def place(self, cells: list[_Cell]) -> list[str]:
        """The line's text by column: cell by cell when it has one per column, else by position."""
        if len(cells) == self.width:
            return [c.text for c in cells]
        row = [""] * self.width
        for c in cells:
            k = self.column(c)
            row[k] = f"{row[k]}{c.text}"
        return row


def _line(raw: str) -> str:
    """A line of the layout: a form feed (a page break pdftotext writes before a page's first line) dropped."""
    return raw.replace("\f", "")


def read_space_table(lines: list[str], i: int) -> tuple[Table, int] | None:
    """The space-aligned table whose header is ``lines[i]`` and the index after it, or None when no row
    follows the header.

    Under the header, lines of labels only (基数 / 目标值 under 2020年 / 2025年) are a second header row.
    Blank lines and page numbers inside the table are skipped; after one, only a new row continues it.
    """
    header = header_at(lines[i])
    if header is None:
        return None
    layout = _Layout(header)
    rows: list[list[str]] = [[c.text for c in header]]
    header_rows = 1
    j = end = i + 1
    broken = False  # a blank line or a page number since the last row
    while j < len(lines):
        line = _line(lines[j])
        if not line.strip() or PAGE_NUMBER.match(line.strip()):
            broken = True
            j += 1
            continue
        cells = _cells(line)
        placed = layout.place(cells)
        new_row = bool(placed[layout.key])
        if len(rows) == header_rows and not broken and all(_header_word(c.text) for c in _joined_letters(cells)):
            rows.append(layout.place(_joined_letters(cells)))  # a second header row
            header_rows += 1
        elif len(cells) == 1 and new_row and not ROW_NUMBER.fullmatch(cells[0].text):
            break  # a paragraph after the table
        elif new_row:
            rows.append(placed)
        elif len(rows) > header_rows and not broken:
            rows[-1] = [f"{a}{b}" for a, b in zip(rows[-1], placed, strict=True)]
        else:
            break
        broken = False
        j += 1
        end = j
    if len(rows) == header_rows:
        return None
    return Table(tuple(tuple(r) for r in rows)), end
