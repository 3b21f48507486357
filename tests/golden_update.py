"""Rewrite tests/golden/*.summary.json from data/raw and tests/heldout/raw (``make golden``).

Read the diff before committing: every change in it is a change in what the tool extracts.
"""

from __future__ import annotations

import json
from pathlib import Path

from agingpolicy import parse_file
from agingpolicy.models import Document

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
# documents written to GUIDE.md's shapes that the rules were not developed on, with hand-made answers in gold/
HELDOUT = Path(__file__).resolve().parent / "heldout" / "raw"
GOLDEN = Path(__file__).resolve().parent / "golden"


def summary(doc: Document) -> dict:
    """The reviewable essence of a record: what a researcher would check by eye."""
    return {
        "title": doc.title,
        "issued_date": doc.issued_date,
        "period": doc.period.label if doc.period else None,
        "status": doc.status,
        "doc_type": doc.doc_type,
        "region": doc.region,
        "admin_level": doc.admin_level,
        "tasks": [
            {
                "id": t.id,
                "title": t.title,
                "departments": [f"{d.name}/{d.role}" for d in t.departments],
                "deadlines": [d.text for d in t.deadlines],
                "targets": [f"{x.text} {x.comparator} {x.value:g} {x.unit or ''}".strip() for x in t.targets],
            }
            for t in doc.tasks
        ],
        "indicators": [
            {
                "category": i.category,
                "name": i.name,
                "unit": i.unit,
                "baseline": i.baseline.text if i.baseline else None,
                "target": f"{i.target.comparator} {i.target.value} ({i.target.year})" if i.target else None,
            }
            for i in doc.indicators
        ],
    }


def documents() -> list[Path]:
    """The sample corpus and the held-out documents."""
    return sorted(p for folder in (RAW, HELDOUT) for p in folder.iterdir() if p.is_file())


def render(doc: Document) -> str:
    return json.dumps(summary(doc), ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for path in documents():
        if path.is_file():
            (GOLDEN / f"{path.stem}.summary.json").write_text(render(parse_file(path)), encoding="utf-8")
            print(f"wrote tests/golden/{path.stem}.summary.json")


if __name__ == "__main__":
    main()
