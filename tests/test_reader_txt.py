"""The text reader: encodings, converter furniture, and the two flattened table forms."""

from __future__ import annotations

import codecs

import pytest

from agingpolicy import parse_text
from agingpolicy.blocks import Paragraph, ReadError, Table
from agingpolicy.readers.txt import decode, read_txt, text_to_blocks

SAMPLE = "宝坻区“十三五”老龄事业发展实施方案\n\n一、指导思想\n（一）健全体系。到2020年，参保率达到95%。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("gbk"), "gb18030"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("utf-16"), "utf-16"),  # with BOM
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),  # without BOM
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_decodes(data: bytes, encoding: str) -> None:
    text, found = decode(data)
    assert text.lstrip("\ufeff") == SAMPLE
    assert found == encoding


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x00\x01\x02binary\x00\xff" * 50, "binary"),
        (b"\x81\x30\x81" + b"\xff\xfe\xfd" * 40 + b"\x80", "undecodable"),
    ],
)
def test_refuses(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError, match=reason):
        decode(data)


def test_converter_artifacts_and_blank_lines_are_dropped() -> None:
    blocks = text_to_blocks("\n[bookmark: _GoBack]某区具体措施工作分解台账\n\n  \n正文。\r\n")
    assert blocks == [Paragraph("某区具体措施工作分解台账"), Paragraph("正文。")]


def test_word_to_text_table() -> None:
    text = (
        "前言。\n"
        "\t“十三五”期间主要指标\n\n"
        "\t类别\n\t指标\n\t目标值\n\n"
        "\t社会保障\n\t基本养老保险参保人数（万人）\n\t40.5\n\n"
        "\t\n\t基本医疗保险参保人数（万人）\n\t63.6\n\n\n"
        "四、主要任务\n"
    )
    blocks = text_to_blocks(text)
    assert blocks[0] == Paragraph("前言。")
    table = blocks[1]
    assert isinstance(table, Table)
    assert table.caption == "“十三五”期间主要指标"
    assert table.rows == (
        ("类别", "指标", "目标值"),
        ("社会保障", "基本养老保险参保人数（万人）", "40.5"),
        ("", "基本医疗保险参保人数（万人）", "63.6"),
    )
    assert blocks[2] == Paragraph("四、主要任务")


def test_a_cell_continued_over_lines() -> None:
    text = "\t重点任务\n\t牵头单位\n\n\t（一）实施养老保险制度。\n巩固企业年金。\n\t团区委\n区老龄委\n\n"
    (table,) = text_to_blocks(text)
    assert isinstance(table, Table)
    assert table.rows[1] == ("（一）实施养老保险制度。\n巩固企业年金。", "团区委\n区老龄委")


def test_web_form_indicator_table() -> None:
    lines = [
        "三、主要指标",
        "指 标",
        "2020年值",
        "2025年目标值",
        "接受上门服务的居家老年人占比%",
        "9.29",
        "30",
        "每千名户籍老人",
        "拥有床位(张)",
        "40",
        "45",
        "特殊困难老人探访率（%）",
        "-",
        "≥95",
        "四、工作任务",
    ]
    blocks = text_to_blocks("\n\n".join(lines))
    assert blocks[0] == Paragraph("三、主要指标")
    table = blocks[1]
    assert isinstance(table, Table)
    assert table.rows == (
        ("指 标", "2020年值", "2025年目标值"),
        ("接受上门服务的居家老年人占比%", "9.29", "30"),
        ("每千名户籍老人拥有床位(张)", "40", "45"),
        ("特殊困难老人探访率（%）", "-", "≥95"),
    )
    assert blocks[2] == Paragraph("四、工作任务")


def test_short_lines_without_an_indicator_header_stay_paragraphs() -> None:
    blocks = text_to_blocks("区民政局\n\n2021年\n\n30\n")
    assert all(isinstance(b, Paragraph) for b in blocks)


def test_read_txt_reports_encoding() -> None:
    blocks, encoding = read_txt(SAMPLE.encode("gbk"))
    assert encoding == "gb18030"
    assert blocks[1] == Paragraph("一、指导思想")


def test_big5_is_detected() -> None:
    text = "臺北市長期照顧服務實施方案。一、總體目標。到二零二五年，長期照顧服務涵蓋率達到百分之九十。" * 5
    decoded, encoding = decode(text.encode("big5"))
    assert decoded == text
    assert encoding.replace("_", "").lower().startswith(("big5", "cp950"))


# --- text copied out of a PDF: hard wraps and page furniture ------------------------------------------

PDF_COPY = """某区养老服务体系建设实施方案
一、主要任务
（一）加强安全管理。到2025年，全区建成社区养老服务站
50个，养老机构护理型床位占比不低于60%，每个街道至少
建成1个综合养老服务中心。（责任单位：区民政局、区财
— 3 —
某区养老服务体系建设实施方案
政局）
（二）提升医养结合能力。推进医疗机构与养老机构签约合作，
签约率达到90%以上，鼓励二级以上医院开设老年医学科，到
2025年，全区二级及以上综合性医院设立老年医学科的比例达
到60%以上。（责任单位：区卫健委）
- 4 -
某区养老服务体系建设实施方案
（三）发展智慧养老。建设区级智慧养老服务平台，推动养老服
务数据与政务数据共享，为全区老年人提供紧急呼叫服务。
二、保障措施
"""


def test_hard_wrapped_lines_are_joined_and_page_furniture_dropped() -> None:
    texts = [b.text for b in text_to_blocks(PDF_COPY)]
    assert texts == [
        "某区养老服务体系建设实施方案",
        "一、主要任务",
        "（一）加强安全管理。到2025年，全区建成社区养老服务站50个，养老机构护理型床位占比不低于60%，"
        "每个街道至少建成1个综合养老服务中心。（责任单位：区民政局、区财政局）",
        "（二）提升医养结合能力。推进医疗机构与养老机构签约合作，签约率达到90%以上，鼓励二级以上医院开设老年医学科，"
        "到2025年，全区二级及以上综合性医院设立老年医学科的比例达到60%以上。（责任单位：区卫健委）",
        "（三）发展智慧养老。建设区级智慧养老服务平台，推动养老服务数据与政务数据共享，为全区老年人提供紧急呼叫服务。",
        "二、保障措施",
    ]


def test_a_document_with_one_paragraph_per_line_is_not_joined() -> None:
    text = (
        "一、主要任务\n（一）加强安全管理\n到2025年，全区建成社区养老服务站50个，护理型床位占比不低于60%\n"
        "（二）提升医养结合能力\n推进医疗机构与养老机构签约合作，到2025年签约率达到90%以上\n"
        "（三）发展智慧养老\n建设区级智慧养老服务平台，推动养老服务数据与政务数据共享\n"
    )
    assert len(text_to_blocks(text)) == 7


@pytest.mark.parametrize("page", ["— 3 —", "- 12 -", "－3－", "第3页", "第 3 页 共 10 页"])
def test_page_numbers_are_dropped(page: str) -> None:
    assert [b.text for b in text_to_blocks(f"一、主要任务\n{page}\n（一）加强安全管理。\n")] == [
        "一、主要任务",
        "（一）加强安全管理。",
    ]


def _hard_wrapped(paragraphs: list[str], chars: int = 30) -> list[str]:
    """Lines as a PDF copy gives them: every paragraph cut every ``chars`` characters."""
    return [p[k : k + chars] for p in paragraphs for k in range(0, len(p), chars)]


WRAPPED_PARAGRAPHS = [
    "（一）加强探访关爱。建立特殊困难老年人定期探访制度，每月探访不少于1次，探访率达到百分之百，为老年人提供紧急呼叫等"
    "“一键通”服务，2024年底前实现智能终端全覆盖。（责任单位：市民政局、市卫生健康委、各县（市、区）人民政府）",
    "（二）发展家庭养老床位。依托具备条件的养老服务机构，为居家失能老年人提供专业照护服务，“十四五”期间建设家庭养老"
    "床位三千张以上，力争2023年底前全面建立基本养老服务清单制度。（责任单位：市民政局）",
]


@pytest.mark.parametrize("chars", [24, 29, 30, 31, 36])
def test_a_line_broken_after_a_colon_or_a_quote_is_continued(chars: int) -> None:
    lines = _hard_wrapped(WRAPPED_PARAGRAPHS, chars)
    assert [b.text for b in text_to_blocks("一、主要任务\n" + "\n".join(lines))] == [
        "一、主要任务",
        *WRAPPED_PARAGRAPHS,
    ]


def test_a_running_header_seen_once_beside_a_page_number_is_dropped() -> None:
    lines = _hard_wrapped(WRAPPED_PARAGRAPHS)
    lines[3:3] = ["— 21 —", "", "九江市人民政府公报　　　　　　　　　　　　　2022年第5期"]
    assert [b.text for b in text_to_blocks("一、主要任务\n" + "\n".join(lines))] == [
        "一、主要任务",
        *WRAPPED_PARAGRAPHS,
    ]


def test_a_note_broken_over_two_lines_is_one_line_in_any_document() -> None:
    text = "一、主要任务\n（七）完善设施网络。新建住宅小区按标准配建。（责任单位：市民\n政局、市住房城乡建设局）\n（八）其他。\n"
    assert [b.text for b in text_to_blocks(text)] == [
        "一、主要任务",
        "（七）完善设施网络。新建住宅小区按标准配建。（责任单位：市民政局、市住房城乡建设局）",
        "（八）其他。",
    ]


def test_a_box_line_after_a_full_line_is_not_joined_to_it() -> None:
    lines = _hard_wrapped(WRAPPED_PARAGRAPHS)
    lines[2:2] = ["第三节　推进养老服务重点工程建设，完善居家社区养老服务网络", "专栏3　助餐服务重点工程"]
    texts = [b.text for b in text_to_blocks("\n".join(lines))]
    assert "专栏3　助餐服务重点工程" in texts


# --- tab-separated rows (pasted from a spreadsheet or a web table) -------------------------------------


def test_tab_separated_rows_are_a_table() -> None:
    text = (
        "附件1\n重点任务清单\n序号\t任务名称\t工作内容\t责任单位\t完成时限\n"
        "1\t家庭养老床位建设\t新增家庭养老床位1000张\t各区（县）民政局\t2024年12月底前\n"
        "\t\t开展上门服务不少于3万人次\t\t\n"
        "2\t养老机构等级评定\t一级以上等级养老机构占比不低于60%\t市民政局养老服务处（牵头）、各区（县）民政局\t2024年10月\n"
        "以上任务请按时完成。\n"
    )
    blocks = text_to_blocks(text)
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Paragraph", "Table", "Paragraph"]
    table = blocks[2]
    assert isinstance(table, Table)
    assert table.rows[0] == ("序号", "任务名称", "工作内容", "责任单位", "完成时限")
    assert table.rows[2] == ("", "", "开展上门服务不少于3万人次", "", "")
    assert len(table.rows) == 4


def test_a_task_table_of_tab_separated_rows_gives_tasks() -> None:
    doc = parse_text(
        "某市民政局关于开展养老服务质量提升行动的通知\n各区（县）民政局：\n现将有关事项通知如下。\n某市民政局\n2024年4月18日\n"
        "附件1\n序号\t任务名称\t工作内容\t责任单位\t完成时限\n"
        "1\t家庭养老床位建设\t新增家庭养老床位1000张\t各区（县）民政局\t2024年12月底前\n"
        "2\t养老机构等级评定\t一级以上等级养老机构占比不低于60%\t市民政局养老服务处（牵头）、各区（县）民政局\t2024年10月\n"
    )
    assert [(t.title, [(d.name, d.role) for d in t.departments], [d.year for d in t.deadlines]) for t in doc.tasks] == [
        ("家庭养老床位建设", [("各区（县）民政局", "responsible")], [2024]),
        ("养老机构等级评定", [("市民政局养老服务处", "lead"), ("各区（县）民政局", "co")], [2024]),
    ]


def test_a_list_number_set_off_by_a_tab_is_not_a_table_row() -> None:
    blocks = text_to_blocks("一、\t主要任务\n（一）\t加强领导。建立机制。\n（二）\t完善制度。\n")
    assert all(isinstance(b, Paragraph) for b in blocks) and len(blocks) == 3


def _layout(paragraphs: list[str], width: int = 76, margin: int = 4, indent: int = 8) -> list[str]:
    """Lines as pdftotext -layout gives them: a left margin, a first-line indent of two characters (four columns
    more), every line filled to the same right edge (a Chinese character two columns, a digit one)."""
    lines: list[str] = []
    for p in paragraphs:
        line, used = " " * (margin + indent), margin + indent
        for ch in p:
            w = 2 if ord(ch) > 0x7F else 1
            if used + w > width:
                lines.append(line)
                line, used = " " * margin, margin
            line, used = line + ch, used + w
        lines.append(line)
    return lines


def test_layout_lines_with_an_indented_first_line_are_joined() -> None:
    lines = _layout(WRAPPED_PARAGRAPHS)
    assert [b.text for b in text_to_blocks("    一、主要任务\n" + "\n".join(lines))] == [
        "一、主要任务",
        *WRAPPED_PARAGRAPHS,
    ]


def test_a_signature_date_above_the_last_page_number_is_kept() -> None:
    text = "    （三）加强督查。市政府督查室定期通报。\n\n    某市人民政府办公室\n    2022年1月28日\n\n— 3 —\n"
    assert [b.text for b in text_to_blocks(text)][-2:] == ["某市人民政府办公室", "2022年1月28日"]
    running = "    （三）加强督查。\n2022年5月（上）\n— 3 —\n    （四）强化宣传。\n"
    assert [b.text for b in text_to_blocks(running)] == ["（三）加强督查。", "（四）强化宣传。"]


# --- markdown: taken off before the table passes (see test_reader_markdown.py) ----------------------------


def test_markdown_tables_and_tab_separated_rows_in_one_document() -> None:
    text = (
        "# 某区老年助餐服务实施方案\n\n"
        "| 序号 | 工作任务 | 责任单位 |\n|---|---|---|\n| 1 | 新增助餐点12个 | 区民政局<br>各街道 |\n\n"
        "## 附件2\n"
        "序号\t任务名称\t责任单位\n1\t配送服务\t区商务局\n"
    )
    blocks = text_to_blocks(text)
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Table", "Paragraph", "Table"]
    assert blocks[1] == Table((("序号", "工作任务", "责任单位"), ("1", "新增助餐点12个", "区民政局\n各街道")))
    assert blocks[2] == Paragraph("附件2", outline_level=2)
    assert blocks[3] == Table((("序号", "任务名称", "责任单位"), ("1", "配送服务", "区商务局")))
