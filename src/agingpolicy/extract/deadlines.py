"""Deadlines: by when something in a task is to be done.

    到2025年 / 到2025年底 / 2022年底前 / 2025年年底前 / 2023年6月底前     kind by
    “2025年，……达到” (a year opening a clause)                       kind by
    从2022年起 / 自2023年起                                          kind from
    “十四五”期间 / “十四五”末 / 规划期内                              kind during (the period's end year)
    每年                                                              kind recurring (no year)
    长期坚持 / 持续推进                                               kind ongoing (no year)

Not deadlines: years inside a cited title (《……（2016—2020年）》), in names
(2030年可持续发展议程), past events (2017年，制定了……), baselines (比2020年).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..lexicon import load
from ..normalize import for_matching
from .context import DocContext

PERIODS: dict[str, list[int]] = load("documents")["periods"]

# 到2025年底 / 于2022年底 / 至2023年6月底前 / 2025年年底前 / 2022年上半年
BY = regex.compile(
    r"""(?x)
    (?P<pre>到|至|于|在|截至|截止到?|力争到|争取到|力争)?\s*
    (?P<y>20\d{2})\s*年?
    (?:\s*(?P<m>\d{1,2})\s*月(?:底|末|份)?|年?底|年?末|上半年|下半年)?
    (?P<post>前|以前|之前)?
    """
)
# 从2022年起 / 自2023年起 / 2022年起
FROM = regex.compile(r"(?:从|自)?(?P<y>20\d{2})\s*年(?:起|开始|以来)")
# “十四五”期间 / 十四五末 / “十四五”时期
DURING = regex.compile(r"“?(?P<p>" + "|".join(PERIODS) + r")”?\s*(?:期间|时期|末期|末|期末|内)")
PLAN_TERM = regex.compile(r"规划期(?:内|末|间)")
RECURRING = regex.compile(r"每年(?!度)")
ONGOING = regex.compile(r"长期坚持|持续推进|长期开展|常态化开展")
CITED = regex.compile(r"《[^《》]*(?:《[^《》]*》[^《》]*)*》|（\s*20\d{2}\s*[—\-－–~至]+\s*20\d{2}\s*年?\s*）")
CLAUSE_DELIM = "。；，：！？\n"
PAST = regex.compile(r"了|已经|已|曾|截至目前|以来")
# after "2030年": a name or a span, not a time limit (2030年可持续发展议程, 2019年度, 2020年以来)
NOT_A_DEADLINE = regex.compile(r"度|以来|的|代|前后|可持续|远景|版|起|开始|—|-|至")
BASELINE_BEFORE = regex.compile(r"(?:比|较|与|同|相比|相对)$")


@dataclass(frozen=True, slots=True)
class FoundDeadline:
    text: str
    year: int | None
    month: int | None
    kind: str
    start: int
    end: int


def _mask(norm: str) -> str:
    """Blank out cited titles and year ranges so years inside them are never read."""
    out = list(norm)
    for m in CITED.finditer(norm):
        out[m.start() : m.end()] = "＿" * (m.end() - m.start())
    return "".join(out)


def _clause(norm: str, pos: int) -> tuple[int, int]:
    start = pos
    while start > 0 and norm[start - 1] not in CLAUSE_DELIM:
        start -= 1
    end = pos
    while end < len(norm) and norm[end] not in CLAUSE_DELIM:
        end += 1
    return start, end


def _is_past(norm: str, pos: int) -> bool:
    start, end = _clause(norm, pos)
    return bool(PAST.search(norm, start, end))


def find_deadlines(text: str, ctx: DocContext | None = None) -> list[FoundDeadline]:
    norm = _mask(for_matching(text))
    found: list[FoundDeadline] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, year: int | None, month: int | None, kind: str) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(FoundDeadline(text[start:end], year, month, kind, start, end))

    for m in FROM.finditer(norm):
        if not _is_past(norm, m.start()) and "以来" not in m.group(0):
            add(m.start(), m.end(), int(m["y"]), None, "from")
    for m in BY.finditer(norm):
        year = int(m["y"])
        explicit = m["pre"] or m["post"] or regex.match(r"\s*年?\s*(?:\d{1,2}\s*月|年?底|年?末|上半年|下半年)", norm[m.end("y") :])
        clause_start, _ = _clause(norm, m.start())
        opens_clause = norm[clause_start : m.start("y")].strip() == "" and not norm[m.end("y") :].startswith(("年度",))
        after = norm[m.end() : m.end() + 1]
        if after.isdigit() or BASELINE_BEFORE.search(norm[: m.start()]):
            continue
        # "……服务2022年逐步发展成为……": a year with 年 counts even where the punctuation before it was lost
        dated = norm[m.end("y") : m.end("y") + 1] == "年" and not NOT_A_DEADLINE.match(norm, m.end("y") + 1)
        if not (m["pre"] or m["post"] or opens_clause or dated):
            continue
        if not (explicit or opens_clause or dated):
            continue
        if _is_past(norm, m.start("y")) or (ctx and ctx.period_start and year < ctx.period_start - 1):
            continue
        month = int(m["m"]) if m["m"] else None
        add(m.start() if m["pre"] else m.start("y"), m.end(), year, month, "by")
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
