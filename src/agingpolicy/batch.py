"""Batch conversion: many inputs -> one record each, in parallel, incrementally, or as a check.

    run(files, out)                     parse and write what is not up to date
    run(files, out, force=True)         parse and write everything
    run(files, out, mode="check")       write nothing; compare each record with a fresh parse
    validate_records(folder)            every record against the schema

One input is one :class:`Item`, handled by :func:`process` wherever it runs: in this
process (``jobs=1``) or in a worker of a process pool. Each item's record depends on
that input alone and is written by the worker that parsed it (atomically, see
:mod:`.store`), so a parallel run writes exactly what a serial run writes.

Every failure of one input - unreadable, refused, or any exception while parsing it -
becomes a ``failed`` :class:`Outcome` with a one-line reason; the batch goes on. Nothing
here prints: the caller gets each outcome through ``on_outcome`` and a :class:`Report`.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from .blocks import ReadError
from .models import Document
from .pipeline import PARSER_VERSION, parse_bytes
from .readers import SUPPORTED
from .store import dump, output_paths, write_atomic

# Inputs larger than this are refused from their size on disk, before a byte is read: a policy
# document is well under 2 MB as text, and parsing holds several copies of the text in memory.
MAX_INPUT_BYTES = 20 * 1024 * 1024
# A failure reason is one line of at most this many characters.
MAX_REASON_CHARS = 500

Mode = Literal["parse", "check"]
# parse: parsed (written) | skipped (record up to date) | failed
# check: ok | missing | stale (record of other input bytes or parser version) | different | failed
Status = Literal["parsed", "skipped", "failed", "ok", "missing", "stale", "different"]


@dataclass(frozen=True, slots=True)
class Item:
    """One input and the record it goes to."""

    source: Path
    target: Path
    mode: Mode = "parse"
    force: bool = False


@dataclass(frozen=True, slots=True)
class Counts:
    """What a record holds, for the summary table."""

    sections: int
    tasks: int
    departments: int
    indicators: int
    warnings: int

    @classmethod
    def of(cls, doc: Document) -> Counts:
        stack = list(doc.sections)
        sections = 0
        while stack:
            section = stack.pop()
            sections += 1
            stack.extend(section.children)
        return cls(
            sections=sections,
            tasks=len(doc.tasks),
            departments=sum(len(t.departments) for t in doc.tasks),
            indicators=len(doc.indicators),
            warnings=len(doc.warnings),
        )


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input. ``reason`` says why it failed; ``counts`` describe its record
    (for a parsed, skipped or checked input)."""

    source: Path
    target: Path
    status: Status
    reason: str = ""
    counts: Counts | None = None


@dataclass(slots=True)
class Report:
    """A finished batch: one outcome per input in input order, and records without an input."""

    mode: Mode
    jobs: int
    outcomes: list[Outcome]
    orphans: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, *statuses: Status) -> int:
        return sum(o.status in statuses for o in self.outcomes)

    @property
    def warnings(self) -> int:
        return sum(o.counts.warnings for o in self.outcomes if o.counts is not None)

    @property
    def ok(self) -> bool:
        """Nothing failed; for a check, also every record is what parsing gives and has an input."""
        if self.mode == "check":
            return self.count("ok") == len(self.outcomes) and not self.orphans
        return not self.count("failed")


# --- planning -------------------------------------------------------------------------------------


def collect_inputs(inputs: list[Path]) -> list[Path]:
    """Files named, and supported files inside folders named (recursively), in a stable order."""
    files: list[Path] = []
    for p in inputs:
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED))
        else:
            files.append(p)
    return list(dict.fromkeys(files))


def plan(files: list[Path], out: Path, mode: Mode = "parse", force: bool = False) -> list[Item]:
    """One item per input; each input gets its own record path inside ``out``."""
    targets = output_paths(files, out)
    return [Item(f, targets[f], mode, force) for f in files]


def find_orphans(items: list[Item], out: Path) -> list[Path]:
    """Records in ``out`` that no input of this batch produces (their input is gone or renamed).

    Only files that look like records (a JSON object with "parser_version" and "source") count;
    other JSON in the folder is left alone.
    """
    targets = {item.target for item in items}
    return [f for f in sorted(out.glob("*.json")) if f not in targets and _looks_like_record(f)]


def _looks_like_record(path: Path) -> bool:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and "parser_version" in data and "source" in data


# --- one input ------------------------------------------------------------------------------------


def process(item: Item) -> Outcome:
    """Parse, skip or check one input. Never raises (short of KeyboardInterrupt): any exception
    becomes a failed outcome whose reason names it."""
    try:
        return _process(item)
    except ReadError as exc:
        return Outcome(item.source, item.target, "failed", _one_line(str(exc)))
    except Exception as exc:
        return Outcome(item.source, item.target, "failed", _one_line(f"{type(exc).__name__}: {exc}"))


def _process(item: Item) -> Outcome:
    data = read_input(item.source)
    if item.mode == "parse" and not item.force:
        existing = _record(item.target)
        if existing is not None and _up_to_date(existing, item.source, data):
            return Outcome(item.source, item.target, "skipped", counts=Counts.of(existing))
    doc = parse_bytes(data, str(item.source))
    text = dump(doc)
    if item.mode == "check":
        return Outcome(item.source, item.target, _compare(item.target, text, doc), counts=Counts.of(doc))
    write_atomic(item.target, text)
    return Outcome(item.source, item.target, "parsed", counts=Counts.of(doc))


def read_input(path: Path) -> bytes:
    """The input's bytes; refused from its size on disk when over MAX_INPUT_BYTES, and never more
    than MAX_INPUT_BYTES + 1 bytes read (a file that grows, a device)."""
    size = path.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise ReadError(_too_large(size))
    with path.open("rb") as fh:
        data = fh.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise ReadError(_too_large(len(data)))
    return data


def _too_large(size: int) -> str:
    return (
        f"refused: {size / 2**20:.1f} MB is over the {MAX_INPUT_BYTES // 2**20} MB input limit "
        "(MAX_INPUT_BYTES); split the document into parts"
    )


def _record(target: Path) -> Document | None:
    """The existing record, or None when there is none or it is not a valid record."""
    try:
        return Document.model_validate_json(target.read_bytes())
    except (OSError, ValidationError):
        return None


def _up_to_date(record: Document, source: Path, data: bytes) -> bool:
    """Made by this parser version from these bytes under this path (the path is in the record)."""
    return (
        record.parser_version == PARSER_VERSION
        and record.source.path == str(source)
        and record.source.sha256 == hashlib.sha256(data).hexdigest()
    )


def _compare(target: Path, text: str, doc: Document) -> Status:
    try:
        old = target.read_bytes()
    except FileNotFoundError:
        return "missing"
    if old == text.encode("utf-8"):
        return "ok"
    try:
        record = json.loads(old)
        source = record["source"]
        same_input = (
            record["parser_version"] == doc.parser_version
            and source["sha256"] == doc.source.sha256
            and source["path"] == doc.source.path
        )
    except (ValueError, TypeError, KeyError):
        return "different"
    return "different" if same_input else "stale"


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= MAX_REASON_CHARS else line[: MAX_REASON_CHARS - 1] + "…"


def _process_chunk(items: list[Item]) -> list[Outcome]:
    return [process(item) for item in items]


# --- the batch ------------------------------------------------------------------------------------


def run(
    files: list[Path],
    out: Path,
    *,
    mode: Mode = "parse",
    force: bool = False,
    jobs: int | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> Report:
    """Parse (or check) ``files`` into ``out``.

    ``jobs`` worker processes (default: one per core); 1 runs in this process. ``on_outcome`` is
    called in this process as each input finishes (in completion order); the report lists the
    outcomes in input order.
    """
    started = time.perf_counter()
    jobs = max(1, jobs or os.cpu_count() or 1)
    items = plan(files, out, mode, force)
    report = Report(mode=mode, jobs=jobs, outcomes=[])
    for outcome in _outcomes(items, jobs):
        report.outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    order = {item.source: i for i, item in enumerate(items)}
    report.outcomes.sort(key=lambda o: order[o.source])
    report.orphans = find_orphans(items, out)
    report.seconds = time.perf_counter() - started
    return report


def _outcomes(items: list[Item], jobs: int) -> Iterator[Outcome]:
    if jobs == 1 or len(items) < 2:
        yield from map(process, items)
        return
    workers = min(jobs, len(items))
    # A few chunks per worker: few enough to keep the overhead per input low, enough to balance.
    size = max(1, min(32, len(items) // (workers * 8)))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    # "spawn": workers start clean, whatever threads (a progress bar) this process runs.
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    try:
        futures: dict[Future[list[Outcome]], list[Item]] = {}
        for k, chunk in enumerate(chunks):
            try:
                futures[pool.submit(_process_chunk, chunk)] = chunk
            except BrokenProcessPool as exc:  # a worker died before every chunk was handed out
                yield from _died(exc, [item for rest in chunks[k:] for item in rest])
                break
        for future in as_completed(futures):
            try:
                yield from future.result()
            except BrokenProcessPool as exc:  # a worker was killed (out of memory, a signal)
                yield from _died(exc, futures[future])
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _died(exc: BrokenProcessPool, items: list[Item]) -> Iterator[Outcome]:
    reason = _one_line(f"BrokenProcessPool: a worker process died ({exc})")
    return (Outcome(i.source, i.target, "failed", reason) for i in items)


# --- validation -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Invalid:
    """One schema violation in a record file: the field's dotted path and pydantic's message."""

    path: Path
    field: str
    message: str


def validate_records(folder: Path) -> tuple[int, list[Invalid]]:
    """Validate every ``*.json`` in ``folder`` as a :class:`Document`: (files checked, problems)."""
    files = sorted(folder.glob("*.json"))
    problems: list[Invalid] = []
    for f in files:
        try:
            Document.model_validate_json(f.read_bytes())
        except OSError as exc:
            problems.append(Invalid(f, "(file)", _one_line(str(exc))))
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                where = ".".join(str(part) for part in error["loc"]) or "(record)"
                problems.append(Invalid(f, where, _one_line(error["msg"])))
    return len(files), problems
