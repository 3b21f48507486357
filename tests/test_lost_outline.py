"""A web page whose numbering was lost: the outline read from its formatting, and never against real numbering."""

from __future__ import annotations

import re

import pytest

from agingpolicy import parse_bytes
from agingpolicy.models import Document, Section


def _parse(body: str, title: str = "国务院办公厅关于推进老年助餐服务高质量发展的意见") -> Document:
    page = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}_国务院文件_中国政府网</title></head>'
        f'<body><div class="nav"><a href="/">首页</a></div><div class="article">{body}</div></body></html>'
    )
    return parse_bytes(page.encode("utf-8"), "page.html")


def _outline(sections: list[Section], depth: int = 1) -> list[tuple[int, str | None, str | None, str]]:
    """(depth, number as written, recovered number, title) for every section, depth-first."""
    out: list[tuple[int, str | None, str | None, str]] = []
    for s in sections:
        out.append((depth, s.number, s.recovered_number, s.title))
        out.extend(_outline(s.children, depth + 1))
    return out


CHAPTER = '<p style="text-indent: 2em; font-family: 黑体;">&nbsp;&nbsp;&nbsp;&nbsp;<strong>{}</strong></p>'
ITEM = (
    '<p style="text-indent: 2em;">&nbsp;&nbsp;&nbsp;&nbsp;<span style="font-family: 楷体, 楷体_GB2312; ">{}</span>'
    "{}</p>"
)
PLAIN = '<p style="text-indent: 2em;">&nbsp;&nbsp;&nbsp;&nbsp;{}</p>'


def _guoban_page(chapter: str = CHAPTER, item: str = ITEM) -> str:
    """A national 意见 as gov.cn shows it once its 一、 and （一） are lost (b05's shape)."""
    return "\n".join(
        [
            "<h1>国务院办公厅关于推进老年助餐服务高质量发展的意见</h1>",
            '<p style="text-align: center;">国办发〔2024〕27号</p>',
            "<p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：</p>",
            PLAIN.format("为推进老年助餐服务高质量发展，经国务院同意，现提出以下意见。"),
            chapter.format("总体要求"),
            PLAIN.format("到2025年，全国城市社区老年助餐服务覆盖率达到75%以上。"),
            chapter.format("健全老年助餐服务网络"),
            item.format("合理布局助餐服务设施。", "各地要统筹利用社区综合服务设施建设老年食堂。（民政部、自然资源部按职责分工负责）"),
            item.format("推动农村助餐服务发展。", "到2026年底，农村地区老年助餐服务覆盖率达到40%以上。（民政部、农业农村部按职责分工负责）"),
            chapter.format("提升老年助餐服务质量"),
            item.format("丰富服务方式。", "有条件的地区每日送餐不少于1次。（民政部、商务部按职责分工负责）"),
            PLAIN.format("发挥邮政快递、即时配送等平台作用，降低送餐成本。"),
            item.format("保障食品安全。", "每年至少开展2次食品安全专项检查。（市场监管总局负责）"),
            '<p style="text-align: right;">国务院办公厅</p>',
            '<p style="text-align: right;">2024年6月12日</p>',
            "<p>（此件公开发布）</p>",
        ]
    )


def test_a_page_that_lost_its_numbers_is_outlined_by_its_formatting() -> None:
    doc = _parse(_guoban_page())

    assert _outline(doc.sections) == [
        (1, None, "一、", "总体要求"),
        (1, None, "二、", "健全老年助餐服务网络"),
        (2, None, "（一）", "合理布局助餐服务设施"),
        (2, None, "（二）", "推动农村助餐服务发展"),
        (1, None, "三、", "提升老年助餐服务质量"),
        (2, None, "（一）", "丰富服务方式"),
        (2, None, "（二）", "保障食品安全"),
    ]
    assert [t.title for t in doc.tasks] == ["合理布局助餐服务设施", "推动农村助餐服务发展", "丰富服务方式", "保障食品安全"]
    serve = doc.tasks[2]
    assert serve.text == "有条件的地区每日送餐不少于1次。（民政部、商务部按职责分工负责）\n发挥邮政快递、即时配送等平台作用，降低送餐成本。"
    assert [(d.name, d.role) for d in serve.departments] == [("民政部", "responsible"), ("商务部", "responsible")]
    assert [(t.comparator, t.value, t.unit) for t in doc.tasks[1].targets] == [(">=", 40, "%")]
    assert doc.title == "国务院办公厅关于推进老年助餐服务高质量发展的意见"
    assert doc.issued_date == "2024-06-12"
    assert sum(w.code == "numbering.recovered" for w in doc.warnings) == 7


@pytest.mark.parametrize(
    ("chapter", "item"),
    [
        ("<p><b>{}</b></p>", "<p><strong>{}</strong>{}</p>"),
        ('<p><span style="font-weight:bold">{}</span></p>', '<p><span style="font-family:KaiTi">{}</span>{}</p>'),
        ('<p style="font-family: 黑体">{}</p>', '<p><span style="font-weight: 700">{}</span>{}</p>'),
        ("<h3>{}</h3>", "<p><b>{}</b>{}</p>"),
    ],
)
def test_other_formats_of_a_lost_outline(chapter: str, item: str) -> None:
    doc = _parse(_guoban_page(chapter, item))

    assert [(t.id, t.title) for t in doc.tasks] == [
        ("二.（一）", "合理布局助餐服务设施"),
        ("二.（二）", "推动农村助餐服务发展"),
        ("三.（一）", "丰富服务方式"),
        ("三.（二）", "保障食品安全"),
    ]


def test_three_formatted_levels_are_three_numbering_levels() -> None:
    """黑体 chapters, 楷体 sections, bold run-in titles: 一、 / （一） / 1．; the deepest are the tasks."""
    body = "\n".join(
        [
            "<h1>某市关于推进老年助餐服务发展的实施方案</h1>",
            "<p>为推进老年助餐服务发展，制定本方案。</p>",
            '<p><span style="font-family:黑体">重点任务</span></p>',
            '<p><span style="font-family:楷体">完善助餐服务网络</span></p>',
            "<p><strong>建设社区老年食堂。</strong>2025年底前每个街道建成1个社区老年食堂。（市民政局负责）</p>",
            "<p><strong>发展农村助餐点。</strong>依托农村幸福院设立助餐点。（市农业农村局负责）</p>",
            '<p><span style="font-family:楷体">提升助餐服务质量</span></p>',
            "<p><strong>保障食品安全。</strong>每年开展2次专项检查。（市市场监管局负责）</p>",
        ]
    )
    doc = _parse(body, "某市关于推进老年助餐服务发展的实施方案")

    assert [(depth, recovered, title) for depth, _, recovered, title in _outline(doc.sections)] == [
        (1, "一、", "重点任务"),
        (2, "（一）", "完善助餐服务网络"),
        (3, "1．", "建设社区老年食堂"),
        (3, "2．", "发展农村助餐点"),
        (2, "（二）", "提升助餐服务质量"),
        (3, "1．", "保障食品安全"),
    ]
    assert [t.title for t in doc.tasks] == ["建设社区老年食堂", "发展农村助餐点", "保障食品安全"]
    assert [d.name for d in doc.tasks[0].departments] == ["市民政局"]


def test_a_bold_title_the_page_does_not_declare_is_no_chapter() -> None:
    body = "\n".join(
        [
            "<p><strong>某区老年助餐服务实施方案</strong></p>",
            "<p>为推进老年助餐服务发展，制定本方案。</p>",
            "<p><strong>主要任务</strong></p>",
            '<p><span style="font-family:楷体">建设社区老年食堂。</span>每个街道建成1个社区老年食堂。</p>',
            '<p><span style="font-family:楷体">发展农村助餐点。</span>依托农村幸福院设立助餐点。</p>',
        ]
    )
    doc = _parse(body, "区政府文件")

    assert doc.title == "某区老年助餐服务实施方案"
    assert [title for _, _, _, title in _outline(doc.sections)] == ["主要任务", "建设社区老年食堂", "发展农村助餐点"]


def test_one_bold_line_in_an_unnumbered_notice_is_emphasis() -> None:
    body = """<h1>某区民政局关于开展老年助餐服务质量检查的通知</h1>
    <p>各街道：</p><p>为保障老年人用餐安全，区民政局决定开展老年助餐服务质量检查。</p>
    <p><strong>检查工作务必严格认真</strong></p><p>各街道要于10月底前完成自查。</p>"""
    doc = _parse(body, "某区民政局关于开展老年助餐服务质量检查的通知")

    assert doc.sections == []
    assert doc.tasks == []


NUMBERED_PAGE = """<h1>某市人民政府关于加快发展养老服务的实施意见</h1>
<p><strong>某政发〔2023〕5号</strong></p>
<p>为加快发展养老服务，<strong>现提出如下意见</strong>。</p>
<p><strong>一、总体要求</strong></p>
<p><strong>（一）主要目标。</strong>到2025年，全市养老服务床位达到4.2万张。</p>
<p><strong>二、健全居家社区养老服务网络</strong></p>
<p><strong>（二）建设区域养老服务中心。</strong>到2025年，每个县至少建成1个区域养老服务中心。</p>
<p><strong>各县区要高度重视。</strong>把中心建设纳入年度重点工作。<span style="font-family:楷体">（责任单位：市民政局）</span></p>
<p><strong>重点工作</strong></p>
<p><strong>（三）发展社区嵌入式服务。</strong>推动社区养老服务设施统筹布局，<strong>连锁化率达到50%以上</strong>。</p>
<p><strong>三、强化组织保障</strong></p>
<p>（四）加强组织领导。市民政局要会同有关部门建立工作推进机制。</p>
<p><strong>加大投入力度。</strong>市、县两级福利彩票公益金用于养老服务的比例不低于55%。</p>
<p>（五）强化督查落实。将养老服务工作纳入市政府督查事项。</p>
<p style="text-align:right">某市人民政府</p><p style="text-align:right">2023年3月1日</p>
<p><strong>附件</strong></p><p><strong>重点任务分工表</strong></p>"""


def test_bold_emphasis_in_a_numbered_page_changes_nothing() -> None:
    """Bold items, a bold 文号, bold words and a bold-led sentence inside an item, a bold line between items and a
    bold 附件 label: where the numbers are there, the tree is the one the text alone gives."""
    plain = re.sub(r"</?strong>|<span[^>]*>|</span>", "", NUMBERED_PAGE)
    title = "某市人民政府关于加快发展养老服务的实施意见"

    bold, bare = _parse(NUMBERED_PAGE, title), _parse(plain, title)

    assert _outline(bold.sections) == _outline(bare.sections)
    assert [(t.id, t.title, t.text) for t in bold.tasks] == [(t.id, t.title, t.text) for t in bare.tasks]
    assert [t.title for t in bold.tasks] == ["建设区域养老服务中心", "发展社区嵌入式服务", "加强组织领导", "强化督查落实"]
    assert "各县区要高度重视。" in bold.tasks[0].text
    assert "加大投入力度。" in bold.tasks[2].text


def test_a_formatted_item_that_lost_its_number_between_numbered_siblings_is_recovered() -> None:
    """（一） and （三） are bold-led; the bold-led paragraph between them is the （二） whose number was lost."""
    body = """<h1>某市人民政府关于加快发展养老服务的实施意见</h1>
    <p><strong>一、健全居家社区养老服务网络</strong></p>
    <p><strong>（一）建设区域养老服务中心。</strong>到2025年，每个县至少建成1个。</p>
    <p><strong>提升居家养老服务能力。</strong>推行家庭养老床位服务，2023年底前在全市推开。</p>
    <p><strong>（三）完善老年助餐服务。</strong>城市社区助餐服务覆盖率达到80%。</p>"""
    doc = _parse(body, "某市人民政府关于加快发展养老服务的实施意见")

    assert [(t.id, t.title) for t in doc.tasks] == [
        ("一.（一）", "建设区域养老服务中心"),
        ("一.（二）", "提升居家养老服务能力"),
        ("一.（三）", "完善老年助餐服务"),
    ]
    assert doc.sections[0].children[1].recovered_number == "（二）"


def test_chapters_that_lost_their_numbers_over_numbered_items() -> None:
    """Only the 一、 level was lost: each bold line over a numbered item opens a chapter, so the goals chapter
    holds no tasks and the work items are grouped under theirs."""
    body = """<h1>某市人民政府关于加快发展养老服务的实施意见</h1>
    <p>为加快发展养老服务，提出如下意见。</p>
    <p><strong>总体要求</strong></p>
    <p>（一）发展目标。到2025年，全市养老服务床位达到4.2万张。</p>
    <p><strong>健全居家社区养老服务网络</strong></p>
    <p>（二）建设区域养老服务中心。到2025年，每个县至少建成1个。</p>
    <p>（三）发展社区嵌入式服务。推动社区养老服务设施统筹布局。</p>"""
    doc = _parse(body, "某市人民政府关于加快发展养老服务的实施意见")

    assert _outline(doc.sections) == [
        (1, None, None, "总体要求"),
        (2, "（一）", None, "发展目标"),
        (1, None, None, "健全居家社区养老服务网络"),
        (2, "（二）", None, "建设区域养老服务中心"),
        (2, "（三）", None, "发展社区嵌入式服务"),
    ]
    assert [t.title for t in doc.tasks] == ["建设区域养老服务中心", "发展社区嵌入式服务"]
