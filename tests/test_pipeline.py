"""The library entry points: what a whole document gives, warnings included."""

from __future__ import annotations

from agingpolicy import parse_text


def test_a_document_without_tasks_says_so() -> None:
    notice = parse_text("关于报送养老服务工作总结的通知\n各区民政局：\n请于2024年3月底前报送本年度工作总结。\n")
    assert notice.tasks == []
    assert [(w.code, w.message) for w in notice.warnings if w.code == "document.no_tasks"] == [
        ("document.no_tasks", "no tasks found: no numbered outline and no task table")
    ]


def test_an_outline_of_principles_only_gives_no_tasks_and_a_warning() -> None:
    doc = parse_text("某县养老服务实施方案\n一、指导思想\n（一）坚持党的领导。\n（二）坚持以人民为中心。\n")
    assert doc.tasks == []
    assert "no numbered item in a chapter that assigns work" in next(
        w.message for w in doc.warnings if w.code == "document.no_tasks"
    )


def test_a_document_with_tasks_has_no_such_warning() -> None:
    doc = parse_text(
        "某县养老服务实施方案\n一、主要任务\n（一）发展助餐服务。到2025年建成助餐点20个。（责任单位：县民政局）\n"
    )
    assert [t.title for t in doc.tasks] == ["发展助餐服务"]
    assert all(w.code != "document.no_tasks" for w in doc.warnings)
