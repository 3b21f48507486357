"""Quantitative targets: a number, its unit and a comparator.

    达到100%  -> = 100 %        不低于30% / 60%以上 / ≥60%  -> >= …
    不超过30% / 以下 / ≤      -> <=          超过 / 高于 / ＞  -> >
    70%左右 / 约               -> ~          不少于二次         -> >= 2 次
    3—5家 / 1至2名 / 3万至5万人 -> >= lower bound
    由2000人增加到4200人       -> = 4200 人  (2000 is the baseline)
    百分之六十以上             -> >= 60 %    人均预期寿命达到80岁 -> = 80 岁
    万 / 亿 stay in the unit:  35万人 -> 35 万人, 3亿人次以上 -> >= 3 亿人次

Not targets: ages and eligibility limits (60周岁以上), money and fee rules
(元, 价格, 收取), numbers in names (12349热线, "1+N", 15分钟服务圈,
二级以上医院, the parts of a slogan “五个一”), rate denominators (每千名), past facts
(已建成…), durations (5年内, 3个月内), attributes (24小时呼叫服务), existing resources
(依托全区120个网格), the basis of an estimate (按18万人测算).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from ..lexicon import load
from ..normalize import for_matching
from ..numerals import cn_to_int
from .spans import SENTENCE_DELIM, clause_bounds, mask

if TYPE_CHECKING:
    from .deadlines import FoundDeadline

_VOCAB = load("units")
UNITS = sorted(_VOCAB["units"], key=len, reverse=True)
UNIT_ALT = "|".join(regex.escape(u) for u in UNITS)
# a unit with its magnitude: 900万张, 3亿人次, 2亿人 (the lexicon lists some, 万张 / 万人, not every pairing)
UNIT_MAG = rf"(?:[万亿](?:{UNIT_ALT})|{UNIT_ALT})"

# Comparator words before the number, longest first; the number may follow a short verb phrase
# ("至少建有1所", "达到老年人口总数的12%").
PREFIX_CMP: dict[str, str] = _VOCAB["prefix_comparators"]
SUFFIX_CMP: dict[str, str] = _VOCAB["suffix_comparators"]
# A one-character comparator that ends another word is not one: 签约率 / 预约, 发达 / 下达.
WORD_HEADS: dict[str, str] = _VOCAB["comparator_word_heads"]


def _prefix(word: str) -> str:
    heads = WORD_HEADS.get(word)
    return (f"(?<![{heads}])" if heads else "") + regex.escape(word)


PREFIX_ALT = "|".join(_prefix(w) for w in sorted(PREFIX_CMP, key=len, reverse=True))
SUFFIX_ALT = "|".join(sorted(map(regex.escape, SUFFIX_CMP), key=len, reverse=True))
CN_NUM = "一二三四五六七八九十两百千"
GAPLESS = frozenset(_VOCAB["gapless_prefixes"])  # comparators that must touch their number

# A number OCR split into single digits (5 0%, 1 0 0%, 2 0 0 0张) is one number where a unit follows it; numbers
# of several digits side by side are cells or items of their own (a nested table's "6 40%": 6, then 40%).
# 不低于55% / 至少建有1所 / 60%以上 / 3—5家 / 1名至2名 / 3万至5万人 / 不少于二次 / 百分之六十以上
QUANTITY = regex.compile(
    rf"""(?x)
    (?:(?P<pre>{PREFIX_ALT})(?P<gap>[\p{{Han}}]{{0,8}}?的?)\s*)?
    (?<![\d.+\-])
    (?P<num>\d{{1,2}}(?:\x20\d)+(?=\s*{UNIT_MAG})|\d+(?:\.\d+)?|百分之[{CN_NUM}]{{1,4}}|[{CN_NUM}]{{1,4}}(?=(?:{UNIT_ALT})))
    (?:\s*(?P<unit1>{UNIT_MAG})?\s*(?P<range>[—\-－–~至到]{{1,2}})\s*\d+(?:\.\d+)?)?
    \s*(?P<unit>{UNIT_MAG})?
    (?P<post>{SUFFIX_ALT})?
    """
)
# What makes a number not a target, by what stands right after it …
NOT_AFTER = regex.compile(_VOCAB["not_after"])
# … or right before it.
NOT_BEFORE = regex.compile(_VOCAB["not_before"])
# Context words that make the quantity a price, a fee rule or money.
MONEY_CONTEXT = regex.compile(_VOCAB["money_context"])
# a rate per head or per bed before an amount: 人均不低于50元 / 每床每年不少于1000元
MONEY_RATE = regex.compile(_VOCAB["money_rates"])
BUILD_VERB = regex.compile(_VOCAB["build_verbs"])
# the same verbs anywhere: 依托社区卫生服务中心建设10个…… builds, 依托全区120个网格 uses what exists
BUILD_VERB_ANYWHERE = regex.compile(_VOCAB["build_verbs"].removesuffix("$"))
# 依托全区1027个网格 / 全市共有养老机构50家: resources that exist, not quantities to reach
RESOURCE_LEAD = regex.compile(_VOCAB["resource_leads"])
# 按18万人测算 / 按照120个床位的标准: the basis of a calculation or a standard, not a commitment
BASIS_LEAD = regex.compile(_VOCAB["basis_lead"])
# “五个一”: the numbers enumerated in its sentence are the parts of a slogan's name
SLOGAN = regex.compile(_VOCAB["slogan"])
# 人均预期寿命达到80岁: an age that is itself the measure
AGE_METRIC = regex.compile(_VOCAB["age_metrics"])
ATTRIBUTE_UNITS = frozenset(_VOCAB["attribute_units"])
# 24小时呼叫服务 / 15分钟步行: a time directly qualifying a noun (not 3小时的, 3小时内)
ATTRIBUTE_NOUN = regex.compile(r"[\p{Han}](?<![的内])")
PAST = regex.compile(r"已经|已|了|曾|截至目前")
# 已 inside the object of a verb, naming what exists, not reporting a past event: 完成已建成小区补建任务的50% /
# 对已有设施进行改造 (but 全区已建成服务站56个 reports one)
QUALIFYING_PAST = regex.compile(
    r"(?<=完成|推进|实施|改造|补建|覆盖|推动|补齐|实现|对|为|将|在)已(?=建成|建|有|入住|投用|运营)"
)
BASELINE_LEAD = regex.compile(r"(?:由|从)$")
# the baseline of 由2000人增加到4200人, left out of the metric
METRIC_BASELINE = regex.compile(rf"(?:由|从)\s*\d+(?:\.\d+)?\s*(?:{UNIT_ALT})?$")
# a grade that is a standard to reach: 二星级以上标准 / 二级以上养老机构等级标准
GRADE_STANDARD = regex.compile(r"[\p{Han}]{0,8}?标准")
# after a quantity with 以上 / 以下: it qualifies the subject of a duty, an eligibility limit, not a target
# (床位100张以上的养老机构原则上应当内设医务室 / 建筑面积1000平方米以上的设施须……)
ELIGIBLE_SUBJECT = regex.compile(r"的[\p{Han}]{1,12}?(?:原则上|应当|应|须|必须|要|可以|可|均应|一律)")
# a period a duty recurs in: 每年 / 每半年 / 每季度 / 每两年 / 每月 / 每周
CADENCE = regex.compile(r"每[一两二三]?个?(?:年|半年|季度?|月|周|星期)")
# a cited title: 《……》
CITED = regex.compile(r"《[^《》]*》")
AGE_UNITS = frozenset(_VOCAB["age_units"])
DURATION_UNITS = frozenset(_VOCAB["duration_units"])  # the age units that measure time, not a person's age
# a quoted name closes within this many characters after its number: “15分钟”, “一刻钟”, “3个100%”
QUOTE_REACH = 8


# anything a target needs: a digit, 百分之…, or a Chinese numeral with its unit (不少于二次)
NUMBER_MARK = regex.compile(rf"\d|百分之|[{CN_NUM}](?:{UNIT_ALT})")


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


def find_targets(text: str, deadlines: list[FoundDeadline] | None = None) -> list[FoundTarget]:
    norm = for_matching(text)
    if not NUMBER_MARK.search(norm):
        return []  # no digit and no Chinese numeral with a unit: nothing to read
    norm = mask(norm, CITED)
    out: list[FoundTarget] = []
    for m in QUANTITY.finditer(norm):
        target = _target(text, norm, m, deadlines or [])
        if target is not None:
            out.append(target)
    return out


def _value(norm: str, m: regex.Match[str], pre: str | None) -> float | None:
    """The number: Arabic, 百分之六十, or a Chinese numeral where a comparator or a verb commits to it."""
    num, start_num = m["num"], m.start("num")
    if num.startswith("百分之"):
        value = cn_to_int(num.removeprefix("百分之"))
        return None if value is None else float(value)
    if num[0].isdigit():
        return float(num.replace(" ", ""))
    value = cn_to_int(num)
    if value is None or not (
        pre or BUILD_VERB.search(norm[max(0, start_num - 3) : start_num]) or _grade(norm, m) or _cadence(norm, m)
    ):
        return None
    return float(value)


def _cadence(norm: str, m: regex.Match[str]) -> bool:
    """How often a recurring duty is done, whatever the duty: 每半年通报一次 / 每季度督查两次 (not 一次性补助)."""
    if m["unit"] != "次" or norm.startswith("性", m.end()):
        return False
    clause_start, _ = clause_bounds(norm, m.start("num"))
    return bool(CADENCE.search(norm, clause_start, m.start("num")))


def _target(text: str, norm: str, m: regex.Match[str], deadlines: list[FoundDeadline]) -> FoundTarget | None:
    num, pre, post = m["num"], m["pre"], m["post"]
    unit = "%" if num.startswith("百分之") else m["unit"] or m["unit1"]
    if pre and m["gap"]:  # a comparator inside the gap is the one that applies: 提升至……不低于60%
        if pre in GAPLESS:
            return None  # "约服务3万居民": 约 qualifies the verb, not a committed quantity
        inner = list(regex.finditer(PREFIX_ALT, m["gap"]))
        if inner:
            pre = inner[-1].group(0)
    start_num, end = m.start("num"), m.end()
    start = m.start("pre") if pre else start_num
    value = _value(norm, m, pre)
    if value is None:
        return None
    if unit is None and not (pre and PREFIX_CMP[pre] != "=") and post is None:
        return None  # a bare number: only with a strong comparator (不少于3) or a suffix (1以上)
    after = norm[end : end + 10]
    before = norm[max(0, start - 6) : start]
    if NOT_AFTER.match(after) or NOT_BEFORE.search(before) or BASELINE_LEAD.search(before):
        return None
    if _quoted(norm, start, end):
        return None  # a number inside a name in quotes: 构建“15分钟”养老服务圈, “3个100%”
    clause_start, clause_end = clause_bounds(norm, start_num)
    if unit in AGE_UNITS and not AGE_METRIC.search(norm, clause_start, start) and not _bounded_duration(unit, pre):
        return None  # 60周岁以上 / 5年内 / 3个月内; but 人均预期寿命达到80岁, 办理时限不超过5个工作日
    if unit and unit.endswith("元") and PREFIX_CMP.get(pre or "", "=") == "=" and pre not in ("达到", "达"):
        return None  # a money standard (每人每月200元); a committed total keeps its comparator (不少于2亿元)
    if unit and unit.endswith("元") and MONEY_RATE.search(norm, clause_start, start):
        return None  # a rate, whatever its comparator: 按老年人口人均不低于50元安排
    if not (pre or post) and _not_committed(norm, m, unit, clause_start):
        return None
    if MONEY_CONTEXT.search(norm, clause_start, clause_end) or _reports_past(norm, clause_start, clause_end):
        return None
    if norm.startswith("的", end) and NUMBER_MARK.search(norm, end, clause_end):
        return None  # a threshold naming what is counted: 培育年营业收入超过1亿元的企业5家以上 -> only 5家以上
    if post and not pre and ELIGIBLE_SUBJECT.match(norm, end, clause_end):
        return None  # an eligibility limit: 床位100张以上的养老机构应当… (but 覆盖80%以上的社区 commits)
    if SLOGAN.search(norm, *clause_bounds(norm, start_num, SENTENCE_DELIM)):
        return None
    comparator = _comparator(pre, post, m["range"])
    metric = METRIC_BASELINE.sub("", norm[clause_start:start]).strip("，。 ") or None
    year = None
    for d in deadlines:
        if d.year and d.start <= start and d.start >= clause_start - 40:
            year = d.year
    if unit in ("％", "%"):
        unit = "%"
    return FoundTarget(text[start:end], value, unit, comparator, metric[-20:] if metric else None, year, start, end)


def _reports_past(norm: str, start: int, end: int) -> bool:
    return any(not QUALIFYING_PAST.match(norm, m.start()) for m in PAST.finditer(norm, start, end))


def _bounded_duration(unit: str, pre: str | None) -> bool:
    """A duration with a bound is a committed limit (不超过5个工作日, 不少于6个月); alone it is a span (3个月内)."""
    return unit in DURATION_UNITS and PREFIX_CMP.get(pre or "", "=") != "="


def _quoted(norm: str, start: int, end: int) -> bool:
    """Inside “…” (opened before the quantity in its sentence and closed soon after it)."""
    if "“" not in norm:
        return False
    sentence_start, _ = clause_bounds(norm, start, SENTENCE_DELIM)
    opened = norm.rfind("“", sentence_start, start)
    return opened != -1 and norm.find("”", opened, start) == -1 and norm.find("”", end, end + QUOTE_REACH) != -1


def _not_committed(norm: str, m: regex.Match[str], unit: str | None, clause_start: int) -> bool:
    """A bare quantity that describes rather than commits: 24小时呼叫服务, 依托全区120个网格, 按18万人测算."""
    start_num = m.start("num")
    if unit in ATTRIBUTE_UNITS and ATTRIBUTE_NOUN.match(norm, m.end()):
        return True
    if BASIS_LEAD.search(norm, clause_start, start_num):
        return True
    leads = list(RESOURCE_LEAD.finditer(norm, clause_start, start_num))
    return bool(leads) and not BUILD_VERB_ANYWHERE.search(norm, leads[-1].end(), start_num)


def _grade(norm: str, m: regex.Match[str]) -> bool:
    """'二星级以上标准' / '二级以上养老机构等级标准' are targets; '二级以上医院' is a qualifier."""
    return bool(m["post"]) and m["unit"] in ("级", "星级") and bool(GRADE_STANDARD.match(norm, m.end()))


def _comparator(pre: str | None, post: str | None, has_range: str | None) -> str:
    if has_range:
        return ">="
    cmp_pre = PREFIX_CMP.get(pre or "", "=")
    cmp_post = SUFFIX_CMP.get(post or "", "=")
    if cmp_pre != "=":
        return cmp_pre
    return cmp_post
