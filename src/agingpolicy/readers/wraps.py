"""Text copied out of a PDF: page furniture dropped, hard-wrapped lines joined back into paragraphs.

A PDF copy breaks every paragraph into lines of one width and puts the page's
furniture between them::

    （一）加强安全管理。到2025年，全区建成社区养老服务站
    50个，养老机构护理型床位占比不低于60%。（责任单位：区民政局、区财
    — 3 —
    某区养老服务体系建设实施方案
    政局）

Page numbers ("— 3 —", "- 3 -", "第3页") are dropped wherever they stand; a line
next to them that is repeated on several pages or looks like a running header
(wide gaps, "2022年第5期", 公报) is dropped there. Lines are joined only in a
document that is hard-wrapped: many lines of nearly the same width that do not
end a sentence. A line of that width that does not end with a sentence mark is
continued by the next, unless the next opens a numbered heading. In any document,
a bracket left open at the end of a line and closed on the next joins the two.
"""

from __future__ import annotations

from collections import Counter

import regex

from ..blocks import Block, Paragraph
from ..normalize import for_matching
from ..structure import BOX, classify

# a page number alone on its line: "— 3 —" / "- 12 -" / "－3－" / "第3页" / "第 3 页 共 10 页" / "3/10"
PAGE_NUMBER = regex.compile(
    r"^(?:[—\-－–]{1,2}\s*\d{1,4}\s*[—\-－–]{1,2}|第\s*\d{1,4}\s*页(?:\s*[，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$"
)
# marks that end a paragraph: a line of full width ending in one of these is not continued. Not a colon
# ("（责任单位：" is broken before its units) and not a closing quote alone ("“一键通”\n服务").
PARAGRAPH_END = regex.compile(r"(?:[。；！？;!?]”?|[）)】])$")
# a running header or footer beside a page number, even on one page only: "九江市人民政府公报　　　　2022年第5期" /
# "2022年5月（上）"; not a full date alone, the signature above the last page number ("2022年1月28日")
RUNNING_LINE = regex.compile(r"\s{3,}|第\s*\d{1,3}\s*期$|公报|^\d{4}\s*年\s*\d{1,2}\s*月(?!\s*\d{1,2}\s*日\s*$)")
# a document is hard-wrapped when at least this share of its longer lines are full lines that end mid-sentence
WRAPPED_SHARE = 0.4
WRAPPED_MIN_LINES = 3
# a line counts as full when it is at most this much narrower (or, its first-line indent counted, wider) than the
# document's line width
FULL_LINE_SLACK = 4
# lines narrower than this say nothing about the wrap width (headings, signatures, dates)
LONG_LINE = 20


def width(line: str) -> int:
    """Display width: an ASCII character counts 1, any other (Chinese, full-width marks) 2."""
    return 2 * len(line) - len(line.encode("ascii", "ignore"))


def unwrap(blocks: list[Block], indents: dict[int, int] | None = None) -> list[Block]:
    """Drop page furniture and join hard-wrapped paragraph lines; tables are left as they are.

    ``indents`` gives the white space that led a paragraph's line in the source (by block index): a first
    line indented by two characters reaches the same right edge as the full lines under it."""
    indents = indents or {}
    kept = _without_furniture(blocks)
    lines = [
        (blocks[i].text, indents.get(i, 0) + width(blocks[i].text)) for i in kept if isinstance(blocks[i], Paragraph)
    ]
    wrap = _wrap_width(lines)
    out: list[Block] = []
    last_width = 0  # the width of the source line that ends out[-1]
    for i in kept:
        block = blocks[i]
        previous = out[-1] if out else None
        if (
            isinstance(block, Paragraph)
            and isinstance(previous, Paragraph)
            and (_unclosed(previous.text, block.text) or _continues(previous.text, last_width, block.text, wrap))
        ):
            out[-1] = Paragraph(previous.text + block.text, previous.outline_level)
        else:
            out.append(block)
        last_width = indents.get(i, 0) + width(block.text) if isinstance(block, Paragraph) else 0
    return out


def _without_furniture(blocks: list[Block]) -> list[int]:
    """The indices of the blocks left when page numbers are dropped, and the lines repeated beside them on two
    or more pages (running headers/footers)."""
    pages = [i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and PAGE_NUMBER.match(b.text)]
    if not pages:
        return list(range(len(blocks)))
    beside = Counter(
        blocks[j].text
        for i in pages
        for j in (i - 1, i + 1)
        if 0 <= j < len(blocks) and isinstance(blocks[j], Paragraph) and j not in pages
    )
    running = {text for text, n in beside.items() if n >= 2 or RUNNING_LINE.search(text)}
    drop = set(pages)
    for i in pages:
        for j in (i - 1, i + 1):
            if 0 <= j < len(blocks) and isinstance(blocks[j], Paragraph) and blocks[j].text in running:
                drop.add(j)
    return [i for i in range(len(blocks)) if i not in drop]


def _wrap_width(lines: list[tuple[str, int]]) -> int | None:
    """The width a hard-wrapped document's lines (text, display width in the source) were broken at, or None
    when it is not hard-wrapped."""
    long = [w for _, w in lines if w >= LONG_LINE]
    if len(long) < WRAPPED_MIN_LINES:
        return None
    counts = Counter(long)

    def near(w: int) -> int:  # lines of width w or up to 2 narrower (a line may end before a wide character)
        return counts[w] + counts[w - 1] + counts[w - 2]

    wrap = max(counts, key=lambda w: (near(w), w))
    open_ended = sum(1 for line, w in lines if abs(w - wrap) <= FULL_LINE_SLACK and not PARAGRAPH_END.search(line))
    return wrap if open_ended >= max(WRAPPED_MIN_LINES, WRAPPED_SHARE * len(long)) else None


def _unclosed(line: str, following: str) -> bool:
    """A bracket left open at the end of a line and closed on the next: '（责任单位：市民' / '政局、市住建局）'.
    Read as one line in any document, wrapped or not."""
    depth = _depth(line)
    return depth > 0 and classify(following) is None and _depth(line + following) < depth


def _depth(text: str) -> int:
    return text.count("（") + text.count("(") - text.count("）") - text.count(")")


def _continues(text: str, last_width: int, following: str, wrap: int | None) -> bool:
    """Does ``following`` continue ``text``: in a hard-wrapped document, a full line (``last_width`` is the
    width of its last source line) ending mid-sentence, then a line that is not a heading?"""
    if wrap is None or PARAGRAPH_END.search(text) or last_width < wrap - FULL_LINE_SLACK:
        return False
    if BOX.match(for_matching(following)):
        return False  # "专栏3 助餐服务重点工程" opens a box, as a numbered heading opens an item
    heading = classify(following)
    return heading is None or heading.damage is not None
