"""Document metadata: title, issuer, date, number, region and level, period, status, type, references.

The title is the policy's own: a title broken over lines is joined; a forwarding
notice's wrapper ("……关于转发……的通知") gives way to the document that follows
it; site navigation and chrome, mastheads, document numbers, date lines and draft
marks are never part of it, and lines of different heading levels are never joined.

The issuer is the body of a masthead (某县某镇人民政府文件), else the name before a
forwarding notice's 关于, else a unit line under the title, else the signature above
the closing date. The period is the title's, else the one the document names where it
speaks of itself (制定本规划, 规划期为2021—2025年), never one a task aims at.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import regex

from ..blocks import Block, Paragraph
from ..lexicon import load
from ..models import Level, ParseWarning, Period, Reference, Span
from ..normalize import for_matching
from ..numerals import cn_to_int
from ..structure import classify

_VOCAB = load("documents")
DOC_TYPES: list[str] = _VOCAB["doc_types"]
# Ends with a document type word: "……实施方案", "……规划（征求意见稿）"
# the span of years a plan covers, after its title: "（2021—2025年）"
YEAR_SPAN = regex.compile(r"（\s*(?:19|20)\d{2}\s*[—\-－–~至]+\s*(?:19|20)\d{2}\s*年?\s*）")
TITLE_END = regex.compile(
    "(?:" + "|".join(DOC_TYPES) + r")(?:（(?:" + "|".join(_VOCAB["status_marks"]) + r")）)?"
    + rf"(?:{YEAR_SPAN.pattern})?$"
)
STATUS = regex.compile(r"[（【\[]?\s*(?P<mark>" + "|".join(_VOCAB["status_marks"]) + r")\s*[）】\]]?")
# "……办法（试行）" / "【征求意见稿】"
BRACKETED_STATUS = regex.compile(r"[（【\[(]\s*(?P<mark>" + "|".join(_VOCAB["status_marks"]) + r")\s*[）】\])]")
NAV = regex.compile("|".join(_VOCAB["nav_patterns"]))
WRAPPER = regex.compile(_VOCAB["wrapper"] + r".*(?:通知|决定|函)$")
# 《……》 inside a wrapper title or after it: the forwarded document
INNER_TITLE = regex.compile(r"《(?P<t>[^《》]+)》")
WRAPPED = regex.compile(_VOCAB["wrapper"] + r"(?P<t>.+?)的(?:通知|决定|函)$")
PERIOD = regex.compile(r"“?(?P<p>" + "|".join(_VOCAB["periods"]) + r")”?")
# 2018年12月6日 / 2021-12-13 / 2021.12.13 / 2021/12/13
DATE = regex.compile(r"(?P<y>(?:19|20)\d{2})\s*(?:年|-|/|\.)\s*(?P<m>\d{1,2})\s*(?:月|-|/|\.)\s*(?P<d>\d{1,2})\s*日?")
# 二〇二一年十二月十三日
CN_DATE = regex.compile(
    r"(?P<y>[〇零○一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日"
)
DATE_SUFFIX = "|".join(_VOCAB["date_suffixes"])
DATE_LABEL = regex.compile(r"(?:发[表布]时间|发布日期|发文日期|成文日期|印发日期|日期)\s*[：:]")
# 津宝政办发〔2018〕13号 / 国办发[2019]5号 / 民发（2020）12号
DOC_NUMBER = regex.compile(r"[\p{Han}]{1,12}[〔\[［（(]\s*(?:19|20)\d{2}\s*[〕\]］）)]\s*\d{1,4}\s*号")
# 《国务院办公厅关于……的意见》（国办发〔2019〕5号）; a nested 《……〈……〉……》 stays inside
REFERENCE = regex.compile(
    r"《(?P<t>(?:[^《》]|《[^《》]*》)+)》(?:\s*[（(](?P<n>[^（）()]*?〔\d{4}〕[^（）()]*?号)[）)])?"
)
# A place at the start of a title: 天津市宁河区 / 淄博市 / 吉林省 / 宝坻区
# the label over an attached document, on its own line: "附件" / "附件2" / "附件：" / "附件 1"
ATTACHMENT_LABEL = regex.compile(r"附\s*件\s*\d{0,2}\s*[：:]?")
PLACE = regex.compile(
    r"^(?:[\p{Han}]{1,8}?(?:省|自治区|特别行政区|市|自治州|州|盟|地区|(?<![社小园景街辖片学])区|县|自治县|旗|镇|乡|街道))+"
)  # 广州市天河区…… -> 广州市天河区, not 广州市天河区推进居家社区 (社区, 小区, 园区 are no places)
MUNICIPALITIES = frozenset(_VOCAB["municipalities"])  # 重庆市: a city at province level
# the level of a place by its last word, longest first
PLACE_LEVEL = (
    ("自治区", "province"), ("街道", "township"), ("地区", "city"), ("镇", "township"), ("乡", "township"),
    ("区", "county"), ("县", "county"), ("旗", "county"), ("市", "city"), ("州", "city"), ("盟", "city"),
    ("省", "province"),
)
# 国务院办公厅关于…… / 中共中央 国务院关于…… / 国家卫生健康委等部门关于……
NATIONAL = regex.compile(_VOCAB["national_title"])
LEVEL_WORDS = {level: regex.compile("|".join(words)) for level, words in _VOCAB["level_words"].items()}
_MAST = _VOCAB["masthead"]
UNIT_END = "(?:" + "|".join(_MAST["unit_endings"]) + ")"
# A line naming a body: 桐庐县人民政府办公室 / 国务院办公厅 / 区民政局
UNIT_LINE = regex.compile(rf"^[\p{{Han}}\s]{{2,30}}{UNIT_END}$")
# A masthead: 德清县新市镇人民政府文件 / 湖南省人民政府令 / 中共某县委员会  某县人民政府文件
MASTHEAD = regex.compile(rf"(?P<body>[\p{{Han}}\s]{{1,40}}?{UNIT_END})\s*(?P<kind>" + "|".join(_MAST["kinds"]) + ")")
# The number of an order, under its masthead or after it: 第321号 / （第321号）
ORDER_NUMBER = regex.compile(r"[（(]?\s*第\s*(?P<n>\d{1,5})\s*号\s*[）)]?")
# 湖南省人民政府令 第321号 / 某市人民政府令（第5号）
ORDER_LINE = regex.compile(MASTHEAD.pattern + r"\s*" + ORDER_NUMBER.pattern)
# A date line: the signature date 2021年12月20日 / 二〇二一年十二月二十日, the print date 2021年12月20日印发,
# and the 版记 line 桐庐县人民政府办公室    2021年12月20日印发
DATE_LINE = regex.compile(
    rf"(?:(?P<unit>[\p{{Han}}（）\s]{{2,40}}?{UNIT_END})\s*)?"
    rf"(?:{DATE.pattern}|{CN_DATE.pattern})\s*(?P<suffix>{DATE_SUFFIX})?"
)
# The place in the name of a government or party body: 德清县新市镇|人民政府, 天津市宝坻区|人民政府办公室,
# 中共|德清县|委员会
ISSUER_PLACE = regex.compile(
    r"^(?:中共)?(?P<place>\p{Han}{1,20}?(?:"
    + "|".join(suffix for suffix, _ in PLACE_LEVEL)
    + r"))(?="
    + "|".join(_MAST["government_heads"])
    + ")"
)
PLACE_SUFFIXES = frozenset(suffix[-1] for suffix, _ in PLACE_LEVEL)
SITE_CHROME = "|".join(_VOCAB["site_chrome"]["line_words"])
# A line of web-site chrome only: 欢迎访问某市人民政府门户网站 无障碍 | 长者模式 | English
CHROME_LINE = regex.compile(rf"(?:[\s|｜/·•，,、【】\[\]]*(?:{SITE_CHROME}))+[\s|｜/·•，,、【】\[\]]*")
# A sentence in which the document speaks of itself: 制定本规划 / 规划期为2021—2025年 / 现提出如下意见
SELF_REF = regex.compile("|".join(_VOCAB["self_refs"]))
SENTENCE_END = regex.compile(r"[。；！？]")
# The years a document covers, in its title or where it speaks of itself: 2021—2025年 / 2021年至2025年
YEARS = regex.compile(r"(?P<a>(?:19|20)\d{2})\s*年?\s*(?:[—\-－–~]+|至)\s*(?P<b>(?:19|20)\d{2})\s*年")
MASTHEAD_REACH = 6  # head lines where a masthead and an order number are looked for
SIGNATURE_REACH = 12  # last paragraphs where the signature is looked for
SIGNERS = 3  # at most this many unit lines sign above a date
SENTENCE_MARKS = regex.compile(r"[。，；：！？]")  # a title line has none
HEAD_LIMIT = 40  # paragraphs searched for the title, before the first numbered heading


@dataclass
class Metadata:
    title: str = ""
    title_block: int | None = None
    issuer: str | None = None
    issued_date: str | None = None
    doc_number: str | None = None
    region: str | None = None
    admin_level: Level = "unknown"
    period: Period | None = None
    status: str | None = None
    doc_type: str | None = None
    references: list[Reference] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)

    def fields(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "issuer": self.issuer,
            "issued_date": self.issued_date,
            "doc_number": self.doc_number,
            "region": self.region,
            "admin_level": self.admin_level,
            "period": self.period,
            "status": self.status,
            "doc_type": self.doc_type,
            "references": self.references,
        }


def _head(blocks: list[Block]) -> list[tuple[int, str]]:
    """(index, text) of the paragraphs before the first numbered heading."""
    out: list[tuple[int, str]] = []
    for i, b in enumerate(blocks[: HEAD_LIMIT * 2]):
        if not isinstance(b, Paragraph):
            continue
        if classify(b.text) is not None and out:
            break
        out.append((i, b.text))
        if len(out) >= HEAD_LIMIT:
            break
    return out


# a line set with a space after each character: 某 某 县 人 民 政 府 文 件 (a letterhead, never a title line)
LETTER_SPACED = regex.compile(r"\p{Han}(?:\s+\p{Han}){3,}")


def _letterhead(text: str) -> bool:
    """A letter-spaced masthead or issuer line: what it says, read without its spaces, is a masthead or a body."""
    if not LETTER_SPACED.fullmatch(text):
        return False
    joined = regex.sub(r"\s+", "", text)
    return bool(MASTHEAD.fullmatch(joined) or UNIT_LINE.match(joined))


def _titleish(text: str) -> bool:
    """Could be (part of) a title: short, no sentence marks, not site navigation or chrome, not a date,
    not a masthead (……人民政府文件) or a document number."""
    norm = for_matching(text)
    stripped = norm.strip()
    return (
        2 <= len(norm) <= 60
        and not SENTENCE_MARKS.search(norm)
        and not NAV.search(norm)
        and not DATE.search(norm)
        and not CN_DATE.search(norm)
        and not CHROME_LINE.fullmatch(stripped)
        and not MASTHEAD.fullmatch(stripped)
        and not _letterhead(stripped)
        and not DOC_NUMBER.fullmatch(stripped)
        and not ORDER_NUMBER.fullmatch(stripped)
        and not ATTACHMENT_LABEL.fullmatch(stripped)
    )


def find_title(
    head: list[tuple[int, str]], levels: Mapping[int, int | None] | None = None
) -> tuple[str, int | None, str | None]:
    """(title, its first block, wrapper title or None). Lines are joined into a title only when they have
    the same heading level in the source: a heading (<h1>) is never glued to a line above it."""
    levels = levels or {}
    candidates: list[tuple[str, int]] = []
    run: list[tuple[int, str]] = []
    closed_at = -2  # position in head of the line that completed the last candidate
    for pos, (i, text) in enumerate(head):
        bare = BRACKETED_STATUS.sub("", text).strip() if STATUS.fullmatch(text.strip()) is None else ""
        if not bare:
            continue
        if not _titleish(bare):
            run = []
            continue
        if run and levels.get(run[-1][0]) != levels.get(i):
            run = []
        run.append((i, bare))
        joined = "".join(t for _, t in run)
        if closed_at == pos - 1 and YEAR_SPAN.fullmatch(for_matching(bare)):
            title, first = candidates[-1]  # "……规划" / "（2021—2025年）": a title broken before its years
            candidates[-1] = (title + for_matching(bare).strip(), first)  # its dash as read: 2023一2025 -> —
            run = []
        elif TITLE_END.search(for_matching(joined)):
            candidates.append((joined, run[0][0]))
            closed_at = pos
            run = []
        elif len(run) > 4:
            run = run[1:]
    if not candidates:
        first = next((t for _, t in head if _titleish(t)), "")
        return first, None, None
    # where the source marks a top-level heading (<h1>, <td class="title">, a Word title), it beats lines of
    # links that happen to end like a title ("……政府文件部门文件规划计划")
    candidates.sort(key=lambda c: levels.get(c[1]) != 1)
    title, block = candidates[0]
    if WRAPPER.search(title):
        for other, other_block in candidates[1:]:
            if not WRAPPER.search(other):
                return other, other_block, title
        inner = WRAPPED.search(title)
        if inner:
            cited = INNER_TITLE.findall(inner.group("t"))
            if len(cited) > 1:  # 印发《……行动方案》和《……分工表》的通知: the first is the policy, then its annexes
                return cited[0], block, title
            return INNER_TITLE.sub(r"\g<t>", inner.group("t")), block, title
    return title, block, None


def _clean_title(title: str) -> str:
    return BRACKETED_STATUS.sub("", title).strip()


def find_status(head: list[tuple[int, str]]) -> str | None:
    """A draft mark on a line of its own ("（征求意见稿）") or in brackets on a title line ("……办法（试行）")."""
    for _, text in head[:12]:
        stripped = text.strip()
        m = STATUS.fullmatch(stripped) or (BRACKETED_STATUS.search(stripped) if len(stripped) <= 60 else None)
        if m:
            return m.group("mark")
    return None


def _iso(y: int, m: int, d: int) -> str | None:
    if 1 <= m <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def _date_value(m: regex.Match[str]) -> str | None:
    """The ISO date of a DATE, CN_DATE or DATE_LINE match."""
    if m["y"].isdigit():
        return _iso(int(m["y"]), int(m["m"]), int(m["d"]))
    y, mo, d = cn_to_int(m["y"]), cn_to_int(m["m"]), cn_to_int(m["d"])
    return _iso(y, mo, d) if y and mo and d else None


def find_date(blocks: list[Block]) -> str | None:
    """A labelled date (发表时间: …), else a date line: the signature date standing on its own line, the
    print date (2021年12月20日印发) or the 版记 line (某县人民政府办公室    2021年12月20日印发)."""
    paragraphs = [for_matching(b.text) for b in blocks if isinstance(b, Paragraph)]  # ２０２４ -> 2024
    for text in paragraphs[:HEAD_LIMIT]:
        label = DATE_LABEL.search(text)
        if label:
            m = DATE.search(text, label.end())
            if m:
                return _date_value(m)
    for text in paragraphs[:HEAD_LIMIT] + paragraphs[-8:]:
        m = DATE_LINE.fullmatch(text.strip())
        if m:
            date = _date_value(m)
            if date:
                return date
    return None


def _period_of(text: str) -> str | None:
    """The period ``text`` names (“十四五”) or whose years it spans exactly (2021—2025年)."""
    m = PERIOD.search(text)
    if m:
        return m["p"]
    for y in YEARS.finditer(text):
        for label, (start, end) in _VOCAB["periods"].items():
            if (int(y["a"]), int(y["b"])) == (start, end):
                return label
    return None


def find_period(title: str, blocks: list[Block], issued: str | None = None) -> Period | None:
    """The period of the title, else of a sentence in which the document speaks of itself ("……，制定本规划。",
    "规划期为2021—2025年。", "……，制定以下措施。"), outside cited titles, else a period the body names that
    holds the year the document was issued ("2024年是实施“十四五”规划的关键之年" in a 2024 工作要点). A period
    a task aims at ("“十五五”期间基本形成……" in a 2024 意见) or looks back on is not the document's."""
    label = _period_of(for_matching(title))
    if label is None:
        for b in blocks:
            if not isinstance(b, Paragraph) or not SELF_REF.search(b.text):
                continue
            outside = INNER_TITLE.sub("", for_matching(b.text))  # not a period named inside a cited title
            for sentence in SENTENCE_END.split(outside):
                if SELF_REF.search(sentence):
                    label = _period_of(sentence)
                    if label:
                        break
            if label:
                break
    if label is None and issued:
        label = _period_holding(int(issued[:4]), blocks)
    if label is None:
        return None
    start, end = _VOCAB["periods"][label]
    return Period(label=label, start=start, end=end)


def _period_holding(year: int, blocks: list[Block]) -> str | None:
    """The first period named in the body (outside cited titles) whose years hold ``year``."""
    for b in blocks:
        if not isinstance(b, Paragraph):
            continue
        for m in PERIOD.finditer(INNER_TITLE.sub("", for_matching(b.text))):
            start, end = _VOCAB["periods"][m["p"]]
            if start <= year <= end:
                return m["p"]
    return None


def _level_of(place: str) -> Level:
    if place in MUNICIPALITIES:
        return "province"
    for suffix, level in PLACE_LEVEL:
        if place.endswith(suffix):
            return level  # type: ignore[return-value]
    return "unknown"


def _confirmed_place(title: str, issuer_place: str) -> str | None:
    """The longest part of the issuer's place that the title starts with, whole place names only:
    issuer 德清县新市镇 and title 新市镇…… -> 新市镇 (not 新市, which a 市 inside a name would give)."""
    starts = [0] + [k + 1 for k, c in enumerate(issuer_place) if c in PLACE_SUFFIXES]
    best: str | None = None
    for a in starts:
        for b in range(len(issuer_place), a + 1, -1):
            part = issuer_place[a:b]
            if part[-1] in PLACE_SUFFIXES and title.startswith(part) and (best is None or len(part) > len(best)):
                best = part
    return best


def issuer_place(issuer: str | None) -> str | None:
    """The place in an issuing body's name: 德清县新市镇人民政府 -> 德清县新市镇; 国务院办公厅 -> None."""
    m = ISSUER_PLACE.match(issuer or "")
    return m["place"] if m and len(m["place"]) >= 2 else None


def find_region(title: str, blocks: list[Block], issuer: str | None = None) -> tuple[str | None, Level]:
    """The place the title starts with, read against the issuer's name where they share it; else the
    issuer's place; else only a level, from how the body names its area (全省, 我市)."""
    if NATIONAL.match(title) or (issuer and NATIONAL.match(issuer) and not PLACE.match(title)):
        return None, "national"
    m = PLACE.match(title)
    place = m.group(0) if m else None
    from_issuer = issuer_place(issuer)
    confirmed = _confirmed_place(title, from_issuer) if from_issuer else None
    if confirmed and not (place and place.startswith(confirmed)):
        place = confirmed  # 新市 + 镇…… -> 新市镇, the place the issuer names
    if place is None and from_issuer:
        place = from_issuer
    if place:
        return place, _level_of(place)
    sample = "".join(b.text for b in blocks[:60] if isinstance(b, Paragraph))
    counts = {level: len(p.findall(sample)) for level, p in LEVEL_WORDS.items()}
    best = max(counts, key=lambda k: counts[k])
    return None, (best if counts[best] else "unknown")  # type: ignore[return-value]


def find_doc_type(title: str) -> str | None:
    norm = YEAR_SPAN.sub("", for_matching(title)).strip()
    for t in DOC_TYPES:
        if norm.endswith(t):
            return t
    return None


def find_references(blocks: list[Block]) -> list[Reference]:
    refs: list[Reference] = []
    seen: set[str] = set()
    for i, b in enumerate(blocks):
        if not isinstance(b, Paragraph):
            continue
        for m in REFERENCE.finditer(b.text):
            title = m["t"]
            if title in seen:
                continue
            seen.add(title)
            refs.append(Reference(title=title, doc_number=m["n"], span=Span(block=i, start=m.start(), end=m.end())))
    return refs


def _body(text: str) -> str:
    return " ".join(text.split())


def find_doc_number(head: list[tuple[int, str]]) -> str | None:
    """A 文号 line (某政发〔2022〕7号), else the number of an order: 湖南省人民政府令 / 第321号, on one line
    or two, is stored as 湖南省人民政府令第321号."""
    for _, text in head:
        if DOC_NUMBER.fullmatch(for_matching(text).strip()):  # 〔2O23〕 reads as 〔2023〕
            return text.strip()  # as written
    lines = [for_matching(text).strip() for _, text in head]
    for pos, text in enumerate(lines[:MASTHEAD_REACH]):
        m = ORDER_LINE.fullmatch(text)
        if m and m["kind"] == "令":
            return f"{_body(m['body'])}令第{m['n']}号"
        m = MASTHEAD.fullmatch(text)
        if m and m["kind"] == "令":
            number = next(filter(None, map(ORDER_NUMBER.fullmatch, lines[pos + 1 : pos + 3])), None)
            if number:
                return f"{_body(m['body'])}令第{number['n']}号"
    return None


def _signature(paragraphs: list[str]) -> str | None:
    """The body that signs above the last date line: "国务院办公厅 / 2024年10月15日"; joint signers are
    joined with a space."""
    for k in range(len(paragraphs) - 1, -1, -1):
        m = DATE_LINE.fullmatch(paragraphs[k])
        if m is None:
            continue
        if m["unit"]:
            continue  # a 版记 line names the office that printed the paper, not the issuer
        signers: list[str] = []
        for text in reversed(paragraphs[max(0, k - SIGNERS) : k]):
            if not UNIT_LINE.match(text) or MASTHEAD.fullmatch(text):
                break
            signers.insert(0, _body(text))
        return " ".join(signers) or None
    return None


def find_issuer(
    blocks: list[Block], head: list[tuple[int, str]], title_block: int | None, wrapper: str | None
) -> str | None:
    """The issuing body: a masthead (德清县新市镇人民政府文件 -> 德清县新市镇人民政府), else the name before a
    forwarding notice's 关于, else a unit line under the title, else the signature above the date."""
    before = [t.strip() for i, t in head if title_block is None or i < title_block][:MASTHEAD_REACH]
    for text in before:
        if LETTER_SPACED.fullmatch(text):
            text = regex.sub(r"\s+", "", text)  # 某 某 县 人 民 政 府 文 件
        m = MASTHEAD.fullmatch(text) or ORDER_LINE.fullmatch(text)
        if m:
            return _body(m["body"])
    if wrapper and wrapper.split("关于")[0]:
        return wrapper.split("关于")[0]
    after = [t.strip() for i, t in head if title_block is not None and i > title_block][:3]
    unit = next((t for t in after if UNIT_LINE.match(t)), None)
    if unit:
        return unit
    paragraphs = [b.text.strip() for b in blocks if isinstance(b, Paragraph)]
    return _signature(paragraphs[-SIGNATURE_REACH:]) or _signature(paragraphs[:HEAD_LIMIT])


def extract_metadata(blocks: list[Block]) -> Metadata:
    head = _head(blocks)
    levels = {i: b.outline_level for i, b in enumerate(blocks) if isinstance(b, Paragraph)}
    raw_title, title_block, wrapper = find_title(head, levels)
    title = _clean_title(raw_title)
    meta = Metadata(title=title, title_block=title_block)
    meta.status = find_status(head)
    meta.issued_date = find_date(blocks)
    meta.period = find_period(title, blocks, meta.issued_date)
    meta.issuer = find_issuer(blocks, head, title_block, wrapper)
    meta.region, meta.admin_level = find_region(title, blocks, meta.issuer)
    meta.doc_type = find_doc_type(title)
    meta.references = find_references(blocks)
    meta.doc_number = find_doc_number(head)
    if not title:
        meta.warnings.append(ParseWarning(code="metadata.no_title", message="no title found"))
    return meta
