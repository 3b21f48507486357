"""Markdown-like text (pandoc, Typora or GitHub output, a page pasted from a chat window): its markup is taken
off before the text is read as plain text, and its pipe tables become tables::

    # 黔东南州……实施方案                 -> a heading of outline level 1, without its marks
    **（一）加强组织领导。** 州……        -> （一）加强组织领导。 州……
    > 注：责任单位列第一位者为牵头单位。  -> 注：责任单位列第一位者为牵头单位。
    ---                                  -> (a rule: dropped)
    <p align="right">某办<br>2023年7月5日</p> -> two lines: 某办 / 2023年7月5日
    | 序号 | 责任单位 |                    -> a table: the header row, then the rows; the alignment row
    | :--: | :--- |                          is dropped, "<br>" in a cell is a line break inside it and
    | 1 | 州民政局<br>州财政局 |               "\\|" is a "|" of its text
    +------+----------+                   -> a table (pandoc's grid table): a cell's lines joined, a blank
    | 1    | 建立……   |                      line in it a line break
    +------+----------+
    <table>…</table>                     -> a table, read by the HTML reader

A document is touched only when it shows markdown (a "#" heading, a table, a bold pair or an HTML tag),
and then only its markup: a document without any comes back line for line as it went in, and an asterisk
that is content ("注*", "5*") stays.
"""

from __future__ import annotations

import html

import regex

from ..blocks import Block, Paragraph, Table
from .wraps import PAGE_NUMBER

# A character every kind of markup needs: "#" of a heading, "*" or "_" of emphasis, "<" of a tag, "|" or "+" of
# a table. A plain Chinese document seldom holds one.
MARKUP_CHARACTER = regex.compile(r"[#*_<|+]")
# An ATX heading: "## 三、保障措施", "# 标题 #" (closing marks are dropped).
HEADING = regex.compile(r"^ {0,3}(?P<marks>#{1,6})(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*$")
# A thematic break: "---", "***", "* * *", "___", or a setext underline "====".
RULE = regex.compile(r"^ {0,3}(?:(?P<mark>[-*_])(?:[ \t]*(?P=mark)){2,}|={3,})[ \t]*$")
# Block-quote marks at the start of a line: "> 注：……", ">> 引文".
QUOTE = regex.compile(r"^ {0,3}(?:>[ \t]?)+")
# A bullet list mark: "- 州民政局", "* 州财政局", "+ 各县（市）". An ordered list's number ("1. ") is content.
BULLET = regex.compile(r"^ {0,3}[-*+][ \t]+(?=\S)")
# A pipe not escaped, the boundary between two cells: "州民政局 | 州财政局", not "A \| B".
PIPE = regex.compile(r"(?<!\\)\|")
# A table's alignment row, under its header: "| :--: | :--- |", "---|---", "|-----|".
ALIGNMENT_ROW = regex.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
# A pandoc hard line break: a backslash ending the line, "黔东南州人民政府办公室\".
HARD_BREAK = regex.compile(r"\\$")
# A grid table's border (pandoc's own markdown, for cells of several paragraphs): "+------+-----+", and under its
# header "+:====:+=====+".
GRID_BORDER = regex.compile(r"^[ \t]*\+(?:[-=:]+\+)+[ \t]*$")
# A line of a grid table's row, a piece of each cell between pipes: "| 1    | 建立基本养老服务清单制度。 |".
GRID_LINE = regex.compile(r"^[ \t]*\|.*\|[ \t]*$")
# Two ends of a cell's wrapped line that were a space apart: "Wi" / "Fi", "12349" / "热线" are not.
LATIN_END, LATIN_START = regex.compile(r"[A-Za-z0-9]$"), regex.compile(r"^[A-Za-z0-9]")
# The tags of an HTML table, which pandoc's GitHub writer puts in for cells of several paragraphs: "<table>",
# "<table class=\"grid\">", "</table>".
TABLE_OPEN, TABLE_CLOSE = regex.compile(r"(?i)<table\b"), regex.compile(r"(?i)</table\s*>")

# --- inline markup, taken off in this order ---------------------------------------------------------

# An HTML comment: "<!-- 页眉 -->".
COMMENT = regex.compile(r"<!--.*?-->")
# A line break: "<br>", "<br/>", "<BR />".
LINE_BREAK = regex.compile(r"(?i)<br\s*/?>")
# A tag that opens or closes a block, so breaks the line: "<p align=\"right\">", "</p>", "<div>", "</h2>".
BLOCK_TAG = regex.compile(r"(?i)</?(?:p|div|h[1-6]|li|ul|ol|tr|table|blockquote|center|section)(?:\s[^<>]*)?/?>")
# Any other tag, dropped: "<span style=\"…\">", "</strong>", "<font color=red>". Not "<60岁" or "<a@b.cn>".
TAG = regex.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
# An HTML entity: "&nbsp;", "&lt;", "&#12288;", "&#x3000;".
ENTITY = regex.compile(r"&(?:[A-Za-z]+|#\d+|#[xX][0-9A-Fa-f]+);")
# The longest stretch of text that markup spans (a bold heading sentence, a link's text): every mark that opens
# one looks this far for its end, and no farther, so a long line of unclosed marks is read in linear time.
SPAN_LIMIT = 300
# An image, dropped: "![图1](img/1.png)".
IMAGE = regex.compile(rf"!\[[^\]]{{0,{SPAN_LIMIT}}}\]\([^)]{{0,{SPAN_LIMIT}}}\)(?:\{{[^}}]{{0,{SPAN_LIMIT}}}\}})?")
# A link, kept as its text: "[附件](http://…)" -> 附件.
LINK = regex.compile(rf"(?<!\\)\[(?P<text>[^\]]{{1,{SPAN_LIMIT}}})\]\([^)]{{0,{SPAN_LIMIT}}}\)")
# A pandoc span with attributes, kept as its text: "[重点]{.underline}" -> 重点.
SPAN = regex.compile(rf"(?<!\\)\[(?P<text>[^\]]{{1,{SPAN_LIMIT}}})\]\{{[^}}]{{0,{SPAN_LIMIT}}}\}}")
# Code, kept as its text: "`12349`" -> 12349.
CODE = regex.compile(rf"(?<![\\`])`(?P<text>[^`]{{1,{SPAN_LIMIT}}})`(?!`)")
# Strong emphasis with stars: "**（一）加强组织领导。**", "州财政局要**统筹**", "***重点***". As in CommonMark, an
# opening run after a word is not followed by punctuation: never the footnote marks of "床位数**、占比**".
STRONG = regex.compile(
    rf"""(?x)
    (?<![\\*]) (?P<mark>\*\*\*?) (?=[^\s*]) (?:(?<!\w\*{{2,3}})|(?!\p{{P}}))
    (?P<text>.{{1,{SPAN_LIMIT}}}?)
    (?<=[^\s\\*]) (?P=mark) (?!\*)
    """
)
# Strong emphasis with underscores, set off from words: "__加强组织领导__", not the blanks of "__年__月".
STRONG_UNDERSCORE = regex.compile(
    rf"(?<![\\\w])(?P<mark>___?)(?=[^\s_])(?P<text>.{{1,{SPAN_LIMIT}}}?)(?<=[^\s\\_])(?P=mark)(?!\w)"
)
# Emphasis with one star, set off from words: "*（试行）*", "说明 *重点* 内容". Never "注*", "5*" or "*为约束性".
EMPHASIS = regex.compile(rf"(?<![\\\w*])\*(?=[^\s*])(?P<text>[^*]{{1,{SPAN_LIMIT}}}?)(?<=[^\s\\*])\*(?![\w*])")
# Struck-through text, kept as its text: "~~2023年~~".
STRIKE = regex.compile(rf"(?<!\\)~~(?=\S)(?P<text>.{{1,{SPAN_LIMIT}}}?)(?<=\S)~~")
# A character escaped from markdown: "\*", "\|", "\#", "\[" -> the character.
ESCAPE = regex.compile(r"\\(?P<char>[!-/:-@\[-`{-~])")

# Patterns whose match is replaced by its text, in the order they are applied (a link's text may be bold).
KEEP_TEXT = (LINK, SPAN, CODE, STRONG, STRONG_UNDERSCORE, EMPHASIS, STRIKE)


def read_markdown(lines: list[str]) -> list[list[str] | Block]:
    """A markdown document as runs of lines without markup, left to the plain-text reader, between its tables
    and headings as blocks. ``[lines]`` when the document shows no markdown."""
    if not _is_markdown(lines):
        return [lines]
    out: list[list[str] | Block] = []
    i = 0
    while i < len(lines):
        if _opens_table(lines, i):
            table, i = _read_table(lines, i)
            out.append(table)
            continue
        if _opens_grid_table(lines, i):
            table, i = _read_grid_table(lines, i)
            out.append(table)
            continue
        if TABLE_OPEN.match(lines[i].lstrip()):
            blocks, i = _read_html_table(lines, i)
            out.extend(blocks)
            continue
        for part in _line(lines[i]):
            if not isinstance(part, str):
                out.append(part)
            elif out and isinstance(out[-1], list):
                out[-1].append(part)
            else:
                out.append([part])
        i += 1
    return out


def _is_markdown(lines: list[str]) -> bool:
    """Whether some line shows markup that plain text never has: a "#" heading with its text, a bold pair, an
    HTML tag, or a pipe or grid table. Most documents hold none of the characters markup needs: one search."""
    if not MARKUP_CHARACTER.search("\n".join(lines)):
        return False
    return any(
        ((heading := HEADING.match(line)) and heading["text"]) or STRONG.search(line) or TAG.search(line)
        for line in lines
    ) or any(_opens_table(lines, i) or _opens_grid_table(lines, i) for i in range(len(lines) - 1))


def _line(line: str) -> list[str | Block]:
    """One line without its markup: a heading paragraph, or text lines ("<br>" splits a line; a rule is blank)."""
    if RULE.match(line):
        return [""]
    if heading := HEADING.match(line):
        text = "".join(_inline(heading["text"] or "")).strip()
        return [Paragraph(text, len(heading["marks"]))] if text else [""]
    if PAGE_NUMBER.match(line.strip()):
        return [line]  # "- 3 -" is a page number, not a list item
    line = BULLET.sub("", QUOTE.sub("", line))
    return list(_inline(HARD_BREAK.sub("", line.rstrip())))


def _inline(text: str) -> list[str]:
    """Text without its inline markup, split at its line breaks ("<br>", a block tag)."""
    text = IMAGE.sub("", COMMENT.sub("", text))
    text = TAG.sub("", BLOCK_TAG.sub("\n", LINE_BREAK.sub("\n", text)))
    for pattern in KEEP_TEXT:
        text = pattern.sub(lambda m: m["text"], text)
    text = ENTITY.sub(lambda m: html.unescape(m[0]), ESCAPE.sub(lambda m: m["char"], text))
    return text.split("\n")


# --- tables ----------------------------------------------------------------------------------------


def _opens_table(lines: list[str], i: int) -> bool:
    """A header row (a line with a pipe) over an alignment row of as many cells."""
    if i + 1 >= len(lines) or not PIPE.search(lines[i]) or not ALIGNMENT_ROW.match(lines[i + 1]):
        return False
    return "|" in lines[i + 1] and len(_cells(lines[i])) == len(_cells(lines[i + 1]))


def _read_table(lines: list[str], i: int) -> tuple[Table, int]:
    """The table whose header row is line ``i``, and the index after it: rows go on while lines hold a pipe. A
    row has the header's width (a missing cell is empty, an extra one dropped, as GitHub reads them)."""
    header = _cells(lines[i])
    rows = [header]
    i += 2
    while i < len(lines) and lines[i].strip() and PIPE.search(lines[i]):
        cells = _cells(lines[i])
        rows.append((cells + [""] * len(header))[: len(header)])
        i += 1
    return Table(tuple(tuple(_cell_text(cell) for cell in row) for row in rows)), i


def _opens_grid_table(lines: list[str], i: int) -> bool:
    """A border over a line of cells."""
    return bool(GRID_BORDER.match(lines[i])) and i + 1 < len(lines) and bool(GRID_LINE.match(lines[i + 1]))


def _read_grid_table(lines: list[str], i: int) -> tuple[Table, int]:
    """The grid table whose top border is line ``i``, and the index after it. A row is the lines between two
    borders; a cell's pieces are joined (a blank piece ends a paragraph, a line break in the cell)."""
    rows: list[tuple[str, ...]] = []
    pieces: list[list[str]] = []
    i += 1
    while i < len(lines) and (GRID_BORDER.match(lines[i]) or GRID_LINE.match(lines[i])):
        if GRID_BORDER.match(lines[i]):
            if pieces:
                rows.append(tuple(_grid_cell(cell) for cell in pieces))
            pieces = []
        else:
            cells = PIPE.split(lines[i].strip()[1:-1])
            pieces = pieces or [[] for _ in cells]
            for cell, piece in zip(pieces, cells, strict=False):
                cell.append(piece.strip())
        i += 1
    return Table(tuple(rows)), i


def _grid_cell(pieces: list[str]) -> str:
    """A grid cell's text from its lines' pieces: a paragraph's pieces joined (with a space between two Latin
    words), paragraphs a line each."""
    paragraphs = [""]
    for piece in pieces:
        if not piece:
            paragraphs.append("")
        elif LATIN_END.search(paragraphs[-1]) and LATIN_START.search(piece):
            paragraphs[-1] += " " + piece
        else:
            paragraphs[-1] += piece
    return _cell_text("\n".join(paragraphs))


def _read_html_table(lines: list[str], i: int) -> tuple[list[Block], int]:
    """The blocks of the HTML table that opens at line ``i`` (read by the HTML reader), and the index after the
    line that closes it; a table nested in a cell is part of it."""
    from .html import read_html  # not at the top: the HTML reader imports the text reader, which imports this

    depth, end = 0, i
    while end < len(lines):
        depth += len(TABLE_OPEN.findall(lines[end])) - len(TABLE_CLOSE.findall(lines[end]))
        end += 1
        if depth <= 0:
            break
    blocks, _ = read_html("\n".join(lines[i:end]).encode("utf-8"))
    return blocks, end


def _cells(line: str) -> list[str]:
    """The cells of a table row, with or without pipes at its ends: "| 1 | 州民政局 |" and "1 | 州民政局"."""
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return PIPE.split(line)


def _cell_text(cell: str) -> str:
    """A cell's text without markup, a "<br>" a line break in it: "州民政局<br>州财政局" -> "州民政局\\n州财政局"."""
    return "\n".join(part.strip() for part in _inline(cell) if part.strip())
