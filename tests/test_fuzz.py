"""Property-based tests of the text pipeline: generated policy-like documents never crash the parser,
always give a record that round-trips through the schema, and parse the same way every time.

The generated text mixes every heading form (一、 （一） 1． （1） ① 第X章 第X条), damaged ones (a lost
number, a missing separator, half-width brackets), responsibility brackets, tab-form tables, numbers,
years, percentages and random noise.

A default run tries 200 documents per property; ``make fuzz`` runs the ``fuzz``-marked test with
FUZZ_EXAMPLES (10,000) documents.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agingpolicy import parse_text
from agingpolicy.models import Document
from agingpolicy.store import dump

CN_NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十九", "二十", "二十一"]
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# fmt: off
WORDS = [
    "总体要求", "指导思想", "基本原则", "发展目标", "主要任务", "保障措施", "加强组织领导", "完善养老服务体系", "推进医养结合", "发展普惠养老",
    "健全老年健康支撑", "提升居家社区养老服务能力", "强化人才队伍建设", "加大资金投入", "落实土地政策", "开展老年友好型社区创建", "到2025年", "力争",
    "全面建立", "基本建成", "每千名老年人", "养老床位", "护理型床位占比", "特殊困难老年人月探访率", "达到", "不低于", "以上", "万人", "张", "个",
    "所", "家", "%", "％", "。", "，", "；", "：", "、", "“", "”", "《", "》",
]
DEPARTMENTS = [
    "市民政局", "区卫生健康委", "县财政局", "省人力资源社会保障厅", "市发展改革委", "各区县政府", "民政部门", "自然资源和规划局", "市医保局", "市老龄办",
    "街道办事处", "市住房城乡建设局",
]
# fmt: on

arabic = st.integers(min_value=0, max_value=120).map(str)
cn = st.sampled_from(CN_NUMBERS)
circled = st.sampled_from(CIRCLED)
phrase = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map("".join)
noise = st.text(max_size=40)

# Heading numbers, well-formed and damaged (lost number, missing or half-width separators).
heading_number = st.one_of(
    cn.map(lambda n: f"{n}、"),
    cn.map(lambda n: f"（{n}）"),
    arabic.map(lambda n: f"{n}．"),
    arabic.map(lambda n: f"{n}."),
    arabic.map(lambda n: f"（{n}）"),
    circled,
    cn.map(lambda n: f"第{n}章 "),
    cn.map(lambda n: f"第{n}条 "),
    st.sampled_from(["、", "（）", "．", "第章", "第条", "()", "（", "）"]),  # the number lost
    cn,  # the separator lost
    arabic,
    cn.map(lambda n: f"({n})"),  # half-width brackets
    arabic.map(lambda n: f"({n})"),
    arabic.map(lambda n: f"（{n})"),
    arabic.map(lambda n: f"{n}、"),
)
heading = st.builds(lambda number, title, end: number + title + end, heading_number, phrase,
                    st.sampled_from(["", "。", "：", " "]))  # fmt: skip

departments = st.lists(st.sampled_from(DEPARTMENTS), min_size=0, max_size=4).map("、".join)
responsibility = st.builds(
    lambda open_, label, names, close: f"{open_}{label}{names}{close}",
    st.sampled_from(["（", "("]),
    st.sampled_from(["责任单位：", "牵头单位：", "责任单位:", "配合单位：", "牵头单位：市民政局；配合单位：", ""]),
    departments,
    st.sampled_from(["）", ")", ""]),
)

year = st.integers(min_value=1949, max_value=2050)
number_phrase = st.one_of(
    year.map(lambda y: f"到{y}年"),
    year.map(lambda y: f"{y}年底前"),
    st.integers(0, 100).map(lambda p: f"达到{p}%"),
    st.floats(0, 100, allow_nan=False).map(lambda p: f"不低于{p:.1f}％"),
    st.integers(0, 10**6).map(lambda n: f"{n}张"),
    st.integers(0, 100).map(lambda n: f"{n}-{n + 5}年"),
    st.sampled_from(["十四五", "“十四五”时期", "2021—2025年", "明显提高", "-", "—"]),
)
sentence = st.lists(st.one_of(phrase, number_phrase, departments, noise), min_size=1, max_size=6).map("".join)
paragraph = st.one_of(
    sentence,
    st.builds(lambda s, r: s + r, sentence, responsibility),
    st.builds(lambda h, s: h + s, heading, sentence),
    st.builds(lambda h, s, r: h + s + r, heading, sentence, responsibility),
)

# A Word-to-text table: each cell a line starting with a tab, rows separated by blank lines.
cell = st.one_of(phrase, number_phrase, departments, st.just(""), noise.filter(lambda s: "\n" not in s))
table_rows = st.lists(st.lists(cell, min_size=1, max_size=6), min_size=1, max_size=6)
tab_table = table_rows.map(lambda rows: "\n\n".join("\n".join(f"\t{c}" for c in row) for row in rows) + "\n")

block = st.one_of(heading, paragraph, paragraph, tab_table, noise, st.just(""))
document_text = st.builds(
    lambda title, blocks, newline: newline.join([title, *blocks]),
    phrase,
    st.lists(block, max_size=40),
    st.sampled_from(["\n", "\r\n", "\n\n"]),
)

DEFAULT = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LONG = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES") or 10_000),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def assert_valid_record(text: str) -> None:
    doc = parse_text(text)
    record = dump(doc)
    again = Document.model_validate_json(record)
    assert again == doc
    assert dump(again) == record


@DEFAULT
@given(document_text)
def test_generated_documents_give_valid_records(text: str) -> None:
    assert_valid_record(text)


@DEFAULT
@given(st.text(max_size=2000))
def test_arbitrary_text_gives_a_valid_record(text: str) -> None:
    assert_valid_record(text)


@DEFAULT
@given(document_text)
def test_parsing_is_deterministic(text: str) -> None:
    assert dump(parse_text(text)) == dump(parse_text(text))


@pytest.mark.fuzz
@LONG
@given(document_text)
def test_long_run(text: str) -> None:
    assert_valid_record(text)
    assert dump(parse_text(text)) == dump(parse_text(text))
