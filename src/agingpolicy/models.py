"""The record format: pydantic models of a structured policy document.

Every extracted value carries a :class:`Span` saying where it came from, so a
reader can check it against the source. ``Document.model_json_schema()`` is
the published JSON Schema (``agingpolicy schema``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.3"

Comparator = Literal["=", ">=", ">", "<=", "<", "~"]
Role = Literal["lead", "co", "responsible"]
Level = Literal["national", "province", "city", "county", "township", "unknown"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(Record):
    """A place in the source: a block (paragraph or table) and a character range in its text.

    For a table, ``row`` and ``col`` name the cell and ``start``/``end`` index that cell's text.
    """

    block: int = Field(description="index of the block in reading order")
    start: int = Field(0, description="first character, in the block's (or cell's) text")
    end: int = Field(0, description="one past the last character")
    row: int | None = Field(None, description="table row, for a value read from a table")
    col: int | None = Field(None, description="table column, for a value read from a table")


class Source(Record):
    path: str = Field(description="the input file's path as given")
    format: Literal["txt", "docx", "html"]
    encoding: str | None = Field(None, description="the text encoding detected, for .txt and .html")
    sha256: str = Field(description="hash of the input bytes")
    size: int = Field(description="input size in bytes")


class Period(Record):
    label: str = Field(description="five-year-plan period, e.g. 十四五")
    start: int
    end: int


class Reference(Record):
    title: str = Field(description="a cited document's title, without 《》")
    doc_number: str | None = Field(None, description="its document number, e.g. 国发〔2017〕13号")
    span: Span


class Department(Record):
    name: str = Field(description="the unit as written, with its level prefix")
    role: Role = Field(description="lead (牵头), co (配合/责任单位 beside a lead), or responsible (unranked)")
    canonical: str = Field(description="lexicon name, e.g. 民政局 for 区民政局 / 民政部门 / 民政厅")
    level: Level = Field(description="administrative level, from the prefix or the document's region")
    via: Literal["bracket", "table", "prose", "section"] = Field(description="how the duty was stated")
    span: Span


class Deadline(Record):
    text: str = Field(description="as written, e.g. 到2025年底")
    year: int | None = Field(description="the year by (or from) which; null for recurring or ongoing work")
    month: int | None = None
    kind: Literal["by", "from", "during", "recurring", "ongoing"]
    span: Span


class Target(Record):
    text: str = Field(description="as written, e.g. 不低于60%")
    value: float
    unit: str | None = Field(None, description="as written, or % for percentages")
    comparator: Comparator
    metric: str | None = Field(None, description="the phrase measured, best effort")
    year: int | None = Field(None, description="the deadline the target goes with")
    span: Span


class Value(Record):
    """One cell of an indicator table."""

    text: str = Field(description="the cell as written")
    value: float | None = Field(description="the number, or null for words such as 明显增长 or '-'")
    comparator: Comparator
    year: int | None = Field(None, description="from the column header")
    unit: str | None = None


class Indicator(Record):
    category: str | None = Field(None, description="the row's group (类别 / 领域), innermost level")
    name: str
    unit: str | None = None
    baseline: Value | None = None
    target: Value | None = None
    attribute: Literal["约束性", "预期性"] | None = None
    table_title: str | None = Field(None, description="the caption line before the table")
    span: Span


class Section(Record):
    number: str | None = Field(description="the number as written (一、 （二） 3． 2)), null when lost")
    recovered_number: str | None = Field(None, description="the number inferred for a lost or damaged one")
    kind: Literal[
        "chapter",
        "subchapter",
        "cn",
        "cn_paren",
        "arabic",
        "arabic_paren",
        "arabic_rparen",
        "decimal2",
        "decimal3",
        "circled",
        "article",
        "unnumbered",
    ] = Field(description="numbering level: arabic_rparen is 1) / 1） with no opening bracket, used as a level")
    level: int = Field(description="depth in the tree, 1 for top-level sections")
    title: str
    text: str = Field(description="body text of the section itself (not its children)")
    span: Span
    children: list[Section] = Field(default_factory=list)


class Task(Record):
    id: str = Field(description="stable id from the number path, e.g. 四.（一）.1.（1）")
    section_path: list[str] = Field(description="titles of the enclosing sections, outermost first")
    title: str
    text: str = Field(description="the body after the title")
    departments: list[Department] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    span: Span


class ParseWarning(Record):
    code: str = Field(description="machine-readable kind, e.g. numbering.recovered")
    message: str
    block: int | None = None


class Document(Record):
    schema_version: str = SCHEMA_VERSION
    parser_version: str
    source: Source
    title: str
    issuer: str | None = None
    issued_date: str | None = Field(None, description="YYYY-MM-DD")
    doc_number: str | None = None
    region: str | None = Field(None, description="the place the document governs, as named")
    admin_level: Level = "unknown"
    period: Period | None = None
    status: str | None = Field(None, description="draft mark such as 征求意见稿, or 试行 / 暂行")
    doc_type: str | None = Field(None, description="规划 / 实施方案 / 实施意见 / 具体措施 / 办法 / 通知 / 台账 …")
    references: list[Reference] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    warnings: list[ParseWarning] = Field(default_factory=list)
