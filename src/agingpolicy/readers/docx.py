"""Word .docx (from Word or WPS): paragraphs and tables in body order.

The package is read with zipfile and lxml. Only the parts the text needs are inflated and parsed:
the package relationships (``_rels/.rels``), which name the main part (``word/document.xml``, or
another name: Word Online writes ``word/document2.xml``); the main part's relationships; the main
part; and its styles and numbering parts. Pictures and every other member are never inflated.

Five traps of government .docx files are handled here:

* automatic numbering ("一、", "（一）", "1.") is not in the paragraph text; it is
  rendered from numbering.xml and put back in front of the text;
* a merged table cell is one ``w:tc`` covering several grid positions; its text
  appears once, in its top-left position, and the other positions are "";
* text inside smart tags, tracked insertions and content controls is in runs that are
  not children of the paragraph; it is collected with the rest. Content controls and custom XML
  also wrap paragraphs and tables in a body or cell, rows in a table and cells in a row (form
  templates): the wrapped items are read as the container's own (see _items);
* a layout table (one cell framing the whole body, or a one-column box of paragraphs) is not
  data: its paragraphs and nested tables are read as the body's (see _layout_cells);
* a text box's paragraphs are not in the text of the paragraph anchoring it: they are read as
  blocks of their own, right after it. Word writes a text box twice (mc:AlternateContent: a
  DrawingML copy in mc:Choice, a VML copy in mc:Fallback); the mc:Fallback copy is never read.

Hostile packages: the zip directory is checked before anything is inflated (size and compression
limits: zip bombs); a part that declares a DTD is refused (entity expansion), and the parser
neither loads DTDs, resolves entities nor touches the network.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

import regex
from lxml import etree
from lxml.etree import _Element

from ..blocks import Block, Paragraph, ReadError, Table
from ..lexicon import load

# --- package limits, checked on the zip directory before anything is inflated ---------------------

# All members together, uncompressed. A long 规划 with pictures is well under 20 MB.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
# Uncompressed / compressed size of one member. Word XML deflates 5-20 to 1; hundreds to 1 is
# padding built to explode. (zipfile never inflates a member past the size its directory states.)
MAX_COMPRESSION_RATIO = 200
# A compound (OLE) file: a Word 97-2003 .doc, or a password-protected .docx, which Word wraps in one.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"
ZIP_SIGNATURE = b"PK"  # a zip's first local header; such a file that will not open is a damaged zip
# Word tables have at most 63 columns; a larger w:gridSpan or w:gridBefore is damage (or an attack
# on memory) and is clamped.
MAX_COLUMNS = 63
# A DTD is the door to entity expansion ("billion laughs") and no OOXML part needs one. Searched as
# raw bytes, in every encoding an XML parser detects without a declaration, in each part before it
# is parsed.
DTD_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)
# What a damaged archive raises while a member is inflated (RuntimeError: an encrypted member;
# ValueError: a member offset before the start of the file).
CORRUPT_MEMBER_ERRORS = (
    zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError, ValueError
)  # fmt: skip
# One parser for every part: no DTD loaded, no entity replaced, no network, libxml2's limits on depth
# and text size kept; comments, processing instructions and the ID table are not wanted.
XML_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
    collect_ids=False,
)

# --- XML names ---------------------------------------------------------------------------------------

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def qn(name: str) -> str:
    """A prefixed name in Clark notation: "w:p" -> "{http://schemas.openxmlformats.org/...}p"."""
    prefix, local = name.split(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


REL = qn("rel:Relationship")
W_DOCUMENT, W_BODY = qn("w:document"), qn("w:body")
W_P, W_TBL, W_TR, W_TC, W_R = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r")
W_PPR, W_TCPR, W_TRPR, W_NUM_PR = qn("w:pPr"), qn("w:tcPr"), qn("w:trPr"), qn("w:numPr")
W_VAL, W_TYPE, W_STYLE_ID = qn("w:val"), qn("w:type"), qn("w:styleId")
W_PSTYLE, W_NAME, W_BASED_ON, W_OUTLINE_LVL = qn("w:pStyle"), qn("w:name"), qn("w:basedOn"), qn("w:outlineLvl")
W_NUM_ID, W_ILVL = qn("w:numId"), qn("w:ilvl")
W_GRID_BEFORE, W_GRID_SPAN, W_V_MERGE, W_H_MERGE = qn("w:gridBefore"), qn("w:gridSpan"), qn("w:vMerge"), qn("w:hMerge")
# Wrappers Word allows around the items of a body or cell (paragraphs, tables), of a table (rows) and of a
# row (cells): content controls (w:sdt, the items in its w:sdtContent) and, in older files, custom XML.
W_SDT, W_SDT_CONTENT, W_CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
W_SHOWING_PLACEHOLDER = f"{qn('w:sdtPr')}/{qn('w:showingPlcHdr')}"  # a content control showing its placeholder
BLOCK_ITEMS, ROWS, CELLS = frozenset((W_P, W_TBL)), frozenset((W_TR,)), frozenset((W_TC,))
W_DOC_PART_GALLERY = "/".join(map(qn, ("w:sdtPr", "w:docPartObj", "w:docPartGallery")))  # a path for find()
# A run or text box below one of these is not the paragraph's own: deleted or moved-away revisions,
# the paragraphs of a text box (and so the text boxes nested in them), and the fallback copy of
# markup-compatibility content (a VML copy of a DrawingML text box).
HIDDEN_RUN_PARENTS = frozenset(map(qn, ("w:del", "w:moveFrom", "w:txbxContent", "mc:Fallback", "w:p")))
# A text box's content (in wps:txbx, or VML v:textbox): paragraphs and tables, like a table cell.
W_TXBX_CONTENT = qn("w:txbxContent")
# A single-column table is layout, not data, when a cell holds at least this many paragraphs with text
# (a data cell holds one value) or a nested table. A table of one row and one column is always layout.
LAYOUT_CELL_PARAGRAPHS = 2
# Run content: text, a break ("\n" when a line break; page and column breaks are ""), and the
# elements that stand for one character.
W_T, W_BR = qn("w:t"), qn("w:br")
RUN_CHARACTERS = {qn("w:tab"): "\t", qn("w:ptab"): "\t", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-"}

# A style name giving a heading level: Word's built-in "heading 2", WPS's "标题 2".
HEADING_STYLE = regex.compile(r"(?i)^(?:heading|标题)\s*([1-9])$")
# An automatic table of contents ("toc 1", "目录 2"): it repeats the headings, so it is left out.
TOC_STYLE = regex.compile(r"(?i)^(?:toc|目录)\s*[1-9]$")
# A placeholder in a numbering level's text: "%1" is the counter of level 1 (ilvl 0).
LEVEL_PLACEHOLDER = regex.compile(r"%([1-9])")
# A rendered number that ends in a word ("第一章", "1.1") is followed by a space; one that ends in
# punctuation or a symbol ("一、", "（一）", "①") is not.
WORD_END = regex.compile(r"[\p{Han}A-Za-z0-9]$")


# --- number formats (w:numFmt) -----------------------------------------------------------------------

CHINESE_DIGITS = "零一二三四五六七八九"
CHINESE_UNITS = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))


def _chinese(n: int) -> str:
    """Chinese counting: 1 一, 10 十, 11 十一, 20 二十, 99 九十九, 105 一百零五 (decimal from 10000)."""
    if not 0 < n < 10000:
        return str(n)
    out = ""
    gap = False  # a zero digit between two non-zero ones is read "零"
    for value, unit in CHINESE_UNITS:
        digit = n // value % 10
        if digit == 0:
            gap = bool(out)
            continue
        out += ("零" if gap else "") + CHINESE_DIGITS[digit] + unit
        gap = False
    return out[1:] if 10 <= n < 20 else out  # 十一, not 一十一


def _series(symbols: str) -> Callable[[int], str]:
    """A format that has one symbol per number (①-⑳, 甲-癸) and falls back to digits after it."""
    return lambda n: symbols[n - 1] if 0 < n <= len(symbols) else str(n)


# Letter numbers repeat their letter once per round of the alphabet (AAA is 53); a list level that
# starts at a huge w:start would render a huge label, so beyond this many rounds digits are used.
MAX_LETTER_ROUNDS = 10


def _letters(alphabet: str) -> Callable[[int], str]:
    """Word's letter numbering: A..Z, then AA..ZZ, AAA..."""
    return lambda n: alphabet[(n - 1) % 26] * ((n - 1) // 26 + 1) if 0 < n <= 26 * MAX_LETTER_ROUNDS else str(n)


ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, numeral in ROMAN:
        count, n = divmod(n, value)
        out += numeral * count
    return out


FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
CIRCLED = "".join(chr(0x2460 + i) for i in range(20))  # ①..⑳
PARENTHESISED = "".join(chr(0x2474 + i) for i in range(20))  # ⑴..⒇
FULL_STOPPED = "".join(chr(0x2488 + i) for i in range(20))  # ⒈..⒛
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"

# w:numFmt value -> rendering. An unknown format renders as decimal, as Word does.
NUMBER_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(FULL_WIDTH_DIGITS),
    "decimalFullWidth2": lambda n: str(n).translate(FULL_WIDTH_DIGITS),
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "japaneseCounting": _chinese,
    "taiwaneseCounting": _chinese,
    "ideographTraditional": _series(HEAVENLY_STEMS),  # 甲, 乙, 丙 (ECMA-376), not 一, 二, 三
    "ideographZodiac": _series(EARTHLY_BRANCHES),
    "decimalEnclosedCircle": _series(CIRCLED),
    "decimalEnclosedCircleChinese": _series(CIRCLED),
    "decimalEnclosedParen": _series(PARENTHESISED),
    "decimalEnclosedFullstop": _series(FULL_STOPPED),
    "upperLetter": _letters("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    "lowerLetter": _letters("abcdefghijklmnopqrstuvwxyz"),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "none": lambda n: "",
}
# Bullets are not numbers: their glyph (often a private-use Wingdings character) is not prefixed.
BULLET = "bullet"


# styles.xml as Word and WPS write it, cut on its bytes before parsing (see _paragraph_styles)
STYLES_ROOT = regex.compile(rb"(?:<\?xml[^>]*\?>\s*)?<w:styles\b[^>]*>")  # <w:styles xmlns:w="…" …>
STYLE_OPEN, STYLE_CLOSE = b"<w:style ", b"</w:style>"
STYLE_TYPE = regex.compile(rb"\sw:type\s*=")  # <w:style w:type="table" …>
PARAGRAPH_TYPE = regex.compile(rb"""\sw:type\s*=\s*["']paragraph["']""")


# --- nested tables: a table inside a cell becomes lines of that cell's text ------------------------

# Units a column header may carry in brackets, for a value cell that is a number alone.
CELL_UNITS = frozenset(load("units")["units"]) | {"％"}
# A header that names its unit in brackets: "建设任务（个）", "覆盖率(%)", "新增家庭养老床位（张）".
UNIT_LABEL = regex.compile(r"(?P<name>.*?)\s*[（(](?P<unit>[^（）()]{1,5})[）)]")
# A cell holding a number alone, its unit left to the header: "6", "40", "12.5".
BARE_NUMBER = regex.compile(r"\d+(?:\.\d+)?")
# A cell holding a quantity, written right after its label: "40%", "200张", "≥60%", "约30", "2024年".
QUANTITY_CELL = regex.compile(r"[≥≤＞＜><约]?\d")
# A label ending in a number or a date, which a colon keeps apart from the quantity after it: "2025年", "2025年底".
NUMBER_END = regex.compile(r"\d[年月日]?[度底末]?$")
# What a nested row's cells are joined with, and what sets a row's first cell (its key) off from the rest.
CELL_SEPARATOR, KEY_SEPARATOR = "，", "："

# --- entry point -----------------------------------------------------------------------------------


def read_docx(data: bytes) -> list[Block]:
    """Read a .docx file's body as blocks. Raises ReadError for input that is not a readable .docx."""
    with _open_zip(data) as archive:
        _check_sizes(archive.infolist())
        main = _relationships(archive, "").get("officeDocument")
        document = _part(archive, main)
        if main is None or document is None:
            raise ReadError("no document part")
        body = _body(document, main)
        related = _relationships(archive, main)
        styles = _part(archive, related.get("styles"), keep=_paragraph_styles)
        numbering = _part(archive, related.get("numbering"))
    return _DocxReader(body, styles, numbering).blocks()


# --- the package -----------------------------------------------------------------------------------


def _open_zip(data: bytes) -> zipfile.ZipFile:
    if data.startswith(OLE_SIGNATURE):
        raise ReadError("encrypted .docx or legacy .doc; save it as an unencrypted .docx")
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        reason = "truncated or corrupt .docx (zip) file" if data.startswith(ZIP_SIGNATURE) else None
        raise ReadError(reason or "not a .docx (zip) file") from exc


def _check_sizes(members: list[zipfile.ZipInfo]) -> None:
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ReadError(
            f"refused: the .docx would inflate to {total // 2**20} MB "
            f"(limit {MAX_UNCOMPRESSED_BYTES // 2**20} MB), a zip bomb"
        )
    for m in members:
        if m.file_size and m.file_size > m.compress_size * MAX_COMPRESSION_RATIO:
            raise ReadError(f"refused: {m.filename} is compressed more than {MAX_COMPRESSION_RATIO} to 1, a zip bomb")


def _part(
    archive: zipfile.ZipFile, name: str | None, keep: Callable[[bytes], bytes | None] | None = None
) -> _Element | None:
    """The root element of member ``name``; None when there is no such member. ``keep`` may cut the
    part down to what is read of it before parsing (the whole part is parsed when its cut is not XML)."""
    if name is None:
        return None
    try:
        content = archive.read(name)
    except KeyError:
        return None
    except CORRUPT_MEMBER_ERRORS as exc:
        raise ReadError(f"truncated or corrupt .docx (zip) file: cannot read {name}") from exc
    if any(marker in content for marker in DTD_MARKERS):
        raise ReadError(f"refused: {name} declares a DTD or XML entities (entity expansion)")
    cut = keep(content) if keep else None
    if cut is not None:
        try:
            return etree.fromstring(cut, XML_PARSER)
        except etree.XMLSyntaxError:
            pass  # an unusual layout: parse it all
    try:
        return etree.fromstring(content, XML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"corrupt .docx: {name} is not well-formed XML ({exc.msg})") from exc


def _paragraph_styles(content: bytes) -> bytes | None:
    """styles.xml with only its paragraph styles: the reader follows nothing else, and table, character
    and latent styles are most of the part (350 KB in python-docx's template, 36 paragraph styles of 164).
    Cut on the bytes, which is ~15x cheaper than parsing the rest; None when the part is not laid out as
    Word and WPS write it (<w:styles …> root, <w:style …> children)."""
    head = STYLES_ROOT.match(content)
    if head is None:
        return None
    kept = [head.group(0)]
    start = content.find(STYLE_OPEN, head.end())
    while start != -1:
        tag_end = content.find(b">", start)
        if tag_end == -1:
            return None
        tag = content[start : tag_end + 1]
        following = content.find(STYLE_OPEN, tag_end)
        if STYLE_TYPE.search(tag) is None or PARAGRAPH_TYPE.search(tag):  # no w:type: a paragraph style
            end = tag_end + 1 if tag.endswith(b"/>") else content.find(STYLE_CLOSE, tag_end)
            if end == -1:
                return None
            kept.append(content[start : end if tag.endswith(b"/>") else end + len(STYLE_CLOSE)])
        start = following
    kept.append(b"</w:styles>")
    return b"".join(kept)


def _relationships(archive: zipfile.ZipFile, source: str) -> dict[str, str]:
    """The member each relationship of part ``source`` ("" for the package) points to, by the last
    word of its type ("officeDocument", "styles", "numbering"); the first of a type counts. A target
    is relative to the source's folder ("styles.xml") or absolute ("/word/document2.xml")."""
    folder, name = posixpath.split(source)
    root = _part(archive, posixpath.join(folder, "_rels", f"{name}.rels"))
    targets: dict[str, str] = {}
    for rel in () if root is None else root.iterchildren(REL):
        if rel.get("TargetMode") != "External":
            target = posixpath.normpath(posixpath.join("/", folder, rel.get("Target", "")))
            targets.setdefault(rel.get("Type", "").rpartition("/")[2], target.lstrip("/"))
    return targets


def _body(document: _Element, name: str) -> _Element:
    """The w:body of main part ``name``; ReadError for another kind of package (an .xlsx renamed .docx)."""
    if document.tag != W_DOCUMENT:
        root = etree.QName(document)
        raise ReadError(
            f"not a Word document: its main part {name} has root element <{root.localname}>"
            + (f" ({root.namespace})" if root.namespace else "")
        )
    body = document.find(W_BODY)
    if body is None:
        raise ReadError(f"not a Word document: its main part {name} has no w:body")
    _clear_placeholders(body)
    return body


def _clear_placeholders(body: _Element) -> None:
    """Empty the content controls still showing their placeholder ("单击或点击此处输入文字。"): an unfilled form
    field holds no text of the document. Emptied, not removed, so a table keeps its cells in place."""
    for sdt in body.iter(W_SDT):
        if sdt.find(W_SHOWING_PLACEHOLDER) is not None:
            for t in sdt.iter(W_T):
                t.text = ""


# --- small XML helpers -----------------------------------------------------------------------------


def _child_val(parent: _Element | None, tag: str) -> str | None:
    """The w:val of ``parent``'s first ``tag`` child, or None."""
    if parent is None:
        return None
    child = parent.find(tag)
    return None if child is None else child.get(W_VAL)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _num_pr(ppr: _Element | None) -> tuple[str | None, int | None]:
    """(numId, ilvl) of a paragraph or style's w:numPr; None for what it leaves out."""
    num_pr = ppr.find(W_NUM_PR) if ppr is not None else None
    return _child_val(num_pr, W_NUM_ID), _int(_child_val(num_pr, W_ILVL))


def _items(container: _Element, tags: frozenset[str]) -> Iterator[_Element]:
    """The children of ``container`` tagged one of ``tags``, in order, looking inside content controls and
    custom XML at any depth: the paragraphs and tables of a body or cell (BLOCK_ITEMS), the rows of a table
    (ROWS), the cells of a row (CELLS). An automatic table of contents in a content control is skipped."""
    for child in container:
        if child.tag in tags:
            yield child
        elif child.tag == W_SDT:
            gallery = child.find(W_DOC_PART_GALLERY)
            content = child.find(W_SDT_CONTENT)
            if content is not None and (gallery is None or gallery.get(W_VAL) != "Table of Contents"):
                yield from _items(content, tags)
        elif child.tag == W_CUSTOM_XML:
            yield from _items(child, tags)


def _reading_order(container: _Element) -> Iterator[_Element]:
    """The paragraphs and data tables of a body, cell or text box as they are read: a layout table
    gives its cells' items, and a paragraph is followed by the items of the text boxes it anchors."""
    for item in _items(container, BLOCK_ITEMS):
        if item.tag == W_TBL and (cells := _layout_cells(item)) is not None:
            for cell in cells:
                yield from _reading_order(cell)
            continue
        yield item
        if item.tag == W_P:
            for box in _text_boxes(item):
                yield from _reading_order(box)


def _layout_cells(tbl: _Element) -> list[_Element] | None:
    """The cells, top to bottom, of a table that frames text rather than holding data; None for a data
    table. A layout table has one cell in every row, and either one row, or some cell holding a nested
    table or several paragraphs with text (LAYOUT_CELL_PARAGRAPHS). A one-column list of values (one
    paragraph per cell) is data."""
    rows = [list(_items(tr, CELLS)) for tr in _items(tbl, ROWS)]
    if not rows or any(len(cells) != 1 for cells in rows):
        return None
    cells = [cells[0] for cells in rows]
    if len(cells) == 1 or any(_frames_text(cell) for cell in cells):
        return cells
    return None


def _frames_text(cell: _Element) -> bool:
    """Whether a cell holds a nested table or several paragraphs with text: a region of the page, not a value."""
    paragraphs = 0
    for item in _items(cell, BLOCK_ITEMS):
        if item.tag == W_TBL:
            return True
        paragraphs += bool(_paragraph_text(item).strip())
    return paragraphs >= LAYOUT_CELL_PARAGRAPHS


def _own(node: _Element, p: _Element) -> bool:
    """Whether ``node`` (a run, a text box) inside paragraph ``p`` belongs to ``p`` itself: no element
    of HIDDEN_RUN_PARENTS stands between them."""
    parent = node.getparent()
    while parent is not None and parent is not p and parent.tag not in HIDDEN_RUN_PARENTS:
        parent = parent.getparent()
    return parent is p


def _text_boxes(p: _Element) -> list[_Element]:
    """The content of the text boxes anchored in paragraph ``p``, in order, each once: the mc:Choice
    copy (or a lone VML text box), never the mc:Fallback copy; a text box nested in one of them belongs
    to the paragraph of the outer box that anchors it."""
    return [box for box in p.iter(W_TXBX_CONTENT) if _own(box, p)]


def _paragraph_text(p: _Element) -> str:
    """The visible text of a paragraph, including runs inside hyperlinks, smart tags (Word's
    "chsdate" dates), fields, content controls and tracked insertions; not its text boxes' text."""
    parts = []
    for run in p.iter(W_R):
        if not _own(run, p):
            continue
        for child in run:
            if child.tag == W_T:
                parts.append(child.text or "")
            elif child.tag == W_BR:
                if child.get(W_TYPE, "textWrapping") == "textWrapping":
                    parts.append("\n")
            elif child.tag in RUN_CHARACTERS:
                parts.append(RUN_CHARACTERS[child.tag])
    return "".join(parts)


# --- styles and numbering --------------------------------------------------------------------------


class _Styles:
    """Paragraph styles by id, followed along w:basedOn."""

    def __init__(self, root: _Element | None) -> None:
        styles = () if root is None else root.iterchildren(qn("w:style"))
        self._by_id = {sid: s for s in styles if (sid := s.get(W_STYLE_ID))}
        self.default = next(
            (sid for sid, s in self._by_id.items()
             if s.get(W_TYPE) == "paragraph" and s.get(qn("w:default")) in ("1", "true", "on")),
            None,
        )  # fmt: skip

    def chain(self, style_id: str | None) -> list[_Element]:
        """The style and the styles it is based on, nearest first."""
        chain: list[_Element] = []
        while style_id in self._by_id and all(s.get(W_STYLE_ID) != style_id for s in chain):
            style = self._by_id[style_id]
            chain.append(style)
            style_id = _child_val(style, W_BASED_ON)
        return chain


@dataclass(frozen=True, slots=True)
class _Level:
    fmt: str  # w:numFmt
    text: str  # w:lvlText, e.g. "（%2）"
    start: int  # w:start
    legal: bool  # w:isLgl: every number in the text in decimal
    style: str | None  # w:pStyle: the paragraph style linked to this level


def _level(lvl: _Element) -> _Level:
    is_lgl = lvl.find(qn("w:isLgl"))
    return _Level(
        fmt=_child_val(lvl, qn("w:numFmt")) or "decimal",
        text=_child_val(lvl, qn("w:lvlText")) or "",
        start=_int(_child_val(lvl, qn("w:start"))) or 0,  # ECMA-376: an omitted w:start is 0
        legal=is_lgl is not None and is_lgl.get(W_VAL) not in ("0", "false", "off"),
        style=_child_val(lvl, W_PSTYLE),
    )


def _levels(parent: _Element) -> dict[int, _Level]:
    return {
        ilvl: _level(lvl) for lvl in parent.iterchildren(qn("w:lvl")) if (ilvl := _int(lvl.get(W_ILVL))) is not None
    }


class _Numbering:
    """The lists of numbering.xml and their running counters, one counter per (numId, ilvl)."""

    def __init__(self, root: _Element | None) -> None:
        self._lists: dict[str, dict[int, _Level]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        abstract_num_id = qn("w:abstractNumId")
        abstract = {a.get(abstract_num_id): _levels(a) for a in root.iterchildren(qn("w:abstractNum"))}
        for num in root.iterchildren(qn("w:num")):
            levels = dict(abstract.get(_child_val(num, abstract_num_id), {}))
            for override in num.iterchildren(qn("w:lvlOverride")):
                ilvl = _int(override.get(W_ILVL))
                if ilvl is None:
                    continue
                levels.update(_levels(override))
                start = _int(_child_val(override, qn("w:startOverride")))
                if start is not None and ilvl in levels:
                    levels[ilvl] = replace(levels[ilvl], start=start)
            self._lists[num.get(W_NUM_ID)] = levels

    def level_of_style(self, num_id: str, style_id: str | None) -> int | None:
        """The level of list ``num_id`` linked to paragraph style ``style_id`` (w:lvl/w:pStyle)."""
        levels = self._lists.get(num_id, {})
        return next((ilvl for ilvl, level in sorted(levels.items()) if style_id and level.style == style_id), None)

    def next_label(self, num_id: str, ilvl: int) -> str:
        """Count one more item at (num_id, ilvl) and render its number; a count restarts deeper levels."""
        levels = self._lists.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self._counters.setdefault(num_id, {})
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else levels[ilvl].start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        level = levels[ilvl]
        if level.fmt == BULLET:
            return ""

        def number(match: regex.Match[str]) -> str:
            k = int(match[1]) - 1
            if k > ilvl or k not in levels:
                return ""
            fmt = "decimal" if level.legal else levels[k].fmt
            return NUMBER_FORMATS.get(fmt, str)(counters.get(k, levels[k].start))

        return LEVEL_PLACEHOLDER.sub(number, level.text)


# --- the reader ------------------------------------------------------------------------------------


class _DocxReader:
    def __init__(self, body: _Element, styles: _Element | None, numbering: _Element | None) -> None:
        self._body = body
        self._styles = _Styles(styles)
        self._numbering = _Numbering(numbering)

    def blocks(self) -> list[Block]:
        """The body's paragraphs and data tables in reading order (see _reading_order)."""
        blocks: list[Block] = []
        for item in _reading_order(self._body):
            if item.tag == W_TBL:
                blocks.extend(self._table(item))
            elif (paragraph := self._paragraph(item)) is not None:
                blocks.append(paragraph)
        return blocks

    # paragraphs

    def _paragraph(self, p: _Element) -> Paragraph | None:
        """The paragraph with its list number in front; None for an empty one or a TOC line."""
        ppr = p.find(W_PPR)
        style_id = _child_val(ppr, W_PSTYLE) or self._styles.default
        chain = self._styles.chain(style_id)
        if chain and TOC_STYLE.match(_child_val(chain[0], W_NAME) or ""):
            return None
        label = self._label(ppr, chain, style_id)  # counted even when the text is empty, as Word does
        text = _paragraph_text(p).strip()
        if not text:
            return None
        if label:
            text = f"{label} {text}" if WORD_END.search(label) else label + text
        return Paragraph(text, self._outline_level(ppr, chain))

    def _label(self, ppr: _Element | None, chain: list[_Element], style_id: str | None) -> str:
        num_id, ilvl = _num_pr(ppr)
        if num_id is None:  # the style supplies what the paragraph's own w:numPr leaves out
            for style in chain:
                style_num, style_ilvl = _num_pr(style.find(W_PPR))
                if style_num is not None:
                    num_id = style_num
                    ilvl = style_ilvl if ilvl is None else ilvl
                    break
        if num_id is None or num_id == "0":  # numId 0 switches numbering off
            return ""
        if ilvl is None:
            ilvl = self._numbering.level_of_style(num_id, style_id) or 0
        return self._numbering.next_label(num_id, ilvl)

    @staticmethod
    def _outline_level(ppr: _Element | None, chain: list[_Element]) -> int | None:
        """1 for a top-level heading: w:outlineLvl (0-based, 9 = body text), else a "heading N" style."""
        for props in (ppr, *(s.find(W_PPR) for s in chain)):
            level = _int(_child_val(props, W_OUTLINE_LVL))
            if level is not None:
                return level + 1 if 0 <= level < 9 else None
        for style in chain:
            if match := HEADING_STYLE.match(_child_val(style, W_NAME) or ""):
                return int(match[1])
        return None

    # tables

    def _table(self, tbl: _Element) -> list[Block]:
        """The table as a block (none when it holds no text; a paragraph when only a caption)."""
        rows, first_row_cells = self._grid(tbl)
        caption = None
        width = max((len(r) for r in rows), default=0)
        if first_row_cells == 1 and width > 1 and len(rows) > 1:
            caption = next((cell for cell in rows.pop(0) if cell), None)
        rows = [r for r in rows if any(r)]
        if not rows:
            return [Paragraph(caption)] if caption else []
        return [Table(tuple(tuple(r + [""] * (width - len(r))) for r in rows), caption)]

    def _grid(self, tbl: _Element) -> tuple[list[list[str]], int]:
        """Cell texts on the table grid, and the number of cells in the first row.

        A cell spanning columns (w:gridSpan, legacy w:hMerge) or continuing down (w:vMerge) is one
        ``w:tc``: its text goes in its first grid position, the positions it also covers get "".
        """
        rows: list[list[str]] = []
        seen: set[_Element] = set()
        above: dict[int, _Element] = {}  # grid column -> the cell covering it in the row above
        first_row_cells = 0
        for tr in _items(tbl, ROWS):
            trpr = tr.find(W_TRPR)
            row = [""] * min(_int(_child_val(trpr, W_GRID_BEFORE)) or 0, MAX_COLUMNS)
            covering: dict[int, _Element] = {}
            cells = list(_items(tr, CELLS))
            for tc in cells:
                tcpr = tc.find(W_TCPR)
                span = min(max(_int(_child_val(tcpr, W_GRID_SPAN)) or 1, 1), MAX_COLUMNS)
                column = len(row)
                owner = tc
                v_merge = tcpr.find(W_V_MERGE) if tcpr is not None else None
                if v_merge is not None and v_merge.get(W_VAL) in (None, "continue"):
                    owner = above.get(column, tc)
                elif _child_val(tcpr, W_H_MERGE) == "continue" and column - 1 in covering:
                    owner = covering[column - 1]
                for k in range(span):
                    covering[column + k] = owner
                row.append("" if owner in seen else self._cell_text(owner))
                row.extend([""] * (span - 1))
                seen.add(owner)
            if not rows:
                first_row_cells = len(cells)
            rows.append(row)
            above = covering
        return rows, first_row_cells

    def _cell_text(self, tc: _Element) -> str:
        """A cell's paragraphs (with its text boxes' and layout tables'), one per line; a nested table's
        rows a line each (see _nested_lines)."""
        lines: list[str] = []
        for item in _reading_order(tc):
            if item.tag == W_P:
                if (paragraph := self._paragraph(item)) is not None:
                    lines.append(paragraph.text)
            else:
                lines.extend(_nested_lines(self._grid(item)[0]))
        return "\n".join(lines)


def _nested_lines(grid: list[list[str]]) -> list[str]:
    """A nested table as lines of its cell's text, a row a line. Under a header row every value keeps its
    column's label, and a number alone takes the unit its label names in brackets, so that

        年度 | 建设任务（个） | 覆盖率
        2024年 | 6 | 40%

    reads "2024年：建设任务6个，覆盖率40%". A table without a header row (no numbers under a row of labels)
    gives its rows' cells joined by "，"."""
    rows = [[cell.strip() for cell in row] for row in grid if any(cell.strip() for cell in row)]
    if not _has_header(rows):
        return [CELL_SEPARATOR.join(cell for cell in row if cell) for row in rows]
    header = rows[0]
    return [_labelled_row(header, row) for row in rows[1:]]


def _has_header(rows: list[list[str]]) -> bool:
    """Whether the first row labels the columns: labels over every value column (the corner may be empty),
    none of them a number alone, and some number in the rows under them."""
    if len(rows) < 2 or len(rows[0]) < 2:
        return False
    labels = rows[0][1:]
    return (
        all(labels)
        and not any(BARE_NUMBER.fullmatch(cell) for cell in rows[0])
        and any(QUANTITY_CELL.search(cell) for row in rows[1:] for cell in row[1:])
    )


def _labelled_row(header: list[str], row: list[str]) -> str:
    """A row under a header: its first cell (a year, an item) as the key, then each value after its label.
    A key that names a unit ("建设任务（个）" beside years) gives it to the numbers in its row."""
    key, key_unit = _unit_of(row[0])
    cells = CELL_SEPARATOR.join(
        _labelled(label, value, key_unit) for label, value in zip(header[1:], row[1:], strict=False) if value
    )
    return KEY_SEPARATOR.join(part for part in (key, cells) if part)


def _labelled(label: str, value: str, key_unit: str | None) -> str:
    """A value after its label: a quantity right after it ("覆盖率40%"), text or a quantity under a date after a
    colon ("责任单位：县民政局", "2025年：120张"); a number alone takes the label's unit, else the row key's
    ("建设任务（个）", "6" -> "建设任务6个")."""
    name, unit = _unit_of(label)
    unit = unit or key_unit
    if unit and BARE_NUMBER.fullmatch(value):
        value += unit
    if QUANTITY_CELL.match(value) and not NUMBER_END.search(name):
        return name + value
    return f"{name}{KEY_SEPARATOR}{value}" if name else value


def _unit_of(label: str) -> tuple[str, str | None]:
    """A label without the unit it names in brackets, and that unit: "建设任务（个）" -> ("建设任务", "个")."""
    m = UNIT_LABEL.fullmatch(label)
    if m is None or m["unit"] not in CELL_UNITS:
        return label, None
    return m["name"], m["unit"]
