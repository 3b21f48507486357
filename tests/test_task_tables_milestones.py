"""Task tables with a column for each year (2023年 | 2024年 | 2025年 under 时间进度): each filled cell is what the
task is to do or reach by that year, its text part of the task's, its year a deadline and its quantities targets."""

from __future__ import annotations

import pytest

from agingpolicy import parse_bytes, parse_text
from agingpolicy.blocks import Table
from agingpolicy.extract.columns import Milestone, task_columns

from .test_task_tables import tab_table
from .test_task_tables_groups import docx_table

MILESTONE_ROWS = [
    ["1", "推进乡镇居家养老服务中心建设", "每个乡镇建成1个居家养老服务中心。", "建成4个", "累计建成9个", "累计建成15个，实现全覆盖",
     "县民政局", "各乡镇（街道）"],
    ["2", "推进老年助餐服务", "合理布局老年食堂和助餐点。", "覆盖率达到50%", "覆盖率达到70%", "覆盖率达到90%以上",
     "县民政局", "县市场监管局"],
    ["3", "推进长期护理保险", "配合做好长期护理保险制度试点。", "启动参保扩面", "6月底前覆盖城乡居民", "—",
     "县医保分局", "县财政局"],
    ["4", "建设智慧养老服务平台", "建设县级智慧养老服务平台。", "", "2025年9月底前完成平台建设", "接入率达到100%",
     "县大数据发展中心", "县民政局"],
]


def _word(group: str, years: list[str]) -> bytes:
    """序号 | 重点任务 | 工作内容 | <group> over the years | 牵头单位 | 责任单位, the other header cells merged down."""
    header = ["序号", "重点任务", "工作内容", group, "", "", "牵头单位", "责任单位"]
    merges = [((0, c), (1, c)) for c in (0, 1, 2, 6, 7)] + [((0, 3), (0, 5))]
    rows = [header, ["", "", "", *years, "", ""], *MILESTONE_ROWS]
    return docx_table("某县养老服务体系建设三年行动方案", rows, merges, header_rows=2)


def _read(doc) -> list[tuple]:
    return [
        ([(d.year, d.month, d.kind) for d in t.deadlines], [(x.value, x.unit, x.comparator, x.year) for x in t.targets])
        for t in doc.tasks
    ]


def _expected(y: list[int]) -> list[tuple]:
    return [
        (
            [(y[0], None, "by"), (y[1], None, "by"), (y[2], None, "by")],
            [(1, "个", "=", None), (4, "个", "=", y[0]), (9, "个", "=", y[1]), (15, "个", "=", y[2])],
        ),
        (
            [(y[0], None, "by"), (y[1], None, "by"), (y[2], None, "by")],
            [(50, "%", "=", y[0]), (70, "%", "=", y[1]), (90, "%", ">=", y[2])],
        ),
        # "—" says nothing is due that year; 6月底前 in the second year's column is June of that year
        ([(y[0], None, "by"), (y[1], 6, "by")], []),
        # an empty cell says nothing; a cell with a dated limit of its own keeps it instead of the column's year
        ([(2025, 9, "by"), (y[2], None, "by")], [(100, "%", "=", y[2])]),
    ]


@pytest.mark.parametrize(
    ("group", "years", "expected"),
    [
        ("时间进度", ["2023年", "2024年", "2025年"], [2023, 2024, 2025]),
        ("年度目标", ["2024年度", "2025年度", "2026年度"], [2024, 2025, 2026]),
        ("分年度任务", ["2024", "2025", "2026"], [2024, 2025, 2026]),
    ],
)
def test_word_year_columns_under_a_merged_header(group: str, years: list[str], expected: list[int]) -> None:
    doc = parse_bytes(_word(group, years), "t.docx")
    assert [t.title for t in doc.tasks] == [row[1] for row in MILESTONE_ROWS]
    assert _read(doc) == _expected(expected)
    # each filled cell joins the task's text under its year
    assert doc.tasks[0].text.split("\n") == [
        "每个乡镇建成1个居家养老服务中心。", f"{years[0]}：建成4个", f"{years[1]}：累计建成9个",
        f"{years[2]}：累计建成15个，实现全覆盖",
    ]
    assert doc.tasks[2].text.split("\n")[1:] == [f"{years[0]}：启动参保扩面", f"{years[1]}：6月底前覆盖城乡居民"]
    # the year of a cell without a limit of its own points to the year's header cell
    assert [(d.span.row, d.span.col) for d in doc.tasks[0].deadlines] == [(1, 3), (1, 4), (1, 5)]
    assert [[(d.name, d.role) for d in t.departments] for t in doc.tasks][:2] == [
        [("县民政局", "lead"), ("各乡镇（街道）", "co")], [("县民政局", "lead"), ("县市场监管局", "co")],
    ]


def test_text_year_columns_under_a_second_header_row() -> None:
    text = "某市居家养老服务提升行动方案\n" + tab_table(
        ("序号", "重点任务", "进度安排", "", "牵头单位"),
        ("", "", "2024年", "2025年", ""),
        ("1", "实施居家适老化改造", "改造200户", "改造不少于300户", "市民政局"),
        ("2", "开展养老护理员培训", "培训500人次", "", "市人社局"),
    )
    doc = parse_text(text)
    assert [t.title for t in doc.tasks] == ["实施居家适老化改造", "开展养老护理员培训"]
    assert _read(doc) == [
        ([(2024, None, "by"), (2025, None, "by")], [(200, "户", "=", 2024), (300, "户", ">=", 2025)]),
        ([(2024, None, "by")], [(500, "人次", "=", 2024)]),
    ]


def test_year_columns_are_milestones_and_a_year_cell_column_stays_a_year_column() -> None:
    table = Table(
        (
            ("序号", "重点任务", "2023年", "2024年度", "牵头单位"),
            ("1", "推进老年助餐服务", "覆盖率达到50%", "覆盖率达到70%", "县民政局"),
        )
    )
    cols = task_columns(table)
    assert cols is not None
    assert cols.milestones == (Milestone(2, 2023, "2023年"), Milestone(3, 2024, "2024年度"))
    assert (cols.task, cols.measure, cols.year) == ((1,), (), ())
    by_year = task_columns(Table((("年度", "目标任务", "责任单位"), ("2024年", "新建助餐点3个", "县民政局"))))
    assert by_year is not None and (by_year.year, by_year.milestones) == ((0,), ())


def test_an_indicator_table_with_year_columns_is_no_task_table() -> None:
    doc = parse_text(
        "某县“十四五”养老服务体系规划\n"
        + tab_table(("序号", "指标", "2020年", "2025年", "属性"), ("1", "养老机构护理型床位占比（%）", "45", "55", "约束性"))
    )
    assert [(i.name, i.target.value if i.target else None) for i in doc.indicators] == [("养老机构护理型床位占比", 55)]
    assert doc.tasks == []


# --- bare figures under the years, counted in the row's 单位 cell or the unit in brackets after its 考核指标

UNIT_ROWS = [
    ["1", "发展家庭养老床位", "依托养老机构设置家庭养老床位。", "新增家庭养老床位", "张", "300", "500", "700", "市民政局",
     "市卫生健康委"],
    ["", "", "规范家庭养老床位服务内容。", "家庭养老床位上门服务率", "%", "80", "90", "100", "市民政局", "市卫生健康委"],
    ["2", "推进老年助餐服务", "合理布局社区老年食堂。", "城市社区老年助餐服务覆盖率", "％", "60", "≥75", "90以上", "市民政局",
     "市商务局"],
    ["3", "提升特困供养服务设施", "实施县级特困供养机构改造。", "建成县级失能特困人员集中照护机构", "所", "3", "—", "全覆盖",
     "市民政局", "各县市区人民政府"],
]
UNIT_HEADER = ["序号", "重点任务", "主要措施", "考核指标", "单位", "年度目标", "", "", "牵头单位", "配合单位"]


def _figures(doc) -> list[list[tuple]]:
    return [[(x.text, x.value, x.unit, x.comparator, x.year) for x in t.targets] for t in doc.tasks]


def _unit_expected(y: list[int]) -> list[list[tuple]]:
    return [
        [("300", 300, "张", "=", y[0]), ("500", 500, "张", "=", y[1]), ("700", 700, "张", "=", y[2]),
         ("80", 80, "%", "=", y[0]), ("90", 90, "%", "=", y[1]), ("100", 100, "%", "=", y[2])],
        [("60", 60, "%", "=", y[0]), ("≥75", 75, "%", ">=", y[1]), ("90以上", 90, "%", ">=", y[2])],
        [("3", 3, "所", "=", y[0])],  # "—" is nothing; 全覆盖 has no figure, but is still due by its year
    ]


@pytest.mark.parametrize("years", [["2023年", "2024年", "2025年"], ["2024年度", "2025年度", "2026年度"]])
def test_word_text_bare_figures_take_the_unit_column(years: list[str]) -> None:
    upper = tuple(c for c in UNIT_HEADER if c)  # the Word-to-text copy writes the merged 年度目标 once
    text = "宜昌市养老服务体系建设三年行动方案\n" + tab_table(upper, ("", "", "", "", "", *years, "", ""), *map(tuple, UNIT_ROWS))
    doc = parse_text(text)
    y = [int(label[:4]) for label in years]
    assert [t.title for t in doc.tasks] == ["发展家庭养老床位", "推进老年助餐服务", "提升特困供养服务设施"]
    assert _figures(doc) == _unit_expected(y)
    assert [[d.year for d in t.deadlines] for t in doc.tasks] == [y, y, [y[0], y[2]]]
    # the text stays as written, and the span is the figure's in its cell
    assert doc.tasks[0].text.split("\n")[2:5] == [f"{years[0]}：300", f"{years[1]}：500", f"{years[2]}：700"]
    assert [(x.span.row, x.span.col, x.span.start, x.span.end) for x in doc.tasks[1].targets] == [
        (4, 5, 0, 2), (4, 6, 0, 3), (4, 7, 0, 4),
    ]


def test_docx_bare_figures_take_the_unit_column() -> None:
    merges = [((0, c), (1, c)) for c in (0, 1, 2, 3, 4, 8, 9)] + [((0, 5), (0, 7))]
    rows = [UNIT_HEADER, ["", "", "", "", "", "2023年", "2024年", "2025年", "", ""], *UNIT_ROWS]
    doc = parse_bytes(docx_table("某市养老服务体系建设三年行动方案", rows, merges, header_rows=2), "t.docx")
    assert _figures(doc) == _unit_expected([2023, 2024, 2025])


def test_tab_separated_unit_in_brackets_after_the_kpi() -> None:
    # no 单位 column: the unit stands in brackets after the 考核指标; a cell with its own unit keeps it
    text = (
        "某县养老服务提升行动方案\n"
        "序号\t重点任务\t考核指标\t2024年\t2025年\t牵头单位\n"
        "1\t发展家庭养老床位\t新增家庭养老床位（张）\t300\t不少于500\t县民政局\n"
        "2\t推进老年助餐服务\t老年助餐服务覆盖率(%)\t60\t≥75\t县民政局\n"
        "3\t培训养老护理员\t培训养老护理员（人次）\t培训200人次\t300\t县人社局\n"
    )
    assert _figures(parse_text(text)) == [
        [("300", 300, "张", "=", 2024), ("不少于500", 500, "张", ">=", 2025)],
        [("60", 60, "%", "=", 2024), ("≥75", 75, "%", ">=", 2025)],
        [("200人次", 200, "人次", "=", 2024), ("300", 300, "人次", "=", 2025)],
    ]


def test_bare_figures_without_a_unit_give_no_target() -> None:
    text = "某县养老服务提升行动方案\n" + tab_table(
        ("序号", "重点任务", "考核指标", "2024年", "2025年", "牵头单位"),
        ("1", "开展老年人健康管理", "老年人健康管理工作", "70", "75", "县卫健局"),
    )
    (task,) = parse_text(text).tasks
    assert (task.targets, [d.year for d in task.deadlines]) == ([], [2024, 2025])
