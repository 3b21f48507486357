"""The department lexicon: canonical names, aliases, levels and the renames of the 2018 reform and after."""

from __future__ import annotations

import pytest

from agingpolicy import deptlex

# (name as written, canonical, level with no document default)
CANONICAL_CASES: list[tuple[str, str, str]] = [
    # 民政: district, city, department word, provincial 厅, national ministry
    ("区民政局", "民政局", "county"),
    ("市民政局", "民政局", "city"),
    ("民政部门", "民政局", "unknown"),
    ("省民政厅", "民政局", "province"),
    ("民政厅", "民政局", "province"),
    ("民政部", "民政局", "national"),
    # 人社: every spelling
    ("人社局", "人力资源和社会保障局", "unknown"),
    ("人力社保局", "人力资源和社会保障局", "unknown"),
    ("人力资源和社会保障局", "人力资源和社会保障局", "unknown"),
    ("市人力资源社会保障局", "人力资源和社会保障局", "city"),
    ("省人力资源和社会保障厅", "人力资源和社会保障局", "province"),
    ("人力资源社会保障部", "人力资源和社会保障局", "national"),
    # 发改 / 卫健
    ("发改委", "发展改革委", "unknown"),
    ("区发展改革委", "发展改革委", "county"),
    ("国家发展改革委", "发展改革委", "national"),
    ("卫健委", "卫生健康委", "unknown"),
    ("国家卫生健康委", "卫生健康委", "national"),
    ("县卫生健康局", "卫生健康委", "county"),
    ("卫生健康部门", "卫生健康委", "unknown"),
    # 医保, 住建, 退役军人, 市场监管, 应急
    ("县医保局", "医疗保障局", "county"),
    ("国家医保局", "医疗保障局", "national"),
    ("省医疗保障局", "医疗保障局", "province"),
    ("住房城乡建设部", "住房和城乡建设局", "national"),
    ("区住房和建设委", "住房和城乡建设局", "county"),
    ("退役军人事务部", "退役军人事务局", "national"),
    ("市场监督管理局", "市场监管局", "unknown"),
    ("应急管理部", "应急管理局", "national"),
    ("税务总局", "税务局", "national"),
    ("金融部门", "地方金融监管局", "unknown"),
    # party bodies, mass organisations, governments
    ("区委组织部", "组织部", "county"),
    ("市委老干部局", "老干部局", "city"),
    ("团区委", "共青团", "county"),
    ("市残联", "残疾人联合会", "city"),
    ("各区县政府", "人民政府", "county"),
    ("市政府", "人民政府", "city"),
    ("镇政府", "人民政府", "township"),
    ("街道办事处", "街道乡镇", "township"),
    ("各镇街", "街道乡镇", "township"),
    ("区老龄委", "老龄工作委员会", "county"),
    ("自治区民政厅", "民政局", "province"),
    ("旗民政局", "民政局", "county"),
    # bureaus merging two or more: the first unit named (教体局 is already an alias of 教育局)
    ("县教育体育局", "教育局", "county"),
    ("区文化广电旅游体育局", "文化和旅游局", "county"),
    ("市科技和工业信息化局", "科技局", "city"),
    ("卫生健康和体育局", "卫生健康委", "unknown"),
    ("镇民政和老龄办", "民政局", "township"),
]


@pytest.mark.parametrize(("name", "canon", "level"), CANONICAL_CASES)
def test_canonical_and_level(name: str, canon: str, level: str) -> None:
    assert deptlex.lookup(name) == canon
    assert deptlex.canonical(name) == canon
    assert deptlex.level_of(name) == level


# Renames of the 2018 reform and after: old name -> the canonical of its successor
RENAME_CASES: list[tuple[str, str]] = [
    ("卫计委", "卫生健康委"),
    ("区卫生计生委", "卫生健康委"),
    ("老龄办", "老龄委办公室"),
    ("文广局", "文化和旅游局"),
    ("建委", "住房和建设委"),
    ("建委", "住建局"),
    ("规划局", "规划资源局"),
    ("国土局", "自然资源和规划局"),
    ("工信委", "工业和信息化局"),
    ("银保监分局", "金融监管分局"),
    ("市银保监分局", "金融监管分局"),
]


@pytest.mark.parametrize(("old", "new"), RENAME_CASES)
def test_renames(old: str, new: str) -> None:
    assert deptlex.is_renamed(old)
    assert deptlex.canonical(old) == deptlex.canonical(new)
    assert not deptlex.is_renamed(new)


@pytest.mark.parametrize(
    "names",
    [
        ("人社局", "人力社保局", "人力资源和社会保障局", "人力资源社会保障局"),
        ("发改委", "发展改革委", "发展和改革委员会"),
        ("卫健委", "卫生健康委", "卫生健康委员会"),
        ("老龄委办公室", "老龄工作委员会办公室", "老龄办"),
        ("住建局", "住房和建设委", "住房城乡建设局"),
    ],
)
def test_aliases_share_one_canonical(names: tuple[str, ...]) -> None:
    assert len({deptlex.canonical(n) for n in names}) == 1


# 经信局 / 经信厅 are today's names in several provinces (浙江, 四川): no rename warning
@pytest.mark.parametrize("name", ["民政局", "卫生健康委", "住建局", "医保局", "区民政局", "市经信局", "省经信厅"])
def test_current_names_are_not_renamed(name: str) -> None:
    assert not deptlex.is_renamed(name)


@pytest.mark.parametrize(
    ("name", "default", "level"),
    [
        ("民政局", "county", "county"),  # no prefix: the document's level
        ("淄博银保监分局", "city", "city"),  # a place name is not a level prefix
        ("民政部", "county", "national"),  # a ministry is national whatever the document
        ("省民政厅", "city", "province"),
        ("乡镇人民政府", "county", "township"),
    ],
)
def test_level_default(name: str, default: str, level: str) -> None:
    assert deptlex.level_of(name, default=default) == level  # type: ignore[arg-type]


def test_place_name_before_unit() -> None:
    assert deptlex.canonical("淄博银保监分局") == "金融监管分局"


@pytest.mark.parametrize("name", ["区老年大学", "县养老服务指导中心"])
def test_unknown_units_come_through(name: str) -> None:
    assert deptlex.lookup(name) is None
    assert deptlex.canonical(name) == name


def test_tables_are_large() -> None:
    assert len(CANONICAL_CASES) + len(RENAME_CASES) >= 30
