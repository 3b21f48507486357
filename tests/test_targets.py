"""Quantitative targets in task text: value, unit and comparator, and what is not a target.

Cases are written from the annotation guide (GUIDE.md, "Tasks") and the way Chinese policy
documents state quantities, at every level and for many departments; most are not taken from
``data/raw``.
"""

from __future__ import annotations

import pytest

from agingpolicy.extract.deadlines import find_deadlines
from agingpolicy.extract.targets import find_targets

GE, LE, GT, LT, EQ, ABOUT = ">=", "<=", ">", "<", "=", "~"

# sentence -> [(value, unit, comparator), ...] in order of appearance
CASES: list[tuple[str, list[tuple[float, str | None, str]]]] = [
    # --- comparator words before the number
    ("到2025年，养老机构护理型床位占比不低于55%。", [(55, "%", GE)]),
    ("每个乡镇至少建有1所区域养老服务中心。", [(1, "所", GE)]),
    ("人均体育场地面积不少于2.6平方米。", [(2.6, "平方米", GE)]),
    ("全市社区居家养老服务设施覆盖率达到100%。", [(100, "%", EQ)]),
    ("县级老年人健康管理率提升至70%。", [(70, "%", EQ)]),
    ("城乡居民基本养老保险参保率稳定在95%。", [(95, "%", EQ)]),
    ("养老机构空置率不超过30%。", [(30, "%", LE)]),
    ("老年人跌倒致死率不高于5%。", [(5, "%", LE)]),
    ("示范性老年友好型社区比例超过80%。", [(80, "%", GT)]),
    ("区级养老服务指导中心服务满意度高于85%。", [(85, "%", GT)]),
    ("农村老年人参保率约90%。", [(90, "%", ABOUT)]),
    ("新增护理型床位不多于500张。", [(500, "张", LE)]),
    # --- comparator words after the number, and both
    ("全省街道综合养老服务中心覆盖率达到60%以上。", [(60, "%", GE)]),
    ("乡镇敬老院入住率保持在90%以上。", [(90, "%", GE)]),
    ("全县培育20家以上连锁化养老服务企业。", [(20, "家", GE)]),
    ("老年人健康素养水平达到80%及以上。", [(80, "%", GE)]),
    ("养老机构等级评定覆盖率70%左右。", [(70, "%", ABOUT)]),
    ("护理型床位占比提高到55%以上。", [(55, "%", GE)]),
    ("安全隐患整改时限控制在15天以内。", [(15, "天", LE)]),
    # --- symbols, full-width and half-width
    ("养老护理员持证上岗率≥90%。", [(90, "%", GE)]),
    ("养老机构入住老人投诉率≤5%。", [(5, "%", LE)]),
    ("社区老年人健康档案建档率＞60％。", [(60, "%", GT)]),
    ("市级养老服务机构满意度达到９０％。", [(90, "%", EQ)]),
    ("全区老年人家庭医生签约率达到 60 %。", [(60, "%", EQ)]),
    # --- bare numbers with a unit
    ("“十四五”期间，全市新增养老床位5000张。", [(5000, "张", EQ)]),
    ("每个社区配建不少于30平方米的养老服务用房，全区新建10个示范站点。", [(30, "平方米", GE), (10, "个", EQ)]),
    ("老年人口达到35万人。", [(35, "万人", EQ)]),
    ("全年提供助餐服务10万人次以上。", [(10, "万人次", GE)]),
    ("新增养老服务设施面积10万平方米。", [(10, "万平方米", EQ)]),
    ("老年人参保率比2020年提高10个百分点。", [(10, "个百分点", EQ)]),
    ("每千名老年人拥有养老床位40张。", [(40, "张", EQ)]),
    ("每周上门服务不少于3小时。", [(3, "小时", GE)]),
    ("人均预期寿命达到80岁。", [(80, "岁", EQ)]),
    ("全区护理型床位达到1.2万张。", [(1.2, "万张", EQ)]),
    ("老年大学在校学员达到2万人次。", [(2, "万人次", EQ)]),
    # --- a magnitude (万 / 亿) and a unit before 以上 / 左右: the lexicon need not list the pairing
    ("到2030年，全国养老服务床位总量达到900万张以上。", [(900, "万张", GE)]),
    ("新增床位900万张以上。", [(900, "万张", GE)]),
    ("全年老年教育服务3亿人次以上。", [(3, "亿人次", GE)]),
    ("老年志愿者注册人数达到1.2亿人左右。", [(1.2, "亿人", ABOUT)]),
    ("培训家庭照护者50万户次以上。", [(50, "万户次", GE)]),
    ("县级新增养老床位3000张以上。", [(3000, "张", GE)]),
    ("养老服务业增加值年均增长10%左右。", [(10, "%", ABOUT)]),
    ("乡镇敬老院床位使用率不低于 80 ％。", [(80, "%", GE)]),
    ("全年预约上门服务100次以上。", [(100, "次", GE)]),
    ("依托社区卫生服务中心建设10个医养结合服务站。", [(10, "个", EQ)]),
    ("按照每百户不少于20平方米的标准配建养老服务用房。", [(20, "平方米", GE)]),
    ("特困人员供养服务机构全部符合二级以上养老机构等级标准。", [(2, "级", GE)]),
    # --- Chinese numerals
    ("每年开展老年人健康体检不少于二次。", [(2, "次", GE)]),
    ("每年至少开展两次应急演练。", [(2, "次", GE)]),
    ("每个街道建成一个综合养老服务中心。", [(1, "个", EQ)]),
    ("全区养老机构全部达到二星级以上标准。", [(2, "星级", GE)]),
    ("各县培育不少于十家品牌养老机构。", [(10, "家", GE)]),
    ("特困人员供养服务设施护理型床位占比达到百分之六十以上。", [(60, "%", GE)]),
    ("失能特困人员集中供养率达到百分之百。", [(100, "%", EQ)]),
    ("每个街道建设两个以上社区老年食堂。", [(2, "个", GE)]),
    # --- ranges: the lower bound, with >=
    ("每个社区配备1至2名专职社会工作者。", [(1, "名", GE)]),
    ("培育3—5家连锁化品牌养老服务企业。", [(3, "家", GE)]),
    ("每个乡镇建设2~3个农村幸福院。", [(2, "个", GE)]),
    ("带动就业3万至5万人。", [(3, "万人", GE)]),
    # --- from a baseline to a target: the target only
    ("养老护理员由2000人增加到4200人。", [(4200, "人", EQ)]),
    ("护理型床位从800张提高到1500张。", [(1500, "张", EQ)]),
    # --- several targets
    ("到2025年，覆盖率达到60%；到2030年，达到80%以上。", [(60, "%", EQ), (80, "%", GE)]),
    ("每个街道至少建设1个综合为老服务中心，每个社区至少建设1个日间照料中心。", [(1, "个", GE), (1, "个", GE)]),
    ("对65周岁及以上老年人每年提供一次免费健康管理服务。", [(1, "次", EQ)]),
    ("家庭医生签约服务率100%。", [(100, "%", EQ)]),
    # --- not targets: ages and eligibility limits
    ("为60周岁以上老年人免费提供体检服务。", []),
    ("对80岁以上高龄老人发放高龄津贴。", []),
    ("将70周岁及以上老年人纳入重点服务对象。", []),
    # --- not targets: money, fees and prices
    ("高龄津贴标准为每人每月100元。", []),
    ("区财政每年安排500万元用于农村互助养老。", []),
    # a committed total or scale in 元 is a target (GUIDE excludes money standards and fee rules only)
    ("养老产业规模达到100亿元。", [(100, "亿元", EQ)]),
    ("“十四五”期间累计投入不少于2亿元。", [(2, "亿元", ">=")]),
    ("产业规模突破1000亿元。", [(1000, "亿元", ">")]),
    ("护理服务收费标准上浮不超过10%。", []),
    ("每张新增床位给予一次性建设补助1万元。", []),
    ("收取的服务费不超过合同金额的10%。", []),
    ("普惠养老机构服务价格不高于当地平均水平的80%。", []),
    # --- not targets: numbers in names
    ("全面开通12349养老服务热线。", []),
    ("构建“1+N”居家养老服务模式。", []),
    ("打造城市社区15分钟养老服务圈。", []),
    ("健全县、乡、村三级养老服务体系。", []),
    ("建设区、街道、社区三级养老服务网络。", []),
    ("二级以上综合医院设立老年医学科。", []),
    ("推动三级公立医院开展老年综合评估。", []),
    ("开展“五个一”活动，即组织一次走访、开展一次体检、过一次集体生日。", []),
    ("提供24小时紧急呼叫服务。", []),
    ("推动三级甲等综合医院设置老年医学科。", []),
    ("以走访慰问一次、开展一次体检“两个一”为载体关爱独居老人。", []),
    # --- not targets: rate denominators, ordinals, durations
    ("每千名老年人配备社会工作者。", []),
    ("第3批全国示范性老年友好型社区创建。", []),
    ("5年内完成全部农村敬老院改造。", []),
    ("3个月内完成整改。", []),
    ("养老机构设立许可申请5个工作日内办结。", []),
    # --- not targets: past facts, existing resources, estimates, cited titles
    ("全区已建成社区养老服务站56个。", []),
    ("2017年，制定了3项地方标准。", []),
    ("已累计培训养老护理员3000人次。", []),
    ("全市共有养老机构120家。", []),
    ("依托全县120个网格和30个社区服务中心收集老年人需求。", []),
    ("总计按18万人测算服务需求。", []),
    ("落实《XX市养老服务体系建设规划（2021—2025年）》。", []),
    ("贯彻《“十四五”国家老龄事业发展和养老服务体系规划》。", []),
    # --- a threshold naming what is counted is not a target; the count is
    ("到2027年，培育年营业收入超过1亿元的养老服务企业5家以上。", [(5.0, "家", ">=")]),
    ("培育床位数100张以上的养老机构不少于20家。", [(20.0, "家", ">=")]),
    ("到2025年，老年助餐服务覆盖80%以上的社区。", [(80.0, "%", ">=")]),
    # --- numbers inside a quoted name are not targets; weights are units
    ("构建“15分钟”养老服务圈。", []),
    ("实现“3个100%”目标，组织志愿者不少于500人。", [(500.0, "人", ">=")]),
    ("每餐提供蛋白质不少于125克。", [(125.0, "克", ">=")]),
    ("按照不低于1∶4的比例配备护理人员。", []),  # a ratio (RATIO sign), not 不低于1
    # --- the things a task acts on are no quantity it commits to
    ("对现有12个村级照料中心进行改造提升。", []),
    ("对全镇18个村（社区）居家养老服务站进行提档升级，每年完成不少于6个。", [(6.0, "个", ">=")]),
    ("对辖区内20家养老机构开展安全检查。", []),
    ("全区建成社区养老服务站30个。", [(30.0, "个", "=")]),
    # --- an amount per head or per bed is a funding standard, whatever its comparator
    ("镇财政办要将经费列入年度预算，按老年人口人均不低于50元安排。", []),
    ("每床每年补助不少于1000元。", []),
    ("全年投入资金不少于2亿元。", [(2.0, "亿元", ">=")]),
    ("对就餐老年人给予每餐不低于3元的补贴。", []),
    ("每年发表调研报告不少于1篇。", [(1.0, "篇", ">=")]),
    # --- 行动 after a count names a campaign (十大行动), but 行动不便 describes people
    ("为不少于500名行动不便的独居老年人提供送餐上门服务。", [(500.0, "名", GE)]),
    ("组织实施养老服务十大行动。", []),
    # --- a duration is a target only with a bound; 已 naming what exists is no past fact
    ("养老机构设立备案办理时限不超过5个工作日。", [(5.0, "个工作日", LE)]),
    ("岗前培训时间不少于6个月。", [(6.0, "个月", GE)]),
    ("2022年底前完成已建成小区养老服务设施补建任务的50%。", [(50.0, "%", EQ)]),
    ("对已有养老机构实施改造，2025年前改造30个。", [(30.0, "个", EQ)]),
    # --- a recurring duty's count, whatever its verb
    ("每半年通报一次工作进展。", [(1.0, "次", EQ)]),
    ("区政府督查室每季度督查两次。", [(2.0, "次", EQ)]),
    ("每两年组织一次养老机构等级评定。", [(1.0, "次", EQ)]),
    ("对特殊困难老年人给予一次性补助。", []),
    # --- a comparator right after a time limit ending in 前 (not 排名前10名)
    ("2025年底前至少建成1所县级失能特困人员集中照护机构。", [(1.0, "所", GE)]),
    ("2024年6月30日前达到60%。", [(60.0, "%", EQ)]),
    ("力争2026年3月底前不少于200户完成改造。", [(200.0, "户", GE)]),
    ("养老服务质量评价进入全省前10名。", []),
    # --- an eligibility limit on the subject of a duty is no target
    ("床位100张以上的养老机构原则上应当内设医务室。", []),
    ("建筑面积1000平方米以上的养老服务设施须配备无障碍电梯。", []),
    ("新建10个以上的社区养老服务中心。", [(10.0, "个", GE)]),
    # --- OCR splits a number into single digits; numbers of several digits side by side stay apart
    ("到2025年，签约率达到9 5%。", [(95.0, "%", EQ)]),
    ("年度 建设任务（个） 覆盖率 2024年 6 40%", [(40.0, "%", EQ)]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:24] for c in CASES])
def test_targets(text: str, expected: list[tuple[float, str | None, str]]) -> None:
    found = find_targets(text, find_deadlines(text))
    assert [(t.value, t.unit, t.comparator) for t in found] == expected


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:24] for c in CASES])
def test_spans_point_at_the_text(text: str, expected: list[tuple[float, str | None, str]]) -> None:
    for t in find_targets(text, find_deadlines(text)):
        assert text[t.start : t.end] == t.text


# sentence -> (text as written, metric ends with, year) of each target
DETAILS = [
    ("到2025年，养老机构护理型床位占比不低于55%。", [("不低于55%", "护理型床位占比", 2025)]),
    ("全市社区居家养老服务设施覆盖率达到100%。", [("达到100%", "覆盖率", None)]),
    ("到２０２７年底，全县农村互助养老服务点覆盖率达到６０％。", [("达到６０％", "覆盖率", 2027)]),
    ("养老护理员由2000人增加到4200人。", [("增加到4200人", "养老护理员", None)]),
    (
        "到2022年，覆盖率达到50%；到2025年，覆盖率达到80%。",
        [("达到50%", "覆盖率", 2022), ("达到80%", "覆盖率", 2025)],
    ),
    ("“十四五”期间，全市新增养老床位5000张。", [("5000张", "全市新增养老床位", 2025)]),
]


@pytest.mark.parametrize(("text", "expected"), DETAILS, ids=[c[0][:24] for c in DETAILS])
def test_text_metric_year(text: str, expected: list[tuple[str, str, int | None]]) -> None:
    found = find_targets(text, find_deadlines(text))
    assert len(found) == len(expected)
    for t, (written, metric, year) in zip(found, expected, strict=True):
        assert t.text == written == text[t.start : t.end]
        assert t.metric is not None and t.metric.endswith(metric)
        assert t.year == year


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("为300户特殊困难老年人家庭安装智能监测设备。", [(300, "户", "=")]),
        ("到2022年底前，培养培训1000万名养老护理员。", [(1000, "万名", "=")]),
        ("新建社区养老服务站2万个。", [(2, "万个", "=")]),
        ("护理员与失能老年人的配比不低于1:4。", []),
    ],
)
def test_review_targets(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert [(t.value, t.unit, t.comparator) for t in find_targets(text)] == expected
