"""Questions over the index: which tasks a department has, what is due when, who compares how.

    with open_index(Path("data/structured")) as idx:
        result = find_tasks(idx, TaskQuery(dept="民政局", due_by=2025))
        groups = indicator_groups(idx, "护理型床位占比")

Every function returns plain dataclasses; nothing here prints.
"""

from __future__ import annotations

import difflib
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from . import deptlex
from .index import Index, gram_match, normalize_indicator
from .models import Role

_CHUNK = 1000  # task rows per look-up of their departments, deadlines and targets
_DUE_KINDS = ("by", "during")  # deadline kinds that say when work must be finished


class UnknownDepartment(Exception):
    """The lexicon does not know the name and no record mentions it."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean {'、'.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown department {name!r}{hint}")


@dataclass(frozen=True, slots=True)
class TaskQuery:
    """Filters, all optional and combined with AND."""

    dept: str | None = None  # matched through the lexicon (区民政局 / 民政部门 / 民政厅 -> 民政局)
    exact: bool = False  # match dept only as written
    role: Role | None = None  # with dept: that department's role; alone: any department's
    due_by: int | None = None  # a 'by' or 'during' deadline in this year or earlier
    year: int | None = None  # a deadline (of any kind) in this year
    keyword: str | None = None  # every whitespace-separated term in the task's title or text
    doc: str | None = None  # substring of the document title or record file name; * matches anything
    region: str | None = None  # substring of the document's region
    period: str | None = None  # five-year-plan label, e.g. 十四五
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class DeptRef:
    name: str
    canonical: str
    level: str
    role: str


@dataclass(frozen=True, slots=True)
class DeadlineRef:
    text: str
    year: int | None
    kind: str


@dataclass(frozen=True, slots=True)
class TargetRef:
    text: str
    value: float
    unit: str | None
    comparator: str
    metric: str | None
    year: int | None

    @property
    def label(self) -> str:
        """The target with what it measures: 全区基本医疗保险参保人数达到35万人."""
        return f"{self.metric}{self.text}" if self.metric else self.text


@dataclass(frozen=True, slots=True)
class TaskHit:
    file: str
    document: str
    region: str | None
    period: str | None
    task_id: str
    section_path: list[str]
    title: str
    text: str
    departments: list[DeptRef] = field(default_factory=list)
    deadlines: list[DeadlineRef] = field(default_factory=list)
    targets: list[TargetRef] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class TaskResult:
    hits: list[TaskHit]
    total: int  # matches before the limit


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    name: str  # as written in the document
    file: str
    document: str
    region: str | None
    period: str | None
    unit: str | None
    baseline: str | None
    baseline_year: int | None
    target: str | None
    target_value: float | None
    target_comparator: str | None
    target_year: int | None


@dataclass(frozen=True, slots=True)
class IndicatorGroup:
    name: str  # the normalised name
    values: list[IndicatorValue]


@dataclass(frozen=True, slots=True)
class IndicatorName:
    name: str  # the normalised name
    documents: int
    values: int


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere (ESCAPE '\\')."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _matching_ids(idx: Index, q: TaskQuery) -> tuple[str, list[object]]:
    """SQL for the ids of the tasks matching ``q``, in id order (document, then reading order).

    Each indexed filter is a set of task ids read from an index (departments, deadlines, the
    full-text index, the documents), each id once; the answer is their intersection, so a query
    never reads a task it does not return. A keyword the full-text index cannot answer exactly
    (one holding a private-use character, or any keyword without FTS5) is a LIKE over the task
    text, applied to what the sets leave.
    """
    sets: list[str] = []
    params: list[object] = []
    if q.dept is not None:
        column, value = ("name", q.dept) if q.exact else ("canonical", deptlex.canonical(q.dept))
        role = " AND role = ?" if q.role else ""
        sets.append(f"SELECT DISTINCT task_row FROM task_departments WHERE {column} = ?{role}")
        params += [value, *([q.role] if q.role else [])]
    elif q.role is not None:
        sets.append("SELECT DISTINCT task_row FROM task_departments WHERE role = ?")
        params.append(q.role)
    if q.due_by is not None:
        kinds = ", ".join("?" * len(_DUE_KINDS))
        sets.append(f"SELECT DISTINCT task_row FROM deadlines WHERE year <= ? AND kind IN ({kinds})")
        params += [q.due_by, *_DUE_KINDS]
    if q.year is not None:
        sets.append("SELECT DISTINCT task_row FROM deadlines WHERE year = ?")
        params.append(q.year)
    like_terms: list[str] = []
    for term in (q.keyword or "").split():
        match = gram_match(term) if idx.fts else None
        if match is not None:
            sets.append("SELECT rowid FROM task_grams WHERE task_grams MATCH ?")
            params.append(match)
        else:
            like_terms.append(term)
    doc_where: list[str] = []
    if q.doc is not None:
        doc_where.append("(d.title LIKE ? ESCAPE '\\' OR d.file LIKE ? ESCAPE '\\')")
        params += [_like(q.doc).replace("*", "%")] * 2
    if q.region is not None:
        doc_where.append("d.region LIKE ? ESCAPE '\\'")
        params.append(_like(q.region))
    if q.period is not None:
        doc_where.append("d.period_label = ?")
        params.append(q.period)
    if doc_where:
        docs = "SELECT id FROM documents d WHERE " + " AND ".join(doc_where)
        sets.append(f"SELECT id FROM tasks WHERE doc_id IN ({docs})")
    ids = " INTERSECT ".join(sets)  # a set alone is used as it is: counting it is faster without a DISTINCT
    if not like_terms:
        return (f"{ids} ORDER BY 1" if sets else "SELECT id FROM tasks ORDER BY id"), params
    where = [f"id IN ({ids})"] if sets else []
    for term in like_terms:
        where.append("(title LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\')")
        params += [_like(term)] * 2
    return f"SELECT id FROM tasks WHERE {' AND '.join(where)} ORDER BY id", params


def check_department(idx: Index, name: str) -> None:
    """Raise :class:`UnknownDepartment` when neither the lexicon nor any record knows ``name``; its
    suggestions are the closest names written in the records, then the closest in the lexicon."""
    if deptlex.lookup(name) is not None:
        return
    seen = idx.conn.execute(
        "SELECT 1 FROM task_departments WHERE name = ? OR canonical = ? LIMIT 1",
        (name, deptlex.canonical(name)),
    ).fetchone()
    if seen is None:
        written = [row[0] for row in idx.conn.execute("SELECT DISTINCT name FROM task_departments")]
        close = difflib.get_close_matches(name, written, n=2, cutoff=0.5) + deptlex.closest(name, n=6)
        raise UnknownDepartment(name, list(dict.fromkeys(close))[:4])


def find_tasks(idx: Index, q: TaskQuery) -> TaskResult:
    """Tasks matching every filter in ``q``: documents in index order, tasks in reading order."""
    if q.dept is not None:
        check_department(idx, q.dept)
    sql, params = _matching_ids(idx, q)
    if q.limit is None:
        shown = [row[0] for row in idx.conn.execute(sql, params)]
        total = len(shown)
    else:  # counting in SQL is faster than fetching every id
        total = idx.conn.execute(f"SELECT COUNT(*) FROM ({sql})", params).fetchone()[0]
        shown = [row[0] for row in idx.conn.execute(f"{sql} LIMIT ?", [*params, q.limit])]
    hits = [hit for start in range(0, len(shown), _CHUNK) for hit in _hits(idx.conn, shown[start : start + _CHUNK])]
    return TaskResult(hits=hits, total=total)


def _hits(conn: sqlite3.Connection, ids: list[int]) -> Iterator[TaskHit]:
    """The tasks ``ids`` (at most _CHUNK of them) with their departments, deadlines and targets."""
    marks = ", ".join("?" * len(ids))
    depts: defaultdict[int, list[DeptRef]] = defaultdict(list)
    for row, *cols in conn.execute(
        f"SELECT task_row, name, canonical, level, role FROM task_departments WHERE task_row IN ({marks})"
        " ORDER BY task_row, ord",
        ids,
    ):
        depts[row].append(DeptRef(*cols))
    deadlines: defaultdict[int, list[DeadlineRef]] = defaultdict(list)
    for row, *cols in conn.execute(
        f"SELECT task_row, text, year, kind FROM deadlines WHERE task_row IN ({marks}) ORDER BY task_row, ord",
        ids,
    ):
        deadlines[row].append(DeadlineRef(*cols))
    targets: defaultdict[int, list[TargetRef]] = defaultdict(list)
    for row, *cols in conn.execute(
        "SELECT task_row, text, value, unit, comparator, metric, year FROM targets"
        f" WHERE task_row IN ({marks}) ORDER BY task_row, ord",
        ids,
    ):
        targets[row].append(TargetRef(*cols))
    for tid, file, document, region, period, task_id, path, title, text in conn.execute(
        "SELECT t.id, d.file, d.title, d.region, d.period_label, t.task_id, t.section_path, t.title, t.text"
        f" FROM tasks t JOIN documents d ON d.id = t.doc_id WHERE t.id IN ({marks}) ORDER BY t.id",
        ids,
    ):
        yield TaskHit(
            file=file,
            document=document,
            region=region,
            period=period,
            task_id=task_id,
            section_path=json.loads(path),
            title=title,
            text=text,
            departments=depts[tid],
            deadlines=deadlines[tid],
            targets=targets[tid],
        )


def indicator_names(idx: Index) -> list[IndicatorName]:
    """Every normalised indicator name with how many documents (and values) carry it, most common first."""
    rows = idx.conn.execute(
        "SELECT norm_name, COUNT(DISTINCT doc_id), COUNT(*) FROM indicators"
        " GROUP BY norm_name ORDER BY COUNT(DISTINCT doc_id) DESC, norm_name"
    )
    return [IndicatorName(*r) for r in rows]


def indicator_groups(idx: Index, name: str) -> list[IndicatorGroup]:
    """Every document's value of the indicators whose normalised name contains ``name`` (normalised),
    grouped by normalised name, each group sorted by target year."""
    rows = idx.conn.execute(
        "SELECT i.norm_name, i.name, d.file, d.title, d.region, d.period_label, i.unit,"
        " i.baseline_text, i.baseline_year, i.target_text, i.target_value, i.target_comparator, i.target_year"
        " FROM indicators i JOIN documents d ON d.id = i.doc_id WHERE i.norm_name LIKE ? ESCAPE '\\'"
        " ORDER BY i.norm_name, i.target_year IS NULL, i.target_year, d.region, d.file, i.ord",
        (_like(normalize_indicator(name)),),
    )
    groups: dict[str, list[IndicatorValue]] = {}
    for norm, *cols in rows:
        groups.setdefault(norm, []).append(IndicatorValue(*cols))
    return [IndicatorGroup(name=k, values=v) for k, v in groups.items()]
