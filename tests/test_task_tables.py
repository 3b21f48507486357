"""Task-decomposition tables (任务分工台账): key tasks, their measures and their units by column."""

from __future__ import annotations

from agingpolicy import parse_text
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
