"""Indicator tables: recognised by their header, one typed record per row."""

from __future__ import annotations

import pytest

from agingpolicy import parse_bytes, parse_text
from agingpolicy.blocks import Table
from agingpolicy.extract.context import DocContext
from agingpolicy.extract.indicators import extract_indicators, indicator_columns, parse_value, split_name_unit
from agingpolicy.models import Document


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
        # a unit (with its 万 / 亿) between the number and 以上 / 左右, and words before the comparator
        ("900万张以上", 900, ">="),
        ("3亿人次以上", 3, ">="),
        ("每千人40张以上", 40, ">="),
        ("40张/千人", 40, "="),
        ("2000人左右", 2000, "~"),
        ("每个县（市、区、旗）至少1所", 1, ">="),
        ("至少1所", 1, ">="),
        ("不低于60", 60, ">="),
        ("不少于5个", 5, ">="),
        ("提高到95%", 95, "="),
        ("降至5%以下", 5, "<="),
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


# --- group rows: one label across the table is the category of the rows below it


def _grouped(first: tuple[str, ...], second: tuple[str, ...]) -> Table:
    return rows(
        ("指标", "2025年", "2030年", "属性"),
        first,
        ("基本养老保险参保率（%）", "91", "95", "预期性"),
        ("长期护理保险参保人数（亿人）", "1.8", "3", "预期性"),
        second,
        ("养老服务床位总量", "820万张", "900万张以上", "预期性"),
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("社会保障", "", "", ""), ("养老服务", "", "", "")),  # HTML colspan / a merged Word row
        (("社会保障",), ("养老服务",)),  # a tab-text row of one cell
        (("一、社会保障", "", "", ""), ("二、养老服务",)),  # numbered group labels
    ],
)
def test_group_rows_are_categories_not_indicators(first: tuple[str, ...], second: tuple[str, ...]) -> None:
    out = extract_indicators([_grouped(first, second)], DocContext())
    assert [(i.category, i.name, i.unit) for i in out] == [
        ("社会保障", "基本养老保险参保率", "%"),
        ("社会保障", "长期护理保险参保人数", "亿人"),
        ("养老服务", "养老服务床位总量", None),
    ]
    assert [(i.target.value, i.target.comparator, i.target.year) for i in out if i.target] == [
        (95, "=", 2030), (3, "=", 2030), (900, ">=", 2030),
    ]


def test_group_rows_with_a_number_column_and_a_note_row() -> None:
    table = rows(
        ("序号", "指标名称", "2020年基数", "2025年目标值"),
        ("（一）健康支撑", "", "", ""),
        ("1", "老年医学科设置率（%）", "60", "≥70"),
        ("（二）社会参与", "", "", ""),
        ("2", "老年大学覆盖面", "—", "每个县至少1所"),
        ("注：带*号的为约束性指标。", "", "", ""),
    )
    out = extract_indicators([table], DocContext())
    assert [(i.category, i.name) for i in out] == [("健康支撑", "老年医学科设置率"), ("社会参与", "老年大学覆盖面")]
    assert out[1].target and (out[1].target.value, out[1].target.comparator) == (1, ">=")


def test_group_rows_above_a_category_column_give_the_innermost_group() -> None:
    table = rows(
        ("类别", "指标", "目标值"),
        ("一、养老服务", "", ""),
        ("机构养老", "护理型床位占比（%）", "60"),
        ("", "养老机构床位数（张）", "500"),
        ("二、健康支撑", "", ""),
        ("", "老年医学科设置率（%）", "70"),  # no category cell under this group: the group row's label
    )
    out = extract_indicators([table], DocContext())
    assert [i.category for i in out] == ["机构养老", "机构养老", "健康支撑"]


def test_group_row_of_one_cell_in_tab_text() -> None:
    tab = "".join(
        "".join(f"\t{c}\n" for c in row) + "\n"
        for row in [
            ("指标", "2025年", "2030年"),
            ("社会参与",),
            ("老年志愿者注册人数占老年人口比例（%）", "12", "15"),
            ("每千名老年人配备社会工作者人数（人）", "0.8", "≥1"),
        ]
    )
    doc = parse_text("某规划\n主要指标\n" + tab)
    assert [(i.category, i.name, i.unit) for i in doc.indicators] == [
        ("社会参与", "老年志愿者注册人数占老年人口比例", "%"),
        ("社会参与", "每千名老年人配备社会工作者人数", "人"),
    ]


# --- a two-row header whose value label (目标值) is merged over the year columns: the earlier year is the baseline


def _tab(*rows: tuple[str, ...]) -> str:
    return "".join("".join(f"\t{c}\n" for c in row) + "\n" for row in rows)


TWO_ROW_BODY = (
    ("养老服务", "养老机构护理型床位占比", "48%", "≥55%", "约束性"),
    ("", "街道综合养老服务中心覆盖率", "—", "≥60%", "预期性"),
)
PLAN = "某省“十四五”老龄事业发展规划\n表1　主要指标\n"


def _values(doc: Document) -> list[tuple]:
    return [
        (
            i.category,
            i.name,
            i.unit,
            i.baseline and (i.baseline.value, i.baseline.year),
            (i.target.comparator, i.target.value, i.target.year),
        )
        for i in doc.indicators
    ]


TWO_ROW_EXPECTED = [
    ("养老服务", "养老机构护理型床位占比", "%", (48, 2020), (">=", 55, 2025)),
    ("养老服务", "街道综合养老服务中心覆盖率", "%", (None, 2020), (">=", 60, 2025)),
]


@pytest.mark.parametrize(
    ("group", "years"),
    [("目标值", ("2020年", "2025年")), ("指标值", ("2020年基数", "2025年目标")), ("规划目标", ("2020年现状", "2025年"))],
)
def test_tab_text_two_row_value_header(group: str, years: tuple[str, str]) -> None:
    for lower in (("", "", *years, ""), years):  # the merged cells as empty lines, or left out
        text = PLAN + _tab(("类别", "指标", group, "", "属性"), lower, *TWO_ROW_BODY)
        assert _values(parse_text(text)) == TWO_ROW_EXPECTED, lower


def test_word_two_row_value_header() -> None:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("某省“十四五”老龄事业发展规划")
    document.add_paragraph("表1　主要指标")
    table = document.add_table(rows=4, cols=5)
    for c in (0, 1, 4):
        table.cell(0, c).merge(table.cell(1, c))
    table.cell(0, 2).merge(table.cell(0, 3))
    table.cell(2, 0).merge(table.cell(3, 0))
    upper, lower = ("类别", "指标", "目标值", "", "属性"), ("", "", "2020年", "2025年", "")
    for r, row in enumerate((upper, lower, *TWO_ROW_BODY)):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).paragraphs[0].text = text
    buffer = io.BytesIO()
    document.save(buffer)
    assert _values(parse_bytes(buffer.getvalue(), "t.docx")) == TWO_ROW_EXPECTED


def test_html_two_row_value_header() -> None:
    body = "".join(f"<tr>{''.join(f'<td>{c}</td>' for c in row if c)}</tr>" for row in TWO_ROW_BODY)
    body = body.replace("<td>养老服务</td>", '<td rowspan="2">养老服务</td>')
    html = (
        "<html><body><p>某省“十四五”老龄事业发展规划</p><p>表1　主要指标</p><table>"
        '<tr><td rowspan="2">类别</td><td rowspan="2">指标</td><td colspan="2">目标值</td><td rowspan="2">属性</td></tr>'
        f"<tr><td>2020年</td><td>2025年</td></tr>{body}</table></body></html>"
    )
    assert _values(parse_bytes(html.encode(), "t.html")) == TWO_ROW_EXPECTED


def test_a_header_row_repeated_by_a_page_break_is_no_indicator() -> None:
    doc = parse_text(
        "某市智慧养老行动方案\n\t指标名称\n\t单位\n\t2025年目标\n\n\t智慧养老院\n\t家\n\t10\n\n"
        "\t指标名称\n\t单位\n\t2025年目标\n\n\t示范社区\n\t个\n\t20\n\n"
    )
    assert [(i.name, i.unit, i.target.value if i.target else None) for i in doc.indicators] == [
        ("智慧养老院", "家", 10.0),
        ("示范社区", "个", 20.0),
    ]


# --- years in the first header row (each over two columns), 数值 | 单位 under each year: the unit column gives the unit

YEAR_UNIT_BODY = (
    ("每千名老年人拥有养老床位数", "35", "张", "≥40", "张"),
    ("护理型床位占比", "48", "%", "≥55", "%"),
    ("老年人健康管理率", "65", "", "70", "%"),  # the baseline's unit cell left blank: the target year's unit
)
YEAR_UNIT_EXPECTED = [
    ("每千名老年人拥有养老床位数", "张", (35, 2020), (40, 2025)),
    ("护理型床位占比", "%", (48, 2020), (55, 2025)),
    ("老年人健康管理率", "%", (65, 2020), (70, 2025)),
]


def _year_units(doc: Document) -> list[tuple]:
    return [
        (i.name, i.unit, i.baseline and (i.baseline.value, i.baseline.year), i.target and (i.target.value, i.target.year))
        for i in doc.indicators
    ]


@pytest.mark.parametrize(("value", "unit"), [("数值", "单位"), ("数据", "计量单位")])
def test_text_years_over_value_and_unit_columns(value: str, unit: str) -> None:
    for lower in (("", value, unit, value, unit), (value, unit, value, unit)):  # blank merged cell, or left out
        text = PLAN + _tab(("指标名称", "2020年", "", "2025年", ""), lower, *YEAR_UNIT_BODY)
        assert _year_units(parse_text(text)) == YEAR_UNIT_EXPECTED, lower


def test_html_years_over_value_and_unit_columns() -> None:
    body = "".join(f"<tr>{''.join(f'<td>{c}</td>' for c in row)}</tr>" for row in YEAR_UNIT_BODY)
    html = (
        "<html><body><p>某市“十四五”养老服务体系规划</p><p>表1　主要指标</p><table>"
        '<tr><th rowspan="2">指标名称</th><th colspan="2">2020年</th><th colspan="2">2025年</th></tr>'
        f"<tr><th>数值</th><th>单位</th><th>数值</th><th>单位</th></tr>{body}</table></body></html>"
    )
    assert _year_units(parse_bytes(html.encode(), "t.html")) == YEAR_UNIT_EXPECTED


def test_word_years_over_value_and_unit_columns() -> None:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("某市“十四五”养老服务体系规划")
    document.add_paragraph("表1　主要指标")
    table = document.add_table(rows=2 + len(YEAR_UNIT_BODY), cols=5)
    table.cell(0, 0).merge(table.cell(1, 0))
    table.cell(0, 1).merge(table.cell(0, 2))
    table.cell(0, 3).merge(table.cell(0, 4))
    upper, lower = ("指标名称", "2020年", "", "2025年", ""), ("", "数值", "单位", "数值", "单位")
    for r, row in enumerate((upper, lower, *YEAR_UNIT_BODY)):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).paragraphs[0].text = text
    buffer = io.BytesIO()
    document.save(buffer)
    assert _year_units(parse_bytes(buffer.getvalue(), "t.docx")) == YEAR_UNIT_EXPECTED


def test_a_year_over_target_value_stays_a_target() -> None:
    # 2025年 over 目标值 | 单位: the lower word still decides the kind (目标值 -> target of 2025)
    text = PLAN + _tab(("指标名称", "2020年基数", "2025年", ""), ("", "", "目标值", "单位"),
                       ("护理型床位占比", "48", "≥55", "%"))
    assert _year_units(parse_text(text)) == [("护理型床位占比", "%", (48, 2020), (55, 2025))]
