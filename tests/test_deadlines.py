"""Deadlines in task text: by / from / during / recurring / ongoing, and what is not a deadline.

Cases are written from the annotation guide (GUIDE.md, "Tasks") and the way Chinese policy
documents phrase time limits, at every level (省 / 市 / 区 / 县 / 乡镇) and for years well
beyond the sample documents; most are not taken from ``data/raw``.
"""

from __future__ import annotations

import pytest

from agingpolicy.extract.context import DocContext
from agingpolicy.extract.deadlines import find_deadlines
from agingpolicy.normalize import for_matching

BY, FROM, DURING, RECURRING, ONGOING = "by", "from", "during", "recurring", "ongoing"

# sentence -> [(year, kind), ...] in order of appearance
CASES: list[tuple[str, list[tuple[int | None, str]]]] = [
    # --- by: 到…年 / …年底 / …年底前 / …月底前 / 上半年
    ("到2025年，全区养老机构护理型床位占比达到55%。", [(2025, BY)]),
    ("到2025年底，各乡镇（街道）至少建有1所区域养老服务中心。", [(2025, BY)]),
    ("2022年底前，各县（市、区）全面建立特殊困难老年人探访关爱制度。", [(2022, BY)]),
    ("2025年年底前，实现街道综合养老服务中心全覆盖。", [(2025, BY)]),
    ("2023年6月底前，市民政局完成全市养老机构等级评定工作。", [(2023, BY)]),
    ("2024年上半年，省卫生健康委完成老年人能力评估标准宣贯培训。", [(2024, BY)]),
    ("各区县要在2023年9月前完成农村留守老年人摸底排查。", [(2023, BY)]),
    ("于2024年12月底前完成全部改造任务。", [(2024, BY)]),
    ("2030年前，全县农村幸福院实现行政村全覆盖。", [(2030, BY)]),
    ("县民政局要在2023年6月30日前完成摸底登记。", [(2023, BY)]),
    # --- by: a year opening a clause that sets a level ("2025年，……达到")
    ("2025年，全市城乡社区养老服务设施覆盖率达到100%。", [(2025, BY)]),
    ("2027年，全镇老年人家庭医生签约服务率达到80%以上。", [(2027, BY)]),
    # --- by: 力争到 / 争取到, distant years
    ("力争到2030年，全省每千名老年人拥有养老床位数达到40张。", [(2030, BY)]),
    ("争取到2027年，全市建成50个老年友好型社区。", [(2027, BY)]),
    ("到2035年，基本建成与人口老龄化进程相适应的老龄事业和产业协同发展格局。", [(2035, BY)]),
    # --- several deadlines in one task
    ("到2022年，覆盖率达到50%；到2025年，覆盖率达到80%。", [(2022, BY), (2025, BY)]),
    ("2023年、2025年分别达到60%、90%。", [(2023, BY), (2025, BY)]),
    # --- full-width digits, half-width and damaged punctuation, spaces
    ("到２０２７年底，全县农村互助养老服务点覆盖率达到６０％。", [(2027, BY)]),
    ("到2025年,全镇建成1个综合养老服务中心.", [(2025, BY)]),
    ("到 2025 年底，区民政局完成全部适老化改造。", [(2025, BY)]),
    ("推进社区嵌入式养老服务2025年实现街道全覆盖", [(2025, BY)]),
    ("到2025年全区建成10个示范性老年人日间照料中心", [(2025, BY)]),
    # --- by: a year written in Chinese numerals
    ("到二〇三五年，全面建成居家社区机构相协调的养老服务体系。", [(2035, BY)]),
    # --- by: other levels and departments, 力争…前, a past word that is not a past event
    ("省民政厅牵头，2023年12月底前出台养老机构分类管理办法。", [(2023, BY)]),
    ("镇政府力争2026年底前实现村级互助养老站点全覆盖。", [(2026, BY)]),
    ("到2025年，已建成小区通过补建等方式配齐养老服务设施。", [(2025, BY)]),
    ("为了确保2025年目标任务如期完成，区卫生健康局要加强督导。", [(2025, BY)]),
    # --- from: 从…年起 / 自…年起 / …年起, also with a date
    ("从2022年起，每年组织开展一次老年人健康体检。", [(2022, FROM), (None, RECURRING)]),
    ("从2023年开始，县医保局将失能老年人纳入长期护理保险。", [(2023, FROM)]),
    ("自2023年起，将高龄津贴发放范围扩大到80周岁以上老年人。", [(2023, FROM)]),
    ("2024年起，全面推行长期护理保险制度。", [(2024, FROM)]),
    ("自2026年1月1日起，区财政按标准给予运营补贴。", [(2026, FROM)]),
    # --- during: a named plan period (its end year), a span of years
    ("“十四五”期间，全市新增护理型床位5000张。", [(2025, DURING)]),
    ("到“十四五”末，全区养老机构护理型床位占比达到55%。", [(2025, DURING)]),
    ("十三五期间，县老龄办每年开展一次敬老月活动。", [(2020, DURING), (None, RECURRING)]),
    ("“十五五”时期，全省养老服务体系更加健全。", [(2030, DURING)]),
    ('"十四五"期间，乡镇敬老院全部完成提升改造。', [(2025, DURING)]),
    ("2023—2025年，每年新增养老床位200张。", [(2025, DURING), (None, RECURRING)]),
    ("2023年至2027年，市财政安排专项资金支持农村互助养老。", [(2027, DURING)]),
    # --- recurring and ongoing work
    ("每年至少开展一次养老机构消防安全检查。", [(None, RECURRING)]),
    ("每年9月开展“敬老月”系列活动。", [(None, RECURRING)]),
    ("长期坚持开展“银龄行动”。", [(None, ONGOING)]),
    ("持续推进居家适老化改造。", [(None, ONGOING)]),
    ("常态化开展养老服务领域非法集资风险排查。", [(None, ONGOING)]),
    # --- not deadlines: years in cited titles and names
    ("认真落实《浙江省养老服务体系建设“十四五”规划（2021—2025年）》要求。", []),
    ("贯彻《国家积极应对人口老龄化中长期规划》和《2030年可持续发展议程》。", []),
    ("对标联合国2030年可持续发展议程，推进健康老龄化。", []),
    ("按照市养老服务设施布局规划（2021-2035年）配建养老服务用房。", []),
    ("执行《养老机构服务质量基本规范（2023年版）》。", []),
    ("按照“十四五”国家老龄事业发展和养老服务体系规划要求推进工作。", []),
    ("围绕2035年远景目标，谋划老龄事业高质量发展。", []),
    # --- not deadlines: past events and facts
    ("2017年，制定了《关于全面放开养老服务市场的实施意见》。", []),
    ("2020年，全区已建成社区居家养老服务站56个。", []),
    ("2021年以来，全市累计改造特殊困难老年人家庭2000户。", []),
    ("2019年度考核结果作为资金分配依据。", []),
    # --- not deadlines: baselines
    ("老年人参保率比2020年提高10个百分点。", []),
    ("与2020年相比，失能老年人护理补贴覆盖面明显扩大。", []),
    ("在2022年基础上，护理型床位数量翻一番。", []),
    ("到2025年，老年人体育健身参与率较2020年提高10个百分点。", [(2025, BY)]),
    # a number right after 年 is an age or a count, not more of the year
    ("到2025年65岁以上老年人健康管理率达到75%。", [(2025, BY)]),
    ("到2026年10个街道全部建成综合养老服务中心。", [(2026, BY)]),
    # --- not deadlines: durations, ages, numbers, calendar dates
    ("5年内完成全部农村敬老院改造提升。", []),
    ("为60周岁以上老年人免费开通12349养老服务热线。", []),
    ("2023年11月20日，市政府常务会议审议通过本方案。", []),
    ("二〇二三年十二月二十九日", []),
    ("对2000年以前建成的老旧小区实施适老化改造。", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:24] for c in CASES])
def test_deadlines(text: str, expected: list[tuple[int | None, str]]) -> None:
    found = find_deadlines(text)
    assert [(d.year, d.kind) for d in found] == expected


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:24] for c in CASES])
def test_spans_point_at_the_text(text: str, expected: list[tuple[int | None, str]]) -> None:
    for d in find_deadlines(text):
        assert text[d.start : d.end] == d.text
        if d.kind in (BY, FROM) and d.year is not None and not any(c in d.text for c in "〇二三"):
            assert str(d.year) in for_matching(d.text)


# sentence -> (text as written, year, month) of its only deadline
AS_WRITTEN = [
    ("到2025年底，各乡镇至少建有1所区域养老服务中心。", ("到2025年底", 2025, None)),
    ("2022年底前，全面建立探访关爱制度。", ("2022年底前", 2022, None)),
    ("2023年6月底前，市民政局完成等级评定。", ("2023年6月底前", 2023, 6)),
    ("于2024年12月底前完成改造任务。", ("于2024年12月底前", 2024, 12)),
    ("到２０２７年底，覆盖率达到６０％。", ("到２０２７年底", 2027, None)),
    ("从2022年起，每年组织体检。", ("从2022年起", 2022, None)),
    ("“十四五”期间，全市新增护理型床位5000张。", ("“十四五”期间", 2025, None)),
    ("2025年，全市覆盖率达到100%。", ("2025年", 2025, None)),
    ("2025年第三季度前建成智慧养老服务平台。", ("2025年第三季度前", 2025, 9)),  # a quarter ends in its 3rd month
    ("2024年四季度完成适老化改造。", ("2024年四季度", 2024, 12)),
    # 已建成 qualifies the noun after the verb; the limit is still ahead
    ("县（区）人民政府应当于2026年12月31日前完成已建成住宅小区养老服务设施补建。", ("于2026年12月31日前", 2026, 12)),
]


@pytest.mark.parametrize(("text", "expected"), AS_WRITTEN, ids=[c[1][0] for c in AS_WRITTEN])
def test_text_and_month(text: str, expected: tuple[str, int, int | None]) -> None:
    (d,) = [d for d in find_deadlines(text) if d.kind != RECURRING]
    assert (d.text, d.year, d.month) == expected
    assert text[d.start : d.end] == d.text


FOURTEENTH = DocContext(period_start=2021, period_end=2025)

# with the document's plan period known: 规划期内 is its end year; years well before it are facts
IN_CONTEXT = [
    ("规划期内，全区新增养老床位1000张。", [(2025, DURING)]),
    ("2018年，全区60岁以上老年人口为8.5万人。", []),
    ("2025年，全区养老机构护理型床位占比达到55%。", [(2025, BY)]),
]


@pytest.mark.parametrize(("text", "expected"), IN_CONTEXT, ids=[c[0][:20] for c in IN_CONTEXT])
def test_deadlines_in_context(text: str, expected: list[tuple[int | None, str]]) -> None:
    assert [(d.year, d.kind) for d in find_deadlines(text, FOURTEENTH)] == expected


def test_plan_term_needs_the_period() -> None:
    assert find_deadlines("规划期内，全区新增养老床位1000张。") == []


@pytest.mark.parametrize("text", ["县老年大学在校学员达到2000人。", "到2025年床位总数达到2030张。", "新增床位2024张。"])
def test_a_count_is_not_a_year(text: str) -> None:
    assert [d.year for d in find_deadlines(text) if d.text.startswith(("达到20", "2024张", "达到2030"))] == []


def test_a_year_that_lost_its_nian_is_still_a_year() -> None:
    assert [d.year for d in find_deadlines("大力实施老年大学行动计划，2021在部分街道建成老年大学分校。")] == [2021]


ANNUAL = DocContext(year=2024)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12月底前建成3个助餐点。", [("12月底前", 2024, 12)]),
        ("9月30日前完成摸底。", [("9月30日前", 2024, 9)]),
        ("年内完成改造任务。", [("年内", 2024, None)]),
        ("2025年6月底前出台办法。", [("2025年6月底前", 2025, 6)]),  # a written year wins
        ("3个月内完成整改。", []),  # a duration, not a month
        ("每年6月份开展评估。", [("每年", None, None)]),
        ("每年年底前报送工作总结。", [("每年", None, None)]),  # recurring, not this year's
    ],
)
def test_a_month_without_its_year_in_an_annual_document(text: str, expected: list[tuple[str, int | None, int | None]]) -> None:
    assert [(d.text, d.year, d.month) for d in find_deadlines(text, ANNUAL)] == expected


def test_a_month_without_its_year_is_no_deadline_without_an_annual_title() -> None:
    assert find_deadlines("12月底前建成3个助餐点。", DocContext()) == []
