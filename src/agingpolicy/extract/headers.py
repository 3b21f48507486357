"""Table headers, one row or two: the label of each column.

A two-level header puts a group label over several columns and the real labels
on the row below; merged cells (.docx gridSpan, HTML colspan/rowspan) leave the
merged text once and empty cells after it:

    | 类别 | 指标 | 指标值   |        | 属性 |       | 序号 | 重点任务 | 责任分工 |          |
    |      |      | 2020年   | 2025年 |      |  or   |      |          | 牵头单位 | 配合单位 |

The label of a column is its lower cell where that has text, else its upper cell
(or the upper cell it is merged under).
"""

from __future__ import annotations

from ..blocks import Table

MAX_LABEL = 16  # a header cell is a short label; a longer cell is data


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
        out.append((r, rows[r]))
        if r + 2 < len(rows) and is_label_row(rows[r + 1]):
            out.append((r + 1, combine(rows[r], rows[r + 1])))
    return out


def combine(upper: tuple[str, ...], lower: tuple[str, ...]) -> tuple[str, ...]:
    """Two header rows as one: each column's lower label where it has one, else its upper label."""
    width = max(len(upper), len(lower))
    return tuple(
        (lower[c].strip() if c < len(lower) else "") or (upper[c].strip() if c < len(upper) else "")
        for c in range(width)
    )
