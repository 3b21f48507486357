"""What the columns of a task table (任务分工 / 工作台账) hold, read from its header.

    | 重点任务 (spans 3 columns)             | 牵头单位 | 责任单位 |
    | 一、…  | （一）…  | measures …        | 区民政局 | 各镇街   |

A header with fewer cells than the rows is taken as right-aligned, its first
cell merged over the leftmost columns; those columns are then told apart by
content (numbered cells are task headings, long unnumbered cells are measures).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..blocks import Table
from ..lexicon import load
from ..models import ParseWarning, Role
from ..structure import classify
from .headers import header_candidates

_VOCAB = load("tables")["task_columns"]
# a note under the table, merged across it: 备注：… / 注：… / 说明：…
NOTE = regex.compile(r"^\s*(?:备\s*注|注|说\s*明)\s*\d?\s*[：:]")


def _kind(header: str) -> str | None:
    h = header.replace(" ", "").replace("\u3000", "")
    if any(word in h for word in _VOCAB["people"]):
        return None  # 责任领导 / 责任人: persons, not units
    for kind in ("lead", "co", "responsible", "deadline", "number", "measure", "task", "kpi", "year"):
        if any(word in h for word in _VOCAB[kind]):
            return kind
    return None


@dataclass(frozen=True, slots=True)
class TaskColumns:
    width: int
    header_rows: int
    task: tuple[int, ...]
    measure: tuple[int, ...]
    units: tuple[tuple[int, Role], ...]
    deadline: tuple[int, ...]
    number: tuple[int, ...]
    year: tuple[int, ...] = ()  # 年度 / 年份: a year cell (merged down) is a deadline of the rows it covers
    unnumbered: bool = False  # no task cell starts with an item number
    grouped: bool = False  # one task column, with group rows (一、养老服务 alone in its row) above its tasks

    @property
    def numbered_by_column(self) -> bool:
        """Every row with a task cell is a task: numbered by a 序号 column, or not numbered at all
        (任务 | 措施 | 责任单位). Where task cells carry item numbers, an unnumbered one continues the task above."""
        return bool(self.number) or self.unnumbered

    def align(self, row: tuple[str, ...]) -> list[str]:
        """The row on the table's width; a note row (备注：… merged across the table) as blank cells, and so
        a group row over a single task column, which would otherwise be read as a task without text."""
        filled = [c for c in row if c.strip()]
        if len(filled) == 1 and (NOTE.match(filled[0]) or (self.grouped and _group_heading(filled[0]))):
            return [""] * self.width
        return list(row) + [""] * (self.width - len(row))


def task_columns(table: Table) -> TaskColumns | None:
    """Column roles of a task table, or None when the table is not one."""
    for last, header in header_candidates(table, search=2):
        cols = _columns(table, header, last + 1)
        if cols is not None:
            return cols
    return None


def unread_warning(table: Table, index: int, cols: TaskColumns | None, tasks: int) -> ParseWarning | None:
    """A warning for a table that names responsible units (牵头单位 / 责任单位) but gave no task:
    its text columns were not recognised, or none of its rows held a task cell."""
    if tasks:
        return None
    if cols is None:
        from .indicators import indicator_columns  # an indicator table may have a 责任单位 column

        unit_header = next(
            (h for _, h in header_candidates(table, search=2) if {"lead", "co", "responsible"} & {*map(_kind, h)}),
            None,
        )
        if unit_header is None or indicator_columns(table) is not None:
            return None
        why = f"no task or measure column among {' | '.join(c.strip() for c in unit_header)}"
    else:
        why = "no row has a task cell"
    return ParseWarning(code="table.unread", message=f"a table with unit columns gave no tasks: {why}", block=index)


def _columns(table: Table, header: tuple[str, ...], header_rows: int) -> TaskColumns | None:
    kinds = _spread([_kind(h) for h in header], header)
    if not any(k in ("task", "measure") for k in kinds) or not any(k in ("lead", "co", "responsible") for k in kinds):
        return None
    width = max(len(r) for r in table.rows)
    shift = width - len(header)
    by_col: dict[int, str] = {}
    for j, kind in enumerate(kinds):
        if kind is None:
            continue
        cols = range(0, shift + 1) if j == 0 and shift > 0 else (j + shift,)
        for c in cols:
            by_col[c] = kind
    task_region = [c for c, k in sorted(by_col.items()) if k in ("task", "measure")]
    if len(task_region) > 1 and not any(by_col[c] == "measure" for c in task_region):
        task, measure = _split_region(table, task_region, header_rows)
    else:
        task = [c for c in task_region if by_col[c] == "task"]
        measure = [c for c in task_region if by_col[c] == "measure"]
    if not task:  # only measure columns (序号|工作内容|责任单位): the first holds the tasks
        task.append(measure.pop(0))
    # 考核指标 / 工作目标 beside the task column: read as a measure (text and targets), never as the task column
    measure = sorted(measure + [c for c, k in by_col.items() if k == "kpi"])
    has_lead = "lead" in by_col.values()
    units: list[tuple[int, Role]] = []
    for c, k in sorted(by_col.items()):
        if k == "lead":
            units.append((c, "lead"))
        elif k == "co":
            units.append((c, "co"))
        elif k == "responsible":
            units.append((c, "co" if has_lead else "responsible"))
    # the task cells, less group rows across the table (一、养老服务 alone in its row): are they numbered?
    rows = [r for r in table.rows[header_rows:] if sum(1 for x in r if x.strip()) > 1]
    body = [r[c] for r in rows for c in task if c < len(r) and r[c].strip()]
    alone = [x for r in table.rows[header_rows:] if len(x := [y for y in r if y.strip()]) == 1]
    grouped = (
        len(task) == 1
        and any(_group_heading(x[0]) for x in alone)
        and not any(_group_heading(x) for x in body)
    )
    return TaskColumns(
        unnumbered=bool(body) and all(classify(x) is None for x in body),
        grouped=grouped,
        width=width,
        header_rows=header_rows,
        task=tuple(task),
        measure=tuple(measure),
        units=tuple(units),
        deadline=tuple(c for c, k in sorted(by_col.items()) if k == "deadline"),
        number=tuple(c for c, k in sorted(by_col.items()) if k == "number"),
        year=tuple(c for c, k in sorted(by_col.items()) if k == "year"),
    )


def _group_heading(cell: str) -> bool:
    """一、养老服务 / 第一章 …: a heading of the level above a table's tasks."""
    h = classify(cell)
    return h is not None and h.kind in ("cn", "chapter")


def _spread(kinds: list[str | None], header: tuple[str, ...]) -> list[str | None]:
    """A merged header cell (.docx gridSpan, HTML colspan) leaves empty cells after it: they share its kind."""
    out = list(kinds)
    for j in range(1, len(out)):
        if out[j] is None and not header[j].strip() and out[j - 1] in ("task", "measure"):
            out[j] = out[j - 1]
    return out


def _split_region(table: Table, region: list[int], header_rows: int) -> tuple[list[int], list[int]]:
    """Columns under one merged header: mostly-numbered columns hold task headings, the rest measures."""
    task: list[int] = []
    measure: list[int] = []
    for c in region:
        cells = [r[c] for r in table.rows[header_rows:] if c < len(r) and r[c].strip()]
        numbered = sum(classify(x) is not None for x in cells)
        (task if cells and numbered * 2 >= len(cells) else measure).append(c)
    if not measure and task:
        measure.append(task.pop())
    if not task and len(measure) > 1:  # no column of numbered headings: task names, then their measures
        task.append(measure.pop(0))
    return task, measure
