"""The web-page reader: decoding, site furniture, tables, headings, flattened indicator tables."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agingpolicy import parse_bytes
from agingpolicy.blocks import Paragraph, Table
from agingpolicy.readers import read_bytes
from agingpolicy.readers.html import decode_html, read_html


def _page(body: str, head: str = '<meta charset="utf-8">') -> bytes:
    return (
        f"<!DOCTYPE html><html><head>{head}<title>规划_某区人民政府</title></head><body>{body}</body></html>".encode()
    )


def _texts(data: bytes) -> list[str]:
    blocks, _ = read_html(data)
    return [b.text for b in blocks if isinstance(b, Paragraph)]


# --- site furniture ----------------------------------------------------------------------------------

FURNISHED_PAGE = """
<script>var nav = "首页";</script><style>.menu { color: red }</style>
<div class="header"><div class="logo">某区人民政府</div></div>
<nav><ul><li>首页</li><li>政务公开</li><li>互动交流</li></ul></nav>
<div id="mainMenu"><a href="/">网站首页</a> <a href="/zw">政务服务</a></div>
<div class="position">您的位置：首页 &gt; 政务公开 &gt; 规划信息</div>
<div class="crumbs">首页 > 信息公开 > 专项规划</div>
<div class="article">
  <h1>某区养老服务发展“十四五”规划</h1>
  <div class="info">发表时间:2021-12-13 来源:区民政局 【字体：大 中 小】</div>
  <p>为积极应对人口老龄化，制定本规划。</p>
  <div class="bdsharebuttonbox share">分享到：微信 微博</div>
  <p>【打印本页】 【关闭窗口】</p>
  <p>当前位置：首页 &gt; 规划</p>
</div>
<aside>相关文章：某区养老服务条例</aside>
<div class="footer">主办单位：某区人民政府办公室 &copy; 2021</div>
<footer>网站标识码：1234567890</footer>
"""


def test_site_furniture_is_dropped_and_metadata_kept() -> None:
    blocks, encoding = read_html(_page(FURNISHED_PAGE))

    assert encoding == "utf-8"
    assert blocks == [
        Paragraph("某区养老服务发展“十四五”规划", outline_level=1),
        Paragraph("发表时间:2021-12-13 来源:区民政局"),
        Paragraph("为积极应对人口老龄化，制定本规划。"),
    ]


def test_a_form_wrapping_the_whole_page_is_not_furniture() -> None:
    body = """<form id="form1" method="post"><div class="nav">首页 政务公开</div>
    <p>第一条 为规范养老服务，制定本办法。</p><p>第二条 本办法适用于全区养老服务机构。</p></form>
    <form action="/search"><input name="q"><button>搜索</button>站内检索</form>"""

    assert _texts(_page(body)) == ["第一条 为规范养老服务，制定本办法。", "第二条 本办法适用于全区养老服务机构。"]


# A government site's article page: a top bar, a header with the site's logo, a menu, a breadcrumb, the
# information table, the article, a page-tools bar, a sidebar and a footer.
SITE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="SiteName" content="{site}"><meta name="ArticleTitle" content="{title}">
<title>{title}_政策文件_{site}</title></head><body>
{top}
<div class="header"><h1 class="logo">{site}</h1><form class="search"><input><button>搜索</button></form></div>
<div class="menu"><a>首页</a> <a>政务公开</a> <a>互动交流</a></div>
<div class="location">当前位置：首页 &gt; 政务公开 &gt; 政策文件</div>
<div class="xxgk"><table><tr><td>索引号：</td><td>0001-2024-01</td><td>成文日期：</td><td>2024年05月08日</td></tr>
<tr><td>标题：</td><td colspan="3">{title}</td></tr></table></div>
<div class="article">{heading}
<div class="tools-bar">发布时间：2024-05-10 来源：{issuer} 【字号：大 中 小】</div>
<p>各有关单位：</p><p>为积极应对人口老龄化，结合我市实际，制定本意见。</p>
<p>一、主要任务</p><p>（一）完善服务网络。市民政局要加强统筹。</p>
<p style="text-align:right">{issuer}</p><p style="text-align:right">2024年5月8日</p>
<div class="attach">相关解读：图解《{title}》</div>
<div class="tools"><a>【打印本页】</a> <a>【关闭窗口】</a> <span>分享到：微信 微博 QQ空间</span></div>
</div>
<div class="sidebar"><h3>相关文件</h3><ul><li>某市民政局关于做好养老服务补贴发放工作的通知 2024-01-15</li></ul></div>
<div class="footer">主办：{issuer}办公室 网站标识码：4501000001</div>
</body></html>"""
TOP_BARS = [
    # a top bar named by its class
    '<div class="top-bar"><span>欢迎访问{site}</span> <a>无障碍</a> | <a>长者模式</a> | <a>English</a></div>',
    # by its id, in camel case
    '<div id="topBar">欢迎来到{site}！ 简体 | 繁體 | 手机版</div>',
    # an accessibility widget
    '<div id="wzaBtn"><a>无障碍浏览</a> <a>关怀版</a></div><div class="welcome">欢迎访问{site}</div>',
    # with a class that says nothing: known only by its words
    '<div class="c1">欢迎访问{site} 无障碍 | 长者模式 | English</div>',
    '<div class="c1"><span>欢迎访问{site}</span></div><div class="c2">今天是2024年5月10日 星期五 适老化模式</div>',
]
SITES = [
    ("南宁市人民政府门户网站", "南宁市人民政府关于推进养老服务高质量发展的实施意见", "南宁市人民政府", "南宁市", "city"),
    ("吉林省人民政府网", "吉林省人民政府关于加强老年人照护服务的实施意见", "吉林省人民政府", "吉林省", "province"),
    ("武侯区政务网", "武侯区关于进一步加强老年人关爱服务工作的若干措施", "成都市武侯区人民政府", "武侯区", "county"),
]
HEADINGS = ['<h1 class="article-title">{title}</h1>', '<div class="title">{title}</div>', "<h2>{title}</h2>"]


@pytest.mark.parametrize("top", TOP_BARS)
@pytest.mark.parametrize(("site", "title", "issuer", "region", "level"), SITES)
@pytest.mark.parametrize("heading", HEADINGS)
def test_site_chrome_never_joins_the_title(top: str, site: str, title: str, issuer: str, region: str, level: str,
                                           heading: str) -> None:  # fmt: skip
    page = SITE_PAGE.format(top=top.format(site=site), heading=heading.format(title=title), site=site, title=title,
                            issuer=issuer)  # fmt: skip
    texts = _texts(page.encode())
    doc = parse_bytes(page.encode(), "page.html")

    assert not [t for t in texts if "欢迎" in t or "无障碍" in t or "微博" in t or "相关" in t or "搜索" in t]
    assert texts[0] == title  # the information table comes before, as a table
    assert (doc.title, doc.region, doc.admin_level) == (title, region, level)
    assert doc.issued_date == "2024-05-10"  # the info bar is kept, its page tools stripped
    assert doc.issuer == issuer  # from the signature


def test_a_header_holding_the_article_title_is_kept() -> None:
    body = """<div class="header">某区人民政府</div>
    <article><header><h1>某区养老服务发展“十四五”规划</h1><p>发布日期：2021-12-13</p></header>
    <p>为积极应对人口老龄化，制定本规划。</p><p>一、规划背景</p><p>“十三五”期间，全区养老服务体系建设取得明显成效。</p>
    </article>"""

    assert _texts(_page(body))[:3] == ["某区养老服务发展“十四五”规划", "发布日期：2021-12-13", "为积极应对人口老龄化，制定本规划。"]


def test_the_title_the_page_declares_is_marked_or_restored() -> None:
    head = '<meta charset="utf-8"><meta name="ArticleTitle" content="某县养老服务体系建设规划（2021—2025年）">'
    titled = "<title>某县养老服务体系建设规划（2021—2025年） - 某县人民政府</title>"
    # a title broken over two lines in the body becomes one heading, apart from the site line above it
    body = "<div>某县政务网</div><div>某县养老服务体系建设规划</div><div>（2021—2025年）</div><p>为积极应对，制定本规划。</p>"
    blocks, _ = read_html(f"<html><head>{head}{titled}</head><body>{body}</body></html>".encode())
    assert blocks[:3] == [
        Paragraph("某县政务网"),
        Paragraph("某县养老服务体系建设规划", 1),
        Paragraph("（2021—2025年）", 1),
    ]
    doc = parse_bytes(f"<html><head>{head}{titled}</head><body>{body}</body></html>".encode(), "p.html")
    assert doc.title == "某县养老服务体系建设规划（2021—2025年）"
    assert doc.period is not None and doc.period.label == "十四五"

    # a body without its title: the title the <title> and the <meta> agree on is put first
    body = "<p>各乡镇人民政府：</p><p>为积极应对，制定本规划。</p><p>一、总体要求</p>"
    blocks, _ = read_html(f"<html><head>{head}{titled}</head><body>{body}</body></html>".encode())
    assert blocks[0] == Paragraph("某县养老服务体系建设规划（2021—2025年）", 1)
    # the <title> alone is enough where it names a policy by its kind, not where it names a page
    blocks, _ = read_html(f'<html><head><meta charset="utf-8">{titled}</head><body>{body}</body></html>'.encode())
    assert blocks[0] == Paragraph("某县养老服务体系建设规划（2021—2025年）", 1)
    page = "<title>政策文件 - 某县人民政府</title>"
    blocks, _ = read_html(f'<html><head><meta charset="utf-8">{page}</head><body>{body}</body></html>'.encode())
    assert blocks[0] == Paragraph("各乡镇人民政府：")


def test_a_lone_page_title_naming_a_policy_is_the_title_even_beside_its_attached_file() -> None:
    html = (
        '<html><head><meta charset="utf-8"><title>河西区“十三五”时期养老服务体系建设实施方案_天津市河西区人民政府'
        "</title></head><body><h1>天津市河西区人民政府</h1><p>发布时间：2017-04-18</p>"
        "<p>为积极应对人口老龄化，制定本方案。</p><p>一、主要任务</p><p>（一）发展居家养老。到2020年建成站点30个。</p>"
        '<p><a href="f.doc">附件：河西区“十三五”时期养老服务体系建设实施方案.doc</a></p></body></html>'
    )
    doc = parse_bytes(html.encode(), "hexi.html")
    assert doc.title == "河西区“十三五”时期养老服务体系建设实施方案"
    assert [t.title for t in doc.tasks] == ["发展居家养老"]


# --- text and headings -------------------------------------------------------------------------------


def test_br_separated_lines_and_block_boundaries() -> None:
    body = """<div>一、总体要求<br>（一）指导思想<br/>坚持以人民为中心。</br>（二）基本原则</div>
    <ul><li>坚持党委领导<li>坚持政府主导</ul><p>段落一<p>段落二"""

    assert _texts(_page(body)) == [
        "一、总体要求",
        "（一）指导思想",
        "坚持以人民为中心。",
        "（二）基本原则",
        "1．坚持党委领导",  # the bullets of a <ul> in the body stand for the numbers of a list level
        "2．坚持政府主导",
        "段落一",
        "段落二",
    ]


def test_headings_entities_and_wrapped_lines() -> None:
    body = """<h2>第一章&nbsp;总体要求</h2><h3>第一节 发展基础</h3>
    <p>&nbsp;&nbsp;为积极应对
       人口老龄化，推进&lt;养老&gt;服务&#x4f53;系建设，到2025
       年床位达到45张。</p>"""

    blocks, _ = read_html(_page(body))

    assert blocks == [
        Paragraph("第一章\xa0总体要求", outline_level=2),
        Paragraph("第一节 发展基础", outline_level=3),
        Paragraph("为积极应对人口老龄化，推进<养老>服务体系建设，到2025 年床位达到45张。"),
    ]


# --- formatting that carries a lost outline --------------------------------------------------------------

LOST_NUMBERS_PAGE = """<h1>国务院办公厅关于推进老年助餐服务高质量发展的意见</h1>
<p style="text-align: center;">国办发〔2024〕27号</p>
<p><strong>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：</strong></p>
<p style="text-indent: 2em;">&nbsp;&nbsp;&nbsp;&nbsp;为推进老年助餐服务高质量发展，经国务院同意，现提出以下意见。</p>
<p style="text-indent: 2em; font-family: 黑体;">&nbsp;&nbsp;&nbsp;&nbsp;<strong>健全老年助餐服务网络</strong></p>
<p style="text-indent: 2em;">&nbsp;&nbsp;&nbsp;&nbsp;<span style="font-family: 楷体, 楷体_GB2312; ">合理布局助餐服务设施。</span>各地要
结合人口分布建设老年食堂。（民政部、住房城乡建设部按职责分工负责）</p>
<p style="text-indent: 2em;">&nbsp;&nbsp;&nbsp;&nbsp;<strong>到2025年</strong>，城市社区助餐服务覆盖率达到75%以上。</p>
<p style="text-indent: 2em;">发挥邮政快递平台作用，<strong>降低送餐成本</strong>。</p>
<p style="text-align: right;"><strong>国务院办公厅</strong></p>
<p style="text-align: right;">2024年6月12日</p>"""


def test_a_lost_outline_keeps_its_formatting_as_levels() -> None:
    """A wholly bold (黑体) line is a heading, a paragraph opening with a 楷体 sentence ending in 。 an item below
    it; bold words inside a sentence, a bold line introducing what follows, and centred or right-aligned lines
    (文号, signature) are none."""
    blocks, _ = read_html(_page(LOST_NUMBERS_PAGE))

    assert [(b.text[:8], b.outline_level) for b in blocks if isinstance(b, Paragraph)] == [
        ("国务院办公厅关于", 1),
        ("国办发〔2024", None),
        ("各省、自治区、直", None),
        ("为推进老年助餐服", None),
        ("健全老年助餐服务", 7),
        ("合理布局助餐服务", 8),
        ("到2025年，城", None),
        ("发挥邮政快递平台", None),
        ("国务院办公厅", None),
        ("2024年6月1", None),
    ]


@pytest.mark.parametrize(
    ("heading", "lead"),
    [
        ("<b>{}</b>", "<strong>{}</strong>"),
        ('<span style="font-weight: bold">{}</span>', '<span style="font-family:KaiTi">{}</span>'),
        ('<span style="font-family:\'黑体\'">{}</span>', '<b style="color:#333">{}</b>'),
        ('<font face="SimHei">{}</font>', '<span style="font: 700 16px 仿宋">{}</span>'),
    ],
)
def test_heading_and_item_formats_of_other_kinds(heading: str, lead: str) -> None:
    body = (
        f"<p>{heading.format('提升老年助餐服务质量')}</p>"
        f"<p>{lead.format('丰富服务方式。')}推广堂食、上门送餐等多种服务方式。</p>"
        f"<p>{lead.format('保障食品安全')}。严格落实食品安全主体责任。</p>"
    )
    blocks, _ = read_html(_page(body))

    assert [b.outline_level for b in blocks] == [7, 8, 8]


def test_formats_rank_heading_lines_first_then_by_first_use() -> None:
    """Bold chapters, 楷体 sections below them (first used after the chapters), bold run-in titles below both:
    the page's own order, not a fixed order of fonts. Bold header cells of a data table before them count for
    nothing, and the table stays a data table."""
    body = """<table><tr><td><strong>指标</strong></td><td><strong>2025年</strong></td></tr>
    <tr><td>城市社区助餐服务覆盖率（%）</td><td>75</td></tr></table>
    <p><strong>健全老年助餐服务网络</strong></p>
    <p><span style="font-family:楷体_GB2312">城市助餐服务</span></p>
    <p><strong>合理布局助餐服务设施。</strong>各地要结合人口分布建设老年食堂。</p>
    <p><strong>提升老年助餐服务质量</strong></p>"""
    blocks, _ = read_html(_page(body))

    assert isinstance(blocks[0], Table)
    assert [b.outline_level for b in blocks[1:]] == [7, 8, 9, 7]


# --- tables ------------------------------------------------------------------------------------------

SPANNING_TABLE = """<p>表前说明</p>
<table border="1">
  <caption>表1 主要指标</caption>
  <thead><tr><th rowspan="2">类别</th><th rowspan="2">指标</th><th colspan="2">目标值</th></tr>
  <tr><th>2020年</th><th>2025年</th></tr></thead>
  <tbody>
  <tr><td rowspan="2">养老服务</td><td>每千名老人床位（张）</td><td>40</td><td>45</td></tr>
  <tr><td>护理型床位占比（%）</td><td colspan="2">55</td></tr>
  <tr><td>健康支撑</td><td>老年医学科设置率<br>（%）</td><td>-</td><td>≥60%</td></tr>
  </tbody>
</table>
<p>表后说明</p>"""


def test_table_with_rowspan_and_colspan_keeps_columns_aligned() -> None:
    blocks, _ = read_html(_page(SPANNING_TABLE))

    assert blocks == [
        Paragraph("表前说明"),
        Table(
            (
                ("类别", "指标", "目标值", ""),
                ("", "", "2020年", "2025年"),
                ("养老服务", "每千名老人床位（张）", "40", "45"),
                ("", "护理型床位占比（%）", "55", ""),
                ("健康支撑", "老年医学科设置率\n（%）", "-", "≥60%"),
            ),
            caption="表1 主要指标",
        ),
        Paragraph("表后说明"),
    ]


def test_one_cell_first_row_becomes_caption() -> None:
    body = """<table><tr><td colspan="3">重点任务分工</td></tr>
    <tr><td>任务</td><td>牵头单位</td><td>完成时限</td></tr>
    <tr><td>建设社区养老服务设施</td><td>区民政局</td><td>2025年底</td></tr></table>"""

    [table] = read_html(_page(body))[0]

    assert table == Table(
        (("任务", "牵头单位", "完成时限"), ("建设社区养老服务设施", "区民政局", "2025年底")),
        caption="重点任务分工",
    )


def test_first_of_numbered_group_rows_is_a_group_not_the_caption() -> None:
    """A header-less 任务清单 opens with its first group row (一、……, spanning the table); the later 二、 row
    shows it is a group of the table, so its rows keep it."""
    body = """<table>
    <tr><td colspan="4" style="font-weight:bold">一、健全养老服务体系</td></tr>
    <tr><td>1</td><td>推进街道综合养老服务中心建设</td><td>区民政局（牵头）<br>各街道（镇）</td><td>2023年12月底前</td></tr>
    <tr><td colspan="4" style="font-weight:bold">二、提升健康养老服务</td></tr>
    <tr><td>2</td><td>做实家庭医生签约服务</td><td>区卫健局</td><td>2023年9月底前</td></tr></table>"""

    [table] = read_html(_page(body))[0]

    assert table.caption is None
    assert [row[0] for row in table.rows] == ["一、健全养老服务体系", "1", "二、提升健康养老服务", "2"]


def test_numbered_title_row_without_a_sibling_group_stays_the_caption() -> None:
    body = """<table><tr><td colspan="2">一、主要指标</td></tr>
    <tr><td>指标</td><td>2025年</td></tr><tr><td>养老机构护理型床位占比（%）</td><td>55</td></tr></table>"""

    [table] = read_html(_page(body))[0]

    assert table.caption == "一、主要指标"
    assert table.rows[0] == ("指标", "2025年")


TASK_TABLE = """<p>某区养老服务年度重点任务</p>
<table border="1">
  <tr><th>序号</th><th>工作任务</th><th>工作内容</th><th>牵头单位</th><th>配合单位</th><th>完成时间</th></tr>
  <tr><td rowspan="2">1</td><td rowspan="2">社区嵌入式养老</td><td>新建社区嵌入式养老服务机构6家。</td>
      <td rowspan="2">区民政局</td><td>区住建局</td><td>2024年10月</td></tr>
  <tr><td>每家机构设置护理型床位不少于10张。</td><td>区卫健局</td><td>2024年12月底前</td></tr>
  <tr><td>2</td><td>老年助餐</td><td>助餐服务覆盖率达到90%以上。</td><td>区民政局、区市场监管局</td><td>各街道</td>
      <td>2025年6月底前</td></tr>
  <tr><td colspan="6">说明：各街道负责本辖区组织实施。</td></tr>
</table>"""


def test_task_table_with_content_column_and_rowspans() -> None:
    """A 工作内容 column beside 工作任务 is the measure column; rowspans continue the task above."""
    doc = parse_bytes(_page(TASK_TABLE), "t.html")
    assert [t.title for t in doc.tasks] == ["社区嵌入式养老", "老年助餐"]
    first, second = doc.tasks
    assert first.text == "新建社区嵌入式养老服务机构6家。\n每家机构设置护理型床位不少于10张。"
    assert [(d.name, d.role) for d in first.departments] == [
        ("区民政局", "lead"), ("区住建局", "co"), ("区卫健局", "co"),
    ]
    assert [(t.value, t.unit, t.comparator) for t in first.targets] == [(6, "家", "="), (10, "张", ">=")]
    assert [(d.year, d.month) for d in first.deadlines] == [(2024, 10), (2024, 12)]
    assert [d.name for d in second.departments] == ["区民政局", "区市场监管局", "各街道"]
    assert not [w for w in doc.warnings if w.code == "table.unread"]


def test_indicator_table_with_group_rows_across_the_table() -> None:
    body = """<p>主要指标</p><table border="1">
    <tr><td>指　　标</td><td>2025年</td><td>2030年</td><td>属　性</td></tr>
    <tr><td colspan="4">社会保障</td></tr>
    <tr><td>基本养老保险参保率（%）</td><td>91</td><td>95</td><td>预期性</td></tr>
    <tr><td colspan="4">养老服务</td></tr>
    <tr><td>养老服务床位总量</td><td>820万张</td><td>900万张以上</td><td>预期性</td></tr>
    <tr><td>老年大学覆盖面</td><td>—</td><td>每个县（市、区、旗）至少1所</td><td>预期性</td></tr>
    </table>"""
    doc = parse_bytes(_page(body), "t.html")
    assert [(i.category, i.name) for i in doc.indicators] == [
        ("社会保障", "基本养老保险参保率"), ("养老服务", "养老服务床位总量"), ("养老服务", "老年大学覆盖面"),
    ]
    assert [(i.target.value, i.target.comparator) for i in doc.indicators if i.target] == [
        (95, "="), (900, ">="), (1, ">="),
    ]


def test_layout_table_is_read_as_blocks() -> None:
    body = """<table width="100%"><tr><td>
      <h1>关于加强新时代老龄工作的实施意见</h1><p>一、总体要求</p>
      <table><tr><td>指标</td><td>目标</td></tr><tr><td>床位</td><td>45张</td></tr></table>
    </td></tr></table>"""

    blocks, _ = read_html(_page(body))

    assert blocks == [
        Paragraph("关于加强新时代老龄工作的实施意见", outline_level=1),
        Paragraph("一、总体要求"),
        Table((("指标", "目标"), ("床位", "45张"))),
    ]


def test_indicator_table_flattened_one_cell_per_line_becomes_a_table() -> None:
    cells = [
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
        "护理型床位占比(%",
        "85",
        "90",
        "四、主要任务",
    ]
    body = "".join(f"<p>{cell}</p>" for cell in cells)

    blocks, _ = read_html(_page(body))

    assert blocks == [
        Paragraph("三、主要指标"),
        Table(
            (
                ("指 标", "2020年值", "2025年目标值"),
                ("接受上门服务的居家老年人占比%", "9.29", "30"),
                ("每千名户籍老人拥有床位(张)", "40", "45"),
                ("护理型床位占比(%", "85", "90"),
            )
        ),
        Paragraph("四、主要任务"),
    ]


# --- decoding ----------------------------------------------------------------------------------------


def test_gbk_page_with_meta_charset() -> None:
    html = '<html><head><meta charset="gbk"></head><body><p>积极应对人口老龄化，发展银发经济。</p></body></html>'

    blocks, encoding = read_html(html.encode("gbk"))

    assert encoding == "gb18030"
    assert blocks == [Paragraph("积极应对人口老龄化，发展银发经济。")]


def test_http_equiv_charset_and_dispatch_by_suffix() -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
        "<body><p>养老服务体系建设</p></body></html>"
    )

    result = read_bytes(html.encode("gb2312"), ".htm")

    assert (result.format, result.encoding) == ("html", "gb18030")
    assert result.blocks == [Paragraph("养老服务体系建设")]


def test_wrong_meta_charset_falls_back_to_detection() -> None:
    html = '<meta charset="utf-8"><p>老年人权益保障</p>'
    assert decode_html(html.encode("gbk")) == (html, "gb18030")


def test_undeclared_gbk_page_is_detected_from_its_text_not_its_markup() -> None:
    script = "<script>" + "function f(x) { return x + 1; }" * 200 + "</script>"
    links = '<div class="item"><a href="/zwgk/ghjh/index.html">养老服务</a></div>' * 20
    html = f"<html><head>{script}</head><body>{links}<p>健全老年人关爱服务体系</p></body></html>"

    blocks, encoding = read_html(html.encode("gbk"))

    assert encoding == "gb18030"
    assert blocks[-1] == Paragraph("健全老年人关爱服务体系")


def test_page_without_declaration_is_decoded_as_text() -> None:
    assert decode_html("<p>医养结合</p>".encode()) == ("<p>医养结合</p>", "utf-8")


# --- robustness --------------------------------------------------------------------------------------


def test_deep_nesting_does_not_exhaust_the_stack() -> None:
    body = "<div><span>" * 3000 + "深层文字" + "</span></div>" * 3000
    assert _texts(_page(body)) == ["深层文字"]


# Pieces of tag soup: unclosed, stray and spanning tags, comments, entities, furniture text.
# fmt: off
SOUP = [
    "<p>", "</p>", "<table>", "</table>", "<tr>", "<td rowspan=0>", "<td colspan=999>", "</td>", "<th>",
    "<br>", "</br>", "<div class=nav>", "</div>", "<h2>", "</h2>", "<li>", "<!--", "-->", "<script>",
    "</script>", "<form>", "</form>", "<caption>", "&nbsp;", "&#", "<", ">", "指标", "2025年", "45",
    "您的位置：", "首页 > ", "\n",
]
# fmt: on


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(SOUP), max_size=60))
def test_any_tag_soup_reads_without_error(parts: list[str]) -> None:
    blocks, _ = read_html("".join(parts).encode())
    assert all(isinstance(b, Paragraph | Table) for b in blocks)


def test_a_box_of_related_links_is_furniture_whatever_its_class() -> None:
    page = (
        "<html><body><div class='main'><div class='left'><h1>洛阳市人民政府关于加快发展养老服务的实施意见</h1>"
        "<p>一、主要任务</p><p>（一）建设区域养老服务中心。到2025年，每个县至少建成1个。</p>"
        "<p>（二）发展助餐服务。每个社区建成1个助餐点。</p><p>（三）加强人才培养。每年培训1000人次。</p></div>"
        "<div class='right'><h3>相关链接</h3><ul><li><a href='/a/1.html'>洛阳市“十四五”民政事业发展规划</a></li></ul>"
        "</div></div></body></html>"
    )
    texts = [b.text for b in read_html(page.encode("utf-8"))[0]]
    assert not any("相关链接" in t or "十四五" in t for t in texts)
    assert "（一）建设区域养老服务中心。到2025年，每个县至少建成1个。" in texts


@pytest.mark.parametrize(
    "title_html",
    [
        '<table><tr><td class="title">{t}</td></tr><tr><td class="content">{body}</td></tr></table>',
        '<div class="art_title">{t}</div><div class="content">{body}</div>',
        '<div id="articleTitle">{t}</div><div>{body}</div>',
    ],
)
def test_an_element_named_title_is_the_title_and_not_joined_to_the_lines_above(title_html: str) -> None:
    body = "<p>一、主要任务</p><p>（一）发展居家养老服务。依托社区服务中心提供助餐服务。（责任单位：区民政局）</p>"
    inner = title_html.format(t="某区关于加快发展养老服务业的实施意见", body=body)
    page = (
        '<html><body><table width="1000"><tr><td width="200"><table><tr><td class="lm">信息公开目录</td></tr>'
        f'<tr><td><a href="#">政府文件</a></td></tr></table></td><td width="800">{inner}</td></tr></table></body></html>'
    )
    doc = parse_bytes(page.encode("utf-8"), "page.html")
    assert doc.title == "某区关于加快发展养老服务业的实施意见"
    assert [(t.title, [d.name for d in t.departments]) for t in doc.tasks] == [("发展居家养老服务", ["区民政局"])]

# --- list numbers --------------------------------------------------------------------------------------

LISTED_TASKS = """
<nav><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul></nav>
<div class="article">
<h1>某市人民政府办公室关于推进基本养老服务体系建设的实施意见</h1>
<h2>二、重点任务</h2>
<h3>（一）健全基本养老服务制度</h3>
<ol class="tasks">
<li><strong>制定基本养老服务清单。</strong>2021年底前向社会公布。（责任单位：市民政局、市财政局）</li>
<li><strong>建立老年人能力综合评估制度。</strong>统一开展评估。（责任单位：市民政局、市卫生健康委）</li>
</ol>
<h2>三、保障措施</h2>
<ul class="dot">
<li><strong>加强组织领导。</strong>建立健全工作协调机制。</li>
<li><strong>强化资金保障。</strong>完善财政投入机制。（责任单位：市财政局）</li>
</ul>
</div>
<div class="list"><h4>热点专题</h4><ul><li><a href="/zt/1.html">积极应对人口老龄化</a></li></ul></div>
"""


def test_list_items_get_the_numbers_the_browser_draws() -> None:
    texts = _texts(_page(LISTED_TASKS))

    assert texts[texts.index("（一）健全基本养老服务制度") + 1 :] == [
        "1．制定基本养老服务清单。2021年底前向社会公布。（责任单位：市民政局、市财政局）",
        "2．建立老年人能力综合评估制度。统一开展评估。（责任单位：市民政局、市卫生健康委）",
        "三、保障措施",
        "（一）加强组织领导。建立健全工作协调机制。",  # the level below 三、
        "（二）强化资金保障。完善财政投入机制。（责任单位：市财政局）",
        "热点专题",
        "积极应对人口老龄化",  # a list of links is no list of items
    ]


def test_listed_tasks_are_tasks_with_their_own_units() -> None:
    doc = parse_bytes(_page(LISTED_TASKS), "yijian.html")

    assert [t.title for t in doc.tasks] == [
        "制定基本养老服务清单",
        "建立老年人能力综合评估制度",
        "加强组织领导",
        "强化资金保障",
    ]
    assert [d.name for d in doc.tasks[1].departments] == ["市民政局", "市卫生健康委"]


def test_menus_in_a_nav_and_link_lists_stay_unnumbered() -> None:
    body = """<nav><ul><li>首页</li><li>政务公开</li></ul></nav>
    <div class="content"><p>一、总体要求</p><p>到2025年，基本养老服务体系基本建立。</p>
    <ul><li><a href="/a.html">某市“十四五”民政事业发展规划</a> 2022-03-01</li>
    <li><a href="/b.html">关于加快发展养老服务业的实施意见政策解读</a> 2021-11-02</li></ul></div>"""

    texts = _texts(_page(body))

    assert "首页" not in texts
    assert texts[-2:] == [
        "某市“十四五”民政事业发展规划 2022-03-01",
        "关于加快发展养老服务业的实施意见政策解读 2021-11-02",
    ]


def test_typed_numbers_are_not_doubled() -> None:
    body = """<p>（二）增强供给能力</p>
    <ol style="list-style:none"><li>1．发展社区养老服务。</li><li>2. 推进家庭养老床位建设。</li></ol>
    <ol><li>（1）加强医养结合。</li><li>a) 培训养老护理员。</li></ol>"""

    assert _texts(_page(body)) == [
        "（二）增强供给能力",
        "1．发展社区养老服务。",
        "2. 推进家庭养老床位建设。",
        "（1）加强医养结合。",
        "a) 培训养老护理员。",
    ]


def test_hidden_markers_give_no_numbers() -> None:
    body = """<ol style="list-style-type: none"><li>发展社区养老服务。</li></ol>"""

    assert _texts(_page(body)) == ["发展社区养老服务。"]


def test_start_value_reversed_and_letter_types() -> None:
    body = """<p>（一）健全制度</p>
    <ol start="3"><li>第三项工作。</li><li value="7">第七项工作。</li><li>第八项工作。</li></ol>
    <p>（二）提升能力</p>
    <ol reversed><li>其二。</li><li>其一。</li></ol>
    <ol type="a"><li>字母编号的一项。</li></ol>"""

    assert _texts(_page(body))[1:4] == ["3．第三项工作。", "7．第七项工作。", "8．第八项工作。"]
    assert _texts(_page(body))[5:] == ["2．其二。", "1．其一。", "1．字母编号的一项。"]


def test_nested_lists_give_the_next_level() -> None:
    body = """<h2>二、重点任务</h2>
    <ol><li>完善服务网络。<ol><li>建设街道综合养老服务中心。</li><li>建设社区养老服务站。</li></ol></li>
    <li>提升服务质量。</li></ol>
    <p>（三）加强人才队伍建设</p>
    <ol style="list-style:none"><li>1．培训护理员。<ol><li>开展岗前培训。</li></ol></li></ol>"""

    assert _texts(_page(body)) == [
        "二、重点任务",
        "（一）完善服务网络。",
        "1．建设街道综合养老服务中心。",
        "2．建设社区养老服务站。",
        "（二）提升服务质量。",
        "（三）加强人才队伍建设",
        "1．培训护理员。",
        "（1）开展岗前培训。",  # below the typed 1．
    ]


def test_a_list_with_nothing_numbered_before_it_starts_at_arabic() -> None:
    body = """<h2>工作要求</h2><ol><li>压实工作责任。</li><li>加强督促检查。</li></ol>"""

    assert _texts(_page(body)) == ["工作要求", "1．压实工作责任。", "2．加强督促检查。"]
