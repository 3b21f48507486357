"""Document metadata: the policy's own title, date, number, region and level, period, status, type."""

from __future__ import annotations

import pytest

from agingpolicy import parse_text
from agingpolicy.blocks import Paragraph
from agingpolicy.extract.metadata import extract_metadata


def meta(text: str):
    return extract_metadata([Paragraph(x.strip()) for x in text.strip().splitlines() if x.strip()])


def test_forwarding_wrapper_gives_way_to_the_document() -> None:
    m = meta(
        """
        天津市宝坻区人民政府办公室关于
        转发宝坻区“十三五”老龄事业发展和养老
        体系建设实施方案的通知
        各街道办事处，各镇人民政府，区政府各部门：
        区民政局拟定的《实施方案》已经区人民政府同意，现转发给你们，请遵照执行。
        2018年12月6日
        宝坻区“十三五”老龄事业发展和
        养老体系建设实施方案
        区民政局
        一、指导思想
        """
    )
    assert m.title == "宝坻区“十三五”老龄事业发展和养老体系建设实施方案"
    assert m.issued_date == "2018-12-06"
    assert m.period and (m.period.label, m.period.start, m.period.end) == ("十三五", 2016, 2020)
    assert m.issuer == "天津市宝坻区人民政府办公室"
    assert (m.region, m.admin_level) == ("宝坻区", "county")
    assert m.doc_type == "实施方案"


def test_wrapper_alone_yields_the_forwarded_title() -> None:
    m = meta("某市人民政府关于印发《某市养老服务体系建设规划》的通知\n各区人民政府：\n一、总体要求")
    assert m.title == "某市养老服务体系建设规划"


def test_site_navigation_and_damaged_duplicate_title() -> None:
    m = meta(
        """
        某区政务网
        您的位置:某区政务网 > 政府信息公开 > 规划信息公开
        某区养老服务发展“十四五”规划
        发表时间:2021-12-13 来源:某区民政局
        某区养老服务发展“十五”规划
        区民政局
        一、规划背景
        """
    )
    assert m.title == "某区养老服务发展“十四五”规划"
    assert m.issued_date == "2021-12-13"
    assert m.period and m.period.label == "十四五"


@pytest.mark.parametrize(
    ("head", "status", "title"),
    [
        ("关于加强新时代老龄工作的实施意见\n（征求意见稿）", "征求意见稿", "关于加强新时代老龄工作的实施意见"),
        ("淄博市“十四五”养老服务体系规划\n（审签稿）", "审签稿", "淄博市“十四五”养老服务体系规划"),
        ("某县居家养老服务管理办法（试行）", "试行", "某县居家养老服务管理办法"),
        ("某镇敬老院管理暂行办法【送审稿】", "送审稿", "某镇敬老院管理暂行办法"),
        ("某市养老服务条例(草案)", "草案", "某市养老服务条例"),
        ("某省老龄事业发展规划", None, "某省老龄事业发展规划"),
    ],
)
def test_status(head: str, status: str | None, title: str) -> None:
    m = meta(head + "\n一、总体要求")
    assert (m.status, m.title) == (status, title)


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("2018年12月6日", "2018-12-06"),
        ("二〇二一年十二月十三日", "2021-12-13"),
        ("2022-03-01", "2022-03-01"),
        ("发布日期：2023年5月8日", "2023-05-08"),
        ("发表时间:2021-12-13 来源:某区民政局", "2021-12-13"),
    ],
)
def test_issued_date(line: str, date: str) -> None:
    assert meta(f"某市养老服务规划\n{line}\n一、总体要求").issued_date == date


def test_no_date_is_null() -> None:
    assert meta("某市养老服务规划\n一、总体要求\n到2025年，建成体系。").issued_date is None


@pytest.mark.parametrize(
    ("title", "region", "level"),
    [
        ("天津市宁河区关于推进养老服务的具体措施", "天津市宁河区", "county"),
        ("吉林省养老服务体系建设规划", "吉林省", "province"),
        ("淄博市“十四五”养老服务体系规划", "淄博市", "city"),
        ("某县某镇敬老院管理办法", "某县某镇", "township"),
        ("国务院办公厅关于推进养老服务发展的意见", None, "national"),
        ("广州市天河区推进居家社区养老服务实施方案", "广州市天河区", "county"),  # 社区 is no place
        ("某市某区老旧小区适老化改造实施方案", "某市某区", "county"),
        ("重庆市人民政府办公厅关于推进基本养老服务体系建设的实施方案", "重庆市", "province"),  # 直辖市
        ("上海市老龄事业发展“十四五”规划", "上海市", "province"),
        ("北京市朝阳区养老服务设施布局规划", "北京市朝阳区", "county"),
    ],
)
def test_region_and_level(title: str, region: str | None, level: str) -> None:
    m = meta(title + "\n一、总体要求")
    assert (m.region, m.admin_level) == (region, level)


def test_level_from_body_words_when_the_title_names_no_place() -> None:
    m = meta("关于加强新时代老龄工作的实施意见\n为加快推进全省老龄事业发展，结合我省实际，制定本意见。\n一、总体要求")
    assert (m.region, m.admin_level) == (None, "province")


def test_doc_number_and_references() -> None:
    doc = parse_text(
        "某市人民政府关于推进养老服务发展的意见\n某政发〔2022〕7号\n"
        "根据《国务院办公厅关于推进养老服务发展的意见》（国办发〔2019〕5号）和《“十四五”国家老龄事业发展和养老服务体系规划》，制定本意见。\n"
        "一、主要任务\n"
    )
    assert doc.doc_number == "某政发〔2022〕7号"
    assert [(r.title, r.doc_number) for r in doc.references] == [
        ("国务院办公厅关于推进养老服务发展的意见", "国办发〔2019〕5号"),
        ("“十四五”国家老龄事业发展和养老服务体系规划", None),
    ]
    assert doc.period is None  # a period named only inside a cited title is not the document's


@pytest.mark.parametrize(
    ("title", "doc_type"),
    [
        ("某区具体措施工作分解台账", "工作分解台账"),
        ("关于加强新时代老龄工作的实施意见", "实施意见"),
        ("某市养老服务体系规划", "规划"),
        ("某县养老服务实施方案", "实施方案"),
        ("某市养老服务管理办法", "管理办法"),
        ("关于推进养老服务发展的若干措施", "若干措施"),
    ],
)
def test_doc_type(title: str, doc_type: str) -> None:
    assert meta(title + "\n一、总体要求").doc_type == doc_type


def test_full_width_date() -> None:
    assert meta("某市养老服务规划\n２０２４年５月２０日\n一、总体要求").issued_date == "2024-05-20"


@pytest.mark.parametrize(
    ("head", "title", "doc_type"),
    [
        ("某市养老服务体系建设规划（2021—2025年）", "某市养老服务体系建设规划（2021—2025年）", "规划"),
        ("某市养老服务体系\n建设规划\n（2021—2025年）", "某市养老服务体系建设规划（2021—2025年）", "规划"),
        ("某县养老服务三年行动计划(2023-2025年)", "某县养老服务三年行动计划(2023-2025年)", "行动计划"),
    ],
)
def test_titles_with_the_years_they_cover(head: str, title: str, doc_type: str) -> None:
    m = meta(head + "\n一、总体要求")
    assert (m.title, m.doc_type) == (title, doc_type)


# --- site chrome, mastheads, signatures ---------------------------------------------------------------


@pytest.mark.parametrize(
    "chrome",
    [
        "欢迎访问南宁市人民政府门户网站 无障碍 | 长者模式 | English",
        "欢迎访问某州人民政府网站",
        "欢迎您来到某区政务网！ 简体 | 繁體 | 手机版",
        "无障碍浏览 关怀版",
        "今天是2024年5月10日 星期五",
    ],
)
def test_a_chrome_line_in_a_saved_page_is_not_part_of_the_title(chrome: str) -> None:
    m = meta(f"{chrome}\n某市人民政府关于推进养老服务高质量发展的实施意见\n某府规〔2025〕6号\n一、总体目标")
    assert (m.title, m.region, m.admin_level) == ("某市人民政府关于推进养老服务高质量发展的实施意见", "某市", "city")
    assert m.issued_date is None  # "今天是……" is the site's clock, not the document's date


def test_a_heading_is_not_joined_to_the_line_above_it() -> None:
    blocks = [
        Paragraph("某区政务网"),
        Paragraph("某区养老服务发展“十四五”规划", outline_level=1),
        Paragraph("为积极应对人口老龄化，制定本规划。"),
        Paragraph("一、规划背景"),
    ]
    assert extract_metadata(blocks).title == "某区养老服务发展“十四五”规划"


@pytest.mark.parametrize(
    ("lines", "date"),
    [
        ("桐庐县人民政府办公室\n2021年12月20日印发", "2021-12-20"),  # the print date under the issuer
        ("2023年5月8日发布", "2023-05-08"),
        ("二〇二二年三月一日印发", "2022-03-01"),
    ],
)
def test_a_date_followed_by_yinfa_is_the_issued_date(lines: str, date: str) -> None:
    m = meta(f"某县“十四五”养老服务发展规划\n{lines}\n为积极应对人口老龄化，制定本规划。\n一、总体要求\n（一）加强领导。")
    assert m.issued_date == date


@pytest.mark.parametrize(
    "colophon",
    [
        "桐庐县人民政府办公室                2021年12月20日印发",
        "抄送：县民政局。\n新市镇党政办公室\u3000\u30002021年12月20日印发",
        "中共某县委办公室  2021-12-20印发",
    ],
)
def test_the_colophon_line_at_the_end_gives_the_date_but_not_the_issuer(colophon: str) -> None:
    m = meta(f"某县“十四五”养老服务发展规划\n一、主要任务\n（一）加强领导。县民政局要加强统筹。\n{colophon}")
    assert m.issued_date == "2021-12-20"
    assert m.issuer is None  # the office that printed the paper is not the issuer


@pytest.mark.parametrize(
    ("masthead", "number", "notice", "title", "issuer", "region", "level"),
    [
        (
            "德清县新市镇人民政府文件", "新政发〔2024〕9号",
            "新市镇人民政府关于印发《新市镇居家养老服务提升三年行动实施方案（2024—2026年）》的通知",
            "新市镇居家养老服务提升三年行动实施方案（2024—2026年）", "德清县新市镇人民政府", "新市镇", "township",
        ),
        (
            "汝城县马桥镇人民政府文件", "马政发〔2023〕3号",
            "马桥镇人民政府关于印发马桥镇敬老院管理办法的通知",
            "马桥镇敬老院管理办法", "汝城县马桥镇人民政府", "马桥镇", "township",
        ),
        (
            "余杭区良渚街道办事处文件", "良办〔2022〕15号",
            "良渚街道办事处关于印发《良渚街道居家养老服务补贴实施细则》的通知",
            "良渚街道居家养老服务补贴实施细则", "余杭区良渚街道办事处", "良渚街道", "township",
        ),
        (
            "平阳县和平乡人民政府文件", "和政〔2021〕2号",
            "和平乡人民政府关于印发和平乡“十四五”养老服务实施方案的通知",
            "和平乡“十四五”养老服务实施方案", "平阳县和平乡人民政府", "和平乡", "township",
        ),
        (
            "马鞍山市人民政府办公室文件", "马政办〔2023〕12号",
            "马鞍山市人民政府办公室关于印发马鞍山市养老服务体系建设实施方案的通知",
            "马鞍山市养老服务体系建设实施方案", "马鞍山市人民政府办公室", "马鞍山市", "city",
        ),
    ],
)  # fmt: skip
def test_masthead_number_and_notice_are_three_things(
    masthead: str, number: str, notice: str, title: str, issuer: str, region: str, level: str
) -> None:
    m = meta(f"{masthead}\n{number}\n{notice}\n各村（社区），各单位：\n现将《实施方案》印发给你们。\n一、工作目标")
    assert m.title == title
    assert m.issuer == issuer  # the masthead's body, never glued with the number or the word 文件
    assert m.doc_number == number
    assert (m.region, m.admin_level) == (region, level)


@pytest.mark.parametrize(
    ("head", "number", "issuer"),
    [
        ("湖南省人民政府令\n第321号", "湖南省人民政府令第321号", "湖南省人民政府"),
        ("湖南省人民政府令 第321号", "湖南省人民政府令第321号", "湖南省人民政府"),
        ("某市人民政府令\n（第5号）", "某市人民政府令第5号", "某市人民政府"),
        ("中华人民共和国国务院令\n第800号", "中华人民共和国国务院令第800号", "中华人民共和国国务院"),
    ],
)
def test_the_number_of_a_government_order(head: str, number: str, issuer: str) -> None:
    m = meta(f"{head}\n《某办法》已经政府常务会议审议通过，现予公布。\n省长\n2023年12月5日\n湖南省居家养老服务办法\n第一章　总则")
    assert (m.doc_number, m.issuer) == (number, issuer)
    assert m.title == "湖南省居家养老服务办法"
    assert m.issued_date == "2023-12-05"


@pytest.mark.parametrize(
    ("title", "signature", "issuer", "region", "level"),
    [
        ("国务院办公厅关于加强失能老年人照护服务体系建设的意见", "国务院办公厅\n2024年10月15日\n（此件公开发布）",
         "国务院办公厅", None, "national"),
        ("关于加强新时代老龄工作的实施意见", "某省人民政府\n二〇二三年五月八日", "某省人民政府", "某省", "province"),
        ("关于推进养老服务发展的若干措施", "中共某市委办公室\n某市人民政府办公室\n2022年1月5日",
         "中共某市委办公室 某市人民政府办公室", "某市", "city"),
        ("关于加强老年人关爱服务的意见", "国务院\n2024年3月1日", "国务院", None, "national"),
    ],
)  # fmt: skip
def test_issuer_from_the_signature_when_there_is_no_masthead(
    title: str, signature: str, issuer: str, region: str | None, level: str
) -> None:
    m = meta(f"{title}\n各有关单位：\n现提出如下意见。\n一、主要任务\n（一）完善服务。民政部门要加强统筹。\n{signature}")
    assert (m.issuer, m.region, m.admin_level) == (issuer, region, level)


# --- the period of the document, not of a task ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "period"),
    [
        # a 2024 意见 whose task aims at the next period
        ("国务院办公厅关于加强失能老年人照护服务体系建设的意见\n现提出如下意见。\n一、主要任务\n"
         "（一）推进长期护理保险。“十五五”期间基本形成政策框架。", None),
        ("某市关于推进养老服务发展的意见\n一、主要任务\n（一）完善网络。到“十四五”末，建成服务圈。", None),
        # a plan looking back on the last period
        ("某县养老服务发展规划\n为积极应对人口老龄化，制定本规划。\n一、“十三五”时期发展成就\n“十三五”期间成效明显。", None),
        # how the document speaks of itself
        ("武侯区关于进一步加强老年人关爱服务工作的若干措施\n"
         "为贯彻落实《国务院关于印发“十三五”国家老龄事业发展和养老体系建设规划的通知》精神，"
         "确保“十三五”时期我区老龄事业发展目标如期实现，结合我区实际，制定以下措施。\n一、完善社会保障", "十三五"),
        ("某县养老服务发展规划\n根据上级要求，结合实际，制定本规划。规划期为2021—2025年。\n一、发展基础", "十四五"),
        ("某市养老服务体系建设规划\n本规划期限为2026年至2030年，展望到2035年。\n一、发展基础", "十五五"),
        ("某市老龄事业发展规划（2021—2025年）\n一、发展基础", "十四五"),
        ("某镇居家养老服务提升三年行动实施方案（2024—2026年）\n制定本方案。\n一、工作目标", None),
        ("某区养老服务“十四五”规划\n一、发展基础", "十四五"),
    ],
)  # fmt: skip
def test_period_from_the_title_or_the_document_speaking_of_itself(text: str, period: str | None) -> None:
    m = meta(text)
    assert (m.period.label if m.period else None) == period


def test_signature_above_the_colophon() -> None:
    m = meta(
        """
        关于加强老年人关爱服务的实施意见
        各乡镇人民政府：
        一、主要任务
        （一）完善服务。县民政局要加强统筹。
        平阳县人民政府
        2021年12月18日
        抄送：县民政局。
        平阳县人民政府办公室    2021年12月20日印发
        """
    )
    assert (m.issuer, m.issued_date) == ("平阳县人民政府", "2021-12-18")  # signed, then printed
    assert (m.region, m.admin_level) == ("平阳县", "county")


@pytest.mark.parametrize("label", ["附件", "附件2", "附件：", "附件 1"])
def test_the_attachment_label_is_not_part_of_the_title(label: str) -> None:
    m = meta(f"{label}\n雨花区“十四五”老龄事业发展规划2025年重点任务分工台账\n一、总体要求")
    assert (m.title, m.region) == ("雨花区“十四五”老龄事业发展规划2025年重点任务分工台账", "雨花区")


@pytest.mark.parametrize(
    ("text", "period"),
    [
        # a period the body names that holds the year of issue
        ("黄桥镇2024年老龄工作要点\n2024年是实施“十四五”规划的关键之年。\n一、重点工作\n黄桥镇人民政府\n2024年2月1日", "十四五"),
        ("国务院办公厅关于健全基本养老服务体系的意见\n一、总体要求\n（一）“十五五”期间力争建成体系。\n"
         "国务院办公厅\n2026年3月1日", "十五五"),
        # one it only aims at, or cites, is not the document's
        ("某市关于推进养老服务发展的意见\n一、总体要求\n（一）“十五五”期间基本形成制度框架。\n某市人民政府\n2024年5月1日", None),
        ("某市民政局关于开展质量提升行动的通知\n根据《某市“十四五”养老服务体系规划》，现通知如下。\n某市民政局\n2024年4月18日",
         None),
    ],
)
def test_period_from_the_body_when_it_holds_the_year_of_issue(text: str, period: str | None) -> None:
    m = meta(text)
    assert (m.period.label if m.period else None) == period


def test_a_wrapper_without_book_title_marks_gives_way_to_the_document() -> None:
    m = meta(
        "江西省人民政府办公厅印发关于推进基本养老服务体系建设的若干措施的通知\n赣府厅发〔2023〕19号\n各设区市人民政府：\n"
        "现印发给你们，请认真贯彻落实。\n江西省人民政府办公厅\n2023年8月14日\n关于推进基本养老服务体系建设的若干措施\n"
        "1．建立基本养老服务清单制度。\n"
    )
    assert m.title == "关于推进基本养老服务体系建设的若干措施"


def test_a_marked_heading_beats_a_line_of_links_that_ends_like_a_title() -> None:
    blocks = [Paragraph("首页 | 政务公开 | 办事服务"), Paragraph("信息公开目录"), Paragraph("部门文件"), Paragraph("规划计划"),
              Paragraph("某区人民政府关于加快发展养老服务业的实施意见", 1), Paragraph("一、总体要求")]
    assert extract_metadata(blocks).title == "某区人民政府关于加快发展养老服务业的实施意见"


def test_a_letter_spaced_letterhead_is_no_part_of_the_title() -> None:
    doc = parse_text("宁 都 县 人 民 政 府 办 公 室\n某县农村养老服务实施方案\n（2023一2025年）\n一、主要任务\n1.建设中心。县民政局负责。\n")
    assert doc.title == "某县农村养老服务实施方案（2023—2025年）"


def test_a_wrapper_of_a_policy_and_its_annex_is_titled_by_the_policy() -> None:
    m = meta("国务院关于印发《银发经济行动方案》和《2024年重点工作分工表》的通知\n各省、自治区、直辖市人民政府：\n现印发给你们。")
    assert m.title == "银发经济行动方案"


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("青羊区2024年养老服务民生实事项目清单", 2024),
        ("黄桥镇2024年老龄工作要点", 2024),
        ("某市养老服务体系建设规划（2021—2025年）", None),
        ("2023年至2025年养老服务行动计划", None),
        ("某市“十四五”养老服务体系规划", None),
    ],
)
def test_the_year_of_an_annual_document(title: str, year: int | None) -> None:
    from agingpolicy.extract.context import _title_year

    assert _title_year(title) == year
