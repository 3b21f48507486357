"""Bad input in a batch: one line "error <file>: <reason>" each, the good files still written, exit 1.

Every bad file is made here, in tmp_path, and goes through the CLI next to a good document.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest
from typer.testing import CliRunner, Result

from agingpolicy import batch, pipeline
from agingpolicy.cli import app

GOOD_TEXT = "某市“十四五”养老服务体系规划\n一、总体要求\n（一）发展目标。到2025年，护理型床位占比达到55%。（责任单位：市民政局）\n"


def good_docx() -> bytes:
    document = docx.Document()
    for line in GOOD_TEXT.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rebuilt_docx(replace: dict[str, bytes | None], extra: dict[str, bytes] | None = None) -> bytes:
    """A good .docx with members replaced (None: removed) and ``extra`` members added."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(good_docx())) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = replace.get(info.filename, source.read(info))
            if content is not None:
                target.writestr(info.filename, content)
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return buffer.getvalue()


def workbook() -> bytes:
    """An .xlsx, as if renamed .docx: a zip whose main part is a spreadsheet."""
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body>
</w:document>
"""

# name -> (the file's bytes, what its error line must say)
BAD_INPUTS: dict[str, tuple[Callable[[], bytes], str]] = {
    "empty.txt": (lambda: b"", "the file is empty"),
    "binary.txt": (lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary file"),
    "undecodable.txt": (lambda: bytes(range(128, 256)) * 10, "undecodable text"),
    "not_a_zip.docx": (lambda: "这不是Word文件".encode() * 20, "not a .docx (zip) file"),
    "encrypted.docx": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096), "encrypted .docx"),
    "truncated.docx": (lambda: good_docx()[:-700], "truncated or corrupt .docx"),
    "no_document.docx": (lambda: rebuilt_docx({"word/document.xml": None}), "no document part"),
    "bomb.docx": (lambda: rebuilt_docx({}, {"word/media/pad.bin": bytes(20 * 2**20)}), "zip bomb"),
    "entities.docx": (lambda: rebuilt_docx({"word/document.xml": BILLION_LAUGHS}), "entity expansion"),
    "spreadsheet.docx": (workbook, "not a Word document"),
    "legacy.doc": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024), ".doc files are not supported"),
    "legacy.wps": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024), ".wps files are not supported"),
}


def parse(*args: str) -> Result:
    return CliRunner().invoke(app, ["parse", *args])


def error_lines(result: Result, path: Path) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith(f"error {path}: ")]


def assert_one_error(result: Result, path: Path, reason: str) -> None:
    lines = error_lines(result, path)
    assert len(lines) == 1, result.output
    assert reason in lines[0]


@pytest.fixture
def batch_dir(tmp_path: Path) -> Path:
    """A folder with one good .txt and one good .docx."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "good_word.docx").write_bytes(good_docx())
    return folder


def assert_good_written(out: Path) -> None:
    assert (out / "good.json").is_file()
    assert (out / "good_word.json").is_file()


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_gets_one_line_and_the_batch_goes_on(name: str, batch_dir: Path, tmp_path: Path) -> None:
    make, reason = BAD_INPUTS[name]
    bad = batch_dir / name
    bad.write_bytes(make())
    out = tmp_path / "out"
    result = parse(str(batch_dir), "--out", str(out), "--jobs", "1")
    assert result.exit_code == 1
    assert_one_error(result, bad, reason)
    assert_good_written(out)
    assert not (out / f"{bad.stem}.json").exists()
    assert "1 of 3 input(s) failed" in result.stderr


def test_all_bad_inputs_in_one_parallel_batch(batch_dir: Path, tmp_path: Path) -> None:
    for name, (make, _) in BAD_INPUTS.items():
        (batch_dir / name).write_bytes(make())
    out = tmp_path / "out"
    result = parse(str(batch_dir), "--out", str(out), "--jobs", "2")
    assert result.exit_code == 1
    for name, (_, reason) in BAD_INPUTS.items():
        assert_one_error(result, batch_dir / name, reason)
    assert_good_written(out)
    assert sorted(p.name for p in out.iterdir()) == ["good.json", "good_word.json"]


def test_a_50_mb_text_is_refused_from_its_size(batch_dir: Path, tmp_path: Path) -> None:
    big = batch_dir / "big.txt"
    line = "一、加强养老服务体系建设，到2025年护理型床位占比达到55%。\n".encode()
    with big.open("wb") as fh:
        for _ in range(50 * 2**20 // (len(line) * 1000) + 1):
            fh.write(line * 1000)
    assert big.stat().st_size > 50 * 2**20
    out = tmp_path / "out"
    result = parse(str(batch_dir), "--out", str(out), "--jobs", "1")
    assert result.exit_code == 1
    assert_one_error(result, big, f"over the {batch.MAX_INPUT_BYTES // 2**20} MB input limit")
    assert_good_written(out)


def test_the_size_limit_is_inclusive(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(batch, "MAX_INPUT_BYTES", len(GOOD_TEXT.encode()))
    at_limit, over = tmp_path / "at_limit.txt", tmp_path / "over.txt"
    at_limit.write_text(GOOD_TEXT, encoding="utf-8")
    over.write_text(GOOD_TEXT + "。", encoding="utf-8")
    out = tmp_path / "out"
    result = parse(str(at_limit), str(over), "--out", str(out), "--jobs", "1")
    assert result.exit_code == 1
    assert (out / "at_limit.json").is_file()
    assert_one_error(result, over, "input limit")


def test_the_limit_is_in_the_help() -> None:
    result = CliRunner().invoke(app, ["parse", "--help"])
    assert f"{batch.MAX_INPUT_BYTES // 2**20} MB (MAX_INPUT_BYTES)" in " ".join(result.output.split())


def test_any_exception_while_parsing_becomes_one_line(
    monkeypatch: pytest.MonkeyPatch, batch_dir: Path, tmp_path: Path
) -> None:
    crash = batch_dir / "crash.txt"
    crash.write_text("触发解析错误\n第二行\n", encoding="utf-8")
    build = pipeline.build_document

    def fragile(blocks: list, source: pipeline.Source) -> pipeline.Document:
        if source.path == str(crash):
            raise ZeroDivisionError("division by zero\nin a second line")
        return build(blocks, source)

    monkeypatch.setattr(pipeline, "build_document", fragile)
    out = tmp_path / "out"
    result = parse(str(batch_dir), "--out", str(out), "--jobs", "1")
    assert result.exit_code == 1
    assert_one_error(result, crash, "ZeroDivisionError: division by zero in a second line")
    assert "Traceback" not in result.output
    assert_good_written(out)


def test_a_missing_input_is_one_line(batch_dir: Path, tmp_path: Path) -> None:
    gone = tmp_path / "gone.txt"
    out = tmp_path / "out"
    result = parse(str(batch_dir), str(gone), "--out", str(out), "--jobs", "1")
    assert result.exit_code == 1
    assert_one_error(result, gone, "FileNotFoundError")
    assert_good_written(out)


def test_a_failed_input_keeps_its_old_record(batch_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert parse(str(batch_dir), "--out", str(out), "--jobs", "1").exit_code == 0
    before = (out / "good.json").read_bytes()
    (batch_dir / "good.txt").write_bytes(b"")
    result = parse(str(batch_dir), "--out", str(out), "--jobs", "1")
    assert result.exit_code == 1
    assert_one_error(result, batch_dir / "good.txt", "the file is empty")
    assert (out / "good.json").read_bytes() == before
