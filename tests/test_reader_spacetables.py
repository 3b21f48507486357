"""Tables whose columns are aligned with runs of spaces (PDF-to-text layout output, hand-typed text)."""

from __future__ import annotations

import pytest

from agingpolicy import parse_text
from agingpolicy.blocks import Paragraph, Table
from agingpolicy.readers.txt import text_to_blocks

# --- columns aligned with spaces (PDF-to-text layout output) ---------------------------------------------

LAYOUT_TABLE = """某区养老服务重点任务分工

序号    重点任务                        牵头单位          配合单位                  完成时限
1       新增护理型床位2000张，          区民政局          区卫生健康委、区财政      2024年12月
        重点发展认知症照护床位                            局                        底前
2       建设社区嵌入式养老服务          区民政局          各街道办事处              2025年底前
        设施12个
3       推进医养结合                    区卫生健康委      区医保局                  长期坚持

以上任务由各牵头单位于每季度末报送进展。
"""


def test_space_aligned_rows_with_wrapped_cells_are_a_table() -> None:
    blocks = text_to_blocks(LAYOUT_TABLE)
    tables = [b for b in blocks if isinstance(b, Table)]
    assert len(tables) == 1
    assert tables[0].rows == (
        ("序号", "重点任务", "牵头单位", "配合单位", "完成时限"),
        ("1", "新增护理型床位2000张，重点发展认知症照护床位", "区民政局", "区卫生健康委、区财政局", "2024年12月底前"),
        ("2", "建设社区嵌入式养老服务设施12个", "区民政局", "各街道办事处", "2025年底前"),
        ("3", "推进医养结合", "区卫生健康委", "区医保局", "长期坚持"),
    )
    assert isinstance(blocks[-1], Paragraph) and blocks[-1].text.startswith("以上任务")


def test_a_space_aligned_task_table_gives_tasks_with_units_and_deadlines() -> None:
    doc = parse_text(LAYOUT_TABLE)
    assert [t.title for t in doc.tasks] == [
        "新增护理型床位2000张，重点发展认知症照护床位",
        "建设社区嵌入式养老服务设施12个",
        "推进医养结合",
    ]
    first = doc.tasks[0]
    assert [(d.name, d.role) for d in first.departments] == [
        ("区民政局", "lead"),
        ("区卫生健康委", "co"),
        ("区财政局", "co"),
    ]
    assert [(d.year, d.month) for d in first.deadlines] == [(2024, 12)]
    assert [(d.name, d.role) for d in doc.tasks[1].departments] == [("区民政局", "lead"), ("各街道办事处", "co")]


def test_ideographic_spaces_separate_cells_of_an_indicator_table() -> None:
    text = (
        "主要指标\n"
        "指标名称　　单位　　2020年　　2025年　　属性\n"
        "养老机构护理型床位占比　　%　　45　　≥55　　约束性\n"
        "每千名老年人拥有养老床位数　　张　　32　　35　　预期性\n"
    )
    doc = parse_text(text)
    rows = [
        (
            i.name,
            i.unit,
            i.baseline and (i.baseline.value, i.baseline.year),
            i.target and (i.target.text, i.target.year),
        )
        for i in doc.indicators
    ]
    assert rows == [
        ("养老机构护理型床位占比", "%", (45, 2020), ("≥55", 2025)),
        ("每千名老年人拥有养老床位数", "张", (32, 2020), ("35", 2025)),
    ]
    assert [i.attribute for i in doc.indicators] == ["约束性", "预期性"]


@pytest.mark.parametrize(
    "line",
    [
        "总　　则",  # a spaced-out chapter title
        "某市民政局        2024年3月15日",  # a signature line: two cells
        "一、主要任务  （一）完善养老服务体系  （二）加强人才队伍建设",  # double spaces in prose, no header words
        "附件：1．任务分工表  2．指标表  3．项目清单",
    ],
)
def test_lines_with_double_spaces_are_not_a_table_header(line: str) -> None:
    blocks = text_to_blocks(f"{line}\n1  2  3\n")
    assert not any(isinstance(b, Table) for b in blocks)


# a pdftotext -layout indicator table: a letter-spaced label, a second header row, a group column written once
# per group, a name wrapped onto the next line, and a page break (page number, form feed) inside the table
LAYOUT_INDICATORS = (
    "表2  某市“十五五”养老服务主要指标\n"
    "\n"
    "  分类        编号  指    标                            单位    2022年    2027年    性质\n"
    "                                                                现状值    目标值\n"
    "  养老服务    1     每千名老年人拥有养老床位数          张      30.2      ≥35       预期性\n"
    "              2     养老机构护理型床位占比              %       48        ≥60       约束性\n"
    "              3     二级及以上综合性医院设立老年        %       50        ≥80       预期性\n"
    "                    医学科的比例\n"
    "\n"
    "                                 - 3 -\n"
    "\f  健康支撑    4     老年人健康管理率                    %       65        ≥70       预期性\n"
    "\n"
    "    注：床位数为户籍老年人口口径。\n"
)


def test_a_layout_indicator_table_with_a_second_header_row_and_a_page_break() -> None:
    (table,) = [b for b in text_to_blocks(LAYOUT_INDICATORS) if isinstance(b, Table)]
    assert table.rows == (
        ("分类", "编号", "指标", "单位", "2022年", "2027年", "性质"),
        ("", "", "", "", "现状值", "目标值", ""),
        ("养老服务", "1", "每千名老年人拥有养老床位数", "张", "30.2", "≥35", "预期性"),
        ("", "2", "养老机构护理型床位占比", "%", "48", "≥60", "约束性"),
        ("", "3", "二级及以上综合性医院设立老年医学科的比例", "%", "50", "≥80", "预期性"),
        ("健康支撑", "4", "老年人健康管理率", "%", "65", "≥70", "预期性"),
    )


def test_layout_indicators_get_their_group_years_and_comparators() -> None:
    doc = parse_text(LAYOUT_INDICATORS)
    got = [
        (i.category, i.name, i.baseline and (i.baseline.value, i.baseline.year), i.target and i.target.comparator)
        for i in doc.indicators
    ]
    assert got == [
        ("养老服务", "每千名老年人拥有养老床位数", (30.2, 2022), ">="),
        ("养老服务", "养老机构护理型床位占比", (48, 2022), ">="),
        ("养老服务", "二级及以上综合性医院设立老年医学科的比例", (50, 2022), ">="),
        ("健康支撑", "老年人健康管理率", (65, 2022), ">="),
    ]
    assert {i.target.year for i in doc.indicators if i.target} == {2027}
