"""The 台账: one row per task and department, the form staff keep in Excel.

csv and jsonl use the English column keys and role codes (lead / co /
responsible), for scripts; a csv file starts with a byte-order mark so Excel
reads it as UTF-8 (csv on standard output does not). xlsx uses Chinese headers
and role labels (牵头 / 配合 / 负责), for people. A task without departments
still gets one row, with the department columns empty. Files are written
atomically: a reader sees the old file or the new one.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, astuple, dataclass, fields
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .index import Index
from .query import TaskQuery, find_tasks
from .store import replacing, write_atomic

FORMATS = ("csv", "jsonl", "xlsx")
ROLE_LABELS = {"lead": "牵头", "co": "配合", "responsible": "负责"}
SEPARATOR = "；"  # between several deadlines or targets in one cell
EXCEL_MAX_ROWS = 1_048_576  # rows in one sheet, header included
EXCEL_MAX_CELL = 32_767  # characters in one cell


class ExportError(Exception):
    """The 台账 cannot be written in the format asked for."""


@dataclass(frozen=True, slots=True)
class LedgerRow:
    document: str
    region: str
    task_id: str
    section_path: str
    title: str
    text: str
    department: str
    canonical: str
    role: str
    deadlines: str
    targets: str


# xlsx header and column width (in characters) for each LedgerRow field
HEADERS: dict[str, tuple[str, int]] = {
    "document": ("文件名称", 30),
    "region": ("地区", 12),
    "task_id": ("任务编号", 14),
    "section_path": ("所属章节", 24),
    "title": ("任务", 30),
    "text": ("具体内容", 60),
    "department": ("责任单位", 16),
    "canonical": ("规范名称", 16),
    "role": ("角色", 6),
    "deadlines": ("完成时限", 16),
    "targets": ("目标", 30),
}


def ledger_rows(idx: Index, q: TaskQuery | None = None) -> Iterator[LedgerRow]:
    """The 台账 rows of every task matching ``q`` (all tasks by default), in record order."""
    for hit in find_tasks(idx, q or TaskQuery()).hits:
        common = {
            "document": hit.document,
            "region": hit.region or "",
            "task_id": hit.task_id,
            "section_path": " > ".join(hit.section_path),
            "title": hit.title,
            "text": hit.text,
            "deadlines": SEPARATOR.join(dict.fromkeys(d.text for d in hit.deadlines)),
            "targets": SEPARATOR.join(dict.fromkeys(t.label for t in hit.targets)),
        }
        if not hit.departments:
            yield LedgerRow(department="", canonical="", role="", **common)
        for d in hit.departments:
            yield LedgerRow(department=d.name, canonical=d.canonical, role=d.role, **common)


def to_csv(rows: Iterable[LedgerRow]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(f.name for f in fields(LedgerRow))
    writer.writerows(astuple(r) for r in rows)
    return buf.getvalue()


def to_jsonl(rows: Iterable[LedgerRow]) -> str:
    return "".join(json.dumps(asdict(r), ensure_ascii=False) + "\n" for r in rows)


def _cell(text: str) -> str:
    """Text Excel accepts: no control characters, at most 32,767 characters."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)[:EXCEL_MAX_CELL]


def write_xlsx(rows: Iterable[LedgerRow], path: Path) -> None:
    """One sheet, Chinese headers, frozen header row and filters; written to a temp file then renamed."""
    table = list(rows)
    if len(table) + 1 > EXCEL_MAX_ROWS:
        raise ExportError(f"{len(table):,} rows do not fit in one Excel sheet; export csv instead")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    names = [f.name for f in fields(LedgerRow)]
    for i, name in enumerate(names, start=1):
        ws.column_dimensions[get_column_letter(i)].width = HEADERS[name][1]
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(names))}{len(table) + 1}"
    header = []
    for name in names:
        cell = WriteOnlyCell(ws, value=HEADERS[name][0])
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    for r in table:
        ws.append([_cell(ROLE_LABELS.get(v, v) if k == "role" else v) for k, v in zip(names, astuple(r), strict=True)])
    with replacing(path) as tmp:
        wb.save(tmp)


def write_ledger(rows: Iterable[LedgerRow], fmt: str, path: Path) -> None:
    """Write the 台账 to ``path`` in ``fmt`` (csv, jsonl or xlsx)."""
    if fmt == "xlsx":
        write_xlsx(rows, path)
    elif fmt in ("csv", "jsonl"):
        write_atomic(path, "\ufeff" + to_csv(rows) if fmt == "csv" else to_jsonl(rows))
    else:
        raise ExportError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
