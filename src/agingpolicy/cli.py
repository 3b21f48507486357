"""The command line: a thin layer over the library (parse_file, the store, the index).

Only this module imports typer and rich.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table as RichTable
from rich.text import Text

from . import __version__, batch
from .models import Document

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Chinese aging-policy documents -> JSON.")
console = Console()
err = Console(stderr=True)
OUT = Path("data/structured")


@app.command()
def parse(
    inputs: Annotated[list[Path], typer.Argument(help="files or folders (searched recursively)")],
    out: Annotated[Path, typer.Option("--out", "-o", help="folder for the JSON records")] = OUT,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="worker processes (default: one per core); 1: serial"),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="re-parse records that are up to date")] = False,
    check: Annotated[
        bool,
        typer.Option("--check", help="write nothing; exit 1 if --out is not exactly what parsing gives"),
    ] = False,
) -> None:
    """Parse documents into one JSON record each (<out>/<stem>.json), using all cores.

    Skipped: an input whose record this parser version made from the same bytes (--force: parse all).

    --check writes nothing; it lists records missing, stale or unlike a fresh parse, and inputs gone.

    A bad input gets one line "error <file>: <reason>"; the rest are parsed, and the exit code is 1.

    Inputs over 20 MB (MAX_INPUT_BYTES) are refused from their size, without being read.

    Example: agingpolicy parse data/raw --out data/structured
    """
    files = batch.collect_inputs(inputs)
    with _progress(len(files), "checking" if check else "parsing") as on_outcome:
        report = batch.run(
            files, out, mode="check" if check else "parse", force=force, jobs=jobs, on_outcome=on_outcome
        )
    if check:
        _print_check(report, out)
    else:
        console.print(_documents_table(report, out))
        for orphan in report.orphans:
            err.print(Text(f"note: {orphan} has no input in this batch"), soft_wrap=True)
    console.print(_summary_table(report))
    if failed := report.count("failed"):
        err.print(f"{failed} of {len(files)} input(s) failed")
    if not report.ok:
        raise typer.Exit(1)


def _interactive() -> bool:
    """A progress bar on a terminal; plain lines in CI and in logs."""
    return sys.stderr.isatty() and not os.environ.get("CI")


@contextmanager
def _progress(total: int, verb: str) -> Iterator[Callable[[batch.Outcome], None]]:
    """A callback reporting each finished input: an error line for a failure, and a progress bar
    (terminal) or a "[i/n] status file" line (no terminal) for the others."""
    if _interactive():
        columns = (TextColumn(verb), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, TimeRemainingColumn(), console=err, transient=True) as bar:
            task = bar.add_task(verb, total=total)

            def advance(outcome: batch.Outcome) -> None:
                if outcome.status == "failed":
                    bar.console.print(_error_line(outcome), soft_wrap=True)
                bar.advance(task)

            yield advance
        return
    done = 0

    def line(outcome: batch.Outcome) -> None:
        nonlocal done
        done += 1
        if outcome.status == "failed":
            err.print(_error_line(outcome), soft_wrap=True)
        else:
            err.print(Text(f"[{done}/{total}] {outcome.status} {outcome.source}"), soft_wrap=True)

    yield line


def _error_line(outcome: batch.Outcome) -> Text:
    return Text.assemble(("error", "red"), f" {outcome.source}: {outcome.reason}")


def _documents_table(report: batch.Report, out: Path) -> RichTable:
    table = RichTable(title=f"agingpolicy {__version__}: {len(report.outcomes)} document(s) -> {out}")
    for col in ("document", "sections", "tasks", "departments", "indicators", "warnings"):
        table.add_column(col, justify="left" if col == "document" else "right")
    for o in report.outcomes:
        if (c := o.counts) is not None:
            table.add_row(
                o.source.name, *map(str, (c.sections, c.tasks, c.departments, c.indicators, c.warnings))
            )
    return table


def _summary_table(report: batch.Report) -> RichTable:
    cells: dict[str, int]
    if report.mode == "check":
        cells = {s: report.count(s) for s in ("ok", "missing", "stale", "different")}
        cells["no input"] = len(report.orphans)
        cells["failed"] = report.count("failed")
    else:
        cells = {s: report.count(s) for s in ("parsed", "skipped", "failed")}
        cells["warnings"] = report.warnings
    cells["jobs"] = report.jobs
    table = RichTable(title="summary")
    for name in (*cells, "time"):
        table.add_column(name, justify="right")
    table.add_row(*map(str, cells.values()), f"{report.seconds:.2f} s")
    return table


CHECK_PROBLEMS = {
    "missing": "no record {target}",
    "stale": "{target} was made from other input bytes or by another parser version",
    "different": "{target} differs from a fresh parse",
}


def _print_check(report: batch.Report, out: Path) -> None:
    problems = [o for o in report.outcomes if o.status in CHECK_PROBLEMS]
    for o in problems:
        problem = CHECK_PROBLEMS[o.status].format(target=o.target)
        console.print(Text(f"{o.status} {o.source}: {problem}"), soft_wrap=True)
    for orphan in report.orphans:
        console.print(Text(f"no input {orphan}: no input of this batch makes this record"), soft_wrap=True)
    if problems or report.orphans:
        advice = f"run `agingpolicy parse ... --out {out}` and delete records without input"
        console.print(Text(f"{out} is out of date: {advice}"), soft_wrap=True)
    elif not report.count("failed"):
        console.print(Text(f"{out} is up to date: every record is what parsing gives"), soft_wrap=True)


@app.command()
def validate(
    folder: Annotated[
        Path, typer.Argument(help="folder of JSON records", exists=True, file_okay=False)
    ] = OUT,
) -> None:
    """Validate every record (*.json) in a folder against the record schema.

    Each failure is one line, "<file>: <field.path>: <message>"; the exit code is 1 if any fails.

    Example: agingpolicy validate data/structured
    """
    checked, problems = batch.validate_records(folder)
    for p in problems:
        console.print(Text(f"{p.path}: {p.field}: {p.message}"), soft_wrap=True)
    if problems:
        err.print(f"{len({p.path for p in problems})} of {checked} record(s) in {folder} are invalid")
        raise typer.Exit(1)
    err.print(f"{checked} record(s) in {folder} are valid")


@app.command()
def schema() -> None:
    """Print the JSON Schema of a record.

    Example: agingpolicy schema > record.schema.json
    """
    sys.stdout.write(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2) + "\n")


# --- query, export, indicators: questions over the index of a records folder -------------------------
# These imports sit here, not at the top, so this block could be appended while `parse` was being edited.

import csv  # noqa: E402
import io  # noqa: E402
import sqlite3  # noqa: E402
from collections.abc import Iterable, Mapping, Sequence  # noqa: E402
from dataclasses import asdict  # noqa: E402
from typing import Literal  # noqa: E402

from .export import FORMATS as LEDGER_FORMATS  # noqa: E402
from .export import ExportError, ledger_rows, to_csv, to_jsonl, write_ledger  # noqa: E402
from .index import CorpusError, Index, open_index  # noqa: E402
from .models import Role  # noqa: E402
from .query import (  # noqa: E402
    IndicatorGroup,
    IndicatorName,
    IndicatorValue,
    TaskHit,
    TaskQuery,
    UnknownDepartment,
    find_tasks,
    indicator_groups,
    indicator_names,
)

QueryFormat = Literal["table", "json", "jsonl", "csv"]
LedgerFormat = Literal["csv", "jsonl", "xlsx"]
IndicatorFormat = Literal["table", "json", "csv"]
TABLE_LIMIT = 50  # tasks the table shows unless --limit says otherwise
DirOption = Annotated[Path, typer.Option("--dir", help="folder of JSON records (indexed in <dir>/.index.sqlite)")]


@contextmanager
def _opened(folder: Path) -> Iterator[Index]:
    """The up-to-date index of ``folder``; a library error becomes one line and exit code 1."""
    try:
        with open_index(folder) as idx:
            for name, why in idx.report.errors:
                err.print(Text(f"warning: skipped {folder / name}: {why}"), soft_wrap=True)
            yield idx
    except (CorpusError, ExportError, UnknownDepartment, sqlite3.Error, OSError) as exc:
        err.print(Text.assemble(("error", "red"), f" {exc}"), soft_wrap=True)
        raise typer.Exit(1) from None


def _no_records(idx: Index) -> bool:
    """True (after saying so) when the folder holds no readable record."""
    if idx.report.documents:
        return False
    err.print(Text(f"no records in {idx.records}: run `agingpolicy parse <files> --out {idx.records}`"))
    return True


def _departments_cell(hit: TaskHit) -> str:
    """区民政局★、各镇街: the lead units marked with ★."""
    return "、".join(f"{d.name}★" if d.role == "lead" else d.name for d in hit.departments)


HIT_COLUMNS = (
    *("file", "document", "region", "period", "task_id", "section_path", "title", "text"),
    *("departments", "deadlines", "targets"),
)


def _hit_row(hit: TaskHit) -> dict[str, str]:
    """A task as one flat row (HIT_COLUMNS), full text, for csv."""
    return {
        "file": hit.file,
        "document": hit.document,
        "region": hit.region or "",
        "period": hit.period or "",
        "task_id": hit.task_id,
        "section_path": " > ".join(hit.section_path),
        "title": hit.title,
        "text": hit.text,
        "departments": _departments_cell(hit),
        "deadlines": "；".join(dict.fromkeys(d.text for d in hit.deadlines)),
        "targets": "；".join(dict.fromkeys(t.label for t in hit.targets)),
    }


def _csv(rows: Iterable[Mapping[str, object]], columns: Sequence[str]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def _hits_table(hits: list[TaskHit], total: int) -> RichTable:
    """Fitted to the terminal: Chinese text folds by character, the document title is cut short."""
    more = "; --limit N for more" if total > len(hits) else ""
    table = RichTable(caption=f"{len(hits)} of {total} task(s){more}", expand=True, show_lines=True)
    # with a ratio, rich takes `width` as the least width of a column
    table.add_column("document", ratio=2, width=10, no_wrap=True, overflow="ellipsis")
    table.add_column("task", no_wrap=True)
    for col, ratio, width in (("title", 3, 8), ("departments", 3, 12), ("deadlines", 2, 9), ("targets", 3, 8)):
        table.add_column(col, ratio=ratio, width=width, overflow="fold")
    for hit in hits:
        table.add_row(
            Text(hit.document),
            Text(hit.task_id),
            Text(hit.title),
            Text("\n".join(f"{d.name}★" if d.role == "lead" else d.name for d in hit.departments)),
            Text("\n".join(dict.fromkeys(d.text for d in hit.deadlines))),
            Text("\n".join(dict.fromkeys(t.label for t in hit.targets))),
        )
    return table


@app.command()
def query(
    dept: Annotated[
        str | None, typer.Option("--dept", help="department; 民政局 also finds 区民政局, 民政部门, 民政厅")
    ] = None,
    exact: Annotated[bool, typer.Option("--exact", help="match --dept only as written")] = False,
    role: Annotated[
        Role | None, typer.Option("--role", help="the role of --dept (or, alone, of any department)")
    ] = None,
    due_by: Annotated[
        int | None, typer.Option("--due-by", help="a deadline (到…/…期间) in this year or earlier")
    ] = None,
    year: Annotated[int | None, typer.Option("--year", help="a deadline of any kind in this year")] = None,
    keyword: Annotated[
        str | None, typer.Option("--keyword", "-k", help="words in the task title or text (all must occur)")
    ] = None,
    doc: Annotated[
        str | None, typer.Option("--doc", help="part of the document title or record file name; * wildcard")
    ] = None,
    region: Annotated[str | None, typer.Option("--region", help="part of the document's region")] = None,
    period: Annotated[str | None, typer.Option("--period", help="five-year-plan period, e.g. 十四五")] = None,
    fmt: Annotated[
        QueryFormat, typer.Option("--format", "-f", help="table for people; json, jsonl, csv for scripts")
    ] = "table",
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=0, help=f"at most N tasks (default: {TABLE_LIMIT} in the table, else all)"),
    ] = None,
    folder: DirOption = OUT,
) -> None:
    """Find tasks by department, deadline, keyword, document, region or period (filters combine).

    --dept goes through the lexicon: 民政局 finds 区民政局, 市民政局, 民政部门, 民政厅 and 民政部.

    Renamed units are found under the new name: 卫生健康委 finds tasks given to 卫计委 before 2018.

    --exact matches the department name only as written.

    No match is exit code 0; an unknown department gets the closest known names and exit code 1.

    The table marks lead units with ★; json, jsonl and csv keep the full text.

    Example: agingpolicy query --dept 民政局 --role lead --due-by 2025
    """
    if limit is None and fmt == "table":
        limit = TABLE_LIMIT
    q = TaskQuery(
        dept=dept,
        exact=exact,
        role=role,
        due_by=due_by,
        year=year,
        keyword=keyword,
        doc=doc,
        region=region,
        period=period,
        limit=limit,
    )
    with _opened(folder) as idx:
        if _no_records(idx):
            hits, total = [], 0
        else:
            result = find_tasks(idx, q)
            hits, total = result.hits, result.total
            if not total:
                err.print(Text(f"no task matches these filters in {idx.report.documents} document(s)"))
    if fmt == "json":
        sys.stdout.write(json.dumps([asdict(h) for h in hits], ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        sys.stdout.write("".join(json.dumps(asdict(h), ensure_ascii=False) + "\n" for h in hits))
    elif fmt == "csv":
        sys.stdout.write(_csv([_hit_row(h) for h in hits], HIT_COLUMNS))
    elif total:  # --limit 0 shows the count alone
        console.print(_hits_table(hits, total))


@app.command()
def export(
    fmt: Annotated[
        LedgerFormat | None, typer.Option("--format", "-f", help="default: the suffix of --out, else csv")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="file to write (default: standard output; xlsx needs one)")
    ] = None,
    folder: DirOption = OUT,
) -> None:
    """Write the 台账: one row per task and department, the form kept in Excel.

    Columns: document, region, task id, section path, title, text, department, canonical, role, deadlines, targets.

    A task without departments gets one row, with the department columns empty.

    xlsx has Chinese headers (文件名称, 责任单位, 完成时限, …) and roles (牵头 / 配合 / 负责).

    Example: agingpolicy export --format xlsx --out 台账.xlsx
    """
    suffix = out.suffix.lower().lstrip(".") if out else ""
    chosen = fmt or (suffix if suffix in LEDGER_FORMATS else "csv")
    if chosen == "xlsx" and out is None:
        raise typer.BadParameter("xlsx is written to a file: add --out 台账.xlsx", param_hint="--out")
    with _opened(folder) as idx:
        if _no_records(idx):
            return
        rows = list(ledger_rows(idx))
        if out is None:
            sys.stdout.write(to_csv(rows) if chosen == "csv" else to_jsonl(rows))
        else:
            write_ledger(rows, chosen, out)
            err.print(Text(f"{len(rows)} row(s) -> {out}"))


def _value_cell(text: str | None, year: int | None) -> str:
    """60% (2021); empty when the table has no such value."""
    if text is None:
        return ""
    return f"{text} ({year})" if year is not None else text


def _print_indicator_names(names: list[IndicatorName], fmt: IndicatorFormat) -> None:
    if fmt == "json":
        sys.stdout.write(json.dumps([asdict(n) for n in names], ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        sys.stdout.write(_csv((asdict(n) for n in names), ("name", "documents", "values")))
    elif names:
        table = RichTable(caption=f"{len(names)} indicator(s); --name to compare one across documents")
        table.add_column("indicator")
        table.add_column("documents", justify="right")
        table.add_column("values", justify="right")
        for n in names:
            table.add_row(Text(n.name), str(n.documents), str(n.values))
        console.print(table)


def _print_indicator_groups(groups: list[IndicatorGroup], fmt: IndicatorFormat) -> None:
    if fmt == "json":
        payload = [{"name": g.name, "values": [asdict(v) for v in g.values]} for g in groups]
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        columns = ("indicator", *IndicatorValue.__dataclass_fields__)
        rows = ({"indicator": g.name, **asdict(v)} for g in groups for v in g.values)
        sys.stdout.write(_csv(rows, columns))
    elif groups:
        table = RichTable(expand=True)
        for col in ("indicator", "as written", "document", "region", "period", "unit", "baseline", "target"):
            short = col in ("period", "unit")
            table.add_column(col, no_wrap=short, overflow="fold", ratio=None if short else 2, min_width=4)
        for g in groups:
            for i, v in enumerate(g.values):
                cells = (
                    g.name if i == 0 else "",
                    v.name,
                    v.document,
                    v.region or "",
                    v.period or "",
                    v.unit or "",
                    _value_cell(v.baseline, v.baseline_year),
                    _value_cell(v.target, v.target_year),
                )
                table.add_row(*map(Text, cells), end_section=i == len(g.values) - 1)
        console.print(table)


@app.command()
def indicators(
    name: Annotated[
        str | None, typer.Option("--name", help="part of an indicator name (compared after normalising)")
    ] = None,
    fmt: Annotated[
        IndicatorFormat, typer.Option("--format", "-f", help="table for people; json, csv for scripts")
    ] = "table",
    folder: DirOption = OUT,
) -> None:
    """Compare an indicator across documents: each one's baseline and target, by target year.

    Names are grouped after removing brackets, punctuation and a leading 养老机构 / 全市 / 全区 / 城乡 ….

    So 护理型床位占比 and 养老机构护理型床位占比 group together; --name matches part of the grouped name.

    Without --name: every grouped name, with how many documents carry it.

    Example: agingpolicy indicators --name 护理型床位占比
    """
    names: list[IndicatorName] = []
    groups: list[IndicatorGroup] = []
    with _opened(folder) as idx:
        if not _no_records(idx):
            if name is None:
                names = indicator_names(idx)
            else:
                groups = indicator_groups(idx, name)
            if not (names or groups):
                what = "no indicators" if name is None else f"no indicator matches {name!r}"
                err.print(Text(f"{what} in {idx.report.documents} document(s)"))
    if name is None:
        _print_indicator_names(names, fmt)
    else:
        _print_indicator_groups(groups, fmt)
