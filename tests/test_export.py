"""The 台账 export: one row per task and department, as csv, jsonl and xlsx, through the library and the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner, Result

from agingpolicy import export, parse_text
from agingpolicy.cli import app
from agingpolicy.export import ExportError, LedgerRow, ledger_rows, to_csv, to_jsonl, write_ledger
from agingpolicy.index import open_index
from agingpolicy.query import TaskQuery
from agingpolicy.store import dump, write_atomic

NINGHE = """宁河区养老服务体系建设实施方案
一、主要任务
（一）发展居家养老服务。推进社区居家养老服务设施建设，到2025年底，社区养老服务设施覆盖率达到100%。（牵头单位：区民政局；配合单位：区财政局、各镇街）
（二）加强组织领导。各部门要加强协调，形成工作合力。
（三）推进医养结合。推动医疗机构与养老机构合作，到2022年建成10家医养结合机构。（区卫计委、区民政局按职责分工负责）
"""
COLUMNS = "document,region,task_id,section_path,title,text,department,canonical,role,deadlines,targets"
runner = CliRunner()


@pytest.fixture
def records(tmp_path: Path) -> Path:
    folder = tmp_path / "structured"
    write_atomic(folder / "ninghe.json", dump(parse_text(NINGHE, "ninghe.txt")))
    return folder


def rows_of(records: Path) -> list[LedgerRow]:
    with open_index(records) as idx:
        return list(ledger_rows(idx))


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args))


def test_one_row_per_task_and_department(records: Path) -> None:
    rows = rows_of(records)
    assert [(r.task_id, r.department, r.canonical, r.role) for r in rows] == [
        ("一.（一）", "区民政局", "民政局", "lead"),
        ("一.（一）", "区财政局", "财政局", "co"),
        ("一.（一）", "各镇街", "街道乡镇", "co"),
        ("一.（二）", "", "", ""),  # a task without departments still gets its row
        ("一.（三）", "区卫计委", "卫生健康委", "responsible"),
        ("一.（三）", "区民政局", "民政局", "responsible"),
    ]
    first = rows[0]
    assert first.document == "宁河区养老服务体系建设实施方案" and first.region == "宁河区"
    assert first.section_path == "主要任务" and first.title == "发展居家养老服务"
    assert first.text.startswith("推进社区居家养老服务设施建设") and first.text.endswith("各镇街）")
    assert first.deadlines == "到2025年底" and first.targets == "社区养老服务设施覆盖率达到100%"


def test_rows_follow_a_query(records: Path) -> None:
    with open_index(records) as idx:
        rows = list(ledger_rows(idx, TaskQuery(dept="卫生健康委")))
    assert [(r.task_id, r.department) for r in rows] == [("一.（三）", "区卫计委"), ("一.（三）", "区民政局")]


def test_csv_and_jsonl_text(records: Path) -> None:
    rows = rows_of(records)
    table = list(csv.reader(io.StringIO(to_csv(rows))))
    assert ",".join(table[0]) == COLUMNS and len(table) == 7
    assert table[4][2:9] == ["一.（二）", "主要任务", "加强组织领导", "各部门要加强协调，形成工作合力。", "", "", ""]
    lines = [json.loads(line) for line in to_jsonl(rows).splitlines()]
    assert lines[0]["department"] == "区民政局" and lines[0]["role"] == "lead" and len(lines) == 6


def test_csv_file_opens_in_excel_as_utf8(records: Path, tmp_path: Path) -> None:
    out = tmp_path / "ledger.csv"
    write_ledger(rows_of(records), "csv", out)
    data = out.read_bytes()
    assert data.startswith("\ufeff".encode()) and data.decode("utf-8-sig").splitlines()[0] == COLUMNS


def test_xlsx_has_chinese_headers_and_roles(records: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "台账.xlsx"
    write_ledger(rows_of(records), "xlsx", out)
    ws = load_workbook(out).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0] == [
        "文件名称", "地区", "任务编号", "所属章节", "任务", "具体内容",
        "责任单位", "规范名称", "角色", "完成时限", "目标",
    ]  # fmt: skip
    assert values[1][6:10] == ["区民政局", "民政局", "牵头", "到2025年底"]
    assert values[2][8] == "配合" and values[5][8] == "负责"
    assert values[4][6:9] == [None, None, None]  # empty cells for a task without departments
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:K7"
    assert [p.name for p in out.parent.iterdir()] == ["台账.xlsx"]  # no temporary file left


def test_xlsx_drops_characters_excel_refuses(tmp_path: Path) -> None:
    row = LedgerRow(*(["x"] * 5), "text\x07with a bell", *(["y"] * 5))
    write_ledger([row], "xlsx", tmp_path / "t.xlsx")
    assert load_workbook(tmp_path / "t.xlsx").active["F2"].value == "textwith a bell"


def test_xlsx_too_large_for_a_sheet(records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export, "EXCEL_MAX_ROWS", 3)
    with pytest.raises(ExportError, match="do not fit in one Excel sheet"):
        write_ledger(rows_of(records), "xlsx", tmp_path / "t.xlsx")
    assert not (tmp_path / "t.xlsx").exists()


def test_unknown_format(records: Path, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown format"):
        write_ledger(rows_of(records), "ods", tmp_path / "t.ods")


def test_cli_export_to_stdout(records: Path) -> None:
    result = invoke("export", "--dir", str(records))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == COLUMNS and len(result.stdout.splitlines()) == 7
    result = invoke("export", "--format", "jsonl", "--dir", str(records))
    assert [json.loads(line)["task_id"] for line in result.stdout.splitlines()][:4] == ["一.（一）"] * 3 + ["一.（二）"]


def test_cli_export_files(records: Path, tmp_path: Path) -> None:
    result = invoke("export", "--out", str(tmp_path / "台账.xlsx"), "--dir", str(records))  # format from the suffix
    assert result.exit_code == 0 and "6 row(s)" in result.stderr
    assert load_workbook(tmp_path / "台账.xlsx").active["G2"].value == "区民政局"
    result = invoke("export", "--format", "jsonl", "--out", str(tmp_path / "l.txt"), "--dir", str(records))
    assert len((tmp_path / "l.txt").read_text(encoding="utf-8").splitlines()) == 6


def test_cli_xlsx_needs_a_file(records: Path) -> None:
    result = invoke("export", "--format", "xlsx", "--dir", str(records))
    assert result.exit_code == 2 and "--out" in result.output


def test_cli_export_error_is_one_line(records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export, "EXCEL_MAX_ROWS", 3)
    result = invoke("export", "--out", str(tmp_path / "t.xlsx"), "--dir", str(records))
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and "export csv instead" in result.stderr
