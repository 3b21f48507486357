"""The batch engine and the parse / validate commands: parallel = serial, incremental runs, --check,
atomic records, safe output names, and the output on a terminal and in CI."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from agingpolicy import batch, cli, parse_file, pipeline, store
from agingpolicy.store import dump

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
SAMPLES = sorted(RAW.glob("*.txt"))


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli.app, list(args))


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """Writable copies of the samples in data/raw, and a variant of each (10 inputs)."""
    folder = tmp_path / "raw"
    folder.mkdir()
    for sample in SAMPLES:
        text = sample.read_text(encoding="utf-8")
        (folder / sample.name).write_text(text, encoding="utf-8")
        (folder / f"{sample.stem}_v.txt").write_text(text.replace("2025", "2026"), encoding="utf-8")
    return folder


def records(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.json"))}


# --- parse --------------------------------------------------------------------------------------------


def test_records_are_what_parse_file_gives(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("parse", str(inputs), "--out", str(out), "--jobs", "1")
    assert result.exit_code == 0, result.output
    files = sorted(inputs.iterdir())
    assert sorted(records(out)) == sorted(f"{f.stem}.json" for f in files)
    for f in files:
        assert (out / f"{f.stem}.json").read_text(encoding="utf-8") == dump(parse_file(f))
    assert "agingpolicy" in result.stdout and "document(s)" in result.stdout  # the per-document table


def test_a_parallel_run_writes_what_a_serial_run_writes(inputs: Path, tmp_path: Path) -> None:
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    assert invoke("parse", str(inputs), "--out", str(serial), "--jobs", "1").exit_code == 0
    result = invoke("parse", str(inputs), "--out", str(parallel), "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert records(parallel) == records(serial)
    assert len(records(serial)) == 10


def test_records_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-m", "agingpolicy", "parse", str(RAW), "--out", str(out), "--jobs", "1"]
        subprocess.run(command, env=env, check=True, capture_output=True)
        outputs.append(records(out))
    assert outputs[0] == outputs[1]


def test_the_report_lists_outcomes_in_input_order(inputs: Path, tmp_path: Path) -> None:
    seen: list[batch.Outcome] = []
    files = batch.collect_inputs([inputs])
    report = batch.run(files, tmp_path / "out", jobs=2, on_outcome=seen.append)
    assert [o.source for o in report.outcomes] == files
    assert sorted(map(str, (o.source for o in seen))) == sorted(map(str, files))
    assert report.count("parsed") == len(files) and report.ok
    assert report.jobs == 2


def test_a_dead_worker_fails_its_inputs_not_the_batch(
    monkeypatch: pytest.MonkeyPatch, inputs: Path, tmp_path: Path
) -> None:
    """A worker killed outright (out of memory, a signal) fails the inputs it held, with a reason."""
    fork = multiprocessing.get_context("fork")  # forked workers inherit the patched `process`
    monkeypatch.setattr(batch.multiprocessing, "get_context", lambda method: fork)
    monkeypatch.setattr(batch, "process", lambda item: os._exit(1))
    files = batch.collect_inputs([inputs])
    report = batch.run(files, tmp_path / "out", jobs=2)
    assert [o.source for o in report.outcomes] == files
    assert report.count("failed") == len(files)
    assert all(o.reason.startswith("BrokenProcessPool: a worker process died") for o in report.outcomes)


def test_a_pool_broken_while_handing_out_work_fails_the_rest(
    monkeypatch: pytest.MonkeyPatch, inputs: Path, tmp_path: Path
) -> None:
    """A worker can die before every chunk is submitted; submit then raises, and the batch still reports."""

    class BreaksAfterOne(batch.ProcessPoolExecutor):
        submitted = 0

        def submit(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            BreaksAfterOne.submitted += 1
            if BreaksAfterOne.submitted > 1:
                raise batch.BrokenProcessPool("a child process terminated abruptly")
            return super().submit(*args, **kwargs)

    monkeypatch.setattr(batch, "ProcessPoolExecutor", BreaksAfterOne)
    files = batch.collect_inputs([inputs])
    report = batch.run(files, tmp_path / "out", jobs=2)
    assert [o.source for o in report.outcomes] == files
    assert report.count("parsed") >= 1 and report.count("failed") == len(files) - report.count("parsed")
    failed = [o for o in report.outcomes if o.status == "failed"]
    assert all(o.reason.startswith("BrokenProcessPool: a worker process died") for o in failed)


def test_summary_table_and_plain_progress_lines(inputs: Path, tmp_path: Path) -> None:
    result = invoke("parse", str(inputs), "--out", str(tmp_path / "out"), "--jobs", "2")
    assert result.exit_code == 0
    for column in ("summary", "parsed", "skipped", "failed", "warnings", "time"):
        assert column in result.stdout
    lines = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert len(lines) == 10
    assert all(" parsed " in line for line in lines)
    assert lines[-1].startswith("[10/10] ")


def test_a_progress_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch, inputs: Path, tmp_path: Path) -> None:
    monkeypatch.setattr(cli, "_interactive", lambda: True)
    (inputs / "empty.txt").write_bytes(b"")
    result = invoke("parse", str(inputs), "--out", str(tmp_path / "out"), "--jobs", "1")
    assert result.exit_code == 1
    assert f"error {inputs / 'empty.txt'}: the file is empty" in result.stderr
    assert not any(line.startswith("[1/11]") for line in result.stderr.splitlines())


@pytest.mark.parametrize(
    ("ci", "tty", "interactive"), [(None, True, True), ("true", True, False), (None, False, False)]
)
def test_plain_lines_in_ci_or_without_a_terminal(
    monkeypatch: pytest.MonkeyPatch, ci: str | None, tty: bool, interactive: bool
) -> None:
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: tty)
    assert cli._interactive() is interactive


def test_jobs_must_be_positive(inputs: Path, tmp_path: Path) -> None:
    assert invoke("parse", str(inputs), "--out", str(tmp_path), "--jobs", "0").exit_code == 2


# --- incremental runs ---------------------------------------------------------------------------------


def run(inputs: Path, out: Path, **options: object) -> batch.Report:
    return batch.run(batch.collect_inputs([inputs]), out, jobs=1, **options)  # type: ignore[arg-type]


def test_a_second_run_skips_up_to_date_records(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(inputs, out)
    stamps = {p: p.stat().st_mtime_ns for p in out.iterdir()}
    report = run(inputs, out)
    assert report.count("skipped") == 10 and report.count("parsed") == 0
    assert {p: p.stat().st_mtime_ns for p in out.iterdir()} == stamps
    assert all(o.counts is not None for o in report.outcomes)  # the table still lists them
    result = invoke("parse", str(inputs), "--out", str(out))
    assert result.exit_code == 0 and result.stderr.count(" skipped ") == 10


def test_a_changed_input_is_parsed_again(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(inputs, out)
    changed = inputs / SAMPLES[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n附件：新增内容\n", encoding="utf-8")
    report = run(inputs, out)
    assert [o.source for o in report.outcomes if o.status == "parsed"] == [changed]
    assert report.count("skipped") == 9
    assert (out / f"{changed.stem}.json").read_text(encoding="utf-8") == dump(parse_file(changed))


def test_a_record_of_another_parser_version_is_parsed_again(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(inputs, out)
    target = out / f"{SAMPLES[1].stem}.json"
    record = json.loads(target.read_bytes())
    record["parser_version"] = "0.0.0-old"
    target.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    report = run(inputs, out)
    assert [o.target for o in report.outcomes if o.status == "parsed"] == [target]
    assert json.loads(target.read_bytes())["parser_version"] == pipeline.PARSER_VERSION


def test_an_invalid_record_is_parsed_again(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(inputs, out)
    target = out / f"{SAMPLES[2].stem}.json"
    target.write_text("{", encoding="utf-8")
    assert [o.target for o in run(inputs, out).outcomes if o.status == "parsed"] == [target]


def test_force_parses_everything(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(inputs, out)
    assert run(inputs, out, force=True).count("parsed") == 10
    assert invoke("parse", str(inputs), "--out", str(out), "--force").stderr.count(" parsed ") == 10


# --- check ----------------------------------------------------------------------------------------------


def check(inputs: Path, out: Path) -> Result:
    return invoke("parse", str(inputs), "--out", str(out), "--check")


def test_check_passes_when_the_records_are_what_parsing_gives(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(inputs, out)
    before = records(out)
    result = check(inputs, out)
    assert result.exit_code == 0, result.output
    assert "is up to date" in result.stdout
    assert records(out) == before


def test_check_writes_nothing_and_lists_missing_records(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = check(inputs, out)
    assert result.exit_code == 1
    assert not out.exists()
    missing = [line for line in result.stdout.splitlines() if line.startswith("missing ")]
    assert len(missing) == 10
    assert f"missing {inputs / SAMPLES[0].name}: no record {out / SAMPLES[0].with_suffix('.json').name}" in missing


def test_check_lists_stale_different_and_orphaned_records(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(inputs, out)
    stale = inputs / SAMPLES[0].name
    stale.write_text(stale.read_text(encoding="utf-8") + "\n补充一段。\n", encoding="utf-8")
    different = out / f"{SAMPLES[1].stem}.json"
    different.write_text(different.read_text(encoding="utf-8").replace('"title": "', '"title": "改', 1))
    gone = inputs / SAMPLES[2].name
    gone.unlink()
    (out / "index.json").write_text('{"documents": []}', encoding="utf-8")  # not a record: ignored
    before = records(out)

    result = check(inputs, out)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"stale {stale}: ") for line in lines)
    assert any(line.startswith(f"different {inputs / SAMPLES[1].name}: ") for line in lines)
    assert f"no input {out / f'{SAMPLES[2].stem}.json'}: no input of this batch makes this record" in lines
    assert not any("index.json" in line for line in lines)
    assert sum(line.startswith(("stale", "different", "missing", "no input")) for line in lines) == 3
    assert records(out) == before


def test_check_fails_on_an_input_that_cannot_be_parsed(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(inputs, out)
    (inputs / "empty.txt").write_bytes(b"")
    result = check(inputs, out)
    assert result.exit_code == 1
    assert f"error {inputs / 'empty.txt'}: the file is empty" in result.stderr


def test_a_parse_run_notes_records_without_input(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(inputs, out)
    (inputs / SAMPLES[0].name).unlink()
    result = invoke("parse", str(inputs), "--out", str(out))
    assert result.exit_code == 0
    assert f"note: {out / f'{SAMPLES[0].stem}.json'} has no input in this batch" in result.stderr


# --- records on disk ------------------------------------------------------------------------------------


def test_an_interrupted_batch_leaves_old_or_new_records(
    monkeypatch: pytest.MonkeyPatch, inputs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    files = batch.collect_inputs([inputs])
    for target in store.output_paths(files, out).values():
        store.write_atomic(target, "old\n")
    build = pipeline.build_document
    calls = 0

    def interrupted(blocks: list, source: pipeline.Source) -> pipeline.Document:
        nonlocal calls
        calls += 1
        if calls == 4:
            raise KeyboardInterrupt
        return build(blocks, source)

    monkeypatch.setattr(pipeline, "build_document", interrupted)
    with pytest.raises(KeyboardInterrupt):
        batch.run(files, out, jobs=1)
    contents = [(out / f"{f.stem}.json").read_text(encoding="utf-8") for f in files]
    assert contents[3:] == ["old\n"] * 7
    assert all(c == dump(parse_file(f)) for c, f in zip(contents[:3], files, strict=False))
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{f.stem}.json" for f in files)  # no temp files


def test_a_failed_write_keeps_the_old_record(monkeypatch: pytest.MonkeyPatch, inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    target = out / f"{SAMPLES[0].stem}.json"
    store.write_atomic(target, "old\n")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    report = batch.run([inputs / SAMPLES[0].name], out, jobs=1)
    assert report.outcomes[0].status == "failed"
    assert report.outcomes[0].reason == "OSError: [Errno 28] No space left on device"
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in out.iterdir()] == [target.name]


def test_output_names_cannot_escape_the_output_folder(tmp_path: Path) -> None:
    folder = tmp_path / "in" / "sub"
    folder.mkdir(parents=True)
    odd = tmp_path / "in" / "..规划 (2021)..$&;|`*?.txt"
    dots = tmp_path / "in" / "...txt"
    for f in (odd, dots):
        f.write_text("养老服务规划\n一、总体要求\n", encoding="utf-8")
    via_parent = folder / ".." / odd.name  # in/sub/../<odd name>
    out = tmp_path / "out"
    result = invoke("parse", str(via_parent), str(dots), "--out", str(out), "--jobs", "1")
    assert result.exit_code == 0, result.output
    written = sorted(out.iterdir())
    assert [p.name for p in written] == ["document.json", "规划_2021.json"]
    assert all(p.resolve().parent == out.resolve() for p in written)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]
    names = store.output_paths([Path("../../etc/passwd.txt"), Path("/tmp/../x/..txt")], out)
    assert all(p.parent == out for p in names.values())


def test_inputs_with_the_same_stem_do_not_overwrite_each_other(tmp_path: Path) -> None:
    a, b = tmp_path / "a" / "plan.txt", tmp_path / "b" / "plan.txt"
    for f, title in ((a, "甲市养老服务规划"), (b, "乙市养老服务规划")):
        f.parent.mkdir()
        f.write_text(f"{title}\n一、总体要求\n", encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("parse", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(out))
    assert result.exit_code == 0, result.output
    written = [json.loads(p.read_bytes()) for p in sorted(out.iterdir())]
    assert len(written) == 2
    assert sorted(r["source"]["path"] for r in written) == [str(a), str(b)]
    assert check(tmp_path / "a", out).exit_code == 1  # b's record has no input in a batch of a alone


# --- validate -------------------------------------------------------------------------------------------


def test_validate_accepts_parsed_records(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(inputs, out)
    result = invoke("validate", str(out))
    assert result.exit_code == 0, result.output
    assert "10 record(s)" in result.stderr


def test_validate_reports_each_failure_with_file_and_field(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(inputs, out)
    bad = out / f"{SAMPLES[0].stem}.json"
    record = json.loads(bad.read_bytes())
    record["tasks"][0]["title"] = 7
    record["source"]["format"] = "pdf"
    record["unexpected"] = True
    bad.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    broken = out / "broken.json"
    broken.write_text("{not json", encoding="utf-8")

    result = invoke("validate", str(out))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{bad}: tasks.0.title: Input should be a valid string" in lines
    assert any(line.startswith(f"{bad}: source.format: Input should be 'txt', 'docx' or 'html'") for line in lines)
    assert f"{bad}: unexpected: Extra inputs are not permitted" in lines
    assert any(line.startswith(f"{broken}: (record): Invalid JSON") for line in lines)
    assert len(lines) == 4
    assert "2 of 11 record(s)" in result.stderr


def test_every_command_has_help_with_an_example() -> None:
    for command in ("parse", "validate"):
        result = invoke(command, "--help")
        assert result.exit_code == 0
        assert "Example:" in result.output
