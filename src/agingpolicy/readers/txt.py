"""Plain text: decode, drop converter furniture, join hard-wrapped lines (:mod:`.wraps`), and rebuild
the tables that text conversion flattened.

Four flattened table forms are recognised:

* tab-separated rows, as a spreadsheet or a web table pastes them: a line per row,
  cells separated by tabs (``序号\t重点任务\t责任单位``), two such lines at least;

* Word-to-text: each cell a line starting with a tab, rows separated by blank lines,
  an empty cell a lone tab, and a line without a tab continuing the cell above::

      \\t类别
      \\t指标
      \\t目标值
      (blank)
      \\t社会保障
      \\t基本养老保险参保人数（万人）

* columns aligned with runs of spaces, as PDF-to-text layout output gives (see :mod:`.spacetables`);

* the web form of an indicator table, one cell per line, a cell broken over
  two lines (see :mod:`.linetables`).

Markdown (headings, emphasis, pipe tables, inline HTML) is taken off first (see :mod:`.markdown`).
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ..blocks import Block, Paragraph, ReadError, Table
from ..structure import classify
from .linetables import recover_line_tables
from .markdown import read_markdown
from .spacetables import read_space_table
from .wraps import unwrap, width

# Converter artefacts that carry no text: "[bookmark: _GoBack]" (pandoc / Word-to-text).
ARTIFACT = re.compile(r"\[bookmark:[^\]]*\]")

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> tuple[str, str]:
    """Decode text bytes: a BOM decides, else UTF-8, else GB18030 (a superset of GBK), else a detector.

    Raises ReadError for binary or undecodable input.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise ReadError(f"not valid {encoding} text despite its byte-order mark ({exc.reason})") from exc
    if _looks_like_utf16(data):
        encoding = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8192]:
        raise ReadError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # GB18030 decodes almost any bytes, Big5 included (as mojibake): let the detector choose between the
    # Chinese encodings first, then fall back to GB18030 (a superset of GBK) and to any encoding at all.
    chinese = from_bytes(data[:200_000], cp_isolation=["gb18030", "big5"]).best()
    for encoding in ([chinese.encoding] if chinese is not None else []) + ["gb18030"]:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _mostly_chinese(text):
            return text, encoding
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = ""
        if _mostly_chinese(text):
            return text, best.encoding
    raise ReadError("undecodable text: not UTF-8, UTF-16 or GB18030/GBK")


def _looks_like_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: NUL bytes (the high bytes of ASCII characters) mostly at even or mostly at odd
    offsets; a CJK character whose low byte is 0 (一 = U+4E00) puts a few on the other side."""
    sample = data[:8192]
    if len(sample) < 4 or len(sample) % 2:
        return False
    even_nul, odd_nul = sample[0::2].count(0), sample[1::2].count(0)
    return max(even_nul, odd_nul) >= 4 * min(even_nul, odd_nul) + 2


def _mostly_chinese(text: str) -> bool:
    """A detector's guess is kept only when it reads as Chinese (a policy document), not as mojibake."""
    visible = [c for c in text[:20_000] if not c.isspace()]
    han = sum("\u4e00" <= c <= "\u9fff" for c in visible)
    return bool(visible) and han >= 0.3 * len(visible)


def read_txt(data: bytes) -> tuple[list[Block], str]:
    text, encoding = decode(data)
    return text_to_blocks(text), encoding


def text_to_blocks(text: str) -> list[Block]:
    """Split decoded text into paragraphs and tab-form tables, then recover line-form tables. Markdown's tables
    and headings are blocks already; the lines between them are read here."""
    text = ARTIFACT.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    blocks: list[Block] = []
    indents: dict[int, int] = {}  # a paragraph's leading white space (a first-line indent), by block index
    for part in read_markdown(text.split("\n")):
        if isinstance(part, list):
            _read_lines(part, blocks, indents)
        else:
            blocks.append(part)
    return recover_line_tables(unwrap(blocks, indents))


def _read_lines(lines: list[str], blocks: list[Block], indents: dict[int, int]) -> None:
    """Read lines of plain text onto ``blocks``: tables of the flattened forms, else a paragraph per line, its
    leading white space in ``indents``."""
    i = 0
    while i < len(lines):
        fields = _tsv_fields(lines[i])
        if fields >= 2 and i + 1 < len(lines) and _tsv_row(lines[i + 1], fields):
            table, i = _read_tsv_table(lines, i)
            blocks.append(table)
            continue
        if lines[i].startswith("\t"):
            table, i = _read_tab_table(lines, i)
            blocks.append(table)
            continue
        if (aligned := read_space_table(lines, i)) is not None:
            table, i = aligned
            blocks.append(table)
            continue
        stripped = lines[i].strip()
        if stripped:
            indents[len(blocks)] = width(lines[i]) - width(lines[i].lstrip())
            blocks.append(Paragraph(stripped))
        i += 1


def _tsv_fields(line: str) -> int:
    """Cells of a tab-separated row (0 for a line that is not one): "序号\t任务名称\t责任单位" -> 3. Not a row: a
    line of the Word-to-text form (one cell, led by a tab), or a list item whose number Word's text export
    set off with a tab ("一、\t主要任务", "（二）\t完善制度")."""
    cells = line.rstrip("\r\n ").split("\t")
    if len(cells) < 2 or not cells[0].strip():
        return 0
    first = cells[0].strip()
    heading = classify(first + cells[1].strip())  # the number alone is no heading; with the text after it is
    is_label = heading is not None and heading.damage is None and heading.rest_start >= len(first)
    return 0 if is_label else len(cells)


def _tsv_row(line: str, width: int) -> list[str]:
    """The cells of ``line`` as a row of a tab-separated table ``width`` cells wide, or [] when it is not one. A
    row led by tabs (cells merged down, a second header row: "\t\t\t牵头单位\t配合单位") has the full width."""
    cells = line.rstrip("\r\n ").split("\t")  # trailing tabs are empty cells
    if len(cells) < 2 or (not cells[0].strip() and len(cells) < width - 1):
        return []
    return cells


def _read_tsv_table(lines: list[str], i: int) -> tuple[Table, int]:
    """Rows copied from a spreadsheet or a web table, a line each, cells separated by tabs; a row whose first
    cells are empty (merged down) starts with tabs. Ends at the first line that is not such a row."""
    width = _tsv_fields(lines[i])
    rows: list[tuple[str, ...]] = []
    while i < len(lines) and (cells := _tsv_row(lines[i], width)):
        rows.append(tuple(c.strip() for c in cells))
        i += 1
    width = max(len(r) for r in rows)
    return Table(tuple(r + ("",) * (width - len(r)) for r in rows)), i


def _read_tab_table(lines: list[str], i: int) -> tuple[Table, int]:
    """Read a Word-to-text table starting at line ``i``; return it and the index after it."""
    rows: list[list[str]] = []
    row: list[str] = []
    while i < len(lines):
        line = lines[i]
        if line.startswith("\t"):
            row.append(line[1:].strip())
        elif line.strip() == "":
            if row:
                rows.append(row)
                row = []
            # a blank line ends the row; a following line without a tab ends the table
            if i + 1 >= len(lines) or not lines[i + 1].startswith("\t"):
                i += 1
                break
        elif row:  # a cell continued over several lines
            row[-1] = f"{row[-1]}\n{line.strip()}".strip()
        else:
            break
        i += 1
    if row:
        rows.append(row)
    caption = None
    if len(rows) > 1 and len(rows[0]) == 1 and max(len(r) for r in rows[1:]) > 1:
        caption = rows.pop(0)[0]
    return Table(tuple(tuple(r) for r in rows), caption), i
