"""Document metadata: title, issuer, date, number, region and level, period, status, type, references.

The title is the policy's own: a title broken over lines is joined; a forwarding
notice's wrapper ("……关于转发……的通知") gives way to the document that follows
it; site navigation, date lines and draft marks are never part of it.
"""

from __future__ import annotations

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
DATE_LABEL = regex.compile(r"(?:发[表布]时间|发布日期|发文日期|成文日期|印发日期|日期)\s*[：:]")
# 津宝政办发〔2018〕13号 / 国办发[2019]5号 / 民发（2020）12号
DOC_NUMBER = regex.compile(r"[\p{Han}]{1,12}[〔\[［（(]\s*(?:19|20)\d{2}\s*[〕\]］）)]\s*\d{1,4}\s*号")
# 《国务院办公厅关于……的意见》（国办发〔2019〕5号）; a nested 《……〈……〉……》 stays inside
REFERENCE = regex.compile(
    r"《(?P<t>(?:[^《》]|《[^《》]*》)+)》(?:\s*[（(](?P<n>[^（）()]*?〔\d{4}〕[^（）()]*?号)[）)])?"
)
# A place at the start of a title: 天津市宁河区 / 淄博市 / 吉林省 / 宝坻区
PLACE = regex.compile(
    r"^(?:[\p{Han}]{1,8}?(?:省|自治区|特别行政区|市|自治州|州|盟|地区|区|县|自治县|旗|镇|乡|街道))+"
)
# the level of a place by its last word, longest first
PLACE_LEVEL = (
    ("自治区", "province"), ("街道", "township"), ("地区", "city"), ("镇", "township"), ("乡", "township"),
    ("区", "county"), ("县", "county"), ("旗", "county"), ("市", "city"), ("州", "city"), ("盟", "city"),
    ("省", "province"),
)
# 国务院办公厅关于…… / 中共中央 国务院关于…… / 国家卫生健康委等部门关于……
NATIONAL = regex.compile(_VOCAB["national_title"])
LEVEL_WORDS = {level: regex.compile("|".join(words)) for level, words in _VOCAB["level_words"].items()}
UNIT_LINE = regex.compile(r"^[\p{Han}\s]{2,30}(?:局|委|办|厅|部|政府|办公室|委员会|中心)$")
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


def _titleish(text: str) -> bool:
    norm = for_matching(text)
    return (
        2 <= len(norm) <= 60
        and not SENTENCE_MARKS.search(norm)
        and not NAV.search(norm)
        and not DATE.search(norm)
        and not CN_DATE.search(norm)
    )


def find_title(head: list[tuple[int, str]]) -> tuple[str, int | None, str | None]:
    """(title, its first block, wrapper title or None)."""
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
        run.append((i, bare))
        joined = "".join(t for _, t in run)
        if closed_at == pos - 1 and YEAR_SPAN.fullmatch(for_matching(bare)):
            title, first = candidates[-1]  # "……规划" / "（2021—2025年）": a title broken before its years
            candidates[-1] = (title + bare, first)
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
    title, block = candidates[0]
    if WRAPPER.search(title):
        for other, other_block in candidates[1:]:
            if not WRAPPER.search(other):
                return other, other_block, title
        inner = WRAPPED.search(title)
        if inner:
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


def find_date(blocks: list[Block]) -> str | None:
    """A labelled date (发表时间: …), else a date standing on its own line (the signature date)."""
    paragraphs = [for_matching(b.text) for b in blocks if isinstance(b, Paragraph)]  # ２０２４ -> 2024
    for text in paragraphs[:HEAD_LIMIT]:
        label = DATE_LABEL.search(text)
        if label:
            m = DATE.search(text, label.end())
            if m:
                return _iso(int(m["y"]), int(m["m"]), int(m["d"]))
    for text in paragraphs[:HEAD_LIMIT] + paragraphs[-8:]:
        stripped = text.strip()
        m = DATE.fullmatch(stripped)
        if m:
            return _iso(int(m["y"]), int(m["m"]), int(m["d"]))
        c = CN_DATE.fullmatch(stripped)
        if c:
            y, mo, d = cn_to_int(c["y"]), cn_to_int(c["m"]), cn_to_int(c["d"])
            if y and mo and d:
                return _iso(y, mo, d)
    return None


def find_period(title: str, blocks: list[Block]) -> Period | None:
    periods = _VOCAB["periods"]
    m = PERIOD.search(title)
    if m is None:
        for b in blocks:
            if isinstance(b, Paragraph):
                outside = INNER_TITLE.sub("", b.text)  # not a period named inside a cited title
                m = PERIOD.search(outside)
                if m:
                    break
    if m is None:
        return None
    start, end = periods[m["p"]]
    return Period(label=m["p"], start=start, end=end)


def find_region(title: str, blocks: list[Block]) -> tuple[str | None, Level]:
    if NATIONAL.match(title):
        return None, "national"
    m = PLACE.match(title)
    if m:
        place = m.group(0)
        for suffix, level in PLACE_LEVEL:
            if place.endswith(suffix):
                return place, level  # type: ignore[return-value]
        return place, "unknown"
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


def extract_metadata(blocks: list[Block]) -> Metadata:
    head = _head(blocks)
    raw_title, title_block, wrapper = find_title(head)
    title = _clean_title(raw_title)
    meta = Metadata(title=title, title_block=title_block)
    meta.status = find_status(head)
    meta.issued_date = find_date(blocks)
    meta.period = find_period(title, blocks)
    meta.region, meta.admin_level = find_region(title, blocks)
    meta.doc_type = find_doc_type(title)
    meta.references = find_references(blocks)
    for _, text in head:
        stripped = text.strip()
        if DOC_NUMBER.fullmatch(stripped):
            meta.doc_number = stripped
            break
    if wrapper:
        meta.issuer = wrapper.split("关于")[0] or None
    else:
        after = [t for i, t in head if title_block is not None and i > title_block][:3]
        meta.issuer = next((t.strip() for t in after if UNIT_LINE.match(t.strip())), None)
    if not title:
        meta.warnings.append(ParseWarning(code="metadata.no_title", message="no title found"))
    return meta
