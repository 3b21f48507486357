"""The index (build, incremental refresh) and the queries over it, through the library and the CLI."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

import pytest
import typer
from typer.testing import CliRunner, Result

from agingpolicy import deptlex, index
from agingpolicy.cli import app
from agingpolicy.index import INDEX_FILE, CorpusError, normalize_indicator, open_index
from agingpolicy.models import (
    Deadline,
    Department,
    Document,
    Indicator,
    Level,
    Period,
    Role,
    Source,
    Span,
    Target,
    Task,
    Value,
)
from agingpolicy.query import (
    TaskQuery,
    UnknownDepartment,
    find_tasks,
    indicator_groups,
    indicator_names,
)
from agingpolicy.store import dump, write_atomic

SPAN = Span(block=0)
SHI_SAN_WU = Period(label="十三五", start=2016, end=2020)
SHI_SI_WU = Period(label="十四五", start=2021, end=2025)
runner = CliRunner()
DeadlineKind = Literal["by", "from", "during", "recurring", "ongoing"]


def dept(name: str, role: Role = "responsible", level: Level = "county") -> Department:
    return Department(name=name, role=role, canonical=deptlex.canonical(name), level=level, via="bracket", span=SPAN)


def due(text: str, year: int | None, kind: DeadlineKind = "by") -> Deadline:
    return Deadline(text=text, year=year, kind=kind, span=SPAN)


def task(
    tid: str,
    title: str,
    text: str,
    departments: Iterable[Department] = (),
    deadlines: Iterable[Deadline] = (),
    targets: Iterable[Target] = (),
) -> Task:
    return Task(
        id=tid,
        section_path=["主要任务"],
        title=title,
        text=text,
        departments=list(departments),
        deadlines=list(deadlines),
        targets=list(targets),
        span=SPAN,
    )


def indicator(name: str, target: str, value: float, year: int, baseline: str | None = None) -> Indicator:
    base = Value(text=baseline, value=None, comparator="=", year=year - 5) if baseline else None
    return Indicator(
        name=name,
        unit="%",
        baseline=base,
        target=Value(text=target, value=value, comparator=">=", year=year),
        span=SPAN,
    )


def document(
    title: str, region: str, period: Period | None, tasks: list[Task], indicators: Iterable[Indicator] = ()
) -> Document:
    return Document(
        parser_version="test",
        source=Source(path=f"{title}.txt", format="txt", sha256="0" * 64, size=1),
        title=title,
        region=region,
        admin_level="county",
        period=period,
        tasks=tasks,
        indicators=list(indicators),
    )


NINGHE = document(
    "宁河区养老服务体系建设实施方案",
    "天津市宁河区",
    SHI_SI_WU,
    [
        task(
            "一.（一）",
            "发展居家养老服务",
            "推进社区居家养老服务设施建设，到2025年底覆盖率达到60%。",
            [dept("区民政局", "lead"), dept("区财政局", "co")],
            [due("到2025年底", 2025)],
            [Target(text="达到60%", value=60, unit="%", comparator="=", metric="覆盖率", year=2025, span=SPAN)],
        ),
        task(
            "一.（二）",
            "推进医养结合",
            "推动医疗卫生与养老服务融合发展。",
            [dept("区卫生健康委", "lead"), dept("区民政局", "co")],
            [due("到2022年", 2022)],
        ),
        task("一.（三）", "加强组织领导", "各部门协同推进，形成合力。", [], [due("持续推进", None, "ongoing")]),
    ],
    [indicator("护理型床位占比", "55%", 55, 2025)],
)
BAODI = document(
    "宝坻区老龄事业发展实施方案",
    "宝坻区",
    SHI_SAN_WU,
    [
        task(
            "四.1",
            "完善医养结合机制",
            "建立医疗机构与养老机构协作机制。",
            [dept("卫计委"), dept("民政部门")],
            [due("到2020年", 2020)],
        ),
        task(
            "四.2",
            "发展老年教育",
            "建设老年大学，扩大老年教育资源。",
            [dept("教育局")],
            [due("从2019年起", 2019, "from")],
        ),
        task("四.3", "建设指导中心", "建立区级养老服务指导中心。", [dept("区养老服务指导中心")]),
    ],
    [indicator("全区护理型床位占比", "30%", 30, 2020)],
)
SHANDONG = document(
    "山东省养老服务体系规划",
    "山东省",
    SHI_SI_WU,
    [
        task("二.1", "健全养老服务网络", "完善省市县乡村五级养老服务网络。", [dept("民政厅", level="province")]),
        task("二.2", "落实国家部署", "落实民政部关于养老服务的部署。", [dept("民政部", level="national")]),
        task("二.3", "市级统筹", "市民政局统筹推进。", [dept("市民政局", level="city")], [due("到2023年", 2023)]),
    ],
    [
        indicator("养老机构护理型床位占比（%）", "≥60%", 60, 2025, baseline="51%"),
        indicator("每千名老年人养老床位数", "40", 40, 2025),
    ],
)
CORPUS = {"a_ninghe.json": NINGHE, "b_baodi.json": BAODI, "c_shandong.json": SHANDONG}


@pytest.fixture
def records(tmp_path: Path) -> Path:
    folder = tmp_path / "structured"
    for name, doc in CORPUS.items():
        write_atomic(folder / name, dump(doc))
    return folder


def ids(records: Path, **filters: Any) -> list[tuple[str, str]]:
    """(file, task id) of each match, in result order."""
    with open_index(records) as idx:
        return [(h.file, h.task_id) for h in find_tasks(idx, TaskQuery(**filters)).hits]


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args))


# --- the index ------------------------------------------------------------------------------------------


def test_build_creates_the_tables_beside_the_records(records: Path) -> None:
    with open_index(records) as idx:
        assert idx.report.added == 3 and idx.report.documents == 3 and idx.report.errors == ()
        tables = {r[0] for r in idx.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert (records / INDEX_FILE).is_file()
    assert {"documents", "sections", "tasks", "task_departments", "deadlines", "targets", "indicators"} <= tables
    # plain tables: any SQLite client reads them
    conn = sqlite3.connect(records / INDEX_FILE)
    rows = conn.execute(
        "SELECT d.file, t.task_id, td.name, td.canonical, td.level, td.role FROM task_departments td"
        " JOIN tasks t ON t.id = td.task_row JOIN documents d ON d.id = t.doc_id ORDER BY td.task_row, td.ord"
    ).fetchall()
    conn.close()
    assert rows[:2] == [
        ("a_ninghe.json", "一.（一）", "区民政局", "民政局", "county", "lead"),
        ("a_ninghe.json", "一.（一）", "区财政局", "财政局", "county", "co"),
    ]


def test_second_open_reads_nothing(records: Path) -> None:
    open_index(records).close()
    with open_index(records) as idx:
        assert (idx.report.added, idx.report.updated, idx.report.removed) == (0, 0, 0)
        assert idx.report.unchanged == 3


def test_rewritten_record_is_reindexed_on_the_next_query(records: Path) -> None:
    assert ids(records, dept="教育局") == [("b_baodi.json", "四.2")]
    changed = BAODI.model_copy(deep=True)
    changed.tasks[1].departments = [dept("区体育局")]
    write_atomic(records / "b_baodi.json", dump(changed))
    with open_index(records) as idx:
        assert idx.report.updated == 1 and idx.report.unchanged == 2
        assert find_tasks(idx, TaskQuery(dept="教育局")).total == 0
        assert [h.task_id for h in find_tasks(idx, TaskQuery(dept="体育局")).hits] == ["四.2"]


def test_same_size_rewrite_with_the_same_mtime_is_still_seen(records: Path) -> None:
    """A file written just before the index looked at it is hashed again next time (racy mtime)."""
    path = records / "a_ninghe.json"
    open_index(records).close()
    before = path.stat()
    text = path.read_text(encoding="utf-8").replace("发展居家养老服务", "发展社区养老服务")  # same byte length
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    with open_index(records) as idx:
        assert idx.report.updated == 1
        assert [h.title for h in find_tasks(idx, TaskQuery(keyword="发展社区养老服务")).hits] == ["发展社区养老服务"]


def test_touched_record_with_the_same_content_keeps_its_rows(records: Path) -> None:
    open_index(records).close()
    path = records / "c_shandong.json"
    os.utime(path, ns=(0, path.stat().st_mtime_ns + 5_000_000_000))
    with open_index(records) as idx:
        assert (idx.report.updated, idx.report.unchanged) == (0, 3)


def test_added_and_removed_records(records: Path) -> None:
    open_index(records).close()
    (records / "b_baodi.json").unlink()
    write_atomic(records / "d_copy.json", dump(BAODI))
    with open_index(records) as idx:
        assert (idx.report.added, idx.report.removed, idx.report.documents) == (1, 1, 3)
        assert {h.file for h in find_tasks(idx, TaskQuery(dept="卫生健康委")).hits} == {
            "a_ninghe.json",
            "d_copy.json",
        }
        orphans = idx.conn.execute(
            "SELECT COUNT(*) FROM task_departments WHERE task_row NOT IN (SELECT id FROM tasks)"
        ).fetchone()[0]
        assert orphans == 0


def test_unreadable_record_is_reported_until_fixed(records: Path) -> None:
    (records / "broken.json").write_text('{"title": "x"}', encoding="utf-8")
    (records / "notes.txt").write_text("not a record", encoding="utf-8")
    with open_index(records) as idx:
        assert idx.report.documents == 3
        assert [name for name, _ in idx.report.errors] == ["broken.json"]
        assert "not a valid record" in idx.report.errors[0][1]
    with open_index(records) as idx:  # reported again, not silently forgotten
        assert [name for name, _ in idx.report.errors] == ["broken.json"]
    write_atomic(records / "broken.json", dump(BAODI))
    with open_index(records) as idx:
        assert idx.report.errors == () and idx.report.documents == 4


def test_damaged_or_outdated_index_is_rebuilt(records: Path) -> None:
    (records / INDEX_FILE).write_bytes(b"not a database at all")
    with open_index(records) as idx:
        assert idx.report.added == 3
    conn = sqlite3.connect(records / INDEX_FILE)
    conn.execute("PRAGMA user_version = 0")
    conn.close()
    with open_index(records) as idx:
        assert idx.report.added == 3 and find_tasks(idx, TaskQuery(dept="民政局")).total == 6


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no records folder"):
        open_index(tmp_path / "nowhere")


def test_empty_corpus(tmp_path: Path) -> None:
    with open_index(tmp_path) as idx:
        assert idx.report.documents == 0
        assert find_tasks(idx, TaskQuery(dept="民政局")).total == 0


# --- filters --------------------------------------------------------------------------------------------


def test_dept_goes_through_the_lexicon(records: Path) -> None:
    """民政局 finds 区民政局, 民政部门, 民政厅, 民政部 and 市民政局."""
    with open_index(records) as idx:
        hits = find_tasks(idx, TaskQuery(dept="民政局")).hits
    names = {d.name for h in hits for d in h.departments if d.canonical == "民政局"}
    assert names == {"区民政局", "民政部门", "民政厅", "民政部", "市民政局"}
    assert [(h.file, h.task_id) for h in hits] == [
        ("a_ninghe.json", "一.（一）"),
        ("a_ninghe.json", "一.（二）"),
        ("b_baodi.json", "四.1"),
        ("c_shandong.json", "二.1"),
        ("c_shandong.json", "二.2"),
        ("c_shandong.json", "二.3"),
    ]


@pytest.mark.parametrize("asked", ["区民政局", "市民政局", "民政部门", "民政厅"])
def test_any_alias_finds_the_same_tasks(records: Path, asked: str) -> None:
    assert ids(records, dept=asked) == ids(records, dept="民政局")


def test_renamed_department_is_found_under_its_new_name(records: Path) -> None:
    """卫生健康委 finds tasks given to 卫计委 (before the 2018 reform)."""
    assert ids(records, dept="卫生健康委") == [("a_ninghe.json", "一.（二）"), ("b_baodi.json", "四.1")]
    assert ids(records, dept="卫计委") == ids(records, dept="卫生健康委")


def test_exact_matches_the_name_as_written(records: Path) -> None:
    assert ids(records, dept="区民政局", exact=True) == [("a_ninghe.json", "一.（一）"), ("a_ninghe.json", "一.（二）")]
    assert ids(records, dept="卫计委", exact=True) == [("b_baodi.json", "四.1")]
    assert ids(records, dept="民政局", exact=True) == []  # known to the lexicon, written nowhere: no match


def test_role(records: Path) -> None:
    assert ids(records, dept="民政局", role="lead") == [("a_ninghe.json", "一.（一）")]
    assert ids(records, dept="民政局", role="co") == [("a_ninghe.json", "一.（二）")]
    assert ids(records, role="lead") == [("a_ninghe.json", "一.（一）"), ("a_ninghe.json", "一.（二）")]
    assert ids(records, dept="区民政局", exact=True, role="responsible") == []
    with open_index(records) as idx:  # 四.1 has two responsible departments and is counted once
        assert find_tasks(idx, TaskQuery(role="responsible", limit=1)).total == 6
        assert find_tasks(idx, TaskQuery(role="responsible", keyword="机制", limit=1)).total == 1


def test_due_by_counts_by_and_during_deadlines_only(records: Path) -> None:
    assert ids(records, due_by=2022) == [("a_ninghe.json", "一.（二）"), ("b_baodi.json", "四.1")]
    assert ids(records, due_by=2019) == []  # 从2019年起 is a start, not a deadline
    assert len(ids(records, due_by=2030)) == 4


def test_year_matches_any_deadline_kind(records: Path) -> None:
    assert ids(records, year=2019) == [("b_baodi.json", "四.2")]
    assert ids(records, year=2025) == [("a_ninghe.json", "一.（一）")]


def test_keyword_full_text(records: Path) -> None:
    assert ids(records, keyword="养老服务") == [
        ("a_ninghe.json", "一.（一）"),
        ("a_ninghe.json", "一.（二）"),
        ("b_baodi.json", "四.3"),
        ("c_shandong.json", "二.1"),
        ("c_shandong.json", "二.2"),
    ]
    assert ids(records, keyword="医养结合") == [("a_ninghe.json", "一.（二）"), ("b_baodi.json", "四.1")]
    assert ids(records, keyword="养老服务 融合") == [("a_ninghe.json", "一.（二）")]  # every word
    assert ids(records, keyword="老年") == [("b_baodi.json", "四.2")]  # 2 characters: one pair
    assert ids(records, keyword="100%_") == []  # LIKE wildcards are literal


def test_keyword_without_fts5_falls_back_to_like(records: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = {kw: ids(records, keyword=kw) for kw in ("养老服务", "医养结合", "养老服务 融合", "老年")}
    (records / INDEX_FILE).unlink()
    monkeypatch.setattr(index, "fts5_available", lambda: False)
    with open_index(records) as idx:
        assert not idx.fts
    assert {kw: ids(records, keyword=kw) for kw in expected} == expected
    monkeypatch.undo()  # an index built without FTS5 is rebuilt once FTS5 is there
    with open_index(records) as idx:
        assert idx.fts and idx.report.added == 3


def test_doc_region_period(records: Path) -> None:
    assert [t for _, t in ids(records, doc="宝坻")] == ["四.1", "四.2", "四.3"]
    assert [f for f, _ in ids(records, doc="*老龄*方案")] == ["b_baodi.json"] * 3
    assert {f for f, _ in ids(records, doc="c_shan")} == {"c_shandong.json"}  # the file name
    assert {f for f, _ in ids(records, region="宁河")} == {"a_ninghe.json"}
    assert {f for f, _ in ids(records, period="十三五")} == {"b_baodi.json"}
    assert ids(records, dept="民政局", period="十四五", region="山东", due_by=2025) == [("c_shandong.json", "二.3")]


def test_limit_keeps_the_total(records: Path) -> None:
    with open_index(records) as idx:
        result = find_tasks(idx, TaskQuery(dept="民政局", limit=2))
    assert result.total == 6 and [h.task_id for h in result.hits] == ["一.（一）", "一.（二）"]


def test_hit_carries_departments_deadlines_targets(records: Path) -> None:
    with open_index(records) as idx:
        (hit,) = find_tasks(idx, TaskQuery(dept="民政局", role="lead")).hits
    assert hit.document == "宁河区养老服务体系建设实施方案" and hit.region == "天津市宁河区" and hit.period == "十四五"
    assert [(d.name, d.role) for d in hit.departments] == [("区民政局", "lead"), ("区财政局", "co")]
    assert [(d.text, d.year) for d in hit.deadlines] == [("到2025年底", 2025)]
    assert [t.label for t in hit.targets] == ["覆盖率达到60%"]


def test_unknown_department_gets_suggestions(records: Path) -> None:
    with open_index(records) as idx, pytest.raises(UnknownDepartment) as caught:
        find_tasks(idx, TaskQuery(dept="民证局"))
    assert "民政局" in caught.value.suggestions


def test_name_only_the_records_know_is_not_unknown(records: Path) -> None:
    assert deptlex.lookup("区养老服务指导中心") is None
    assert ids(records, dept="区养老服务指导中心") == [("b_baodi.json", "四.3")]


# --- indicators -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "normalised"),
    [
        ("护理型床位占比", "护理型床位占比"),
        ("养老机构护理型床位占比", "护理型床位占比"),
        ("养老机构护理型床位占比（%）", "护理型床位占比"),
        ("全市养老机构护理型床位占比", "护理型床位占比"),
        ("“城乡”社区养老服务覆盖率", "社区养老服务覆盖率"),
        ("养老机构总数", "养老机构总数"),  # stripping would leave too little
        ("本科高校、职业院校招生规模", "本科高校职业院校招生规模"),
    ],
)
def test_normalize_indicator(name: str, normalised: str) -> None:
    assert normalize_indicator(name) == normalised


def test_indicator_groups_compare_documents_by_target_year(records: Path) -> None:
    with open_index(records) as idx:
        (group,) = indicator_groups(idx, "养老机构护理型床位占比")
        names = indicator_names(idx)
    assert group.name == "护理型床位占比"
    assert [(v.name, v.region, v.period, v.target, v.target_year) for v in group.values] == [
        ("全区护理型床位占比", "宝坻区", "十三五", "30%", 2020),
        ("护理型床位占比", "天津市宁河区", "十四五", "55%", 2025),
        ("养老机构护理型床位占比（%）", "山东省", "十四五", "≥60%", 2025),
    ]
    assert group.values[2].baseline == "51%"
    assert [(n.name, n.documents) for n in names] == [("护理型床位占比", 3), ("每千名老年人养老床位数", 1)]


# --- the command line -----------------------------------------------------------------------------------


def test_every_command_has_help() -> None:
    command = typer.main.get_command(app)
    for name, sub in command.commands.items():  # type: ignore[attr-defined]
        assert sub.help and "Example:" in sub.help, name
        result = invoke(name, "--help")
        assert result.exit_code == 0, name


def test_cli_query_table(records: Path) -> None:
    result = invoke("query", "--dept", "民政局", "--role", "lead", "--dir", str(records))
    assert result.exit_code == 0, result.output
    assert "区民政局★" in result.stdout and "一.（一）" in result.stdout and "1 of 1 task(s)" in result.stdout


def test_cli_query_table_limit(records: Path) -> None:
    result = invoke("query", "--dept", "民政局", "--limit", "2", "--dir", str(records))
    assert "2 of 6 task(s); --limit N for more" in result.stdout


def test_cli_query_json_keeps_full_text(records: Path) -> None:
    result = invoke("query", "--dept", "卫生健康委", "--format", "json", "--dir", str(records))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [(d["file"], d["task_id"]) for d in data] == [("a_ninghe.json", "一.（二）"), ("b_baodi.json", "四.1")]
    assert data[1]["text"] == "建立医疗机构与养老机构协作机制。"
    assert data[1]["departments"][0] == {
        "name": "卫计委",
        "canonical": "卫生健康委",
        "level": "county",
        "role": "responsible",
    }


def test_cli_query_jsonl(records: Path) -> None:
    result = invoke("query", "--keyword", "养老服务", "--format", "jsonl", "--dir", str(records))
    lines = result.stdout.splitlines()
    assert len(lines) == 5 and json.loads(lines[0])["title"] == "发展居家养老服务"


def test_cli_query_csv(records: Path) -> None:
    result = invoke("query", "--dept", "民政局", "--due-by", "2025", "--format", "csv", "--dir", str(records))
    lines = result.stdout.splitlines()
    assert lines[0] == "file,document,region,period,task_id,section_path,title,text,departments,deadlines,targets"
    assert lines[1].startswith("a_ninghe.json,宁河区养老服务体系建设实施方案,天津市宁河区,十四五,一.（一）,主要任务,")
    assert "区民政局★、区财政局" in lines[1] and lines[1].endswith(",到2025年底,覆盖率达到60%")
    assert len(lines) == 5


def test_cli_no_match_is_not_an_error(records: Path) -> None:
    result = invoke("query", "--dept", "民政局", "--year", "1999", "--dir", str(records))
    assert result.exit_code == 0 and "no task matches" in result.stderr
    result = invoke("query", "--dept", "民政局", "--year", "1999", "--format", "json", "--dir", str(records))
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_cli_unknown_department(records: Path) -> None:
    result = invoke("query", "--dept", "民证局", "--dir", str(records))
    assert result.exit_code == 1
    assert "unknown department '民证局'" in result.stderr and "民政局" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_empty_corpus(tmp_path: Path) -> None:
    for command in (["query", "--dept", "民政局"], ["indicators"], ["export"]):
        result = invoke(*command, "--dir", str(tmp_path))
        assert result.exit_code == 0, command
        assert f"no records in {tmp_path}" in result.stderr


def test_cli_missing_folder(tmp_path: Path) -> None:
    result = invoke("query", "--dir", str(tmp_path / "nowhere"))
    assert result.exit_code == 1 and "no records folder" in result.stderr


def test_cli_warns_about_unreadable_records(records: Path) -> None:
    (records / "broken.json").write_text("{", encoding="utf-8")
    result = invoke("query", "--dept", "教育局", "--format", "jsonl", "--dir", str(records))
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 1
    assert "warning: skipped" in result.stderr and "broken.json" in result.stderr


def test_cli_indicators(records: Path) -> None:
    result = invoke("indicators", "--dir", str(records))
    assert result.exit_code == 0 and "护理型床位占比" in result.stdout
    result = invoke("indicators", "--name", "护理型床位", "--format", "json", "--dir", str(records))
    (group,) = json.loads(result.stdout)
    assert group["name"] == "护理型床位占比" and [v["target_year"] for v in group["values"]] == [2020, 2025, 2025]
    result = invoke("indicators", "--name", "护理型床位占比", "--format", "csv", "--dir", str(records))
    assert result.stdout.splitlines()[0].startswith("indicator,name,file,document,region,period,unit,baseline")
    assert len(result.stdout.splitlines()) == 4
    result = invoke("indicators", "--format", "csv", "--dir", str(records))
    assert result.stdout.splitlines()[:2] == ["name,documents,values", "护理型床位占比,3,3"]
    result = invoke("indicators", "--name", "护理型床位", "--dir", str(records))
    assert "≥60%" in result.stdout and "51%" in result.stdout
    result = invoke("indicators", "--name", "失能老人", "--dir", str(records))
    assert result.exit_code == 0 and "no indicator matches" in result.stderr
