"""Task tables whose rows are grouped by a column (任务类别 / 领域 merged down), and numbered rows under a task
cell merged down: each row numbered by the 序号 column is a task of its own."""

from __future__ import annotations

import io

import docx
import pytest

from agingpolicy import parse_bytes, parse_text
from agingpolicy.blocks import Table
from agingpolicy.extract.columns import task_columns

from .test_task_tables import tab_table

Merge = tuple[tuple[int, int], tuple[int, int]]


def docx_table(title: str, rows: list[list[str]], merges: list[Merge], header_rows: int = 1) -> bytes:
    """A document of a title line and a Word table: each merge joins its cells (w:vMerge down, w:gridSpan across),
    a cell's text stands in the first cell of its merge, and the header rows repeat on each page (w:tblHeader)."""
    document = docx.Document()
    document.add_paragraph(title)
    document.add_paragraph("附件")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for a, b in merges:
        table.cell(*a).merge(table.cell(*b))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).paragraphs[0].text = text
    for row in table.rows[:header_rows]:
        row._tr.get_or_add_trPr().append(docx.oxml.OxmlElement("w:tblHeader"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _tasks(doc) -> list[tuple]:
    return [
        (t.id.split(".")[-1], t.section_path, t.title, [(d.name, d.role) for d in t.departments],
         [d.year for d in t.deadlines])
        for t in doc.tasks
    ]


# --- a category column merged down: 序号 | 任务类别 | 具体任务 | 责任单位 | 完成时限 (the d06 shape)

CATEGORY_ROWS = [
    ["1", "设施建设", "完善社区养老服务设施配建。新建住宅小区按每百户不少于30平方米配建。",
     "市自然资源和规划局、市民政局", "2022年12月底前"],
    ["2", "", "建设街道综合养老服务中心。每个街道建成1处综合养老服务中心。", "市民政局（牵头）、各区县人民政府",
     "2023年12月底前"],
    ["3", "", "推进农村幸福院提质增效。改造提升农村幸福院不少于50处。", "市农业农村局", "2024年12月底前"],
    ["4", "综合监管", "开展安全隐患排查整治。2022年底前全面消除重大安全隐患。", "市民政局、市应急局", "长期坚持"],
    ["5", "", "打击整治养老诈骗。依法打击非法集资行为。", "市公安局（牵头）、市地方金融监管局", "2022年12月底前"],
]
CATEGORY_TASKS = [
    ("1", ["设施建设"], "完善社区养老服务设施配建", [("市自然资源和规划局", "responsible"), ("市民政局", "responsible")],
     [2022]),
    ("2", ["设施建设"], "建设街道综合养老服务中心", [("市民政局", "lead"), ("各区县人民政府", "co")], [2023]),
    ("3", ["设施建设"], "推进农村幸福院提质增效", [("市农业农村局", "responsible")], [2024]),
    ("4", ["综合监管"], "开展安全隐患排查整治", [("市民政局", "responsible"), ("市应急局", "responsible")],
     [2022, None]),
    ("5", ["综合监管"], "打击整治养老诈骗", [("市公安局", "lead"), ("市地方金融监管局", "co")], [2022]),
]


@pytest.mark.parametrize("label", ["任务类别", "类别", "领域", "分类", "重点领域", "任务类型"])
def test_word_category_column_merged_down_groups_the_numbered_rows(label: str) -> None:
    header = ["序号", label, "具体任务", "责任单位", "完成时限"]
    data = docx_table("某市居家和社区养老服务提升行动实施方案", [header, *CATEGORY_ROWS], [((1, 1), (3, 1)), ((4, 1), (5, 1))])
    doc = parse_bytes(data, "t.docx")
    # one task a numbered row, titled by its own cell, with its own units (a 牵头 in one row leaves the others
    # responsible) and limits; the category is the section over the rows it covers
    assert _tasks(doc) == CATEGORY_TASKS
    assert doc.tasks[1].text == "每个街道建成1处综合养老服务中心。"
    assert [(t.value, t.comparator) for t in doc.tasks[0].targets] == [(30, ">=")]
    table_sections = [s for s in doc.sections if s.span.row is not None]
    assert [(s.title, s.kind, s.level, s.number, s.span.row, s.span.col) for s in table_sections] == [
        ("设施建设", "unnumbered", 1, None, 1, 1), ("综合监管", "unnumbered", 1, None, 4, 1),
    ]


def test_text_category_column_at_county_level() -> None:
    # the Word-to-text form of the table: the merged cells are empty lines
    text = "某县养老服务体系建设任务分工\n" + tab_table(
        ("序号", "类别", "重点任务", "牵头单位", "配合单位"),
        ("1", "居家养老", "发展家庭养老床位，新增200张。", "县民政局", "县卫健局"),
        ("2", "", "推进老年助餐，新建助餐点12个。", "县民政局", "县市场监管局"),
        ("3", "医养结合", "深化签约合作，签约率保持100%。", "县卫健局", "县医保局"),
    )
    doc = parse_text(text)
    assert [(t.title, t.section_path) for t in doc.tasks] == [
        ("发展家庭养老床位，新增200张", ["居家养老"]),
        ("推进老年助餐，新建助餐点12个", ["居家养老"]),
        ("深化签约合作，签约率保持100%", ["医养结合"]),
    ]
    assert [[(d.name, d.role) for d in t.departments] for t in doc.tasks] == [
        [("县民政局", "lead"), ("县卫健局", "co")],
        [("县民政局", "lead"), ("县市场监管局", "co")],
        [("县卫健局", "lead"), ("县医保局", "co")],
    ]


def test_a_category_written_in_every_row_opens_one_section() -> None:
    text = "某县养老服务体系建设任务分工\n" + tab_table(
        ("序号", "分类", "工作任务", "具体措施", "责任单位"),
        ("1", "居家养老", "发展家庭养老床位", "新增家庭养老床位200张。", "县民政局"),
        ("", "居家养老", "", "规范上门服务。", "县卫健局"),
        ("2", "居家养老", "推进老年助餐", "新建助餐点12个。", "县商务局"),
        ("3", "社区养老", "建设社区嵌入式养老服务设施", "建成3处。", "县住建局"),
    )
    doc = parse_text(text)
    # the unnumbered second row, its category repeated, continues the task above
    assert doc.tasks[0].text == "新增家庭养老床位200张。\n规范上门服务。"
    assert [(t.title, t.section_path, [d.name for d in t.departments]) for t in doc.tasks] == [
        ("发展家庭养老床位", ["居家养老"], ["县民政局", "县卫健局"]),
        ("推进老年助餐", ["居家养老"], ["县商务局"]),
        ("建设社区嵌入式养老服务设施", ["社区养老"], ["县住建局"]),
    ]
    assert [s.title for s in doc.sections if s.span.row is not None] == ["居家养老", "社区养老"]


def test_html_category_column_with_rowspan() -> None:
    html = (
        "<html><body><p>某区养老服务重点任务清单</p><table>"
        "<tr><td>序号</td><td>领域</td><td>工作任务</td><td>责任单位</td></tr>"
        '<tr><td>1</td><td rowspan="2">健康养老</td><td>做实家庭医生签约服务</td><td>区卫健局</td></tr>'
        "<tr><td>2</td><td>开展老年人健康体检</td><td>区卫健局、各街道</td></tr>"
        "</table></body></html>"
    )
    doc = parse_bytes(html.encode(), "t.html")
    assert [(t.id.split(".")[-1], t.title, t.section_path) for t in doc.tasks] == [
        ("1", "做实家庭医生签约服务", ["健康养老"]),
        ("2", "开展老年人健康体检", ["健康养老"]),
    ]


def test_category_column_is_a_group_never_the_task_column() -> None:
    table = Table(
        (
            ("序号", "任务类别", "具体任务", "责任单位"),
            ("1", "设施建设", "建设街道综合养老服务中心", "市民政局"),
            ("2", "", "推进农村幸福院提质增效", "市民政局"),
        )
    )
    cols = task_columns(table)
    assert cols is not None
    assert (cols.group, cols.task, cols.measure, cols.number) == ((1,), (2,), (), (0,))


def test_categories_under_group_rows_and_a_second_category_column() -> None:
    # a group row (一、…) over two category columns: each column one level below the one left of it
    text = "某市养老服务任务清单\n" + tab_table(
        ("序号", "领域", "类别", "具体任务", "责任单位"),
        ("一、养老服务",),
        ("1", "居家", "设施", "建设社区嵌入式养老服务设施", "市民政局"),
        ("2", "", "服务", "发展老年助餐", "市民政局"),
        ("3", "机构", "设施", "推进公办养老机构改革", "市民政局"),
    )
    doc = parse_text(text)
    assert [t.section_path for t in doc.tasks] == [
        ["养老服务", "居家", "设施"], ["养老服务", "居家", "服务"], ["养老服务", "机构", "设施"],
    ]
    assert [t.id.split(".", 1)[1] for t in doc.tasks] == ["一.1", "一.2", "一.3"]
    group = next(s for s in doc.sections if s.title == "养老服务")
    assert [(s.title, s.level, [(c.title, c.level) for c in s.children]) for s in group.children] == [
        ("居家", 2, [("设施", 3), ("服务", 3)]), ("机构", 2, [("设施", 3)]),
    ]


# --- a task cell merged down over rows that have numbers of their own


def test_each_numbered_row_under_a_merged_task_cell_is_a_task() -> None:
    rows = [
        ["序号", "重点任务", "具体措施", "牵头单位", "完成时限"],
        ["1", "发展居家养老", "新增家庭养老床位300张。", "区民政局", "2025年底前"],
        ["2", "", "新建老年助餐点20个。", "区商务局", "2026年底前"],
        ["", "", "完善助餐补贴政策。", "", ""],
        ["3", "推进医养结合", "签约率保持100%。", "区卫健委", "长期坚持"],
    ]
    data = docx_table("某区养老服务三年行动方案", rows, [((1, 1), (3, 1)), ((2, 0), (3, 0)), ((2, 3), (3, 3))])
    doc = parse_bytes(data, "t.docx")
    # row 2 has its own 序号: a task, under the merged cell it stands in; the unnumbered row after it continues it
    assert [(t.id.split(".")[-1], t.title, t.text, t.span.row) for t in doc.tasks] == [
        ("1", "发展居家养老", "新增家庭养老床位300张。", 1),
        ("2", "发展居家养老", "新建老年助餐点20个。\n完善助餐补贴政策。", 1),
        ("3", "推进医养结合", "签约率保持100%。", 4),
    ]
    assert [[d.name for d in t.departments] for t in doc.tasks] == [["区民政局"], ["区商务局"], ["区卫健委"]]
    assert [[d.year for d in t.deadlines] for t in doc.tasks] == [[2025], [2026], [None]]


def test_a_row_number_restarting_in_each_category_is_told_apart_by_the_category() -> None:
    # 序号 starts again at 1 under each 类别: the ids take the category's place, as tree ids are paths
    text = "某市居家社区养老服务改革试点工作方案\n" + tab_table(
        ("类别", "序号", "具体任务", "责任单位", "完成时限"),
        ("设施建设", "1", "完善社区养老服务设施配建。", "市自然资源和规划局", "2023年12月底前"),
        ("", "2", "建设街道综合养老服务中心。", "市民政局", "2023年12月底前"),
        ("综合监管", "1", "开展安全隐患排查整治。", "市应急局", "2024年12月底前"),
        ("", "2", "打击整治养老诈骗。", "市公安局", "2024年12月底前"),
    )
    doc = parse_text(text)
    assert [(t.id.split(".", 1)[1], t.section_path, t.title) for t in doc.tasks] == [
        ("1.1", ["设施建设"], "完善社区养老服务设施配建"),
        ("1.2", ["设施建设"], "建设街道综合养老服务中心"),
        ("2.1", ["综合监管"], "开展安全隐患排查整治"),
        ("2.2", ["综合监管"], "打击整治养老诈骗"),
    ]


def test_a_row_number_running_on_across_categories_keeps_its_ids() -> None:
    text = "某市居家社区养老服务改革试点工作方案\n" + tab_table(
        ("序号", "任务类别", "具体任务", "责任单位", "完成时限"), *map(tuple, CATEGORY_ROWS)
    )
    assert [t.id.split(".", 1)[1] for t in parse_text(text).tasks] == ["1", "2", "3", "4", "5"]
