"""parse_many and input walking: one result per input, in order, across processes."""

from __future__ import annotations

import hashlib
import itertools
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import replyparse
from archive_helpers import Archive, archive_order, build_archive, gbk_text
from replyparse import batch
from replyparse.batch import Result, expand_paths, letter_id, parse_many, parse_path


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    return build_archive(tmp_path / "archive")


# -- walking ----------------------------------------------------------------------------


def test_directory_walk_is_sorted_filtered_and_recursive(archive: Archive) -> None:
    walked = [Path(p) for p in expand_paths([archive.root])]
    assert walked == archive_order(archive)
    assert all(not p.name.startswith(".") and p.suffix != ".md" for p in walked)


def test_files_globs_and_missing_paths_keep_argument_order(archive: Archive) -> None:
    root = archive.root
    args = [str(root / "c-duplicate.txt"), str(root / "more" / "short-0[12].txt"),
            str(root / "missing.txt"), str(root / "notes.md")]
    assert list(expand_paths(args)) == [
        str(root / "c-duplicate.txt"), str(root / "more" / "short-01.txt"),
        str(root / "more" / "short-02.txt"), str(root / "missing.txt"), str(root / "notes.md"),
    ]


def test_the_same_file_twice_is_one_input(archive: Archive) -> None:
    path = archive.root / "a-reference.txt"
    assert list(expand_paths([path, archive.root / "." / "a-reference.txt"])) == [str(path)]


# -- results ----------------------------------------------------------------------------


def test_result_record_shapes(reference_text: str) -> None:
    result = parse_path(str(Path("samples/liaoning-2021-1125.txt").resolve()))
    assert result.ok and result.id == hashlib.sha256(reference_text.encode()).hexdigest()
    record = result.record()
    assert list(record)[:3] == ["path", "id", "schema"]
    assert {k: v for k, v in record.items() if k not in ("path", "id")} == \
        replyparse.parse(reference_text).to_dict()
    failed = Result("x.txt", None, "ReadError: nope", None)
    assert failed.record() == {"path": "x.txt", "error": "ReadError: nope"}


@pytest.mark.parametrize("jobs", [1, 2])
def test_one_result_per_input_in_order(archive: Archive, jobs: int) -> None:
    seen: list[str] = []
    results = list(parse_many([archive.root], jobs=jobs, chunksize=2,
                              progress=lambda r: seen.append(r.path)))
    assert [Path(r.path) for r in results] == archive_order(archive)
    assert seen == [r.path for r in results]
    by_path = {Path(r.path): r for r in results}
    for path, word in archive.bad.items():
        assert by_path[path].error and by_path[path].error.startswith(word)
        assert by_path[path].letter is None
    for path in archive.good:
        assert by_path[path].ok, by_path[path].error
    reference = by_path[archive.root / "a-reference.txt"]
    gbk = by_path[archive.root / "b-reference-gbk.txt"]
    assert gbk.text == gbk_text(reference.text or "")
    assert gbk.letter and reference.letter and gbk.letter["meta"] == reference.letter["meta"]
    assert by_path[archive.root / "c-duplicate.txt"].letter == \
        by_path[archive.root / "more" / "short-00.txt"].letter


def test_workers_give_the_same_records_as_in_process(archive: Archive) -> None:
    one = [r.record() for r in parse_many([archive.root], jobs=1)]
    two = [r.record() for r in parse_many([archive.root], jobs=2, chunksize=3)]
    assert one == two


def test_records_are_parse_file_with_the_readers_warnings(archive: Archive) -> None:
    for result in parse_many(archive.good, jobs=2):
        letter = replyparse.parse_file(result.path)
        assert result.letter == letter.to_dict() and result.text == letter.text


@pytest.mark.parametrize("jobs", [1, 2])
def test_skip_ids_are_read_not_parsed(archive: Archive, jobs: int) -> None:
    first = {r.path: r for r in parse_many(archive.good, jobs=1)}
    reference = first[str(archive.root / "a-reference.txt")]
    results = list(parse_many(archive.good, jobs=jobs, skip_ids={reference.id or ""}))
    skipped = [r for r in results if r.skipped]
    assert [r.path for r in skipped] == [str(archive.root / "a-reference.txt")]
    assert skipped[0].record() == {"path": reference.path, "id": reference.id, "skipped": True}
    assert skipped[0].ok and skipped[0].letter is None
    assert all(r.letter == first[r.path].letter for r in results if not r.skipped)


def test_unordered_yields_every_input_once(archive: Archive) -> None:
    results = list(parse_many([archive.root], jobs=2, chunksize=1, ordered=False))
    assert sorted(Path(r.path) for r in results) == sorted(archive_order(archive))


def test_results_stream_from_an_endless_input(tmp_path: Path) -> None:
    endless = (str(tmp_path / f"missing-{i}.txt") for i in itertools.count())
    first = list(itertools.islice(parse_many(endless, jobs=2, chunksize=4), 50))
    assert [r.path for r in first] == [str(tmp_path / f"missing-{i}.txt") for i in range(50)]
    assert all(r.error and "no such file" in r.error.lower() for r in first)


def test_jobs_must_be_positive() -> None:
    with pytest.raises(ValueError, match="jobs"):
        list(parse_many(["x"], jobs=0))


def test_letter_id_is_sha256_of_the_text() -> None:
    assert letter_id("答复") == hashlib.sha256("答复".encode()).hexdigest()


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="the crash is injected by patching the module before fork")
def test_a_dying_worker_loses_nothing(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    crash = archive.root / "more" / "short-03.txt"
    real = batch.parse_path

    def dying(path: str, **options: Any) -> Result:
        if path == str(crash):
            os._exit(3)
        return real(path, **options)

    monkeypatch.setattr(batch, "parse_path", dying)
    results = list(parse_many([archive.root], jobs=2, chunksize=4))
    assert [Path(r.path) for r in results] == archive_order(archive)
    died = [r for r in results if r.error and "WorkerDied" in r.error]
    assert [r.path for r in died] == [str(crash)]
    assert sum(r.ok for r in results) == len(archive.good) - 1


def test_parse_many_is_exported_lazily() -> None:
    probe = ("import sys, replyparse\n"
             "print('replyparse.batch' in sys.modules, 'concurrent.futures' in sys.modules)\n"
             "print(replyparse.parse_many.__module__, replyparse.Result.__name__)\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "False", "replyparse.batch", "Result"]
    assert "parse_many" in replyparse.__all__ and "parse_many" in dir(replyparse)


def test_encoded_records_equal_encoding_in_the_parent() -> None:
    """parse_many(encoded=True) sends each record as its JSON line, identical to what the
    parent would write from the dict, with 1 and 2 workers, errors and letters alike."""
    import json

    from replyparse.batch import parse_many

    root = Path(__file__).resolve().parent.parent
    inputs = [str(root / "samples"), str(root / "bench" / "data" / "b-replies-002.txt"),
              str(root / "does" / "not" / "exist.txt")]
    plain = [r.jsonl() for r in parse_many(inputs, jobs=1)]
    for jobs in (1, 2):
        encoded = list(parse_many(inputs, jobs=jobs, encoded=True))
        assert [r.jsonl() for r in encoded] == plain
        parsed = [r for r in encoded if r.ok]
        assert parsed and all(r.line is not None and r.letter is None for r in parsed)
        assert parsed[0].record() == json.loads(plain[0])
    assert json.loads(plain[0])["money"][1]["yuan"] == "2196000000"


def test_rows_sent_by_workers_equal_flattening_in_the_parent() -> None:
    """parse_many(rows=True) sends each letter as the records of every table, identical to
    flattening its dict in the parent, with 1 and 2 workers; errors stay errors."""
    from decimal import Decimal

    from replyparse.export.tables import TABLES, flatten, flatten_records

    root = Path(__file__).resolve().parent.parent
    inputs = [str(root / "samples"), str(root / "bench" / "data" / "b-replies-002.txt"),
              str(root / "does" / "not" / "exist.txt")]
    plain = list(parse_many(inputs, jobs=1))
    for jobs in (1, 2):
        sent = list(parse_many(inputs, jobs=jobs, rows=True))
        assert [(r.path, r.id, r.error) for r in sent] == [(r.path, r.id, r.error) for r in plain]
        for mine, theirs in zip(sent, plain, strict=True):
            if theirs.letter is None:
                assert mine.rows is None
                continue
            assert mine.letter is None and mine.text is None and mine.rows is not None
            assert theirs.id is not None
            assert mine.rows == flatten_records(theirs.letter, letter_id=theirs.id,
                                                path=theirs.path, text=theirs.text)
            with pytest.raises(ValueError, match="rows"):
                mine.record()
    # records are the flat rows in column order, decimals as their exact text
    reference = plain[0]
    assert reference.letter is not None and reference.id is not None
    rows = flatten(reference.letter, letter_id=reference.id, text=reference.text)
    records = flatten_records(reference.letter, letter_id=reference.id, text=reference.text)
    for name, columns in TABLES.items():
        assert [len(record) for record in records[name]] == [len(columns)] * len(rows[name])
        for row, record in zip(rows[name], records[name], strict=True):
            for column, value in zip(columns, record, strict=True):
                wanted = row[column.name]
                if isinstance(wanted, Decimal):
                    wanted = format(wanted, "f")
                assert value == wanted and type(value) is type(wanted), (name, column.name)
    assert ("2196000000" in {r[7] for r in records["money"]}
            and TABLES["money"][7].name == "yuan")


def test_rows_and_encoded_exclude_each_other() -> None:
    with pytest.raises(ValueError, match="not both"):
        list(parse_many(["samples"], jobs=1, encoded=True, rows=True))
