"""``replyparse.dask`` and ``replyparse parse/export --dask/--scheduler`` on a real
LocalCluster.

Everything is compared with the single-process path (``parse_many(..., jobs=1)``): the same
records in the same order, the same table rows as ``export/tables.py`` gives the CSV and
SQL exports, byte-identical CLI output, the same database rows.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import json
import math
import operator
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

REASON = "the dask extra is not installed: pip install 'replyparse[dask]'"
db = pytest.importorskip("dask.bag", reason=REASON)
pytest.importorskip("dask.dataframe", reason=REASON)
pytest.importorskip("pyarrow", reason=REASON)
distributed = pytest.importorskip("distributed", reason=REASON)

import dask  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402

from replyparse.batch import Result, parse_many  # noqa: E402
from replyparse.cli import main  # noqa: E402
from replyparse.dask import (  # noqa: E402
    ERRORS,
    _gather,
    _parse_batch,
    dtype,
    parse_bag,
    parse_results,
    to_dataframes,
    to_parquet,
)
from replyparse.export.csv import neutralise  # noqa: E402
from replyparse.export.sql import TABLE_OBJECTS, connect, select_rows  # noqa: E402
from replyparse.export.tables import TABLES, flatten  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "liaoning-2021-1125.txt"
BENCH = sorted((ROOT / "bench" / "data").glob("*.txt"))
BAD = {"x-empty.txt": b"", "x-binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256))}


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with distributed.LocalCluster(processes=True, n_workers=2, threads_per_worker=1,
                                  dashboard_address=None,
                                  scheduler_kwargs={"dashboard_address": ":0"}) as cluster, \
            distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """bench/data texts, the reference letter and two files that must fail."""
    root = tmp_path_factory.mktemp("corpus")
    for path in BENCH:
        (root / path.name).write_bytes(path.read_bytes())
    (root / "a-reference.txt").write_bytes(SAMPLE.read_bytes())
    for name, data in BAD.items():
        (root / name).write_bytes(data)
    return root


@pytest.fixture(scope="module")
def inputs(corpus: Path) -> list[str]:
    """The corpus directory, then a file given by name and a path that does not exist."""
    return [str(corpus), str(SAMPLE), str(corpus / "missing.txt")]


@pytest.fixture(scope="module")
def expected(inputs: list[str]) -> list[Result]:
    results = list(parse_many(inputs, jobs=1))
    assert len(results) == len(BENCH) + 1 + len(BAD) + 2  # the sample again, the missing file
    assert sum(not r.ok for r in results) == len(BAD) + 1
    return results


def test_bench_data_is_there() -> None:
    assert len(BENCH) >= 20


def test_records_equal_the_single_process_records(
    client: Any, inputs: list[str], expected: list[Result]
) -> None:
    bag = parse_bag(inputs)
    assert bag.compute() == [r.record() for r in expected]


def test_text_adds_the_letters_text_and_nothing_else(
    client: Any, inputs: list[str], expected: list[Result]
) -> None:
    records = parse_bag(inputs, text=True).compute()
    for record, result in zip(records, expected, strict=True):
        if result.ok:
            assert record.pop("text") == result.text
        assert record == result.record()


def test_npartitions_and_a_bag_of_paths(
    client: Any, inputs: list[str], expected: list[Result]
) -> None:
    bag = parse_bag(inputs, npartitions=3)
    assert bag.npartitions == 3
    assert bag.compute() == [r.record() for r in expected]
    paths = db.from_sequence([r.path for r in expected], npartitions=4)
    assert parse_bag(paths).compute() == [r.record() for r in expected]


def test_a_bag_of_bytes_needs_no_shared_files(
    client: Any, expected: list[Result]
) -> None:
    present = [r for r in expected if Path(r.path).exists()]
    sources = [(r.path, Path(r.path).read_bytes()) for r in present]
    records = parse_bag(db.from_sequence(sources, npartitions=5)).compute()
    assert records == [r.record() for r in present]


def _cell(value: Any) -> Any:
    """A data frame cell as the rows of ``export/tables.py`` hold it."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: _cell(v) for k, v in row.items()} for row in frame.to_dict("records")]


def _expected_rows(expected: list[Result]) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in (*TABLES, ERRORS)}
    for result in expected:
        if result.letter is None:
            tables[ERRORS].append({"path": result.path, "error": result.error})
            continue
        assert result.id is not None
        rows = flatten(result.letter, letter_id=result.id, path=result.path, text=result.text)
        for name, table in rows.items():
            tables[name].extend(
                {k: format(v, "f") if isinstance(v, Decimal) else v for k, v in row.items()}
                for row in table
            )
    return tables


@pytest.fixture(scope="module")
def frames(client: Any, inputs: list[str]) -> dict[str, Any]:
    return to_dataframes(parse_bag(inputs, text=True, npartitions=4))


@pytest.fixture(scope="module")
def computed(frames: dict[str, Any]) -> dict[str, pd.DataFrame]:
    return dict(zip(frames, dask.compute(*frames.values()), strict=True))


def test_frames_have_the_export_columns_and_declared_dtypes_without_computing(
    frames: dict[str, Any]
) -> None:
    assert list(frames) == [*TABLES, ERRORS]
    for name, columns in TABLES.items():
        frame = frames[name]
        assert isinstance(frame, dd.DataFrame)
        assert list(frame.columns) == [c.name for c in columns]
        assert list(frame.dtypes) == [dtype(c.type) for c in columns]
    assert list(frames[ERRORS].columns) == ["path", "error"]


@pytest.mark.parametrize("name", [*TABLES, ERRORS])
def test_frames_equal_the_rows_of_export_tables(
    name: str, frames: dict[str, Any], computed: dict[str, pd.DataFrame],
    expected: list[Result],
) -> None:
    frame = computed[name]
    assert list(frame.dtypes) == list(frames[name].dtypes)  # the meta was right
    assert _rows(frame) == _expected_rows(expected)[name]


def test_frames_hold_no_floats(computed: dict[str, pd.DataFrame]) -> None:
    for name, frame in computed.items():
        assert not any(pd.api.types.is_float_dtype(t) for t in frame.dtypes), name
    assert not computed["money"].empty
    assert computed["money"]["yuan"].dropna().map(Decimal).sum() > 0


def test_frames_equal_the_csv_files(
    tmp_path: Path, inputs: list[str], computed: dict[str, pd.DataFrame]
) -> None:
    """The CSV export of the same inputs: same header, and each cell as CSV writes it.
    (The corpus holds the reference letter twice; CSV writes a letter once.)"""
    out = tmp_path / "csv"
    assert main(["parse", *inputs, "--format", "csv", "-o", str(out), "--jobs", "1"]) == 1
    for name in TABLES:
        with open(out / f"{name}.csv", encoding="utf-8-sig", newline="") as handle:
            header, *rows = list(csv.reader(handle))
        frame = computed[name]
        assert header == list(frame.columns)
        key = ["id"] if name == "letters" else ["letter_id", "ord"]
        unique = frame.drop_duplicates(key)
        cells = [[str(neutralise(_cell(v))) for v in row] for row in unique.itertuples(False)]
        assert cells == rows, name


def test_parquet_reads_back_as_the_frames(
    client: Any, tmp_path: Path, inputs: list[str], computed: dict[str, pd.DataFrame]
) -> None:
    targets = to_parquet(parse_bag(inputs, text=True, npartitions=4), tmp_path / "pq")
    assert sorted(p.name for p in (tmp_path / "pq").iterdir()) == sorted(computed)
    for name, directory in targets.items():
        assert len(list(directory.glob("*.parquet"))) == 4
        back = dd.read_parquet(str(directory)).compute()
        assert _rows(back) == _rows(computed[name]), name


def test_parse_results_in_input_order_with_text(
    client: Any, inputs: list[str], expected: list[Result]
) -> None:
    seen: list[str] = []
    results = list(parse_results(inputs, client=client, chunksize=3,
                                 progress=lambda r: seen.append(r.path)))
    assert results == expected
    assert seen == [r.path for r in expected]


def test_cli_dask_local_is_byte_identical_to_jobs_1(
    tmp_path: Path, inputs: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    one, dask_out = tmp_path / "one.jsonl", tmp_path / "dask.jsonl"
    assert main(["parse", *inputs, "-o", str(one), "--jobs", "1"]) == 1
    local = capsys.readouterr().err.splitlines()
    assert main(["parse", *inputs, "-o", str(dask_out), "--dask", "local", "--jobs", "2"]) == 1
    remote = capsys.readouterr().err.splitlines()
    assert dask_out.read_bytes() == one.read_bytes()
    assert remote == local
    assert local[-1] == f"{len(BENCH) + 2} parsed, {len(BAD) + 1} failed"


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_cli_scheduler_address_gives_the_same_output(
    client: Any, tmp_path: Path, inputs: list[str], fmt: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    address = "dask://" + client.scheduler.address.removeprefix("tcp://")
    one, there = tmp_path / "one", tmp_path / "there"
    assert main(["parse", *inputs, "--format", fmt, "-o", str(one), "--jobs", "1"]) == 1
    assert main(["parse", *inputs, "--format", fmt, "-o", str(there),
                 "--scheduler", address]) == 1
    if fmt == "csv":
        assert sorted(p.name for p in there.iterdir()) == sorted(p.name for p in one.iterdir())
        for path in one.iterdir():
            assert (there / path.name).read_bytes() == path.read_bytes(), path.name
    else:
        assert there.read_bytes() == one.read_bytes()
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == err[len(err) // 2 - 1]


def test_cli_all_good_exits_zero(
    client: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    address = client.scheduler.address
    assert main(["parse", str(SAMPLE), *map(str, BENCH[:3]), "--scheduler", address]) == 0
    assert capsys.readouterr().err == "4 parsed, 0 failed\n"


@pytest.mark.parametrize("args", [
    ["--scheduler", "localhost:8786"],                 # no scheme
    ["--scheduler", "http://localhost:8786"],          # not a Dask address
    ["--dask", "remote"],                              # only `local`
    ["--dask", "local", "--scheduler", "dask://h:1"],  # one or the other
    ["--scheduler", "dask://h:1", "--jobs", "2"],      # the cluster has its workers
    ["--dask", "local", "--format", "outline"],        # outlines parse in this process
], ids=["no-scheme", "http", "dask-remote", "both", "jobs-with-scheduler", "outline"])
def test_cli_usage_errors(args: list[str], corpus: Path,
                          capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["parse", str(corpus), *args])
    assert exit_.value.code == 2
    assert "usage:" in capsys.readouterr().err


@pytest.mark.parametrize("args", [
    ["--dask", "local", "--scheduler", "dask://h:1"],  # one or the other
    ["--scheduler", "dask://h:1", "--dask", "local"],
    ["--scheduler", "dask://h:1", "--jobs", "2"],      # the cluster has its workers
    ["--scheduler", "localhost:8786"],                 # no scheme
    ["--dask", "remote"],                              # only `local`
], ids=["both", "both-reversed", "jobs-with-scheduler", "no-scheme", "dask-remote"])
def test_cli_export_usage_errors(args: list[str], corpus: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "r.db"
    with pytest.raises(SystemExit) as exit_:
        main(["export", str(corpus), "--db", f"sqlite:///{db}", *args])
    assert exit_.value.code == 2
    assert "usage: replyparse" in capsys.readouterr().err
    assert not db.exists()  # refused before the database is opened


def test_one_path_a_tuple_of_paths_and_one_pair(client: Any, expected: list[Result]) -> None:
    good = [r for r in expected if r.ok][:2]
    assert parse_bag(good[0].path).compute() == [good[0].record()]
    paths = (good[0].path, good[1].path)
    assert parse_bag(paths).compute() == [r.record() for r in good]
    pair = (good[1].path, Path(good[1].path).read_bytes())
    assert parse_bag(pair).compute() == [good[1].record()]


def test_cli_unreachable_scheduler_is_an_error_not_a_hang(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        assert main(["parse", str(corpus), "--scheduler", "dask://127.0.0.1:9"]) == 1
    assert capsys.readouterr().err.startswith("replyparse: ")


def test_cli_refuses_workers_of_another_version(
    client: Any, corpus: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("replyparse.__version__", "0.0.0-client")
    assert main(["parse", str(corpus), "--scheduler", client.scheduler.address]) == 1
    err = capsys.readouterr().err
    assert "run another replyparse version than 0.0.0-client" in err


@pytest.mark.parametrize("module", ["replyparse.dask", "distributed"])
@pytest.mark.parametrize("command", ["parse", "export"])
def test_cli_without_the_extra_says_what_to_install(
    module: str, command: str, corpus: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # import raises ImportError
    db = tmp_path / "r.db"
    extra = ["--db", f"sqlite:///{db}"] if command == "export" else []
    with pytest.raises(SystemExit) as exit_:
        main([command, str(corpus), *extra, "--dask", "local"])
    assert exit_.value.code == 2
    assert "pip install 'replyparse[dask]'" in capsys.readouterr().err
    assert not db.exists()


def test_the_module_named_dask_imports_the_real_dask() -> None:
    import replyparse.dask as ours

    assert ours.db.__name__ == "dask.bag" and ours.dd.__name__ == "dask.dataframe"
    assert Path(dask.__file__).parent.name == "dask"
    assert "site-packages" in dask.__file__ or "dist-packages" in dask.__file__


def test_frames_from_jsonl_read_back(
    client: Any, tmp_path: Path, inputs: list[str], expected: list[Result],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Records kept as JSONL (without the text) make the same tables, text columns null."""
    out = tmp_path / "letters.jsonl"
    assert main(["parse", *inputs, "-o", str(out), "--jobs", "1"]) == 1
    bag = db.read_text(str(out), blocksize=500_000).map(json.loads)
    assert bag.npartitions > 1
    frames = dict(zip(TABLES, dask.compute(*list(to_dataframes(bag).values())[:len(TABLES)]),
                      strict=True))
    rows = _expected_rows([dataclasses.replace(r, text=None) for r in expected])
    for name in TABLES:
        assert _rows(frames[name]) == rows[name], name


# -- parse_results with the options of replyparse export; the export on a cluster ---------


@pytest.fixture(scope="module")
def stored(expected: list[Result]) -> frozenset[str]:
    """The ids of two letters, as if a database held them already."""
    ids = frozenset(r.id for r in expected if r.ok and r.id is not None)
    return frozenset(sorted(ids)[:2])


def test_parse_results_skip_ids_and_rows_as_parse_many(
    client: Any, inputs: list[str], stored: frozenset[str]
) -> None:
    want = list(parse_many(inputs, jobs=1, skip_ids=stored, rows=True))
    assert sum(r.skipped for r in want) >= 2 and any(r.rows for r in want)
    got = list(parse_results(inputs, client=client, chunksize=3, skip_ids=stored, rows=True))
    assert got == want


def test_a_failed_batch_is_retried_alone_with_the_options(
    client: Any, inputs: list[str], stored: frozenset[str]
) -> None:
    want = list(parse_many(inputs, jobs=1, skip_ids=stored, rows=True))
    batch = [r.path for r in want]
    failed = client.submit(operator.truediv, 1, 0, pure=False)  # as a task Dask gave up on

    def submit(paths: list[str]) -> Any:
        return client.submit(_parse_batch, paths, stored, True, pure=False)

    assert _gather(client, batch, failed, submit) == want


def _tables(path: Path) -> dict[str, list[dict[str, Any]]]:
    engine = connect(f"sqlite:///{path}", create=False)
    tables = {}
    with engine.connect() as connection:
        for name in TABLE_OBJECTS:
            rows = connection.execute(select_rows(name))
            tables[name] = [dict(row._mapping) for row in rows]
    engine.dispose()
    return tables


def _export(*args: str) -> tuple[int, list[str]]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        status = main(["export", *args])
    return status, err.getvalue().splitlines()


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> dict[str, Any]:
    """The corpus exported with ``--jobs 1`` and with ``--dask local --jobs 2``."""
    root = tmp_path_factory.mktemp("export")
    runs: dict[str, Any] = {}
    for name, options in [("one", ["--jobs", "1"]), ("dask", ["--dask", "local", "--jobs", "2"])]:
        status, err = _export(str(corpus), "--db", f"sqlite:///{root / name}.db", *options)
        runs[name] = (root / f"{name}.db", status, err)
    return runs


def test_cli_export_dask_local_stores_the_rows_of_jobs_1(
    exported: dict[str, Any], expected: list[Result], corpus: Path
) -> None:
    one_db, one_status, one_err = exported["one"]
    dask_db, dask_status, dask_err = exported["dask"]
    assert dask_status == one_status == 1
    assert dask_err == one_err
    letters = {r.id for r in expected if r.ok and r.path.startswith(str(corpus))}
    parsed = len(BENCH) + 1
    assert dask_err[-1] == (f"{parsed} parsed, {len(BAD)} failed; "
                            f"{len(letters)} letters added, {parsed - len(letters)} "
                            "already present")
    for name in BAD:  # each failing input reported, the rest stored
        assert sum(line.startswith(f"replyparse: {corpus / name}: ") for line in dask_err) == 1
    tables = _tables(dask_db)
    assert {row["id"] for row in tables["letters"]} == letters
    assert tables == _tables(one_db)
    assert all(tables[name] for name in ("sections", "statements", "money", "items"))


def test_cli_export_again_on_a_scheduler_adds_nothing(
    client: Any, exported: dict[str, Any], corpus: Path
) -> None:
    dask_db = exported["dask"][0]
    before = _tables(dask_db)
    status, err = _export(str(corpus), "--db", f"sqlite:///{dask_db}",
                          "--scheduler", client.scheduler.address)
    assert status == 1
    parsed = len(BENCH) + 1
    assert err[-1] == (f"{parsed} parsed, {len(BAD)} failed; 0 letters added, "
                       f"{parsed} already present")
    assert _tables(dask_db) == before
