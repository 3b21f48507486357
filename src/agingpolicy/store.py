"""Records on disk: where a record goes, and writing it atomically.

A record is written to a temporary file in the same folder and renamed over the
old one, so a reader (or an interrupted batch) only ever sees the old record or
the new one, never a partial file.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .models import Document

# Characters kept in an output file name; anything else becomes "_" ("../x 1.txt" -> "x_1").
_UNSAFE = re.compile(r"[^\w.\-]+")


def dump(doc: Document) -> str:
    """The record as JSON text: UTF-8, Chinese unescaped, stable key order, trailing newline."""
    return doc.model_dump_json(indent=2) + "\n"


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path``, renamed over it when the block succeeds and removed when it fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp creates 0600; a record is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_atomic(path: Path, text: str) -> None:
    with replacing(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def safe_stem(path: Path) -> str:
    """A file-name stem that cannot leave the output folder."""
    stem = _UNSAFE.sub("_", path.stem).strip("._") or "document"
    return stem[:150]


def output_paths(inputs: list[Path], out: Path) -> dict[Path, Path]:
    """Map each input to ``out/<stem>.json``; inputs sharing a stem get a short hash of their path."""
    stems: dict[str, int] = {}
    for p in inputs:
        stems[safe_stem(p)] = stems.get(safe_stem(p), 0) + 1
    result: dict[Path, Path] = {}
    for p in inputs:
        stem = safe_stem(p)
        if stems[stem] > 1:
            # the path as given (data/raw/a/x.txt), not resolved: names must not depend on the checkout's location
            digest = hashlib.sha1(p.as_posix().encode("utf-8")).hexdigest()[:8]
            stem = f"{stem}-{digest}"
        result[p] = out / f"{stem}.json"
    return result
