"""read -> structure -> extract -> Document: the library's entry points.

parse_file(path)            a .txt / .docx / .html file
parse_bytes(data, name)     the same, from memory
parse_text(text, name=…)    already-decoded text
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .blocks import Block, without_repeated_headers
from .extract.context import DocContext
from .extract.indicators import extract_indicators
from .extract.metadata import extract_metadata
from .extract.tasks import extract_tasks
from .models import Document, ParseWarning, Source
from .readers import ReadResult, read_bytes
from .readers.txt import text_to_blocks
from .structure import Node, build_tree, to_sections

PARSER_VERSION = "0.4.0"


def build_document(blocks: list[Block], source: Source) -> Document:
    """Everything after reading: pure, deterministic, no I/O."""
    blocks = without_repeated_headers(blocks)
    roots, _preamble, warnings = build_tree(blocks)
    meta = extract_metadata(blocks)
    ctx = DocContext.from_metadata(meta, blocks)
    tasks, task_sections, task_warnings = extract_tasks(roots, blocks, ctx)
    indicators = extract_indicators(blocks, ctx)
    if not tasks:
        task_warnings.append(_no_tasks(roots))
    return Document(
        parser_version=PARSER_VERSION,
        source=source,
        sections=to_sections(roots) + task_sections,
        tasks=tasks,
        indicators=indicators,
        warnings=warnings + task_warnings + meta.warnings,
        **meta.fields(),
    )


def _no_tasks(roots: list[Node]) -> ParseWarning:
    """Say why a document gave no task, so a batch shows the documents to look at."""
    why = "no numbered item in a chapter that assigns work" if roots else "no numbered outline"
    return ParseWarning(code="document.no_tasks", message=f"no tasks found: {why} and no task table")


def _source(path: str, data: bytes, result: ReadResult) -> Source:
    return Source(
        path=path,
        format=result.format,  # type: ignore[arg-type]
        encoding=result.encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )


def parse_bytes(data: bytes, name: str) -> Document:
    """Parse an in-memory file; ``name`` (its path or file name) picks the reader by extension."""
    result = read_bytes(data, Path(name).suffix)
    return build_document(result.blocks, _source(name, data, result))


def parse_file(path: str | Path) -> Document:
    """Parse a .txt, .docx or .html file into a validated :class:`Document`."""
    p = Path(path)
    return parse_bytes(p.read_bytes(), str(path))


def parse_text(text: str, name: str = "document.txt") -> Document:
    """Parse decoded text (paragraphs one per line, tables in the Word-to-text form)."""
    data = text.encode("utf-8")
    result = ReadResult(text_to_blocks(text), "txt", "utf-8")
    return build_document(result.blocks, _source(name, data, result))
