"""Table headers, one row or two: the label of each column.

A two-level header puts a group label over several columns and the real labels
on the row below; merged cells (.docx gridSpan, HTML colspan/rowspan) leave the
merged text once and empty cells after it:

    | 类别 | 指标 | 指标值   |        | 属性 |       | 序号 | 重点任务 | 责任分工 |          |
    |      |      | 2020年   | 2025年 |      |  or   |      |          | 牵头单位 | 配合单位 |

The label of a column is its lower cell where that has text, else its upper cell
(or the upper cell it is merged under): the lower word is the more specific one
(责任单位 over 牵头单位 → lead; 目标值 over 2020年 | 2025年 → a baseline and a target).

When the lower row holds labels only under the merged cells of the upper row, it is
a sub-header and the combined header is tried before the upper row alone (whose
group label, 责任单位 / 目标值, would otherwise be read as one column). A lower row
that lists only its labels (a text copy without the empty cells) is laid under
the merged cells when their number agrees. An upper row that a text copy wrote
with each merged cell once, so that it is short of the table's width, is put
back on the grid by the lower row: each run of lower labels stands under one
upper label (see ``regrid``).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..blocks import Table

MAX_LABEL = 16  # a header cell is a short label; a longer cell is data
YEAR_LABEL = regex.compile(r"(?:19|20)\d{2}\s*年(?:末|底)?")  # a column group named by its year: 2020年
# a column named by a year and nothing else: 2024年 / 2024年度 / 2024 / 2025年底
YEAR_ONLY = regex.compile(r"(?P<year>(?:19|20)\d{2})\s*(?:年\s*(?:度|末|底)?)?")


def header_year(label: str) -> int | None:
    """The year a header label is, when it is nothing else: '2024年度' -> 2024; '2024年目标值' -> None."""
    m = YEAR_ONLY.fullmatch(label.strip())
    return int(m["year"]) if m else None


def is_label_row(row: tuple[str, ...]) -> bool:
    cells = [c.strip() for c in row if c.strip()]
    return bool(cells) and all(len(c) <= MAX_LABEL for c in cells)


def header_candidates(table: Table, search: int = 3) -> list[tuple[int, tuple[str, ...]]]:
    """(index of the last header row, labels) for each one- or two-row header in the first rows."""
    out: list[tuple[int, tuple[str, ...]]] = []
    rows = table.rows
    for r in range(min(search, len(rows) - 1)):
        if not is_label_row(rows[r]):
            continue
        if r + 2 < len(rows) and is_label_row(rows[r + 1]):
            upper = regrid(rows[r], rows[r + 1], table.width) or rows[r]
            lower = sub_header(upper, rows[r + 1])
            if lower is not None:  # labels under merged cells: the combined header first
                out.append((r + 1, combine(upper, lower)))
                out.append((r, upper))
                continue
            out.append((r, rows[r]))
            out.append((r + 1, combine(rows[r], rows[r + 1])))
        else:
            out.append((r, rows[r]))
    return out


def spanned(upper: tuple[str, ...], width: int) -> list[int]:
    """The columns under a merged upper cell: a label followed by empty cells, and those empty cells."""
    cells = [c.strip() for c in upper] + [""] * (width - len(upper))
    out: list[int] = []
    for j, text in enumerate(cells):
        if text and j + 1 < width and not cells[j + 1]:
            k = j + 1
            while k < width and not cells[k]:
                k += 1
            out.extend(range(j, k))
    return out


def regrid(upper: tuple[str, ...], lower: tuple[str, ...], width: int) -> tuple[str, ...] | None:
    """The upper row on the table's grid when it is short because a text copy wrote each merged cell once, and
    the lower row tells where: each run of lower labels stands under one upper label, which spans it
    (年度目标 over 2023年 | 2024年 | 2025年). None when the row is not short, or the lower row fits no single way.

        | 指标 | 年度目标 | 牵头单位 |                     | 指标 | 年度目标 |        |        | 牵头单位 |
        |      | 2023年   | 2024年   | 2025年 |   ->   |      | 2023年   | 2024年 | 2025年 |          |
    """
    cells = tuple(c.strip() for c in upper)
    while cells and not cells[-1]:  # padding a reader put after the short row (a tab-separated copy)
        cells = cells[:-1]
    below = tuple(c.strip() for c in lower) + ("",) * (width - len(lower))
    if len(cells) >= width:
        return None
    layouts = list(_layouts(cells, below, 0))
    if len(layouts) > 1:  # a run of labels under two upper cells: split it where the years end
        layouts = [spans for spans in layouts if _uniform(spans, below)]
    if len(layouts) != 1:
        return None
    out: list[str] = []
    for text, (start, end) in zip(cells, layouts[0], strict=True):
        out += [text] + [""] * (end - start - 1)
    return tuple(out)


def _layouts(upper: tuple[str, ...], lower: tuple[str, ...], start: int) -> Iterator[list[tuple[int, int]]]:
    """Each way to lay the upper cells over the lower row from column ``start``, as (start, end) of each: a cell
    spans two or more columns only where it has a label and every column under it has one, and a lower label
    stands only under such a cell."""
    if not upper:
        if start == len(lower):
            yield []
        return
    spare = len(lower) - start - len(upper)
    for end in range(start + 1, start + spare + 2):
        under = lower[start:end]
        if (len(under) > 1 and upper[0] and all(under)) or under == ("",):
            for rest in _layouts(upper[1:], lower, end):
                yield [(start, end), *rest]


def _uniform(layout: list[tuple[int, int]], lower: tuple[str, ...]) -> bool:
    """Does each spanning cell stand over labels of one sort, all years or none?"""
    return all(len({header_year(c) is None for c in lower[a:b]}) == 1 for a, b in layout)


def sub_header(upper: tuple[str, ...], lower: tuple[str, ...]) -> tuple[str, ...] | None:
    """The lower row on the upper row's grid when it labels only columns under merged upper cells
    (and at least one column an upper label spans), else None."""
    width = max(len(upper), len(lower))
    under = spanned(upper, width)
    labels = [c for c in lower if c.strip()]
    cells = list(lower) + [""] * (width - len(lower))
    filled = [j for j, c in enumerate(cells) if c.strip()]
    if len(lower) < len(upper) and len(labels) == len(under):  # only the labels, without the empty cells
        cells = [""] * width
        for j, text in zip(under, labels, strict=True):
            cells[j] = text
        filled = under
    top = [c.strip() for c in upper] + [""] * (width - len(upper))
    if not filled or not set(filled) <= set(under) or all(top[j] for j in filled):
        return None
    return tuple(cells)


def combine(upper: tuple[str, ...], lower: tuple[str, ...]) -> tuple[str, ...]:
    """Two header rows as one: each column's lower label where it has one, else its upper label.

    A year over generic labels (2020年 spanning 数值 | 单位) is kept in front of them (2020年数值 | 2020年单位):
    the lower word says what the column holds, the year which year it belongs to."""
    width = max(len(upper), len(lower))
    top = [c.strip() for c in upper] + [""] * (width - len(upper))
    under = set(spanned(upper, width))
    owner = ""
    out: list[str] = []
    for c in range(width):
        owner = top[c] or (owner if c in under else "")
        low = lower[c].strip() if c < len(lower) else ""
        if low and YEAR_LABEL.fullmatch(owner) and not YEAR_LABEL.search(low):
            low = owner + low
        out.append(low or top[c])
    return tuple(out)
