"""What the columns of a task table (任务分工 / 工作台账) hold, read from its header.

    | 重点任务 (spans 3 columns)             | 牵头单位 | 责任单位 |
    | 一、…  | （一）…  | measures …        | 区民政局 | 各镇街   |

A header with fewer cells than the rows is taken as right-aligned, its first
cell merged over the leftmost columns; those columns are then told apart by
content (numbered cells are task headings, long unnumbered cells are measures).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..blocks import Table
from ..lexicon import load
from ..models import Role
from ..structure import classify
from .headers import header_candidates

_VOCAB = load("tables")["task_columns"]


def _kind(header: str) -> str | None:
    h = header.replace(" ", "").replace("\u3000", "")
    if any(word in h for word in _VOCAB["people"]):
        return None  # 责任领导 / 责任人: persons, not units
    for kind in ("lead", "co", "responsible", "deadline", "number", "measure", "task"):
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

    @property
    def numbered_by_column(self) -> bool:
        return bool(self.number)

    def align(self, row: tuple[str, ...]) -> list[str]:
        return list(row) + [""] * (self.width - len(row))


def task_columns(table: Table) -> TaskColumns | None:
    """Column roles of a task table, or None when the table is not one."""
    for last, header in header_candidates(table, search=2):
        cols = _columns(table, header, last + 1)
        if cols is not None:
            return cols
    return None


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
    has_lead = "lead" in by_col.values()
    units: list[tuple[int, Role]] = []
    for c, k in sorted(by_col.items()):
        if k == "lead":
            units.append((c, "lead"))
        elif k == "co":
            units.append((c, "co"))
        elif k == "responsible":
            units.append((c, "co" if has_lead else "responsible"))
    return TaskColumns(
        width=width,
        header_rows=header_rows,
        task=tuple(task),
        measure=tuple(measure),
        units=tuple(units),
        deadline=tuple(c for c, k in sorted(by_col.items()) if k == "deadline"),
        number=tuple(c for c, k in sorted(by_col.items()) if k == "number"),
    )


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
    return task, measure
