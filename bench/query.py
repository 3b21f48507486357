"""Index and query speed over a large corpus: ``python -m bench.query [--records 10000] [--runs 7]``.

Parses data/raw once, writes ``--records`` variants of those records (other
regions, department prefixes and deadline years) to a temporary folder, then
reports the index build time and the median latency of typical queries. A
query is timed twice: on an open index (the SQL and the Python objects), and
end to end as the command line runs it (open the index, check every record
file for changes, query, close). Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from agingpolicy import deptlex
from agingpolicy.index import Index, index_path, open_index
from agingpolicy.models import Deadline, Department, Document, Level, Period, Target
from agingpolicy.pipeline import parse_file
from agingpolicy.query import TaskQuery, find_tasks, indicator_groups
from agingpolicy.store import dump

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
PLACES = (
    *("淄博市", "济南市", "青岛市", "烟台市", "潍坊市", "济宁市", "泰安市", "威海市", "临沂市", "德州市"),
    *("宝坻区", "宁河区", "武清区", "历下区", "市中区", "槐荫区", "天桥区", "历城区", "长清区", "章丘区"),
    *("平阴县", "商河县", "沂源县", "高青县", "桓台县", "山东省", "河北省", "天津市", "江苏省", "浙江省"),
)
PERIODS = (Period(label="十三五", start=2016, end=2020), Period(label="十四五", start=2021, end=2025))
LEVEL_PREFIX: dict[Level, str] = {"province": "省", "city": "市", "county": "区"}
TABLE_LIMIT = 50  # what `agingpolicy query` shows by default


def _level(place: str) -> Level:
    if place.endswith("省"):
        return "province"
    return "city" if place.endswith("市") else "county"


def variant(doc: Document, i: int) -> Document:
    """Record ``doc`` as if written for another place, with years shifted by -3..+3."""
    place = PLACES[i % len(PLACES)]
    level = _level(place)
    prefix = "县" if place.endswith("县") else LEVEL_PREFIX[level]
    shift = i % 7 - 3

    def year(y: int | None) -> int | None:
        return None if y is None else y + shift

    def dept(d: Department) -> Department:
        head, lvl, rest = deptlex.split_prefix(d.name)
        if lvl is None or head not in ("省", "市", "区", "县"):  # keep 各区县政府, 民政局, …
            return d
        return d.model_copy(update={"name": prefix + rest, "level": level})

    def deadline(d: Deadline) -> Deadline:
        return d.model_copy(update={"year": year(d.year)})

    def target(t: Target) -> Target:
        return t.model_copy(update={"year": year(t.year)})

    tasks = [
        t.model_copy(
            update={
                "departments": [dept(d) for d in t.departments],
                "deadlines": [deadline(d) for d in t.deadlines],
                "targets": [target(g) for g in t.targets],
            }
        )
        for t in doc.tasks
    ]
    return doc.model_copy(
        update={
            "title": doc.title.replace(doc.region, place) if doc.region else place + doc.title,
            "region": place,
            "admin_level": level,
            "period": PERIODS[i // len(PLACES) % len(PERIODS)] if doc.period else None,
            "tasks": tasks,
            "source": doc.source.model_copy(update={"path": f"bench/{i:05d}.txt"}),
        }
    )


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def end_to_end(records: Path, q: TaskQuery) -> int:
    with open_index(records) as idx:
        return find_tasks(idx, q).total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=10_000, help="corpus size")
    ap.add_argument("--runs", type=int, default=7, help="timed runs per query (the median is shown)")
    args = ap.parse_args()

    t0 = time.perf_counter()
    samples = [parse_file(p) for p in sorted(RAW.glob("*.txt"))]
    print(f"parsed {len(samples)} sample(s) from {RAW} in {time.perf_counter() - t0:.1f} s")

    with tempfile.TemporaryDirectory(prefix="agingpolicy-bench-") as tmp:
        records = Path(tmp)
        t0 = time.perf_counter()
        size = 0
        for i in range(args.records):
            text = dump(variant(samples[i % len(samples)], i))
            (records / f"{i:05d}.json").write_text(text, encoding="utf-8")
            size += len(text.encode("utf-8"))
        print(f"wrote {args.records:,} records ({size / 1e6:,.0f} MB) in {time.perf_counter() - t0:.1f} s")

        t0 = time.perf_counter()
        with open_index(records) as idx:
            build = time.perf_counter() - t0
            counts = {
                table: idx.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in ("documents", "tasks", "task_departments", "deadlines", "indicators")
            }
        db_mb = index_path(records).stat().st_size / 1e6
        print(f"index built in {build:.1f} s: {db_mb:,.0f} MB, " + ", ".join(f"{n:,} {t}" for t, n in counts.items()))
        open_index(records).close()  # re-hash the files written within RACY_NS of the build

        fresh = median_ms(lambda: open_index(records).close(), args.runs)
        queries = {
            "--dept 民政局": TaskQuery(dept="民政局"),
            "--dept 卫生健康委 --role lead": TaskQuery(dept="卫生健康委", role="lead"),
            "--keyword 养老服务": TaskQuery(keyword="养老服务"),
            "--keyword 养老": TaskQuery(keyword="养老"),
            "--keyword 医养": TaskQuery(keyword="医养"),
            "--keyword 老": TaskQuery(keyword="老"),
            "--keyword 60%": TaskQuery(keyword="60%"),
            "--keyword 老年 --dept 民政局": TaskQuery(keyword="老年", dept="民政局"),
            "--due-by 2022": TaskQuery(due_by=2022),
            "--dept 民政局 --due-by 2023 --region 淄博": TaskQuery(dept="民政局", due_by=2023, region="淄博"),
            "--year 2024 --period 十四五": TaskQuery(year=2024, period="十四五"),
        }
        rows: list[tuple[str, str, str, str]] = []
        with open_index(records) as idx:
            for label, q in queries.items():
                rows.append(_row(idx, records, label, q, args.runs))
            everything = TaskQuery(dept="民政局")
            total = find_tasks(idx, everything).total
            ms = median_ms(lambda: find_tasks(idx, everything), max(3, args.runs // 2))
            rows.append(("--dept 民政局 --format json (all rows)", f"{total:,}", f"{ms:.1f}", ""))
            ms = median_ms(lambda: indicator_groups(idx, "护理型床位占比"), args.runs)
            n = sum(len(g.values) for g in indicator_groups(idx, "护理型床位占比"))
            rows.append(("indicators --name 护理型床位占比", f"{n:,}", f"{ms:.1f}", ""))

        one = records / "00000.json"
        one.write_text(dump(variant(samples[0], 0).model_copy(update={"title": "changed"})), encoding="utf-8")
        t0 = time.perf_counter()
        with open_index(records) as idx:
            refreshed = (time.perf_counter() - t0) * 1000
            assert idx.report.updated == 1

    print(f"\nfreshness check (no change, {args.records:,} files stat-ed): {fresh:.1f} ms median")
    print(f"refresh after one record changed: {refreshed:.1f} ms")
    print(f"\nqueries on {args.records:,} records, median of {args.runs} runs, table limit {TABLE_LIMIT}:")
    header = ("query", "matches", "query ms", "end-to-end ms")
    widths = [max(_width(r[i]) for r in (header, *rows)) for i in range(4)]
    for r in (header, *rows):
        print("  ".join(_pad(c, w, i > 0) for i, (c, w) in enumerate(zip(r, widths, strict=True))))


def _row(idx: Index, records: Path, label: str, q: TaskQuery, runs: int) -> tuple[str, str, str, str]:
    limited = replace(q, limit=TABLE_LIMIT)
    total = find_tasks(idx, limited).total
    ms = median_ms(lambda: find_tasks(idx, limited), runs)
    e2e = median_ms(lambda: end_to_end(records, limited), runs)
    return label, f"{total:,}", f"{ms:.1f}", f"{e2e:.1f}"


def _width(s: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(c) > 0x2E80 else 1 for c in s)


def _pad(s: str, width: int, right: bool) -> str:
    pad = " " * (width - _width(s))
    return pad + s if right else s + pad


if __name__ == "__main__":
    main()
