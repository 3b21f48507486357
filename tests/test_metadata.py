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
