"""Web pages: the text of a policy page without the site around it.

The page is decoded (a ``<meta>`` charset first), parsed with the standard
library's ``html.parser`` into a small element tree, and walked: block elements
end paragraphs, ``<h1>``-``<h6>`` give an outline level, a data ``<table>`` becomes
a Table. Site furniture is left out: navigation, headers, footers, top bars, toolbars,
share bars and sidebars (by tag, or by a word of their id / class), and breadcrumb,
page-tool and chrome lines (欢迎访问……网站 无障碍 | 长者模式 | English) by their words.
The lines that agree with the title the page declares (a title ``<meta>``, the
``<title>``) become one level-1 heading, so no line above is taken into the title. An
indicator table that the site flattened to one cell per line is rebuilt by
:func:`.linetables.recover_line_tables`.

A table used for page layout (one column, one row, or holding headings or other
tables) is not data: its cells' contents are read as ordinary blocks. A one-cell first
row is the table's caption, unless later rows numbered alike show it is a group row.

Formatting that may stand for a lost outline is kept as an outline level after <h6>: a
paragraph wholly bold or in 黑体 / 楷体 (a heading line), or opening with such a sentence
ending in 。 (an item's title); the structure uses it only where numbering is absent.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

import regex

from ..blocks import Block, Paragraph, ReadError, Table
from ..lexicon import load
from ..numerals import int_to_cn
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
_CHROME = load("documents")["site_chrome"]
# Site furniture by element ...
FURNITURE_TAGS = frozenset({"nav", "header", "footer", "aside", "form"})
# ... or by a word inside its id / class: class="BreadcrumbNav", id="footer", class="bdsharebuttonbox share" ...
FURNITURE_NAME = re.compile("(?i)" + "|".join(_CHROME["name_words"]))
# ... or by a whole word of it: class="top-bar", class="tools", id="wzaBtn" (words split at - _ and case changes).
FURNITURE_TOKENS = frozenset(_CHROME["name_tokens"])
TITLE_TOKENS = frozenset({"title", "tit", "biaoti"})  # an element named as the article's title
NAME_TOKEN = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")  # "wzaBtn" -> wza, Btn; "top-bar" -> top, bar
# An element holding the document's own data is not furniture: <div class="tools">发布日期：2021-12-13 【打印】</div>
INFO_LABEL = regex.compile("|".join(_CHROME["info_labels"]))
INFO_BAR_SIZE = 150  # characters: an info bar is one line or two; a sidebar listing dated links is longer
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
SPACES = regex.compile(r"[\s\u3000\xa0]+")  # any run of spaces, ideographic and no-break ones too
# Headings that can hold the document's title (an <h4> is a sidebar box's caption).
TITLE_HEADINGS = frozenset({"h1", "h2", "h3"})
# The number of a group row spanning a table, by its form: "一、健全养老服务体系" / "（二）提升健康养老服务" /
# "第三部分 ……"
GROUP_NUMBER = regex.compile(
    r"^\s*(?:(?P<cn>[一二三四五六七八九十]{1,3})[、．.]|[（(](?P<paren>[一二三四五六七八九十]{1,3})[）)]"
    r"|第(?P<part>[一二三四五六七八九十]{1,3})(?:部分|章|类))"
)


def _clean(raw: str) -> str:
    return HTML_SPACE.sub(" ", WRAP_BETWEEN_WIDE.sub("", raw)).strip()


def _compact(text: str) -> str:
    """Text without any spaces, to compare titles written with and without them."""
    return SPACES.sub("", text)


def _text_of(node: _Element | str) -> str:
    if isinstance(node, str):
        return node
    if node.tag in DROPPED_TAGS:
        return ""
    return "".join(_text_of(child) for child in node.children)


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

    def __init__(self, root: _Element, titles: frozenset[str] = frozenset()) -> None:
        self._sizes: dict[_Element, int] = {}
        self._holds: dict[_Element, bool] = {}
        self._titles = titles  # the page's declared titles, compact (see _declared_titles)
        self._page_size = self._size(root)
        self._blocks: list[Block] = []
        self._chunks: list[tuple[str, frozenset[str]]] = []  # text with the formatting it stands in
        self._level: int | None = None
        self._style: frozenset[str] = frozenset()  # formatting set by the current block and inline elements in it
        self._aligned = False  # the current block is centred or right-aligned
        self.formats: list[_Format] = []  # the formats met, in order: paragraph levels FORMATTED_LEVEL + index
        self._lists: list[_List] = []  # the lists being walked, innermost last
        self._closed: tuple[int, int] | None = None  # the block count where the last outer list ended, its style
        self._root = root

    def blocks(self) -> list[Block]:
        return self._blocks_of([self._root])

    def _blocks_of(self, nodes: Iterable[_Element | str]) -> list[Block]:
        """The blocks of ``nodes``, read apart from the blocks being collected (for table cells)."""
        saved = self._blocks, self._chunks, self._level, self._style, self._aligned, self._closed
        self._blocks, self._chunks, self._level, self._style, self._aligned = [], [], None, frozenset(), False
        self._closed = None
        for node in nodes:
            self._walk(node)
        self._flush()
        blocks = self._blocks
        self._blocks, self._chunks, self._level, self._style, self._aligned, self._closed = saved
        return blocks

    def _walk(self, node: _Element | str) -> None:
        if isinstance(node, str):
            self._chunks.append((node, self._style))
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
        # a heading by its name where the page has no <h1>: <td class="title">, <div class="art_title">
        level = int(tag[1]) if tag in HEADINGS else 1 if block and _named_title(node) else None
        if level is not None:
            self._level = level
        saved = self._style, self._aligned
        if block:  # a block's formatting is its own and its inline elements' (an outer <div>'s font is the page's)
            self._style, self._aligned = _emphasis(node), _is_aligned(node)
        else:
            self._style |= _emphasis(node)
        if tag in LIST_TAGS:
            self._lists.append(self._open_list(node))
        elif tag == "li":
            self._number_item(node)
        for child in node.children:
            self._walk(child)
        if block:
            self._flush()
        if tag in LIST_TAGS:
            closed = self._lists.pop()
            self._closed = None if self._lists else (len(self._blocks), closed.style)
        self._style, self._aligned = saved
        if level is not None:
            self._level = None

    def _open_list(self, node: _Element) -> _List:
        """A list about to be walked: its items' number style, first number and direction, and whether
        the browser draws their markers (not for list-style:none, nor for a list of links: a menu)."""
        items = list(_parts(node, frozenset({"li"})))
        backwards = node.tag == "ol" and "reversed" in node.attrs
        start = _number_attr(node, "start") if node.tag == "ol" else None
        if start is None:
            start = len(items) if backwards else 1
        style = self._lists[-1].style + 1 if self._lists else self._style_after()
        drawn = not NO_MARKER.search(node.attrs.get("style", "")) and not _is_link_list(items)
        return _List(style, start, -1 if backwards else 1, drawn)

    def _style_after(self) -> int:
        """The number style of a list's items by what comes before it: the style below the nearest numbered
        line, looking back no further than an unnumbered heading; a list right after another is its sibling."""
        if self._closed is not None and self._closed[0] == len(self._blocks):
            return self._closed[1]
        for block in reversed(self._blocks):
            if not isinstance(block, Paragraph):
                continue
            typed = _typed_style(block.text)
            if typed is not None:
                return typed + 1
            if block.outline_level is not None and block.outline_level < FORMATTED_LEVEL:
                break
        return DEFAULT_LIST_STYLE

    def _number_item(self, item: _Element) -> None:
        """Put the number the browser draws in front of a list item's text, unless the page typed one."""
        if not self._lists:
            return
        owner = self._lists[-1]
        number = _number_attr(item, "value")
        number = owner.next if number is None else number
        owner.next = number + owner.step
        text = _clean(_text_of(item))
        typed = _typed_style(text)
        if typed is not None:
            owner.style = typed  # a typed list: a list nested in it goes one style deeper
        elif owner.drawn and text and not _is_numbered(text):
            self._chunks.append((_marker(owner.style, number), frozenset()))

    def _flush(self) -> None:
        runs, self._chunks = self._chunks, []
        text = _clean("".join(chunk for chunk, _ in runs))
        if text:
            level = self._level if self._level is not None or self._aligned else self._formatted(runs)
            self._blocks.append(Paragraph(text, level))

    def _formatted(self, runs: list[tuple[str, frozenset[str]]]) -> int | None:
        """The provisional level of a paragraph's formatting (FORMATTED_LEVEL + the format's index), if any."""
        fmt = _format_of(runs)
        if fmt is None:
            return None
        if fmt not in self.formats:
            self.formats.append(fmt)
        return FORMATTED_LEVEL + self.formats.index(fmt)

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
        """Navigation, header, footer, top bars, toolbars and the like; but an element holding most of
        the page's text is a wrapper, not furniture (ASP.NET pages put the whole body in one <form>),
        and one holding the document's title heading is the article's own header
        (<header><h1>……实施意见</h1><p>发布日期：……</p></header>), and a short one holding a labelled
        date or number carries the document's data (its page tools are stripped line by line)."""
        name = f"{element.attrs.get('id', '')} {element.attrs.get('class', '')}"
        if (
            element.tag in FURNITURE_TAGS
            or FURNITURE_NAME.search(name)
            or any(t.lower() in FURNITURE_TOKENS for t in NAME_TOKEN.findall(name))
        ):
            return (
                self._size(element) * 2 <= self._page_size
                and not self._holds_title(element)
                and not (self._size(element) <= INFO_BAR_SIZE and INFO_LABEL.search(_text_of(element)))
            )
        # a box of links headed by its kind, whatever its class: <div class="right"><h3>相关链接</h3><ul>……
        return self._size(element) * 2 <= self._page_size and bool(RELATED_HEAD.fullmatch(_first_text(element)))

    def _holds_title(self, node: _Element | str) -> bool:
        """Whether ``node`` holds the title heading: an <h1> (<h1>-<h3> agreeing with a declared title
        when the page declares one; a site logo in an <h1> then does not count)."""
        if isinstance(node, str) or node.tag in DROPPED_TAGS:
            return False
        if node not in self._holds:
            if node.tag in HEADINGS:
                text = _compact(_text_of(node))
                held = text in self._titles if self._titles else node.tag == "h1"
                held = held and node.tag in TITLE_HEADINGS
            else:
                held = any(self._holds_title(child) for child in node.children)
            self._holds[node] = held
        return self._holds[node]

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
        if caption is None and len(rows[0]) == 1 and len(grid[0]) > 1 and not _opens_groups(rows):
            caption = grid.pop(0)[0] or None  # a one-cell title row
        data_rows = tuple(tuple(row) for row in grid if any(row))
        if not data_rows:
            return [Paragraph(caption)] if caption else []
        return [Table(data_rows, caption)]

    def _cell(self, cell: _Element) -> _Cell:
        blocks = self._blocks_of(cell.children)
        if _named_title(cell):  # <td class="title">: the article's title in a layout table
            blocks = [Paragraph(b.text, 1) if isinstance(b, Paragraph) else b for b in blocks]
        return _Cell(blocks, _span(cell, "rowspan"), max(_span(cell, "colspan"), 1))


def _is_layout(table: _Element, rows: list[list[_Cell]], contents: list[Block]) -> bool:
    """A table used to lay out the page rather than to hold data."""
    return (
        table.attrs.get("role") == "presentation"
        or len(rows) <= 1
        or all(len(row) <= 1 for row in rows)
        or any(isinstance(b, Table) or (b.outline_level is not None and _formatted_level(b) is None) for b in contents)
    )


def _opens_groups(rows: list[list[_Cell]]) -> bool:
    """Whether a one-cell first row is the first of the table's group rows rather than its title: a later
    one-cell row is numbered in the same form ("一、健全养老服务体系" … "二、提升健康养老服务")."""
    first = GROUP_NUMBER.match(rows[0][0].text)
    if first is None:
        return False
    later = (GROUP_NUMBER.match(row[0].text) for row in rows[1:] if len(row) == 1)
    return any(m is not None and m.lastgroup == first.lastgroup for m in later)


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


# --- list numbers ------------------------------------------------------------------------------------
# The browser draws the numbers of an <ol>'s items (and the bullets of a <ul>'s); they are not in the text, so
# an item is given the number it stands for, in the document's style for its depth: the style below the nearest
# numbered line before the list ("（一）健全……" -> 1．, 2．), and below its own list's for a nested list.
# Letters and roman numerals (type="a", "i") are read as arabic numbers, which the outline understands.
LIST_TAGS = frozenset({"ol", "ul"})
# The outline's number styles, outermost first, each with the number it writes.
LIST_STYLES: tuple[tuple[str, Callable[[int], str]], ...] = (
    ("cn", lambda n: f"{int_to_cn(n)}、"),
    ("cn_paren", lambda n: f"（{int_to_cn(n)}）"),
    ("arabic", lambda n: f"{n}．"),
    ("arabic_paren", lambda n: f"（{n}）"),
    ("circled", lambda n: chr(0x2460 + n - 1) if 0 < n <= 20 else f"{n}．"),
)
DEFAULT_LIST_STYLE = 2  # 1． where nothing numbered comes before the list
# The style of a number a line opens with: "第三章" / "一、" / "（二）" / "3．" / "（1）" / "①"
LINE_NUMBER = regex.compile(
    r"""(?x) ^\s*(?:
    (?P<chapter>第[一二三四五六七八九十百零〇\d]{1,4}(?:章|节|部分|篇))
    | (?P<cn_paren>[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)])
    | (?P<arabic_paren>[（(]\s*\d{1,2}\s*[）)])
    | (?P<circled>[①-⑳])
    | (?P<cn>[一二三四五六七八九十]{1,3}\s*[、．.])
    | (?P<arabic>\d{1,2}\s*[．.、)）](?!\d))
    )"""
)
# Any typed number or letter an item opens with, which the browser's number would double:
# "1．" / "（一）" / "a)" / "第一条" / "一、"
TYPED_NUMBER = regex.compile(r"^\s*(?:[a-zA-Z]\s*[.)．）](?![a-zA-Z\d]))")
# An item's own number: <li value="5">; a list's: <ol start="3">
NUMBER_ATTR = re.compile(r"\s*(-?\d+)")
# A list that draws no marker: style="list-style:none" / "list-style-type: none"
NO_MARKER = re.compile(r"(?i)list-style(?:-type)?\s*:\s*none")


@dataclass(slots=True)
class _List:
    style: int  # the index in LIST_STYLES of its items' numbers
    next: int  # the number of its next item
    step: int  # 1, or -1 for <ol reversed>
    drawn: bool  # whether the browser draws its markers


def _typed_style(text: str) -> int | None:
    """The index in LIST_STYLES of the number a line opens with (a chapter counts as above 一、), if any."""
    match = LINE_NUMBER.match(text)
    if match is None or match.lastgroup is None:
        return None
    if match.lastgroup == "chapter":
        return -1
    return next(i for i, (kind, _) in enumerate(LIST_STYLES) if kind == match.lastgroup)


def _is_numbered(text: str) -> bool:
    """Does an item's text already open with a number (typed by the page, the list's markers hidden or not)?"""
    return LINE_NUMBER.match(text) is not None or TYPED_NUMBER.match(text) is not None


def _number_attr(element: _Element, name: str) -> int | None:
    match = NUMBER_ATTR.match(element.attrs.get(name, ""))
    return int(match[1]) if match else None


def _link_text(node: _Element | str) -> str:
    """The text inside links under ``node``."""
    if isinstance(node, str):
        return ""
    if node.tag == "a":
        return _text_of(node)
    return "".join(_link_text(child) for child in node.children)


def _is_link_list(items: list[_Element]) -> bool:
    """A list of links to other pages (a menu, related articles): each item's text mostly a link's."""
    return bool(items) and all(2 * len(_compact(_link_text(item))) >= len(_compact(_text_of(item))) for item in items)


def _marker(style: int, number: int) -> str:
    kind_writer = LIST_STYLES[min(max(style, 0), len(LIST_STYLES) - 1)][1]
    return kind_writer(number) if number > 0 else f"{number}．"


# --- formatting that stands for a lost outline -------------------------------------------------------
# A page whose numbers were lost (a CMS dropping automatic numbering) still marks its outline by formatting:
# a heading line wholly bold or in a heading font, an item opening with a styled title sentence. Such
# paragraphs get an outline level after <h6> (see _rank_formats); the structure decides whether to use it.
FORMATTED_LEVEL = 7
BOLD_TAGS = frozenset({"strong", "b"})
# Bold by style: "font-weight: bold" / "font-weight:700" / "font: bold 16px 黑体"
BOLD_STYLE = regex.compile(r"(?i)font(?:-weight)?\s*:[^;]*?\b(?:bold|bolder|[6-9]00)\b")
# The font families of a style: "font-family: 楷体, 楷体_GB2312" / "font:16px 黑体"
FONT_FAMILY = regex.compile(r"(?i)font(?:-family)?\s*:([^;]*)")
# The heading fonts of official documents (GB/T 9704: 一、 in 黑体, （一） in 楷体):
# "黑体" / "SimHei" / "楷体_GB2312" / "KaiTi"
HEADING_FONT = regex.compile(r"(?i)(?P<heiti>黑体|simhei|heiti)|(?P<kaiti>楷体|kaiti)")
# Alignment of a title, a 发文字号 or a signature, not of an outline heading: "text-align: center" / "text-align:right"
ALIGNED_STYLE = regex.compile(r"(?i)text-align\s*:\s*(?:center|right)")
ALIGNED_ATTR = frozenset({"center", "right"})  # <p align="center">
# The end of a line that introduces what follows, not a heading: "各省、自治区、直辖市人民政府：" / "具体如下，"
INTRODUCING_END = regex.compile(r"[：:，,；;、]$")


@dataclass(frozen=True, slots=True)
class _Format:
    lead: bool  # a styled title sentence opening the paragraph; else the whole paragraph is styled
    style: frozenset[str]  # "bold", "heiti", "kaiti"


def _emphasis(element: _Element) -> frozenset[str]:
    """The heading formatting an element itself sets: bold, a 黑体 or a 楷体 font."""
    style = element.attrs.get("style", "")
    flags = {"bold"} if element.tag in BOLD_TAGS or BOLD_STYLE.search(style) else set()
    families = " ".join([*FONT_FAMILY.findall(style), element.attrs.get("face", "")])
    flags |= {m.lastgroup for m in HEADING_FONT.finditer(families) if m.lastgroup}
    return frozenset(flags)


def _is_aligned(element: _Element) -> bool:
    """Centred or right-aligned by its own style: a title, a 发文字号, a signature."""
    return (
        element.tag == "center"
        or element.attrs.get("align", "").lower() in ALIGNED_ATTR
        or bool(ALIGNED_STYLE.search(element.attrs.get("style", "")))
    )


def _format_of(runs: list[tuple[str, frozenset[str]]]) -> _Format | None:
    """The formatting of a paragraph from its runs of text: wholly styled (a heading line), opening with a
    styled sentence that ends in 。 (an item's title: "<span 楷体>合理布局助餐服务设施。</span>各地要……"), or
    neither (emphasis inside the text, or none)."""
    runs = [(text, style) for text, style in runs if text.strip()]
    if not runs:
        return None
    common, k = runs[0][1], 0
    while k < len(runs) and common & runs[k][1]:
        common &= runs[k][1]
        k += 1
    if not common:
        return None
    lead = _clean("".join(text for text, _ in runs[:k]))
    rest = _clean("".join(text for text, _ in runs[k:]))
    if lead.endswith("。") or rest.startswith("。"):
        return _Format(True, common)
    if rest or INTRODUCING_END.search(lead):
        return None
    return _Format(False, common)


def _rank_formats(blocks: list[Block], formats: list[_Format]) -> list[Block]:
    """Give the formatted paragraphs their levels (the extractor numbered formats as it met them, cells of
    data tables included): heading lines outrank run-in titles, and within each the page's first use decides."""
    codes = list(dict.fromkeys(code for b in blocks if (code := _formatted_level(b)) is not None))
    ranked = sorted(codes, key=lambda code: formats[code - FORMATTED_LEVEL].lead)
    levels = {code: FORMATTED_LEVEL + rank for rank, code in enumerate(ranked)}
    return [Paragraph(b.text, levels[code]) if (code := _formatted_level(b)) is not None else b for b in blocks]


def _formatted_level(block: Block) -> int | None:
    """The level a paragraph has by its formatting, if that is where its level comes from."""
    level = block.outline_level if isinstance(block, Paragraph) else None
    return level if level is not None and level >= FORMATTED_LEVEL else None


# --- the declared title ------------------------------------------------------------------------------

# <meta name="ArticleTitle" content="……">, <meta property="og:title" content="……">
TITLE_META_NAMES = frozenset({"articletitle", "title", "dc.title", "og:title"})
# <meta name="SiteName" content="南宁市人民政府门户网站">: the site, never the document
SITE_META_NAMES = frozenset({"sitename", "og:site_name", "columnname"})
# Parts of a <title>: "南宁市人民政府关于……的实施意见_市政府文件_南宁市人民政府门户网站", "……规划 | 某区人民政府",
# "……规划 - 某区政务网" (a dash only with spaces around it: "（2021—2025年）" stays whole).
TITLE_PARTS = regex.compile(r"\s*(?:[_|｜]+|\s[-—–－]{1,2}\s)\s*")
MIN_TITLE = 6  # characters; a shorter <title> part is a site section ("市政府文件"), not a title
TITLE_REACH = 60  # blocks from the top where the title is looked for
TITLE_LINES = 3  # a title broken over at most this many lines


# a title that names a policy by its kind, at its end (a document type, a draft mark in brackets after it):
# "河西区“十三五”时期养老服务体系建设实施方案", "……若干措施（征求意见稿）", "……规划（2021—2025年）"
_DOC_TYPES = "|".join(sorted(load("documents")["doc_types"], key=len, reverse=True))
POLICY_TITLE = regex.compile(rf"(?:{_DOC_TYPES})(?:[（(][^（）()]{{1,16}}[）)])?$")


def _declared_titles(root: _Element) -> tuple[frozenset[str], str | None]:
    """The titles the page declares (compact): a title <meta> and the first part of the <title>, less
    the site's name; and the title those two agree on, if they do."""
    metas: list[str] = []
    sites: set[str] = set()
    first: str | None = None
    stack: list[_Element | str] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            continue
        if node.tag == "meta":
            name = (node.attrs.get("name") or node.attrs.get("property") or "").lower()
            content = _clean(node.attrs.get("content", ""))
            if name in TITLE_META_NAMES and content:
                metas.append(content)
            elif name in SITE_META_NAMES and content:
                sites.add(_compact(content))
        elif node.tag == "title":
            first = first or TITLE_PARTS.split(_clean(_text_of_raw(node)))[0]
            continue
        stack.extend(node.children)
    declared = {_compact(t) for t in [*metas, first or ""]}
    titles = frozenset(t for t in declared if len(t) >= MIN_TITLE and t not in sites)
    agreed = next((m for m in metas if first and _compact(m) == _compact(first) and _compact(m) in titles), None)
    if agreed is None and not metas and first and _compact(first) in titles and POLICY_TITLE.search(first):
        agreed = first  # a <title> alone, naming a policy: "……实施方案_某区人民政府" (the site name split off)
    return titles, agreed


def _text_of_raw(node: _Element) -> str:
    """All text under ``node`` (the <title> is itself a dropped tag)."""
    return "".join(c if isinstance(c, str) else _text_of_raw(c) for c in node.children)


# a link to an attached file, which repeats the title: "附件：河西区……实施方案.doc", "附件1. ……清单.xlsx"
ATTACHED_FILE = regex.compile(r"\s*附件\s*\d*\s*[：:.．、]?.*\.(?:docx?|wps|pdf|xlsx?|et|ofd|zip|rar)\s*$", regex.I)


def _mark_title(blocks: list[Block], titles: frozenset[str], agreed: str | None) -> list[Block]:
    """The lines of the body that agree with a declared title become one level-1 heading, so that no line
    before them is read as part of the title; a title that the <title> and a title <meta> agree on but the
    body leaves out is put first."""
    if not titles:
        return blocks
    top = blocks[:TITLE_REACH]
    for start, block in enumerate(top):
        if not isinstance(block, Paragraph):
            continue
        joined = ""
        for end in range(start, min(start + TITLE_LINES, len(top))):
            line = top[end]
            if not isinstance(line, Paragraph):
                break
            joined += _compact(line.text)
            if joined in titles:
                marked = [Paragraph(b.text, 1) for b in blocks[start : end + 1] if isinstance(b, Paragraph)]
                return blocks[:start] + marked + blocks[end + 1 :]
            if not any(t.startswith(joined) for t in titles):
                break
    if agreed is not None and not any(_states(b.text, agreed) for b in top if isinstance(b, Paragraph)):
        return [Paragraph(agreed, 1), *blocks]
    return blocks


def _states(line: str, title: str) -> bool:
    """Does the body line give the title: hold it, and not as the name of an attached file ("附件：……实施方案.doc")."""
    return _compact(title) in _compact(line) and not ATTACHED_FILE.match(line)


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
# A line of site chrome words and separators only: "欢迎访问南宁市人民政府门户网站 无障碍 | 长者模式 | English",
# "简体 | 繁體 | 手机版", "微信 微博 QQ空间" (what a share bar leaves after "分享到：").
CHROME_WORD = "|".join(_CHROME["line_words"])
CHROME_LINE = regex.compile(rf"(?:[\s|｜/·•，,、【】\[\]]*(?:{CHROME_WORD}))+[\s|｜/·•，,、【】\[\]]*")
# A list of links to other pages: "相关解读：图解《……》", "相关链接：……".
RELATED_LINE = regex.compile(r"^(?:" + "|".join(_CHROME["related"]) + r")\s*[:：]")
# … or the heading of a box of such links: "相关链接", "推荐阅读"
RELATED_HEAD = regex.compile(r"(?:" + "|".join(_CHROME["related"]) + r")\s*[:：]?")


def _named_title(element: _Element) -> bool:
    """An element whose id or class names it a title: "title", "art_title", "articleTitle" (not "subtitle")."""
    name = f"{element.attrs.get('id', '')} {element.attrs.get('class', '')}"
    return any(token.lower() in TITLE_TOKENS for token in NAME_TOKEN.findall(name))


def _first_text(node: _Element | str) -> str:
    """The first non-blank text inside ``node``, stripped: a box's heading."""
    if isinstance(node, str):
        return node.strip()
    for child in node.children:
        if text := _first_text(child):
            return text
    return ""


def _drop_furniture_lines(blocks: list[Block]) -> list[Block]:
    """Drop breadcrumb and page-tool lines; strip page tools from a line that says more
    ("发布日期：2021-12-13 【字体：大 中 小】" keeps its date)."""
    kept: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            if SITE_NAV_LINE.search(block.text) or RELATED_LINE.search(block.text) or CHROME_LINE.fullmatch(block.text):
                continue
            text = PAGE_TOOL.sub("", block.text).strip()
            if TOOL_REMNANT.match(text) or CHROME_LINE.fullmatch(text):
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
    titles, agreed = _declared_titles(builder.root)
    extractor = _Extractor(builder.root, titles)
    blocks = recover_line_tables(_mark_title(_drop_furniture_lines(extractor.blocks()), titles, agreed))
    return _rank_formats(blocks, extractor.formats), encoding
