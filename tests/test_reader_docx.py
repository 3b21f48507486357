"""The .docx reader: every document is built here with python-docx, no binary fixtures."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from functools import cache, partial

import docx
import openpyxl
import pytest
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph as DocxParagraph
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from agingpolicy import parse_bytes
from agingpolicy.blocks import Paragraph, ReadError, Table
from agingpolicy.readers import docx as docx_reader
from agingpolicy.readers import read_bytes
from agingpolicy.readers.docx import NUMBER_FORMATS, read_docx

# --- building documents ------------------------------------------------------------------------------


def _bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# A three-level Chinese outline list: "一、", "（一）", "1.".
OUTLINE_LIST = f"""
<w:abstractNum {nsdecls("w")} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
"""


def _add_outline_list(document: Document) -> None:
    """numId 90 uses the outline list; numId 91 is the same list started again at 五."""
    numbering = document.part.numbering_part.element
    first_num = numbering.find(f"{{{numbering.nsmap['w']}}}num")
    abstract = parse_xml(OUTLINE_LIST)
    if first_num is None:
        numbering.append(abstract)
    else:
        first_num.addprevious(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
        )
    )


def _set_numbering(paragraph: DocxParagraph, ilvl: int | None, num_id: int = 90) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    if ilvl is not None:
        num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def _numbered(document: Document, items: list[tuple[int, str]], num_id: int = 90) -> None:
    for ilvl, text in items:
        _set_numbering(document.add_paragraph(text), ilvl, num_id)


@cache
def _sample() -> bytes:
    """A small document used by the package-level tests."""
    document = docx.Document()
    document.add_paragraph("一般段落")
    document.add_table(rows=2, cols=2).cell(0, 0).text = "单元格"
    return _bytes(document)


def _rezip(data: bytes, replace: dict[str, bytes | None]) -> bytes:
    """A copy of the zip ``data`` with members replaced (None: removed) or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            if name not in replace:
                target.writestr(name, source.read(name))
        for name, content in replace.items():
            if content is not None:
                target.writestr(name, content)
    return out.getvalue()


# --- body order and tables ---------------------------------------------------------------------------


def test_paragraphs_and_merged_table_in_body_order() -> None:
    document = docx.Document()
    document.add_paragraph("  表前段落  ")
    table = document.add_table(rows=3, cols=3)
    for column, text in enumerate(("类别", "指标", "目标值")):
        table.cell(0, column).text = text
    table.cell(1, 0).merge(table.cell(2, 0)).text = "养老服务"  # vertical merge
    table.cell(1, 1).merge(table.cell(1, 2)).text = "全覆盖"  # horizontal merge
    table.cell(2, 1).text = "每千名老人床位（张）"
    table.cell(2, 2).text = "45"
    document.add_paragraph("")  # empty: dropped
    document.add_paragraph("表后段落")

    blocks = read_docx(_bytes(document))

    assert blocks == [
        Paragraph("表前段落"),
        Table(
            (
                ("类别", "指标", "目标值"),
                ("养老服务", "全覆盖", ""),
                ("", "每千名老人床位（张）", "45"),
            )
        ),
        Paragraph("表后段落"),
    ]


def _task_table(document: Document, rows: list[list[str]], merges: list[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for a, b in merges:
        table.cell(*a).merge(table.cell(*b))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).paragraphs[0].text = text


def test_word_task_table_with_content_column_and_merged_cells() -> None:
    """序号 | 重点任务 | 工作内容 | 牵头单位 | 配合单位 | 完成时限, 序号 / task / lead merged down, a merged note row."""
    document = docx.Document()
    document.add_paragraph("某县老年友好型社会建设行动方案")
    document.add_paragraph("一、年度重点任务")
    _task_table(
        document,
        [
            ["序号", "重点任务", "工作内容", "牵头单位", "配合单位", "完成时限"],
            ["1", "老年友好型社区创建", "创建老年友好型社区3个。", "县卫健局", "县民政局", "2024年11月底前"],
            ["", "", "开展社区适老化环境评估。", "", "各乡镇（街道）", "2024年6月底前"],
            ["2", "智慧养老服务", "建成县级智慧养老服务平台1个。", "县民政局", "县大数据局", "2024年12月底前"],
            ["备注：各乡镇（街道）负责本辖区具体实施。", "", "", "", "", ""],
        ],
        [((1, 0), (2, 0)), ((1, 1), (2, 1)), ((1, 3), (2, 3)), ((4, 0), (4, 5))],
    )
    document.add_paragraph("二、保障措施")
    document.add_paragraph("（一）加强组织领导。县民政局要加强统筹协调。")

    doc = parse_bytes(_bytes(document), "t.docx")

    assert [t.title for t in doc.tasks] == ["老年友好型社区创建", "智慧养老服务", "加强组织领导"]
    first, second, _ = doc.tasks
    assert first.text == "创建老年友好型社区3个。\n开展社区适老化环境评估。"
    assert [(d.name, d.role) for d in first.departments] == [
        ("县卫健局", "lead"), ("县民政局", "co"), ("各乡镇（街道）", "co"),
    ]
    assert [(d.year, d.month) for d in first.deadlines] == [(2024, 11), (2024, 6)]
    assert [(t.value, t.unit) for t in second.targets] == [(1, "个")]


def test_word_table_with_a_single_content_column() -> None:
    document = docx.Document()
    document.add_paragraph("某县养老服务工作要点")
    _task_table(
        document,
        [
            ["序号", "工作内容", "责任单位", "完成时限"],
            ["1", "推进家庭养老床位建设。新增床位100张。", "县民政局", "2024年底前"],
            ["2", "开展老年人能力综合评估。", "县民政局、县卫健局", "2024年9月底前"],
        ],
        [],
    )
    doc = parse_bytes(_bytes(document), "t.docx")
    assert [t.title for t in doc.tasks] == ["推进家庭养老床位建设", "开展老年人能力综合评估"]
    assert doc.tasks[0].text == "新增床位100张。"
    assert [d.name for d in doc.tasks[1].departments] == ["县民政局", "县卫健局"]


def test_word_indicator_table_with_merged_group_rows() -> None:
    document = docx.Document()
    document.add_paragraph("某市老龄事业发展规划")
    document.add_paragraph("主要指标")
    _task_table(
        document,
        [
            ["序号", "指标名称", "2025年基期值", "2030年目标值"],
            ["一、健康支撑", "", "", ""],
            ["1", "老年医学科设置率（%）", "60", "≥70"],
            ["2", "老年人健康管理率（%）", "65", "70%以上"],
            ["二、社会参与", "", "", ""],
            ["3", "老年志愿者注册人数（万人）", "8", "12万人以上"],
        ],
        [((1, 0), (1, 3)), ((4, 0), (4, 3))],
    )
    doc = parse_bytes(_bytes(document), "t.docx")
    assert [(i.category, i.name, i.unit) for i in doc.indicators] == [
        ("健康支撑", "老年医学科设置率", "%"),
        ("健康支撑", "老年人健康管理率", "%"),
        ("社会参与", "老年志愿者注册人数", "万人"),
    ]
    assert [(i.target.value, i.target.comparator, i.target.year) for i in doc.indicators if i.target] == [
        (70, ">=", 2030), (70, ">=", 2030), (12, ">=", 2030),
    ]


def test_one_cell_first_row_becomes_caption() -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "表1 “十四五”养老服务主要指标"
    for column, text in enumerate(("指标", "2020年", "2025年")):
        table.cell(1, column).text = text
    for column, text in enumerate(("护理型床位占比（%）", "55", "60")):
        table.cell(2, column).text = text

    [block] = read_docx(_bytes(document))

    assert isinstance(block, Table)
    assert block.caption == "表1 “十四五”养老服务主要指标"
    assert block.rows == (("指标", "2020年", "2025年"), ("护理型床位占比（%）", "55", "60"))


def test_nested_table_without_a_header_gives_its_rows_as_lines() -> None:
    """A grid of names (no numbers under a row of labels): a row a line, its cells separated by "，"."""
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "任务"
    table.cell(0, 1).text = "责任单位"
    table.cell(1, 0).text = "建设养老床位"
    outer = table.cell(1, 1)
    outer.text = "牵头："
    inner = outer.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "区民政局", (0, 1): "区财政局", (1, 0): "区卫健委", (1, 1): ""}.items():
        inner.cell(r, c).text = text

    [block] = read_docx(_bytes(document))

    assert isinstance(block, Table)
    assert block.rows[1] == ("建设养老床位", "牵头：\n区民政局，区财政局\n区卫健委")


def _task_with_nested_table(measure: str, inner_rows: list[list[str]], deadline: str = "2027年12月底前") -> bytes:
    """A 任务分工 table of one task whose 工作措施 cell holds ``measure`` and then a nested table."""
    document = docx.Document()
    document.add_paragraph("某县养老服务体系建设三年行动任务分工方案")
    table = document.add_table(rows=2, cols=5)
    for column, text in enumerate(["序号", "重点任务", "工作措施", "牵头单位", "完成时限"]):
        table.cell(0, column).text = text
    for column, text in enumerate(["1", "推进区域养老服务中心建设", measure, "县民政局", deadline]):
        table.cell(1, column).text = text
    inner = table.cell(1, 2).add_table(rows=len(inner_rows), cols=len(inner_rows[0]))
    for r, row in enumerate(inner_rows):
        for c, text in enumerate(row):
            inner.cell(r, c).text = text
    return _bytes(document)


def _measure(data: bytes) -> str:
    [_, block] = read_docx(data)
    assert isinstance(block, Table)
    return block.rows[1][2]


def test_nested_year_table_keeps_each_value_with_its_label_and_unit() -> None:
    """年度 | 建设任务（个） | 覆盖率: the unit of a bare number is in its column header; "6 | 40%" is two values,
    never one number 640%."""
    data = _task_with_nested_table(
        "整合敬老院等资源建设区域养老服务中心，分年度推进：",
        [["年度", "建设任务（个）", "覆盖率"], ["2025年", "8", "45%"], ["2026年", "5", "75%"], ["2027年", "3", "100%"]],
    )

    assert _measure(data).splitlines()[1:] == [
        "2025年：建设任务8个，覆盖率45%",
        "2026年：建设任务5个，覆盖率75%",
        "2027年：建设任务3个，覆盖率100%",
    ]
    [task] = parse_bytes(data, "t.docx").tasks
    assert [(t.value, t.unit, t.year) for t in task.targets] == [
        (8, "个", 2025), (45, "%", 2025), (5, "个", 2026), (75, "%", 2026), (3, "个", 2027), (100, "%", 2027),
    ]  # fmt: skip
    assert [t.metric for t in task.targets[:2]] == ["建设任务", "覆盖率"]


def test_nested_table_with_an_empty_cell_and_a_unit_in_a_bracketed_header() -> None:
    data = _task_with_nested_table(
        "为居家失能老年人建设家庭养老床位。年度任务如下：",
        [["年度", "新增家庭养老床位(张)", "护理员（名）"], ["2024年", "150", ""], ["2025年", "250", "12"]],
        deadline="持续推进",
    )

    assert _measure(data).splitlines()[1:] == ["2024年：新增家庭养老床位150张", "2025年：新增家庭养老床位250张，护理员12名"]
    [task] = parse_bytes(data, "t.docx").tasks
    assert [(t.value, t.unit) for t in task.targets] == [(150, "张"), (250, "张"), (12, "名")]


def test_nested_table_with_years_across_takes_the_unit_from_its_row_label() -> None:
    """指标 | 2025年 | 2026年, 新增床位（张） | 120 | 150: the years are the labels, the row names the unit."""
    data = _task_with_nested_table(
        "新增养老床位，提高护理型床位比例：",
        [["指标", "2025年", "2026年"], ["新增床位（张）", "120", "150"], ["护理型床位占比（%）", "50", "60"]],
    )

    assert _measure(data).splitlines()[1:] == ["新增床位：2025年：120张，2026年：150张", "护理型床位占比：2025年：50%，2026年：60%"]
    [task] = parse_bytes(data, "t.docx").tasks
    assert [(t.value, t.unit, t.year) for t in task.targets] == [(120, "张", 2025), (150, "张", 2026), (50, "%", 2025), (60, "%", 2026)]


def test_nested_numbers_without_a_header_stay_apart() -> None:
    """Without a header there is no unit for "8": it is left unread rather than fused into 845%."""
    data = _task_with_nested_table("分年度推进：", [["2025年", "8", "45%"], ["2026年", "7", "75%"]])

    assert _measure(data).splitlines()[1:] == ["2025年，8，45%", "2026年，7，75%"]
    [task] = parse_bytes(data, "t.docx").tasks
    assert [(t.value, t.unit) for t in task.targets] == [(45, "%"), (75, "%")]


# --- layout tables ---------------------------------------------------------------------------------


def test_body_in_a_one_cell_layout_table_is_read_as_paragraphs() -> None:
    """Township templates frame the whole body in a 1x1 table: its headings and items are the document."""
    items = [
        "完善居家养老服务设施。对现有12个村级照料中心进行提升改造。（责任单位：镇社会事务办）",
        "发展志愿助老服务。镇团委要组建助老志愿服务队伍，志愿者人数不少于150人。",
    ]
    document = docx.Document()
    _add_outline_list(document)
    document.add_paragraph("某镇2024年居家养老服务提升工作方案")
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].text = "为完善居家养老服务体系，制定本方案。"
    cell.add_paragraph("工作任务", style="Heading 1")
    for text in items:
        _set_numbering(cell.add_paragraph(text), 1)
    document.add_paragraph("2024年3月5日")

    blocks = read_docx(_bytes(document))
    doc = parse_bytes(_bytes(document), "t.docx")

    assert blocks == [
        Paragraph("某镇2024年居家养老服务提升工作方案"),
        Paragraph("为完善居家养老服务体系，制定本方案。"),
        Paragraph("工作任务", outline_level=1),
        Paragraph("（一）" + items[0]),
        Paragraph("（二）" + items[1]),
        Paragraph("2024年3月5日"),
    ]
    assert [t.title for t in doc.tasks] == ["完善居家养老服务设施", "发展志愿助老服务"]
    assert [d.name for d in doc.tasks[0].departments] == ["镇社会事务办"]


def test_layout_table_with_a_nested_data_table() -> None:
    """A one-column box whose cells hold several paragraphs is layout; the real table inside stays a table."""
    document = docx.Document()
    table = document.add_table(rows=2, cols=1)
    table.cell(0, 0).text = "专栏1 养老服务设施建设工程"
    box = table.cell(1, 0)
    box.paragraphs[0].text = "新建村级照料中心。"
    box.add_paragraph("改造乡镇敬老院。")
    inner = box.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "指标", (0, 1): "2025年", (1, 0): "护理型床位占比（%）", (1, 1): "60"}.items():
        inner.cell(r, c).text = text
    box.add_paragraph("")  # Word ends a cell holding a table with a paragraph

    assert read_docx(_bytes(document)) == [
        Paragraph("专栏1 养老服务设施建设工程"),
        Paragraph("新建村级照料中心。"),
        Paragraph("改造乡镇敬老院。"),
        Table((("指标", "2025年"), ("护理型床位占比（%）", "60"))),
    ]


def test_one_column_data_table_stays_a_table() -> None:
    document = docx.Document()
    table = document.add_table(rows=4, cols=1)
    for row, text in enumerate(("责任单位", "县民政局", "县卫健局", "县财政局")):
        table.cell(row, 0).text = text

    assert read_docx(_bytes(document)) == [Table((("责任单位",), ("县民政局",), ("县卫健局",), ("县财政局",)))]


# --- content controls and custom XML ----------------------------------------------------------------
# Form templates wrap a table's rows, or a row's cells, in content controls (w:sdt); older files use custom
# XML (w:customXml). python-docx writes plain tables, so the wrappers are put in afterwards, in the XML.

Wrapper = Callable[..., etree._Element]


def _content_control(*items: etree._Element, gallery: str | None = None) -> etree._Element:
    """Put ``items`` (siblings, in order) in one content control at the place of the first; ``gallery``
    names the building-block gallery it is from ("Table of Contents")."""
    sdt = etree.Element(qn("w:sdt"))
    items[0].addprevious(sdt)
    properties = etree.SubElement(sdt, qn("w:sdtPr"))
    etree.SubElement(properties, qn("w:tag")).set(qn("w:val"), "字段")
    if gallery:
        part = etree.SubElement(properties, qn("w:docPartObj"))
        etree.SubElement(part, qn("w:docPartGallery")).set(qn("w:val"), gallery)
    etree.SubElement(sdt, qn("w:sdtContent")).extend(items)
    return sdt


def _custom_xml(*items: etree._Element) -> etree._Element:
    """Put ``items`` (siblings, in order) in one custom XML element at the place of the first."""
    element = etree.Element(qn("w:customXml"))
    element.set(qn("w:element"), "field")
    items[0].addprevious(element)
    element.extend(items)
    return element


def _rows_in_one_content_control(tbl: etree._Element) -> etree._Element:
    """A repeating section: all the rows of a table in one content control."""
    return _content_control(*tbl.iterchildren(qn("w:tr")))


def _wrap_each(data: bytes, path: str, *wrappers: Wrapper) -> bytes:
    """A copy of the .docx ``data`` with each element at XPath ``path`` in document.xml put in ``wrappers``,
    innermost first."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    items = root.xpath(path, namespaces={"w": root.nsmap["w"]})
    assert items, path
    for item in items:
        for wrapper in wrappers:
            item = wrapper(item)
    return _rezip(data, {"word/document.xml": etree.tostring(root, xml_declaration=True, encoding="UTF-8")})


WRAPPINGS: dict[str, Callable[[bytes], bytes]] = {
    "cells in content controls": lambda data: _wrap_each(data, "//w:tc", _content_control),
    "rows in content controls": lambda data: _wrap_each(data, "//w:tr", _content_control),
    "rows and cells in custom XML": lambda data: _wrap_each(data, "//w:tr | //w:tc", _custom_xml),
    "cells in a content control in custom XML": lambda data: _wrap_each(data, "//w:tc", _content_control, _custom_xml),
    "rows in one repeating section": lambda data: _wrap_each(data, "//w:tbl", _rows_in_one_content_control),
    "body tables and paragraphs in content controls": lambda data: _wrap_each(
        data, "/w:document/w:body/w:tbl | /w:document/w:body/w:p", _content_control
    ),
}


def _merged_table() -> bytes:
    """Paragraphs around a table with a vertical merge (w:vMerge) and a horizontal one (w:gridSpan)."""
    document = docx.Document()
    document.add_paragraph("表前段落")
    table = document.add_table(rows=3, cols=3)
    for column, text in enumerate(("类别", "指标", "目标值")):
        table.cell(0, column).text = text
    table.cell(1, 0).merge(table.cell(2, 0)).text = "养老服务"
    table.cell(1, 1).merge(table.cell(1, 2)).text = "全覆盖"
    table.cell(2, 1).text = "每千名老人床位（张）"
    table.cell(2, 2).text = "45"
    document.add_paragraph("表后段落")
    return _bytes(document)


def _captioned_table() -> bytes:
    """A table whose first row is one cell spanning the grid: its caption."""
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "表1 主要指标"
    table.cell(1, 0).text = "护理型床位占比（%）"
    table.cell(1, 1).text = "60"
    return _bytes(document)


def _layout_table() -> bytes:
    """A body framed in a one-cell layout table."""
    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].text = "为完善居家养老服务体系，制定本方案。"
    cell.add_paragraph("一、工作任务")
    return _bytes(document)


def _nested_table() -> bytes:
    """A cell holding a nested table with a header row."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "建设养老床位"
    inner = table.cell(0, 1).add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "年度", (0, 1): "床位（张）", (1, 0): "2025年", (1, 1): "120"}.items():
        inner.cell(r, c).text = text
    return _bytes(document)


@pytest.mark.parametrize("wrap", WRAPPINGS.values(), ids=WRAPPINGS.keys())
@pytest.mark.parametrize("build", [_merged_table, _captioned_table, _layout_table, _nested_table])
def test_wrapped_rows_cells_and_tables_read_like_plain_ones(
    build: Callable[[], bytes], wrap: Callable[[bytes], bytes]
) -> None:
    """Merges, a caption row, a layout table and a nested table come out the same through any wrapper."""
    plain = build()
    assert read_docx(wrap(plain)) == read_docx(plain)


def _d08_indicator_table(wrap: Callable[[bytes], bytes]) -> bytes:
    """A township indicator table (the shape of unseen11 d08): a plain header row, data cells wrapped."""
    document = docx.Document()
    document.add_paragraph("某镇2025年居家养老服务工作方案")
    document.add_paragraph("一、主要工作指标")
    table = document.add_table(rows=3, cols=5)
    rows = [
        ("序号", "指标", "单位", "2024年完成值", "2025年目标值"),
        ("1", "居家养老服务站（点）覆盖率", "%", "92", "100"),
        ("2", "家庭养老床位数", "张", "120", "≥200"),
    ]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return wrap(_bytes(document))


@pytest.mark.parametrize(
    "wrap",
    [
        lambda data: _wrap_each(data, "//w:tr[position() > 1]/w:tc", _content_control),
        lambda data: _wrap_each(data, "//w:tr[position() > 1]", _custom_xml),
    ],
    ids=["cells in content controls", "rows in custom XML"],
)
def test_indicator_table_with_wrapped_data_rows_gives_its_indicators(wrap: Callable[[bytes], bytes]) -> None:
    data = _d08_indicator_table(wrap)
    [table] = [block for block in read_docx(data) if isinstance(block, Table)]
    assert table.rows[1:] == (
        ("1", "居家养老服务站（点）覆盖率", "%", "92", "100"),
        ("2", "家庭养老床位数", "张", "120", "≥200"),
    )
    indicators = parse_bytes(data, "t.docx").indicators
    assert [(i.name, i.unit) for i in indicators] == [("居家养老服务站（点）覆盖率", "%"), ("家庭养老床位数", "张")]
    assert [(i.baseline.value, i.baseline.year) for i in indicators if i.baseline] == [(92, 2024), (120, 2024)]
    assert [(i.target.value, i.target.comparator, i.target.year) for i in indicators if i.target] == [
        (100, "=", 2025), (200, ">=", 2025),
    ]  # fmt: skip


def test_task_table_with_rows_in_content_controls_gives_its_tasks() -> None:
    document = docx.Document()
    document.add_paragraph("某县养老服务工作要点")
    _task_table(
        document,
        [
            ["序号", "工作内容", "责任单位", "完成时限"],
            ["1", "推进家庭养老床位建设。新增床位100张。", "县民政局", "2024年底前"],
            ["2", "开展老年人能力综合评估。", "县民政局、县卫健局", "2024年9月底前"],
        ],
        [],
    )
    doc = parse_bytes(_wrap_each(_bytes(document), "//w:tr", _content_control), "t.docx")
    assert [t.title for t in doc.tasks] == ["推进家庭养老床位建设", "开展老年人能力综合评估"]
    assert [d.name for d in doc.tasks[1].departments] == ["县民政局", "县卫健局"]


def test_body_content_controls_are_read_and_a_table_of_contents_is_not() -> None:
    document = docx.Document()
    for text in ("目录 一、总体要求", "一、总体要求", "坚持党委领导。"):
        document.add_paragraph(text)
    table_of_contents = partial(_content_control, gallery="Table of Contents")
    data = _wrap_each(_bytes(document), "/w:document/w:body/w:p[1]", table_of_contents)
    data = _wrap_each(data, "/w:document/w:body/w:p", _content_control, _custom_xml)

    assert read_docx(data) == [Paragraph("一、总体要求"), Paragraph("坚持党委领导。")]


# --- text boxes ---------------------------------------------------------------------------------------

TEXT_BOX_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _text_box_content(lines: list[str]) -> str:
    paragraphs = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
    return f"<w:txbxContent>{paragraphs}</w:txbxContent>"


def _vml_text_box(lines: list[str]) -> str:
    return f'<w:pict><v:shape type="#_x0000_t202"><v:textbox>{_text_box_content(lines)}</v:textbox></v:shape></w:pict>'


def _add_text_box(paragraph: DocxParagraph, lines: list[str], *, vml_only: bool = False) -> None:
    """A run holding a text box as Word writes it: a DrawingML copy in mc:Choice and a VML copy in
    mc:Fallback; or, as older files do, a lone VML text box."""
    if vml_only:
        content = _vml_text_box(lines)
    else:
        drawing = (
            '<w:drawing><wp:anchor><wp:extent cx="5400000" cy="900000"/><wp:docPr id="2" name="文本框 2"/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:txbx>{_text_box_content(lines)}</wps:txbx><wps:bodyPr/></wps:wsp>'
            "</a:graphicData></a:graphic></wp:anchor></w:drawing>"
        )
        content = (
            f'<mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
            f"<mc:Fallback>{_vml_text_box(lines)}</mc:Fallback></mc:AlternateContent>"
        )
    paragraph._p.append(parse_xml(f"<w:r {TEXT_BOX_NAMESPACES}>{content}</w:r>"))


def test_text_box_is_read_once_right_after_its_anchor() -> None:
    document = docx.Document()
    document.add_paragraph("二、工作任务")
    anchor = document.add_paragraph("（一）推进助餐服务。")
    _add_text_box(anchor, ["专栏 2024年养老民生实事项目", "1.新建照料中心3个。"])
    document.add_paragraph("（二）发展志愿助老服务。")

    assert read_docx(_bytes(document)) == [
        Paragraph("二、工作任务"),
        Paragraph("（一）推进助餐服务。"),  # the anchor's own text only
        Paragraph("专栏 2024年养老民生实事项目"),
        Paragraph("1.新建照料中心3个。"),
        Paragraph("（二）发展志愿助老服务。"),
    ]


def test_vml_text_box_without_alternate_content() -> None:
    document = docx.Document()
    _add_text_box(document.add_paragraph(), ["某县养老服务工作要点"], vml_only=True)  # an empty anchor
    document.add_paragraph("正文")

    assert read_docx(_bytes(document)) == [Paragraph("某县养老服务工作要点"), Paragraph("正文")]


def test_title_and_box_of_tasks_in_text_boxes_are_found() -> None:
    document = docx.Document()
    _add_text_box(document.add_paragraph(), ["乌镇镇2020年居家养老服务提升工作实施方案"])
    document.add_paragraph("二、工作任务")
    anchor = document.add_paragraph("（一）推进助餐服务。依托照料中心设立老年助餐点。（责任单位：镇社会事务办）")
    _add_text_box(
        anchor,
        [
            "专栏　2020年养老民生实事项目",
            "1.新建照料中心。新建村级居家养老服务照料中心3个。（责任单位：镇社会事务办）",
            "2.安装紧急呼叫设备。为困难独居老人安装智能呼叫设备200台。（责任单位：镇综治中心）",
        ],
    )
    document.add_paragraph("（二）发展志愿助老服务。镇团委要组建助老志愿服务队伍。")
    document.add_paragraph("乌镇镇人民政府办公室")
    document.add_paragraph("2020年3月5日")

    doc = parse_bytes(_bytes(document), "t.docx")

    assert doc.title == "乌镇镇2020年居家养老服务提升工作实施方案"
    assert [t.title for t in doc.tasks] == ["推进助餐服务", "新建照料中心", "安装紧急呼叫设备", "发展志愿助老服务"]


# --- automatic numbering -----------------------------------------------------------------------------


def test_automatic_numbering_is_rendered_and_counters_reset() -> None:
    document = docx.Document()
    _add_outline_list(document)
    _numbered(
        document,
        [
            (0, "总体要求"),
            (1, "指导思想"),
            (1, "基本原则"),
            (2, "坚持党的领导"),
            (2, "坚持以人民为中心"),
            (1, "发展目标"),
            (2, "到2025年，养老服务体系更加健全"),
            (0, "重点任务"),
            (1, "完善养老服务体系"),
        ],
    )

    texts = [b.text for b in read_docx(_bytes(document))]

    assert texts == [
        "一、总体要求",
        "（一）指导思想",
        "（二）基本原则",
        "1.坚持党的领导",
        "2.坚持以人民为中心",
        "（三）发展目标",
        "1.到2025年，养老服务体系更加健全",
        "二、重点任务",
        "（一）完善养老服务体系",
    ]


def test_numbering_from_style_start_override_and_numbering_off() -> None:
    document = docx.Document()
    _add_outline_list(document)
    style = document.styles.add_style("提纲一级", WD_STYLE_TYPE.PARAGRAPH)
    num_pr = style.element.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = 90
    document.add_paragraph("总体要求", style=style)
    document.add_paragraph("重点任务", style=style)
    _set_numbering(document.add_paragraph("不编号", style=style), None, num_id=0)  # numId 0: off
    document.add_paragraph("保障措施", style=style)
    _numbered(document, [(0, "附则")], num_id=91)  # same list, restarted at 5

    texts = [b.text for b in read_docx(_bytes(document))]

    assert texts == ["一、总体要求", "二、重点任务", "不编号", "三、保障措施", "五、附则"]


@pytest.mark.parametrize(
    ("fmt", "value", "expected"),
    [
        ("chineseCounting", 1, "一"),
        ("chineseCounting", 10, "十"),
        ("chineseCounting", 11, "十一"),
        ("chineseCounting", 20, "二十"),
        ("chineseCountingThousand", 99, "九十九"),
        ("japaneseCounting", 105, "一百零五"),
        ("chineseCountingThousand", 1010, "一千零一十"),
        ("ideographTraditional", 3, "丙"),
        ("decimalEnclosedCircle", 1, "①"),
        ("decimalEnclosedCircleChinese", 20, "⑳"),
        ("decimalEnclosedCircle", 21, "21"),
        ("upperLetter", 2, "B"),
        ("lowerLetter", 27, "aa"),
        ("upperLetter", 260, "ZZZZZZZZZZ"),
        ("upperLetter", 10**9, "1000000000"),  # a huge w:start renders digits, not a huge label
        ("lowerRoman", 14, "xiv"),
        ("decimalZero", 7, "07"),
        ("decimal", 12, "12"),
    ],
)
def test_number_formats(fmt: str, value: int, expected: str) -> None:
    assert NUMBER_FORMATS[fmt](value) == expected


# --- outline levels and hidden text traps ------------------------------------------------------------


def test_heading_style_and_outline_level_give_outline_level() -> None:
    document = docx.Document()
    document.add_heading("第一章 总体要求", level=1)
    document.add_heading("第一节 发展基础", level=2)
    outlined = document.add_paragraph("手工大纲级别")
    outlined._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="2"/>'))
    document.add_paragraph("正文")

    levels = [(b.text, b.outline_level) for b in read_docx(_bytes(document))]

    assert levels == [("第一章 总体要求", 1), ("第一节 发展基础", 2), ("手工大纲级别", 3), ("正文", None)]


def test_text_in_smart_tags_and_insertions_is_kept_deletions_dropped() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("到")
    paragraph._p.append(
        parse_xml(
            f'<w:smartTag {nsdecls("w")} w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chsdate">'
            "<w:r><w:t>2025年</w:t></w:r></w:smartTag>"
        )
    )
    paragraph._p.append(
        parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="a"><w:r><w:delText>底</w:delText></w:r></w:del>')
    )
    paragraph._p.append(
        parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="a"><w:r><w:t>，床位达到45张</w:t></w:r></w:ins>')
    )

    assert read_docx(_bytes(document)) == [Paragraph("到2025年，床位达到45张")]


# --- bad input ---------------------------------------------------------------------------------------


def _reason(data: bytes) -> str:
    with pytest.raises(ReadError) as caught:
        read_docx(data)
    return str(caught.value)


def test_not_a_zip() -> None:
    assert _reason("十四五规划，纯文本".encode()) == "not a .docx (zip) file"


def test_ole_compound_file() -> None:
    reason = _reason(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    assert reason == "encrypted .docx or legacy .doc; save it as an unencrypted .docx"


def test_truncated_zip() -> None:
    data = _sample()
    assert _reason(data[: len(data) // 2]) == "truncated or corrupt .docx (zip) file"


def test_zip_with_a_wrong_central_directory_offset() -> None:
    """An end record whose central directory offset is too large: zipfile computes members before the
    start of the file (a ValueError from seek), which is a damaged zip like any other."""
    data = _sample()
    end = data.rindex(b"PK\x05\x06")  # the end of central directory record; the offset is at +16
    damaged = data[: end + 16] + (2**30).to_bytes(4, "little") + data[end + 20 :]
    assert _reason(damaged) == "truncated or corrupt .docx (zip) file: cannot read _rels/.rels"


def test_zip_without_document_part() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "不是 Word 文件")
    assert _reason(out.getvalue()) == "no document part"
    assert _reason(_rezip(_sample(), {"word/document.xml": None})) == "no document part"


def test_zip_bomb_by_compression_ratio() -> None:
    bomb = _rezip(_sample(), {"word/media/padding.bin": bytes(8 * 2**20)})
    assert "compressed more than 200 to 1, a zip bomb" in _reason(bomb)


def test_zip_bomb_by_total_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED_BYTES", 4 * 1024)
    assert "would inflate to" in _reason(_sample())


def test_entity_declaration_is_refused() -> None:
    with zipfile.ZipFile(io.BytesIO(_sample())) as archive:
        document_xml = archive.read("word/document.xml")
    declaration = b'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    end_of_prolog = document_xml.index(b"?>") + 2
    poisoned = document_xml[:end_of_prolog] + declaration + document_xml[end_of_prolog:]
    reason = _reason(_rezip(_sample(), {"word/document.xml": poisoned}))
    assert reason == "refused: word/document.xml declares a DTD or XML entities (entity expansion)"


def test_entity_declaration_in_utf16_part_is_refused() -> None:
    poisoned = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "a">]><x/>'.encode("utf-16-le")
    assert "entity expansion" in _reason(_rezip(_sample(), {"word/styles.xml": poisoned}))


def _with_declaration(xml: bytes) -> bytes:
    """``xml`` with an internal DTD declaring entities right after its XML declaration."""
    end_of_prolog = xml.index(b"?>") + 2
    return xml[:end_of_prolog] + b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>' + xml[end_of_prolog:]


@pytest.mark.parametrize(
    "part", ["_rels/.rels", "word/_rels/document.xml.rels", "word/styles.xml", "word/numbering.xml"]
)
def test_entity_declaration_in_any_part_read_is_refused(part: str) -> None:
    with zipfile.ZipFile(io.BytesIO(_sample())) as archive:
        poisoned = _with_declaration(archive.read(part))
    reason = _reason(_rezip(_sample(), {part: poisoned}))
    assert reason == f"refused: {part} declares a DTD or XML entities (entity expansion)"


def test_members_that_are_not_read_may_declare_a_dtd() -> None:
    """Only the relationships, the main part, styles and numbering are parsed: a DTD elsewhere (custom
    XML data, settings, an SVG picture whose content type is not even declared) is never inflated."""
    with zipfile.ZipFile(io.BytesIO(_sample())) as archive:
        poisoned = {
            name: _with_declaration(archive.read(name)) for name in ("customXml/item1.xml", "word/settings.xml")
        }
    svg = b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg/>'
    data = _rezip(_sample(), {**poisoned, "word/media/image1.svg": svg})
    assert read_docx(data) == [Paragraph("一般段落"), Table((("单元格", ""),))]


def test_svg_picture_with_doctype_is_not_refused() -> None:
    with zipfile.ZipFile(io.BytesIO(_sample())) as archive:
        content_types = archive.read("[Content_Types].xml")
    svg_type = b'<Default Extension="svg" ContentType="image/svg+xml"/>'
    content_types = content_types.replace(b"<Default ", svg_type + b"<Default ", 1)
    svg = b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg/>'
    data = _rezip(_sample(), {"[Content_Types].xml": content_types, "word/media/logo.svg": svg})
    assert read_docx(data)[0] == Paragraph("一般段落")


def test_main_part_with_another_name_and_an_absolute_target() -> None:
    """Word Online names the main part word/document2.xml; its styles and numbering are found
    through its own relationships (word/_rels/document2.xml.rels)."""
    document = docx.Document()
    _add_outline_list(document)
    document.add_heading("第一章 总体要求", level=1)
    _numbered(document, [(0, "发展目标"), (1, "床位建设")])
    with zipfile.ZipFile(io.BytesIO(_bytes(document))) as archive:
        package_rels = archive.read("_rels/.rels").replace(
            b'Target="word/document.xml"', b'Target="/word/document2.xml"'
        )
        content_types = archive.read("[Content_Types].xml").replace(b"/word/document.xml", b"/word/document2.xml")
        renamed = {
            "_rels/.rels": package_rels,
            "[Content_Types].xml": content_types,
            "word/document.xml": None,
            "word/document2.xml": archive.read("word/document.xml"),
            "word/_rels/document.xml.rels": None,
            "word/_rels/document2.xml.rels": archive.read("word/_rels/document.xml.rels"),
        }

    blocks = read_docx(_rezip(_bytes(document), renamed))

    assert [(b.text, b.outline_level) for b in blocks] == [
        ("第一章 总体要求", 1),
        ("一、发展目标", None),
        ("（一）床位建设", None),
    ]


def test_package_without_styles_and_numbering_parts() -> None:
    """A package without styles, numbering or main-part relationships (some generators write none)
    still reads; its lists and heading styles cannot be resolved."""
    document = docx.Document()
    _add_outline_list(document)
    document.add_heading("第一章 总体要求", level=1)
    _numbered(document, [(0, "发展目标")])
    document.add_table(rows=1, cols=2).cell(0, 1).text = "45张"
    minimal = {"word/styles.xml": None, "word/numbering.xml": None, "word/_rels/document.xml.rels": None}

    blocks = read_docx(_rezip(_bytes(document), minimal))

    assert blocks == [Paragraph("第一章 总体要求"), Paragraph("发展目标"), Table((("", "45张"),))]


def _package(parts: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


def _package_rels(target: str) -> str:
    return (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{OFFICE_DOCUMENT}" Target="{target}"/></Relationships>'
    )


def test_a_spreadsheet_renamed_docx_is_not_a_word_document() -> None:
    workbook = io.BytesIO()
    openpyxl.Workbook().save(workbook)
    assert _reason(workbook.getvalue()) == (
        "not a Word document: its main part xl/workbook.xml has root element <workbook> "
        "(http://schemas.openxmlformats.org/spreadsheetml/2006/main)"
    )
    handmade = _package(
        {
            "_rels/.rels": _package_rels("xl/workbook.xml"),
            "xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
        }
    )
    assert "has root element <workbook>" in _reason(handmade)


def test_main_part_without_body_or_not_well_formed() -> None:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    no_body = _package({"_rels/.rels": _package_rels("word/document.xml"), "word/document.xml": f"<w:document {w}/>"})
    assert _reason(no_body) == "not a Word document: its main part word/document.xml has no w:body"
    broken = _rezip(_sample(), {"word/document.xml": f"<w:document {w}><w:body><w:p>".encode()})
    assert _reason(broken).startswith("corrupt .docx: word/document.xml is not well-formed XML (")


def test_minimal_package_and_run_content() -> None:
    """Only the package relationships and a main part; tabs and line breaks in a run are kept."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    minimal = _package(
        {
            "_rels/.rels": _package_rels("/word/document.xml"),
            "word/document.xml": f"<w:document {w}><w:body><w:p><w:r><w:t>正文</w:t><w:tab/><w:t>第二段</w:t>"
            "<w:br/><w:t>换行</w:t></w:r></w:p></w:body></w:document>",
        }
    )
    assert read_docx(minimal) == [Paragraph("正文\t第二段\n换行")]


@settings(max_examples=80, deadline=None)
@given(cut=st.integers(min_value=0, max_value=20_000), noise=st.binary(min_size=1, max_size=8))
def test_damaged_files_raise_read_error_only(cut: int, noise: bytes) -> None:
    data = _sample()
    cut %= len(data)
    for damaged in (data[:cut], data[:cut] + noise + data[cut + len(noise) :]):
        try:
            blocks = read_docx(damaged)
        except ReadError:
            continue
        assert all(isinstance(b, Paragraph | Table) for b in blocks)


def test_dispatch_by_suffix() -> None:
    result = read_bytes(_sample(), ".DOCX")
    assert result.format == "docx"
    assert result.blocks[0] == Paragraph("一般段落")


# --- styles.xml is cut to its paragraph styles before parsing -------------------------------------


def test_only_paragraph_styles_are_kept_from_styles_xml() -> None:
    content = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:latentStyles><w:lsdException w:name=\"Normal\"/></w:latentStyles>"
        b'<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>'
        b'<w:style w:type="table" w:styleId="t"><w:name w:val="Table Grid"/></w:style>'
        b"<w:style w:type='paragraph' w:styleId='h1'><w:name w:val='heading 1'/></w:style>"
        b'<w:style w:styleId="untyped"/>'
        b'<w:style w:type="character" w:styleId="c"><w:name w:val="Strong"/></w:style>'
        b"</w:styles>"
    )
    cut = docx_reader._paragraph_styles(content)
    assert cut is not None
    root = etree.fromstring(cut)
    assert [s.get(docx_reader.W_STYLE_ID) for s in root] == ["a", "h1", "untyped"]


@pytest.mark.parametrize(
    "content",
    [
        b'<styles xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><style/></styles>',  # no w:
        b'<w:styles xmlns:w="x"><w:style w:type="paragraph" w:styleId="a">',  # never closed
    ],
)
def test_styles_in_another_layout_are_not_cut(content: bytes) -> None:
    assert docx_reader._paragraph_styles(content) is None  # the reader then parses the part whole


def _placeholder(*items: etree._Element) -> etree._Element:
    """A content control still showing its placeholder text (an unfilled form field)."""
    sdt = _content_control(*items)
    etree.SubElement(sdt.find(qn("w:sdtPr")), qn("w:showingPlcHdr"))
    return sdt


def test_a_content_control_showing_its_placeholder_gives_no_text() -> None:
    document = docx.Document()
    document.add_paragraph("一、主要任务")
    document.add_paragraph("单击或点击此处输入文字。")
    table = document.add_table(rows=2, cols=3)
    for column, text in enumerate(("序号", "工作任务", "责任单位")):
        table.cell(0, column).text = text
    table.cell(1, 0).text = "1"
    table.cell(1, 1).text = "建设社区养老服务站"
    table.cell(1, 2).text = "单击或点击此处输入文字。"
    data = _wrap_each(_bytes(document), "//w:body/w:p[2] | //w:tr[2]/w:tc[3]", _placeholder)
    assert read_docx(data) == [
        Paragraph("一、主要任务"),
        Table((("序号", "工作任务", "责任单位"), ("1", "建设社区养老服务站", ""))),
    ]
