"""Indicator tables: recognised by their header, one typed record per row."""

from __future__ import annotations

import pytest

from agingpolicy import parse_text
from agingpolicy.blocks import Table
from agingpolicy.extract.context import DocContext
from agingpolicy.extract.indicators import extract_indicators, indicator_columns, parse_value, split_name_unit


def rows(*cells: tuple[str, ...]) -> Table:
    return Table(tuple(cells))


@pytest.mark.parametrize(
    ("text", "value", "comparator"),
    [
        ("40.5", 40.5, "="),
        ("不超过30%", 30, "<="),
        ("不低于30%", 30, ">="),
        ("≥60%", 60, ">="),
        ("＞80%", 80, ">"),
        ("超过70%", 70, ">"),
        ("35%以上", 35, ">="),
        ("90%及以上", 90, ">="),
        ("5%以下", 5, "<="),
        ("达到70%", 70, "="),
        ("提升至10%", 10, "="),
        ("保持在100%", 100, "="),
        ("约50%", 50, "~"),
        ("60%左右", 60, "~"),
        ("100％", 100, "="),
        ("≥1", 1, ">="),
        ("７０００", 7000, "="),
    ],
)
def test_value_forms(text: str, value: float, comparator: str) -> None:
    v = parse_value(text, 2025)
    assert (v.value, v.comparator, v.year, v.text) == (value, comparator, 2025, text)


@pytest.mark.parametrize(("text", "comparator"), [("明显增长", ">"), ("稳步提高", ">"), ("-", "="), ("—", "=")])
def test_values_without_a_number(text: str, comparator: str) -> None:
    v = parse_value(text, 2025)
    assert (v.value, v.comparator) == (None, comparator)


@pytest.mark.parametrize(
    ("cell", "name", "unit"),
    [
        ("基本养老保险参保人数（万人）", "基本养老保险参保人数", "万人"),
        ("护理型床位占比(%", "护理型床位占比", "%"),
        ("护理型床位占比（%）", "护理型床位占比", "%"),
        ("接受上门服务的居家老年人占比%", "接受上门服务的居家老年人占比", "%"),
        ("每千名户籍老人拥有床位(张)", "每千名户籍老人拥有床位", "张"),
        ("1.失能特困人员集中供养率", "失能特困人员集中供养率", None),
        ("12、老年大学县级覆盖率（%）", "老年大学县级覆盖率", "%"),
        ("养老机构总数", "养老机构总数", None),
        ("养老机构内设\n医疗机构占比(%", "养老机构内设医疗机构占比", "%"),
    ],
)
def test_name_and_unit(cell: str, name: str, unit: str | None) -> None:
    assert split_name_unit(cell) == (name, unit)


def test_category_repeats_and_thirteenth_plan_target_year() -> None:
    table = rows(
        ("类别", "指标", "目标值"),
        ("社会保障", "基本养老保险参保人数（万人）", "40.5"),
        ("", "基本医疗保险参保人数（万人）", "63.6"),
        ("养老服务", "政府运营的养老床位占比", "不超过30%"),
        ("护理型养老床位占比", "不低于30%"),  # the merged category cell is missing from this row
    )
    out = extract_indicators([table], DocContext(period_start=2016, period_end=2020))
    assert [(i.category, i.name, i.unit) for i in out] == [
        ("社会保障", "基本养老保险参保人数", "万人"),
        ("社会保障", "基本医疗保险参保人数", "万人"),
        ("养老服务", "政府运营的养老床位占比", "%"),
        ("养老服务", "护理型养老床位占比", "%"),
    ]
    assert [(i.target.value, i.target.comparator, i.target.year) for i in out if i.target] == [
        (40.5, "=", 2020), (63.6, "=", 2020), (30, "<=", 2020), (30, ">=", 2020),
    ]
    assert all(i.baseline is None for i in out)


def test_baseline_and_target_years_from_headers_and_attribute_and_unit_column() -> None:
    table = rows(
        ("序号", "指标名称", "单位", "2020年基数", "2025年目标", "属性"),
        ("1", "养老机构护理型床位占比", "%", "51", "≥60", "约束性"),
        ("2", "每千名老年人配有社会工作者人数", "人", "-", "≥1", "预期性"),
    )
    out = extract_indicators([table], DocContext())
    assert [(i.name, i.unit, i.attribute) for i in out] == [
        ("养老机构护理型床位占比", "%", "约束性"),
        ("每千名老年人配有社会工作者人数", "人", "预期性"),
    ]
    first = out[0]
    assert first.baseline and (first.baseline.value, first.baseline.year) == (51, 2020)
    assert first.target and (first.target.value, first.target.comparator, first.target.year) == (60, ">=", 2025)
    assert out[1].baseline and out[1].baseline.value is None


def test_bare_year_columns() -> None:
    table = rows(("指标", "2020年", "2025年"), ("老年大学覆盖率", "73%", "100%"))
    (i,) = extract_indicators([table], DocContext())
    assert i.baseline and i.target and (i.baseline.year, i.target.year, i.unit) == (2020, 2025, "%")


def test_a_task_table_is_not_an_indicator_table() -> None:
    assert indicator_columns(rows(("重点任务", "牵头单位", "责任单位"), ("（一）甲", "区民政局", "——"))) is None


def test_caption_before_the_table_is_its_title() -> None:
    doc = parse_text(
        "某市养老服务规划\n“十四五”期间某市养老服务发展主要指标\n"
        "\t指标\n\t2021年底实际值\n\t2025年目标值\n\n\t1.失能特困人员集中供养率\n\t60%\n\t≥60%\n\n"
    )
    (i,) = doc.indicators
    assert i.table_title == "“十四五”期间某市养老服务发展主要指标"
    assert (i.name, i.unit, i.baseline.year, i.target.year) == ("失能特困人员集中供养率", "%", 2021, 2025)


def test_title_row_inside_the_table() -> None:
    table = rows(
        ("“十三五”期间主要指标", "", ""),
        ("类别", "指标", "目标值"),
        ("社会保障", "基本养老保险参保人数（万人）", "40.5"),
    )
    (i,) = extract_indicators([table], DocContext(period_start=2016, period_end=2020))
    assert (i.table_title, i.category, i.name, i.target.year) == ("“十三五”期间主要指标", "社会保障", "基本养老保险参保人数", 2020)


def test_two_level_header() -> None:
    # HTML colspan/rowspan or .docx merges: 指标值 over 2020年 / 2025年
    table = rows(
        ("类别", "指标", "指标值", "", "属性"),
        ("", "", "2020年", "2025年", ""),
        ("社会保障", "基本养老保险参保率（%）", "90", "95", "预期性"),
        ("", "长期护理保险参保人数（万人）", "-", "明显增长", "预期性"),
    )
    out = extract_indicators([table], DocContext())
    assert [(i.category, i.name, i.unit, i.attribute) for i in out] == [
        ("社会保障", "基本养老保险参保率", "%", "预期性"),
        ("社会保障", "长期护理保险参保人数", "万人", "预期性"),
    ]
    assert (out[0].baseline.year, out[0].target.year, out[0].target.value) == (2020, 2025, 95)
    assert out[1].target.value is None


def test_a_long_data_row_is_never_a_header() -> None:
    table = rows(
        ("重点任务", "具体措施", "责任单位", "完成时限"),
        ("一、健全养老服务体系", "建立基本养老服务清单，明确服务对象和内容。", "市民政局", "2022年底"),
    )
    assert extract_indicators([table], DocContext()) == []
