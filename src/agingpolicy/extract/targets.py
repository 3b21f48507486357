"""Quantitative targets: a number, its unit and a comparator.

    达到100%  -> = 100 %        不低于30% / 60%以上 / ≥60%  -> >= …
    不超过30% / 以下 / ≤      -> <=          超过 / 高于 / ＞  -> >
    70%左右 / 约               -> ~          不少于二次         -> >= 2 次
    3—5家 / 1至2名             -> >= lower bound
    由2000人增加到4200人       -> = 4200 人  (2000 is the baseline)

Not targets: ages and eligibility limits (60周岁以上), money and fee rules
(元, 价格, 收取), numbers in names (12349热线, "1+N", 15分钟服务圈,
二级以上医院), rate denominators (每千名), past facts (已建成…), durations (5年内).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from ..lexicon import load
from ..normalize import for_matching
from ..numerals import cn_to_int

if TYPE_CHECKING:
    from .deadlines import FoundDeadline

_VOCAB = load("units")
UNITS = sorted(_VOCAB["units"], key=len, reverse=True)
UNIT_ALT = "|".join(regex.escape(u) for u in UNITS)

# Comparator words before the number, longest first; the number may follow a short verb phrase
# ("至少建有1所", "达到老年人口总数的12%").
PREFIX_CMP: dict[str, str] = _VOCAB["prefix_comparators"]
SUFFIX_CMP: dict[str, str] = _VOCAB["suffix_comparators"]
PREFIX_ALT = "|".join(sorted(map(regex.escape, PREFIX_CMP), key=len, reverse=True))
SUFFIX_ALT = "|".join(sorted(map(regex.escape, SUFFIX_CMP), key=len, reverse=True))
CN_NUM = "一二三四五六七八九十两百千"
GAPLESS = frozenset(_VOCAB["gapless_prefixes"])  # comparators that must touch their number

QUANTITY = regex.compile(
    rf"""(?x)
    (?:(?P<pre>{PREFIX_ALT})(?P<gap>[\p{{Han}}]{{0,8}}?的?)\s*)?
    (?<![\d.+\-])
    (?P<num>\d+(?:\.\d+)?|[{CN_NUM}]{{1,4}}(?=(?:{UNIT_ALT})))
    (?:\s*(?P<range>[—\-－–~至到]{{1,2}})\s*\d+(?:\.\d+)?)?
    \s*(?P<unit>{UNIT_ALT})?
    (?P<post>{SUFFIX_ALT})?
    """
)
# What makes a number not a target, by what stands right after it …
NOT_AFTER = regex.compile(_VOCAB["not_after"])
# … or right before it.
NOT_BEFORE = regex.compile(_VOCAB["not_before"])
# Context words that make the quantity a price, a fee rule or money.
MONEY_CONTEXT = regex.compile(_VOCAB["money_context"])
BUILD_VERB = regex.compile(_VOCAB["build_verbs"])
PAST = regex.compile(r"已经|已|了|曾|截至目前")
BASELINE_LEAD = regex.compile(r"(?:由|从)$")
CLAUSE_DELIM = "。；，：！？\n"


@dataclass(frozen=True, slots=True)
class FoundTarget:
    text: str
    value: float
    unit: str | None
    comparator: str
    metric: str | None
    year: int | None
    start: int
    end: int


def _clause_bounds(norm: str, pos: int) -> tuple[int, int]:
    start = pos
    while start > 0 and norm[start - 1] not in CLAUSE_DELIM:
        start -= 1
    end = pos
    while end < len(norm) and norm[end] not in CLAUSE_DELIM:
        end += 1
    return start, end


def _mask(norm: str) -> str:
    """Blank out cited titles: numbers inside 《……》 are never targets."""
    return regex.sub(r"《[^《》]*》", lambda m: "＿" * len(m.group(0)), norm)


def find_targets(text: str, deadlines: list[FoundDeadline] | None = None) -> list[FoundTarget]:
    norm = _mask(for_matching(text))
    out: list[FoundTarget] = []
    for m in QUANTITY.finditer(norm):
        target = _target(text, norm, m, deadlines or [])
        if target is not None:
            out.append(target)
    return out


def _target(text: str, norm: str, m: regex.Match[str], deadlines: list[FoundDeadline]) -> FoundTarget | None:
    num, unit, pre, post = m["num"], m["unit"], m["pre"], m["post"]
    if pre and m["gap"]:  # a comparator inside the gap is the one that applies: 提升至……不低于60%
        if pre in GAPLESS:
            return None  # "约服务3万居民": 约 qualifies the verb, not a committed quantity
        inner = list(regex.finditer(PREFIX_ALT, m["gap"]))
        if inner:
            pre = inner[-1].group(0)
    start_num, end = m.start("num"), m.end()
    if num[0] in CN_NUM or not num[0].isdigit():
        value = cn_to_int(num)
        if value is None or not (pre or BUILD_VERB.search(norm[max(0, start_num - 3) : start_num]) or _grade(norm, m)):
            return None
    else:
        value = float(num)
    if unit is None and not (pre and PREFIX_CMP[pre] != "=") and post is None:
        return None  # a bare number: only with a strong comparator (不少于3) or a suffix (1以上)
    if unit is None and not pre and not post:
        return None
    after = norm[end : end + 10]
    before = norm[max(0, (m.start("pre") if pre else start_num) - 6) : (m.start("pre") if pre else start_num)]
    if NOT_AFTER.match(after) or NOT_BEFORE.search(before) or BASELINE_LEAD.search(before):
        return None
    if unit in _VOCAB["age_units"] or (unit and unit.endswith("元")):
        return None
    clause_start, clause_end = _clause_bounds(norm, start_num)
    clause = norm[clause_start:clause_end]
    if MONEY_CONTEXT.search(norm, clause_start, clause_end) or PAST.search(clause):
        return None
    comparator = _comparator(pre, post, m["range"])
    start = m.start("pre") if pre else start_num
    metric = norm[clause_start:start].strip("，。 ") or None
    year = None
    for d in deadlines:
        if d.year and d.start <= start and d.start >= clause_start - 40:
            year = d.year
    if unit in ("％", "%"):
        unit = "%"
    return FoundTarget(text[start:end], float(value), unit, comparator, metric[-20:] if metric else None,
                       year, start, end)


def _grade(norm: str, m: regex.Match[str]) -> bool:
    """'二星级以上标准' / '二级以上养老机构等级标准' are targets; '二级以上医院' is a qualifier."""
    return bool(m["post"]) and m["unit"] in ("级", "星级") and bool(regex.match(r"[\p{Han}]{0,8}?标准", norm[m.end() :]))


def _comparator(pre: str | None, post: str | None, has_range: str | None) -> str:
    if has_range:
        return ">="
    cmp_pre = PREFIX_CMP.get(pre or "", "=")
    cmp_post = SUFFIX_CMP.get(post or "", "=")
    if cmp_pre != "=":
        return cmp_pre
    return cmp_post
