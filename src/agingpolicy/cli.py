"""The command line: a thin layer over the library (parse_file, the store, the index).

Only this module imports typer and rich.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table as RichTable

from . import __version__
from .blocks import ReadError
from .models import Document
from .pipeline import parse_file
from .readers import SUPPORTED
from .store import dump, output_paths, write_atomic

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Chinese aging-policy documents -> JSON.")
console = Console()
err = Console(stderr=True)


def collect_inputs(inputs: list[Path]) -> list[Path]:
    """Files named, and supported files inside folders named (recursively), in a stable order."""
    files: list[Path] = []
    for p in inputs:
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED))
        else:
            files.append(p)
    return list(dict.fromkeys(files))


@app.command()
def parse(
    inputs: Annotated[list[Path], typer.Argument(help="files or folders (searched recursively)")],
    out: Annotated[Path, typer.Option("--out", "-o", help="folder for the JSON records")] = Path("data/structured"),
) -> None:
    """Parse documents into one JSON record each.

    Example: agingpolicy parse data/raw --out data/structured
    """
    files = collect_inputs(inputs)
    targets = output_paths(files, out)
    failed = 0
    summary = RichTable(title=f"agingpolicy {__version__}: {len(files)} document(s) -> {out}")
    for col in ("document", "sections", "tasks", "departments", "indicators", "warnings"):
        summary.add_column(col, justify="left" if col == "document" else "right")
    for f in files:
        try:
            doc = parse_file(f)
        except (ReadError, OSError) as exc:
            err.print(f"[red]error[/red] {f}: {exc}", soft_wrap=True)
            failed += 1
            continue
        write_atomic(targets[f], dump(doc))
        summary.add_row(
            f.name,
            str(_count_sections(doc)),
            str(len(doc.tasks)),
            str(sum(len(t.departments) for t in doc.tasks)),
            str(len(doc.indicators)),
            str(len(doc.warnings)),
        )
    console.print(summary)
    if failed:
        err.print(f"{failed} of {len(files)} input(s) failed")
        raise typer.Exit(1)


def _count_sections(doc: Document) -> int:
    stack = list(doc.sections)
    n = 0
    while stack:
        s = stack.pop()
        n += 1
        stack.extend(s.children)
    return n


@app.command()
def schema() -> None:
    """Print the JSON Schema of a record.

    Example: agingpolicy schema > record.schema.json
    """
    sys.stdout.write(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2) + "\n")
