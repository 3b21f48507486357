"""Indicator tables (主要指标): one typed record per row.

A table is an indicator table when its header names an indicator column (指标)
and at least one value column (目标值, 2025年, 基数, 现状值 …); the columns are
told apart by the header words in ``lexicon/tables.json``:

    | 类别     | 指标                          | 2020年基数 | 2025年目标值 | 属性   |
    | 社会保障 | 基本养老保险参保人数（万人）  | 38         | 不低于40.5   | 预期性 |
    |          | 1.护理型床位占比(%            | 51         | ≥60          | 约束性 |

A blank or missing category cell repeats the one above; a leading row number and
the unit in brackets are taken off the name; the year comes from the column
header, else from the plan period (a 十三五 plan's 目标值 -> 2020).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..blocks import Block, Paragraph, Table
from ..lexicon import load
from ..models import Indicator, Span, Value
from ..normalize import for_matching
from .columns import task_columns
from .context import DocContext
from .headers import header_candidates
from .targets import PREFIX_ALT, SUFFIX_ALT, UNIT_MAG

_COLS: dict[str, list[str]] = load("tables")["columns"]
_UNITS = load("units")

# A leading row number: "1.失能特困人员集中供养率" / "12、" / "（3）"
ROW_NUMBER = regex.compile(r"^\s*(?:\d{1,2}\s*[．.、]|（\d{1,2}）|[①-⑳])\s*")
# The unit at the end of a name: "（万人）" "(%" "（%）" "占比%" "拥有床位(张)"
NAME_UNIT = regex.compile(r"(?:（\s*(?P<u>[^（）]{1,6}?)\s*）?|(?P<p>[%‰]))\s*$")
YEAR = regex.compile(r"(?P<y>(?:19|20)\d{2})\s*年?")
# A value cell: "≥60%" "不低于30%" "35%以上" "40.5" "＞80%" "900万张以上" "每个县至少1所"; the comparator
# words are those of targets (lexicon/units.json), a unit (with its 万 / 亿) may stand before 以上
VALUE = regex.compile(
    rf"""(?x)
    (?P<pre>{PREFIX_ALT}|[≥≤><~])?\s*
    (?P<num>\d+(?:\.\d+)?)\s*(?:(?P<unit>[%‰])|{UNIT_MAG})?\s*(?P<post>{SUFFIX_ALT})?
    """
)
SPACES = regex.compile(r"\s+")  # "指 标" -> "指标"
# the number of a group row: "一、" "（二）" "3."
_CN = "一二三四五六七八九十"
GROUP_NUMBER = regex.compile(rf"^\s*(?:[{_CN}]{{1,3}}\s*[、．.]|（[{_CN}]{{1,3}}）|\d{{1,2}}\s*[．.、]|[①-⑳])")
NOTE = regex.compile(r"^(?:备\s*注|注|说\s*明)\s*\d?\s*[：:]")
MAX_GROUP = 20  # characters: a group row is a short label, a longer single cell is a note
CAPTION = regex.compile(r"(?:指标|指标表|目标|指标体系)$")
GROWTH_WORDS = regex.compile(r"增长|提高|提升|增加|扩大")


def _column_kind(header: str) -> str | None:
    h = SPACES.sub("", header)
    for kind in ("number", "attribute", "unit", "target", "baseline", "category", "name"):
        if any(word in h for word in _COLS[kind]):
            return kind
    if YEAR.search(h):
        return "year"
    return None


@dataclass(frozen=True, slots=True)
class IndicatorColumns:
    kinds: tuple[str | None, ...]
    years: tuple[int | None, ...]
    header_row: int = 0  # rows above it are a title row or a group header

    def index(self, kind: str) -> int | None:
        return self.kinds.index(kind) if kind in self.kinds else None


def indicator_columns(table: Table) -> IndicatorColumns | None:
    """Column roles of an indicator table, or None when the table is not one (a task table is not)."""
    if task_columns(table) is not None:
        return None
    for r, header in header_candidates(table):
        cols = _header_columns(header, r)
        if cols is not None:
            return cols
    return None


def _header_columns(header: tuple[str, ...], row: int) -> IndicatorColumns | None:
    kinds = [_column_kind(h) for h in header]
    years = [int(m["y"]) if (m := YEAR.search(h)) else None for h in header]
    year_cols = [k for k, kind in enumerate(kinds) if kind == "year"]
    if year_cols:  # bare year columns: the last is the target, earlier ones baselines
        for k in year_cols:
            kinds[k] = "baseline"
        if "target" not in kinds:
            kinds[year_cols[-1]] = "target"
    if "name" not in kinds or not ({"target", "baseline"} & set(kinds)):
        return None
    return IndicatorColumns(tuple(kinds), tuple(years), row)


def split_name_unit(name: str) -> tuple[str, str | None]:
    """'基本养老保险参保人数（万人）' -> ('基本养老保险参保人数', '万人'); '占比%' -> ('占比', '%')."""
    name = ROW_NUMBER.sub("", name.replace("\n", "")).strip()
    m = NAME_UNIT.search(for_matching(name))
    if m and m.start() > 0:
        unit = (m["u"] or m["p"] or "").strip()
        if unit in ("％",):
            unit = "%"
        if unit and (unit in _UNITS["units"] or unit in ("%", "‰") or len(unit) <= 3):
            return name[: m.start()].strip(), unit
    return name, None


def parse_value(text: str, year: int | None) -> Value:
    norm = for_matching(text.strip())
    m = VALUE.search(norm)
    if m is None:
        cmp = ">" if GROWTH_WORDS.search(norm) else "="
        return Value(text=text.strip(), value=None, comparator=cmp, year=year)
    pre, post = m["pre"], m["post"]
    comparators = {**_UNITS["prefix_comparators"], ">": ">", "<": "<", "~": "~"}
    cmp = comparators.get(pre or "", "=")
    if cmp == "=" and post:
        cmp = _UNITS["suffix_comparators"][post]
    return Value(text=text.strip(), value=float(m["num"]), comparator=cmp, year=year, unit=m["unit"])


def _caption(blocks: list[Block], i: int, table: Table, cols: IndicatorColumns) -> str | None:
    if table.caption:
        return table.caption
    if cols.header_row > 0:  # a title row inside the table
        first = [c for c in table.rows[0] if c.strip()]
        if len(first) == 1 and CAPTION.search(first[0].strip()):
            return first[0].strip()
    for j in range(i - 1, max(-1, i - 3), -1):
        b = blocks[j]
        if isinstance(b, Paragraph):
            text = b.text.strip()
            if len(text) <= 40 and CAPTION.search(text):
                return text
            return None
    return None


def extract_indicators(blocks: list[Block], ctx: DocContext) -> list[Indicator]:
    out: list[Indicator] = []
    for i, b in enumerate(blocks):
        if isinstance(b, Table) and (cols := indicator_columns(b)) is not None:
            out.extend(_rows(b, i, cols, ctx, _caption(blocks, i, b, cols)))
    return out


def _rows(table: Table, index: int, cols: IndicatorColumns, ctx: DocContext, title: str | None) -> list[Indicator]:
    width = len(cols.kinds)
    name_col = cols.index("name")
    assert name_col is not None
    target_col, base_col = cols.index("target"), cols.index("baseline")
    target_year = cols.years[target_col] if target_col is not None else None
    base_year = cols.years[base_col] if base_col is not None else None
    if target_year is None and target_col is not None:
        target_year = ctx.period_end
    if base_year is None and base_col is not None and ctx.period_start:
        base_year = ctx.period_start - 1
    out: list[Indicator] = []
    group: str | None = None  # from a group row across the table
    column: str | None = None  # from the category column, within the group
    for r, raw in enumerate(table.rows[cols.header_row + 1 :], start=cols.header_row + 1):
        if (label := _group_row(raw)) is not None:
            group, column = label, None
            continue
        row = list(raw)
        if len(row) < width:  # a continuation row missing its merged category cell
            row = [""] * (width - len(row)) + row
        cell = dict(zip(cols.kinds, row, strict=False))
        if cols.index("category") is not None:
            column = (cell.get("category") or "").replace("\n", "").strip() or column
        category = column or group  # the innermost group
        name, unit = split_name_unit(row[name_col])
        if not name:
            continue
        unit = _unit_cell(row, cols, target_year) or unit
        target = parse_value(row[target_col], target_year) if target_col is not None else None
        baseline = parse_value(row[base_col], base_year) if base_col is not None else None
        if unit is None and any(v is not None and v.unit == "%" for v in (target, baseline)):
            unit = "%"
        attribute = (cell.get("attribute") or "").strip()
        out.append(
            Indicator(
                category=category,
                name=name,
                unit=unit,
                baseline=baseline,
                target=target,
                attribute=attribute if attribute in ("约束性", "预期性") else None,  # type: ignore[arg-type]
                table_title=title,
                span=Span(block=index, start=0, end=len(row[name_col]), row=r, col=name_col),
            )
        )
    return out


def _unit_cell(row: list[str], cols: IndicatorColumns, target_year: int | None) -> str | None:
    """The row's unit from a unit column; with one unit column per year (2020年 | 2025年 over 数值 | 单位),
    the target year's, else the first that has one."""
    at = [k for k, kind in enumerate(cols.kinds) if kind == "unit" and k < len(row) and row[k].strip()]
    at.sort(key=lambda k: cols.years[k] != target_year)
    return row[at[0]].strip() if at else None


def _group_row(row: tuple[str, ...]) -> str | None:
    """The label of a group row: one short cell across the table, in its first column, no values
    (<td colspan="4">社会保障</td>, a merged Word row, a tab-text row of one cell). "一、养老服务" -> "养老服务"."""
    filled = [text.strip() for text in row if text.strip()]
    if len(filled) != 1 or not row[0].strip():
        return None
    text = filled[0]
    label = GROUP_NUMBER.sub("", text.replace("\n", "")).strip()
    if not label or len(label) > MAX_GROUP or NOTE.match(label):
        return None
    return label
