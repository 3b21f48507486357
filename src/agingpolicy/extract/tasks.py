"""Tasks: the deepest numbered items of the chapters that assign work, and the key tasks of 任务分工 tables.

Each task gets its departments, deadlines and targets, every value with the
span it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from .. import deptlex
from ..blocks import Block, Paragraph, Table
from ..models import Deadline, Department, ParseWarning, Role, Section, Span, Target, Task
from ..normalize import for_matching
from ..structure import BOX, CHAPTER_NAME, SUMMING_UP, Node, classify, split_title
from .columns import TaskColumns, task_columns, unread_warning
from .context import DocContext
from .deadlines import FoundDeadline, find_deadlines
from .departments import Found, find_departments, listed_units, titled_unit
from .indicators import split_name_unit
from .targets import FoundTarget, find_targets

YEAR_CELL = regex.compile(r"((?:19|20)\d{2})\s*年?")  # a year column's cell: 2024年 / 2024年度 / 2024
# a cell that holds nothing: — / —— / - / ／ / 无
NOTHING = regex.compile(r"[—\-－–/／\s]*|无")
# a figure and nothing else, its unit in another cell: 300 / ≥75 / 不低于60 / 90以上 ("after" is where the unit goes)
BARE_FIGURE = regex.compile(
    r"\s*(?:[≥≤＞＜><]|不低于|不少于|不高于|不超过)?\s*\d+(?:\.\d+)?(?P<after>\s*(?:以上|以下|左右)?\s*)"
)
# a pointer to where the tasks are set out: 见附件 / （附件1） / 附表2 / 见下表
TABLE_REFERENCE = regex.compile(r"附件\s*\d?|附表\s*\d?|见下表")
ROLE_STRENGTH = {"lead": 2, "co": 1, "responsible": 0}
BOX_HEADER_MAX = 6  # the labels of a 专栏 table's header row are short: 项目 | 建设内容 | 责任单位
# a footnote mark after a unit in a table cell, never part of its name: 区民政局①、区财政局
FOOTNOTE_MARK = regex.compile(r"[①-⑳]")
RANKING_VIAS = ("bracket", "table")  # notes and table cells rank units against a lead; prose ranks by sentence


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
        self._read(text, span_of, prose, self.ctx)

    def add_milestone(self, text: str, span_of: _SpanOf, year: int, unit: str | None = None) -> bool:
        """A cell under a year (2024年 under 时间进度), read in that year: a limit without a year is that year's
        (6月底前 -> June 2024), and a quantity without one is a target for it; a bare figure (300) counts in the
        row's ``unit`` (张). True if the cell dates a limit."""
        if unit and (m := BARE_FIGURE.fullmatch(text)):
            self._add_figure(text, m.start("after"), unit, span_of, year)
            return False
        return any(d.year for d in self._read(text, span_of, False, replace(self.ctx, year=year), year))

    def _add_figure(self, cell: str, at: int, unit: str, span_of: _SpanOf, year: int) -> None:
        """The targets of a bare figure read with ``unit`` written in at ``at`` (300 -> 300张); each keeps the text
        and span of the cell as written."""
        for t in find_targets(cell[:at] + unit + cell[at:]):
            start, end = (p if p <= at else max(at, p - len(unit)) for p in (t.start, t.end))
            self._add_target(replace(t, text=cell[start:end], start=start, end=end), span_of, year)

    def _add_target(self, t: FoundTarget, span_of: _SpanOf, year: int | None) -> None:
        self.targets.append(
            Target(text=t.text, value=t.value, unit=t.unit, comparator=t.comparator, metric=t.metric,
                   year=t.year or year, span=span_of(t.start, t.end))
        )

    def _read(
        self, text: str, span_of: _SpanOf, prose: bool, ctx: DocContext, year: int | None = None
    ) -> list[FoundDeadline]:
        """The departments, time limits and targets of a text (targets without a year get ``year``);
        returns its time limits."""
        for f in find_departments(text, ctx.first_is_lead, prose=prose):
            self.add_department(f, span_of(f.start, f.end))
        deadlines = find_deadlines(text, ctx)
        for d in deadlines:
            if any((x.text, x.year, x.month, x.kind) == (d.text, d.year, d.month, d.kind) for x in self.deadlines):
                continue  # the same limit again (a measure cell and the 完成时限 column): its first mention stands
            self.deadlines.append(
                Deadline(text=d.text, year=d.year, month=d.month, kind=d.kind, span=span_of(d.start, d.end))
            )
        for t in find_targets(text, deadlines):
            self._add_target(t, span_of, year)
        return deadlines


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
    """The deepest numbered items, in document order.

    A 专栏 box stands beside the text: it is never a task itself (its numbered items are), and it does not
    count as a child, so an item the box follows (第三节 with prose, then 专栏1) is still a task. A 第X节
    holding only prose is the deepest item of its branch and so a task; a 第X章 without items is a
    container or a lead statement, never a task.
    """
    out: list[Node] = []
    for n in nodes:
        if not n.box and n.kind != "chapter" and all(c.box for c in n.children):
            out.append(n)
        out.extend(_leaves(n.children))
    return out


def _tree_tasks(roots: list[Node], blocks: list[Block], ctx: DocContext) -> tuple[list[Task], set[str]]:
    tasks: list[Task] = []
    unknown: set[str] = set()
    notes: dict[int, list[tuple[Found, Span]]] = {}  # id(section) -> its duties, read once for all its tasks
    for node in _leaves(roots):
        if not node.is_work() or _heading_over_table(node, blocks):
            continue
        c = _Collector.new(ctx)
        heading = blocks[node.block]
        assert isinstance(heading, Paragraph)
        c.add_text(_own_text(heading.text, node), _SpanOf(node.block))
        for piece in node.body:
            if piece.block != node.block:
                c.add_text(piece.text, _SpanOf(piece.block, piece.start))
        role = titled_unit(node.title, node.text)  # "1．县民政局：负责……"
        if role is not None:
            title_span = Span(block=node.block, start=node.title_start, end=node.title_end)
            c.add_department(Found(node.title, role, "prose", node.title_start, node.title_end), title_span)
        for ancestor in node.path()[:-1]:  # a responsibility note on a section applies to its tasks
            if id(ancestor) not in notes:
                notes[id(ancestor)] = _section_duties(ancestor, blocks, ctx)
            for found, span in notes[id(ancestor)]:
                c.add_department(found, span)
        path = node.path()
        tasks.append(
            Task(
                id=_task_id(path),
                section_path=[n.title for n in path[:-1]],
                title=node.title,
                text=node.text,
                departments=_beside_a_lead(c.departments),
                deadlines=c.deadlines,
                targets=c.targets,
                span=Span(block=node.block, start=node.title_start, end=node.title_end),
            )
        )
        unknown |= c.unknown
    return tasks, unknown


def _points_to_table(task: Task) -> bool:
    """'二、重点任务' whose only text says where its tasks are: '……实施14项重点任务，具体任务分工见附件' /
    '……对照《重点任务清单》（附件1），逐项细化措施'."""
    return bool(CHAPTER_NAME.fullmatch(task.title)) and bool(TABLE_REFERENCE.search(for_matching(task.text)))


def _beside_a_lead(departments: list[Department]) -> list[Department]:
    """Units a note or a table lists merely as responsible cooperate with the lead unit it names for the same
    task, whichever line or row names it: '牵头单位：市民政局' / '责任单位：市财政局' on lines of their own."""
    if not any(d.role == "lead" and d.via in RANKING_VIAS for d in departments):
        return departments
    return [
        d.model_copy(update={"role": "co"}) if d.role == "responsible" and d.via in RANKING_VIAS else d
        for d in departments
    ]


def _heading_over_table(node: Node, blocks: list[Block]) -> bool:
    """'二、重点任务分工' with nothing but a table under it, or only a line introducing it ('三、2023年度重点任务' /
    '2023年，重点推进以下8项任务：'): the table's rows are the tasks, not the heading."""
    last = max([node.block] + [p.block for p in node.body])
    following = blocks[last + 1] if last + 1 < len(blocks) else None
    text = for_matching(node.text).rstrip()
    return isinstance(following, Table) and (not text or (text.endswith("：") and "\n" not in text))


def _own_text(text: str, node: Node) -> str:
    """The part of a heading's block that is the node's own, its number blanked: up to its first run-in item
    ("（一）…。1.…。2.…"), or from its number to its end for a run-in item (offsets kept)."""
    end = node.block_end if node.block_end is not None else len(text)
    return _without_number(text[:end], node.title_start)


def _without_number(text: str, start: int) -> str:
    """The paragraph with its item number blanked (same length), so '第三条  市民政部门' reads as a clause."""
    return " " * start + text[start:]


def _section_duties(section: Node, blocks: list[Block], ctx: DocContext) -> list[tuple[Found, Span]]:
    """Duties stated on a section apply to the tasks under it: a responsibility bracket anywhere in its own
    text, and the subject of a clause introducing its items ("各区人民政府应当履行下列职责：")."""
    heading = blocks[section.block]
    if not isinstance(heading, Paragraph):
        return []
    duties: list[tuple[Found, Span]] = []
    texts = [(_own_text(heading.text, section), _SpanOf(section.block))]
    texts += [(p.text, _SpanOf(p.block, p.start)) for p in section.body if p.block != section.block]
    for text, span_of in texts:
        norm = for_matching(text)
        introduces = norm.rstrip().endswith("：") or bool(SUMMING_UP.match(norm))
        for f in find_departments(text, ctx.first_is_lead, prose=introduces):
            if f.via == "bracket" or introduces:
                duties.append((Found(f.name, f.role, "section", f.start, f.end), span_of(f.start, f.end)))
    return duties


# ---------------------------------------------------------------- task tables


@dataclass(slots=True)
class _OpenTask:
    """A table task being read: its heading cell, then the measure and unit cells of its rows."""

    id: str
    placed_id: str  # the id with each unnumbered group's place (T3.2.1 for 1 in the second group), should ids repeat
    title: str
    section_path: list[str]
    span: Span
    collector: _Collector
    text: list[str]

    def close(self) -> Task:
        c = self.collector
        return Task(
            id=self.id,
            section_path=self.section_path,
            title=self.title,
            text="\n".join(self.text),
            departments=_beside_a_lead(c.departments),
            deadlines=c.deadlines,
            targets=c.targets,
            span=self.span,
        )


def _strip_number(number: str | None) -> str:
    return (number or "").strip().rstrip("、．. ")


@dataclass(slots=True)
class _Groups:
    """The sections over a task table's rows: a group row (一、养老服务 alone in its row, or a chapter cell beside
    the task column), and under it the cells of the group columns (类别 / 领域, merged down), each column a level
    below the columns left of it."""

    sections: list[Section]  # the top-level ones, in order
    row: Section | None = None
    cells: dict[int, Section] = field(default_factory=dict)  # group column -> the section its last cell opened

    @classmethod
    def start(cls, first: Section | None) -> _Groups:
        return cls([first] if first else [], first)

    def path(self) -> list[Section]:
        return [*([self.row] if self.row else []), *(self.cells[k] for k in sorted(self.cells))]

    def places(self) -> list[str]:
        """Each open section's number, or its place among its siblings where it has none (设施建设 first -> 1)."""
        out: list[str] = []
        siblings = self.sections
        for section in self.path():
            place = next(k for k, s in enumerate(siblings, start=1) if s is section)
            out.append(_strip_number(section.number) or str(place))
            siblings = section.children
        return out

    def open_row(self, cell: str, at: Span) -> None:
        self.row = _table_section(cell, at)
        self.cells.clear()
        self.sections.append(self.row)

    def open_cell(self, col: int, cell: str, at: Span) -> bool:
        """A group column's cell opens a section, unless it repeats the one open in its column (a reader or a
        writer that fills a merged cell into each row). True if it opened one."""
        above = [*([self.row] if self.row else []), *(s for k, s in sorted(self.cells.items()) if k < col)]
        section = _table_section(cell, at, level=above[-1].level + 1 if above else 1)
        if col in self.cells and self.cells[col].title == section.title:
            return False
        for k in [k for k in self.cells if k >= col]:
            del self.cells[k]
        (above[-1].children if above else self.sections).append(section)
        self.cells[col] = section
        return True


def _table_tasks(
    table: Table, index: int, cols: TaskColumns, ctx: DocContext, id_prefix: str
) -> tuple[list[Task], list[Section], set[str]]:
    """Key tasks of a 任务分工 table: a numbered task cell starts a task; rows without one continue it.

    In a table numbered by a 序号 column, every row with a task cell is a task, and so is every row with a
    number of its own: the task cell merged down over it (left blank by the reader) covers it too.
    """
    tasks: list[Task] = []
    placed_ids: list[str] = []
    groups = _Groups.start(_caption_group(table, cols, index))
    unknown: set[str] = set()
    current: _OpenTask | None = None
    years: dict[int, tuple[int, str]] = {}  # year column -> (row, cell) of the year cell covering this row
    above: tuple[int, str] | None = None  # (row, cell) of the last cell of the task column, for the rows it covers

    def close() -> None:
        nonlocal current
        if current is not None:
            tasks.append(current.close())
            placed_ids.append(current.placed_id)
            unknown.update(current.collector.unknown)
            current = None

    for r, row in enumerate(table.rows[cols.header_rows :], start=cols.header_rows):
        if (k := cols.group_row(row)) is not None:
            close()
            groups.open_row(row[k], Span(block=index, row=r, col=k))
            above = None
            continue
        cells = cols.align(row)
        for k in cols.group:
            if cells[k].strip() and groups.open_cell(k, cells[k], Span(block=index, row=r, col=k)):
                close()
                above = None
        for k in cols.year:  # a merged year cell stands in its first row and covers the empty ones below
            if cells[k].strip():
                years[k] = (r, cells[k])
        for k in cols.task:
            at, cell = r, cells[k]
            if not cell.strip():
                if k != cols.task[-1] or above is None or not _numbered(cells, cols):
                    continue
                at, cell = above  # merged down over a row with a number of its own
            h = classify(cell)
            if h is not None and h.kind in ("cn", "chapter") and len(cols.task) > 1:
                close()
                groups.open_row(cell, Span(block=index, row=r, col=k))
                continue
            if k == cols.task[-1]:
                above = (at, cell)
            if h is None and current is not None and not cols.numbered_by_column:
                continue
            close()
            start = h.rest_start if h else 0
            t_end, b_start = split_title(cell, start, headed=False)  # a cell names its task: no verb cut
            # the cell's own number, else the row's: a merged cell's number is that of the row it stands in
            number = h.number if h and at == r else (cells[cols.number[0]] if cols.number else str(len(tasks) + 1))
            path = groups.path()
            ids = [id_prefix, *(_strip_number(s.number) for s in path), _strip_number(number)]
            current = _OpenTask(
                id=".".join(x for x in ids if x),
                placed_id=".".join(x for x in [id_prefix, *groups.places(), _strip_number(number)] if x),
                title=cell[start:t_end].strip().rstrip("。；：，、 "),
                section_path=[s.title for s in path],
                span=Span(block=index, start=start, end=t_end, row=at, col=k),
                collector=_Collector.new(ctx),
                text=[cell[b_start:].strip()] if cell[b_start:].strip() else [],
            )
            current.collector.add_text(cell, _SpanOf(index, 0, at, k), prose=False)
        if current is not None:
            _add_row(current, table, cols, cells, r, index, years)
    close()
    if len({t.id for t in tasks}) < len(tasks):  # a 序号 restarting at 1 in each unnumbered group (设施建设 | 1, 2 …)
        tasks = [t.model_copy(update={"id": placed}) for t, placed in zip(tasks, placed_ids, strict=True)]
    return tasks, groups.sections, unknown


def _numbered(cells: list[str], cols: TaskColumns) -> bool:
    """Does the row have a number of its own in the 序号 column?"""
    return bool(cols.number) and bool(cells[cols.number[0]].strip())


def _add_row(
    task: _OpenTask,
    table: Table,
    cols: TaskColumns,
    cells: list[str],
    r: int,
    index: int,
    years: dict[int, tuple[int, str]],
) -> None:
    """The other cells of a task's row: measures and milestones (their text joins the task's), units, time
    limits, and the year cell covering the row."""
    c = task.collector
    for k in cols.measure:
        if cells[k].strip():
            task.text.append(cells[k].strip())
            c.add_text(cells[k], _SpanOf(index, 0, r, k), prose=False)
    unit = _row_unit(cells, cols)
    for m in cols.milestones:
        cell = cells[m.col].strip()
        if cell and not NOTHING.fullmatch(cell):
            task.text.append(f"{m.label}：{cell}")
            if not c.add_milestone(cells[m.col], _SpanOf(index, 0, r, m.col), m.year, unit):
                _add_year(c, _header_row(table, cols, m.col), m.label, index, m.col)
    for k, role in cols.units:
        span_of = _SpanOf(index, 0, r, k)
        found = _cell_units(cells[k], role, c.ctx.lead_mark)
        for f in _first_leads(found) if role == "responsible" and c.ctx.first_is_lead else found:
            c.add_department(f, span_of(f.start, f.end))
    for k in cols.deadline:
        c.add_text(cells[k], _SpanOf(index, 0, r, k), prose=False)
    for k in cols.year:
        if k in years:
            _add_year(c, *years[k], index, k)


def _cell_units(cell: str, role: Role, lead_mark: str | None) -> list[Found]:
    """The units of a responsibility cell, footnote marks left out of their names; where a note says a mark
    makes a lead (标注①的为牵头单位), the marked units lead and the others cooperate:
    '区民政局①、区财政局' -> 区民政局 lead, 区财政局 co."""
    if not FOOTNOTE_MARK.search(cell):
        return listed_units(cell, role)
    found = listed_units(FOOTNOTE_MARK.sub(" ", cell), role)  # same length: offsets hold
    leads = {k for k, f in enumerate(found) if lead_mark and cell[f.end :].lstrip().startswith(lead_mark)}
    if not leads:
        return found
    return [replace(f, role="lead" if k in leads else "co") for k, f in enumerate(found)]


def _row_unit(cells: list[str], cols: TaskColumns) -> str | None:
    """The unit of a row's figures: its 单位 cell, else the unit in brackets after its 考核指标 (新增养老床位（张）)."""
    written = [cells[k].strip() for k in cols.unit if cells[k].strip()]
    bracketed = [unit for k in cols.kpi if (unit := split_name_unit(cells[k])[1])]
    return next(iter(written + bracketed), None)


def _header_row(table: Table, cols: TaskColumns, col: int) -> int:
    """The header row that labels a column: the lowest with text over it."""
    rows = range(cols.header_rows - 1, -1, -1)
    return next((h for h in rows if col < len(table.rows[h]) and table.rows[h][col].strip()), 0)


def _first_leads(found: list[Found]) -> list[Found]:
    """Where the document says the first-listed unit leads (列第一位者为牵头单位), the first unit of a responsible
    cell leads and the rest cooperate; a cell that ranks its units itself (市民政局（牵头）) keeps its roles."""
    if any(f.role != "responsible" for f in found):
        return found
    return [replace(f, role="co" if k else "lead") for k, f in enumerate(found)]


def _caption_group(table: Table, cols: TaskColumns, index: int) -> Section | None:
    """The first group of a table without a header row whose one-cell first row (一、健全养老服务体系) a reader
    took as the table's caption, or None."""
    if cols.header_rows or table.caption is None:
        return None
    h = classify(table.caption)
    if h is None or h.kind not in ("cn", "chapter"):
        return None
    return _table_section(table.caption, Span(block=index))


def _add_year(c: _Collector, row: int, cell: str, index: int, col: int) -> None:
    """The year of a year cell (2024年 / 2024年度) or a year column's label as a deadline by that year, once per
    task."""
    found = find_deadlines(cell, c.ctx)
    if not found and (m := YEAR_CELL.search(for_matching(cell))):
        found = [FoundDeadline(cell[m.start() : m.end()], int(m[1]), None, "by", m.start(), m.end())]
    for d in found:
        if any(x.year == d.year and x.month == d.month for x in c.deadlines):
            continue
        span = Span(block=index, start=d.start, end=d.end, row=row, col=col)
        c.deadlines.append(Deadline(text=d.text, year=d.year, month=d.month, kind=d.kind, span=span))


def _table_section(cell: str, at: Span, level: int = 1) -> Section:
    """A group of a task table's rows as a section: a chapter row (一、健全社会保障体系), top-level, or the cell of
    a group column (设施建设), a level below the group it stands in."""
    h = classify(cell)
    start = h.rest_start if h else 0
    t_end, _ = split_title(cell, start)
    return Section(
        number=h.number if h else None,
        kind=h.kind if h else "unnumbered",  # type: ignore[arg-type]
        level=level,
        title=cell[start:t_end].strip().rstrip("。；：，、 "),
        text="",
        span=at.model_copy(update={"start": start, "end": t_end}),
    )


def _box_table(table: Table) -> str | None:
    """The marker of a 专栏 box written as a table ("专栏1　居家社区养老重点工程" as its caption), or None."""
    if table.caption is None or table.width < 2:
        return None
    m = BOX.match(for_matching(table.caption))
    return m["marker"] if m else None


def _heading_before(roots: list[Node], index: int) -> Node | None:
    """The last heading before block ``index``: the part a table standing there belongs to."""
    last: Node | None = None
    stack = list(roots)
    while stack:
        node = stack.pop()
        if node.block < index and (last is None or node.block > last.block):
            last = node
        stack.extend(node.children)
    return last


def _box_table_tasks(
    table: Table, index: int, marker: str, part: Node, ctx: DocContext
) -> tuple[list[Task], set[str]]:
    """The rows of a 专栏 table as tasks, as the numbered items of a box written as lines are: the first cell
    names the project, the others hold what it builds. A header row of short labels (项目 | 建设内容) is not one."""
    rows = list(enumerate(table.rows))
    if rows and all(len(c) <= BOX_HEADER_MAX and not any(ch.isdigit() for ch in c) for c in rows[0][1] if c):
        rows = rows[1:]
    # the box hangs in the section of the item it follows, as a box of numbered lines does
    section = part.path()[:-1] if part.parent is not None and not part.children else part.path()
    tasks: list[Task] = []
    unknown: set[str] = set()
    for r, cells in rows:
        filled = [(k, c.strip()) for k, c in enumerate(cells) if c.strip()]
        if len(filled) < 2:
            continue
        (k0, title), rest = filled[0], filled[1:]
        c = _Collector.new(ctx)
        for k, cell in rest:
            c.add_text(cell, _SpanOf(index, 0, r, k), prose=False)
        tasks.append(
            Task(
                id=".".join([*(n.label for n in section), marker, str(len(tasks) + 1)]),
                section_path=[*(n.title for n in section), table.caption or marker],
                title=title,
                text="\n".join(cell for _, cell in rest),
                departments=_beside_a_lead(c.departments),
                deadlines=c.deadlines,
                targets=c.targets,
                span=Span(block=index, start=0, end=len(title), row=r, col=k0),
            )
        )
        unknown |= c.unknown
    return tasks, unknown


def extract_tasks(
    roots: list[Node], blocks: list[Block], ctx: DocContext
) -> tuple[list[Task], list[Section], list[ParseWarning]]:
    """Tasks in document order: tree tasks, and table tasks where a task table stands."""
    tree_tasks, unknown = _tree_tasks(roots, blocks, ctx)
    tasks: list[Task] = []  # those of tables
    sections: list[Section] = []
    unread: list[ParseWarning] = []
    for i, b in enumerate(blocks):
        if not isinstance(b, Table):
            continue
        cols = task_columns(b)
        if cols is None and (box := _box_table(b)) is not None:  # a 专栏 box written as a table
            part = _heading_before(roots, i)
            if part is not None and part.is_work():
                t, u = _box_table_tasks(b, i, box, part, ctx)
                tasks.extend(t)
                unknown |= u
            continue
        t, s, u = _table_tasks(b, i, cols, ctx, id_prefix=f"T{i}") if cols is not None else ([], [], set())
        if (w := unread_warning(b, i, cols, len(t))) is not None:
            unread.append(w)
        tasks.extend(t)
        sections.extend(s)
        unknown |= u
    if tasks:  # a table holds tasks: a chapter that only points to it is none itself
        tree_tasks = [t for t in tree_tasks if not _points_to_table(t)]
    tasks += tree_tasks
    tasks.sort(key=lambda t: (t.span.block, t.span.row or 0))
    warnings = unread + [
        ParseWarning(code="department.unknown", message=f"department not in the lexicon: {name}")
        for name in sorted(unknown)
    ]
    renamed = sorted({(d.name, d.canonical) for t in tasks for d in t.departments if deptlex.is_renamed(d.name)})
    warnings += [
        ParseWarning(code="department.renamed", message=f"{name} is a pre-reform name; now {canonical}")
        for name, canonical in renamed
    ]
    return tasks, sections, warnings

