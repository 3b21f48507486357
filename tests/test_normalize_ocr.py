"""OCR damage in the matching form: O for 0, 一 for a dash, '.' for 。 — always one character for one."""

from __future__ import annotations

import pytest

from agingpolicy import parse_text
from agingpolicy.extract.deadlines import find_deadlines
from agingpolicy.extract.targets import find_targets
from agingpolicy.normalize import for_matching


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("到2O24年底", "到2024年底"),
        ("建成3O个", "建成30个"),
        ("达到7o%", "达到70%"),
        ("不少于2OO户", "不少于200户"),
        ("5OO万元", "500万元"),
        ("二O二三年五月十日", "二〇二三年五月十日"),
        ("到二o二五年底", "到二〇二五年底"),
        ("（2023一2025年）", "（2023—2025年）"),
        ("建设中心.2024年底前", "建设中心。2024年底前"),
        ("达到60%.(责任单位", "达到60%。（责任单位"),
        ("覆盖率达到l00%", "覆盖率达到100%"),
        ("建成2l个", "建成21个"),
        ("到20I5年底", "到2015年底"),
    ],
)
def test_ocr_damage_is_read_one_for_one(written: str, read: str) -> None:
    assert for_matching(written) == read
    assert len(for_matching(written)) == len(written)


@pytest.mark.parametrize(
    "text",
    [
        "H2O",
        "V2O版",
        "统一OA平台",
        "2Oxx",
        "ISO9001",
        "3.5万",
        "1.建设",
        "一一对应",
        "I.总则",
        "IPv6",
        "html5页面",
        "l号楼",
    ],
)
def test_letters_and_numerals_that_are_not_damage_stay(text: str) -> None:
    assert for_matching(text) == text


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("覆盖率达到5 0%。", 50.0, "%"),
        ("探访率达到1 0 0%。", 100.0, "%"),
        ("福彩公益金5 5%以上用于养老服务", 55.0, "%"),
        ("每年新建互助点不少于3O个", 30.0, "个"),
        ("实施改造不少于2OO户", 200.0, "户"),
    ],
)
def test_a_split_or_o_damaged_number_is_one_target(text: str, value: float, unit: str) -> None:
    [target] = find_targets(text)
    assert (target.value, target.unit) == (value, unit)
    assert text[target.start : target.end] == target.text  # offsets are offsets in the text as written


def test_a_space_joins_digits_only_before_a_unit() -> None:
    # "2 3" with a unit after it is one OCR-split number; without a unit nothing is read, and never "3" alone
    assert [(t.value, t.unit) for t in find_targets("完成2 3个")] == [(23.0, "个")]
    assert find_targets("序号2 3不少于") == []
    # a spaced age is still an age, not a target, and does not leave a stray 5岁 either
    assert [(t.value, t.unit) for t in find_targets("6 5岁及以上老年人健康管理率达到7O%以上")] == [(70.0, "%")]


@pytest.mark.parametrize(
    "text", ["到20 25年建成3个", "2O24年底前建成中心", "到二O二五年底实现全覆盖", "到2 0 2 5年，覆盖率达到60%"]
)
def test_damaged_years_are_deadlines(text: str) -> None:
    years = [d.year for d in find_deadlines(text)]
    assert years and years[0] in (2024, 2025)


def test_a_spaced_number_is_no_year_without_nian() -> None:
    assert find_deadlines("床位20 25张") == []


def test_ocr_document_reads_dates_titles_and_targets() -> None:
    doc = parse_text(
        "某 某 县 人 民 政 府 文 件\n某府办发〔2O23〕18号\n某县农村养老服务实施方案\n（2023一2025年）\n\n一、主要任务\n"
        "1.建设养老服务中心.2O24年底前建成中心3O个，覆盖率达到5 0%.(责任单位:县民政局)\n\n某县人民政府\n二O二三年五月十日\n"
    )
    assert doc.title == "某县农村养老服务实施方案（2023—2025年）"
    assert doc.issued_date == "2023-05-10"
    [task] = doc.tasks
    assert task.title == "建设养老服务中心"
    assert [d.year for d in task.deadlines] == [2024]
    assert [(t.value, t.unit) for t in task.targets] == [(30.0, "个"), (50.0, "%")]
