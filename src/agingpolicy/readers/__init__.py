"""Readers: one module per input format, each turning a file into blocks.

``read(path)`` picks the reader by file extension and returns the blocks and
what it learned about the source (format, encoding).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..blocks import Block, ReadError


@dataclass(frozen=True, slots=True)
class ReadResult:
    blocks: list[Block]
    format: str
    encoding: str | None = None


LEGACY = {".doc": "Word 97-2003 .doc", ".wps": "WPS .wps"}


def read_bytes(data: bytes, suffix: str) -> ReadResult:
    """Read an in-memory file whose extension is ``suffix`` (``.txt``, ``.docx``, ``.html``)."""
    suffix = suffix.lower()
    if suffix in LEGACY:
        raise ReadError(
            f"{LEGACY[suffix]} files are not supported; save the file as .docx (Word or WPS: "
            "File > Save As) or convert it with `libreoffice --headless --convert-to docx`"
        )
    if not data:
        raise ReadError("the file is empty")
    if suffix == ".docx":
        from .docx import read_docx

        return ReadResult(read_docx(data), "docx")
    if suffix in (".html", ".htm"):
        from .html import read_html

        blocks, encoding = read_html(data)
        return ReadResult(blocks, "html", encoding)
    from .txt import read_txt

    blocks, encoding = read_txt(data)
    return ReadResult(blocks, "txt", encoding)


def read(path: Path) -> ReadResult:
    return read_bytes(path.read_bytes(), path.suffix)


SUPPORTED = (".txt", ".docx", ".html", ".htm", ".doc", ".wps")
