"""Web pages: the text of a policy page without the site around it.

The page is decoded (a ``<meta>`` charset first), parsed with the standard
library's ``html.parser`` into a small element tree, and walked: block elements
end paragraphs, ``<h1>``-``<h6>`` give an outline level, a data ``<table>`` becomes
a Table. Site furniture is left out: navigation, headers, footers, share bars,
breadcrumb and page-tool lines. An indicator table that the site flattened to one
cell per line is rebuilt by :func:`.linetables.recover_line_tables`.

A table used for page layout (one column, one row, or holding headings or other
tables) is not data: its cells' contents are read as ordinary blocks.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

import regex

from ..blocks import Block, Paragraph, ReadError, Table
from .linetables import recover_line_tables
from .txt import BOMS, decode

# --- decoding ----------------------------------------------------------------------------------------

# The charset of <meta charset="gbk"> or <meta http-equiv="Content-Type" content="text/html; charset=gb2312">.
META_CHARSET = re.compile(rb"""(?ix) <meta\b [^>]*? \bcharset \s*=\s* ["']? \s* ([a-z0-9_.:-]+)""")
# How far into the page a <meta> charset is looked for (browsers look at the first 1 KB; pages
# with long inline styles put it later).
PRESCAN_BYTES = 16 * 1024
# Markup, scripts, styles and entities. The text detector judges a page by its text, so when the
# raw page defeats it these are blanked out first; '<' and '>' never occur inside a multibyte
# character of GBK, GB18030, Big5 or UTF-8, so the text bytes are left intact. An unclosed script
# or comment runs to the end (one match, so the scan stays linear).
MARKUP_BYTES = re.compile(
    rb"""(?isx)
    <(script|style)\b .*? (?:</\1\s*> | \Z)   # a script or style element, contents and all
    | <!-- .*? (?:--> | \Z)                     # a comment
    | <[^<>]*>                                  # a tag
    | &\#?\w+;                                  # an entity: &nbsp; &#20154;
    """
)
# Labels of the GB family. GB18030 is a superset of all of them, and pages labelled gb2312 often
# use GBK-only characters, so all are decoded as GB18030.
GB_LABELS = frozenset({"gb2312", "gbk", "x-gbk", "gb18030", "gb_2312-80", "csgb2312", "chinese", "cp936"})


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode a page: a byte-order mark, else the <meta> charset if the bytes fit it, else as text
    (the page's text alone deciding when the whole page cannot)."""
    if not data.startswith(tuple(bom for bom, _ in BOMS)):
        declared = _declared_encoding(data)
        if declared is not None:
            try:
                return data.decode(declared), declared
            except UnicodeDecodeError:
                pass  # a wrong declaration: detect instead
    try:
        return decode(data)
    except ReadError:
        _, encoding = decode(MARKUP_BYTES.sub(b" ", data))
        # only markup was left out of the detection; a stray byte in it is replaced, not fatal
        return data.decode(encoding, errors="replace"), encoding


def _declared_encoding(data: bytes) -> str | None:
    match = META_CHARSET.search(data[:PRESCAN_BYTES])
    if match is None:
        return None
    label = match[1].decode("ascii").lower()
    if label in GB_LABELS:
        return "gb18030"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # A <meta> that could be read as ASCII bytes is not UTF-16/32; browsers take it as UTF-8.
    return "utf-8" if name.startswith(("utf-16", "utf-32")) else name


# --- element tree --------------------------------------------------------------------------------

# fmt: off
VOID_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
})
# fmt: on
# Opening a tag closes an open element of the first set, looking no further up than the second
# (<li> ends the previous <li> of the same list; <td> ends the previous cell of the same row).
IMPLIED_ENDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "li": (frozenset({"li"}), frozenset({"ul", "ol", "table"})),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl", "table"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl", "table"})),
    "tr": (frozenset({"tr", "td", "th"}), frozenset({"table", "thead", "tbody", "tfoot"})),
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "thead": (frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"}), frozenset({"table"})),
    "tbody": (frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"}), frozenset({"table"})),
    "tfoot": (frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"}), frozenset({"table"})),
    "body": (frozenset({"head"}), frozenset()),
}
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements that end a paragraph where they start and where they end.
# fmt: off
BLOCK_TAGS = HEADINGS | frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header",
    "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "ul"
})
# fmt: on
# An open <p> ends where one of these starts.
P_CLOSERS = BLOCK_TAGS - {"body", "html", "td", "th", "tr", "tbody", "thead", "tfoot", "caption"}
TABLE_PARTS = frozenset({"table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th"})
CAPTION_TAGS, ROW_TAGS, CELL_TAGS = frozenset({"caption"}), frozenset({"tr"}), frozenset({"td", "th"})
# A stray end tag does not close elements past these (a </div> inside a cell leaves the table alone).
CELL_SCOPE = frozenset({"table", "td", "th", "caption"})
TABLE_SCOPE = frozenset({"table"})
# Tags nested deeper than this are ignored (browsers cap nesting too), which keeps the recursive walks
# far from Python's recursion limit.
MAX_DEPTH = 200


@dataclass(eq=False, slots=True)
class _Element:
    tag: str
    attrs: dict[str, str]
    children: list[_Element | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """A forgiving tree builder: implied end tags for p, li, table parts; stray end tags ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("#root", {})
        self._stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if len(self._stack) >= MAX_DEPTH and tag not in VOID_TAGS:
            return  # too deep: the tag is ignored and its text joins the innermost open element
        closes, limits = IMPLIED_ENDS.get(tag, (frozenset(), frozenset()))
        if tag in P_CLOSERS:
            closes, limits = closes | {"p"}, limits | CELL_SCOPE
        self._close(closes, limits)
        element = _Element(tag, {name: value or "" for name, value in attrs})
        self._stack[-1].children.append(element)
        if tag not in VOID_TAGS:
            self._stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # </br> is read as <br>
            self.handle_starttag(tag, [])
            return
        self._close(frozenset({tag}), TABLE_SCOPE if tag in TABLE_PARTS else CELL_SCOPE)

    def handle_data(self, data: str) -> None:
        self._stack[-1].children.append(data)

    def _close(self, tags: frozenset[str], limits: frozenset[str]) -> None:
        """Close the innermost open element named in ``tags`` and everything inside it."""
        for i in range(len(self._stack) - 1, 0, -1):
            if self._stack[i].tag in tags:
                del self._stack[i:]
                return
            if self._stack[i].tag in limits:
                return


# --- extraction ------------------------------------------------------------------------------------

# Never text: code, styles, form controls, embedded objects, the <title> (the page body repeats it).
# fmt: off
DROPPED_TAGS = frozenset({
    "script", "style", "noscript", "template", "title", "select", "button", "textarea", "iframe",
    "object", "svg"
})
# fmt: on
# Site furniture by element ...
FURNITURE_TAGS = frozenset({"nav", "header", "footer", "aside", "form"})
# ... or by id / class: class="BreadcrumbNav", id="footer", class="bdsharebuttonbox share".
FURNITURE_NAME = re.compile(r"(?i)nav|menu|breadcrumb|footer|header|sidebar|share")
# HTML whitespace runs collapse to one space (a no-break space is text and stays).
HTML_SPACE = regex.compile(r"[ \t\n\r\f]+")
# A source line break between two Chinese characters is not a space: Word-exported pages wrap
# lines inside sentences ("为积极应对\n人口老龄化").
WIDE = r"[\p{Han}\u3000-\u303f\uff00-\uffef]"
WRAP_BETWEEN_WIDE = regex.compile(rf"(?<={WIDE})[ \t\r\f]*\n[ \t\n\r\f]*(?={WIDE})")
# Spans above this are clamped (the HTML limit for colspan).
MAX_SPAN = 1000
# A table whose spans would cover more grid positions than this is not data: read as layout.
MAX_GRID_CELLS = 100_000
SPAN_VALUE = re.compile(r"\s*(\d+)")  # rowspan="2", colspan="3px"


def _clean(raw: str) -> str:
    return HTML_SPACE.sub(" ", WRAP_BETWEEN_WIDE.sub("", raw)).strip()


def _span(cell: _Element, name: str) -> int:
    """rowspan / colspan: 1 when absent or unreadable, 0 (rowspan: to the end of the table) kept."""
    match = SPAN_VALUE.match(cell.attrs.get(name, ""))
    return min(int(match[1]), MAX_SPAN) if match else 1


def _parts(element: _Element, tags: frozenset[str]) -> Iterator[_Element]:
    """Descendants named in ``tags``, looking through wrappers but not into them or nested tables."""
    for child in element.children:
        if isinstance(child, str) or child.tag == "table":
            continue
        if child.tag in tags:
            yield child
        else:
            yield from _parts(child, tags)


@dataclass(slots=True)
class _Cell:
    blocks: list[Block]
    rowspan: int
    colspan: int

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks if isinstance(b, Paragraph))


class _Extractor:
    """Walks the element tree into blocks, leaving site furniture out."""

    def __init__(self, root: _Element) -> None:
        self._sizes: dict[_Element, int] = {}
        self._page_size = self._size(root)
        self._blocks: list[Block] = []
        self._chunks: list[str] = []
        self._level: int | None = None
        self._root = root

    def blocks(self) -> list[Block]:
        return self._blocks_of([self._root])

    def _blocks_of(self, nodes: Iterable[_Element | str]) -> list[Block]:
        """The blocks of ``nodes``, read apart from the blocks being collected (for table cells)."""
        saved = self._blocks, self._chunks, self._level
        self._blocks, self._chunks, self._level = [], [], None
        for node in nodes:
            self._walk(node)
        self._flush()
        blocks = self._blocks
        self._blocks, self._chunks, self._level = saved
        return blocks

    def _walk(self, node: _Element | str) -> None:
        if isinstance(node, str):
            self._chunks.append(node)
            return
        tag = node.tag
        if tag in DROPPED_TAGS or self._is_furniture(node):
            return
        if tag == "table":
            self._flush()
            self._blocks.extend(self._table(node))
            return
        if tag == "br":
            self._flush()
            return
        block = tag in BLOCK_TAGS
        if block:
            self._flush()
        if tag in HEADINGS:
            self._level = int(tag[1])
        for child in node.children:
            self._walk(child)
        if block:
            self._flush()
        if tag in HEADINGS:
            self._level = None

    def _flush(self) -> None:
        text = _clean("".join(self._chunks))
        self._chunks = []
        if text:
            self._blocks.append(Paragraph(text, self._level))

    def _size(self, node: _Element | str) -> int:
        """Characters of text (spaces not counted) under ``node``, leaving out scripts and styles."""
        if isinstance(node, str):
            return len(node) - sum(map(str.isspace, node))
        if node.tag in DROPPED_TAGS:
            return 0
        if node not in self._sizes:
            self._sizes[node] = sum(self._size(child) for child in node.children)
        return self._sizes[node]

    def _is_furniture(self, element: _Element) -> bool:
        """Navigation, header, footer and the like; but an element holding most of the page's text
        is a wrapper, not furniture (ASP.NET pages put the whole body in one <form>)."""
        name = f"{element.attrs.get('id', '')} {element.attrs.get('class', '')}"
        if element.tag in FURNITURE_TAGS or FURNITURE_NAME.search(name):
            return self._size(element) * 2 <= self._page_size
        return False

    def _table(self, table: _Element) -> list[Block]:
        """A data table as a Table block; a layout table as the blocks of its cells."""
        captions = [b for c in _parts(table, CAPTION_TAGS) for b in self._blocks_of(c.children)]
        caption = " ".join(b.text for b in captions if isinstance(b, Paragraph)) or None
        rows = [[self._cell(cell) for cell in _parts(tr, CELL_TAGS)] for tr in _parts(table, ROW_TAGS)]
        rows = [row for row in rows if row]
        contents = [b for row in rows for cell in row for b in cell.blocks]
        grid = None if _is_layout(table, rows, contents) else _place(rows)
        if grid is None:
            return ([Paragraph(caption)] if caption else []) + contents
        if caption is None and len(rows[0]) == 1 and len(grid[0]) > 1:  # a one-cell title row
            caption = grid.pop(0)[0] or None
        data_rows = tuple(tuple(row) for row in grid if any(row))
        if not data_rows:
            return [Paragraph(caption)] if caption else []
        return [Table(data_rows, caption)]

    def _cell(self, cell: _Element) -> _Cell:
        return _Cell(self._blocks_of(cell.children), _span(cell, "rowspan"), max(_span(cell, "colspan"), 1))


def _is_layout(table: _Element, rows: list[list[_Cell]], contents: list[Block]) -> bool:
    """A table used to lay out the page rather than to hold data."""
    return (
        table.attrs.get("role") == "presentation"
        or len(rows) <= 1
        or all(len(row) <= 1 for row in rows)
        or any(isinstance(b, Table) or b.outline_level is not None for b in contents)
    )


def _place(rows: list[list[_Cell]]) -> list[list[str]] | None:
    """Lay the cells on the table grid: a spanning cell's text in its first position, "" in the
    others. None when the spans would cover more than MAX_GRID_CELLS positions."""
    taken: dict[tuple[int, int], str] = {}
    for r, row in enumerate(rows):
        column = 0
        for cell in row:
            while (r, column) in taken:
                column += 1
            down = len(rows) - r if cell.rowspan == 0 else min(cell.rowspan, len(rows) - r)
            if len(taken) + down * cell.colspan > MAX_GRID_CELLS:
                return None
            for dr in range(down):
                for dc in range(cell.colspan):
                    taken[r + dr, column + dc] = cell.text if dr == dc == 0 else ""
            column += cell.colspan
    width = 1 + max(c for _, c in taken)
    return [[taken.get((r, c), "") for c in range(width)] for r in range(len(rows))]


# --- site furniture lines ----------------------------------------------------------------------------

# Lines that only say where the page sits in the site: "您的位置：首页 > 政务公开",
# "当前位置：…", "首页 > 信息公开 > 规划计划", "上一篇：…", "下一篇：…".
SITE_NAV_LINE = regex.compile(
    r"""(?x)
    ^(?:您的位置|您现在的位置|您当前的位置|您当前所在位置|当前位置|所在位置|上一篇|下一篇)\s*[:：]
    | ^(?:网站)?首页\s*[>＞»›→/]
    """
)
# Page tools inside a line: "【字体：大 中 小】", "字号：T|T", "[打印本页]", "【关闭窗口】", "分享到：".
PAGE_TOOL = regex.compile(
    r"""(?x)
    [【\[]?\s*(?:字体|字号)\s*[:：]?\s*(?:[大中小]\s*){2,3}[】\]]?
    | [【\[]\s*(?:打印本页|打印|关闭窗口|关闭|收藏|返回顶部|我要纠错|纠错|保存)\s*[】\]]
    | 打印本页 | 打印此页 | 关闭窗口 | 关闭本页 | 返回顶部 | 分享到\s*[:：]? | 扫一扫在手机打开当前页
    """
)
# What is left of a line that was only page tools: "打印 | 关闭", "【】".
TOOL_REMNANT = regex.compile(r"^(?:[\s|｜/·【】\[\]()（）]|打印|关闭|收藏|分享)*$")


def _drop_furniture_lines(blocks: list[Block]) -> list[Block]:
    """Drop breadcrumb and page-tool lines; strip page tools from a line that says more
    ("发布日期：2021-12-13 【字体：大 中 小】" keeps its date)."""
    kept: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            if SITE_NAV_LINE.search(block.text):
                continue
            text = PAGE_TOOL.sub("", block.text).strip()
            if TOOL_REMNANT.match(text):
                continue
            if text != block.text:
                block = Paragraph(text, block.outline_level)
        kept.append(block)
    return kept


# --- entry point -----------------------------------------------------------------------------------


def read_html(data: bytes) -> tuple[list[Block], str]:
    """Read a web page's text as blocks; also return the encoding it was decoded with."""
    text, encoding = decode_html(data)
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    blocks = _Extractor(builder.root).blocks()
    return recover_line_tables(_drop_furniture_lines(blocks)), encoding
