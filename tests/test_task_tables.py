"""Task-decomposition tables (任务分工台账): key tasks, their measures and their units by column."""

from __future__ import annotations

import pytest

from agingpolicy import parse_bytes, parse_text
from agingpolicy.blocks import Table
from agingpolicy.extract.columns import task_columns


def tab_table(*rows: tuple[str, ...]) -> str:
    return "".join("".join(f"\t{c}\n" for c in row) + "\n" for row in rows)


def test_merged_header_over_chapter_task_and_measure_columns() -> None:
    text = "某区具体措施工作分解台账\n" + tab_table(
        ("重点任务", "牵头单位", "责任单位"),
        ("一、健全社会保障体系", "（一）实施养老保险制度。\n巩固企业年金。", "健全城镇职工基本养老保险制度。", "区人社局、区财政局", "——"),
        ("", "", "积极发挥商业保险优势。", "区人社局、区财政局", "——"),
        ("", "（二）完善医疗保障制度。", "到2025年底，全区参保人数达到35万人。", "区医保局", "各镇街、园区"),
        ("二、扩大养老服务供给", "（三）提高家庭照护能力。", "支持社区养老服务机构延伸服务。", "团区委\n区老龄委", "相关单位按职责分工负责"),
    )
    doc = parse_text(text)
    assert [t.title for t in doc.tasks] == ["实施养老保险制度", "完善医疗保障制度", "提高家庭照护能力"]
    first, second, third = doc.tasks
    # the rest of the task cell after its heading sentence, then the measure cells of all its rows
    assert first.text == "巩固企业年金。\n健全城镇职工基本养老保险制度。\n积极发挥商业保险优势。"
    assert [(d.name, d.role) for d in first.departments] == [("区人社局", "lead"), ("区财政局", "lead")]
    assert [(d.name, d.role) for d in second.departments] == [
        ("区医保局", "lead"), ("各镇街", "co"), ("园区", "co"),
    ]
    assert [d.year for d in second.deadlines] == [2025]
    assert [(t.value, t.unit) for t in second.targets] == [(35, "万人")]
    assert [(d.name, d.role) for d in third.departments] == [("团区委", "lead"), ("区老龄委", "lead")]
    assert third.section_path == ["扩大养老服务供给"]
    assert second.span.row == 3


def test_numbered_by_a_column_with_deadline_column() -> None:
    text = "某县任务分工台账\n" + tab_table(
        ("序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"),
        ("1", "加强居家养老服务", "建成社区居家养老服务站30个。", "县民政局", "县财政局、各乡镇人民政府", "2023年12月底前"),
        ("2", "推进医养结合", "签约率达到100%。", "县卫健局", "县民政局", "长期坚持"),
    )
    doc = parse_text(text)
    assert [(t.id.split(".")[-1], t.title) for t in doc.tasks] == [("1", "加强居家养老服务"), ("2", "推进医养结合")]
    assert [(d.name, d.role, d.canonical) for d in doc.tasks[0].departments] == [
        ("县民政局", "lead", "民政局"), ("县财政局", "co", "财政局"), ("各乡镇人民政府", "co", "人民政府"),
    ]
    assert [(d.year, d.month, d.kind) for d in doc.tasks[0].deadlines] == [(2023, 12, "by")]
    assert [d.kind for d in doc.tasks[1].deadlines] == ["ongoing"]


def test_responsible_column_alone_is_responsible() -> None:
    table = Table((("主要任务", "责任单位"), ("（一）建设服务中心", "市民政局")))
    cols = task_columns(table)
    assert cols is not None and cols.units == ((1, "responsible"),)


def test_not_a_task_table() -> None:
    assert task_columns(Table((("指标", "目标值"), ("覆盖率", "100%")))) is None


def test_header_merged_by_colspan_shares_its_kind() -> None:
    # .docx gridSpan / HTML colspan: the merged header text once, then empty cells
    table = Table(
        (
            ("重点任务", "", "", "牵头单位", "责任单位"),
            ("一、健全社会保障体系", "（一）实施养老保险制度。", "健全基本养老保险制度。", "区人社局", "——"),
            ("", "（二）完善医疗保障制度。", "到2025年底参保人数达到35万人。", "区医保局", "各镇街"),
        )
    )
    cols = task_columns(table)
    assert cols is not None
    assert (cols.task, cols.measure, cols.units) == ((0, 1), (2,), ((3, "lead"), (4, "co")))


def test_task_cell_without_measure_column() -> None:
    text = "某市养老服务体系建设重点任务分工\n" + tab_table(
        ("序号", "工作任务", "责任单位", "完成时限"),
        ("1", "新建社区养老服务中心20个", "市民政局、各县（市、区）政府", "2024年底前"),
        ("2", "开展老年人能力综合评估", "市民政局（牵头）、市卫生健康委", "2024年6月"),
    )
    doc = parse_text(text)
    assert doc.doc_type == "任务分工"
    first, second = doc.tasks
    assert [(t.value, t.unit, t.comparator) for t in first.targets] == [(20, "个", "=")]
    assert [d.year for d in first.deadlines] == [2024]
    assert [(d.name, d.role) for d in second.departments] == [("市民政局", "lead"), ("市卫生健康委", "co")]


def test_two_level_header_over_unit_columns() -> None:
    table = Table(
        (
            ("序号", "重点任务", "责任分工", "", "完成时限"),
            ("", "", "牵头单位", "配合单位", ""),
            ("1", "推进家庭养老床位建设", "区民政局", "区卫生健康局、各镇（街道）", "2025年底前"),
        )
    )
    cols = task_columns(table)
    assert cols is not None
    assert (cols.header_rows, cols.units, cols.deadline) == (2, ((2, "lead"), (3, "co")), (4,))


def test_a_column_of_leaders_names_persons_not_units() -> None:
    doc = parse_text(
        "某县任务分工台账\n\t序号\n\t重点任务\n\t责任领导\n\t责任单位\n\t完成时限\n\n"
        "\t1\n\t建设县级养老服务指导中心\n\t李四副县长\n\t县民政局（牵头）、县财政局、县卫健局\n\t2024年底\n\n"
        "\t2\n\t推进家庭养老床位建设，新增床位300张\n\t王五副县长\n\t牵头：县民政局；配合：县医保局\n\t2025年6月\n\n"
    )
    assert [[(d.name, d.role) for d in t.departments] for t in doc.tasks] == [
        [("县民政局", "lead"), ("县财政局", "co"), ("县卫健局", "co")],
        [("县民政局", "lead"), ("县医保局", "co")],
    ]
    assert [[(d.year, d.month) for d in t.deadlines] for t in doc.tasks] == [[(2024, None)], [(2025, 6)]]


# --- which text column holds the tasks: task words, measure words, or only one text column


def test_content_column_beside_a_task_column_is_the_measure() -> None:
    # 工作内容 beside 重点任务 is the measure column, as 具体措施 / 推进措施 would be
    for measure in ("工作内容", "推进措施", "任务内容"):
        text = "某镇2024年为老服务清单\n" + tab_table(
            ("序号", "重点工作", measure, "牵头部门", "协同单位", "时间节点"),
            ("1", "老年助餐点建设", "建成老年助餐点12个。", "镇民政办", "镇卫生院", "2024年9月底前"),
            ("2", "适老化改造", "完成困难老年人家庭改造80户以上。", "镇建设办", "各村（社区）", "2024年11月底前"),
        )
        doc = parse_text(text)
        assert [t.title for t in doc.tasks] == ["老年助餐点建设", "适老化改造"], measure
        first, second = doc.tasks
        assert first.text == "建成老年助餐点12个。"
        assert [(d.name, d.role) for d in first.departments] == [("镇民政办", "lead"), ("镇卫生院", "co")]
        assert [(t.value, t.unit, t.comparator) for t in second.targets] == [(80, "户", ">=")]
        assert [d.year for d in second.deadlines] == [2024]
        assert not [w for w in doc.warnings if w.code == "table.unread"]


def test_a_single_text_column_holds_one_task_a_row() -> None:
    # 序号 | 工作内容 | 责任单位 | 完成时限: the only text column is the task; its first sentence is the title
    for header in ("工作内容", "主要内容", "具体措施"):
        doc = parse_text(
            "某区养老服务年度工作安排\n"
            + tab_table(
                ("序号", header, "责任单位", "完成时限"),
                ("1", "建设区级养老服务指导中心。年内完成主体工程。", "区民政局", "2024年底前"),
                ("2", "新增家庭养老床位150张。", "区民政局、区卫健局", "2025年6月底前"),
            )
        )
        assert [(t.id.split(".")[-1], t.title) for t in doc.tasks] == [
            ("1", "建设区级养老服务指导中心"), ("2", "新增家庭养老床位150张"),
        ], header
        assert doc.tasks[0].text == "年内完成主体工程。"
        assert [(d.name, d.role) for d in doc.tasks[1].departments] == [
            ("区民政局", "responsible"), ("区卫健局", "responsible"),
        ]


def test_unnumbered_task_column_without_number_column_starts_a_task_each_row() -> None:
    # 任务 | 措施 | 责任单位, no 序号 and no item numbers; the task cell merged down over two rows (left blank)
    doc = parse_text(
        "某县任务分工\n"
        + tab_table(
            ("任务", "措施", "责任单位"),
            ("发展居家养老", "建成居家养老服务站30个。", "县民政局"),
            ("", "开展照护技能培训2000人次。", "县人社局"),
            ("推进医养结合", "家庭医生签约率达到80%以上。", "县卫健局"),
        )
    )
    assert [t.title for t in doc.tasks] == ["发展居家养老", "推进医养结合"]
    first, second = doc.tasks
    assert first.text == "建成居家养老服务站30个。\n开展照护技能培训2000人次。"
    assert [d.name for d in first.departments] == ["县民政局", "县人社局"]
    assert [(t.value, t.comparator) for t in second.targets] == [(80, ">=")]


def test_numbered_task_cells_still_continue_with_unnumbered_cells() -> None:
    table = Table(
        (
            ("工作任务", "工作内容", "牵头单位"),
            ("（一）发展居家养老", "建成站点30个。", "县民政局"),
            ("（二）推进医养结合", "签约率达到80%。", "县卫健局"),
        )
    )
    cols = task_columns(table)
    assert cols is not None
    assert (cols.task, cols.measure, cols.numbered_by_column) == ((0,), (1,), False)


def test_merged_header_over_unnumbered_name_and_measure_columns() -> None:
    # 重点任务 spread over two columns, neither numbered: the first holds the names, the second the measures
    table = Table(
        (
            ("重点任务", "", "牵头单位"),
            ("发展居家养老", "建成站点30个。", "县民政局"),
            ("推进医养结合", "签约率达到80%。", "县卫健局"),
        )
    )
    cols = task_columns(table)
    assert cols is not None and (cols.task, cols.measure) == ((0,), (1,))


def test_note_row_under_the_table_is_not_a_task() -> None:
    doc = parse_text(
        "某县任务分工\n"
        + tab_table(
            ("工作内容", "牵头单位", "配合单位"),
            ("建设县级养老服务指导中心", "县民政局", "县财政局"),
            ("推进家庭养老床位建设", "县民政局", "县医保局"),
            ("注：各乡镇（街道）负责辖区内具体实施。",),
        )
    )
    assert [t.title for t in doc.tasks] == ["建设县级养老服务指导中心", "推进家庭养老床位建设"]
    assert [d.name for d in doc.tasks[1].departments] == ["县民政局", "县医保局"]


def test_table_with_unit_columns_but_no_task_column_warns() -> None:
    doc = parse_text(
        "某县养老设施清单\n"
        + tab_table(("序号", "设施名称", "建设规模", "牵头单位"), ("1", "县养老服务中心", "床位200张", "县民政局"))
    )
    assert doc.tasks == []
    [warning] = [w for w in doc.warnings if w.code == "table.unread"]
    assert "设施名称" in warning.message and warning.block is not None


def test_a_project_list_is_a_task_table() -> None:
    doc = parse_text(
        "青羊区2024年养老服务民生实事项目清单\n"
        + tab_table(
            ("序号", "项目名称", "建设内容及目标", "责任单位", "完成时间"),
            ("1", "新建街道综合养老服务中心", "新建街道综合养老服务中心3个", "区民政局", "12月底"),
            ("2", "推进老旧小区加装电梯", "完成加装电梯100部", "区住建局", "年内"),
        )
    )
    assert [(t.title, [d.name for d in t.departments], [x.text for x in t.targets]) for t in doc.tasks] == [
        ("新建街道综合养老服务中心", ["区民政局"], ["3个"]),
        ("推进老旧小区加装电梯", ["区住建局"], ["100部"]),
    ]
    assert doc.indicators == []


def test_indicator_table_with_a_unit_column_does_not_warn() -> None:
    doc = parse_text(
        "某县规划\n"
        + tab_table(("序号", "指标名称", "2025年目标值", "责任单位"), ("1", "护理型床位占比（%）", "55", "县民政局"))
    )
    assert [i.name for i in doc.indicators] == ["护理型床位占比"]
    assert not [w for w in doc.warnings if w.code == "table.unread"]


def test_group_rows_over_a_single_task_column_are_not_tasks() -> None:
    # 一、… alone in its row above unnumbered task names, or above （一）-numbered ones
    unnumbered = parse_text(
        "某县任务分工\n"
        + tab_table(
            ("任务", "措施", "责任单位"),
            ("一、居家养老",),
            ("发展居家养老", "建成站点30个。", "县民政局"),
            ("推进老年助餐", "建成助餐点10个。", "县民政局"),
            ("二、医养结合",),
            ("推进医养结合", "签约率达到80%以上。", "县卫健局"),
        )
    )
    assert [t.title for t in unnumbered.tasks] == ["发展居家养老", "推进老年助餐", "推进医养结合"]
    assert [t.text for t in unnumbered.tasks] == ["建成站点30个。", "建成助餐点10个。", "签约率达到80%以上。"]
    # the group rows are the sections of the tasks below them
    assert [t.section_path for t in unnumbered.tasks] == [["居家养老"], ["居家养老"], ["医养结合"]]
    numbered = parse_text(
        "某县任务分工\n"
        + tab_table(
            ("工作任务", "牵头单位", "配合单位"),
            ("一、居家养老",),
            ("（一）发展居家养老", "县民政局", "县财政局"),
            ("（二）推进老年助餐", "县民政局", "各镇"),
        )
    )
    assert [t.title for t in numbered.tasks] == ["发展居家养老", "推进老年助餐"]
    assert [t.section_path for t in numbered.tasks] == [["居家养老"], ["居家养老"]]


def test_a_task_alone_in_its_row_is_still_a_task() -> None:
    # the key tasks are 一、二、三、; the second has its unit cell merged from the row above
    doc = parse_text(
        "某县任务分工\n"
        + tab_table(("重点任务", "牵头单位"), ("一、发展居家养老", "县民政局"), ("二、推进助餐",), ("三、推进医养结合", "县卫健局"))
    )
    assert [t.title for t in doc.tasks] == ["发展居家养老", "推进助餐", "推进医养结合"]


# --- a two-row header: a group label (责任单位) merged over 牵头单位 | 配合单位, the other header cells merged down


def _docx_two_row(upper: list[str], lower: list[str], data: list[list[str]], span: tuple[int, int]) -> bytes:
    """A Word table whose first header row merges span[0]..span[1] across and every other header cell down."""
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("某市养老服务体系建设实施方案")
    document.add_paragraph("二、重点任务分工")
    table = document.add_table(rows=2 + len(data), cols=len(upper))
    for c in range(len(upper)):
        if not span[0] <= c <= span[1]:
            table.cell(0, c).merge(table.cell(1, c))
    table.cell(0, span[0]).merge(table.cell(0, span[1]))
    for r, row in enumerate([upper, lower, *data]):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).paragraphs[0].text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


TWO_ROW_DATA = [
    ["1", "构建养老服务圈", "每个街道建成1个综合养老服务中心。", "市民政局", "市卫生健康委、各区人民政府", "2027年底前"],
    ["2", "发展老年助餐", "建成老年助餐点200个。", "市民政局", "市市场监管局", "2026年底前"],
]
TWO_ROW_ROLES = [
    [("市民政局", "lead"), ("市卫生健康委", "co"), ("各区人民政府", "co")],
    [("市民政局", "lead"), ("市市场监管局", "co")],
]


@pytest.mark.parametrize(
    ("group", "lead", "co"),
    [("责任单位", "牵头单位", "配合单位"), ("责任部门", "牵头部门", "协同单位"), ("责任分工", "主责单位", "参与单位")],
)
def test_word_two_row_header_splits_the_unit_group_into_lead_and_co(group: str, lead: str, co: str) -> None:
    upper = ["序号", "重点任务", "具体措施", group, "", "完成时限"]
    lower = ["", "", "", lead, co, ""]
    doc = parse_bytes(_docx_two_row(upper, lower, TWO_ROW_DATA, (3, 4)), "t.docx")
    assert [t.title for t in doc.tasks] == ["构建养老服务圈", "发展老年助餐"]
    assert [[(d.name, d.role) for d in t.departments] for t in doc.tasks] == TWO_ROW_ROLES
    assert [[d.year for d in t.deadlines] for t in doc.tasks] == [[2027], [2026]]


def test_html_two_row_header_with_colspan_and_rowspan() -> None:
    body = "".join(f"<tr>{''.join(f'<td>{c}</td>' for c in row)}</tr>" for row in TWO_ROW_DATA)
    html = (
        "<html><body><p>某市养老服务体系建设实施方案</p><p>二、重点任务分工</p><table>"
        '<tr><td rowspan="2">序号</td><td rowspan="2">重点任务</td><td rowspan="2">具体措施</td>'
        '<td colspan="2">责任单位</td><td rowspan="2">完成时限</td></tr>'
        f"<tr><td>牵头单位</td><td>配合单位</td></tr>{body}</table></body></html>"
    )
    doc = parse_bytes(html.encode(), "t.html")
    assert [[(d.name, d.role) for d in t.departments] for t in doc.tasks] == TWO_ROW_ROLES


def test_tab_text_two_row_header() -> None:
    # the 002 form: a cell per line; the merged cells are empty lines, or left out of the lower row altogether
    for lower in (("", "", "", "牵头单位", "配合单位", ""), ("牵头单位", "配合单位")):
        doc = parse_text(
            "某市实施方案\n二、重点任务分工\n"
            + tab_table(("序号", "重点任务", "具体措施", "责任单位", "", "完成时限"), lower, *map(tuple, TWO_ROW_DATA))
        )
        assert [[(d.name, d.role) for d in t.departments] for t in doc.tasks] == TWO_ROW_ROLES, lower


def test_a_short_first_data_row_is_not_a_sub_header() -> None:
    # 重点任务 merged over two columns; the first row's cells are short, but one stands outside the merged columns
    table = Table(
        (
            ("重点任务", "", "牵头单位", "配合单位"),
            ("一、居家养老", "（一）建站点", "县民政局", "县财政局"),
            ("", "（二）助餐", "县民政局", "各镇"),
        )
    )
    cols = task_columns(table)
    assert cols is not None
    assert (cols.header_rows, cols.units) == (1, ((2, "lead"), (3, "co")))


def test_a_task_cell_is_titled_whole_without_a_verb_cut() -> None:
    doc = parse_text(
        "附件\n\t序号\n\t工作任务\n\t负责单位\n\n\t1\n\t加大财政支持力度，中央财政通过中央专项彩票公益金支持基本养老服务\n"
        "\t财政部、民政部按职责分工负责\n\n"
    )
    assert [t.title for t in doc.tasks] == ["加大财政支持力度，中央财政通过中央专项彩票公益金支持基本养老服务"]


def test_a_tab_separated_table_with_a_second_header_row() -> None:
    doc = parse_text(
        "某市实施方案\n"
        "序号\t重点任务\t具体措施\t责任单位\t\t完成时限\n"
        "\t\t\t牵头单位\t配合单位\t\n"
        "1\t提升护理型床位比例\t养老机构护理型床位占比达到70%以上\t市民政局\t市卫生健康委\t2030年底前\n"
    )
    assert [[(d.name, d.role) for d in t.departments] for t in doc.tasks] == [[("市民政局", "lead"), ("市卫生健康委", "co")]]


# --- a table grouped by year: 年度 (merged down) | 目标任务 | 责任单位 | 考核指标

YEAR_ROWS = [
    ["2024年", "新建乡镇养老服务中心3所", "县民政局", "建成3所并投入运营"],
    ["", "实施居家适老化改造", "县民政局、县残联", "完成改造不少于150户"],
    ["2025年度", "提升健康管理水平", "县卫健委", "健康管理率不低于72%"],
]
YEAR_EXPECTED = [
    ("新建乡镇养老服务中心3所", [2024], [(3, "所"), (3, "所")], "建成3所并投入运营"),
    ("实施居家适老化改造", [2024], [(150, "户")], "完成改造不少于150户"),
    ("提升健康管理水平", [2025], [(72, "%")], "健康管理率不低于72%"),
]


def _by_year(doc) -> list[tuple]:
    return [(t.title, [d.year for d in t.deadlines], [(x.value, x.unit) for x in t.targets], t.text) for t in doc.tasks]


@pytest.mark.parametrize(("year", "kpi"), [("年度", "考核指标"), ("年份", "工作目标"), ("年度", "绩效指标")])
def test_text_year_column_and_kpi_column(year: str, kpi: str) -> None:
    text = "某县目标任务分解表\n" + tab_table((year, "目标任务", "责任单位", kpi), *map(tuple, YEAR_ROWS))
    assert _by_year(parse_text(text)) == YEAR_EXPECTED


def test_html_year_column_merged_down() -> None:
    first, second, third = YEAR_ROWS
    html = (
        "<html><body><p>某县目标任务分解表</p><table><tr><th>年度</th><th>目标任务</th><th>责任单位</th><th>考核指标</th></tr>"
        f"<tr><td rowspan=\"2\">{first[0]}</td>{''.join(f'<td>{c}</td>' for c in first[1:])}</tr>"
        f"<tr>{''.join(f'<td>{c}</td>' for c in second[1:])}</tr>"
        f"<tr>{''.join(f'<td>{c}</td>' for c in third)}</tr></table></body></html>"
    )
    assert _by_year(parse_bytes(html.encode(), "t.html")) == YEAR_EXPECTED


def test_word_year_column_merged_down() -> None:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("某县目标任务分解表")
    table = document.add_table(rows=1 + len(YEAR_ROWS), cols=4)
    table.cell(1, 0).merge(table.cell(2, 0))
    for r, row in enumerate([["年度", "目标任务", "责任单位", "预期目标"], *YEAR_ROWS]):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).paragraphs[0].text = text
    buffer = io.BytesIO()
    document.save(buffer)
    assert _by_year(parse_bytes(buffer.getvalue(), "t.docx")) == YEAR_EXPECTED


def test_a_kpi_column_alone_makes_no_task_table() -> None:
    table = Table((("指标", "考核指标", "责任单位"), ("养老床位", "不少于500张", "县民政局")))
    assert task_columns(table) is None


def test_a_box_written_as_a_table_gives_its_projects_as_tasks() -> None:
    doc = parse_text(
        "某县“十四五”养老服务体系建设规划\n第三章　主要任务\n一、健全居家社区养老服务网络\n"
        "（一）完善社区养老服务设施。到2025年覆盖率达到100%。\n"
        + tab_table(
            ("专栏1　居家社区养老重点工程",),
            ("项目", "建设内容"),
            ("老年助餐服务工程", "新建老年食堂和助餐点60个。"),
            ("适老化改造工程", "完成困难老年人家庭适老化改造1000户。（责任单位：县民政局）"),
        )
        + "（二）发展居家上门服务。建设家庭养老床位500张。\n"
    )
    assert [(t.title, [x.text for x in t.targets], [d.name for d in t.departments]) for t in doc.tasks] == [
        ("完善社区养老服务设施", ["达到100%"], []),
        ("老年助餐服务工程", ["60个"], []),
        ("适老化改造工程", ["1000户"], ["县民政局"]),
        ("发展居家上门服务", ["500张"], []),
    ]
    assert doc.tasks[1].section_path == ["主要任务", "健全居家社区养老服务网络", "专栏1　居家社区养老重点工程"]
    assert doc.tasks[1].id == "第三章.一.专栏1.1"  # as the items of a box written as lines


def test_a_box_table_under_a_background_chapter_gives_no_tasks() -> None:
    doc = parse_text(
        "某县规划\n第一章　发展基础\n一、主要成就\n“十三五”期间成效明显。\n"
        + tab_table(("专栏1　“十三五”主要成就",), ("项目", "完成情况"), ("养老机构", "建成20家")) + "第二章　主要任务\n"
    )
    assert doc.tasks == []


# --- 责任单位列第一位者为牵头单位: the first unit of a responsible cell leads, the rest cooperate

FIRST_NOTE = "注：责任单位列第一位者为牵头单位，其余为配合单位。"
FIRST_ROWS = (
    ("序号", "工作任务", "责任单位", "完成时间"),
    ("1", "建立基本养老服务清单制度，2023年12月底前出台清单。", "州民政局\n州财政局\n各县（市）人民政府", "2023年12月底前"),
    ("2", "做实老年人健康管理，65岁及以上老年人健康管理率达到70%以上。", "州卫生健康局", "2025年底前"),
    ("3", "推进公共交通适老化改造。", "州财政局、州民政局（牵头）", "2024年底前"),
)
FIRST_EXPECTED = [
    [("州民政局", "lead"), ("州财政局", "co"), ("各县（市）人民政府", "co")],
    [("州卫生健康局", "lead")],
    [("州财政局", "co"), ("州民政局", "lead")],  # a cell that marks its own lead keeps it
]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(f"黔东南州推进老年友好型社会建设实施方案\n附件\n{FIRST_NOTE}\n" + tab_table(*FIRST_ROWS), id="above"),
        pytest.param("黔东南州推进老年友好型社会建设实施方案\n附件\n" + tab_table(*FIRST_ROWS) + FIRST_NOTE, id="below"),
        pytest.param("黔东南州推进老年友好型社会建设实施方案\n" + tab_table(*FIRST_ROWS, (FIRST_NOTE,)), id="note-row"),
    ],
)
def test_the_first_listed_unit_leads_where_the_document_says_so(text: str) -> None:
    assert [[(d.name, d.role) for d in t.departments] for t in parse_text(text).tasks] == FIRST_EXPECTED


def test_html_note_above_a_table_with_units_broken_by_br() -> None:
    rows = "".join(
        "<tr>" + "".join(f"<td>{c.replace(chr(10), '<br>')}</td>" for c in row) + "</tr>" for row in FIRST_ROWS
    )
    html = f"<html><body><h1>某州实施方案</h1><p>附件</p><p>{FIRST_NOTE}</p><table>{rows}</table></body></html>"
    doc = parse_bytes(html.encode(), "t.html")
    assert [[(d.name, d.role) for d in t.departments] for t in doc.tasks] == FIRST_EXPECTED


def test_without_the_note_listed_units_are_all_responsible() -> None:
    doc = parse_text("某州实施方案\n" + tab_table(*FIRST_ROWS[:2]))
    assert [(d.name, d.role) for d in doc.tasks[0].departments] == [
        ("州民政局", "responsible"), ("州财政局", "responsible"), ("各县（市）人民政府", "responsible"),
    ]


def test_the_note_leaves_explicit_lead_and_co_columns_alone() -> None:
    doc = parse_text(
        f"某县实施方案\n{FIRST_NOTE.replace('责任单位', '配合单位')}\n"
        + tab_table(
            ("序号", "重点任务", "牵头单位", "配合单位"),
            ("1", "推进医养结合", "县卫健局、县民政局", "县医保局、县财政局"),
        )
    )
    assert [(d.name, d.role) for d in doc.tasks[0].departments] == [
        ("县卫健局", "lead"), ("县民政局", "lead"), ("县医保局", "co"), ("县财政局", "co"),
    ]


POINTER_DOC = (
    "某县老年友好型社会建设实施方案\n"
    "一、工作目标\n"
    "到2026年，创建示范性老年友好型社区3个以上。\n"
    "二、重点任务\n"
    "围绕养老服务、老年健康、宜居环境三个方面，实施3项重点任务，具体任务分工见附件{ref}。\n"
    "三、保障措施\n"
    "（一）加强组织领导。县老龄委要定期研究解决重大问题。\n"
    "附件{ref}\n"
    "重点任务分工表\n"
    "序号\t工作任务\t责任单位\t完成时间\n"
    "1\t建立基本养老服务清单制度\t县民政局\t2024年12月底前\n"
    "2\t开展老年人健康管理服务\t县卫健局\t长期坚持\n"
    "3\t推进老旧小区适老化改造\t县住建局\t2026年底前\n"
)


@pytest.mark.parametrize("ref", ["", "1"])
def test_a_chapter_that_points_to_its_task_table_is_no_task(ref: str) -> None:
    doc = parse_text(POINTER_DOC.format(ref=ref))
    assert [t.title for t in doc.tasks] == [
        "加强组织领导",
        "建立基本养老服务清单制度",
        "开展老年人健康管理服务",
        "推进老旧小区适老化改造",
    ]


def test_a_chapter_pointing_to_an_attachment_without_a_task_table_stays_a_task() -> None:
    text = POINTER_DOC.format(ref="").split("附件\n")[0]
    assert "重点任务" in [t.title for t in parse_text(text).tasks]
