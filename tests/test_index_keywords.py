"""Keyword search through the character-pair index finds exactly the tasks LIKE '%keyword%' finds."""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pytest

from agingpolicy.index import INDEX_FILE, Index, gram_match, gram_text, open_index
from agingpolicy.models import Document, Source, Span, Task
from agingpolicy.query import TaskQuery, find_tasks
from agingpolicy.store import dump, write_atomic

STRUCTURED = Path(__file__).resolve().parent.parent / "data" / "structured"
# Keywords of every kind on the real records: 2 and 3+ characters, 1 character, punctuation (ASCII and
# full-width), Latin (matched in either ASCII case, as LIKE does), digits, and ones no record holds.
REAL_KEYWORDS = (
    *("助餐", "医养", "护理", "养老", "老年人", "一刻钟", "居家社区养老服务", "老老", "医养结合机构建设"),
    *("老", "助", "、", "，", "“", "（", "%", "％", ",", "+", "0"),
    *("60%", "%,", "（一）", "《", "APP", "app", "App", "A", "a", "x", "2025", "2025年", "20"),
)
# Texts that try the encoding: ASCII case against full-width and accented letters, repeated characters,
# LIKE's wildcards and escape, the tokenizer's separators and FTS5 syntax, private-use characters (one
# looks like the stand-in of %), whitespace inside a text, characters beyond the BMP, a 1-character text.
TRICKY_TEXTS = (
    ("养老", "服务体系"),  # 老服 spans the two columns: no match
    ("ABC abc", "ＡＢＣ ａｂｃ École école ÉCOLE e\u0301cole"),
    ("老老老", "老老 老"),
    ("达到60%（含）以上", "100%_覆盖 a_b a%b a\\b 60％"),
    ("\"引号\" '单引号'", "*星号* NEAR AND OR NOT ^x: col:养老"),
    ("私\ue025有 私%有", "x\uf8ff y\uf8fe \ue000"),
    ("养老 服务\u3000护理", "第一行\n第二行\t结尾 "),
    ("𠀀养老😀", "\x01控制\x7f"),
    ("老", ""),
    ("2025年", "２０２５年 5G 5g"),
)
SPAN = Span(block=0)


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of data/structured (the index is written beside the records)."""
    folder = tmp_path_factory.mktemp("real")
    for path in STRUCTURED.glob("*.json"):
        shutil.copy(path, folder)
    return folder


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tricky")
    tasks = [
        Task(id=str(i), section_path=["主要任务"], title=title, text=text, span=SPAN)
        for i, (title, text) in enumerate(TRICKY_TEXTS)
    ]
    doc = Document(
        parser_version="test",
        source=Source(path="tricky.txt", format="txt", sha256="0" * 64, size=1),
        title="测试",
        admin_level="county",
        tasks=tasks,
    )
    write_atomic(folder / "tricky.json", dump(doc))
    return folder


def rows(idx: Index, keyword: str) -> list[tuple[str, str]]:
    return [(h.file, h.task_id) for h in find_tasks(idx, TaskQuery(keyword=keyword)).hits]


def assert_same_as_like(records: Path, keywords: list[str]) -> int:
    """Every keyword finds the same tasks through the index as through LIKE; the number found."""
    found = 0
    with open_index(records) as idx:
        assert idx.fts
        like = replace(idx, fts=False)
        for keyword in keywords:
            fast = rows(idx, keyword)
            assert fast == rows(like, keyword), keyword
            found += len(fast)
    return found


def substrings(texts: list[str], count: int, seed: int = 0) -> list[str]:
    """``count`` substrings of 1 to 6 characters without whitespace, picked at random from ``texts``."""
    rng = random.Random(seed)
    picked: set[str] = set()
    while len(picked) < count:
        text = rng.choice(texts)
        start = rng.randrange(len(text))
        picked.update(text[start : start + rng.randint(1, 6)].split())
    return sorted(picked)


def short_substrings(pairs: Iterable[tuple[str, str]]) -> list[str]:
    """Every substring of 1 to 4 characters without whitespace of the titles and texts."""
    texts = [text for pair in pairs for text in pair]
    return sorted({part for t in texts for n in range(1, 5) for i in range(len(t)) for part in t[i : i + n].split()})


def task_texts(records: Path) -> list[str]:
    with open_index(records) as idx:
        return [text for row in idx.conn.execute("SELECT title, text FROM tasks") for text in row if text]


# --- the encoding ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        ("养老服务", "养老 老服 服务 务\uf8fe"),
        ("老", "老\uf8fe"),
        ("", ""),
        ("60%", "60 0\ue025 \ue025\uf8fe"),
        ("A b", "A\ue020 \ue020b b\uf8fe"),  # the tokenizer folds the case of A
        ("私\ue025有", "私\uf8ff \uf8ff有 有\uf8fe"),  # private use: never the stand-in of %
        ("𠀀老", "𠀀老 老\uf8fe"),
    ],
)
def test_gram_text(text: str, grams: str) -> None:
    assert gram_text(text) == grams


@pytest.mark.parametrize(
    ("keyword", "match"),
    [
        ("养老服务", '"养老 老服 服务"'),
        ("医养", '"医养"'),
        ("老老", '"老老"'),
        ("老", '"老"*'),
        ("%", '"\ue025"*'),
        ('"', '"\ue022"*'),
        ("60%", '"60 0\ue025"'),
        ("私\ue025", None),  # private use: LIKE
        ("", None),
    ],
)
def test_gram_match(keyword: str, match: str | None) -> None:
    assert gram_match(keyword) == match


# --- the same answers as LIKE ---------------------------------------------------------------------------


def test_real_records_listed_keywords(real: Path) -> None:
    assert all(gram_match(k) is not None for k in REAL_KEYWORDS)
    assert assert_same_as_like(real, list(REAL_KEYWORDS)) > 0


def test_real_records_sampled_keywords(real: Path) -> None:
    keywords = substrings(task_texts(real), 400)
    assert {len(k) for k in keywords} == {1, 2, 3, 4, 5, 6}
    assert assert_same_as_like(real, keywords) > 0


def test_real_records_several_terms_and_filters(real: Path) -> None:
    with open_index(real) as idx:
        like = replace(idx, fts=False)
        for q in (
            TaskQuery(keyword="养老 护理"),
            TaskQuery(keyword="老 医养 60%"),
            TaskQuery(keyword="护理", dept="民政局"),
            TaskQuery(keyword="养", due_by=2025),
            TaskQuery(keyword="老年人", limit=3),
        ):
            assert find_tasks(idx, q) == find_tasks(like, q), q


def test_tricky_texts_every_short_substring(tricky: Path) -> None:
    keywords = short_substrings(TRICKY_TEXTS)
    keywords += [k.swapcase() for k in keywords] + ["老老老老", "私%", "%有", "\uf8ff", "\uf8fe", "\ue025", "老服"]
    assert assert_same_as_like(tricky, keywords) > 0


@pytest.mark.parametrize(
    ("keyword", "tasks"),
    [
        ("老服", []),  # not across the title and the text
        ("abc", ["1"]),  # ASCII case folds, full-width and accented letters do not
        ("ａｂｃ", ["1"]),
        ("école", ["1"]),
        ("老老", ["2"]),
        ("老老老", ["2"]),
        ("%_", ["3"]),
        ("a\\b", ["3"]),
        ("%有", ["5"]),
        ("\ue025有", ["5"]),
        ("5g", ["9"]),
        ("老", ["0", "2", "4", "6", "7", "8"]),
    ],
)
def test_tricky_texts_answers(tricky: Path, keyword: str, tasks: list[str]) -> None:
    with open_index(tricky) as idx:
        assert [task_id for _, task_id in rows(idx, keyword)] == tasks


# --- kept in step with the records ----------------------------------------------------------------------


def test_rewritten_and_removed_records_leave_no_pairs(tricky: Path, tmp_path: Path) -> None:
    folder = tmp_path / "records"
    shutil.copytree(tricky, folder)
    (folder / INDEX_FILE).unlink(missing_ok=True)
    doc = Document.model_validate_json((folder / "tricky.json").read_text(encoding="utf-8"))
    write_atomic(folder / "copy.json", dump(doc))
    open_index(folder).close()
    first = doc.tasks[0].model_copy(update={"title": "助餐", "text": "医养"})
    write_atomic(folder / "tricky.json", dump(doc.model_copy(update={"tasks": [first]})))
    (folder / "copy.json").unlink()
    with open_index(folder) as idx:
        assert idx.report.updated == 1 and idx.report.removed == 1
        assert rows(idx, "助餐") == [("tricky.json", "0")]
        assert rows(idx, "老") == rows(idx, "养老") == rows(idx, "服务") == []
    assert_same_as_like(folder, short_substrings(TRICKY_TEXTS))  # no pairs of the old texts are left


def test_other_clients_read_and_insert_but_cannot_edit_task_text(tricky: Path) -> None:
    open_index(tricky).close()
    conn = sqlite3.connect(tricky / INDEX_FILE, isolation_level=None)
    try:
        assert conn.execute("SELECT COUNT(*) FROM tasks").fetchone()[0] == len(TRICKY_TEXTS)
        with pytest.raises(sqlite3.OperationalError, match="no such function: agingpolicy_grams"):
            conn.execute("UPDATE tasks SET text = '新' WHERE task_id = '0'")
        with pytest.raises(sqlite3.OperationalError, match="no such function: agingpolicy_grams"):
            conn.execute("DELETE FROM tasks WHERE task_id = '0'")
        conn.execute(
            "INSERT INTO tasks (id, doc_id, ord, task_id, section_path, title, text)"
            " SELECT id + 100, doc_id, ord + 100, 'added', section_path, '补充', '助餐服务' FROM tasks WHERE task_id = '0'"
        )
    finally:
        conn.close()
    with open_index(tricky) as idx:  # indexed by the next refresh, with no record changed
        assert rows(idx, "服务体系") == [("tricky.json", "0")]
        assert rows(idx, "助餐") == [("tricky.json", "added")]
        assert idx.conn.execute("SELECT COUNT(*) FROM grams_pending").fetchone()[0] == 0
        idx.conn.execute("DELETE FROM tasks WHERE task_id = 'added'")
        assert rows(idx, "助餐") == []
