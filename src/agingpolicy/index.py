"""The query index: an SQLite database built from the records in a folder.

Why SQLite through the standard library: it needs no server and no new
dependency, it is one file beside the records (``<records>/.index.sqlite``)
that any SQLite tool (the ``sqlite3`` shell, DB Browser, datasette, pandas)
opens as plain tables, it keeps B-tree indexes so a filter over 10,000
documents is a few index look-ups instead of reading 10,000 JSON files, its
transactions mean a reader never sees a half-refreshed index, and its FTS5
full-text index finds Chinese text by substring, which needs no word
segmentation (see "Keyword search" below).

Tables (``doc_id`` is ``documents.id``, ``task_row`` is ``tasks.id``; ``ord``
keeps the order of the record)::

    files             name, sha256, size, mtime_ns, error       one row per record file
    documents         id, file, title, region, admin_level, period_label, ...
    sections          id, doc_id, parent_id, ord, level, kind, number, title, text
    tasks             id, doc_id, ord, task_id, section_path (JSON array), title, text
    task_departments  task_row, ord, name, canonical, level, role, via
    deadlines         task_row, ord, text, year, month, kind
    targets           task_row, ord, text, value, unit, comparator, metric, year
    indicators        id, doc_id, ord, name, norm_name, unit, baseline_*, target_*, ...
    task_grams        FTS5 over the character pairs of tasks.title and tasks.text, when available
    grams_pending     task_row                                  tasks not in task_grams yet

``tasks.id`` is ``doc_id * TASK_STRIDE + ord``, so task ids sort as documents
then reading order, and a query can return its matches in that order straight
from the indexes. A document keeps its id when its record changes; a new
record gets the next id (a first build takes the files in name order).

Refresh rule: every :func:`open_index` lists the ``*.json`` files and compares
each file's (mtime, size) with the stored one. Only files that differ are read;
a file whose sha256 is unchanged keeps its rows, a changed one has its rows
replaced, rows of removed files are deleted, all in one transaction. A file
modified less than :data:`RACY_NS` before it was checked is stored with
mtime -1, so the next refresh hashes it again: a rewrite within the same mtime
tick is never missed. A record that cannot be read is listed in
``files.error`` and reported by every refresh until it is fixed.

Keyword search: ``task_grams`` indexes each column as its overlapping character
pairs (养老服务 -> 养老 老服 服务 务⊣, ``⊣`` marking the last character) with the
``ascii`` tokenizer, which keeps every non-ASCII character as it is and folds
ASCII letters, so a match is exactly what ``LIKE '%…%'`` matches. A keyword of
n >= 2 characters is the phrase of its n - 1 pairs, and a phrase of consecutive
pairs is a substring; one character is the prefix of a pair (the index keeps
one-character prefixes). See :func:`gram_text` and :func:`gram_match`. The
pairs are made in Python, by the SQL function ``agingpolicy_grams`` every
connection of this module registers; triggers on ``tasks`` call it. A client
without the function reads every table and may insert tasks (the next refresh
indexes them), but its updates and deletes of tasks fail rather than leave the
keyword index stale.

The layout is versioned by ``PRAGMA user_version``; an index of another
version, or one that is not a database at all, is deleted and rebuilt (it is a
cache: the records are the source of truth).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import sys
import time
import unicodedata
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import TracebackType

from pydantic import ValidationError

from .models import Document, Section, Value

INDEX_FILE = ".index.sqlite"
INDEX_VERSION = 2  # bump when the tables or a stored derived value (norm_name) change
RACY_NS = 2_000_000_000  # files modified this recently are hashed again on the next refresh
TASK_STRIDE = 1 << 20  # tasks.id = doc_id * TASK_STRIDE + ord

_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    name TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    error TEXT
);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    file TEXT NOT NULL UNIQUE REFERENCES files(name),
    title TEXT NOT NULL,
    issuer TEXT,
    issued_date TEXT,
    doc_number TEXT,
    region TEXT,
    admin_level TEXT NOT NULL,
    period_label TEXT,
    period_start INTEGER,
    period_end INTEGER,
    status TEXT,
    doc_type TEXT,
    source_path TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    parser_version TEXT NOT NULL,
    schema_version TEXT NOT NULL
);
CREATE TABLE sections (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id),
    parent_id INTEGER REFERENCES sections(id),
    ord INTEGER NOT NULL,
    level INTEGER NOT NULL,
    kind TEXT NOT NULL,
    number TEXT,
    recovered_number TEXT,
    title TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id),
    ord INTEGER NOT NULL,
    task_id TEXT NOT NULL,
    section_path TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE task_departments (
    task_row INTEGER NOT NULL REFERENCES tasks(id),
    ord INTEGER NOT NULL,
    name TEXT NOT NULL,
    canonical TEXT NOT NULL,
    level TEXT NOT NULL,
    role TEXT NOT NULL,
    via TEXT NOT NULL
);
CREATE TABLE deadlines (
    task_row INTEGER NOT NULL REFERENCES tasks(id),
    ord INTEGER NOT NULL,
    text TEXT NOT NULL,
    year INTEGER,
    month INTEGER,
    kind TEXT NOT NULL
);
CREATE TABLE targets (
    task_row INTEGER NOT NULL REFERENCES tasks(id),
    ord INTEGER NOT NULL,
    text TEXT NOT NULL,
    value REAL NOT NULL,
    unit TEXT,
    comparator TEXT NOT NULL,
    metric TEXT,
    year INTEGER
);
CREATE TABLE indicators (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id),
    ord INTEGER NOT NULL,
    category TEXT,
    name TEXT NOT NULL,
    norm_name TEXT NOT NULL,
    unit TEXT,
    attribute TEXT,
    table_title TEXT,
    baseline_text TEXT,
    baseline_value REAL,
    baseline_comparator TEXT,
    baseline_year INTEGER,
    baseline_unit TEXT,
    target_text TEXT,
    target_value REAL,
    target_comparator TEXT,
    target_year INTEGER,
    target_unit TEXT
);
CREATE INDEX documents_region ON documents(region);
CREATE INDEX documents_period ON documents(period_label);
CREATE INDEX sections_doc ON sections(doc_id);
CREATE INDEX sections_parent ON sections(parent_id);
CREATE INDEX tasks_doc ON tasks(doc_id);
CREATE INDEX task_departments_task ON task_departments(task_row);
CREATE INDEX task_departments_canonical ON task_departments(canonical, task_row, role);
CREATE INDEX task_departments_name ON task_departments(name, task_row, role);
CREATE INDEX task_departments_role ON task_departments(role, task_row);
CREATE INDEX deadlines_task ON deadlines(task_row);
CREATE INDEX deadlines_year ON deadlines(year, kind, task_row);
CREATE INDEX targets_task ON targets(task_row);
CREATE INDEX indicators_doc ON indicators(doc_id);
CREATE INDEX indicators_norm ON indicators(norm_name);
"""

# The pair encoding of task_grams: every character becomes exactly one character the ascii tokenizer keeps
# in a token, so a pair is a two-character token and equal tokens are equal pairs. ASCII letters and digits,
# and every non-ASCII character outside the private-use area, stay as they are (the tokenizer folds A-Z as
# LIKE does); the other ASCII characters, which the tokenizer would take for separators, move to U+E000 +
# their code ('%' -> U+E025); private-use characters, which could be taken for those, all become _PRIVATE,
# and a keyword holding one is searched with LIKE instead.
GRAMS_SQL = "agingpolicy_grams"  # the SQL function the triggers call
_STAND_IN = 0xE000  # ASCII code c is written as U+E000 + c
_PRIVATE = "\uf8ff"  # any private-use character of the text
_END = "\uf8fe"  # pairs with the last character of a column: 服务 -> 服务 务<_END>
# ASCII other than letters and digits, and the private-use area: '%' and '(' in 达到60%(含)
_SPECIAL = re.compile(r"[\x00-/:-@\[-`{-\x7f\ue000-\uf8ff]")
# A private-use character: '\ue025' in 达到60\ue025
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
# Code points as 4-byte array items ('I' is 4 bytes wherever CPython runs), in the machine's byte order.
_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"
_SPACES = array("I", [ord(" ")])
# Bytes of new pairs FTS5 gathers in memory before writing them out as a segment (its 'hashsize' setting,
# 1 MB by default): a first build writes and merges far fewer segments, in about half the time.
_FTS_BUFFER = 64 << 20

# Contentless FTS5 table of the character pairs of `tasks`, kept in step by triggers. A new task waits in
# grams_pending until the refresh that inserted it indexes all of them in one statement (FTS5 writes its
# buffer out at the savepoint each insert of a task opens, so indexing a task as it is inserted wrote a
# segment per task). A deleted task's pairs go at once: the 'delete' command of a contentless table needs
# the indexed values, made again from the old row.
_GRAMS_DELETE = f"""
    INSERT INTO task_grams(task_grams, rowid, title, text)
        SELECT 'delete', old.id, {GRAMS_SQL}(old.title), {GRAMS_SQL}(old.text)
        WHERE NOT EXISTS (SELECT 1 FROM grams_pending WHERE task_row = old.id);
    DELETE FROM grams_pending WHERE task_row = old.id;
"""
_FTS = f"""
CREATE VIRTUAL TABLE task_grams USING fts5(
    title, text, content='', columnsize=0, tokenize='ascii', prefix='1'
);
INSERT INTO task_grams(task_grams, rank) VALUES ('hashsize', {_FTS_BUFFER});
CREATE TABLE grams_pending (task_row INTEGER PRIMARY KEY);
CREATE TRIGGER tasks_grams_insert AFTER INSERT ON tasks BEGIN
    INSERT INTO grams_pending VALUES (new.id);
END;
CREATE TRIGGER tasks_grams_delete AFTER DELETE ON tasks BEGIN {_GRAMS_DELETE}END;
CREATE TRIGGER tasks_grams_update AFTER UPDATE OF id, title, text ON tasks BEGIN {_GRAMS_DELETE}
    INSERT OR IGNORE INTO grams_pending VALUES (new.id);
END;
"""

# Rows of one document, children first so foreign keys hold at every step: (table, WHERE clause).
_DOC_ROWS = (
    *(
        (table, "task_row BETWEEN :doc * :stride AND (:doc + 1) * :stride - 1")
        for table in ("task_departments", "deadlines", "targets")
    ),
    ("tasks", "doc_id = :doc"),
    ("sections", "doc_id = :doc"),
    ("indicators", "doc_id = :doc"),
    ("documents", "id = :doc"),
)

# Bracketed notes in an indicator name: 护理型床位占比（%） -> 护理型床位占比
_BRACKETED = re.compile(r"（[^（）]*）|\([^()]*\)|【[^【】]*】|\[[^\[\]]*\]")
# Words naming where an indicator applies rather than what it measures, stripped from the front.
_SCOPE_WORDS = ("养老机构", "全市", "全区", "全县", "全省", "全国", "全镇", "城乡")
_MIN_CORE = 3  # never strip a scope word that leaves fewer characters (养老机构总数 stays)


class CorpusError(Exception):
    """The records folder cannot be indexed (missing, or not a folder)."""


@dataclass(frozen=True, slots=True)
class RefreshReport:
    added: int
    updated: int
    removed: int
    unchanged: int
    documents: int  # documents in the index after the refresh
    errors: tuple[tuple[str, str], ...]  # (file name, why) for every record that cannot be read


@dataclass(slots=True)
class Index:
    """An open, up-to-date index; close it (or use it as a context manager) when done."""

    conn: sqlite3.Connection
    records: Path
    fts: bool  # FTS5 is available: keywords are searched in task_grams
    report: RefreshReport

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def normalize_indicator(name: str) -> str:
    """The name indicators are grouped by: 养老机构护理型床位占比（%） -> 护理型床位占比."""
    text = _BRACKETED.sub("", name)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PSZC")
    stripped = True
    while stripped:
        stripped = False
        for word in _SCOPE_WORDS:
            if text.startswith(word) and len(text) - len(word) >= _MIN_CORE:
                text = text[len(word) :]
                stripped = True
    return text or name


def gram_text(text: str) -> str:
    """What task_grams indexes for ``text``: its overlapping pairs of token characters, the last
    character paired with _END (written ⊣ here): 养老服务 -> '养老 老服 服务 务⊣', 60% -> '60 0% %⊣' with
    U+E025 for each %."""
    if not text:
        return ""
    codes = array("I", (_token_chars(text) + _END).encode(_UTF32))
    pairs = _SPACES * (3 * len(text))  # first character, second character, space: slices of step 3
    pairs[0::3] = codes[:-1]
    pairs[1::3] = codes[1:]
    return pairs.tobytes().decode(_UTF32)[:-1]


def gram_match(term: str) -> str | None:
    """The FTS5 query on task_grams matching the texts that contain ``term`` (as ``LIKE '%term%'``
    does), or None when ``term`` is empty or holds a private-use character: 养老 -> '"养老"',
    老 -> '"老"*', 养老服务 -> '"养老 老服 服务"'."""
    if not term or _PRIVATE_USE.search(term):
        return None
    chars = _token_chars(term)
    if len(chars) == 1:
        return f'"{chars}"*'
    return '"' + " ".join(map(str.__add__, chars, chars[1:])) + '"'


def _token_chars(text: str) -> str:
    """``text`` with each character the ascii tokenizer would not keep in a token replaced (see _SPECIAL)."""
    return _SPECIAL.sub(_stand_in, text)


def _stand_in(m: re.Match[str]) -> str:
    code = ord(m.group())
    return _PRIVATE if code >= _STAND_IN else chr(_STAND_IN + code)


@cache
def fts5_available() -> bool:
    """Whether this Python's SQLite has FTS5 with the ascii tokenizer and prefix indexes."""
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(x, tokenize='ascii', prefix='1')")
    except sqlite3.OperationalError:
        return False
    finally:
        probe.close()
    return True


def index_path(records: Path) -> Path:
    return records / INDEX_FILE


def open_index(records: Path) -> Index:
    """Open the index of ``records`` (creating it if needed) and bring it up to date."""
    if not records.is_dir():
        raise CorpusError(f"no records folder: {records}")
    conn, fts = _open_db(index_path(records))
    try:
        report = refresh(conn, records, fts)
    except BaseException:
        conn.close()
        raise
    return Index(conn=conn, records=records, fts=fts, report=report)


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.create_function(GRAMS_SQL, 1, gram_text, deterministic=True)
    return conn


def _open_db(path: Path) -> tuple[sqlite3.Connection, bool]:
    """A connection to an index of the current layout; anything else at ``path`` is replaced."""
    fts = fts5_available()
    conn = _connect(path)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == INDEX_VERSION:
            stored = conn.execute("SELECT value FROM meta WHERE key = 'fts'").fetchone()
            if stored is not None and stored[0] == str(int(fts)):
                return conn, fts
    except sqlite3.DatabaseError:  # not a database, or a damaged one
        pass
    conn.close()
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    conn = _connect(path)
    _create_schema(conn, fts)
    return conn, fts


def _create_schema(conn: sqlite3.Connection, fts: bool) -> None:
    script = _TABLES + (_FTS if fts else "")
    conn.executescript(
        "BEGIN;\n"
        + script
        + f"INSERT INTO meta VALUES ('fts', '{int(fts)}'), ('sqlite_version', '{sqlite3.sqlite_version}');\n"
        + f"PRAGMA user_version = {INDEX_VERSION};\nCOMMIT;"
    )


def _scan(records: Path) -> dict[str, tuple[int, int]]:
    """(mtime_ns, size) of each record file in the folder (not its subfolders); hidden and temporary
    files are skipped."""
    with os.scandir(records) as it:
        entries = [e for e in it if e.name.endswith(".json") and not e.name.startswith(".") and e.is_file()]
    return {e.name: ((st := e.stat()).st_mtime_ns, st.st_size) for e in entries}


def _stale(conn: sqlite3.Connection, on_disk: dict[str, tuple[int, int]]) -> tuple[list[str], list[str]]:
    """(files new or whose stat differs from the stored one, files no longer on disk), by name."""
    stored = set(conn.execute("SELECT name, mtime_ns, size FROM files"))
    differ = {(name, *sig) for name, sig in on_disk.items()} ^ stored
    if not differ:
        return [], []
    changed = sorted({name for name, _, _ in differ} & on_disk.keys())
    return changed, sorted({name for name, _, _ in stored} - on_disk.keys())


def refresh(conn: sqlite3.Connection, records: Path, fts: bool) -> RefreshReport:
    """Bring the index in line with the record files (see the module docstring for the rule); with
    ``fts``, index the pairs of the tasks inserted since the last refresh."""
    changed, removed = _stale(conn, _scan(records))
    added = updated = 0
    if changed or removed or (fts and _grams_pending(conn)):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # another process may have refreshed while we waited for the lock: look again
            on_disk = _scan(records)
            changed, removed = _stale(conn, on_disk)
            for name in removed:
                _delete_document(conn, name)
                conn.execute("DELETE FROM files WHERE name = ?", (name,))
            now = time.time_ns()
            for name in changed:
                outcome = _reindex_file(conn, records / name, on_disk[name][0], now)
                added += outcome == "added"
                updated += outcome == "updated"
            if fts:
                _index_pending(conn)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    files, documents = conn.execute("SELECT (SELECT COUNT(*) FROM files), (SELECT COUNT(*) FROM documents)").fetchone()
    errors = tuple(conn.execute("SELECT name, error FROM files WHERE error IS NOT NULL ORDER BY name"))
    return RefreshReport(
        added=added,
        updated=updated,
        removed=len(removed),
        unchanged=files - added - updated,
        documents=documents,
        errors=errors,
    )


def _grams_pending(conn: sqlite3.Connection) -> bool:
    """Whether some task is not in task_grams yet (one inserted by another client since the last refresh)."""
    return conn.execute("SELECT EXISTS (SELECT 1 FROM grams_pending)").fetchone()[0] == 1


def _index_pending(conn: sqlite3.Connection) -> None:
    """Add the pairs of every task waiting in grams_pending to task_grams, in one statement. When they are
    at least half of all tasks (a first build, the whole corpus parsed again), merge task_grams into one
    segment: a phrase over 10,000 records is then a third faster, for a sixth more build time."""
    pending, tasks = conn.execute(
        "SELECT (SELECT COUNT(*) FROM grams_pending), (SELECT COUNT(*) FROM tasks)"
    ).fetchone()
    conn.execute(
        f"INSERT INTO task_grams(rowid, title, text) SELECT id, {GRAMS_SQL}(title), {GRAMS_SQL}(text) FROM tasks"
        " WHERE id IN (SELECT task_row FROM grams_pending)"
    )
    conn.execute("DELETE FROM grams_pending")
    if 2 * pending >= tasks:
        conn.execute("INSERT INTO task_grams(task_grams) VALUES ('optimize')")


def _reindex_file(conn: sqlite3.Connection, path: Path, mtime_ns: int, now: int) -> str:
    """Index one new or touched file: 'added', 'updated' or 'unchanged' (same content hash)."""
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    # trust the mtime only once it is old enough that a later write must change it
    mtime = mtime_ns if now - mtime_ns >= RACY_NS else -1
    old = conn.execute("SELECT sha256 FROM files WHERE name = ?", (path.name,)).fetchone()
    if old is not None and old[0] == sha:
        conn.execute("UPDATE files SET mtime_ns = ?, size = ? WHERE name = ?", (mtime, len(data), path.name))
        return "unchanged"
    error: str | None = None
    try:
        doc: Document | None = Document.model_validate_json(data)
    except (ValidationError, ValueError) as exc:
        doc = None
        error = _one_line(exc)
    if doc is not None and len(doc.tasks) >= TASK_STRIDE:
        doc, error = None, f"more than {TASK_STRIDE - 1} tasks"
    doc_id = _delete_document(conn, path.name)
    conn.execute(
        "INSERT OR REPLACE INTO files (name, sha256, size, mtime_ns, error) VALUES (?, ?, ?, ?, ?)",
        (path.name, sha, len(data), mtime, error),
    )
    if doc is not None:
        _insert_document(conn, path.name, doc, doc_id)
    return "added" if old is None else "updated"


def _one_line(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        return f"not a valid record ({exc.error_count()} error(s); first at {where}: {first['msg']})"
    return f"not a valid record ({str(exc).splitlines()[0]})"


def _delete_document(conn: sqlite3.Connection, name: str) -> int | None:
    """Delete the rows of the record file ``name``; its document id, or None if it had none."""
    row = conn.execute("SELECT id FROM documents WHERE file = ?", (name,)).fetchone()
    if row is None:
        return None
    for table, where in _DOC_ROWS:
        conn.execute(f"DELETE FROM {table} WHERE {where}", {"doc": row[0], "stride": TASK_STRIDE})
    return row[0]


def _insert_document(conn: sqlite3.Connection, name: str, doc: Document, doc_id: int | None) -> None:
    """Insert the rows of one record; ``doc_id`` None takes the next free id."""
    period = doc.period
    if doc_id is None:
        doc_id = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM documents").fetchone()[0]
    conn.execute(
        "INSERT INTO documents (id, file, title, issuer, issued_date, doc_number, region, admin_level,"
        " period_label, period_start, period_end, status, doc_type, source_path, source_sha256,"
        " parser_version, schema_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc_id,
            name,
            doc.title,
            doc.issuer,
            doc.issued_date,
            doc.doc_number,
            doc.region,
            doc.admin_level,
            period.label if period else None,
            period.start if period else None,
            period.end if period else None,
            doc.status,
            doc.doc_type,
            doc.source.path,
            doc.source.sha256,
            doc.parser_version,
            doc.schema_version,
        ),
    )
    first_section = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM sections").fetchone()[0]
    conn.executemany(
        "INSERT INTO sections VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", _section_rows(doc.sections, doc_id, first_section)
    )
    task_rows, dept_rows, deadline_rows, target_rows = [], [], [], []
    for ord_, t in enumerate(doc.tasks):
        row = doc_id * TASK_STRIDE + ord_
        path = json.dumps(t.section_path, ensure_ascii=False)
        task_rows.append((row, doc_id, ord_, t.id, path, t.title, t.text))
        dept_rows += [(row, i, d.name, d.canonical, d.level, d.role, d.via) for i, d in enumerate(t.departments)]
        deadline_rows += [(row, i, d.text, d.year, d.month, d.kind) for i, d in enumerate(t.deadlines)]
        target_rows += [
            (row, i, g.text, g.value, g.unit, g.comparator, g.metric, g.year) for i, g in enumerate(t.targets)
        ]
    conn.executemany("INSERT INTO tasks VALUES (?, ?, ?, ?, ?, ?, ?)", task_rows)
    conn.executemany("INSERT INTO task_departments VALUES (?, ?, ?, ?, ?, ?, ?)", dept_rows)
    conn.executemany("INSERT INTO deadlines VALUES (?, ?, ?, ?, ?, ?)", deadline_rows)
    conn.executemany("INSERT INTO targets VALUES (?, ?, ?, ?, ?, ?, ?, ?)", target_rows)
    conn.executemany(
        "INSERT INTO indicators (doc_id, ord, category, name, norm_name, unit, attribute, table_title,"
        " baseline_text, baseline_value, baseline_comparator, baseline_year, baseline_unit,"
        " target_text, target_value, target_comparator, target_year, target_unit)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                doc_id,
                i,
                ind.category,
                ind.name,
                normalize_indicator(ind.name),
                ind.unit,
                ind.attribute,
                ind.table_title,
                *_value_cols(ind.baseline),
                *_value_cols(ind.target),
            )
            for i, ind in enumerate(doc.indicators)
        ),
    )


def _value_cols(v: Value | None) -> tuple[str | float | int | None, ...]:
    if v is None:
        return (None,) * 5
    return (v.text, v.value, v.comparator, v.year, v.unit)


def _section_rows(sections: Iterable[Section], doc_id: int, first_id: int) -> list[tuple[int | str | None, ...]]:
    """Sections in reading order (pre-order), each with its parent's id."""
    rows: list[tuple[int | str | None, ...]] = []
    stack: list[tuple[Section, int | None]] = [(s, None) for s in reversed(list(sections))]
    while stack:
        s, parent = stack.pop()
        sid = first_id + len(rows)
        rows.append((sid, doc_id, parent, len(rows), s.level, s.kind, s.number, s.recovered_number, s.title, s.text))
        stack.extend((c, sid) for c in reversed(s.children))
    return rows
