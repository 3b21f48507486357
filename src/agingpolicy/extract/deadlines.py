"""Deadlines: by when something in a task is to be done.

    到2025年 / 到2025年底 / 2022年底前 / 2025年年底前 / 2023年6月底前     kind by
    “2025年，……达到” (a year opening a clause) / 到二〇三五年          kind by
    从2022年起 / 自2023年起 / 自2026年1月1日起                        kind from
    “十四五”期间 / “十四五”末 / 规划期内                              kind during (the period's end year)
    2023—2025年 / 2023年至2027年                                      kind during (the span's end year)
    每年                                                              kind recurring (no year)
    长期坚持 / 持续推进                                               kind ongoing (no year)

Not deadlines: years inside a cited title (《……（2016—2020年）》), in names
(2030年可持续发展议程), past events (2017年，制定了……), baselines (比2020年,
在2022年基础上), calendar dates (2023年11月20日), qualifiers (2000年以前建成的小区).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..lexicon import load
from ..normalize import for_matching
from ..numerals import to_int
from .context import DocContext
from .spans import clause_bounds, mask
from .targets import UNIT_ALT

PERIODS: dict[str, list[int]] = load("documents")["periods"]

# a year as written: 2025 (full-width digits are ASCII after normalising) or 二〇二五 / 二零三五
# OCR may split the digits with single spaces (20 25年, 2 0 2 5年): read so only where 年 follows
YEAR = r"(?:20\d{2}|2\x20?0\x20?\d\x20?\d(?=\s*年)|二[〇零○][〇零○一二三四五六七八九]{2})"

# a month or a day as written: 6 / 12 / 十二 / 二十九
MONTH_DAY = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
# 到2025年底 / 于2022年底 / 至2023年6月底前 / 2025年年底前 / 2022年上半年 / 2023年6月30日前 / 2025年第三季度前
BY = regex.compile(
    rf"""(?x)
    (?P<pre>到|至|于|在|截至|截止到?|力争到|争取到|力争)?\s*
    (?P<y>{YEAR})\s*年?
    (?:\s*(?P<m>{MONTH_DAY})\s*月(?:\s*(?P<d>{MONTH_DAY})\s*[日号])?(?:底|末|份)?|年?底|年?末|上半年|下半年
       |第?(?P<q>[一二三四1-4])季度(?:末|底)?)?
    (?P<post>前|以前|之前)?(?!后)                       # not 2025年前后 (around 2025)
    """
)
# after the time phrase: it qualifies a noun (2000年以前建成的老旧小区), it is no time limit
# in an annual document, a limit without its year: 12月底 / 9月30日前 / 6月份 / 年内 / 年底前 (not 2024年12月底,
# taken whole by BY, and not a count of months: 3个月内)
YEARLESS = regex.compile(
    rf"(?<![\d年个])(?P<m>{MONTH_DAY})\s*月(?:\s*{MONTH_DAY}\s*[日号])?(?:底|末|份)?\s*(?:前|以前|之前)?(?![\d日号])"
    r"|(?<![\d年每])年(?:内|底前?)(?![度])"  # not 每年年底 (recurring)
)
ATTRIBUTIVE = regex.compile(r"(?:建成|竣工|建设|建造|修建|交付|投用|投入使用|出生|登记|注册|取得|发生)的")
# 从2022年起 / 自2023年起 / 2022年起 / 自2026年1月1日起
FROM = regex.compile(
    rf"(?:从|自)?(?P<y>{YEAR})\s*年(?:\s*{MONTH_DAY}\s*月(?:\s*{MONTH_DAY}\s*[日号])?)?\s*(?:起|开始|以来)"
)
# 2023—2025年 / 2023年至2027年 / 2021-2025年: a span of years, the time frame up to its end year
YEAR_RANGE = regex.compile(rf"(?P<y1>{YEAR})\s*年?\s*(?:[—\-－–~]+|至|到)\s*(?P<y2>{YEAR})\s*年(?!度)")
# “十四五”期间 / 十四五末 / “十四五”时期 / "十四五"期间 (half-width quotes)
DURING = regex.compile(r"[“”\"]?(?P<p>" + "|".join(PERIODS) + r")[“”\"]?\s*(?:期间|时期|末期|末|期末|内)")
PLAN_TERM = regex.compile(r"规划期(?:内|末|间)")
RECURRING = regex.compile(r"每年(?!度)")
ONGOING = regex.compile(r"长期坚持|持续推进|长期开展|常态化开展")
CITED = regex.compile(r"《[^《》]*(?:《[^《》]*》[^《》]*)*》|（\s*20\d{2}\s*[—\-－–~至]+\s*20\d{2}\s*年?\s*）")
# a clause that reports what was done: 制定了 / 已建成 / 曾 / 截至目前 / 2020年以来 (not 为了, 除了, 了解)
PAST = regex.compile(r"(?<![为除])了(?!解)|已经|已|曾|截至目前|以来")
# after "2030年": a name or a span, not a time limit (2030年可持续发展议程, 2019年度, 2020年以来)
NOT_A_DEADLINE = regex.compile(r"度|以来|的|代|前后|可持续|远景|版|起|开始|—|-|至")
# anything a deadline needs: a year in digits or Chinese numerals, a plan period, a recurrence or duration word
TIME_MARK = regex.compile(
    r"(?:19|2\x20?0)\x20?\d\x20?\d|[二〇零○]{2}|十[一二三四五六七]五|规划期|每年|长期|持续|常态化"
)
# how far after an explicit time limit a past mark still belongs to it: "2017年底前已完成" (not "前完成已建成")
EXPLICIT_PAST_REACH = 2
BASELINE_BEFORE = regex.compile(r"(?:比|较|与|同|相比|相对)$")
# after the year phrase: a baseline (在2022年基础上 / 2020年的水平 / 以2020年为基数)
BASELINE_AFTER = regex.compile(r"\s*(?:的)?(?:基础上|水平|为基[数期准]|基数|同期)")
# what makes a bare year a point in time: 2025年底 / 2023年6月 / 2024年上半年
YEAR_PART = regex.compile(rf"\s*年?\s*(?:{MONTH_DAY}\s*月|年?底|年?末|上半年|下半年|第?[一二三四1-4]季度)")
# a unit after a number makes it a count: 2000人, 2000张, 2020个 (the units targets know)
COUNT_UNIT = regex.compile(UNIT_ALT)
YEAR_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")  # 二〇二五 -> 2025


@dataclass(frozen=True, slots=True)
class FoundDeadline:
    text: str
    year: int | None
    month: int | None
    kind: str
    start: int
    end: int


def _scope(norm: str, start: int, end: int, bare: bool) -> tuple[int, int]:
    """The clause a time phrase governs: its own, or for a bare year standing alone the next one too.

    "2017年，制定了……" reports the past; "到2025年，已建成居住区补建……" stays a time limit (到 is future).
    """
    clause_start, clause_end = clause_bounds(norm, start)
    if bare and norm[end:clause_end].strip() == "" and clause_end < len(norm) and norm[clause_end] in "，：":
        _, clause_end = clause_bounds(norm, clause_end + 1)
    return clause_start, clause_end


def _is_past(norm: str, start: int, end: int, bare: bool = True) -> bool:
    scope_start, scope_end = _scope(norm, start, end, bare)
    if not bare:
        # an explicit limit (于…前 / 到…底) is past only where the past mark is its own: before it in the clause
        # or right after it ("2017年底前已完成"); "于2026年底前完成已建成小区的补建" qualifies a noun
        scope_end = min(scope_end, end + EXPLICIT_PAST_REACH)
    return bool(PAST.search(norm, scope_start, scope_end))


def _year(written: str) -> int:
    return int(written.translate(YEAR_DIGITS).replace(" ", ""))


def find_deadlines(text: str, ctx: DocContext | None = None) -> list[FoundDeadline]:
    norm = for_matching(text)
    if not TIME_MARK.search(norm) and not (ctx is not None and ctx.year and YEARLESS.search(norm)):
        return []  # no year, period or recurrence word (nor, in an annual document, a month): nothing to read
    norm = mask(norm, CITED)
    found: list[FoundDeadline] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, year: int | None, month: int | None, kind: str) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(FoundDeadline(text[start:end], year, month, kind, start, end))

    def before_period(year: int) -> bool:
        return bool(ctx and ctx.period_start and year < ctx.period_start - 1)

    for m in YEAR_RANGE.finditer(norm):
        if not _is_past(norm, m.start(), m.end()) and not before_period(_year(m["y2"])):
            add(m.start(), m.end(), _year(m["y2"]), None, "during")
    for m in FROM.finditer(norm):
        if not _is_past(norm, m.start(), m.end()) and "以来" not in m.group(0):
            add(m.start(), m.end(), _year(m["y"]), None, "from")
    for m in BY.finditer(norm):
        if not norm.startswith("年", m.end("y")) and COUNT_UNIT.match(norm, m.end("y")):
            continue  # a count, not a year: 在校学员达到2000人 (a year that lost its 年 is kept: 2021新建……)
        year = _year(m["y"])
        explicit = m["pre"] or m["post"] or YEAR_PART.match(norm, m.end("y"))
        clause_start, _ = clause_bounds(norm, m.start())
        opens_clause = norm[clause_start : m.start("y")].strip() == "" and not norm[m.end("y") :].startswith(("年度",))
        # a digit right after the year runs on into another number (20251, 2025.5), unless 年 closed the year:
        # 到2025年65岁以上老年人…… / 到2025年10个街道…… keep their limit
        runs_on = norm[m.end() : m.end() + 1].isdigit() and not norm.startswith("年", m.end() - 1)
        baseline = BASELINE_BEFORE.search(norm, max(0, m.start() - 6), m.start()) or BASELINE_AFTER.match(norm, m.end())
        if runs_on or baseline:
            continue
        if (m["d"] and not m["post"]) or ATTRIBUTIVE.match(norm, m.end()):
            continue  # a calendar date (2023年11月20日，……审议通过) or a qualifier, not a time limit
        # "……服务2022年逐步发展成为……": a year with 年 counts even where the punctuation before it was lost
        dated = norm[m.end("y") : m.end("y") + 1] == "年" and not NOT_A_DEADLINE.match(norm, m.end("y") + 1)
        if not (m["pre"] or m["post"] or opens_clause or dated):
            continue
        if not (explicit or opens_clause or dated):
            continue
        if _is_past(norm, m.start("y"), m.end(), bare=not (m["pre"] or m["post"])) or before_period(year):
            continue
        month = to_int(m["m"]) if m["m"] else 3 * to_int(m["q"]) if m["q"] else None  # a quarter ends in its 3rd month
        add(m.start() if m["pre"] else m.start("y"), m.end(), year, month, "by")
    if ctx is not None and ctx.year:  # an annual document: "12月底前" / "9月30日前" / "年内" are this year's
        for m in YEARLESS.finditer(norm):
            month = to_int(m["m"]) if m["m"] else None
            add(m.start(), m.end(), ctx.year, month, "by")
    for m in DURING.finditer(norm):
        add(m.start(), m.end(), PERIODS[m["p"]][1], None, "during")
    if ctx is not None and ctx.period_end:
        for m in PLAN_TERM.finditer(norm):
            add(m.start(), m.end(), ctx.period_end, None, "during")
    for m in RECURRING.finditer(norm):
        add(m.start(), m.end(), None, None, "recurring")
    for m in ONGOING.finditer(norm):
        add(m.start(), m.end(), None, None, "ongoing")
    found.sort(key=lambda d: d.start)
    return found
