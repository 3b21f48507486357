"""Task tables without a header row: the columns told from their cells, and only on strong evidence."""

from __future__ import annotations

import pytest

from agingpolicy import parse_bytes, parse_text
from agingpolicy.blocks import Table
from agingpolicy.extract.columns import task_columns

from .test_task_tables import tab_table


def _html(title: str, rows: list[tuple[str, ...]], width: int) -> bytes:
    """A page with a headerless table; a one-cell row spans the table (colspan), unit lists break at <br>."""
    body = "".join(
        f'<tr><td colspan="{width}"><b>{row[0]}</b></td></tr>'
        if len(row) == 1
        else "<tr>" + "".join(f"<td>{cell.replace(chr(10), '<br>')}</td>" for cell in row) + "</tr>"
        for row in rows
    )
    return f"<html><body><h1>{title}</h1><p>各责任单位要对照清单抓好落实。</p><table>{body}</table></body></html>".encode()


def _units(doc) -> list[list[tuple[str, str]]]:
    return [[(d.name, d.role) for d in t.departments] for t in doc.tasks]


YUELU_ROWS = [
    ("一、健全养老服务体系",),
    ("1", "推进街道综合养老服务中心建设", "新建街道综合养老服务中心3个，实现全覆盖。", "区民政局（牵头）\n各街道（镇）", "2023年12月底前"),
    ("2", "发展家庭养老床位", "建设家庭养老床位不少于200张。", "区民政局（牵头）\n区卫健局\n区医保局", "10月底前"),
    ("二、提升健康养老服务",),
    ("3", "做实家庭医生签约服务", "65岁及以上老年人家庭医生签约率达到75%以上。", "区卫健局", "年底前"),
    ("4", "推进医养结合", "新增医养结合机构2家。", "区卫健局（牵头）\n区民政局", "持续推进"),
]


def test_html_rows_straight_to_data_with_group_rows() -> None:
    doc = parse_bytes(_html("岳麓区2023年老龄工作重点任务清单", YUELU_ROWS, 5), "t.html")
    assert [(t.title, t.text) for t in doc.tasks] == [
        ("推进街道综合养老服务中心建设", "新建街道综合养老服务中心3个，实现全覆盖。"),
        ("发展家庭养老床位", "建设家庭养老床位不少于200张。"),
        ("做实家庭医生签约服务", "65岁及以上老年人家庭医生签约率达到75%以上。"),
        ("推进医养结合", "新增医养结合机构2家。"),
    ]
    assert _units(doc) == [
        [("区民政局", "lead"), ("各街道（镇）", "co")],
        [("区民政局", "lead"), ("区卫健局", "co"), ("区医保局", "co")],
        [("区卫健局", "responsible")],
        [("区卫健局", "lead"), ("区民政局", "co")],
    ]
    # the deadline column: 10月底前 / 年底前 are the title's year in an annual list
    assert [[(d.year, d.month, d.kind) for d in t.deadlines] for t in doc.tasks] == [
        [(2023, 12, "by")], [(2023, 10, "by")], [(2023, None, "by")], [(None, None, "ongoing")],
    ]
    assert [(x.value, x.unit, x.comparator) for x in doc.tasks[1].targets] == [(200, "张", ">=")]
    # group rows are the tasks' sections (the first one too, whether a reader keeps it as a row or a caption)
    assert [t.section_path for t in doc.tasks] == [["健全养老服务体系"]] * 2 + [["提升健康养老服务"]] * 2
    assert [t.id.split(".")[-2:] for t in doc.tasks] == [["一", "1"], ["一", "2"], ["二", "3"], ["二", "4"]]


def test_tab_separated_four_columns_without_a_number_column() -> None:
    doc = parse_text(
        "某县2024年养老服务重点工作清单\n"
        + tab_table(
            ("建设县级失能特困人员集中照护机构", "改造提升县社会福利中心，新增护理型床位120张。", "县民政局、县发展改革局", "2024年6月底前"),
            ("推进老年助餐服务", "新建农村老年助餐点20个。", "县民政局（牵头）、各乡镇人民政府", "2024年12月底前"),
            ("开展老年人能力评估", "完成老年人能力评估3000人次。", "县卫生健康局、县医保局", "长期坚持"),
        )
    )
    assert [t.title for t in doc.tasks] == ["建设县级失能特困人员集中照护机构", "推进老年助餐服务", "开展老年人能力评估"]
    assert _units(doc) == [
        [("县民政局", "responsible"), ("县发展改革局", "responsible")],
        [("县民政局", "lead"), ("各乡镇人民政府", "co")],
        [("县卫生健康局", "responsible"), ("县医保局", "responsible")],
    ]
    assert [[(d.year, d.month) for d in t.deadlines] for t in doc.tasks] == [[(2024, 6)], [(2024, 12)], [(None, None)]]
    assert [(x.value, x.unit) for x in doc.tasks[0].targets] == [(120, "张")]


def test_six_columns_with_a_remark_column_after_the_units() -> None:
    table = Table(
        (
            ("1", "完善养老服务设施", "新建社区养老服务站15个。", "市民政局", "2025年底前", "纳入年度考核"),
            ("2", "发展老年教育", "建成老年大学分校10所。", "市教育局（牵头）\n市委老干部局", "2025年底前", ""),
            ("3", "加强养老护理员培训", "每年培训养老护理员500人次。", "市人力资源社会保障局", "每年", "按季度报送进展"),
        )
    )
    cols = task_columns(table)
    assert cols is not None
    assert (cols.header_rows, cols.number, cols.task, cols.measure) == (0, (0,), (1,), (2,))
    assert (cols.units, cols.deadline) == (((3, "responsible"),), (4,))


def test_a_header_of_unknown_labels_is_not_a_task() -> None:
    table = Table(
        (
            ("项目", "内容", "单位", "时间"),
            ("推进家庭养老床位建设", "新增家庭养老床位300张。", "区民政局", "2024年底前"),
            ("发展老年助餐", "新增老年助餐点12个。", "区民政局、各街道办事处", "2024年底前"),
            ("推进医养结合", "签约率保持100%。", "区卫健局", "持续推进"),
        )
    )
    cols = task_columns(table)
    assert cols is not None and (cols.header_rows, cols.task, cols.measure) == (1, (0,), (1,))


# --- tables that are not task tables, though some of their cells name units


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param(  # an indicator table: a value column of bare figures
            (
                ("1", "每千名老年人拥有养老床位数", "张", "32.5", "≥36", "县民政局"),
                ("2", "养老机构护理型床位占比", "%", "45", "≥55", "县民政局"),
                ("3", "老年人健康管理率", "%", "68", "≥72", "县卫健局"),
            ),
            id="indicators",
        ),
        pytest.param(  # contacts: units, persons and phone numbers
            (
                ("1", "养老服务工作联络员", "区民政局", "张三", "0731-88881234"),
                ("2", "医养结合工作联络员", "区卫健局", "李四", "0731-88885678"),
                ("3", "老年教育工作联络员", "区教育局", "王五", "0731-88889012"),
            ),
            id="people-and-phones",
        ),
        pytest.param(  # contacts without phone numbers: units, persons and their posts
            (
                ("1", "养老服务体系建设", "区民政局", "张三", "副局长"),
                ("2", "医养结合工作推进", "区卫健局", "李四", "科长"),
                ("3", "老年教育工作推进", "区教育局", "王五", "联络员"),
            ),
            id="people-and-posts",
        ),
        pytest.param(  # units first, their duties after them: no task column left of the units
            (
                ("区民政局", "负责养老服务体系建设的统筹协调。", "2025年底前"),
                ("区卫健局", "负责推进医养结合工作。", "2025年底前"),
                ("区财政局", "负责落实养老服务资金保障。", "2025年底前"),
            ),
            id="units-then-duties",
        ),
        pytest.param(  # a 专栏 project table: projects and what they build, no unit column
            (
                ("老年助餐服务工程", "新建老年食堂和助餐点60个。", "2025年底前"),
                ("适老化改造工程", "完成困难老年人家庭适老化改造1000户。", "2025年底前"),
                ("家庭养老床位工程", "建设家庭养老床位500张。", "2025年底前"),
            ),
            id="projects-without-units",
        ),
        pytest.param(  # a layout table: a signature block in two rows
            (("区民政局", "区卫健局"), ("2023年3月15日", "2023年3月15日")),
            id="layout",
        ),
        pytest.param(  # two rows are too few to tell the columns
            (
                ("1", "推进医养结合", "新增医养结合机构2家。", "区卫健局", "年底前"),
                ("2", "发展老年教育", "新增老年教育学习点10个。", "区教育局", "年底前"),
            ),
            id="two-rows",
        ),
        pytest.param(  # a unit named in one row of four: no unit column
            (
                ("1", "推进医养结合", "新增医养结合机构2家。", "区卫健局", "年底前"),
                ("2", "发展老年教育", "新增老年教育学习点10个。", "", "年底前"),
                ("3", "完善养老服务设施", "新建社区养老服务站15个。", "", "年底前"),
                ("4", "推进老年助餐服务", "新增社区老年助餐点15个。", "", "年底前"),
            ),
            id="units-in-one-row",
        ),
        pytest.param(  # only a task column and a unit column: nothing corroborates them
            (
                ("推进医养结合工作", "区卫健局"),
                ("发展老年教育事业", "区教育局"),
                ("完善养老服务设施", "区民政局"),
            ),
            id="task-and-units-only",
        ),
    ],
)
def test_not_a_task_table(rows: tuple[tuple[str, ...], ...]) -> None:
    assert task_columns(Table(rows)) is None


def test_a_box_table_with_a_unit_column_stays_a_box() -> None:
    rows = (
        ("1", "老年助餐服务工程", "新建老年食堂和助餐点60个。", "县民政局", "2025年底前"),
        ("2", "适老化改造工程", "完成困难老年人家庭适老化改造1000户。", "县民政局、县残联", "2025年底前"),
        ("3", "家庭养老床位工程", "建设家庭养老床位500张。", "县民政局", "2025年底前"),
    )
    assert task_columns(Table(rows, caption="专栏1　居家社区养老重点工程")) is None
    assert task_columns(Table(rows)) is not None  # the same rows without the box's caption


def test_a_headerless_indicator_table_gives_no_tasks() -> None:
    doc = parse_text(
        "某县“十四五”养老服务体系建设规划\n第三章　主要任务\n一、完善养老服务设施\n建成一批养老服务设施。\n"
        + tab_table(
            ("养老服务", "每千名老年人拥有养老床位数", "张", "32.5", "≥36", "县民政局"),
            ("", "养老机构护理型床位占比", "%", "45", "≥55", "县民政局"),
            ("健康养老", "老年人健康管理率", "%", "68", "≥72", "县卫健局"),
        )
    )
    assert [t.title for t in doc.tasks] == ["完善养老服务设施"]


def test_a_first_group_row_taken_as_the_caption_is_still_the_first_group() -> None:
    from agingpolicy.extract.context import DocContext
    from agingpolicy.extract.tasks import extract_tasks

    rows = tuple(r for r in YUELU_ROWS[1:] if len(r) > 1)
    table = Table((*rows[:2], ("二、提升健康养老服务", "", "", "", ""), *rows[2:]), caption="一、健全养老服务体系")
    tasks, sections, _ = extract_tasks([], [table], DocContext(year=2023))
    assert [s.title for s in sections] == ["健全养老服务体系", "提升健康养老服务"]
    assert [t.section_path for t in tasks] == [["健全养老服务体系"]] * 2 + [["提升健康养老服务"]] * 2


@pytest.mark.parametrize("numbered", [True, False], ids=["number-column", "no-number-column"])
def test_four_columns_task_units_deadline(numbered: bool) -> None:
    rows = [
        ("健全州级养老服务指导中心并投入运营", "州民政局、州发展改革委", "2025年底前"),
        ("推进乡镇卫生院与敬老院签约合作", "州卫生健康局（牵头）、州民政局", "2024年6月底前"),
        ("开展老年人防诈骗宣传活动", "州公安局、州委宣传部", "长期坚持"),
    ]
    table = [(str(k), *row) if numbered else (*row, "每年报送进展情况") for k, row in enumerate(rows, 1)]
    doc = parse_text("某州养老服务工作任务分解\n" + tab_table(*table))
    assert [t.title for t in doc.tasks] == [r[0] for r in rows]
    assert [t.id.split(".")[-1] for t in doc.tasks] == ["1", "2", "3"]
    assert [(d.name, d.role) for d in doc.tasks[1].departments] == [("州卫生健康局", "lead"), ("州民政局", "co")]
    assert [[(d.year, d.month, d.kind) for d in t.deadlines] for t in doc.tasks] == [
        [(2025, None, "by")], [(2024, 6, "by")], [(None, None, "ongoing")],
    ]


# --- two columns, 任务 | 责任单位, no header row: long task cells and a unit list in every row

JIANGBEI_ROWS = (
    ("1.推进社区居家养老服务全覆盖。新建社区养老服务站8个，城市社区养老服务设施覆盖率达到100%。", "区民政局①、各街道办事处"),
    ("2.开展医养结合试点。推动辖区内2家二级医院开设老年病科，养老机构与医疗机构签约率达到100%。", "区卫生计生局①、区民政局"),
    ("3.落实高龄津贴制度。按时足额发放80周岁以上老年人高龄津贴，发放准确率达到100%。", "区民政局①、区财政局"),
    ("4.加强养老机构安全管理。年底前完成全区养老机构消防安全隐患排查整治。", "区民政局①、区应急管理局、区市场监管局（原区质监局）"),
)
LEAD_NOTE = "注：责任单位中标注①的为牵头单位，其余为配合单位。"
JIANGBEI_TITLES = ["推进社区居家养老服务全覆盖", "开展医养结合试点", "落实高龄津贴制度", "加强养老机构安全管理"]
JIANGBEI_UNITS = [
    [("区民政局", "lead"), ("各街道办事处", "co")],
    [("区卫生计生局", "lead"), ("区民政局", "co")],
    [("区民政局", "lead"), ("区财政局", "co")],
    [("区民政局", "lead"), ("区应急管理局", "co"), ("区市场监管局", "co")],
]


def test_two_columns_task_and_units_are_a_task_table() -> None:
    cols = task_columns(Table(JIANGBEI_ROWS))
    assert cols is not None
    assert (cols.header_rows, cols.task, cols.measure, cols.units) == (0, (0,), (), ((1, "responsible"),))


def test_two_columns_with_a_lead_mark_note() -> None:
    doc = parse_text(
        "江北区2019年养老服务重点工作任务分解方案\n表1　2019年养老服务重点工作任务及责任分工\n"
        + tab_table(*JIANGBEI_ROWS)
        + LEAD_NOTE
        + "\n"
    )
    assert [t.title for t in doc.tasks] == JIANGBEI_TITLES
    assert [t.id.split(".")[-1] for t in doc.tasks] == ["1", "2", "3", "4"]
    assert _units(doc) == JIANGBEI_UNITS
    assert [[(d.year, d.kind) for d in t.deadlines] for t in doc.tasks][3] == [(2019, "by")]


def test_a_footnote_mark_without_a_note_is_left_out_of_the_name() -> None:
    doc = parse_text("江北区2019年养老服务重点工作任务分解方案\n" + tab_table(*JIANGBEI_ROWS))
    assert _units(doc)[:2] == [
        [("区民政局", "responsible"), ("各街道办事处", "responsible")],
        [("区卫生计生局", "responsible"), ("区民政局", "responsible")],
    ]


def test_docx_two_column_table_under_a_caption_with_a_note_below(tmp_path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("江北区2019年养老服务重点工作任务分解方案")
    d.add_paragraph("现将2019年养老服务重点工作任务分解如下，请各单位认真抓好落实。")
    d.add_paragraph("表1　2019年养老服务重点工作任务及责任分工")
    table = d.add_table(rows=len(JIANGBEI_ROWS), cols=2)
    for r, row in enumerate(JIANGBEI_ROWS):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    d.add_paragraph(LEAD_NOTE)
    path = tmp_path / "e.docx"
    d.save(str(path))
    doc = parse_bytes(path.read_bytes(), "e.docx")
    assert [t.title for t in doc.tasks] == JIANGBEI_TITLES
    assert _units(doc) == JIANGBEI_UNITS


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param(  # units first, their duties after them (单位 | 职责)
            (
                ("区民政局", "负责养老服务体系建设的统筹协调，指导街道做好社区养老服务站建设和运营管理。"),
                ("区卫健局", "负责推进医养结合工作，指导医疗机构与养老机构签约合作，开展老年人健康管理。"),
                ("区财政局", "负责落实养老服务资金保障，加强资金使用监管，提高资金使用效益和绩效水平。"),
            ),
            id="units-then-duties",
        ),
        pytest.param(  # a contact list: a unit, a person and a phone number
            (
                ("区民政局养老服务科", "张三　0731-88881234"),
                ("区卫健局老龄健康科", "李四　0731-88885678"),
                ("区教育局终身教育科", "王五　0731-88889012"),
            ),
            id="contacts",
        ),
        pytest.param(  # a layout table: text in both columns
            (
                ("推进社区居家养老服务全覆盖，新建社区养老服务站8个。", "开展医养结合试点，推动二级医院开设老年病科。"),
                ("落实高龄津贴制度，按时足额发放高龄津贴。", "加强养老机构安全管理，完成消防安全隐患排查整治。"),
                ("发展老年教育，区老年大学新增教学班10个。", "加强养老护理人才培训，培训养老护理员200人次。"),
            ),
            id="layout",
        ),
        pytest.param(  # an indicator table: names and their values
            (
                ("每千名老年人拥有养老床位数（张）", "≥36"),
                ("养老机构护理型床位占比（%）", "≥55"),
                ("老年人健康管理率（%）", "≥72"),
            ),
            id="indicators",
        ),
        pytest.param(  # 项目 | 金额
            (
                ("社区养老服务站建设运营补贴资金", "120.5"),
                ("居家养老服务政府购买服务资金", "86"),
                ("高龄津贴及特困老年人供养资金", "300"),
            ),
            id="items-and-amounts",
        ),
        pytest.param(  # units in two rows of three: not (nearly) every row
            (
                ("推进社区居家养老服务全覆盖，新建社区养老服务站8个，实现城市社区全覆盖。", "区民政局"),
                ("开展医养结合试点，推动辖区内2家二级医院开设老年病科，提高签约率。", "区卫健局、区民政局"),
                ("落实高龄津贴制度，按时足额发放80周岁以上老年人高龄津贴，确保准确。", "按季度报送进展"),
            ),
            id="units-in-two-rows-of-three",
        ),
        pytest.param(JIANGBEI_ROWS[:2], id="two-rows"),
    ],
)
def test_two_columns_not_a_task_table(rows: tuple[tuple[str, ...], ...]) -> None:
    assert task_columns(Table(rows)) is None
