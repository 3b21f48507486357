"""Tasks: the deepest numbered items of the chapters that assign work, and the key tasks of 任务分工 tables.

Each task gets its departments, deadlines and targets, every value with the
span it came from.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import deptlex
from ..blocks import Block, Paragraph, Table
from ..models import Deadline, Department, ParseWarning, Section, Span, Target, Task
from ..normalize import for_matching
from ..structure import Node, classify, split_title
from .columns import TaskColumns, task_columns
from .context import DocContext
from .deadlines import find_deadlines
from .departments import Found, find_departments, is_unit, split_units
from .targets import find_targets

ROLE_STRENGTH = {"lead": 2, "co": 1, "responsible": 0}


@dataclass(slots=True)
class _Collector:
    """Accumulates one task's values from several pieces of text, de-duplicating departments."""

    ctx: DocContext
    departments: list[Department]
    deadlines: list[Deadline]
    targets: list[Target]
    unknown: set[str]

    @classmethod
    def new(cls, ctx: DocContext) -> _Collector:
        return cls(ctx, [], [], [], set())

    def add_department(self, f: Found, span: Span) -> None:
        for k, d in enumerate(self.departments):
            if d.name == f.name:
                if ROLE_STRENGTH[f.role] > ROLE_STRENGTH[d.role]:
                    self.departments[k] = d.model_copy(update={"role": f.role})
                return
        known = deptlex.lookup(f.name)
        if known is None:
            self.unknown.add(f.name)
        self.departments.append(
            Department(
                name=f.name,
                role=f.role,
                canonical=known or deptlex.canonical(f.name),
                level=_level(f.name, self.ctx),
                via=f.via,  # type: ignore[arg-type]
                span=span,
            )
        )

    def add_text(self, text: str, span_of: _SpanOf, prose: bool = True) -> None:
        for f in find_departments(text, self.ctx.first_is_lead, prose=prose):
            self.add_department(f, span_of(f.start, f.end))
        deadlines = find_deadlines(text, self.ctx)
        for d in deadlines:
            self.deadlines.append(
                Deadline(text=d.text, year=d.year, month=d.month, kind=d.kind, span=span_of(d.start, d.end))
            )
        for t in find_targets(text, deadlines):
            self.targets.append(
                Target(text=t.text, value=t.value, unit=t.unit, comparator=t.comparator, metric=t.metric,
                       year=t.year, span=span_of(t.start, t.end))
            )


class _SpanOf:
    """Turns offsets within a piece of text into a Span of the source."""

    def __init__(self, block: int, base: int = 0, row: int | None = None, col: int | None = None) -> None:
        self.block, self.base, self.row, self.col = block, base, row, col

    def __call__(self, start: int, end: int) -> Span:
        return Span(block=self.block, start=self.base + start, end=self.base + end, row=self.row, col=self.col)


def _level(name: str, ctx: DocContext) -> str:
    level = deptlex.level_of(name, default=ctx.admin_level)
    if deptlex.lookup(name) == "街道乡镇":
        return "township"
    return level


def _task_id(path: list[Node]) -> str:
    return ".".join(n.label for n in path)


def _leaves(nodes: list[Node]) -> list[Node]:
    out: list[Node] = []
    for n in nodes:
        if n.children:
            out.extend(_leaves(n.children))
        elif n.kind != "chapter":
            out.append(n)
    return out


def _tree_tasks(roots: list[Node], blocks: list[Block], ctx: DocContext) -> tuple[list[Task], set[str]]:
    tasks: list[Task] = []
    unknown: set[str] = set()
    for node in _leaves(roots):
        if not node.is_work():
            continue
        c = _Collector.new(ctx)
        heading = blocks[node.block]
        assert isinstance(heading, Paragraph)
        c.add_text(_without_number(heading.text, node.title_start), _SpanOf(node.block))
        for piece in node.body:
            if piece.block != node.block:
                c.add_text(piece.text, _SpanOf(piece.block, piece.start))
        for ancestor in node.path()[:-1]:  # a responsibility note on a section applies to its tasks
            _inherit(c, ancestor, blocks)
        path = node.path()
        tasks.append(
            Task(
                id=_task_id(path),
                section_path=[n.title for n in path[:-1]],
                title=node.title,
                text=node.text,
                departments=c.departments,
                deadlines=c.deadlines,
                targets=c.targets,
                span=Span(block=node.block, start=node.title_start, end=node.title_end),
            )
        )
        unknown |= c.unknown
    return tasks, unknown


def _without_number(text: str, start: int) -> str:
    """The paragraph with its item number blanked (same length), so '第三条  市民政部门' reads as a clause."""
    return " " * start + text[start:]


def _inherit(c: _Collector, section: Node, blocks: list[Block]) -> None:
    """Duties stated on a section apply to the tasks under it: a responsibility bracket anywhere in its own
    text, and the subject of a clause introducing its items ("各区人民政府应当履行下列职责：")."""
    heading = blocks[section.block]
    if not isinstance(heading, Paragraph):
        return
    texts = [(_without_number(heading.text, section.title_start), _SpanOf(section.block))]
    texts += [(p.text, _SpanOf(p.block, p.start)) for p in section.body if p.block != section.block]
    for text, span_of in texts:
        introduces = for_matching(text).rstrip().endswith("：")
        for f in find_departments(text, c.ctx.first_is_lead, prose=introduces):
            if f.via == "bracket" or introduces:
                c.add_department(Found(f.name, f.role, "section", f.start, f.end), span_of(f.start, f.end))


# ---------------------------------------------------------------- task tables


def _table_tasks(
    table: Table, index: int, cols: TaskColumns, ctx: DocContext, id_prefix: str
) -> tuple[list[Task], list[Section], set[str]]:
    """Key tasks of a 任务分工 table: a numbered task cell starts a task; rows without one continue it."""
    tasks: list[Task] = []
    sections: list[Section] = []
    unknown: set[str] = set()
    chapter: Section | None = None
    current: dict | None = None

    def close() -> None:
        nonlocal current
        if current is None:
            return
        c: _Collector = current["collector"]
        task = Task(
            id=current["id"],
            section_path=[chapter.title] if chapter else [],
            title=current["title"],
            text="\n".join(current["text"]),
            departments=c.departments,
            deadlines=c.deadlines,
            targets=c.targets,
            span=current["span"],
        )
        tasks.append(task)
        unknown.update(c.unknown)
        current = None

    for r, row in enumerate(table.rows[cols.header_rows :], start=cols.header_rows):
        cells = cols.align(row)
        heading_cells = [(k, cells[k]) for k in cols.task if cells[k].strip()]
        for k, cell in heading_cells:
            h = classify(cell)
            if h is not None and h.kind in ("cn", "chapter") and len(cols.task) > 1:
                close()
                chapter = _table_section(cell, h, index, r, k, level=1)
                sections.append(chapter)
                continue
            if h is not None or cols.numbered_by_column or not current:
                close()
                start = h.rest_start if h else 0
                t_end, b_start = split_title(cell, start)
                title = cell[start:t_end].strip().rstrip("。；：，、 ")
                number = h.number if h else (cells[cols.number[0]] if cols.number else str(len(tasks) + 1))
                label = (number or "").strip().rstrip("、．. ")
                current = {
                    "id": ".".join(x for x in (id_prefix, chapter.number.rstrip("、．. ") if chapter and chapter.number else "", label) if x),
                    "title": title,
                    "text": [],
                    "collector": _Collector.new(ctx),
                    "span": Span(block=index, start=start, end=t_end, row=r, col=k),
                }
                rest = cell[b_start:].strip()
                if rest:
                    current["text"].append(rest)
        if current is None:
            continue
        c = current["collector"]
        for k in cols.measure:
            if cells[k].strip():
                current["text"].append(cells[k].strip())
                c.add_text(cells[k], _SpanOf(index, 0, r, k), prose=False)
        for k, role in cols.units:
            for name, off in split_units(cells[k]):
                if is_unit(name):
                    c.add_department(Found(name, role, "table", off, off + len(name)), _SpanOf(index, 0, r, k)(off, off + len(name)))
        for k in cols.deadline:
            c.add_text(cells[k], _SpanOf(index, 0, r, k), prose=False)
    close()
    return tasks, sections, unknown


def _table_section(cell: str, h, index: int, r: int, k: int, level: int) -> Section:
    t_end, _ = split_title(cell, h.rest_start)
    return Section(
        number=h.number,
        kind=h.kind,
        level=level,
        title=cell[h.rest_start : t_end].strip().rstrip("。；：，、 "),
        text="",
        span=Span(block=index, start=h.rest_start, end=t_end, row=r, col=k),
    )


def extract_tasks(
    roots: list[Node], blocks: list[Block], ctx: DocContext
) -> tuple[list[Task], list[Section], list[ParseWarning]]:
    """Tasks in document order: tree tasks, and table tasks where a task table stands."""
    tasks, unknown = _tree_tasks(roots, blocks, ctx)
    sections: list[Section] = []
    for i, b in enumerate(blocks):
        if not isinstance(b, Table):
            continue
        cols = task_columns(b)
        if cols is None:
            continue
        t, s, u = _table_tasks(b, i, cols, ctx, id_prefix=f"T{i}")
        tasks.extend(t)
        sections.extend(s)
        unknown |= u
    tasks.sort(key=lambda t: (t.span.block, t.span.row or 0))
    warnings = [
        ParseWarning(code="department.unknown", message=f"department not in the lexicon: {name}")
        for name in sorted(unknown)
    ]
    return tasks, sections, warnings

