"""Task tables whose upper header row a text copy wrote with each merged cell once (年度目标 over 2023年 | 2024年 |
2025年 as one cell), so that the row is short of the table's width: the lower row's run of labels under that
cell puts it back on the grid, where a right-aligned reading would shift every column."""

from __future__ import annotations

import pytest

from agingpolicy import parse_text
from agingpolicy.blocks import Table
from agingpolicy.extract.columns import Milestone, task_columns
from agingpolicy.extract.headers import regrid

from .test_task_tables import tab_table

TITLE = "宜昌市养老服务体系建设三年行动方案（2023—2025年）\n二、重点任务\n"
# 序号 | 重点任务 | 主要措施 | 考核指标 | 单位 | <one cell a year> | 牵头单位 | 配合单位
ROWS = [
    ("1", "建设街道综合养老服务中心", "在城区街道建设集全日托养、日间照料于一体的综合养老服务中心。", "新建街道综合养老服务中心",
     "个", ["6", "8", "6", "5"], "市民政局", "各县市区人民政府、市财政局"),
    ("2", "发展家庭养老床位", "依托养老机构为居家失能老年人设置家庭养老床位。", "新增家庭养老床位", "张",
     ["300", "500", "700", "900"], "市民政局", "市卫生健康委、市医保局"),
    ("", "", "规范家庭养老床位服务内容和标准。", "家庭养老床位上门服务率", "%", ["80", "90", "100", "100"], "市民政局",
     "市卫生健康委"),
    ("3", "推进老年助餐服务", "合理布局社区老年食堂和助餐点。", "城市社区老年助餐服务覆盖率", "%", ["60", "≥75", "≥90", "全覆盖"],
     "市民政局", "市商务局"),
]


def _word_text(years: list[str]) -> str:
    """The Word-to-text copy: the upper header row has the merged 年度目标 cell once, the other rows a cell a column."""
    upper = ("序号", "重点任务", "主要措施", "考核指标", "单位", "年度目标", "牵头单位", "配合单位")
    lower = ("", "", "", "", "", *years, "", "")
    body = [(n, task, measure, kpi, unit, *values[: len(years)], lead, co)
            for n, task, measure, kpi, unit, values, lead, co in ROWS]
    return TITLE + tab_table(upper, lower, *body)


def _tasks(text: str) -> list[tuple]:
    return [(t.title, t.text.split("\n")[0], [(d.name, d.role) for d in t.departments]) for t in parse_text(text).tasks]


EXPECTED_TASKS = [
    ("建设街道综合养老服务中心", "在城区街道建设集全日托养、日间照料于一体的综合养老服务中心。",
     [("市民政局", "lead"), ("各县市区人民政府", "co"), ("市财政局", "co")]),
    ("发展家庭养老床位", "依托养老机构为居家失能老年人设置家庭养老床位。",
     [("市民政局", "lead"), ("市卫生健康委", "co"), ("市医保局", "co")]),
    ("推进老年助餐服务", "合理布局社区老年食堂和助餐点。", [("市民政局", "lead"), ("市商务局", "co")]),
]


@pytest.mark.parametrize(
    "years",
    [
        ["2023年", "2024年", "2025年"],
        ["2024年", "2025年"],  # two years: the upper row one cell short
        ["2022年", "2023年", "2024年", "2025年"],  # four: three short
        ["2026年度", "2027年度", "2028年度"],
    ],
)
def test_word_text_merged_year_group_written_once(years: list[str]) -> None:
    text = _word_text(years)
    doc = parse_text(text)
    assert _tasks(text) == EXPECTED_TASKS
    # rows 2 and 2b are one task: the measure and 考核指标 cells of both rows, then what each year asks
    second = doc.tasks[1].text.split("\n")
    assert second[:4] == ["依托养老机构为居家失能老年人设置家庭养老床位。", "新增家庭养老床位", f"{years[0]}：300",
                          f"{years[1]}：500"]
    assert "规范家庭养老床位服务内容和标准。" in second


def test_the_columns_of_a_regridded_header() -> None:
    table = Table(
        (
            ("序号", "重点任务", "主要措施", "考核指标", "单位", "年度目标", "牵头单位", "配合单位"),
            ("", "", "", "", "", "2023年", "2024年", "2025年", "", ""),
            ("1", "建设街道综合养老服务中心", "在城区街道建设综合养老服务中心。", "新建街道综合养老服务中心", "个", "6", "8",
             "6", "市民政局", "市财政局"),
        )
    )
    cols = task_columns(table)
    assert cols is not None
    assert (cols.header_rows, cols.number, cols.task, cols.measure) == (2, (0,), (1,), (2, 3))
    assert cols.milestones == (Milestone(5, 2023, "2023年"), Milestone(6, 2024, "2024年"), Milestone(7, 2025, "2025年"))
    assert cols.units == ((8, "lead"), (9, "co"))


def test_word_text_unit_group_written_once() -> None:
    # 责任单位 over 牵头单位 | 配合单位, written once: the labels under it are no years
    text = "某市养老服务提升行动方案\n" + tab_table(
        ("序号", "重点任务", "具体措施", "责任单位", "完成时限"),
        ("", "", "", "牵头单位", "配合单位", ""),
        ("1", "构建养老服务圈", "每个街道建成1个综合养老服务中心。", "市民政局", "市卫生健康委、各区人民政府", "2027年底前"),
        ("2", "发展老年助餐", "建成老年助餐点200个。", "市民政局", "市市场监管局", "2026年底前"),
    )
    doc = parse_text(text)
    assert [t.title for t in doc.tasks] == ["构建养老服务圈", "发展老年助餐"]
    assert [[(d.name, d.role) for d in t.departments] for t in doc.tasks] == [
        [("市民政局", "lead"), ("市卫生健康委", "co"), ("各区人民政府", "co")],
        [("市民政局", "lead"), ("市市场监管局", "co")],
    ]
    assert [[d.year for d in t.deadlines] for t in doc.tasks] == [[2027], [2026]]


def test_two_merged_groups_side_by_side_split_where_the_years_end() -> None:
    # 年度目标 over three years and 责任单位 over two units, both written once: one run of five lower labels
    text = "某市养老服务提升行动方案\n" + tab_table(
        ("序号", "重点任务", "考核指标", "单位", "年度目标", "责任单位"),
        ("", "", "", "", "2023年", "2024年", "2025年", "牵头单位", "配合单位"),
        ("1", "发展家庭养老床位", "新增家庭养老床位", "张", "300", "500", "700", "市民政局", "市医保局"),
    )
    (task,) = parse_text(text).tasks
    assert (task.title, [(d.name, d.role) for d in task.departments]) == (
        "发展家庭养老床位", [("市民政局", "lead"), ("市医保局", "co")],
    )
    assert [d.year for d in task.deadlines] == [2023, 2024, 2025]


def test_tab_separated_copy_padded_by_the_reader() -> None:
    # a spreadsheet copy: the reader pads the short upper row with an empty cell at its end, not under 年度目标
    text = (
        "某市养老服务提升行动方案\n"
        "序号\t重点任务\t考核指标\t单位\t年度目标\t牵头单位\n"
        "\t\t\t\t2024年\t2025年\t\n"
        "1\t发展家庭养老床位\t新增家庭养老床位\t张\t300\t500\t市民政局\n"
    )
    (task,) = parse_text(text).tasks
    assert (task.title, task.text.split("\n"), [d.name for d in task.departments]) == (
        "发展家庭养老床位", ["新增家庭养老床位", "2024年：300", "2025年：500"], ["市民政局"],
    )
    assert [d.year for d in task.deadlines] == [2024, 2025]


def test_regrid_spans_the_label_over_its_run() -> None:
    upper = ("序号", "考核指标", "年度目标", "牵头单位")
    assert regrid(upper, ("", "", "2023年", "2024年", "2025年", ""), 6) == (
        "序号", "考核指标", "年度目标", "", "", "牵头单位",
    )


@pytest.mark.parametrize(
    ("upper", "lower", "width"),
    [
        pytest.param(("重点任务", "牵头单位", "责任单位"), ("", "", "", "", ""), 5, id="no-labels-below"),
        pytest.param(  # the right-aligned case: a first data row of short cells is no header
            ("重点任务", "牵头单位", "配合单位"), ("一、居家养老", "（一）建站点", "县民政局", "县财政局"), 4, id="data-row"),
        pytest.param(("序号", "责任单位", "完成时限"), ("", "牵头单位", ""), 3, id="not-short"),
        pytest.param(  # five labels of one sort under two upper cells: 2 + 3 or 3 + 2, told apart by nothing
            ("序号", "重点任务", "责任单位", "协办"), ("", "", "牵头单位", "配合单位", "协办单位", "联系单位", "联系人"), 7,
            id="ambiguous"),
    ],
)
def test_regrid_leaves_rows_it_cannot_place(upper: tuple[str, ...], lower: tuple[str, ...], width: int) -> None:
    assert regrid(upper, lower, width) is None
