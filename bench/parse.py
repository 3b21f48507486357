"""Parsing speed and memory: ``python -m bench.parse [--scale S] [--jobs N]`` (``make bench``).

A corpus is built in a temporary folder from the samples in data/raw:

* ``10,000 x scale`` text documents: the samples in turn, each copy varied (its years shifted, a
  numbered line added) so that no two inputs are the same;
* ``1,000 x scale`` .docx files made with python-docx from the samples: one paragraph per line, the
  tab-form tables as real Word tables.

Each phase runs in a fresh interpreter, so the peak RSS it reports is its own:

* ``txt`` / ``docx`` ``serial`` and ``parallel``: the batch engine (``agingpolicy parse --force``:
  read, parse, write each record atomically), with 1 and with ``--jobs`` worker processes;
* ``python-docx open+walk``: ``docx.Document(path)`` and reading the text of every paragraph and
  table cell of the same .docx files, the floor any .docx structuring stands on;
* ``txt tracemalloc``: the Python heap's peak while parsing 1,000 x scale text documents in turn
  (slowed by tracing, so no speed is reported).

Goals: >= 200 text documents per second per core, and structuring a .docx within 2x of python-docx's
open-and-walk time. On 2 cores the default scale runs in about 10 minutes; ``--scale 0.1`` in one.
Timings are figures to read, never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import docx

from agingpolicy import batch
from agingpolicy.blocks import Paragraph
from agingpolicy.pipeline import parse_bytes
from agingpolicy.readers.txt import text_to_blocks

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "data" / "raw").glob("*.txt"))
TXT_DOCS = 10_000
DOCX_DOCS = 1_000
TRACED_DOCS = 1_000
TEXT_GOAL_PER_CORE = 200  # text documents per second per core
DOCX_GOAL_RATIO = 2.0  # structuring time / python-docx open-and-walk time

Figures = dict[str, float]


# --- the corpus ----------------------------------------------------------------------------------------


def build_corpus(folder: Path, scale: float) -> None:
    """Write ``folder/txt/*.txt`` and ``folder/docx/*.docx``."""
    texts = [s.read_text(encoding="utf-8") for s in SAMPLES]
    (folder / "txt").mkdir(parents=True)
    for k in range(round(TXT_DOCS * scale)):
        text = texts[k % len(texts)].replace("2025", str(2025 + k % 7))
        (folder / "txt" / f"{k:05d}.txt").write_text(f"{text}\n（本文件编号：{k}）\n", encoding="utf-8")
    (folder / "docx").mkdir()
    blobs = [_docx_of(folder / "docx" / f"sample{i}.docx", text) for i, text in enumerate(texts)]
    for k in range(round(DOCX_DOCS * scale)):
        shutil.copyfile(blobs[k % len(blobs)], folder / "docx" / f"{k:05d}.docx")
    for blob in blobs:
        blob.unlink()


def _docx_of(path: Path, text: str) -> Path:
    """A .docx of a text sample: a paragraph per line, a Word table per tab-form table."""
    document = docx.Document()
    for block in text_to_blocks(text):
        if isinstance(block, Paragraph):
            document.add_paragraph(block.text)
            continue
        if block.caption:
            document.add_paragraph(block.caption)
        table = document.add_table(rows=len(block.rows), cols=block.width)
        for row, cells in zip(table.rows, block.rows, strict=True):
            for cell, value in zip(row.cells, cells, strict=False):
                cell.text = value
    document.save(path)
    return path


# --- phases (each in its own interpreter) --------------------------------------------------------------


def _maxrss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def _batch(kind: str, jobs: int) -> Callable[[Path], Figures]:
    def phase(corpus: Path) -> Figures:
        files = sorted((corpus / kind).iterdir())
        out = corpus / f"out-{kind}-{jobs}"
        started = time.perf_counter()
        report = batch.run(files, out, force=True, jobs=jobs)
        seconds = time.perf_counter() - started
        shutil.rmtree(out)
        return {"docs": len(files), "failed": report.count("failed"), "seconds": seconds, "cores": jobs}

    return phase


def _walk(corpus: Path) -> Figures:
    """python-docx alone: open each file and read every paragraph and every table cell."""
    files = sorted((corpus / "docx").iterdir())
    started = time.perf_counter()
    for f in files:
        document = docx.Document(str(f))
        for paragraph in document.paragraphs:
            _ = paragraph.text
        for table in document.tables:
            for row in table.rows:
                for cell in row.cells:
                    _ = cell.text
    return {"docs": len(files), "failed": 0, "seconds": time.perf_counter() - started, "cores": 1}


def _traced(corpus: Path) -> Figures:
    files = sorted((corpus / "txt").iterdir())[:TRACED_DOCS]
    tracemalloc.start()
    for f in files:
        parse_bytes(f.read_bytes(), str(f))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"docs": len(files), "failed": 0, "traced_peak_mb": peak / 2**20, "cores": 1}


def phases(jobs: int) -> dict[str, Callable[[Path], Figures]]:
    return {
        "txt serial": _batch("txt", 1),
        "txt parallel": _batch("txt", jobs),
        "docx serial": _batch("docx", 1),
        "docx parallel": _batch("docx", jobs),
        "python-docx open+walk": _walk,
        "txt tracemalloc": _traced,
    }


def run_phase(name: str, corpus: Path, jobs: int) -> Figures:
    """Run one phase in a fresh interpreter and return its figures."""
    command = [sys.executable, "-m", "bench.parse", "--phase", name, "--corpus", str(corpus), "--jobs", str(jobs)]
    done = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.splitlines()[-1])


# --- report --------------------------------------------------------------------------------------------


def table(results: dict[str, Figures]) -> str:
    header = ("phase", "docs", "failed", "seconds", "docs/s", "docs/s/core", "peak RSS MB", "heap peak MB")
    rows = [header]
    for name, r in results.items():
        rate = r["docs"] / r["seconds"] if "seconds" in r else None
        rows.append(
            (
                name,
                f"{r['docs']:.0f}",
                f"{r['failed']:.0f}",
                f"{r['seconds']:.1f}" if "seconds" in r else "-",
                f"{rate:.1f}" if rate else "-",
                f"{rate / r['cores']:.1f}" if rate else "-",
                f"{max(r['rss_mb'], r['children_rss_mb']):.0f}",
                f"{r['traced_peak_mb']:.1f}" if "traced_peak_mb" in r else "-",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True)))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def goals(results: dict[str, Figures]) -> str:
    txt = results["txt serial"]
    per_core = txt["docs"] / txt["seconds"]
    ratio = results["docx serial"]["seconds"] / results["python-docx open+walk"]["seconds"]
    return "\n".join(
        [
            f"text documents per second per core (serial): {per_core:.1f}  "
            f"goal >= {TEXT_GOAL_PER_CORE}: {'met' if per_core >= TEXT_GOAL_PER_CORE else 'NOT met'}",
            f".docx structuring / python-docx open+walk: {ratio:.2f}x  "
            f"goal <= {DOCX_GOAL_RATIO:.0f}x: {'met' if ratio <= DOCX_GOAL_RATIO else 'NOT met'}",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.parse", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="corpus size factor (default 1: 10,000 texts)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="workers for the parallel runs")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase:  # a child: run one phase, print its figures as one JSON line
        figures = phases(args.jobs)[args.phase](args.corpus)
        figures["rss_mb"] = _maxrss_mb(resource.RUSAGE_SELF)
        figures["children_rss_mb"] = _maxrss_mb(resource.RUSAGE_CHILDREN)
        print(json.dumps(figures))
        return

    with tempfile.TemporaryDirectory(prefix="agingpolicy-bench-") as tmp:
        corpus = Path(tmp)
        started = time.perf_counter()
        build_corpus(corpus, args.scale)
        print(f"corpus: {len(list((corpus / 'txt').iterdir()))} .txt, {len(list((corpus / 'docx').iterdir()))} "
              f".docx from {len(SAMPLES)} samples in {time.perf_counter() - started:.0f} s; "
              f"{args.jobs} job(s) for the parallel runs, {os.cpu_count()} core(s)", flush=True)  # fmt: skip
        results: dict[str, Figures] = {}
        for name in phases(args.jobs):
            results[name] = run_phase(name, corpus, args.jobs)
            print(f"  {name}: done", flush=True)
    print()
    print(table(results))
    print()
    print(goals(results))


if __name__ == "__main__":
    main()
