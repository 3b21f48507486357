"""Markdown-like text: headings, emphasis, quotes, rules, inline HTML and pipe tables are markup, not text."""

from __future__ import annotations

import pytest

from agingpolicy import parse_text
from agingpolicy.blocks import Paragraph, Table
from agingpolicy.readers.markdown import read_markdown
from agingpolicy.readers.txt import text_to_blocks

ZUNYI = """# 遵义市推进老年友好型社会建设行动方案（2024—2026年）

为积极应对人口老龄化，加快推进老年友好型社会建设，结合我市实际，制定本方案。

---

## 一、工作目标

到2026年，全市养老服务网络更加完善，创建全国示范性老年友好型社区8个以上。

## 二、主要任务

### （一）完善养老服务网络

**1. 建设区域养老服务中心。** 市民政局要会同市财政局推进乡镇区域养老服务中心建设，2025年底前建成15个。

**2. 发展家庭养老床位。** 各县（市、区）人民政府负责，2026年6月底前新增家庭养老床位800张。

## 三、保障措施

__（一）加强组织领导。__ 市卫生健康局要牵头建立工作调度机制。

*（二）强化督促检查。* 市政府督查室要将任务落实情况纳入年度督查。

<p align="right">遵义市人民政府办公室<br/>2024年3月12日</p>

## 附件

> 注：责任单位列第一位者为牵头单位，其余为配合单位。

序号 | 工作任务 | 责任单位 | 完成时限
:-: | --- | --- | ---
1 | 实施居家适老化改造。为特殊困难老年人家庭实施适老化改造不少于600户。 | 市民政局<br>市残联<br>市住房城乡建设局 | 2025年12月底前
2 | 推进老年助餐服务。新增老年助餐点25个。 | 市民政局<br>市市场监管局 |
"""


def test_a_markdown_document_gives_title_date_and_tasks() -> None:
    doc = parse_text(ZUNYI)

    assert doc.title == "遵义市推进老年友好型社会建设行动方案（2024—2026年）"
    assert str(doc.issued_date) == "2024-03-12"
    assert [t.title for t in doc.tasks] == [
        "建设区域养老服务中心",
        "发展家庭养老床位",
        "加强组织领导",
        "强化督促检查",
        "实施居家适老化改造",
        "推进老年助餐服务",
    ]
    first, second, _, _, table_first, table_second = doc.tasks
    assert [(d.name, d.role) for d in first.departments] == [("市民政局", "lead"), ("市财政局", "co")]
    assert [(t.value, t.unit) for t in first.targets] == [(15, "个")]
    assert [(d.year, d.month) for d in second.deadlines] == [(2026, 6)]
    assert [(t.value, t.unit) for t in second.targets] == [(800, "张")]
    assert [d.name for d in table_first.departments] == ["市民政局", "市残联", "市住房城乡建设局"]  # a <br> each
    assert [(t.value, t.unit, t.comparator) for t in table_first.targets] == [(600, "户", ">=")]
    assert [d.year for d in table_first.deadlines] == [2025]
    assert table_second.deadlines == []  # its 完成时限 cell is empty


def test_headings_are_paragraphs_with_their_level_and_markup_is_dropped() -> None:
    blocks = text_to_blocks(ZUNYI)

    assert blocks[0] == Paragraph("遵义市推进老年友好型社会建设行动方案（2024—2026年）", outline_level=1)
    assert Paragraph("一、工作目标", outline_level=2) in blocks
    assert Paragraph("（一）完善养老服务网络", outline_level=3) in blocks
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert "（一）加强组织领导。 市卫生健康局要牵头建立工作调度机制。" in texts
    assert "（二）强化督促检查。 市政府督查室要将任务落实情况纳入年度督查。" in texts
    assert texts[-4:-1] == ["遵义市人民政府办公室", "2024年3月12日", "附件"]
    assert texts[-1] == "注：责任单位列第一位者为牵头单位，其余为配合单位。"
    assert not any(mark in text for text in texts for mark in ("#", "*", "__", "<", ">", "---"))


def test_a_pipe_table_without_outer_pipes_and_with_an_empty_cell() -> None:
    table = text_to_blocks(ZUNYI)[-1]

    assert isinstance(table, Table)
    assert table.rows == (
        ("序号", "工作任务", "责任单位", "完成时限"),
        ("1", "实施居家适老化改造。为特殊困难老年人家庭实施适老化改造不少于600户。",
         "市民政局\n市残联\n市住房城乡建设局", "2025年12月底前"),
        ("2", "推进老年助餐服务。新增老年助餐点25个。", "市民政局\n市市场监管局", ""),
    )  # fmt: skip


def test_a_pipe_table_with_outer_pipes_escaped_pipes_and_markup_in_cells() -> None:
    text = (
        "| 序号 | 指标 | 2027年目标 |\n"
        "| :--: | :--- | ---: |\n"
        "| 1 | **养老机构护理型床位占比**（%） | ≥65 |\n"
        "| 2 | 老年助餐服务覆盖率 \\| 城区 | 100%<br>（城区） |\n"
        "| 3 | 老年大学覆盖率 |\n"
        "\n"
        "以上指标由市统计局负责监测。\n"
    )

    blocks = text_to_blocks(text)

    assert blocks == [
        Table(
            (
                ("序号", "指标", "2027年目标"),
                ("1", "养老机构护理型床位占比（%）", "≥65"),
                ("2", "老年助餐服务覆盖率 | 城区", "100%\n（城区）"),
                ("3", "老年大学覆盖率", ""),
            )
        ),
        Paragraph("以上指标由市统计局负责监测。"),
    ]


def test_a_document_mixing_markdown_and_plain_lines() -> None:
    text = (
        "## 二、重点任务\n"
        "（一）健全居家社区养老服务网络。区民政局负责，2025年底前建成街道综合养老服务中心6个。\n"
        "**（二）发展老年助餐服务。** 区市场监管局配合做好食品安全监管。\n"
        "- 新增老年助餐点20个\n"
        "- 助餐服务覆盖率达到90%\n"
        "1. 以上任务纳入年度考核。\n"
    )

    lines = [b.text for b in text_to_blocks(text) if isinstance(b, Paragraph)]

    assert lines == [
        "二、重点任务",
        "（一）健全居家社区养老服务网络。区民政局负责，2025年底前建成街道综合养老服务中心6个。",
        "（二）发展老年助餐服务。 区市场监管局配合做好食品安全监管。",
        "新增老年助餐点20个",
        "助餐服务覆盖率达到90%",
        "1. 以上任务纳入年度考核。",
    ]


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("__（三）强化人才支撑。__", "（三）强化人才支撑。"),
        ("**（二）强化资金保障。**市财政局要统筹资金。", "（二）强化资金保障。市财政局要统筹资金。"),
        ("***到2025年，护理型床位占比达到55%。***", "到2025年，护理型床位占比达到55%。"),
        ("区民政局要**统筹**推进", "区民政局要统筹推进"),
        ("详见 *附件2* 。", "详见 附件2 。"),
        ("~~2023年~~2024年6月底前", "2023年2024年6月底前"),
        ("详见[《实施细则》](http://www.example.gov.cn/a.html)", "详见《实施细则》"),
        ("![图1](img/1.png)建设示意", "建设示意"),
        ("[重点任务]{.underline}", "重点任务"),
        ("拨打`12349`热线", "拨打12349热线"),
        ('<span style="font-family: 楷体">加强组织领导。</span>&nbsp;各地要……', "加强组织领导。\xa0各地要……"),
        ("年龄&lt;60岁的除外<!-- 批注 -->", "年龄<60岁的除外"),
        ("> > 注：本表数据截至2023年底。", "注：本表数据截至2023年底。"),
        ("黔南州人民政府办公室\\", "黔南州人民政府办公室"),
        ("2\\. 第二项 \\*", "2. 第二项 *"),
        ("### 三、保障措施 ###", "三、保障措施"),
    ],
)
def test_inline_markup(line: str, text: str) -> None:
    blocks = text_to_blocks(f"# 某县养老服务体系建设方案\n\n{line}\n")

    assert [b.text for b in blocks[1:]] == [text.strip()]


@pytest.mark.parametrize(
    "line",
    [
        "注*：带*号的为约束性指标。",
        "养老机构护理型床位占比（%）5*",
        "*为预期性指标，其余为约束性指标。",
        "每千名老年人养老床位数**、护理型床位占比**为约束性指标。",
        "填表日期：____年__月__日",
        "一、主要任务 # 二、保障措施",
        "— 3 —",
        "- 4 -",
    ],
)
def test_content_that_looks_like_markup_is_kept(line: str) -> None:
    """In a markdown document, an asterisk or underscore that is no emphasis and a page number stay as written."""
    assert read_markdown(["# 某县养老服务体系建设方案", "", line]) == [
        Paragraph("某县养老服务体系建设方案", outline_level=1),
        ["", line],
    ]


@pytest.mark.parametrize(
    "text",
    [
        "某区养老服务体系建设实施方案\n一、主要任务\n（一）加强安全管理。到2025年建成50个。\n— 3 —\n",
        "注*：带*号的为约束性指标。\n类别\t指标\t目标值\n养老服务\t护理型床位占比（%）\t≥55\n",
        "#1 养老服务站\n年龄>60岁的老人 | 80岁以上 | 百岁老人\n---\n* 项\n> 引\n",
    ],
)
def test_a_document_without_markdown_is_left_as_it_is(text: str) -> None:
    lines = text.split("\n")

    assert read_markdown(lines) == [lines]


def test_a_line_with_pipes_but_no_alignment_row_is_text() -> None:
    blocks = text_to_blocks("# 方案\n\n年份 | 床位数\n2025年 | 800张\n")

    assert [b.text for b in blocks if isinstance(b, Paragraph)] == ["方案", "年份 | 床位数", "2025年 | 800张"]


def test_an_html_table_in_markdown_is_read_as_a_table() -> None:
    """pandoc's GitHub writer keeps a table whose cells hold several paragraphs as HTML."""
    text = """## 附件

<table>
<thead>
<tr class="header">
<th>序号</th>
<th>工作任务</th>
<th>责任单位</th>
</tr>
</thead>
<tbody>
<tr class="odd">
<td>1</td>
<td><p>推进医养结合。</p>
<p>二级及以上综合性医院设立老年医学科的比例达到65%以上。</p></td>
<td>县卫生健康局<br />
县民政局</td>
</tr>
</tbody>
</table>

以上任务于2025年底前完成。
"""

    blocks = text_to_blocks(text)

    assert blocks == [
        Paragraph("附件", outline_level=2),
        Table(
            (
                ("序号", "工作任务", "责任单位"),
                (
                    "1",
                    "推进医养结合。\n二级及以上综合性医院设立老年医学科的比例达到65%以上。",
                    "县卫生健康局\n县民政局",
                ),
            )
        ),
        Paragraph("以上任务于2025年底前完成。"),
    ]


def test_a_pandoc_grid_table_is_read_as_a_table() -> None:
    """pandoc's own markdown writes a table whose cells hold several paragraphs as a grid."""
    text = """+------+------------------------------------+----------------+
| 序号 | 工作任务                           | 责任单位       |
+:====:+====================================+================+
| 1    | 建设智慧养老服务平台。             | 市大数据局     |
|      |                                    |                |
|      | 2025年6月底前开通12349             | 市民政局       |
|      | 养老服务热线，接入Wi               |                |
|      | Fi 网络。                          |                |
+------+------------------------------------+----------------+
| 2    | 推进 **老年助餐** 服务。           |                |
+------+------------------------------------+----------------+

以上任务纳入年度考核。
"""

    blocks = text_to_blocks(text)

    assert blocks == [
        Table(
            (
                ("序号", "工作任务", "责任单位"),
                (
                    "1",
                    "建设智慧养老服务平台。\n2025年6月底前开通12349养老服务热线，接入Wi Fi 网络。",
                    "市大数据局\n市民政局",
                ),
                ("2", "推进 老年助餐 服务。", ""),
            )
        ),
        Paragraph("以上任务纳入年度考核。"),
    ]


def test_a_long_line_of_unclosed_marks_is_read_quickly() -> None:
    """Every opening mark looks for its end only SPAN_LIMIT characters ahead."""
    line = "**州民政局 __负责 ~~推进 [附件 *工作 " * 800

    [[text]] = read_markdown(["# 方案", line])[1:]

    assert text == line.rstrip()
