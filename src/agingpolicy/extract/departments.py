"""Responsible units: from responsibility brackets, task-table cells, and obligations in prose.

    （责任部门：民政局、卫计委）                       -> 民政局, 卫计委      responsible
    （牵头单位：市民政局；配合单位：市财政局）          -> 市民政局 lead, 市财政局 co
    （市民政局、各区县政府（含高新区，下同）按职责分工落实）-> 市民政局, 各区县政府
    民政、卫生健康等部门要……                           -> 民政部门, 卫生健康部门
    各级民政、财政部门要……                             -> 各级民政部门, 各级财政部门
    市、区县两级政府要……                               -> 市政府, 区县政府
    由区民政局牵头……                                   -> 区民政局 lead
    市卫生健康委会同市民政局……                         -> 市卫生健康委 lead, 市民政局 co

Functions here return :class:`Found` values with offsets into the text they were
given; callers turn them into model records with spans. A span covers the name as
written; for a name completed from a shared head word (民政部门 in "民政、卫生健康等部门")
it covers the written part (民政).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from ..deptlex import is_alias, lexicon, named, split_prefix
from ..lexicon import load
from ..models import Role
from ..normalize import for_matching
from .spans import FILLER, mask

_LEX = load("departments")
COLLECTIVES = frozenset(_LEX["collectives"])
COLLECTIVE_ENDINGS = tuple(_LEX["collective_endings"])  # 省政府各有关部门 is still unnamed
NON_UNITS = tuple(_LEX["non_units"])
NOTE_WORDS = frozenset(_LEX["note_words"])  # （……，列第一位的为牵头单位，下同）: 下同 names no unit
MARKET_ENDINGS = tuple(_LEX["market_endings"])  # 国网某供电公司: a market actor even where units are listed
BODY_ENDINGS = tuple(_LEX["body_endings"])  # 市养老服务工作联席会议 / 县政府督查室
NOT_NAME_ENDINGS = tuple(_LEX["not_name_endings"])  # 持续推进 / 长期坚持 in a list of units
OFFICE_ENDINGS = tuple(_LEX["office_endings"])  # 市民政局养老服务处: an office inside a known unit
UNIT_ENDINGS = tuple(sorted(_LEX["unit_endings"], key=len, reverse=True))
# Characters trimmed from the ends of a name.
_TRIM = "：:，。；、 "
SPACES = regex.compile(r"\s+")
DASHES = regex.compile(r"[—\-–－]+")  # a "——" cell: no unit
LEAD_MARK = regex.compile(r"\s*（\s*牵头\s*）")  # 市民政局（牵头）
ROLE_WORD_END = regex.compile(r"(?:牵头|配合)(?:[，；。]|$)")  # a cell stating roles: 市民政局牵头，市财政局配合
ROLE_BREAK = regex.compile(r"[，；]")  # the parts of a note: 市民政局牵头，市财政局配合
SENTENCE_END = regex.compile(r"[。；！？\n]")
# a clause, not a name: 加强民政部门…
VERB_START = regex.compile(r"^(?:加强|推动|支持|鼓励|指导|引导|督促|发挥|充分|注重|组织|协调)")
HAN_RUN = regex.compile(r"[\p{Han}]{2,14}")
# a short name inside a list: "发挥共青团、妇联、残联等" -> 共青团, 妇联, 残联
LISTED_NAME = regex.compile(r"(?<=^|、|发挥|和)([\p{Han}]{2,6}?)(?=、|等|和|$)")
LEVEL_WORDS = frozenset(p for ps in _LEX["level_prefixes"].values() for p in ps)  # 省 市 区 县 镇 …
LEVEL_PREFIXES = tuple(sorted(LEVEL_WORDS, key=len, reverse=True))
GOVERNMENT_ENDINGS = tuple(_LEX["government_endings"])  # the endings of government bodies themselves: 局 委 厅
UNNAMED_WORD = regex.compile("|".join(_LEX["unnamed_words"]))  # 市直有关部门 / 县相关单位 name no body
UNKNOWN_BODY_MAX = 12  # the longest level-named body the lexicon does not know: 县文化旅游广电体育局

# A bracketed note, nesting allowed, by its opening bracket: （市民政局、各区县政府（含高新区，下同）按职责分工落实）
BRACKETS = {
    "（": regex.compile(r"（(?:[^（）]++|(?R))*）"),
    "【": regex.compile(r"【(?:[^【】]++|(?R))*】"),
    "［": regex.compile(r"［(?:[^［］]++|(?R))*］"),
    "[": regex.compile(r"\[(?:[^\[\]]++|(?R))*\]"),
    "〔": regex.compile(r"〔(?:[^〔〕]++|(?R))*〕"),
}
# A cited title: 《民政部 财政部关于由各地负责……的通知》 — units in it are cited, not given work
CITED_TITLE = regex.compile(r"《[^《》\n]*》")
# The note itself says the first-listed unit leads: （责任单位：市民政局、市财政局，列第一位者为牵头单位）
FIRST_IS_LEAD = regex.compile("|".join(map(regex.escape, _LEX["first_is_lead"])))
# 责任单位：… / 牵头单位: … — the label and its role
LABEL = regex.compile(
    r"""(?x)
    (?P<label>牵头(?:责任)?(?:单位|部门|处室)?|主责(?:单位|部门)|
       配合(?:单位|部门|处室)?|参与(?:单位|部门)|协同(?:单位|部门)|协办单位|
       责任(?:单位|部门|主体)|负责(?:单位|部门)|实施(?:单位|部门)|承办单位)
    \s*(?:[：:]|】)\s*
    """
)
# A label inside a note that introduces no units; it ends the unit list before it:
#   （牵头单位：区民政局；完成时限：2024年底前） / 责任领导：张三
OTHER_LABEL = regex.compile(
    r"(?:【\s*(?:{0})\s*】|(?:{0})\s*[：:])".format("|".join(map(regex.escape, _LEX["other_labels"])))
)  # 完成时限：… / 【完成时限】…
# a digit is in no unit's name: "2025年6月底前完成" in a list of units is a deadline
DIGIT = regex.compile(r"\d")
# Words closing a responsibility note: （……按职责分工落实） （……负责）
# A labelled note without brackets, opening a line or a sentence: "责任单位：区民政局" / "【牵头单位】区民政局"
LABEL_LINE = regex.compile(
    r"(?:^|(?<=[。；\n]))\s*(?P<label>(?:牵头|配合|责任|主责|负责|参与|协同)(?:单位|部门))\s*[：:]"
)
# a labelled note whose closing bracket was lost at the end of its paragraph (bracket_notes finds closed ones only):
# "……家庭养老床位达到800张。（牵头单位：区民政局；配合单位：区卫生健康局"
UNCLOSED_NOTE = regex.compile(r"[（【［\[〔]\s*(?=(?:牵头|配合|责任|主责|负责|参与|协同)(?:单位|部门)\s*[：:】])")
# anything a note needs: a bracket, or a label word
NOTE_MARK = regex.compile(r"[（【［\[〔]|单位|部门")
# the same label set in its own bracket: "【责任单位】区民政局、区财政局"
BOXED_LABEL = regex.compile(r"【(?P<label>(?:牵头|配合|责任|主责|负责|参与|协同)(?:单位|部门))】")
DUTY_TAIL = regex.compile(
    r"(?:按照?职责分工(?:落实|负责|推进)?|按职责(?:落实|负责)|分工负责|共同负责|负责落实|负责|牵头|配合|落实)$"
)
# Hard list separators inside a note or a cell (matched on the normalised text): 区人社局、区财政局 / 甲；乙
NOTE_SENTENCE = regex.compile(r"[。；]")  # sentences inside one note
SEPARATOR = regex.compile(r"[、，,；／/]")
# A line break or a space inside a cell: "区民政局\n区财政局" separates two whole names, "区卫生健\n康委" is one
SOFT_BREAK = regex.compile(r"\s+")
# A conjunction between two whole units: 乡镇人民政府和街道办事处, 市文化和旅游局及市体育局 (not 文化和旅游局)
CONJUNCTION = regex.compile(r"以及|和|与|及")
# Trailing words that are not part of a name: 等 / 等部门 / 按职责分工落实 / 牵头 / 配合
NAME_TAIL = regex.compile(
    r"(?:等(?:部门|单位)?|按照?职责分工(?:落实|负责|推进)?|按职责(?:落实|负责)?|分工负责|共同负责|负责落实|负责|牵头|配合|落实|参与)+$"
)
# Obligation verbs after a unit in prose: 民政部门要… / 区民政局负责… / 区民政局要会同区财政局…
# / 共青团、妇联…结合各自职能. A modal before 会同 / 牵头 / 负责 / 配合 / 按职责 makes one obligation.
OBLIGATION = regex.compile(
    r"""(?x)
    (?<!要|应|须|当)                                   # not the second half of 应当 / 必须
    (?:(?P<modal>要|应当|应|须|必须)(?=会同|牵头|负责|配合|按照?职责|根据职责))?
    (?P<verb>要|应当|应|须|必须|负责|牵头|会同|配合|按照?职责|根据职责|结合各自职能|按照各自职责
       |是(?=[^，。；：\n]{0,30}?责任主体)                # 各设区市政府是养老服务的责任主体
       |对(?=[^，。；：\n]{0,30}?负(?:主体|首要|总|全面)?责))  # 县级人民政府对……负主体责任
    """
)
# 由区民政局牵头 / 由各区县政府负责 / 由市民政局会同市财政局… / 由各乡镇人民政府具体组织实施
BY_UNIT = regex.compile(
    r"由(?P<subj>[^，。；：！？\n由]{2,30}?)(?:具体|统一|共同|分别|主要)?(?P<verb>负责|牵头|组织|统筹|会同)"
)
# a 通知 asks: "请各县（市、区）民政局于5月底前报送……"
REQUEST = regex.compile(
    r"请(?P<subj>[^，。；：！？\n]{2,24}?)(?=于|在|按照?|要|做好|及时|认真|抓紧|将|对|把|结合|加强|切实|根据)"
)
# anything OBLIGATION, BY_UNIT or REQUEST needs: most sentences of a plan hold none of these
DUTY_MARK = regex.compile(r"[要应须由请]|负责|牵头|会同|配合|职责|职能|责任主体|负(?:主体|首要|总|全面)?责")
# the duty opening the body of an item titled by a unit: "县民政局：负责……" / "县财政局：配合……"
DUTY_OPENING = regex.compile(r"^\s*(?P<verb>负责|承担|牵头|配合|参与|协助|会同)")
# the member units of a body, after its name: 县老龄工作委员会各成员单位 / 联席会议成员单位
MEMBERS = regex.compile(r"各?成员单位$")
# a place named by its kind of area: 蜀山区 / 城关镇 / 临海市 / 各县 (the end of the place, before a unit's name)
PLACE_NAME = regex.compile(r"各?[\p{Han}]{1,6}?(?:自治县|自治州|街道|区|县|市|旗|镇|乡|州)")
# Duty words never inside a name: "市民政局会同市财政局" is a clause, not one unit
DUTY_WORD = regex.compile(r"会同|牵头|负责|配合")
# Where a prose subject starts inside its clause: after 由 (由区民政局会同…) or after a cited title
SUBJECT_START = regex.compile(r"由(?!于)|》|(?<![申邀聘提])请")  # 请各区民政局会同…… -> 各区民政局
# "A、B等部门" / "A、B两级政府": list + shared head word
# "自然资源、住房城乡建设主管部门" shares 主管部门
SHARED_HEAD = regex.compile(r"^(?P<list>.+?)(?:等|两级|三级|各级)?(?P<head>(?:行政主管|主管|行政)?部门|单位|政府)$")
# "共青团、妇联、残联等群团组织": a list of units followed by the kind they belong to
LIST_OF_KIND = regex.compile(r"^(?P<list>.+)等(?P<kind>[\p{Han}]{2,8})$")
CLAUSE_DELIM = regex.compile(r"[。；，：！？\n]")
PAST_OR_WEAK = regex.compile(r"^(?:可|可以|也)")
# a clause of time or condition between a subject and its verb: "……在审查规划设计方案时，应当……"
ADVERBIAL_END = regex.compile(r"(?:时|后|前|期间|过程中)$")
# The longest object of 会同 considered: "会同县卫生健康局、县财政局、县民政局等部门"
_MAX_OBJECT = 40


@dataclass(frozen=True, slots=True)
class Found:
    name: str
    role: Role
    via: str  # bracket | table | prose
    start: int
    end: int


@lru_cache(maxsize=16_384)
def clean_name(name: str) -> str:
    """Strip notes in brackets, list words and duty words: '各区县政府（含高新区，下同）' -> '各区县政府'.

    Level alternatives in brackets are part of the name, not a note: 各县（市、区）民政部门.
    """
    name = _drop_notes(SPACES.sub("", name)).strip(_TRIM)
    prev = None
    while prev != name:
        prev = name
        name = NAME_TAIL.sub("", name).strip(_TRIM)
    return "" if name in NOTE_WORDS else name


def bracket_notes(norm: str) -> list[regex.Match[str]]:
    """Every bracketed note of the matching text, outermost only: a bracket of another kind inside a note
    belongs to it (〔牵头单位：省卫生健康委（省老龄办）〕 is one note). A kind whose opening bracket is absent
    is not searched: most texts hold one kind or none."""
    kinds = [pattern for opening, pattern in BRACKETS.items() if opening in norm]
    if len(kinds) <= 1:
        return [m for pattern in kinds for m in pattern.finditer(norm)]  # one kind: its pattern nests already
    notes = sorted((m for pattern in kinds for m in pattern.finditer(norm)), key=lambda m: (m.start(), -m.end()))
    outermost: list[regex.Match[str]] = []
    for m in notes:
        if not outermost or m.start() >= outermost[-1].end():
            outermost.append(m)
    return outermost


def _drop_notes(name: str) -> str:
    norm = for_matching(name)
    notes = [m.span() for m in bracket_notes(norm) if not lexicon().alternatives.fullmatch(m.group())]
    if not notes:
        return name
    keep = [True] * len(name)
    for start, end in notes:
        keep[start:end] = [False] * (end - start)
    return "".join(c for c, k in zip(name, keep, strict=True) if k)


@lru_cache(maxsize=16_384)
def is_unit(name: str) -> bool:
    """Is ``name`` a named responsible unit (not a collective, not a market actor)?"""
    if not (2 <= len(name) <= 30) or name in COLLECTIVES or DASHES.fullmatch(name) or DIGIT.search(name):
        return False
    if name.endswith(COLLECTIVE_ENDINGS) or DUTY_WORD.search(name):
        return False
    if is_alias(name):  # a full lexicon name wins over a market-actor ending (人民银行 is not a 银行)
        return True
    if name.endswith(OFFICE_ENDINGS) and _office_of_known_unit(name):
        return True
    if named(name):
        return not any(name.endswith(x) for x in NON_UNITS) or name.endswith(UNIT_ENDINGS)
    if any(name.endswith(x) for x in NON_UNITS):
        return False
    return name.endswith(UNIT_ENDINGS)


def _office_of_known_unit(name: str) -> bool:
    """市民政局养老服务处 / 县卫健局老龄健康股: a known unit, then the office's own name."""
    return any(named(name[:k]) for k in range(2, len(name) - 1))


def is_listed_unit(name: str) -> bool:
    """A name listed where only units are listed (a labelled note, a responsibility column): any named body
    counts ('镇卫生院', '市社会福利院'); collectives, dashes and bare classes ('医疗机构', '各养老机构') do not."""
    if is_unit(name):
        return True
    if not (2 <= len(name) <= 30) or name in COLLECTIVES or DASHES.fullmatch(name) or DUTY_WORD.search(name):
        return False
    if DIGIT.search(name) or name.endswith(NOT_NAME_ENDINGS):
        return False
    bare = name.removeprefix("各").removeprefix("相关").removeprefix("有关")
    return bare not in NON_UNITS and not name.endswith(COLLECTIVE_ENDINGS + MARKET_ENDINGS)


def listed_units(cell: str, role: Role) -> list[Found]:
    """Units of a responsibility cell; a unit marked '（牵头）' leads and the others then cooperate:
    '市民政局（牵头）、市卫生健康委' -> 市民政局 lead, 市卫生健康委 co. A cell that states roles itself
    ('牵头：市民政局；配合：市财政局' / '市民政局牵头，市财政局配合') is read like a note."""
    norm = for_matching(cell)
    if LABEL.search(norm) or ROLE_WORD_END.search(norm):
        return [replace(f, via="table") for f in from_bracket(cell, 0, False)]
    found: list[Found] = []
    for name, start, end in _split_units(cell):
        if is_listed_unit(name):
            marked = LEAD_MARK.match(for_matching(cell), end)
            found.append(Found(name, "lead" if marked else role, "table", start, end))
    if any(f.role == "lead" for f in found) and role != "lead":
        found = [f if f.role == "lead" else replace(f, role="co") for f in found]
    return found


def strict_unit(text: str) -> bool:
    """True when all of ``text`` is a (prefix +) lexicon unit: 区民政局, 各级财政部门; not 问题区民政局."""
    return named(text)


def known_unit(name: str) -> bool:
    """A lexicon unit, or a body named after its level or its parent unit: 市养老服务工作联席会议,
    区居家养老服务工作领导小组, 县政府督查室 (not 加强领导小组, not 问题协调领导小组)."""
    if strict_unit(name):
        return True
    body = MEMBERS.sub("", name)
    if body != name and len(body) >= 3:
        return known_unit(body)  # the member units of a named body: 市养老服务工作联席会议各成员单位
    if (
        name.startswith(LEVEL_PREFIXES)
        and name.endswith(GOVERNMENT_ENDINGS)
        and len(name) <= UNKNOWN_BODY_MAX
        and not _is_verbish(name)
        and not _office_of_known_unit(name)  # 县财政局研究制定……办: a known unit, then a clause
        and not UNNAMED_WORD.search(name)  # 市直有关部门 cut short: unnamed
    ):
        return True  # a body the lexicon does not know, named by its level: 省中医药局, 县文化旅游广电体育局
    ending = next((e for e in BODY_ENDINGS if name.endswith(e)), None)
    if ending is None or len(name) - len(ending) < 2 or len(name) > 24 or _is_verbish(name):
        return False
    head = name[: -len(ending)]
    return name.startswith(LEVEL_PREFIXES) or any(named(head[:k]) for k in range(2, len(head) + 1))


def split_units(cell: str) -> list[tuple[str, int]]:
    """Names in a list, with their offsets: '区人社局、区财政局' -> [('区人社局', 0), ('区财政局', 5)]."""
    return [(name, start) for name, start, _ in _split_units(cell)]


def _split_units(cell: str) -> list[tuple[str, int, int]]:
    """Names in a list with the span each is written over (a name broken over lines spans the break)."""
    masked = _mask_brackets(for_matching(cell))
    out: list[tuple[str, int, int]] = []
    pos = 0
    for m in [*SEPARATOR.finditer(masked), None]:
        end = m.start() if m else len(cell)
        for s, e in _pieces(cell, masked, pos, end):
            raw = cell[s:e]
            name = clean_name(raw)
            if name:
                start = s + max(raw.find(name[:1]), 0)
                out.append((name, start, _written_end(cell, start, name)))
        if m:
            pos = m.end()
    return out


def _pieces(cell: str, masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split one list item at line breaks and conjunctions that stand between two whole units."""
    lines: list[tuple[int, int]] = []
    pos = start
    for m in SOFT_BREAK.finditer(masked, start, end):
        lines.append((pos, m.start()))
        pos = m.end()
    lines.append((pos, end))
    merged: list[tuple[int, int]] = []
    for s, e in (line for line in lines if line[0] < line[1]):
        if merged:
            ps, pe = merged[-1]
            if not is_unit(clean_name(cell[ps:pe])) or named(clean_name(cell[ps:e])):
                merged[-1] = (ps, e)  # a name broken over lines or spaced out: 区卫生健\n康委, 各乡 镇人民政府
                continue
        merged.append((s, e))
    out: list[tuple[int, int]] = []
    for s, e in merged:
        out.extend(_at_conjunctions(cell, masked, s, e))
    return out


def _at_conjunctions(cell: str, masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """'乡镇人民政府和街道办事处' -> two units; '区人力资源和社会保障局' stays whole."""
    if named(clean_name(cell[start:end])):
        return [(start, end)]
    for m in CONJUNCTION.finditer(masked, start, end):
        left = clean_name(cell[start : m.start()])
        if is_unit(left) and named(left):
            rest = _at_conjunctions(cell, masked, m.end(), end)
            if all(is_unit(clean_name(cell[a:b])) for a, b in rest):
                return [(start, m.start()), *rest]
    return [(start, end)]


def _written_end(text: str, start: int, name: str) -> int:
    """End of ``name`` as written from ``start``, across line breaks and dropped notes."""
    norm = for_matching(text)
    i, j = start, 0
    while j < len(name) and i < len(text):
        if text[i] == name[j]:
            i, j = i + 1, j + 1
        elif text[i].isspace():
            i += 1
        else:
            pattern = BRACKETS.get(norm[i])
            note = pattern.match(norm, i) if pattern else None
            if note is None:
                break
            i = note.end()
    return i


# any opening bracket: most texts hold none, and then there is nothing to mask
OPENING = regex.compile(r"[（【［\[〔]")


@lru_cache(maxsize=4096)
def _mask_brackets(text: str) -> str:
    """Blank out nested bracket contents so separators inside notes do not split the list."""
    if not OPENING.search(text):
        return text
    insides = sorted((m.start() + 1, m.end() - 1) for m in bracket_notes(text))
    out: list[str] = []
    pos = 0
    for start, end in insides:
        start = max(start, pos)
        if start < end:
            out += (text[pos:start], FILLER * (end - start))
            pos = end
    out.append(text[pos:])
    return "".join(out)


def _expand(subject: str) -> list[tuple[str, int, int]]:
    """Units named by a prose subject, with written spans: shared head words written out.

    "民政、卫生健康等部门" -> 民政部门, 卫生健康部门; a prefix on the first item carries to the
    bare items after it ("各级民政、财政部门" -> 各级民政部门, 各级财政部门).
    """
    norm = for_matching(subject)
    m = SHARED_HEAD.match(norm)
    items = _split_units(subject)
    if len(items) > 1 and items[-1][0] in COLLECTIVES:
        return items[:-1]  # "各区、各部门": the head word belongs to the collective, not to 各区
    if len(items) > 1 and all(_is_place(n) for n, _, _ in items[:-1]) and _unit_after_place(items[-1][0]):
        return _share_levels(items)  # "市、区财政部门" / "蜀山区、包河区民政局": places sharing one unit
    if m and ("、" in m["list"] or norm[m.end("list") : m.start("head")]):
        head = m["head"]
        out: list[tuple[str, int, int]] = []
        prefix = ""
        listed = _split_units(subject[: m.end("list")])
        for k, (n, s, e) in enumerate(listed):
            if n.endswith(UNIT_ENDINGS) and not n.endswith(("市", "区", "县")):
                out.append((n, s, e))
                continue
            if n in COLLECTIVES or n + head in COLLECTIVES:  # 各地区、各有关部门 / 各区、各部门: unnamed
                continue
            name = n + head
            if k == 0 and named(name):
                prefix = split_prefix(name)[0]
            elif prefix and not split_prefix(name)[0]:
                name = prefix + name
            if k == len(listed) - 1 and e == m.start("head"):
                e = m.end("head")  # the last item is written with the head word itself: ……、各区县政府
            out.append((name, s, e))
        return out
    m = LIST_OF_KIND.match(norm)
    if m:
        items = _split_units(subject[: m.end("list")])
        if items and all(strict_unit(n) for n, _, _ in items):
            return items
    return items


def _share_levels(items: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Bare levels or places before a unit named after its own share that unit: "市、区财政部门" -> 市财政部门,
    区财政部门; "蜀山区、包河区民政局" -> 蜀山区民政局, 包河区民政局; "各市、县人民政府" -> 各市人民政府,
    各县人民政府."""
    out = list(items)
    for k in range(len(items) - 1, 0, -1):
        rest = _unit_after_place(out[k][0])
        if rest is None:
            continue
        j = k - 1
        while j >= 0 and _is_place(out[j][0]):
            n, s, e = out[j]
            out[j] = (n + rest, s, e)
            j -= 1
    if out[0][0].startswith("各"):  # 各 distributes over the levels after it: 各市、县人民政府 -> 各县人民政府 too
        out[1:] = [(("各" if n[:1] in LEVEL_WORDS else "") + n, s, e) for n, s, e in out[1:]]
    return out


def _is_place(name: str) -> bool:
    """A level word or a place standing alone in a list: 市 / 各市 / 蜀山区 / 城关镇 (not 区民政局)."""
    return name.removeprefix("各") in LEVEL_WORDS or (bool(PLACE_NAME.fullmatch(name)) and not is_unit(name))


def _unit_after_place(name: str) -> str | None:
    """The known unit a name holds after its level or place: 区财政部门 -> 财政部门, 包河区民政局 -> 民政局."""
    _, level, rest = split_prefix(name)
    if level is not None:
        return rest if strict_unit(name) else None
    for m in PLACE_NAME.finditer(name):
        if m.start() == 0 and m.end() < len(name) and strict_unit(name[m.end() :]):
            return name[m.end() :]
    return None


def from_bracket(content: str, offset: int, first_is_lead: bool, closes_sentence: bool = True) -> list[Found]:
    """Units in the inside of one bracket (``content`` without the brackets).

    A labelled note (责任单位：…) or one ending in a duty word (…按职责分工落实) counts anywhere; a bare list
    of units only where the bracket closes a sentence ("……。（市民政局、市财政局）"). Where the document
    (or the note itself) says the first-listed unit leads, the first unranked unit leads and the rest are co.
    """
    stated = FIRST_IS_LEAD.search(for_matching(content))
    if stated:
        first_is_lead = True
        content = content[: stated.start()] + " " * len(stated.group()) + content[stated.end() :]
    norm = for_matching(content)
    labels = list(LABEL.finditer(norm))
    found: list[Found] = []
    if labels:
        has_lead = any(lb["label"].startswith(("牵头", "主责")) for lb in labels)
        for k, lb in enumerate(labels):
            end = labels[k + 1].start() if k + 1 < len(labels) else len(content)
            other = OTHER_LABEL.search(norm, lb.end(), end)
            end = other.start() if other else end
            role = _label_role(lb["label"], has_lead)
            # a part may state its own role: "责任单位：各区人民政府，市市场监管局配合"
            for part_start, part in _parts(content[lb.end() : end]):
                part_role = _part_role(for_matching(part).rstrip().rstrip("。"))
                at = offset + lb.end() + part_start
                for name, s, e in _split_units(part):
                    if is_listed_unit(name):
                        found.append(Found(name, role if part_role == "responsible" else part_role, "bracket",
                                           at + s, at + e))
    else:
        # a note may hold several sentences: "（民政部等按职责分工负责，地方各级人民政府负责落实。以下……不再列出）"
        masked = _mask_brackets(norm)
        start = 0
        for stop in [*(m.start() for m in NOTE_SENTENCE.finditer(masked)), len(content)]:
            sentence, inner = content[start:stop], masked[start:stop].rstrip()
            if DUTY_TAIL.search(inner) or (closes_sentence and _all_units(sentence)):
                for part_start, part in _parts(sentence):
                    part_norm = for_matching(part).rstrip().rstrip("。")
                    role = _part_role(part_norm)
                    tail = DUTY_TAIL.search(part_norm)
                    # shared head words inside a note too: "各区、县（市）政府负责" -> 各区政府, 县（市）政府
                    for name, s, e in _expand(part[: tail.start()] if tail else part):
                        if is_listed_unit(name):
                            at = offset + start + part_start
                            found.append(Found(name, role, "bracket", at + s, at + e))
            start = stop + 1
    # a unit marked in its own bracket leads: "责任单位：市民政局（牵头）、市财政局"
    found = [replace(f, role="lead") if LEAD_MARK.match(norm, f.end - offset) else f for f in found]
    if any(f.role == "lead" for f in found):
        # every unit named beside a lead unit cooperates: "（市民政局牵头，各区县政府负责）"
        found = [replace(f, role="co") if f.role == "responsible" else f for f in found]
    if first_is_lead:
        found = _first_leads(found)
    elif any(f.role == "co" for f in found) and not any(f.role == "lead" for f in found):
        # ranked without the word 牵头: 'X；配合单位：Y' — the unit others cooperate with leads
        found = [replace(f, role="lead") if f.role == "responsible" else f for f in found]
    return found


def _part_role(part: str) -> Role:
    """'市民政局牵头' leads, '市财政局配合' cooperates, anything else is responsible."""
    return "lead" if part.endswith("牵头") else "co" if part.endswith("配合") else "responsible"


def _first_leads(found: list[Found]) -> list[Found]:
    """Without an explicit lead, the first unranked unit leads and the other unranked ones are co."""
    if any(f.role == "lead" for f in found):
        return found
    out: list[Found] = []
    for f in found:
        if f.role == "responsible":
            f = replace(f, role="co" if any(g.role == "lead" for g in out) else "lead")
        out.append(f)
    return out


def _parts(content: str) -> list[tuple[int, str]]:
    """Split a note into comma-separated parts, each of which may end in its own role word:
    '市民政局牵头，市财政局配合' / '各区人民政府，市市场监管局配合'."""
    masked = _mask_brackets(for_matching(content))
    parts: list[tuple[int, str]] = []
    start = 0
    for m in ROLE_BREAK.finditer(masked):
        parts.append((start, content[start : m.end() - 1]))
        start = m.end()
    parts.append((start, content[start:]))
    return parts


def _all_units(content: str) -> bool:
    names = [n for n, _ in split_units(content)]
    return bool(names) and all(is_unit(n) for n in names) and any(named(n) for n in names)


def _label_role(label: str, has_lead: bool) -> Role:
    if label.startswith(("牵头", "主责")):
        return "lead"
    if label.startswith(("配合", "参与", "协同", "协办")):
        return "co"
    return "co" if has_lead else "responsible"


def find_brackets(text: str, first_is_lead: bool = False) -> list[Found]:
    """Units in every responsibility note of ``text``: bracketed (not inside a cited title), or a labelled
    line or sentence without brackets ("责任单位：区民政局、区财政局" / "【牵头单位】区民政局")."""
    norm = for_matching(text)
    if not NOTE_MARK.search(norm):
        return []  # most paragraphs hold no bracket and no label: nothing to read
    titles = [m.span() for m in CITED_TITLE.finditer(norm)]
    found: list[Found] = []
    outside = _mask_brackets(norm)  # labels inside a bracket belong to that bracket's note
    for m in [*LABEL_LINE.finditer(outside), *BOXED_LABEL.finditer(norm)]:
        end = SENTENCE_END.search(outside, m.end())
        stop = end.start() if end else len(norm)
        start = m.start("label") - (1 if norm[m.start("label") - 1 : m.start("label")] == "【" else 0)
        found.extend(from_bracket(text[start:stop], start, first_is_lead))
    closed = bracket_notes(norm)
    for m in closed:
        if any(a <= m.start() and m.end() <= b for a, b in titles):
            continue
        closes = m.end() == len(norm.rstrip()) or norm[m.end() : m.end() + 1] in ("。", "；", "\n")
        found.extend(from_bracket(text[m.start() + 1 : m.end() - 1], m.start() + 1, first_is_lead, closes))
    for m in UNCLOSED_NOTE.finditer(norm) if _left_open(norm) else ():
        if not any(c.start() <= m.start() < c.end() for c in closed):  # its bracket was lost: it runs to the line's end
            line_end = norm.find("\n", m.end())
            stop = line_end if line_end != -1 else len(norm.rstrip())
            found.extend(from_bracket(text[m.end() : stop], m.end(), first_is_lead, True))
    return found


def _left_open(norm: str) -> bool:
    """More brackets opened than closed: a note may have lost its closing bracket."""
    return sum(norm.count(c) for c in "（【［[〔") > sum(norm.count(c) for c in "）】］]〕")


def find_prose(text: str) -> list[Found]:
    """Units that are the subject of an obligation in prose, and the units a 会同 joins (co)."""
    norm = for_matching(text)
    if not DUTY_MARK.search(norm):
        return []  # no obligation verb, no 由 and no 请: nothing to read
    norm = mask(_mask_brackets(norm), CITED_TITLE, keep_ends=True)
    found: list[tuple[Found, str]] = []  # each unit with the verb that gave it its duty
    for m in OBLIGATION.finditer(norm):
        verb = m["verb"]
        if PAST_OR_WEAK.match(norm[m.start() :]):
            continue
        clause_start = _clause_start(norm, m.start())
        role: Role = "lead" if verb in ("牵头", "会同") else "co" if verb == "配合" else "responsible"
        units = _subject_units(text, clause_start, m.start())
        if not units and not norm[clause_start : m.start()].strip():
            units = _subject_before_adverbial(text, norm, clause_start)
        if not units and verb in ("结合各自职能", "按照各自职责", "按职责", "按照职责", "根据职责"):
            units = _named_in(text, norm, _sentence_start(norm, m.start()), m.start())
        found.extend((Found(n, role, "prose", s, e), verb) for n, s, e in units)
        if verb == "会同":
            found.extend((Found(n, "co", "prose", s, e), "会同") for n, s, e in _leading_units(text, norm, m.end()))
    for m in BY_UNIT.finditer(norm):
        verb = m["verb"]
        role = "lead" if verb in ("牵头", "会同") else "responsible"
        units = _subject_units(text, m.start("subj"), m.end("subj"))
        found.extend((Found(n, role, "prose", s, e), verb) for n, s, e in units)
    for m in REQUEST.finditer(norm):
        units = _subject_units(text, *m.span("subj"))
        found.extend((Found(n, "responsible", "prose", s, e), "请") for n, s, e in units)
    return _ranked_in_sentence(found, norm)


def _ranked_in_sentence(found: list[tuple[Found, str]], norm: str) -> list[Found]:
    """Roles a sentence gives by contrast.

    Beside a unit that 牵头, the units merely responsible cooperate: '市民政局牵头，各镇人民政府负责'.
    Beside a unit that 配合, the unit that 负责 leads: '由市医保局负责，市财政局配合'.
    A 会同 ranks only its own object: '区财政局要……，区人力社保局要会同区民政局……' leaves 区财政局 responsible.
    """
    sentence_of = [_sentence_start(norm, f.start) for f, _ in found]
    led = {sentence_of[k] for k, (_, verb) in enumerate(found) if verb == "牵头"}
    helped = {sentence_of[k] for k, (_, verb) in enumerate(found) if verb == "配合"}
    out: list[Found] = []
    for k, (f, verb) in enumerate(found):
        if f.role == "responsible" and sentence_of[k] in led:
            f = replace(f, role="co")
        elif f.role == "responsible" and verb == "负责" and sentence_of[k] in helped and sentence_of[k] not in led:
            f = replace(f, role="lead")
        out.append(f)
    return out


def _subject_before_adverbial(text: str, norm: str, clause_start: int) -> list[tuple[str, int, int]]:
    """The subject of an obligation set off by a time clause: '主管部门在审查方案时，应当……' -> 主管部门."""
    if clause_start < 2 or norm[clause_start - 1] != "，":
        return []
    previous = _clause_start(norm, clause_start - 1)
    if not ADVERBIAL_END.search(norm, previous, clause_start - 1):
        return []
    return _leading_units(text, norm, previous)


def _clause_start(norm: str, pos: int) -> int:
    """Start of the subject before ``pos``: after the clause delimiter, 由 or cited title closest to it."""
    start = 0
    for d in CLAUSE_DELIM.finditer(norm, 0, pos):
        start = d.end()
    for d in SUBJECT_START.finditer(norm, start, pos):
        start = d.end()
    return start


def _sentence_start(norm: str, pos: int) -> int:
    start = 0
    for d in SENTENCE_END.finditer(norm, 0, pos):
        start = d.end()
    return start


def _subject_units(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Units forming the subject text[start:end], or the lexicon unit ending it when the clause is damaged."""
    subject = text[start:end]
    if not subject.strip():
        return []
    units = [(n, start + s, start + e) for n, s, e in _expand(subject) if is_unit(n)]
    good = [u for u in units if known_unit(u[0]) or (len(u[0]) <= 10 and not _is_verbish(u[0]))]
    if good and len(good) == len(units):
        return good
    # a lost delimiter before the subject ("……协调解决重大问题区民政局要"): the longest lexicon unit at the end
    for k in range(max(0, len(subject) - 16), len(subject) - 1):
        tail = subject[k:]
        if strict_unit(tail):
            return [(tail, start + k, end)] if is_unit(tail) else []
    return []


def _leading_units(text: str, norm: str, start: int) -> list[tuple[str, int, int]]:
    """The units a clause starts with, longest reading first: the object of 会同.

    "会同县卫生健康局、县财政局研究制定…" -> 县卫生健康局, 县财政局; "会同财政、卫生健康等部门" -> 财政部门,
    卫生健康部门; "会同有关部门" -> none.
    """
    stop = CLAUSE_DELIM.search(norm, start)
    end = min(stop.start() if stop else len(norm), start + _MAX_OBJECT)
    for q in range(end, start + 1, -1):
        if not norm[start:q].endswith(UNIT_ENDINGS) or (q < end and norm[start : q + 1].endswith(UNIT_ENDINGS)):
            continue  # no unit ends here, or one is cut inside its ending (宣传部|门 is no 宣传部)
        units = _expand(text[start:q])
        if units and all(is_unit(n) and known_unit(n) for n, _, _ in units):
            return [(n, start + s, start + e) for n, s, e in units]
    return []


def _is_verbish(name: str) -> bool:
    """Subjects that start with a verb are clauses, not names ('加强民政部门' is not a unit)."""
    return bool(VERB_START.match(name))


def _named_in(text: str, norm: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Lexicon units listed anywhere in text[start:end] (for 'X、Y等……结合各自职能……')."""
    out: list[tuple[str, int, int]] = []
    for m in HAN_RUN.finditer(norm, pos=start, endpos=end):
        for name, s, e in _split_units(text[m.start() : m.end()]):
            if strict_unit(name) and is_unit(name):
                out.append((name, m.start() + s, m.start() + e))
        for name_m in LISTED_NAME.finditer(m.group(0)):
            name = name_m.group(1)
            if strict_unit(name) and is_unit(name) and all(name != n for n, _, _ in out):
                pos = m.start() + name_m.start(1)
                out.append((name, pos, pos + len(name)))
    return out


def titled_unit(title: str, body: str) -> Role | None:
    """The role of a unit that is a numbered item's whole title, its duties set out after a colon:
    "1．县民政局：负责养老服务体系建设；承担……" -> responsible; None when the title is no unit or the body
    does not open with a duty."""
    name = title.strip()
    if not (is_unit(name) and known_unit(name)):
        return None
    m = DUTY_OPENING.match(for_matching(body))
    if m is None:
        return None
    verb = m["verb"]
    return "lead" if verb in ("牵头", "会同") else "co" if verb in ("配合", "参与", "协助") else "responsible"


def find_departments(text: str, first_is_lead: bool = False, prose: bool = True) -> list[Found]:
    """All units in ``text``: bracket notes first, then (outside brackets) prose obligations."""
    found = find_brackets(text, first_is_lead)
    if prose:
        found += find_prose(text)
    return found
