"""Responsible units: from responsibility brackets, task-table cells, and obligations in prose.

    （责任部门：民政局、卫计委）                       -> 民政局, 卫计委      responsible
    （牵头单位：市民政局；配合单位：市财政局）          -> 市民政局 lead, 市财政局 co
    （市民政局、各区县政府（含高新区，下同）按职责分工落实）-> 市民政局, 各区县政府
    民政、卫生健康等部门要……                           -> 民政部门, 卫生健康部门
    市、区县两级政府要……                               -> 市政府, 区县政府
    由区民政局牵头……                                   -> 区民政局 lead

Functions here return :class:`Found` values with offsets into the text they were
given; callers turn them into model records with spans.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..deptlex import named
from ..lexicon import load
from ..models import Role
from ..normalize import for_matching

_LEX = load("departments")
COLLECTIVES = frozenset(_LEX["collectives"])
NON_UNITS = tuple(_LEX["non_units"])
UNIT_ENDINGS = tuple(sorted(_LEX["unit_endings"], key=len, reverse=True))

# A bracketed note, nesting allowed: （市民政局、各区县政府（含高新区，下同）按职责分工落实）
BRACKETS = (
    regex.compile(r"（(?:[^（）]++|(?R))*）"),
    regex.compile(r"【(?:[^【】]++|(?R))*】"),
    regex.compile(r"［(?:[^［］]++|(?R))*］"),
    regex.compile(r"\[(?:[^\[\]]++|(?R))*\]"),
)
# 责任单位：… / 牵头单位: … — the label and its role
LABEL = regex.compile(
    r"""(?x)
    (?P<label>牵头(?:责任)?(?:单位|部门|处室)|主责(?:单位|部门)|
       配合(?:单位|部门|处室)|参与(?:单位|部门)|协同(?:单位|部门)|协办单位|
       责任(?:单位|部门|主体)|负责(?:单位|部门)|实施(?:单位|部门)|承办单位)
    \s*[：:]\s*
    """
)
# Words closing a responsibility note: （……按职责分工落实） （……负责）
DUTY_TAIL = regex.compile(
    r"(?:按照?职责分工(?:落实|负责|推进)?|按职责(?:落实|负责)|分工负责|共同负责|负责落实|负责|牵头|配合|落实)$"
)
# List separators inside a note or a cell.
SEPARATOR = regex.compile(r"[、，,；;／/\n]|以及|及(?=[\p{Han}]{2,}(?:局|委|办|部门|政府))")
# Trailing words that are not part of a name: 等 / 等部门 / 按职责分工落实 / 牵头 / 配合
NAME_TAIL = regex.compile(
    r"(?:等(?:部门|单位)?|按照?职责分工(?:落实|负责|推进)?|按职责(?:落实|负责)?|分工负责|共同负责|负责落实|负责|牵头|配合|落实|参与)+$"
)
# Obligation verbs after a unit in prose: 民政部门要… / 区民政局负责… / 共青团、妇联…结合各自职能
OBLIGATION = regex.compile(
    r"(?<!要|应|须|当)(?P<verb>要|应当|应|须|必须|负责|牵头|会同|配合|按照?职责|根据职责|结合各自职能|按照各自职责)"
)
# 由区民政局牵头 / 由各区县政府负责
BY_UNIT = regex.compile(r"由(?P<subj>[^，。；：！？\n由]{2,30}?)(?P<verb>负责|牵头|组织|统筹)")
# "A、B等部门" / "A、B两级政府": list + shared head word
SHARED_HEAD = regex.compile(r"^(?P<list>.+?)(?:等|两级|三级|各级)?(?P<head>部门|单位|政府)$")
CLAUSE_DELIM = regex.compile(r"[。；，：！？\n]")
PAST_OR_WEAK = regex.compile(r"^(?:可|可以|也)")


@dataclass(frozen=True, slots=True)
class Found:
    name: str
    role: Role
    via: str  # bracket | table | prose
    start: int
    end: int


def clean_name(name: str) -> str:
    """Strip notes in brackets, list words and duty words: '各区县政府（含高新区，下同）' -> '各区县政府'."""
    for pattern in BRACKETS:
        name = pattern.sub("", name)
    name = regex.sub(r"\s+", "", name).strip("：:，。；、 ")
    prev = None
    while prev != name:
        prev = name
        name = NAME_TAIL.sub("", name).strip("：:，。；、 ")
    return name


def is_unit(name: str) -> bool:
    """Is ``name`` a named responsible unit (not a collective, not a market actor)?"""
    if not (2 <= len(name) <= 30) or name in COLLECTIVES or regex.fullmatch(r"[—\-–－]+", name):
        return False
    if named(name):
        return not any(name.endswith(x) for x in NON_UNITS) or name.endswith(UNIT_ENDINGS)
    if any(name.endswith(x) for x in NON_UNITS):
        return False
    return name.endswith(UNIT_ENDINGS)


def strict_unit(text: str) -> bool:
    """True when all of ``text`` is a (prefix +) lexicon unit: 区民政局, 各级财政部门; not 问题区民政局."""
    return named(text)


def split_units(cell: str) -> list[tuple[str, int]]:
    """Names in a list, with their offsets: '区人社局、区财政局' -> [('区人社局', 0), ('区财政局', 5)]."""
    out: list[tuple[str, int]] = []
    masked = _mask_brackets(cell)
    pos = 0
    for m in [*SEPARATOR.finditer(masked), None]:
        end = m.start() if m else len(cell)
        raw = cell[pos:end]
        name = clean_name(raw)
        if name:
            out.append((name, pos + max(raw.find(name[:1]), 0)))
        if m:
            pos = m.end()
    return out


def _mask_brackets(text: str) -> str:
    """Blank out nested bracket contents so separators inside notes do not split the list."""
    out = list(text)
    for pattern in BRACKETS:
        for m in pattern.finditer(text):
            for k in range(m.start() + 1, m.end() - 1):
                out[k] = "＿"
    return "".join(out)


def _expand(subject: str) -> list[tuple[str, int]]:
    """Units named by a prose subject, with offsets: shared head words written out."""
    m = SHARED_HEAD.match(subject)
    if m and ("、" in m["list"] or subject[m.end("list") : m.start("head")]):
        items = split_units(m["list"])
        head = m["head"]
        return [(n if n.endswith(UNIT_ENDINGS) and not n.endswith(("市", "区", "县")) else n + head, off)
                for n, off in items]
    return split_units(subject)


def from_bracket(content: str, offset: int, first_is_lead: bool, closes_sentence: bool = True) -> list[Found]:
    """Units in the inside of one bracket (``content`` without the brackets).

    A labelled note (责任单位：…) or one ending in a duty word (…按职责分工落实) counts anywhere; a bare list
    of units only where the bracket closes a sentence ("……。（市民政局、市财政局）").
    """
    norm = for_matching(content)
    labels = list(LABEL.finditer(norm))
    found: list[Found] = []
    if labels:
        has_lead = any(lb["label"].startswith(("牵头", "主责")) for lb in labels)
        for k, lb in enumerate(labels):
            end = labels[k + 1].start() if k + 1 < len(labels) else len(content)
            role = _label_role(lb["label"], has_lead)
            for name, off in split_units(content[lb.end() : end]):
                if is_unit(name):
                    pos = offset + lb.end() + off
                    found.append(Found(name, role, "bracket", pos, pos + len(name)))
        return found
    inner = _mask_brackets(norm)
    if not DUTY_TAIL.search(inner.rstrip("。")) and not (closes_sentence and _all_units(content)):
        return []
    for part_start, part in _parts(content):
        part_norm = for_matching(part).rstrip("。")
        role: Role = "lead" if part_norm.endswith("牵头") else "co" if part_norm.endswith("配合") else "responsible"
        for name, off in split_units(part):
            if is_unit(name):
                pos = offset + part_start + off
                found.append(Found(name, role, "bracket", pos, pos + len(name)))
    if first_is_lead and found and all(f.role == "responsible" for f in found):
        found = [Found(f.name, "lead" if k == 0 else "co", f.via, f.start, f.end) for k, f in enumerate(found)]
    return found


def _parts(content: str) -> list[tuple[int, str]]:
    """Split '市民政局牵头，市财政局配合' at the role words."""
    masked = _mask_brackets(for_matching(content))
    parts: list[tuple[int, str]] = []
    start = 0
    for m in regex.finditer(r"(?:牵头|配合)[，；]", masked):
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
    """Units in every responsibility bracket of ``text``."""
    norm = for_matching(text)
    found: list[Found] = []
    for pattern in BRACKETS:
        for m in pattern.finditer(norm):
            closes = m.end() == len(norm.rstrip()) or norm[m.end() : m.end() + 1] in ("。", "；", "\n")
            found.extend(from_bracket(text[m.start() + 1 : m.end() - 1], m.start() + 1, first_is_lead, closes))
    return found


def find_prose(text: str) -> list[Found]:
    """Units that are the subject of an obligation in prose."""
    norm = _mask_brackets(for_matching(text))
    found: list[Found] = []
    for m in OBLIGATION.finditer(norm):
        verb = m["verb"]
        clause_start = 0
        for d in CLAUSE_DELIM.finditer(norm, 0, m.start()):
            clause_start = d.end()
        subject = norm[clause_start : m.start()]
        if PAST_OR_WEAK.match(norm[m.start() :]):
            continue
        role: Role = "lead" if verb in ("牵头", "会同") else "co" if verb == "配合" else "responsible"
        units = _subject_units(text, clause_start, m.start())
        if not units and verb in ("结合各自职能", "按照各自职责", "按职责", "按照职责", "根据职责"):
            units = _named_in(text, _sentence_start(norm, m.start()), m.start())
        found.extend(Found(n, role, "prose", s, s + len(n)) for n, s in units)
    for m in BY_UNIT.finditer(norm):
        role = "lead" if m["verb"] == "牵头" else "responsible"
        units = _subject_units(text, m.start("subj"), m.end("subj"))
        found.extend(Found(n, role, "prose", s, s + len(n)) for n, s in units)
    return found


def _sentence_start(norm: str, pos: int) -> int:
    start = 0
    for d in regex.finditer(r"[。；！？\n]", norm[:pos]):
        start = d.end()
    return start


def _subject_units(text: str, start: int, end: int) -> list[tuple[str, int]]:
    """Units forming the subject text[start:end], or the lexicon unit ending it when the clause is damaged."""
    subject = text[start:end]
    if not subject.strip():
        return []
    units = [(n, start + off) for n, off in _expand(subject) if is_unit(n)]
    good = [(n, s) for n, s in units if strict_unit(n) or (len(n) <= 10 and not _is_verbish(n))]
    if good and len(good) == len(units):
        return good
    # a lost delimiter before the subject ("……协调解决重大问题区民政局要"): the longest lexicon unit at the end
    for k in range(max(0, len(subject) - 16), len(subject) - 1):
        tail = subject[k:]
        if strict_unit(tail):
            return [(tail, start + k)] if is_unit(tail) else []
    return []


def _is_verbish(name: str) -> bool:
    """Subjects that start with a verb are clauses, not names ('加强民政部门' is not a unit)."""
    return bool(regex.match(r"^(?:加强|推动|支持|鼓励|指导|引导|督促|发挥|充分|注重|组织|协调)", name))


def _named_in(text: str, start: int, end: int) -> list[tuple[str, int]]:
    """Lexicon units listed anywhere in text[start:end] (for 'X、Y等……结合各自职能……')."""
    norm = _mask_brackets(for_matching(text[start:end]))
    out: list[tuple[str, int]] = []
    for m in regex.finditer(r"[\p{Han}]{2,14}", norm):
        for name, off in split_units(text[start + m.start() : start + m.end()]):
            if strict_unit(name) and is_unit(name):
                out.append((name, start + m.start() + off))
        for name_m in regex.finditer(r"(?<=^|、|发挥|和)([\p{Han}]{2,6}?)(?=、|等|和|$)", m.group(0)):
            name = name_m.group(1)
            if strict_unit(name) and is_unit(name) and all(name != n for n, _ in out):
                out.append((name, start + m.start() + name_m.start(1)))
    return out


def find_departments(text: str, first_is_lead: bool = False, prose: bool = True) -> list[Found]:
    """All units in ``text``: bracket notes first, then (outside brackets) prose obligations."""
    found = find_brackets(text, first_is_lead)
    if prose:
        found += find_prose(text)
    return found
