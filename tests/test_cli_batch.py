"""``replyparse parse PATH…`` and ``replyparse export``: records, formats, exit status."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

import replyparse
from archive_helpers import Archive, archive_order, build_archive
from replyparse.cli import main
from replyparse.export.commands import _Report
from replyparse.export.csv import neutralise, open_inside
from replyparse.export.tables import TABLES

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "liaoning-2021-1125.txt"


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    return build_archive(tmp_path / "archive", n_short=3)


def test_one_file_prints_the_contract_as_before(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(SAMPLE)]) == 0
    out = capsys.readouterr()
    assert out.out == replyparse.parse_file(SAMPLE).to_json(indent=2) + "\n"
    assert out.err == ""


def test_show_still_prints_an_outline(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(SAMPLE)]) == 0
    assert capsys.readouterr().out.startswith("title           省十三届人大五次会议第1125号")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_directory_gives_one_jsonl_record_per_input_in_order(
    archive: Archive, jobs: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", str(archive.root), "--jobs", jobs]) == 1
    out = capsys.readouterr()
    records = [json.loads(line) for line in out.out.splitlines()]
    assert [Path(r["path"]) for r in records] == archive_order(archive)
    for record in records:
        if Path(record["path"]) in archive.bad:
            assert set(record) == {"path", "error"}
        else:
            assert list(record)[:3] == ["path", "id", "schema"] and len(record["id"]) == 64
    assert out.err.splitlines()[-1] == f"{len(archive.good)} parsed, {len(archive.bad)} failed"
    assert "d-empty.txt: ReadError" in out.err


def test_all_good_exits_zero_and_writes_to_a_file(
    archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    good = [str(p) for p in archive.good[:3]]
    assert main(["parse", *good, "-o", str(out), "--jobs", "1"]) == 0
    assert capsys.readouterr().err == "3 parsed, 0 failed\n"
    assert [json.loads(line)["path"] for line in out.read_text("utf-8").splitlines()] == good


def test_json_format_for_several_inputs_is_an_array(
    archive: Archive, capsys: pytest.CaptureFixture[str]
) -> None:
    good = [str(p) for p in archive.good[:2]]
    assert main(["parse", *good, "--format", "json", "--jobs", "1"]) == 0
    assert [r["path"] for r in json.loads(capsys.readouterr().out)] == good


def test_csv_tables(archive: Archive, tmp_path: Path,
                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "tables"
    assert main(["parse", str(archive.root), "--format", "csv", "-o", str(out)]) == 1
    names = sorted(p.stem for p in out.iterdir())
    assert names == sorted([*TABLES, "errors"])
    tables = {}
    for name in names:
        with (out / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
            tables[name] = list(csv.DictReader(handle))
    ids = {json.loads(line)["id"] for line in _jsonl(archive)}
    assert {row["id"] for row in tables["letters"]} == ids
    assert len(tables["letters"]) == len(ids)  # the duplicate is written once
    assert list(tables["statements"][0])[:2] == ["letter_id", "ord"]
    assert {row["letter_id"] for row in tables["statements"]} <= ids
    assert len(tables["errors"]) == len(archive.bad)


def _jsonl(archive: Archive) -> list[str]:
    buffer = io.StringIO()
    from replyparse.export.commands import run_parse

    run_parse([str(archive.root)], fmt="jsonl", jobs=1, stdout=buffer, stderr=io.StringIO())
    return [line for line in buffer.getvalue().splitlines() if '"error"' not in line[:200]]


def test_csv_neutralises_formulas(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    letter = tmp_path / "formula.txt"
    letter.write_text("=HYPERLINK(\"http://x\")。\n@SUM(A1)。\n+1。\n-1。\n普通句子。\n",
                      encoding="utf-8")
    main(["parse", str(letter), "--format", "csv", "-o", str(tmp_path / "t")])
    raw = (tmp_path / "t" / "statements.csv").read_text(encoding="utf-8-sig")
    cells = [row["text"] for row in csv.DictReader(io.StringIO(raw))]
    assert cells and all(not c.startswith(("=", "+", "-", "@")) for c in cells)
    assert any(c.startswith("'=HYPERLINK") for c in cells)


@pytest.mark.parametrize(("value", "cell"), [
    ("=1+1", "'=1+1"), ("+86", "'+86"), ("-3", "'-3"), ("@x", "'@x"), ("\tx", "'\tx"),
    ("普通", "普通"), (None, ""), (True, "true"), (3, 3),
])
def test_neutralise(value: object, cell: object) -> None:
    assert neutralise(value) == cell


@pytest.mark.parametrize("name", ["../escape", "a/b", "", "Letters", "x.csv"])
def test_output_names_cannot_leave_the_directory(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError):
        open_inside(tmp_path, name)


def test_output_files_are_not_written_through_symlinks(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(victim, out / "letters.csv")
    with pytest.raises(OSError):
        open_inside(out, "letters")
    assert victim.read_text(encoding="utf-8") == "keep"


def test_csv_needs_an_output_directory(archive: Archive) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["parse", str(archive.root), "--format", "csv"])
    assert exit_.value.code == 2


def test_export_command(archive: Archive, tmp_path: Path,
                        capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    assert main(["export", str(archive.root), "--db", db, "--jobs", "2"]) == 1
    first = capsys.readouterr().err.splitlines()[-1]
    assert first.startswith(f"{len(archive.good)} parsed, {len(archive.bad)} failed; ")
    good = [str(p) for p in archive.good]
    assert main(["export", *good, "--db", db, "--jobs", "1"]) == 0
    assert capsys.readouterr().err.splitlines()[-1].endswith(
        f"0 letters added, {len(good)} already present")


@pytest.mark.parametrize("command", ["parse", "export"])
def test_help_lists_the_cluster_options(command: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "--jobs N" in out
    assert "[--scheduler dask://HOST:PORT | --dask {local}]" in " ".join(out.split())


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal() -> None:
    quiet, loud = io.StringIO(), _Terminal()
    for stream in (quiet, loud):
        report = _Report(3, stream)
        for _ in range(3):
            report(replyparse.Result("x", {}, None, "0" * 64))
        report.close()
    assert quiet.getvalue() == "3 parsed, 0 failed\n"
    assert "3/3" in loud.getvalue() and loud.getvalue().endswith("3 parsed, 0 failed\n")


def test_json_array_of_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(tmp_path), "--format", "json"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out) == [] and out.err == "0 parsed, 0 failed\n"


def test_outline_of_several_letters(archive: Archive, capsys: pytest.CaptureFixture[str]) -> None:
    good = [str(p) for p in archive.good[:2]]
    assert main(["parse", *good, "--format", "outline"]) == 0
    out = capsys.readouterr().out
    assert [line for line in out.splitlines() if line.startswith("== ")] == [
        f"== {p}" for p in good]


def test_bad_database_url_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["export", str(tmp_path), "--db", "nonsense://x"])
    assert exit_.value.code == 2


def test_unwritable_output_fails_before_parsing(
    archive: Archive, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = archive.root / "a-reference.txt"  # a file where a directory should be
    assert main(["parse", str(archive.root), "--format", "csv", "-o", str(blocker)]) == 1
    err = capsys.readouterr().err
    assert "File exists" in err and "parsed" not in err


@pytest.fixture
def non_utf8_name(tmp_path: Path) -> Path:
    """A folder holding the reference letter under a file name that is not UTF-8 (the OS
    hands Python ``a\\udcff.txt``), beside a plain one."""
    folder = tmp_path / "names"
    folder.mkdir()
    text = (Path(__file__).resolve().parent.parent / "samples" / "liaoning-2021-1125.txt"
            ).read_bytes()
    try:
        with open(os.fsencode(folder) + b"/a\xff.txt", "wb") as handle:
            handle.write(text)
    except OSError:
        pytest.skip("this file system refuses file names that are not UTF-8")
    (folder / "b.txt").write_bytes(text.replace("2021年".encode(), "2022年".encode()))
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_name_that_is_not_utf8_is_written_escaped(
        non_utf8_name: Path, tmp_path: Path, jobs: str) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(non_utf8_name), "--jobs", jobs, "-o", str(out)]) == 0
    raw = out.read_bytes()
    raw.decode("utf-8")  # the file is valid UTF-8
    assert b"a\\udcff.txt" in raw
    first, second = (json.loads(line) for line in raw.splitlines())
    assert os.fsencode(first["path"]) == os.fsencode(non_utf8_name) + b"/a\xff.txt"
    assert first["meta"]["responder"] == second["meta"]["responder"] == "辽宁省发展和改革委员会"
    array = tmp_path / "out.json"
    assert main(["parse", str(non_utf8_name), "--jobs", jobs, "--format", "json",
                 "-o", str(array)]) == 0
    assert [r["path"] for r in json.loads(array.read_bytes())] == [first["path"],
                                                                     second["path"]]


def test_a_file_name_that_is_not_utf8_in_csv_and_on_stdout(
        non_utf8_name: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(non_utf8_name), "--format", "csv", "-o", str(tmp_path / "t")]) == 0
    with open(tmp_path / "t" / "letters.csv", encoding="utf-8-sig", newline="") as handle:
        paths = [row["path"] for row in csv.DictReader(handle)]
    assert paths == [f"{non_utf8_name}/a\\udcff.txt", f"{non_utf8_name}/b.txt"]
    assert main(["parse", str(non_utf8_name)]) == 0  # a text stream: decoded, then written
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert os.fsencode(records[0]["path"]).endswith(b"/a\xff.txt")


def test_a_file_name_that_is_not_utf8_in_the_database(non_utf8_name: Path, tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "names.db"
    assert main(["export", str(non_utf8_name), "--db", f"sqlite:///{db}"]) == 0
    with sqlite3.connect(db) as connection:
        paths = sorted(path for (path,) in connection.execute("SELECT path FROM letters"))
    assert paths == [f"{non_utf8_name}/a\\udcff.txt", f"{non_utf8_name}/b.txt"]
