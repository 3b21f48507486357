"""Blocks -> section tree: the numbering grammar of Chinese policy documents, with damage recovery.

Numbering levels, outermost first (a rank per kind, so a tree is built with a
stack, whatever the document's depth; only N) takes its place from the document):

    第一章 / 第一部分        chapter       rank 0
    第一节                   subchapter    rank 1
    一、  / 第一条           cn / article  rank 2
    （一）                   cn_paren      rank 3
    1．  1.  1、             arabic        rank 4
    （1）                    arabic_paren  rank 5
    1)  1）                  arabic_rparen rank 5.5, or 4.5 (see below)
    ①                        circled       rank 6

Damaged forms are recovered and reported as warnings: a lost number
("、保障措施", "）加大经费投入力度"), a lost separator ("4完善社会救助体系" when
4 continues the sequence), a doubled number, and a short unnumbered heading
line standing where a number was lost (between 三、… and （十二）…).

A document whose numbers were all lost (a web page whose CMS dropped the automatic
numbering) may still mark its outline by formatting, which the reader passes on as an
outline level (a heading line wholly bold or in 黑体, an item opening with a 楷体 title
sentence). Where the numbered reading finds no section at all, those paragraphs are
read as lost numbers of 一、 / （一） / 1． / （1）, one per level, and recovered like any
lost number; where chapters alone lost their numbers, a formatted line over a numbered
item opens a chapter, as a bare chapter name (主要任务) does; and a paragraph formatted
like the numbered items around it, where their sequence skips a number, is that item.

A number with only a closing bracket ("2)" / "2）") is either a level of its own
or a （2） whose opening bracket was lost; the document's usage decides
(``_bare_numbers``). It is a lost bracket where it continues the （N） around it
(the item before it in its section is （N-1）, or it opens the section and the
item after it is （N+1）) and does not continue the bare numbers before it. The
others are candidates: when they start a sequence at 1) the document uses N) as
a level (numbered, doubled and skipped like any other kind); without a 1) every
bare number is a damaged （N）, as before. N) ranks below （N）, or above it in a
document that opens a （1） right under an N) ("4)…" / "(1)…" / "(2)…" / "5)…").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from .blocks import Block, Paragraph
from .lexicon import load
from .models import ParseWarning, Section, Span
from .normalize import for_matching
from .numerals import int_to_cn, to_int

_CFG = load("structure")
HEADING_MAX = _CFG["heading_max_len"]
UNNUMBERED_HEADING_MAX = _CFG["unnumbered_heading_max_len"]
NON_TASK = regex.compile("|".join(_CFG["non_task"]))
# a title longer than this, or with a comma, is a sentence (an article's first sentence), not a part's name
NON_TASK_TITLE_MAX = 24
# the name of a chapter standing alone on its line, unnumbered: 主要任务 / 保障措施 / 工作目标
CHAPTER_NAME = regex.compile("|".join(_CFG["chapter_names"]))
# Verbs and adverbs that open a body sentence; used to find a title whose "。" was lost:
#   "完善基本养老服务制度进一步明确……" -> title 完善基本养老服务制度
# a subject with its modal verb is no heading: the sentence goes on ("各县（市）区民政局要|加快推进……")
MODAL_END = regex.compile(r"(?:要|应当|应|须|必须|将|可)$")
BODY_START = regex.compile("|".join(sorted(_CFG["body_starts"], key=len, reverse=True)))

# a heading line has none of these: "促进老年人社会参与" yes, "全区共有3家。" no
SENTENCE_MARKS = regex.compile(r"[。；！？：，、\d%]")
STARTS_AS_TEXT = regex.compile(r"^[\p{Han}“]")
# symbols a page puts before a heading's number: emoji (📌 🔹 ▶ ■ ◆ ★), variation selectors, spaces
LEADING_SYMBOLS = regex.compile(r"^(?:[\p{So}\p{Sk}\u200d\ufe0f]\s*)+")
# an item run into a paragraph after a sentence: "……。2.加强老年人健康管理。" / "……）3．推进……"
RUN_IN_ITEM = regex.compile(r"(?<=[。；）])\s*(?P<num>\d{1,2})\s*[．.、](?!\d)\s*(?=[\p{Han}“])")
# a title that opens with a year: "2023年度重点任务" / "2024年工作目标"
YEAR_TITLE = regex.compile(r"^(?:19|20)\d{2}\s*年")

# Where the body ends: a signature, a date line, an effective-date clause or the attachments.
#   "某某市人民政府" / "2023年3月1日" / "本方案自2023年1月1日起施行。" / "附件：1．……"
POSTAMBLE = regex.compile(
    r"""(?x)
    # a date line alone (2021年3月5日 / 二〇二一年三月), not a sentence opening with one (2021年6月底前建成……)
    ^(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*(?:印发|发布)?\s*$
       |[〇零○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?\s*$
       |本(?:方案|办法|意见|措施|规划|细则|规定|通知|计划|实施方案|实施意见)(?:自|从).{0,20}?(?:起|之日)(?:施行|实施|执行|生效)
       |本(?:方案|办法|意见|措施|规划|细则|规定)由.{1,30}?负责解释
       |附件\s*\d*\s*[：:]?
       # an explanation appended to a draft: 关于《……（征求意见稿）》的起草说明 / 编制说明 / 政策解读
       |(?:关于《[^《》]+》(?:（[^（）]*）)?的)?(?:(?:起草|编制|制定|修订|修改)说明|政策解读)\s*$
       |联系人\s*[：:]|联系电话\s*[：:]|联系方式\s*[：:]
       |抄\s*[送报]\s*[：:]                                       # 抄送：县民政局。
       |（\s*此件[^）]{0,12}）                                      # （此件公开发布）
       # the 版记 line: "……办公室  2024年3月8日印发"
       |[\p{Han}（）]{2,40}?\s+(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发
    )
    """
)
# an item of an attachment list is a title, with no clause in it: "2．2024年重点工作分工表"
CLAUSE_MARKS = regex.compile(r"[。；！？，]")
# the list of attachments in a notice's text: "附件：1．银发经济行动方案"
ATTACHMENT_LIST = regex.compile(r"^附\s*件\s*[：:]")
# the label over an attached document, alone on its line: "附件1" / "附件 2" / "附件："
ATTACHMENT_HEAD = regex.compile(r"附\s*件\s*\d{0,2}\s*[：:]?")
# one signer, or several on a line: "杭州市民政局        杭州市财政局"
SIGNATURE = regex.compile(r"^(?:[\p{Han}（）()]{2,30}(?:人民政府|办公室|办公厅|委员会|政府|局|委|厅|部|办)\s*)+$")

# "专栏1 居家社区养老服务重点工程" / "专栏 3：……": a box of projects set beside the text
BOX = regex.compile(r"^(?P<marker>专栏\s*[\d一二三四五六七八九十]*)\s*[：:．.、]?")

# a paragraph about all the items before it: "以上任务由市人力社保局牵头……" / "上述工作……"
SUMMING_UP = regex.compile(r"^[（(]?(?:以上|上述)(?:各项)?(?:任务|工作|措施|事项|内容)")
# a note on some of the items before it: "以上第1—3项由区民政局牵头" / "以上两项由……负责" / "上述第二至四项……"
COVER_NOTE = regex.compile(
    r"^[（(]?(?:以上|上述)(?:第?(?P<a>\d{1,2}|[一二三四五六七八九十]{1,3})\s*[—\-－–~～至到]\s*第?"
    r"(?P<b>\d{1,2}|[一二三四五六七八九十]{1,3})|(?P<n>[两二三四五六七八九十]|\d{1,2}))\s*(?:项|条)"
)

# spaces inside a heading, as 政府令 and letter-spaced Word headings print them: "总　　则", "保 障 措 施"
SPACES = regex.compile(r"\s+")

# Outline levels from the source (<h2>-<h6>, a Word heading, or formatting the reader saw) from this one on
# are headings of the body; level 1 is the document's title.
BODY_LEVEL = 2
# The numbering a lost outline's levels stand for, outermost first (one kind per level the formatting shows).
LOST_OUTLINE_KINDS = ("cn", "cn_paren", "arabic", "arabic_paren")
# Fewer formatted lines than this are emphasis, not an outline.
MIN_LOST_OUTLINE = 2


def _names_a_non_task_part(title: str) -> bool:
    """A heading that names background, principles or goals ("三、发展目标", "第一章　总　　则"); a sentence
    standing as a title ("第八条 市老龄工作委员会应当将……纳入老龄工作目标责任考核，……") names nothing."""
    short = compact(title)
    return len(short) <= NON_TASK_TITLE_MAX and "，" not in for_matching(short) and bool(NON_TASK.search(short))


def compact(title: str) -> str:
    """A heading without its spaces, for matching chapter names: '第一章　总　　则' -> '第一章总则'."""
    return SPACES.sub("", title)


RANK = {
    "chapter": 0, "subchapter": 1, "cn": 2, "article": 2, "cn_paren": 3, "arabic": 4, "arabic_paren": 5, "circled": 6,
    "arabic_rparen": 5.5,  # or RPAREN_ABOVE, by the document's usage (_bare_numbers)
    "decimal2": 4.3, "decimal3": 4.6,  # 3.1 and 3.1.2 under a top level "3" read as arabic
}
RPAREN_ABOVE = 4.5  # "4)" over "(1)" "(2)": between 1． and （1）

_CN = "一二三四五六七八九十"
_CN_BIG = _CN + "百零〇两"

# (kind, damaged, pattern). Patterns run on the matching form (normalize.for_matching),
# where half-width brackets are already full-width. Order matters: first match wins.
NUMBERING: tuple[tuple[str, str | None, regex.Pattern[str]], ...] = (
    # 第三章 保障措施 / 第二部分
    ("chapter", None, regex.compile(rf"^第(?P<num>[{_CN_BIG}\d]{{1,4}})(?:章|部分|篇)\s*")),
    # 第二节 发展居家社区养老服务
    ("subchapter", None, regex.compile(rf"^第(?P<num>[{_CN_BIG}\d]{{1,4}})节\s*")),
    # 第十二条 …
    ("article", None, regex.compile(rf"^第(?P<num>[{_CN_BIG}\d]{{1,4}})条\s*")),
    # （一） / （十二）、
    ("cn_paren", None, regex.compile(rf"^（\s*(?P<num>[{_CN}]{{1,3}})\s*）\s*[、．.]?\s*")),
    # （1）
    ("arabic_paren", None, regex.compile(r"^（\s*(?P<num>\d{1,2})\s*）\s*[、．.]?\s*")),
    # ①
    ("circled", None, regex.compile(r"^(?P<num>[①-⑳])\s*")),
    # 一、 / 二． / 三.  for_matching reads a "." between Chinese characters as a lost 。, so "一.总体目标" is
    # matched as "一。总体目标"; classify takes that 。 only where the text has "." (a real "一。" ends a sentence)
    ("cn", None, regex.compile(rf"^(?P<num>[{_CN}]{{1,3}})\s*(?:[、．.]|(?P<stop>。))\s*")),
    # decimal outline, as 规划 and 标准 number their parts: 3 设施布局 / 3.1 机构养老设施 / 3.1.2 提升……
    # (the top level "3 设施布局" is read by the lost-separator rule below; "3.1" needs a space, so 1.5万 is no heading)
    ("decimal3", None, regex.compile(r"^\d{1,2}\.\d{1,2}\.(?P<num>\d{1,2})\s+(?=[\p{Han}“])")),
    ("decimal2", None, regex.compile(r"^\d{1,2}\.(?P<num>\d{1,2})\s+(?=[\p{Han}“])")),
    # 1． / 1. / 1、  (not 1.5万; but 2．2024年重点工作)
    ("arabic", None, regex.compile(r"^(?P<num>\d{1,2})\s*[．.、](?!(?!(?:19|20)\d{2}\s*年)\d)\s*")),
    # damaged: "、保障措施" (number lost)
    ("cn", "lost_number", regex.compile(r"^、\s*(?=[\p{Han}“])")),
    # damaged: "一）…" (opening bracket lost)
    ("cn_paren", "lost_bracket", regex.compile(rf"^(?P<num>[{_CN}]{{1,3}})）\s*")),
    # damaged: "）加大经费投入力度" (number and opening bracket lost) / "（）推进医养结合" (numeral lost)
    ("cn_paren", "lost_number", regex.compile(r"^（?\s*）\s*(?=[\p{Han}“])")),
    # "1)" / "2）": a level of its own, or a （2） whose opening bracket was lost (damaged "2）" among （1）（3）);
    # the builder decides by the document's usage (_bare_numbers)
    ("arabic_rparen", None, regex.compile(r"^(?P<num>\d{1,2})）\s*")),
    # damaged: "4完善社会救助体系" / "1 打造老年宜居环境" — accepted only when 4 continues the sequence;
    # a digit followed by a unit or time word is a quantity, not a number (2025年, 3个, 80%).
    (
        "arabic",
        "lost_separator",
        regex.compile(r"^(?P<num>\d{1,2})(?:\s+|(?=[\p{Han}“《]))(?![年月日号个家张人万亿元次岁周名所处项条余多倍分小])"),
    ),
)


@dataclass(slots=True)
class Piece:
    """A stretch of one block's text that belongs to a node's body."""

    block: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Heading:
    kind: str
    number: str | None  # as written
    ordinal: int | None
    damage: str | None
    rest_start: int  # where the text after the number starts


@dataclass(eq=False, slots=True)
class Node:
    kind: str
    rank: float
    number: str | None
    ordinal: int | None
    block: int
    title: str
    title_start: int
    title_end: int
    body: list[Piece] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    recovered: str | None = None
    box: bool = False  # a 专栏 box: a section beside the text, never a task itself
    block_end: int | None = None  # where this node's part of its block ends, when run-in items share the block

    @property
    def label(self) -> str:
        """The number without its brackets-as-separators, for ids: 四 / （一） / 1 / （1）."""
        num = self.number if self.number is not None else self.recovered
        if num is None:
            return self.title[:8]
        return num.strip().rstrip("、．.， ").strip()

    def path(self) -> list[Node]:
        nodes: list[Node] = []
        node: Node | None = self
        while node is not None:
            nodes.append(node)
            node = node.parent
        return nodes[::-1]

    def is_work(self) -> bool:
        """False when this node or an ancestor is background, guidance, principles or goals."""
        return not any(_names_a_non_task_part(n.title) for n in self.path())

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.body if p.text)


def classify(text: str) -> Heading | None:
    """The numbering at the start of a paragraph, if any (damaged forms included, unvalidated)."""
    norm = for_matching(text)
    lead = LEADING_SYMBOLS.match(norm)  # "📌 一、" / "🔹（一）": a marker a web editor put before the number
    skip = lead.end() if lead else 0
    norm = norm[skip:]
    for kind, damage, pattern in NUMBERING:
        m = pattern.match(norm)
        if m is None:
            continue
        rest = norm[m.end() :]
        if not rest or (rest[0].isdigit() and not _may_open_with_digits(kind, damage, rest)):
            continue
        if m.groupdict().get("stop") is not None and text[skip + m.start("stop")] != ".":
            continue
        num = m.groupdict().get("num")
        ordinal = to_int(num) if num else None
        number = text[skip : skip + m.end()].strip() or None
        return Heading(kind, number if damage != "lost_number" else None, ordinal, damage, skip + m.end())
    return None


def _may_open_with_digits(kind: str, damage: str | None, rest: str) -> bool:
    """Whether a title may start with a digit after this number: "三、2023年度重点任务" / "（二）2025年重点工作".

    After a number in Chinese numerals, in brackets or circled, the digits cannot be part of the number, so the
    line is a heading whatever follows. After a bare Arabic number ("1、" "1." "1)") or a damaged one they may be
    a quantity ("1、2个" / "3、5年内"), so only a year may follow it; never after a lost separator ("1 000名").
    """
    if kind in ("arabic", "arabic_rparen") or damage is not None:
        return damage != "lost_separator" and bool(YEAR_TITLE.match(rest))
    return True


def split_title(text: str, start: int, headed: bool = True) -> tuple[int, int]:
    """Where the heading title ends and the body starts, in ``text`` after ``start``.

    "以人为本，共建共享。坚持……" -> title up to 。; a heading line without 。 is all title; a long first
    sentence whose 。 was lost is cut before the first body-opening verb (进一步, 加强, 研究 …) — unless
    the item has no heading of its own (``headed=False``: an article 第X条 opens with a sentence).
    """
    norm = for_matching(text)
    stop = _first_stop(norm, start)
    if stop is not None and stop - start <= HEADING_MAX:
        return stop, stop + 1
    if stop is None and len(norm) - start <= HEADING_MAX and "，" not in norm[start:]:
        return len(text), len(text)
    cut = _body_start(norm, start) if headed else None
    if cut is not None:
        return cut, cut
    return (stop, stop + 1) if stop is not None else (len(text), len(text))


def _first_stop(norm: str, start: int) -> int | None:
    for i in range(start, len(norm)):
        colon = norm[i] == "：" and not (norm[i - 1 : i].isdigit() and norm[i + 1 : i + 2].isdigit())  # not 1:4
        if norm[i] in "。！？" or (colon and i - start <= HEADING_MAX and i + 1 < len(norm)):
            return i  # "完善社区养老服务网络：到2030年……" -> the colon ends the heading too
    return None


def _body_start(norm: str, start: int) -> int | None:
    window = norm[start : start + HEADING_MAX]
    for m in BODY_START.finditer(window):
        if MODAL_END.search(window, 0, m.start()):
            return None  # "各县（市）区民政局要加快推进……": one sentence, its subject no heading
        if m.start() >= 4 and "，" not in window[: m.start()]:
            return start + m.start()
    return None


def _is_unnumbered_heading(text: str) -> bool:
    norm = for_matching(text)
    return (
        2 <= len(norm) <= UNNUMBERED_HEADING_MAX
        and not SENTENCE_MARKS.search(norm)
        and bool(STARTS_AS_TEXT.match(norm))
    )


def format_number(kind: str, ordinal: int) -> str:
    cn = int_to_cn(ordinal)
    return {
        "chapter": f"第{cn}章",
        "subchapter": f"第{cn}节",
        "article": f"第{cn}条",
        "cn": f"{cn}、",
        "cn_paren": f"（{cn}）",
        "arabic": f"{ordinal}．",
        "arabic_paren": f"（{ordinal}）",
        "arabic_rparen": f"{ordinal}）",
        "circled": chr(0x2460 + ordinal - 1) if 0 < ordinal <= 20 else str(ordinal),
        "decimal2": str(ordinal),  # the parts before it are the parent's
        "decimal3": str(ordinal),
    }[kind]


class _Builder:
    def __init__(self, blocks: list[Block], rank: dict[str, float] | None = None) -> None:
        self.blocks = blocks
        self.rank = rank or RANK
        self.roots: list[Node] = []
        self.preamble: list[Piece] = []
        self.stack: list[Node] = []
        self.warnings: list[ParseWarning] = []
        self.last: dict[tuple[int, str], int] = {}  # (id(parent), kind) -> last ordinal under that parent
        self.last_any: dict[str, int] = {}  # kind -> last ordinal anywhere (（三） under 二、 continues （二）)
        self.continuing: dict[str, bool] = {}  # kind -> the document numbers it on across parents
        self.started = False
        self.box: Node | None = None  # an open 专栏 box

    def open_box(self, i: int, text: str, marker: str) -> None:
        """A 专栏 box stands beside the text, in the section whose item it interrupts: its lines are not that
        item's body, and its numbered lines are items of the box (重点工程 with their own targets)."""
        top = self.stack[-1] if self.stack else None
        rank = top.rank if top else 0
        box = Node("unnumbered", rank, marker, None, i, text.strip(), 0, len(text), box=True)
        # the box belongs to the section the interrupted item is in; a chapter still without items holds it
        holds = top is None or bool(top.children) or top.kind in ("chapter", "subchapter", "unnumbered")
        holder = top if holds else top.parent
        box.parent = holder
        (holder.children if holder else self.roots).append(box)
        self.box = box

    def box_line(self, i: int, text: str, h: Heading | None) -> None:
        """A line inside the open box: a numbered line is a new item of it, any other line the body of the last."""
        box = self.box
        assert box is not None
        if h is None:
            holder = box.children[-1] if box.children else box
            holder.body.append(Piece(i, 0, len(text), text))
            return
        t_end, b_start = split_title(text, h.rest_start)
        title = text[h.rest_start : t_end].strip().rstrip("。；：，、 ")
        item = Node(h.kind, self.rank[h.kind], h.number, h.ordinal, i, title, h.rest_start, t_end, parent=box)
        _add_body(item, i, text, b_start, len(text))
        box.children.append(item)

    def warn(self, code: str, message: str, block: int) -> None:
        self.warnings.append(ParseWarning(code=code, message=message, block=block))

    def parent_for(self, rank: float) -> Node | None:
        for node in reversed(self.stack):
            if node.rank < rank:
                return node
        return None

    def expected(self, parent: Node | None, kind: str) -> tuple[int, int]:
        """The ordinal a new item may take: restarting under its parent, or continuing across parents."""
        return self.last.get((id(parent), kind), 0) + 1, self.last_any.get(kind, 0) + 1

    def add(self, node: Node) -> None:
        while self.stack and self.stack[-1].rank >= node.rank:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        node.parent = parent
        (parent.children if parent else self.roots).append(node)
        self.stack.append(node)
        self.started = True

    def heading(self, i: int, text: str, h: Heading) -> bool:
        """Add a numbered heading; False when a damaged form does not fit the sequence (then it is body)."""
        if h.damage == "lost_number" and h.kind == "cn_paren" and self.stack and self.stack[-1].kind == "arabic_paren":
            h = replace(h, kind="arabic_paren")  # "（）" among （1）（2）: the number lost was Arabic
        rank = self.rank[h.kind]
        parent = self.parent_for(rank)
        expected = self.expected(parent, h.kind)
        if h.damage in ("lost_separator", "lost_bracket") and h.ordinal not in expected:
            return False
        recovered = None
        ordinal = h.ordinal
        if ordinal is None:  # number lost
            ordinal = expected[1] if self.continuing.get(h.kind) else expected[0]
            recovered = format_number(h.kind, ordinal)
            self.warn("numbering.recovered", f"lost number recovered as {recovered}", i)
        elif h.damage:
            self.warn("numbering.damaged", f"damaged number {h.number!r} ({h.damage}) read as {ordinal}", i)
        elif ordinal == expected[0] - 1:
            self.warn("numbering.doubled", f"number {h.number} repeats the previous one", i)
        elif ordinal not in expected:
            self.warn("numbering.gap", f"number {h.number} where {expected[0]} was expected", i)
        if ordinal == expected[1] != expected[0]:
            self.continuing[h.kind] = True
        self.last[(id(parent), h.kind)] = ordinal
        self.last_any[h.kind] = ordinal
        # an article, and an item inside one, opens with a sentence, not a heading: "（一）民政部门负责……的统筹规划"
        in_article = parent is not None and parent.kind == "article"
        t_end, b_start = split_title(text, h.rest_start, headed=h.kind != "article" and not in_article)
        title = text[h.rest_start : t_end].strip().rstrip("。；：，、 ")
        node = Node(h.kind, rank, h.number, ordinal, i, title, h.rest_start, t_end, recovered=recovered)
        items = _run_in_items(text, b_start) if h.kind != "arabic" else []
        end = items[0][0] if items else len(text)
        _add_body(node, i, text, b_start, end)
        if items:
            node.block_end = end
        self.add(node)
        for k, (start, rest, stop) in enumerate(items, start=1):  # "（一）…。1.…。2.…": items of the same block
            t_end, b_start = split_title(text[:stop], rest)
            item = Node("arabic", self.rank["arabic"], text[start:rest].strip(), k, i,
                        text[rest:t_end].strip().rstrip("。；：，、 "), rest, t_end, block_end=stop)
            _add_body(item, i, text, b_start, stop)
            self.last[(id(node), "arabic")] = k
            self.add(item)
        return True

    def unnumbered_heading(self, i: int, text: str, next_heading: Heading, formatted: bool = False) -> bool:
        """A short line standing where a heading's number was lost; True if taken as a heading. A line the source
        formats as a heading (``formatted``) may open a chapter whatever its name."""
        next_rank = self.rank[next_heading.kind]
        above = self.parent_for(next_rank)
        named = formatted or CHAPTER_NAME.fullmatch(compact(text))
        if named and (above is None or above.kind == "unnumbered"):
            # a document numbered only below its chapters: "主要任务" / "1．……" / "保障措施" / "1．……"
            self.add(Node("unnumbered", next_rank - 1, None, None, i, text, 0, len(text)))
            return True
        if not self.started or not self.stack or self.stack[-1].rank < next_rank:
            return False
        sibling = above
        if sibling is None or sibling.kind == "unnumbered":
            return False
        grand = sibling.parent
        ordinal = self.last.get((id(grand), sibling.kind), 0) + 1
        self.last[(id(grand), sibling.kind)] = ordinal
        self.last_any[sibling.kind] = ordinal
        recovered = format_number(sibling.kind, ordinal)
        self.warn("numbering.recovered", f"unnumbered heading {text!r} read as {recovered}", i)
        self.add(Node(sibling.kind, sibling.rank, None, ordinal, i, text, 0, len(text), recovered=recovered))
        return True

    def lost_sibling(self, i: int, block: Paragraph, following: Heading | None) -> bool:
        """A paragraph formatted like an open item, standing where that item's next number is missing from the
        sequence ("（四）……" / <b>提升居家养老服务能力。</b>…… / "（六）……"): that item's sibling, its number
        recovered. True if taken so."""
        if following is None or following.ordinal is None or following.damage is not None:
            return False
        for node in reversed(self.stack):
            if node.kind == following.kind and node.ordinal is not None:
                fits = following.ordinal == node.ordinal + 2
                numbered = self.blocks[node.block]
                alike = isinstance(numbered, Paragraph) and numbered.outline_level == block.outline_level
                return fits and alike and self.heading(i, block.text, Heading(node.kind, None, None, "lost_number", 0))
        return False

    def body(self, i: int, text: str) -> None:
        piece = Piece(i, 0, len(text), text)
        covered = self._covered(for_matching(text))
        if covered:
            for item in covered:  # "以上第1—3项由区民政局牵头……": a note on those items alone
                item.body.append(piece)
            return
        if len(self.stack) > 1 and SUMMING_UP.match(for_matching(text)):
            self.stack[-2].body.append(piece)  # "以上任务由……牵头": a note on the section, not on its last item
            return
        (self.stack[-1].body if self.stack else self.preamble).append(piece)


    def _covered(self, norm: str) -> list[Node]:
        """The items before a note that names them: '以上第1—3项……' / '以上两项……' (siblings of the open item)."""
        m = COVER_NOTE.match(norm)
        if m is None or len(self.stack) < 2:
            return []
        current = self.stack[-1]
        siblings = [n for n in self.stack[-2].children if n.kind == current.kind and not n.box]
        if m["n"]:
            count = to_int(m["n"]) or 0
            return siblings[-count:] if 0 < count <= len(siblings) else []
        first, last = to_int(m["a"]), to_int(m["b"])
        if first is None or last is None:
            return []
        return [n for n in siblings if n.ordinal is not None and first <= n.ordinal <= last]


def _add_body(node: Node, block: int, text: str, start: int, end: int) -> None:
    """The text of ``block`` between ``start`` and ``end``, stripped, as a piece of ``node``'s body."""
    body = text[start:end].strip()
    if body:
        offset = text.index(body, start)
        node.body.append(Piece(block, offset, offset + len(body), body))


def _run_in_items(text: str, start: int) -> list[tuple[int, int, int]]:
    """Numbered items run into one paragraph after its heading: "（一）强化健康教育。1.开展宣传。……2.加强管理。……"
    -> (where the number starts, where its title starts, where the item ends) for each, when they number 1, 2, …
    from the first and there are two at least; else none."""
    items: list[regex.Match[str]] = []
    for m in RUN_IN_ITEM.finditer(for_matching(text), start):
        if int(m["num"]) == len(items) + 1:
            items.append(m)
    if len(items) < 2:
        return []
    ends = [m.start() for m in items[1:]] + [len(text)]
    return [(m.start("num"), m.end(), end) for m, end in zip(items, ends, strict=True)]


def build_tree(blocks: list[Block]) -> tuple[list[Node], list[Piece], list[ParseWarning]]:
    """Section tree of the paragraphs (tables are left to the table readers); also the preamble.

    The body ends at a signature, a date, an effective-date clause or the attachment list; what follows is
    not the document's text, except the attachments themselves: a "附件1" line alone, then an attached
    document ("附件1 / 银发经济行动方案 / 一、…"), whose tree is read on its own under a node of that name.
    """
    headings, rank = _bare_numbers([classify(blk.text) if isinstance(blk, Paragraph) else None for blk in blocks])
    roots, preamble, warnings, end = _build(blocks, headings, rank, 0, len(blocks))
    if not roots and (lost := _lost_outline(blocks, headings)) is not None:
        headings = lost
        roots, preamble, warnings, end = _build(blocks, headings, rank, 0, len(blocks))
    labels = [
        i for i in range(end, len(blocks))
        if isinstance(blocks[i], Paragraph) and ATTACHMENT_HEAD.fullmatch(for_matching(blocks[i].text).strip())
    ]
    for k, start in enumerate(labels):
        stop = labels[k + 1] if k + 1 < len(labels) else len(blocks)
        part_roots, _, part_warnings, _ = _build(blocks, headings, rank, start + 1, stop)
        if not part_roots:
            continue
        label = blocks[start].text.strip()  # type: ignore[union-attr]
        title = next((b.text.strip() for b in blocks[start + 1 : stop] if isinstance(b, Paragraph)), label)
        part = Node("unnumbered", -1, label, None, start, title, 0, len(label), children=part_roots)
        for root in part_roots:
            root.parent = part
        roots.append(part)
        warnings += part_warnings
    return roots, preamble, warnings


def _build(
    blocks: list[Block], headings: list[Heading | None], rank: dict[str, float], first: int, stop: int
) -> tuple[list[Node], list[Piece], list[ParseWarning], int]:
    """The tree of blocks[first:stop] (indices stay those of ``blocks``), and where its body ended."""
    b = _Builder(blocks, rank)
    following = _following(headings)
    listing = False  # inside an attachment list before the numbered text: "附件：1．……方案" / "2．……分工表"
    end = stop
    for i in range(first, stop):
        blk = blocks[i]
        if not isinstance(blk, Paragraph):
            continue
        if b.started and _ends_body(blocks, i):
            end = i
            break  # signature, date, effective date or attachments: nothing after belongs to a task
        h = headings[i]
        if not b.started and ATTACHMENT_LIST.match(for_matching(blk.text)):
            listing = True
            continue
        if listing and h is not None and not CLAUSE_MARKS.search(for_matching(blk.text)[h.rest_start :]):
            continue
        listing = False
        box = BOX.match(for_matching(blk.text))
        if box:
            b.open_box(i, blk.text, box["marker"])
            continue
        if b.box is not None:
            if h is None or b.rank[h.kind] > b.box.rank:
                b.box_line(i, blk.text, h)
                continue
            b.box = None  # a heading at the level the box interrupted closes it
        if h is not None and b.heading(i, blk.text, h):
            continue
        nxt = headings[i + 1] if i + 1 < len(blocks) else None
        if (
            h is None
            and nxt is not None
            and (nxt.damage is None or nxt.ordinal == 1)
            and _is_unnumbered_heading(blk.text)
            and b.unnumbered_heading(i, blk.text, nxt, _has_body_level(blk))
        ):
            continue
        if h is None and _has_body_level(blk) and _may_head(blk.text) and b.lost_sibling(i, blk, following[i]):
            continue
        b.body(i, blk.text)
    return b.roots, b.preamble, b.warnings, end


def _following(headings: list[Heading | None]) -> list[Heading | None]:
    """For each block, the first numbered heading after it."""
    out: list[Heading | None] = [None] * len(headings)
    for i in range(len(headings) - 2, -1, -1):
        out[i] = headings[i + 1] or out[i + 1]
    return out


def _has_body_level(block: Paragraph) -> bool:
    """Whether the source marks the paragraph as a heading of the body (not the title)."""
    return block.outline_level is not None and block.outline_level >= BODY_LEVEL


def _lost_outline(blocks: list[Block], headings: list[Heading | None]) -> list[Heading | None] | None:
    """The headings of a document that lost all its numbers, read from the outline levels its source gives
    unnumbered paragraphs shaped like headings: the outermost level as 一、, the next as （一）, and so on, each
    a lost number. The head of the document (title, 文号, salutation) comes before its first sentence and is
    left out. None when fewer than MIN_LOST_OUTLINE paragraphs are so marked (emphasis, not an outline)."""
    first = next((i for i, blk in enumerate(blocks) if isinstance(blk, Paragraph) and "。" in blk.text), len(blocks))
    marked = {
        i: blk.outline_level
        for i, blk in enumerate(blocks[first:], start=first)
        if isinstance(blk, Paragraph) and headings[i] is None and _has_body_level(blk) and _may_head(blk.text)
    }
    if len(marked) < MIN_LOST_OUTLINE:
        return None
    kinds = dict(zip(sorted(set(marked.values())), LOST_OUTLINE_KINDS, strict=False))
    out = list(headings)
    for i, level in marked.items():
        if level in kinds:
            out[i] = Heading(kinds[level], None, None, "lost_number", 0)
    return out


def _may_head(text: str) -> bool:
    """A heading line ("健全老年助餐服务网络"), or a paragraph opening with a title sentence
    ("合理布局助餐服务设施。各地要……")."""
    stop = for_matching(text).find("。")
    return _is_unnumbered_heading(text) or 0 < stop <= HEADING_MAX


def _bare_numbers(headings: list[Heading | None]) -> tuple[list[Heading | None], dict[str, float]]:
    """Read each "N)" by the document's usage: a level of its own, or a （N） that lost its opening bracket.

    Within a section (the （N） and N) items since the last heading above （N）), a bare number is a lost bracket
    where it continues the （N） around it: the item before it is （N-1） (or a bare number already read so),
    or it opens the section and the item after it is （N+1） — unless it also continues the bare numbers
    before it ("4)" / "(1)"…"(4)" / "5)"). The rest are candidates, and only a document whose candidates start
    a sequence at 1) uses N) as a level; otherwise every bare number stays a damaged （N）, checked against
    the sequence as before. Also the rank of N): above （N） when a （1） opens right under an N), else below.
    """
    sections: list[list[int]] = [[]]
    for i, h in enumerate(headings):
        if h is None:
            continue
        if h.kind in ("arabic_paren", "arabic_rparen"):
            sections[-1].append(i)
        elif RANK[h.kind] < RANK["arabic_paren"]:
            sections.append([])
    lost: set[int] = set()
    candidates: list[int] = []
    for items in sections:
        bare: Heading | None = None  # the last candidate N) of this section
        for k, i in enumerate(items):
            h = headings[i]
            assert h is not None
            if h.kind != "arabic_rparen":
                continue
            n = h.ordinal or 0
            prev = headings[items[k - 1]] if k else None
            after = headings[items[k + 1]] if k + 1 < len(items) else None
            if bare is not None and bare.ordinal == n - 1:
                fits = False  # continues the bare numbers
            elif prev is not None:
                fits = (prev.kind == "arabic_paren" or items[k - 1] in lost) and prev.ordinal == n - 1
            else:
                fits = after is not None and after.kind == "arabic_paren" and after.ordinal == n + 1
            if fits:
                lost.add(i)
            else:
                candidates.append(i)
                bare = h
    level = any(headings[i].ordinal == 1 for i in candidates)  # type: ignore[union-attr]
    out = list(headings)
    for i in lost if level else lost | set(candidates):
        out[i] = replace(headings[i], kind="arabic_paren", damage="lost_bracket")  # type: ignore[type-var]
    rank = dict(RANK)
    last: Heading | None = None
    for h in out if level else ():
        if h is None:
            continue
        if last is not None and h.ordinal == 1 and {last.kind, h.kind} == {"arabic_paren", "arabic_rparen"}:
            if h.kind == "arabic_paren":
                rank["arabic_rparen"] = RPAREN_ABOVE
            break  # the first time one opens right under the other decides
        last = h
    return out, rank


def _ends_body(blocks: list[Block], i: int) -> bool:
    text = blocks[i].text.strip()  # type: ignore[union-attr]
    if POSTAMBLE.match(for_matching(text)):
        return True
    # a signature: unit names alone on their lines, then a date line
    if not SIGNATURE.match(text):
        return False
    for nxt in blocks[i + 1 : i + 4]:
        if not isinstance(nxt, Paragraph):
            return False
        line = nxt.text.strip()
        if POSTAMBLE.match(for_matching(line)):
            return True
        if not SIGNATURE.match(line):
            return False
    return False


def to_sections(nodes: list[Node], level: int = 1) -> list[Section]:
    return [
        Section(
            number=n.number,
            recovered_number=n.recovered,
            kind=n.kind if n.kind in RANK else "unnumbered",  # type: ignore[arg-type]
            level=level,
            title=n.title,
            text=n.text,
            span=Span(block=n.block, start=n.title_start, end=n.title_end),
            children=to_sections(n.children, level + 1),
        )
        for n in nodes
    ]
