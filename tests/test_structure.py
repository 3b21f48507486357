"""The section tree: numbering levels, headings inline or on their own line, damaged numbering recovered."""

from __future__ import annotations

import pytest

from agingpolicy import parse_text
from agingpolicy.blocks import Block, Paragraph
from agingpolicy.models import Document, Source
from agingpolicy.pipeline import build_document
from agingpolicy.structure import build_tree, classify, split_title


def tree(text: str) -> list[tuple[int, str | None, str | None, str]]:
    """(depth, number as written, recovered number, title) for every node, depth-first."""
    return _outline([Paragraph(line.strip()) for line in text.strip().splitlines() if line.strip()])


def _outline(paragraphs: list[Paragraph]) -> list[tuple[int, str | None, str | None, str]]:
    roots, _, _ = build_tree(paragraphs)
    out: list[tuple[int, str | None, str | None, str]] = []

    def walk(nodes, depth):
        for n in nodes:
            out.append((depth, n.number, n.recovered, n.title))
            walk(n.children, depth + 1)

    walk(roots, 1)
    return out


@pytest.mark.parametrize(
    ("line", "kind", "ordinal", "damage"),
    [
        ("一、指导思想", "cn", 1, None),
        ("十二、保障措施", "cn", 12, None),
        ("（三）完善制度。坚持……", "cn_paren", 3, None),
        ("(三)完善制度", "cn_paren", 3, None),
        ("（十一）探索建立安宁疗护服务体系", "cn_paren", 11, None),
        ("1．社会保险制度", "arabic", 1, None),
        ("2.服务保障能力不断增强", "arabic", 2, None),
        ("3、区级层面", "arabic", 3, None),
        ("（1）完善基本养老保险制度", "arabic_paren", 1, None),
        ("(12)加强监管", "arabic_paren", 12, None),
        ("①建立台账", "circled", 1, None),
        ("第三章 保障措施", "chapter", 3, None),
        ("第二部分 主要任务", "chapter", 2, None),
        ("第十二条 本办法自印发之日起施行。", "article", 12, None),
        ("、保障措施", "cn", None, "lost_number"),
        (")加大经费投入力度强化政府", "cn_paren", None, "lost_number"),
        ("）人口老龄化形势", "cn_paren", None, "lost_number"),
        ("二）健全服务体系", "cn_paren", 2, "lost_bracket"),
        ("4完善社会救助体系。", "arabic", 4, "lost_separator"),
        ("1 打造老年宜居环境。", "arabic", 1, "lost_separator"),
        ("1“居家+机构”的服务理念深入人心。", "arabic", 1, "lost_separator"),
    ],
)
def test_classify(line: str, kind: str, ordinal: int | None, damage: str | None) -> None:
    h = classify(line)
    assert h is not None
    assert (h.kind, h.ordinal, h.damage) == (kind, ordinal, damage)


@pytest.mark.parametrize(
    "line",
    [
        "2025年，全面建成养老服务体系。",
        "2021新建住宅小区养老服务设施配建率达100%",
        "1.5万人参加培训",
        "60周岁以上老年人享受优待。",
        "80%以上的社区建成服务站。",
        "十三五时期成效显著。",
        "——坚持党委领导、各方参与。",
        "12349服务热线全面开通。",
    ],
)
def test_not_a_heading(line: str) -> None:
    assert classify(line) is None


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("（一）以人为本，共建共享。坚持保障和改善民生。", "以人为本，共建共享"),
        ("1．社会福利制度", "社会福利制度"),
        ("（2）健全基本医疗保险制度。逐步提高补助标准。", "健全基本医疗保险制度"),
        # the 。 after the heading was lost: cut before the body's opening verb
        ("2、完善基本养老服务制度进一步明确特惠+特定+普惠的基本服务对象，特惠对象为政府扶助对象，包括城乡特困老年人", "完善基本养老服务制度"),
        ("（三）加大经费投入力度强化政府保基本兜底线职能，加强财政投入保障，并逐年实现稳步增长实现老年人基本公共服务应保尽保。", "加大经费投入力度"),
        ("2开展老年健身运动研究探讨适合老年人群的文化娱乐、体育锻炼项目，鼓励社会相关产业定期组织开展比赛。", "开展老年健身运动"),
        ("（一）指导思想", "指导思想"),
    ],
)
def test_title_split(line: str, title: str) -> None:
    h = classify(line)
    assert h is not None
    end, _ = split_title(line, h.rest_start)
    assert line[h.rest_start : end] == title


def test_levels_nest_by_kind() -> None:
    assert tree(
        """
        四、主要任务
        （一）健全完善社会保障体系
        1．社会保险制度
        （1）完善基本养老保险制度。坚持全覆盖。
        （2）健全基本医疗保险制度。逐步提高。
        2．社会福利制度
        制定实施老年人照顾服务项目。
        （二）扩大养老服务有效供给
        """
    ) == [
        (1, "四、", None, "主要任务"),
        (2, "（一）", None, "健全完善社会保障体系"),
        (3, "1．", None, "社会保险制度"),
        (4, "（1）", None, "完善基本养老保险制度"),
        (4, "（2）", None, "健全基本医疗保险制度"),
        (3, "2．", None, "社会福利制度"),
        (2, "（二）", None, "扩大养老服务有效供给"),
    ]


def test_damaged_numbering_is_recovered() -> None:
    nodes = tree(
        """
        四、工作任务
        (一)强化老年社会保障
        1、推进实施全民参保。聚焦重点群体。
        2完善基本养老服务制度。建立目录。
        (二)优化服务资源布局
        1建设核心区。以街道为主。
        强化养老服务支撑
        1完善养老信息服务平台。建设平台。
        、保障措施
        (一)完善组织协调机制。统筹推进。
        )加大经费投入力度强化政府保基本兜底线职能，加强财政投入保障，并逐年实现稳步增长实现老年人基本公共服务应保尽保。
        """
    )
    assert nodes == [
        (1, "四、", None, "工作任务"),
        (2, "(一)", None, "强化老年社会保障"),
        (3, "1、", None, "推进实施全民参保"),
        (3, "2", None, "完善基本养老服务制度"),
        (2, "(二)", None, "优化服务资源布局"),
        (3, "1", None, "建设核心区"),
        (2, None, "（三）", "强化养老服务支撑"),
        (3, "1", None, "完善养老信息服务平台"),
        (1, None, "五、", "保障措施"),
        (2, "(一)", None, "完善组织协调机制"),
        (2, None, "（二）", "加大经费投入力度"),
    ]


def test_unnumbered_chapter_between_numbered_ones() -> None:
    nodes = tree(
        """
        三、完善老年人健康支撑体系
        （十）建立医养结合工作机制。卫生健康部门牵头。
        （十一）探索建立安宁疗护服务体系。鼓励设置。
        促进老年人社会参与
        （十二）扩大老年教育资源供给。将老年教育纳入终身教育体系。
        """
    )
    assert nodes[3] == (1, None, "四、", "促进老年人社会参与")
    assert nodes[4] == (2, "（十二）", None, "扩大老年教育资源供给")


def test_sequence_check_rejects_a_quantity_that_looks_like_a_number() -> None:
    # "3家" is not item 3 of a list that stands at 1
    nodes = tree(
        """
        一、主要任务
        1．建设服务中心。建设一批中心。
        3家机构完成改造。
        """
    )
    assert [n[3] for n in nodes] == ["主要任务", "建设服务中心"]


def test_doubled_and_gap_numbers_are_warned() -> None:
    doc = parse_text("一、主要任务\n（一）甲任务。做甲。\n（一）乙任务。做乙。\n（三）丙任务。做丙。\n")
    codes = [w.code for w in doc.warnings]
    assert "numbering.doubled" in codes
    assert [t.title for t in doc.tasks] == ["甲任务", "乙任务", "丙任务"]


def test_articles_number_on_across_chapters() -> None:
    doc = parse_text(
        "某市养老服务办法\n第一章 总则\n第一条 为规范管理，制定本办法。\n第二章 服务设施\n"
        "第二条 市民政部门负责统筹规划。\n第三条 各区人民政府应当履行下列职责：\n"
        "（一）制定发展规划；\n（二）建设服务中心。\n第三章 附则\n第四条 本办法自发布之日起施行。\n"
    )
    assert [w.code for w in doc.warnings if w.code.startswith("numbering")] == []
    assert [t.id for t in doc.tasks] == ["第二章.第二条", "第二章.第三条.（一）", "第二章.第三条.（二）"]
    assert [d.name for d in doc.tasks[0].departments] == ["市民政部门"]
    assert [(d.name, d.via) for d in doc.tasks[1].departments] == [("各区人民政府", "section")]


@pytest.mark.parametrize(
    ("chapter", "is_work"),
    [
        ("指导思想", False),
        ("基本原则", False),
        ("工作目标", False),
        ("发展目标", False),
        ("规划背景", False),
        ("总体要求", False),
        ("主要任务", True),
        ("重点任务", True),
        ("保障措施", True),
        ("组织实施", True),
        ("健全养老服务体系", True),
    ],
)
def test_which_chapters_assign_work(chapter: str, is_work: bool) -> None:
    doc = parse_text(f"一、{chapter}\n（一）第一项。内容一。\n（二）第二项。内容二。\n")
    assert bool(doc.tasks) is is_work


def test_an_item_with_children_is_a_section_not_a_task() -> None:
    doc = parse_text("一、主要任务\n（一）健全体系\n1．甲。做甲。\n2．乙。做乙。\n（二）丙。做丙。\n")
    assert [(t.id, t.title) for t in doc.tasks] == [("一.（一）.1", "甲"), ("一.（一）.2", "乙"), ("一.（二）", "丙")]
    assert doc.tasks[0].section_path == ["主要任务", "健全体系"]


def test_body_paragraphs_join_the_item_above() -> None:
    doc = parse_text("一、主要任务\n1．丰富养老服务业态\n充分发挥区位优势。\n加快发展大健康产业。\n")
    assert doc.tasks[0].title == "丰富养老服务业态"
    assert doc.tasks[0].text == "充分发挥区位优势。\n加快发展大健康产业。"


def test_chapters_sections_and_colon_headings() -> None:
    doc = parse_text(
        "某省“十五五”老龄事业发展规划\n第一章 规划背景\n第一节 发展基础\n体系不断完善。\n"
        "第二章 完善养老服务体系\n第一节 发展居家社区养老服务\n"
        "一、完善社区养老服务网络：到2030年，社区养老服务设施实现全覆盖。（省民政厅牵头）\n"
        "二、发展家庭养老床位：“十五五”期间，新增家庭养老床位5万张。\n"
        "第二节 推进机构养老\n一、深化公办养老机构改革。每个县至少有1所供养服务机构。\n"
    )
    assert [(t.id, t.title) for t in doc.tasks] == [
        ("第二章.第一节.一", "完善社区养老服务网络"),
        ("第二章.第一节.二", "发展家庭养老床位"),
        ("第二章.第二节.一", "深化公办养老机构改革"),
    ]
    assert doc.tasks[0].section_path == ["完善养老服务体系", "发展居家社区养老服务"]
    assert [(d.year, d.kind) for d in doc.tasks[1].deadlines] == [(2030, "during")]
    assert [w.code for w in doc.warnings if w.code.startswith("numbering")] == []


@pytest.mark.parametrize(
    "closing",
    [
        "某某市人民政府\n2023年3月1日",
        "本方案自2023年1月1日起施行。",
        "附件：1．重点任务清单\n1．建设服务中心",
        "二〇二三年六月",
        "联系人：张明，联系电话：0571-12345678",
        "杭州市民政局        杭州市财政局\n2024年3月1日",
        "杭州市民政局\n杭州市财政局\n2024年3月1日",
        "抄送：县民政局、县财政局。\n新市镇党政办公室   2024年3月8日印发",
        "某县人民政府办公室  2021年12月20日印发",
        "(此件公开发布)",
        "关于《某市养老服务实施方案（征求意见稿）》的起草说明\n一、起草背景\n（一）调研情况。开展调研12场。",
        "编制说明\n一、编制过程\n（一）征求意见。书面征求30个单位意见。",
    ],
)
def test_the_body_ends_at_signature_date_or_attachments(closing: str) -> None:
    doc = parse_text(f"一、主要任务\n（一）建设服务中心。到2025年建成10个。\n{closing}\n")
    assert [t.title for t in doc.tasks] == ["建设服务中心"]
    assert [d.year for d in doc.tasks[0].deadlines] == [2025]
    assert doc.tasks[0].text == "到2025年建成10个。"


@pytest.mark.parametrize(
    "opening",
    ["2021年6月底前，建成社区养老服务站30个。", "2024年3月起，全面推行助餐服务。", "二〇二五年六月底前完成改造。"],
)
def test_a_paragraph_opening_with_a_date_does_not_end_the_body(opening: str) -> None:
    doc = parse_text(
        f"一、主要任务\n（一）建设服务中心。\n{opening}\n（二）发展助餐服务。到2025年实现全覆盖。\n"
        "（三）加强人才培养。\n某县人民政府\n2021年3月5日\n"
    )
    assert [t.title for t in doc.tasks] == ["建设服务中心", "发展助餐服务", "加强人才培养"]
    assert doc.tasks[0].text == opening
    assert doc.issued_date == "2021-03-05"


def test_a_heading_over_a_task_table_is_not_a_task() -> None:
    doc = parse_text(
        "某区行动计划\n二、重点任务分工\n"
        "\t序号\n\t重点任务\n\t牵头单位\n\n\t1\n\t推进家庭养老床位建设\n\t区民政局\n\n"
    )
    assert [t.title for t in doc.tasks] == ["推进家庭养老床位建设"]


def test_a_ratio_colon_does_not_end_a_heading() -> None:
    doc = parse_text("第一条 养老机构应当配备护理员，护理员与失能老年人的配比不低于1:4；建立值班制度。\n")
    assert doc.tasks[0].title == "养老机构应当配备护理员，护理员与失能老年人的配比不低于1:4；建立值班制度"


def test_a_box_stands_beside_the_text_and_its_items_are_tasks() -> None:
    doc = parse_text(
        "一、主要任务\n（一）加强安全管理。每年排查不少于2次。（市民政局）\n"
        "专栏1 居家社区养老服务重点工程\n1．示范型居家养老服务中心建设工程。到2025年建成14家。\n"
        "2．家庭养老床位建设工程。累计建成500张。\n"
        "（二）提升医养结合能力。到2025年签约率达到90%。\n"
    )
    assert [(t.id, t.title) for t in doc.tasks] == [
        ("一.（一）", "加强安全管理"),
        ("一.专栏1.1", "示范型居家养老服务中心建设工程"),
        ("一.专栏1.2", "家庭养老床位建设工程"),
        ("一.（二）", "提升医养结合能力"),
    ]
    # the box's lines are not the body of the item it interrupts, nor its departments
    assert doc.tasks[0].text == "每年排查不少于2次。（市民政局）"
    assert [d.name for d in doc.tasks[1].departments] == []
    assert doc.tasks[1].section_path == ["主要任务", "专栏1 居家社区养老服务重点工程"]
    assert [(t.text, t.value) for t in doc.tasks[1].targets] == [("14家", 14.0)]
    assert [d.year for d in doc.tasks[1].deadlines] == [2025]
    (chapter,) = doc.sections
    assert [(s.number, s.kind) for s in chapter.children] == [("（一）", "cn_paren"), ("专栏1", "unnumbered"), ("（二）", "cn_paren")]


def test_a_box_without_numbered_items_is_no_task() -> None:
    doc = parse_text(
        "第三章 主要任务\n一、发展居家养老\n（一）建设服务中心。\n"
        "专栏2：重点项目\n社区嵌入式养老服务设施建设项目、老年助餐点建设项目。\n（二）发展助餐服务。\n"
    )
    assert [t.title for t in doc.tasks] == ["建设服务中心", "发展助餐服务"]


def test_a_box_under_a_background_chapter_holds_no_tasks() -> None:
    doc = parse_text(
        "一、发展基础\n（一）成效明显。\n专栏1 “十三五”主要成就\n1．建成养老机构20家。\n2．新增床位3000张。\n"
        "二、主要任务\n（一）建设服务中心。到2025年建成10个。\n"
    )
    assert [t.title for t in doc.tasks] == ["建设服务中心"]


def test_a_note_after_the_items_applies_to_all_of_them() -> None:
    doc = parse_text(
        "一、主要任务\n（一）人才培养\n1．开展技能培训。每年培训1000人次。\n2．完善激励机制。落实补贴。\n"
        "以上任务由市人力社保局牵头，市民政局、市财政局配合。\n（二）其他。做好工作。\n"
    )
    first, second, third = doc.tasks
    for task in (first, second):
        assert [(d.name, d.role) for d in task.departments] == [
            ("市人力社保局", "lead"), ("市民政局", "co"), ("市财政局", "co"),
        ]
    assert second.text == "落实补贴。"
    assert third.departments == []


def test_pre_reform_names_are_noted() -> None:
    doc = parse_text("一、主要任务\n（一）推进医养结合。（责任部门：卫计委、民政局）\n")
    assert [d.canonical for d in doc.tasks[0].departments] == ["卫生健康委", "民政局"]
    assert [w.message for w in doc.warnings if w.code == "department.renamed"] == ["卫计委 is a pre-reform name; now 卫生健康委"]


def test_unnumbered_chapter_names_over_numbered_items() -> None:
    doc = parse_text(
        "某区2024年养老服务工作计划\n为做好工作，制定本计划。\n工作目标\n1．到2024年底，覆盖率达到90%。\n"
        "主要任务\n1．建设服务站。新建10个。（区民政局负责）\n2．开展培训。培训500人次。\n"
        "保障措施\n1．加强领导。区民政局要加强统筹。\n"
    )
    assert [(t.id, t.title) for t in doc.tasks] == [
        ("主要任务.1", "建设服务站"), ("主要任务.2", "开展培训"), ("保障措施.1", "加强领导"),
    ]


@pytest.mark.parametrize("name", ["总　　则", "总 则", "附　　则"])
def test_letter_spaced_chapter_names_of_a_regulation_are_not_work(name: str) -> None:
    doc = parse_text(
        f"某省居家养老服务办法\n第一章　{name}\n第一条　为了规范居家养老服务，制定本办法。\n"
        "第二章　服务\n第二条　县级以上人民政府民政部门应当建立探访制度。\n"
    )
    assert [t.id for t in doc.tasks] == ["第二章.第二条"]


def test_a_letter_spaced_unnumbered_chapter_name_opens_a_section() -> None:
    doc = parse_text("某区方案\n主 要 任 务\n1．建设服务中心\n2．发展家庭养老床位\n保 障 措 施\n1．加强组织领导\n")
    assert [(t.section_path, t.title) for t in doc.tasks] == [
        (["主 要 任 务"], "建设服务中心"),
        (["主 要 任 务"], "发展家庭养老床位"),
        (["保 障 措 施"], "加强组织领导"),
    ]


def test_an_empty_bracket_is_a_lost_numeral_of_the_level_around_it() -> None:
    doc = parse_text(
        "一、主要任务\n（一）加强健康管理。每年体检1次。【责任单位：区卫计委】\n"
        "（）推进医养合作。到2020年签约率达到100%。【牵头单位：区卫计委；责任单位：区民政局】\n（三）发展护理。\n"
        "二、保障措施\n（一）加强领导\n（1）建立机制。\n( )完善考核。\n（3）强化督查。\n"
    )
    assert [(t.id, t.title) for t in doc.tasks] == [
        ("一.（一）", "加强健康管理"),
        ("一.（二）", "推进医养合作"),
        ("一.（三）", "发展护理"),
        ("二.（一）.（1）", "建立机制"),
        ("二.（一）.（2）", "完善考核"),
        ("二.（一）.（3）", "强化督查"),
    ]
    assert [(d.name, d.role) for d in doc.tasks[1].departments] == [("区卫计委", "lead"), ("区民政局", "co")]
    assert [t.text for t in doc.tasks[0].targets] == ["1次"]
    recovered = [w.message for w in doc.warnings if w.code == "numbering.recovered"]
    assert recovered == ["lost number recovered as （二）", "lost number recovered as （2）"]


# --- 第X节 as the deepest item of a 第X章 / 第X节 plan


def test_a_subchapter_holding_prose_is_a_task() -> None:
    doc = parse_text(
        "某省老龄事业发展规划\n第一部分 规划背景\n第二节 面临形势\n老龄化程度持续加深，到2030年老年人口达到1500万。\n"
        "第二部分 总体要求\n第一节 指导思想\n坚持以人民为中心。\n第三节 发展目标\n到2030年，覆盖率达到95%。\n"
        "第十一部分 健全养老服务体系\n第十一节 完善居家养老服务\n到2030年建成社区养老服务站300个。省民政厅要统筹推进。\n"
        "第十二节 发展目标\n到2030年护理型床位占比达到65%。\n"
        "第十二部分 实施保障\n强化规划实施，各级政府要加强领导。\n"
    )
    assert [(t.id, t.section_path, t.title) for t in doc.tasks] == [
        ("第十一部分.第十一节", ["健全养老服务体系"], "完善居家养老服务"),
    ]
    task = doc.tasks[0]
    assert task.text == "到2030年建成社区养老服务站300个。省民政厅要统筹推进。"
    assert [d.name for d in task.departments] == ["省民政厅"]
    assert [d.year for d in task.deadlines] == [2030]


def test_a_subchapter_with_items_is_a_section_and_a_bare_chapter_is_no_task() -> None:
    doc = parse_text(
        "第三章 提升健康服务能力\n第一节 加强老年健康管理\n一、开展健康体检。每年体检1次。\n二、建立健康档案。建档率达到90%。\n"
        "第二节 推进医养结合\n鼓励医疗机构与养老机构签约合作。\n第四章 营造老年友好环境\n推进适老化改造。\n"
    )
    assert [(t.id, t.title) for t in doc.tasks] == [
        ("第三章.第一节.一", "开展健康体检"),
        ("第三章.第一节.二", "建立健康档案"),
        ("第三章.第二节", "推进医养结合"),
    ]


def paragraphs(text: str) -> Document:
    """The document of these lines taken as paragraphs as they stand (no reader joining short lines)."""
    blocks: list[Block] = [Paragraph(line.strip()) for line in text.splitlines() if line.strip()]
    return build_document(blocks, Source(path="t.txt", format="txt", encoding="utf-8", sha256="", size=0))


def test_a_box_does_not_count_as_a_child_of_the_subchapter_it_follows() -> None:
    doc = paragraphs(
        "第五章 扩大普惠养老服务\n第一节 建设普惠养老服务网络\n发挥中央预算内投资引导作用，到2030年新增床位10万张。\n"
        "专栏2 普惠养老服务重点工程\n1．城企联动普惠养老专项行动。新增普惠床位5万张。\n2．社区嵌入式设施建设工程。建设1000个。\n"
        "第二节 发展老年助餐服务\n民政部要构建老年助餐服务网络。\n"
        "第三节 推进重点工程\n专栏3 助餐服务重点工程\n1．老年食堂建设工程。建设老年食堂1万个。\n"
    )
    assert [(t.id, t.section_path, t.title) for t in doc.tasks] == [
        ("第五章.第一节", ["扩大普惠养老服务"], "建设普惠养老服务网络"),
        ("第五章.第一节.专栏2.1", ["扩大普惠养老服务", "建设普惠养老服务网络", "专栏2 普惠养老服务重点工程"],
         "城企联动普惠养老专项行动"),
        ("第五章.第一节.专栏2.2", ["扩大普惠养老服务", "建设普惠养老服务网络", "专栏2 普惠养老服务重点工程"],
         "社区嵌入式设施建设工程"),
        ("第五章.第二节", ["扩大普惠养老服务"], "发展老年助餐服务"),
        # a 节 whose only child is a box is still an item of its own (with no text)
        ("第五章.第三节", ["扩大普惠养老服务"], "推进重点工程"),
        ("第五章.第三节.专栏3.1", ["扩大普惠养老服务", "推进重点工程", "专栏3 助餐服务重点工程"], "老年食堂建设工程"),
    ]
    first = doc.tasks[0]
    assert first.text == "发挥中央预算内投资引导作用，到2030年新增床位10万张。"
    assert [(t.value, t.unit) for t in first.targets] == [(10, "万张")]
    assert doc.tasks[4].text == ""


def test_a_box_in_a_background_subchapter_holds_no_tasks() -> None:
    doc = parse_text(
        "第一章 发展基础\n第一节 主要成就\n养老服务体系不断完善。\n专栏1 “十四五”主要成就\n1．建成养老机构200家。\n"
        "第二章 主要任务\n第一节 发展居家养老\n建设服务中心。\n"
    )
    assert [t.id for t in doc.tasks] == ["第二章.第一节"]


# --- an item opening with its subject and a modal verb has no heading of its own: its title is the first sentence


@pytest.mark.parametrize(
    "line",
    [
        "1.各县（市）区民政局要加快推进街道综合养老服务中心建设，2022年底前实现街道综合养老服务中心全覆盖。新建站点40个。",
        "（二）各乡镇人民政府应当加强农村互助养老服务设施建设，每个行政村建成互助幸福院1个以上。到2025年全覆盖。",
    ],
)
def test_a_subject_with_its_modal_verb_is_no_heading(line: str) -> None:
    h = classify(line)
    assert h is not None
    end, _ = split_title(line, h.rest_start)
    assert line[end] == "。" and "，" in line[h.rest_start : end]


# --- a heading whose title opens with a year


@pytest.mark.parametrize(
    ("line", "kind", "title"),
    [
        ("三、2023年度重点任务", "cn", "2023年度重点任务"),
        ("一、2024年工作目标", "cn", "2024年工作目标"),
        ("（二）2025年重点工作", "cn_paren", "2025年重点工作"),
        ("(十)2026年起实施的项目", "cn_paren", "2026年起实施的项目"),
        ("第四章 2030年远景展望", "chapter", "2030年远景展望"),
        ("（3）2027年建设任务", "arabic_paren", "2027年建设任务"),
        ("②2025年底前完成改造", "circled", "2025年底前完成改造"),
        ("2．2024年重点工作", "arabic", "2024年重点工作"),
        ("4、2019年度工作安排", "arabic", "2019年度工作安排"),
    ],
)
def test_a_title_may_open_with_a_year(line: str, kind: str, title: str) -> None:
    h = classify(line)
    assert h is not None and h.kind == kind
    end, _ = split_title(line, h.rest_start)
    assert line[h.rest_start : end] == title


@pytest.mark.parametrize(
    "line",
    [
        "1、2个街道开展试点。",  # after a bare Arabic number, digits that are not a year are a quantity
        "3、5年内基本建成。",
        "1 000名护理员参加培训。",
        "2 2025年完成。",  # a lost separator never opens with digits
    ],
)
def test_digits_after_a_bare_arabic_number_are_a_quantity(line: str) -> None:
    assert classify(line) is None


def test_a_year_chapter_is_a_chapter_not_the_tail_of_the_last_task() -> None:
    doc = parse_text(
        "某区养老服务行动方案\n一、2024年工作目标\n（一）床位目标。到2024年底护理型床位占比达到55%。\n"
        "二、主要任务\n（一）发展家庭养老床位。到2025年建设家庭养老床位600张。（责任单位：区民政局）\n"
        "三、2025年重点工作\n（一）建设区养老服务综合体。2025年底前完成主体工程。（责任单位：区民政局）\n"
        "（二）开展护理员培训。培训500人次以上。（责任单位：区人力社保局）\n"
    )
    assert [(t.id, t.section_path, t.title) for t in doc.tasks] == [
        ("二.（一）", ["主要任务"], "发展家庭养老床位"),
        ("三.（一）", ["2025年重点工作"], "建设区养老服务综合体"),
        ("三.（二）", ["2025年重点工作"], "开展护理员培训"),
    ]
    assert doc.tasks[0].text == "到2025年建设家庭养老床位600张。（责任单位：区民政局）"
    assert [d.year for d in doc.tasks[0].deadlines] == [2025]
    assert [w.code for w in doc.warnings if w.code.startswith("numbering")] == []


def test_a_heading_with_a_line_introducing_a_task_table_is_not_a_task() -> None:
    doc = parse_text(
        "某县行动方案\n一、主要任务\n（一）发展家庭养老床位。到2025年建设600张。\n"
        "二、2024年度重点任务\n2024年，重点推进以下2项任务：\n"
        "\t序号\n\t重点任务\n\t牵头单位\n\n\t1\n\t推进家庭养老床位建设\n\t县民政局\n\n\t2\n\t开展护理员培训\n\t县人力社保局\n\n"
        "三、保障措施\n（一）加强组织领导。县民政局要加强统筹。\n"
    )
    assert [t.title for t in doc.tasks] == ["发展家庭养老床位", "推进家庭养老床位建设", "开展护理员培训", "加强组织领导"]
    assert [d.year for d in doc.tasks[0].deadlines] == [2025]


# --- 一. (a half-width full stop after a Chinese numeral)


@pytest.mark.parametrize(
    ("line", "ordinal", "title"),
    [
        ("一.总体目标", 1, "总体目标"),
        ("二.重点任务", 2, "重点任务"),
        ("十一.“十五五”时期主要任务", 11, "“十五五”时期主要任务"),
        ("三. 保障措施", 3, "保障措施"),
        ("四.2025年工作安排", 4, "2025年工作安排"),
    ],
)
def test_a_half_width_full_stop_after_a_chinese_numeral(line: str, ordinal: int, title: str) -> None:
    h = classify(line)
    assert h is not None and (h.kind, h.ordinal, h.damage) == ("cn", ordinal, None)
    end, _ = split_title(line, h.rest_start)
    assert line[h.rest_start : end] == title


def test_a_full_width_sentence_stop_after_a_numeral_is_no_heading() -> None:
    # "……是全国首批试点地区之" / "一。……": a wrapped line starting with 一。 ends a sentence
    assert classify("一。下一步将继续推进。") is None


def test_chapters_numbered_with_a_half_width_stop_fence_off_their_items() -> None:
    doc = parse_text(
        "某县养老服务实施方案\n一.工作目标\n(1)床位目标。到2027年护理型床位占比达到60%。\n"
        "二.主要任务\n(1)建设县级失能照护服务机构。改造提升县社会福利中心。（责任单位：县民政局）\n"
        "(2)推进乡镇区域养老服务中心建设。整合敬老院资源。\n三．保障措施\n(1)加强组织领导。县民政局要加强统筹。\n"
    )
    assert [(t.id, t.section_path) for t in doc.tasks] == [
        ("二.(1)", ["主要任务"]), ("二.(2)", ["主要任务"]), ("三.(1)", ["保障措施"]),
    ]
    assert [w.code for w in doc.warnings if w.code.startswith("numbering")] == []


# --- 1) / 1） (no opening bracket): a level of the document's own, or a （N） that lost its bracket


def kinds(doc: Document) -> list[tuple[int, str | None, str]]:
    out: list[tuple[int, str | None, str]] = []

    def walk(sections, depth):
        for s in sections:
            out.append((depth, s.number, s.kind))
            walk(s.children, depth + 1)

    walk(doc.sections, 1)
    return out


@pytest.mark.parametrize("line", ["1)健全农村养老服务网络", "2）加强监管", "12) 推进数字化"])
def test_a_bare_closing_bracket_is_classified_as_its_own_kind(line: str) -> None:
    h = classify(line)
    assert h is not None and (h.kind, h.damage) == ("arabic_rparen", None)


def test_rparen_items_over_bracketed_ones() -> None:
    # (1) opens right under 4): N) ranks above (N) in this document, and (1) under 三． is still a child of 三．
    doc = paragraphs(
        "某县加快发展农村养老服务实施方案\n一.总体目标\n到2027年，农村养老服务网络基本健全。\n二.重点任务\n"
        "1)健全服务网络\n①建设县级照护机构。改造提升县社会福利中心。\n②推进乡镇中心建设。整合敬老院资源。\n"
        "2)强化健康服务\n①做实家庭医生签约服务。县卫生健康局要组织签约。\n"
        "3)加强队伍建设\n(1)培育护理员队伍。每年培训不少于300人次。\n(2)发展志愿服务。组建志愿服务队伍。\n"
        "4)推进数字化。2026年底前建成智慧养老服务平台。（责任单位：县大数据发展管理局）\n"
        "三．保障措施\n(1)加强组织领导。县民政局要加强统筹。\n(2)强化要素保障。县财政局要保障经费。\n"
    )
    assert [(t.id, t.section_path) for t in doc.tasks] == [
        ("二.1).①", ["重点任务", "健全服务网络"]),
        ("二.1).②", ["重点任务", "健全服务网络"]),
        ("二.2).①", ["重点任务", "强化健康服务"]),
        ("二.3).(1)", ["重点任务", "加强队伍建设"]),
        ("二.3).(2)", ["重点任务", "加强队伍建设"]),
        ("二.4)", ["重点任务"]),
        ("三.(1)", ["保障措施"]),
        ("三.(2)", ["保障措施"]),
    ]
    assert doc.tasks[4].text == "组建志愿服务队伍。"  # 4) is not swallowed by (2)
    assert [d.year for d in doc.tasks[5].deadlines] == [2026]
    assert [d.name for d in doc.tasks[5].departments] == ["县大数据发展管理局"]
    assert ("二.", "cn") in [(n, k) for _, n, k in kinds(doc)]
    assert [(d, n, k) for d, n, k in kinds(doc) if k == "arabic_rparen"] == [
        (2, "1)", "arabic_rparen"), (2, "2)", "arabic_rparen"), (2, "3)", "arabic_rparen"), (2, "4)", "arabic_rparen"),
    ]
    assert [w.code for w in doc.warnings if w.code.startswith("numbering")] == []


@pytest.mark.parametrize("parent", [("（1）", "（2）"), ("1．", "2．")])
def test_rparen_items_under_bracketed_or_dotted_ones(parent: tuple[str, str]) -> None:
    first, second = parent
    doc = parse_text(
        f"一、主要任务\n（一）发展居家养老\n{first}建设服务网络\n1）建设街道中心。每个街道建成1个。\n"
        f"2）建设社区站点。覆盖率达到90%。\n{second}发展助餐服务。新增助餐点20个。\n"
    )
    assert [(t.id, t.title) for t in doc.tasks] == [
        (f"一.（一）.{first.rstrip('．')}.1）", "建设街道中心"),
        (f"一.（一）.{first.rstrip('．')}.2）", "建设社区站点"),
        (f"一.（一）.{second.rstrip('．')}", "发展助餐服务"),
    ]


@pytest.mark.parametrize(
    ("numbers", "code"),
    [(["1)", "2)", "3)", "3)", "4)"], "numbering.doubled"), (["1)", "3)", "4)", "5)"], "numbering.gap")],
)
def test_a_doubled_or_skipped_rparen_number_is_warned_and_swallows_nothing(numbers: list[str], code: str) -> None:
    text = "某县实施方案\n二、重点任务\n" + "".join(
        f"{n}第{k}项工作\n①落实第{k}项。县民政局要负责。\n" for k, n in enumerate(numbers, 1)
    )
    doc = parse_text(text)
    (chapter,) = doc.sections
    assert [s.title for s in chapter.children] == [f"第{k}项工作" for k in range(1, len(numbers) + 1)]
    assert [t.text for t in doc.tasks] == ["县民政局要负责。"] * len(numbers)
    assert code in [w.code for w in doc.warnings]


@pytest.mark.parametrize(
    "items",
    [
        # a lost opening bracket inside a （N） sequence
        ["（1）建立机制。", "2）完善考核。", "（3）强化督查。"],
        # the first item lost it
        ["1）建立机制。", "（2）完善考核。", "（3）强化督查。"],
        # two in a row, half-width
        ["(1)建立机制。", "2)完善考核。", "3)强化督查。", "(4)加强宣传。"],
    ],
)
def test_a_bare_number_inside_a_bracketed_sequence_is_a_lost_bracket(items: list[str]) -> None:
    doc = parse_text("一、保障措施\n（一）加强领导\n" + "\n".join(items) + "\n")
    assert [t.title for t in doc.tasks] == [item.split("）")[-1].split(")")[-1].rstrip("。") for item in items]
    assert [s.kind for s in doc.sections[0].children[0].children] == ["arabic_paren"] * len(items)
    damaged = [w.message for w in doc.warnings if w.code == "numbering.damaged"]
    assert len(damaged) == sum(not item.startswith(("（", "(")) for item in items)
    assert all("lost_bracket" in m for m in damaged)
    assert not [w for w in doc.warnings if w.code in ("numbering.gap", "numbering.doubled")]


def test_a_document_may_use_both_a_rparen_level_and_a_damaged_bracket() -> None:
    doc = parse_text(
        "一、主要任务\n1)建设服务网络。新建站点10个。\n2)发展助餐服务。新增助餐点20个。\n"
        "二、保障措施\n（1）加强领导。\n2）完善考核。\n（3）强化督查。\n"
    )
    assert [(d, n, k) for d, n, k in kinds(doc)] == [
        (1, "一、", "cn"), (2, "1)", "arabic_rparen"), (2, "2)", "arabic_rparen"),
        (1, "二、", "cn"), (2, "（1）", "arabic_paren"), (2, "2）", "arabic_paren"), (2, "（3）", "arabic_paren"),
    ]
    assert len(doc.tasks) == 5


def test_a_stray_bare_number_that_fits_no_sequence_is_body() -> None:
    # no 1) anywhere: the document does not use N) as a level, and 3） does not continue （1）
    doc = parse_text("一、主要任务\n（一）建设服务中心。到2025年建成10个。\n（1）新建中心。\n3）年内完成选址。\n")
    assert [t.title for t in doc.tasks] == ["新建中心"]
    assert doc.tasks[0].text == "3）年内完成选址。"


def test_the_record_format_names_the_rparen_level() -> None:
    doc = parse_text("一、主要任务\n1）建设服务网络。\n2）发展助餐服务。\n")
    assert doc.schema_version >= "1.2"
    assert [s.kind for s in doc.sections[0].children] == ["arabic_rparen", "arabic_rparen"]


def test_a_rparen_after_bracketed_items_continues_its_own_sequence() -> None:
    # 4) follows (3), but it continues 3): a level of its own, not a lost bracket of (4)
    doc = parse_text(
        "一、主要任务\n1)建设服务网络。新建站点10个。\n2)发展助餐服务。新增助餐点20个。\n3)加强队伍建设\n"
        "(1)培训护理员。\n(2)发展志愿服务。\n(3)培育社会工作者。\n4)推进数字化。建成平台。\n"
    )
    assert [t.id for t in doc.tasks] == ["一.1)", "一.2)", "一.3).(1)", "一.3).(2)", "一.3).(3)", "一.4)"]
    assert doc.tasks[4].text == ""
    assert not [w for w in doc.warnings if w.code.startswith("numbering")]


def test_an_article_naming_a_goal_word_in_its_sentence_is_still_work() -> None:
    doc = parse_text(
        "某市老年人助餐服务办法\n第一章　总　　则\n第一条　为了规范老年人助餐服务，制定本办法。\n第二章　职责分工\n"
        "第二条　市老龄工作委员会应当将老年人助餐服务纳入老龄工作目标责任考核，每年通报一次考核结果。\n"
        "第三条　民政部门应当坚持基本原则，做好统筹。\n"
    )
    assert [t.id for t in doc.tasks] == ["第二章.第二条", "第二章.第三条"]
    assert [(d.name, d.role) for d in doc.tasks[0].departments] == [("市老龄工作委员会", "responsible")]


def test_an_item_inside_an_article_is_titled_by_its_whole_first_sentence() -> None:
    doc = parse_text(
        "某市老年人助餐服务办法\n第二章　职责分工\n第六条　有关部门按照下列规定履行职责：\n"
        "（一）民政部门负责老年人助餐服务的统筹规划、指导协调和监督管理，到2027年底实现覆盖率达到90%以上；\n"
        "（二）财政部门负责落实老年人助餐服务补贴资金，并对资金使用情况进行监督。\n"
    )
    assert [t.title for t in doc.tasks] == [
        "民政部门负责老年人助餐服务的统筹规划、指导协调和监督管理，到2027年底实现覆盖率达到90%以上",
        "财政部门负责落实老年人助餐服务补贴资金，并对资金使用情况进行监督",
    ]


def test_an_item_titled_by_a_unit_gives_that_unit_its_duties() -> None:
    doc = parse_text(
        "宁乡县老龄工作委员会成员单位职责\n二、成员单位职责\n1．县民政局：负责养老服务体系建设；承担高龄津贴发放工作。\n"
        "2．县妇联：负责维护老年妇女合法权益。\n3．县财政局：配合做好经费保障。\n4．其他事项：按有关规定执行。\n"
    )
    assert [(t.title, [(d.name, d.role) for d in t.departments]) for t in doc.tasks] == [
        ("县民政局", [("县民政局", "responsible")]),
        ("县妇联", [("县妇联", "responsible")]),
        ("县财政局", [("县财政局", "co")]),
        ("其他事项", []),
    ]


def test_labelled_lines_of_one_task_rank_its_units_together() -> None:
    doc = parse_text(
        "合肥市养老服务三年行动计划（2024—2026年）\n一、重点任务\n（一）推进街道综合养老服务中心建设。每年新建10个。\n"
        "牵头单位：市民政局\n责任单位：市财政局、各县（市）区政府\n"
    )
    assert [(d.name, d.role) for d in doc.tasks[0].departments] == [
        ("市民政局", "lead"), ("市财政局", "co"), ("各县（市）区政府", "co"),
    ]


@pytest.mark.parametrize("note", ["以上第1—2项由区民政局牵头，各街道办事处配合。", "以上两项由区民政局牵头，各街道办事处配合。"])
def test_a_note_on_some_items_applies_to_them_alone(note: str) -> None:
    doc = parse_text(
        "某区实施方案\n二、重点任务\n（一）强化供给\n1．兜牢底线。护理型床位占比达到55%以上。\n"
        f"2．发展嵌入式养老。2024年底前建成1个综合体。\n{note}\n3．推进助餐。覆盖率达到90%。（责任单位：区市场监管局）\n"
    )
    assert [[(d.name, d.role) for d in t.departments] for t in doc.tasks] == [
        [("区民政局", "lead"), ("各街道办事处", "co")],
        [("区民政局", "lead"), ("各街道办事处", "co")],
        [("区市场监管局", "responsible")],
    ]


def test_decimal_outline_numbering() -> None:
    doc = parse_text(
        "嘉兴市养老服务设施布局专项规划（2021—2035年）\n第一部分　规划总则\n1 规划背景\n1.1 现状基础\n"
        "截至2020年底，全市共有养老机构186家。\n2 规划目标\n2.1 近期目标\n到2025年，护理型床位占比达到60%。\n"
        "第二部分　规划内容\n3 设施布局\n3.1 机构养老设施\n3.1.1 优化市级养老机构布局\n"
        "新增床位不少于1200张。由市民政局牵头，市发展改革委配合。\n3.1.2 提升县级特困供养机构\n"
        "2023年底前，护理型床位占比不低于55%。各县（市、区）人民政府负责。\n3.2 社区养老设施\n"
        "每年补建不少于30处。市住房城乡建设局负责。\n"
    )
    assert [(t.id, t.title) for t in doc.tasks] == [
        ("第二部分.3.3.1.3.1.1", "优化市级养老机构布局"),
        ("第二部分.3.3.1.3.1.2", "提升县级特困供养机构"),
        ("第二部分.3.3.2", "社区养老设施"),
    ]
    assert [(d.name, d.role) for d in doc.tasks[0].departments] == [("市民政局", "lead"), ("市发展改革委", "co")]
    (_, content) = doc.sections
    assert [(s.number, s.kind) for s in content.children[0].children] == [("3.1", "decimal2"), ("3.2", "decimal2")]
    assert doc.schema_version == "1.3"


def test_a_decimal_number_in_a_sentence_is_no_heading() -> None:
    doc = parse_text("一、主要任务\n（一）发展普惠养老。1.5万张床位纳入普惠范围。\n")
    assert [t.title for t in doc.tasks] == ["发展普惠养老"]


def test_an_attached_document_after_the_signature_has_its_own_tree() -> None:
    doc = parse_text(
        "国务院关于印发《银发经济行动方案》的通知\n各省、自治区、直辖市人民政府：\n现将《银发经济行动方案》印发给你们。\n"
        "附件：1．银发经济行动方案\n2．2024年重点工作分工表\n国务院\n2024年1月15日\n"
        "附件1\n银发经济行动方案\n一、发展民生事业\n（一）扩大老年助餐服务。到2025年覆盖率达到60%。（民政部牵头，财政部按职责分工负责）\n"
        "（二）拓展居家助老服务。培育服务品牌100个以上。\n附件2\n2024年重点工作分工表\n"
    )
    # the attachment list is no task; the attached plan's items are
    assert [t.title for t in doc.tasks] == ["扩大老年助餐服务", "拓展居家助老服务"]
    assert [(d.name, d.role) for d in doc.tasks[0].departments] == [("民政部", "lead"), ("财政部", "co")]


def test_an_attachment_after_a_numbered_notice_is_read_under_its_label() -> None:
    doc = parse_text(
        "某市民政局关于开展养老服务质量提升行动的通知\n一、工作任务\n（一）按时报送材料。请各区民政局于5月31日前报送。\n"
        "附件：银发经济行动方案\n某市民政局\n2024年1月15日\n"
        "附件1\n银发经济行动方案\n一、发展民生事业\n（一）扩大老年助餐服务。到2025年覆盖率达到60%。（市民政局牵头，市财政局按职责分工负责）\n"
    )
    assert [(t.id, t.title) for t in doc.tasks] == [
        ("一.（一）", "按时报送材料"),
        ("附件1.一.（一）", "扩大老年助餐服务"),
    ]
    assert doc.tasks[1].section_path == ["银发经济行动方案", "发展民生事业"]


def test_without_attachments_nothing_after_the_signature_is_read() -> None:
    doc = parse_text("一、主要任务\n（一）建设服务中心。\n某市人民政府\n2024年1月15日\n（二）这行在落款之后。\n")
    assert [t.title for t in doc.tasks] == ["建设服务中心"]


@pytest.mark.parametrize("marker", ["📌 ", "🔹", "▶", "★ ", "■"])
def test_a_symbol_before_a_number_does_not_hide_the_heading(marker: str) -> None:
    doc = parse_text(f"某县实施方案\n{marker}一、主要任务\n{marker}（一）发展助餐服务。每个乡镇建成1个助餐点。\n")
    assert [(t.id, t.title) for t in doc.tasks] == [("一.（一）", "发展助餐服务")]


def test_items_run_into_the_paragraph_of_their_heading_are_tasks_of_their_own() -> None:
    doc = parse_text(
        "某规划\n第三章　主要任务\n"
        "（一）强化健康教育，提高老年人主动健康能力。1.开展老年健康宣传。利用宣传周普及健康知识。"
        "2.加强老年人健康管理。健康管理服务率达到65%以上。（国家卫生健康委负责）\n"
        "（二）完善预防保健服务体系。1.加强疾病预防。到2025年覆盖所有省份。（国家卫生健康委牵头，国家中医药局按职责分工负责）"
        "2.推进口腔健康。开展口腔健康行动。\n（三）完善老年医疗资源布局。到2025年比例达到60%以上，1.5万张床位转为护理床位。\n"
    )
    assert [(t.id, t.title) for t in doc.tasks] == [
        ("第三章.（一）.1", "开展老年健康宣传"),
        ("第三章.（一）.2", "加强老年人健康管理"),
        ("第三章.（二）.1", "加强疾病预防"),
        ("第三章.（二）.2", "推进口腔健康"),
        ("第三章.（三）", "完善老年医疗资源布局"),
    ]
    # each item reads its own part of the paragraph only
    assert [[(d.name, d.role) for d in t.departments] for t in doc.tasks[:4]] == [
        [], [("国家卫生健康委", "responsible")], [("国家卫生健康委", "lead"), ("国家中医药局", "co")], [],
    ]
    assert [[d.year for d in t.deadlines] for t in doc.tasks[:4]] == [[], [], [2025], []]
    # the items share their heading's block; each span points at its own title in it
    paragraph = "（一）强化健康教育，提高老年人主动健康能力。1.开展老年健康宣传。利用宣传周普及健康知识。2.加强老年人健康管理。"
    assert doc.tasks[0].span.block == doc.tasks[1].span.block
    assert paragraph[doc.tasks[1].span.start : doc.tasks[1].span.end] == "加强老年人健康管理"


def _levelled_tree(lines: list[tuple[str, int | None]]) -> list[tuple[int, str | None, str | None, str]]:
    """(depth, number as written, recovered number, title) of blocks given with their source outline levels."""
    return _outline([Paragraph(text, level) for text, level in lines])


def test_a_document_without_numbers_is_outlined_by_its_heading_levels() -> None:
    """Word heading styles (or a page's formatting) over unnumbered lines: each level a lost numbering level, the
    outermost 一、; the title (level 1) and the head before the first sentence are no part of it."""
    tree_ = _levelled_tree(
        [
            ("某县关于加快发展养老服务的实施方案", 1),
            ("县政办发〔2024〕3号", None),
            ("为加快发展养老服务，制定本方案。", None),
            ("重点任务", 2),
            ("完善服务网络", 3),
            ("建设社区老年食堂。每个乡镇建成1个。", 4),
            ("发展农村助餐点。依托幸福院设立。", 4),
            ("保障措施", 2),
            ("加强组织领导。县民政局要牵头抓总。", 4),
        ]
    )
    assert tree_ == [
        (1, None, "一、", "重点任务"),
        (2, None, "（一）", "完善服务网络"),
        (3, None, "1．", "建设社区老年食堂"),
        (3, None, "2．", "发展农村助餐点"),
        (1, None, "二、", "保障措施"),
        (2, None, "1．", "加强组织领导"),
    ]


def test_heading_levels_are_ignored_where_the_text_is_numbered() -> None:
    lines: list[tuple[str, int | None]] = [
        ("一、主要任务", 2),
        ("完善服务网络", 3),
        ("（一）建设社区老年食堂。每个乡镇建成1个。", 4),
        ("发展农村助餐点。依托幸福院设立。", 4),
        ("（二）保障食品安全。每年检查2次。", 4),
    ]
    assert _levelled_tree(lines) == tree("\n".join(text for text, _ in lines))


def test_a_lost_item_number_is_recovered_only_between_alike_siblings() -> None:
    """A paragraph formatted as the numbered items are, where their sequence skips a number, is that item; one
    formatted otherwise, or where no number is skipped, stays body."""
    gap = [("一、主要任务", None), ("（一）建设食堂。每个乡镇建成1个。", 8), ("发展助餐点。依托幸福院设立。", 8),
           ("（三）保障食品安全。每年检查2次。", 8)]
    other = [*gap[:2], ("发展助餐点。依托幸福院设立。", 9), gap[3]]
    no_gap = [*gap[:3], ("（二）保障食品安全。每年检查2次。", 8)]

    assert [title for _, _, _, title in _levelled_tree(gap)] == ["主要任务", "建设食堂", "发展助餐点", "保障食品安全"]
    assert _levelled_tree(gap)[2] == (2, None, "（二）", "发展助餐点")
    assert [title for _, _, _, title in _levelled_tree(other)] == ["主要任务", "建设食堂", "保障食品安全"]
    assert [title for _, _, _, title in _levelled_tree(no_gap)] == ["主要任务", "建设食堂", "保障食品安全"]
