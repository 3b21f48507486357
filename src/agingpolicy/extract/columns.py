"""What the columns of a task table (任务分工 / 工作台账) hold, read from its header.

    | 重点任务 (spans 3 columns)             | 牵头单位 | 责任单位 |
    | 一、…  | （一）…  | measures …        | 区民政局 | 各镇街   |

A header with fewer cells than the rows is taken as right-aligned, its first
cell merged over the leftmost columns; those columns are then told apart by
content (numbered cells are task headings, long unnumbered cells are measures).

A column of categories (类别 / 领域 / 任务类别, merged down) groups the rows it covers, as group rows do; a
column named by a year (2023年 | 2024年 under 时间进度) holds what is due by that year, a bare figure in
it counted in the row's 单位 cell (or the unit in brackets after its 考核指标):

    | 序号 | 任务类别 | 具体任务 | 2023年 | 2024年 | 责任单位 |
    | 1    | 设施建设 | 建设……   | 建成4个 | 累计建成9个 | 县民政局 |

    | 序号 | 重点任务 | 考核指标         | 单位 | 2023年 | 2024年 | 牵头单位 |
    | 2    | 发展……   | 新增家庭养老床位 | 张   | 300    | 500    | 市民政局 |

A table without a header row is read by content, only on strong evidence (see
``_by_content``): a column of unit lists, a text column left of it, and a row
number, time limit or second text column beside them:

    | 1 | 推进街道综合养老服务中心建设 | 新建……3个。 | 区民政局（牵头）各街道（镇） | 2023年12月底前 |

A table of just a task column and a unit column needs long task cells and a unit list in (nearly) every row:

    | 1.推进社区居家养老服务全覆盖。新建社区养老服务站8个…… | 区民政局①、各街道办事处 |
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import regex

from ..blocks import Table
from ..lexicon import load
from ..models import ParseWarning, Role
from ..normalize import for_matching
from ..structure import BOX, classify
from .context import DocContext
from .deadlines import find_deadlines
from .departments import is_listed_unit, is_unit, split_units
from .headers import header_candidates, header_year, is_label_row

_VOCAB = load("tables")["task_columns"]
_GROUP = load("tables")["columns"]["category"]  # 类别 / 领域 / 分类: a column grouping the rows, never their tasks
# a note under the table, merged across it: 备注：… / 注：… / 说明：…
NOTE = regex.compile(r"^\s*(?:备\s*注|注|说\s*明)\s*\d?\s*[：:]")
# a row-number cell: 1 / 12 / 3. / 4、
ROW_NUMBER = regex.compile(r"\s*(?P<n>\d{1,3})\s*[、.．]?\s*")
# a figure standing alone in a cell, an indicator's value or a phone number: 55 / ≥36 / 32.5% / 0731-88881234
FIGURE = regex.compile(r"\s*(?:[≥≤＞＜><]|不低于|不少于|不高于)?\s*[\d.,，\-—－]+\s*[%‰]?\s*")
HAN = regex.compile(r"\p{Han}")
# a person's post, not a unit: 李四副县长 / 科长 / 养老服务工作联络员 / 分管负责人
POST = regex.compile("(?:" + "|".join(load("tables")["person_posts"]) + r")\s*$")
MIN_ROWS = 3  # a headerless table is read by content only when it has this many rows of data
AGREE = 2 / 3  # the share of a column's filled cells that must agree on what it holds
MIN_TEXT = 4  # Chinese characters in a task or measure cell: 推进医养结合
MAX_LIMIT = 20  # a time-limit cell is short: 2023年12月底前 / 长期坚持
# a two-column table's task cells hold a task and its measures, on average this many Chinese characters:
# 1.推进社区居家养老服务全覆盖。新建社区养老服务站8个…… (not 推进医养结合工作 alone)
PAIR_TEXT = 16
PAIR_UNITS = 0.9  # the share of a two-column table's rows whose right cell must be a unit list
# yearless limits (10月底前 / 年底前) count when telling a time-limit column; the year itself is not used
ANY_YEAR = DocContext(year=2000)


def _compact(header: str) -> str:
    return header.replace(" ", "").replace("\u3000", "")


def _kind(header: str) -> str | None:
    h = _compact(header)
    if any(word in h for word in _VOCAB["people"]):
        return None  # 责任领导 / 责任人: persons, not units
    if any(word in h for word in _GROUP):
        return "group"  # 任务类别 / 重点领域: before 任务, so never the task column
    if header_year(h) is not None:
        return "milestone"  # 2024年 / 2024年度: before 年度, which names a column of year cells
    for kind in ("lead", "co", "responsible", "deadline", "number", "measure", "task", "kpi", "year"):
        if any(word in h for word in _VOCAB[kind]):
            return kind
    return None


class Milestone(NamedTuple):
    """A column named by a year (2024年 under 时间进度): each cell is what is to be done or reached by then."""

    col: int
    year: int
    label: str  # as written: 2024年 / 2024年度 / 2024


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
    group: tuple[int, ...] = ()  # 类别 / 领域: a category cell (merged down) is a section over the rows it covers
    milestones: tuple[Milestone, ...] = ()  # columns named by a year: 2023年 | 2024年 under 时间进度
    unit: tuple[int, ...] = ()  # 单位: the unit of the figures in the row's milestone cells (张 / % / 人次)
    kpi: tuple[int, ...] = ()  # 考核指标 (also among the measures): its bracketed unit serves where no 单位 column does
    unnumbered: bool = False  # no task cell starts with an item number
    grouped: bool = False  # one task column, with group rows (一、养老服务 alone in its row) above its tasks

    @property
    def numbered_by_column(self) -> bool:
        """Every row with a task cell is a task: numbered by a 序号 column, or not numbered at all
        (任务 | 措施 | 责任单位). Where task cells carry item numbers, an unnumbered one continues the task above."""
        return bool(self.number) or self.unnumbered

    def align(self, row: tuple[str, ...]) -> list[str]:
        """The row on the table's width; a note row (备注：… merged across the table) as blank cells."""
        filled = [c for c in row if c.strip()]
        if len(filled) == 1 and NOTE.match(filled[0]):
            return [""] * self.width
        return list(row) + [""] * (self.width - len(row))

    def group_row(self, row: tuple[str, ...]) -> int | None:
        """The column of the heading in a group row over a single task column (一、养老服务 alone in its row,
        whichever column it stands in), or None for any other row."""
        filled = [k for k, c in enumerate(row) if c.strip()]
        if self.grouped and len(filled) == 1 and _group_heading(row[filled[0]]):
            return filled[0]
        return None


def task_columns(table: Table) -> TaskColumns | None:
    """Column roles of a task table, or None when the table is not one."""
    candidates = header_candidates(table, search=2)
    for last, header in candidates:
        cols = _columns(table, header, last + 1)
        if cols is not None:
            return cols
    if any(_labels(table.rows[last]) and any(map(_kind, header)) for last, header in candidates):
        return None  # a header this module reads, but not as a task table's
    return _by_content(table)


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
    shift = table.width - len(header)
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
    return _task_columns(
        table,
        header_rows,
        task=tuple(task),
        measure=tuple(measure),
        units=tuple(units),
        deadline=tuple(c for c, k in sorted(by_col.items()) if k == "deadline"),
        number=tuple(c for c, k in sorted(by_col.items()) if k == "number"),
        year=tuple(c for c, k in sorted(by_col.items()) if k == "year"),
        group=tuple(c for c, k in sorted(by_col.items()) if k == "group"),
        milestones=_milestones(header, kinds, shift),
        unit=_unit_columns(header, shift),
        kpi=tuple(c for c, k in sorted(by_col.items()) if k == "kpi"),
    )


def _task_columns(
    table: Table,
    header_rows: int,
    task: tuple[int, ...],
    measure: tuple[int, ...],
    units: tuple[tuple[int, Role], ...],
    deadline: tuple[int, ...],
    number: tuple[int, ...],
    year: tuple[int, ...] = (),
    group: tuple[int, ...] = (),
    milestones: tuple[Milestone, ...] = (),
    unit: tuple[int, ...] = (),
    kpi: tuple[int, ...] = (),
) -> TaskColumns:
    """The columns, with what the task cells tell: are they numbered, and do group rows stand above them?"""
    # the task cells, less group rows across the table (一、养老服务 alone in its row): are they numbered?
    rows = _data_rows(table, header_rows)
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
        width=table.width,
        header_rows=header_rows,
        task=task,
        measure=measure,
        units=units,
        deadline=deadline,
        number=number,
        year=year,
        group=group,
        milestones=milestones,
        unit=unit,
        kpi=kpi,
    )


def _milestones(header: tuple[str, ...], kinds: list[str | None], shift: int) -> tuple[Milestone, ...]:
    """The columns named by a year, on the table's grid (a short header is right-aligned)."""
    return tuple(
        Milestone(j + shift, year, header[j].strip())
        for j, kind in enumerate(kinds)
        if kind == "milestone" and (year := header_year(_compact(header[j]))) is not None
    )


def _unit_columns(header: tuple[str, ...], shift: int) -> tuple[int, ...]:
    """The 单位 / 计量单位 columns, on the table's grid: the unit of a row's figures (张 / %). They are no kind of
    their own: 项目 | 内容 | 单位 | 时间 may mean the responsible unit, and does not make the table a task table."""
    return tuple(j + shift for j, h in enumerate(header) if _compact(h) in _VOCAB["unit"])


def _data_rows(table: Table, header_rows: int) -> list[tuple[str, ...]]:
    """The rows below the header, less group rows and notes (a single cell across the table)."""
    return [r for r in table.rows[header_rows:] if sum(1 for x in r if x.strip()) > 1]


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


# ---------------------------------------------------------------- tables without a header row


def _by_content(table: Table) -> TaskColumns | None:
    """Column roles of a table without a header row, told from its cells, or None without strong evidence:
    a column of unit lists, a text column left of it (the shortest text column holds the tasks, the others
    measures), and beside them a row number, a time limit or a second text column; or, in a table of just
    those two columns, long task cells and a unit list in (nearly) every row (see ``_task_unit_pair``).
    A column of bare figures (an indicator's values, phone numbers) or of persons' posts makes the table no
    task table."""
    if table.caption and BOX.match(for_matching(table.caption)):
        return None  # a 专栏 box's project table: its rows are the box's items
    header_rows = 1 if table.rows and _labels(table.rows[0]) else 0
    rows = _data_rows(table, header_rows)
    if len(rows) < MIN_ROWS:
        return None
    kinds = [_content_kind([r[c] if c < len(r) else "" for r in rows]) for c in range(table.width)]
    if "figure" in kinds or "post" in kinds or "units" not in kinds:
        return None  # an indicator table, a list of contacts, or no unit column
    units = [c for c, k in enumerate(kinds) if k == "units"]
    text = [c for c in range(units[0]) if kinds[c] == "text"]
    beside = "number" in kinds or "deadline" in kinds or len(text) > 1
    if not text or not (beside or _task_unit_pair(rows, kinds)):
        return None
    task = min(text, key=lambda c: _mean_length(rows, c))
    return _task_columns(
        table,
        header_rows,
        task=(task,),
        measure=tuple(c for c in text if c != task),
        units=tuple((c, "responsible") for c in units),
        deadline=tuple(c for c, k in enumerate(kinds) if k == "deadline"),
        number=tuple(c for c, k in enumerate(kinds) if k == "number")[:1],
    )


def _task_unit_pair(rows: list[tuple[str, ...]], kinds: list[str | None]) -> bool:
    """A two-column table of tasks and their units, with no other column to corroborate them: the left cells
    are long (a task and its measures), and the right cell of (nearly) every row is a unit list.

        | 1.推进社区居家养老服务全覆盖。新建社区养老服务站8个…… | 区民政局①、各街道办事处 |
    """
    if kinds != ["text", "units"]:
        return False
    listed = sum(len(r) > 1 and _unit_cell(r[1].strip()) for r in rows)
    return listed >= PAIR_UNITS * len(rows) and _mean_han(rows, 0) >= PAIR_TEXT


def _labels(row: tuple[str, ...]) -> bool:
    """A row of labels (项目 | 内容 | 单位), not of short data: short cells, and no row number or unit list
    (责任部门 is a label, though it reads as a unit)."""
    filled = [c for c in row if c.strip()]
    data = [c for c in filled if ROW_NUMBER.fullmatch(c) or (_unit_cell(c) and _kind(c) is None)]
    return len(filled) > 1 and is_label_row(row) and not data


def _content_kind(cells: list[str]) -> str | None:
    """What a column holds, when most of its filled cells agree: number, figure, post, units, deadline or text.
    A column blank in most rows (remarks, cells merged down) tells nothing."""
    filled = [c.strip() for c in cells if c.strip()]
    if len(filled) < max(2, len(cells) / 2):
        return None
    if _row_numbers(filled):
        return "number"
    tests = (
        ("figure", _figure_cell),
        ("post", _post_cell),
        ("units", _unit_cell),
        ("deadline", _limit_cell),
        ("text", _text_cell),
    )
    for kind, test in tests:
        if sum(map(test, filled)) >= AGREE * len(filled):
            return kind
    return None


def _row_numbers(cells: list[str]) -> bool:
    """1, 2, 3 …: each cell the next number, or 1 again where a group of rows starts its own count
    (not 1, 1, 1: a count in each row)."""
    numbers = [int(m["n"]) if (m := ROW_NUMBER.fullmatch(c)) else None for c in cells]
    if None in numbers or len(set(numbers)) == 1:
        return False
    return all(n == 1 or n == prev + 1 for prev, n in zip([0, *numbers], numbers, strict=False))


def _figure_cell(cell: str) -> bool:
    return bool(FIGURE.fullmatch(cell)) and any(ch.isdigit() for ch in cell)


def _post_cell(cell: str) -> bool:
    return bool(POST.search(cell))


def _unit_cell(cell: str) -> bool:
    """A list of units and nothing else ('区民政局（牵头）\\n各街道（镇）'), at least one a named body."""
    names = [name for name, _ in split_units(cell)]
    return bool(names) and all(map(is_listed_unit, names)) and any(map(is_unit, names))


def _limit_cell(cell: str) -> bool:
    """A time limit and little else: 2023年12月底前 / 10月底前 / 长期坚持 / 2024年6月底前完成."""
    if len(cell) > MAX_LIMIT:
        return False
    found = find_deadlines(cell, ANY_YEAR)
    rest = len(HAN.findall(cell)) - sum(len(HAN.findall(d.text)) for d in found)
    return bool(found) and rest < MIN_TEXT


def _text_cell(cell: str) -> bool:
    return len(HAN.findall(cell)) >= MIN_TEXT and not _unit_cell(cell) and not _limit_cell(cell)


def _mean_length(rows: list[tuple[str, ...]], col: int) -> float:
    cells = [r[col].strip() for r in rows if col < len(r) and r[col].strip()]
    return sum(map(len, cells)) / len(cells)


def _mean_han(rows: list[tuple[str, ...]], col: int) -> float:
    """The mean count of Chinese characters in a column's filled cells."""
    cells = [r[col] for r in rows if col < len(r) and r[col].strip()]
    return sum(len(HAN.findall(c)) for c in cells) / len(cells)
