"""The database export under failure (issue #8, points 4 and 5), on SQLite and PostgreSQL.

* a failure half-way through one letter (a trigger on one table raising, as a database
  would; or a Python error after the letter's first row went in) leaves none of that
  letter's rows and all of the others';
* a run killed with SIGKILL keeps every letter it committed, each whole, and a re-run adds
  exactly the rest;
* text that looks like SQL (``'); DROP TABLE letters;--``) is stored as text: every value
  goes through bound parameters.
"""

from __future__ import annotations

import ast
import io
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from archive_helpers import short_letter
from replyparse.batch import letter_id, parse_many, parse_path
from replyparse.export import sql as sql_module
from replyparse.export import tables as tables_module
from replyparse.export.commands import run_export
from replyparse.export.sql import TABLE_OBJECTS, Writer, connect, select_rows
from replyparse.export.tables import CHILD_TABLES, TABLES, flatten

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
INJECTION = "'); DROP TABLE letters;--"


def _letters(root: Path, count: int, start: int = 0) -> list[Path]:
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        path = root / f"letter-{i:04d}.txt"
        path.write_text(short_letter(i).replace("代表", f"代表{i}", 1), encoding="utf-8")
        paths.append(path)
    return paths


def _export(paths: list[Path] | Path, url: str, **options: Any) -> tuple[int, str]:
    stderr = io.StringIO()
    args = [str(paths)] if isinstance(paths, Path) else [str(p) for p in paths]
    return run_export(args, db=url, stderr=stderr, **options), stderr.getvalue()


def _rows_by_letter(url: str) -> dict[str, Counter[str]]:
    """For each stored letter id, how many rows it has in each table."""
    engine = connect(url, create=False)
    counts: dict[str, Counter[str]] = {}
    with engine.connect() as connection:
        for rid in connection.scalars(sa.select(TABLE_OBJECTS["letters"].c.id)):
            counts[rid] = Counter({"letters": 1})
        for name in CHILD_TABLES:
            table = select_rows(name).subquery()
            query = sa.select(table.c.letter_id, sa.func.count()).group_by(table.c.letter_id)
            for rid, n in connection.execute(query):
                counts.setdefault(rid, Counter())[name] = n
    engine.dispose()
    return counts


def _expected_rows(path: Path) -> tuple[str, Counter[str]]:
    result = parse_path(str(path))
    assert result.letter is not None and result.id is not None
    rows = flatten(result.letter, letter_id=result.id, path=str(path), text=result.text)
    return result.id, Counter({name: len(rows[name]) for name in TABLES if rows[name]})


def _add_failing_trigger(url: str, table: str, victim: str) -> None:
    # Child rows name their letter by its key, which the database gives at insert.
    victim_key = f"(SELECT letter_key FROM letters WHERE id = '{victim}')"
    engine = connect(url)
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql(
                f"CREATE TRIGGER fail_one BEFORE INSERT ON {table} "
                f"WHEN NEW.letter_key = {victim_key} BEGIN SELECT RAISE(ABORT, 'injected'); END")
        else:
            connection.exec_driver_sql(
                "CREATE FUNCTION fail_one() RETURNS trigger AS $$ BEGIN "
                f"IF NEW.letter_key = {victim_key} THEN RAISE EXCEPTION 'injected'; END IF; "
                "RETURN NEW; END $$ LANGUAGE plpgsql")
            connection.exec_driver_sql(
                f"CREATE TRIGGER fail_one BEFORE INSERT ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION fail_one()")
    engine.dispose()


# --- a failure in the middle of one letter -------------------------------------------------


class _FailingRows(list[Any]):
    """Records of one table that raise a Python error once their first row has gone in."""

    def __iter__(self) -> Iterator[Any]:
        yield self[0]
        raise RuntimeError("injected")


@pytest.mark.parametrize("how", [
    "trigger-on-departments",        # the database raises, in the middle of the letter
    "python-error-in-departments",   # the records the worker sent raise while bound
    "python-error-after-letter-row",  # Writer.write of a dict: flattening it raises
])
def test_failure_mid_letter_stores_none_of_it_and_all_others(
    tmp_path: Path, db_url: str, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _letters(tmp_path / "archive", 7)
    expected = dict(map(_expected_rows, paths))
    victim_path = paths[3]
    victim = letter_id(victim_path.read_text(encoding="utf-8"))
    # the victim has rows in the tables written before departments, so the failure is late
    assert all(expected[victim][t] for t in ("sections", "statements", "money", "departments"))
    jobs = None
    if how.startswith("trigger"):
        _add_failing_trigger(db_url, "departments", victim)
    elif how == "python-error-in-departments":
        real_records = tables_module.letter_records

        def failing_records(letter: Any, *, letter_id: str, **kw: Any) -> Any:
            rows = real_records(letter, letter_id=letter_id, **kw)
            if letter_id == victim:
                rows["departments"] = _FailingRows(rows["departments"])
            return rows

        monkeypatch.setattr(tables_module, "letter_records", failing_records)
        jobs = 1  # the records must reach the writer as they are, not through a pipe
    else:
        real = sql_module.child_records

        def failing(letter: dict[str, Any], *, letter_id: str) -> Any:
            if letter_id == victim:
                raise RuntimeError("injected")
            return real(letter, letter_id=letter_id)

        monkeypatch.setattr(sql_module, "child_records", failing)
    if how == "python-error-after-letter-row":
        status, stderr = _write_dicts(tmp_path / "archive", db_url, batch=4)
    else:
        status, stderr = _export(tmp_path / "archive", db_url, batch=4, jobs=jobs)
    assert status == 1
    assert f"replyparse: {victim_path}: database: " in stderr and "injected" in stderr
    assert "6 parsed, 1 failed; 6 letters added" in stderr
    stored = _rows_by_letter(db_url)
    assert victim not in stored
    assert stored == {rid: rows for rid, rows in expected.items() if rid != victim}


def _write_dicts(root: Path, url: str, batch: int) -> tuple[int, str]:
    """As ``replyparse export``, but with results carrying ``Letter.to_dict()`` (the
    ``Writer.write`` of an API user), so the writer flattens them itself."""
    engine = connect(url)
    failed = []
    with Writer(engine, batch=batch) as writer:
        for result in parse_many([root], jobs=1):
            try:
                writer.write(result)
            except Exception as error:
                failed.append(f"replyparse: {result.path}: database: {error}")
    engine.dispose()
    summary = (f"{writer.stats.added} parsed, {len(failed)} failed; "
               f"{writer.stats.added} letters added")
    return (1 if failed else 0), "\n".join([*failed, summary])


# --- killed mid-run ----------------------------------------------------------------------------

_RUN = """
import sys
from replyparse.export.commands import run_export
sys.exit(run_export([sys.argv[1]], db=sys.argv[2], jobs=1, batch=int(sys.argv[3])))
"""


def _count(url: str) -> int:
    engine = connect(url, create=False)
    try:
        with engine.connect() as connection:
            return int(connection.scalar(sa.select(sa.func.count()).select_from(
                TABLE_OBJECTS["letters"])) or 0)
    except sa.exc.SQLAlchemyError:  # the schema is not there yet
        return 0
    finally:
        engine.dispose()


def test_killed_run_keeps_what_it_committed_and_resumes(tmp_path: Path, db_url: str) -> None:
    batch, total = 20, 300
    paths = _letters(tmp_path / "archive", total)
    connect(db_url).dispose()  # the schema, so the poller can count from the start
    process = subprocess.Popen(
        [sys.executable, "-c", _RUN, str(tmp_path / "archive"), db_url, str(batch)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while _count(db_url) < 2 * batch and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    kept = _rows_by_letter(db_url)
    assert 2 * batch <= len(kept) < total
    assert len(kept) % batch == 0  # whole transactions only
    expected = dict(map(_expected_rows, paths))
    assert all(kept[rid] == expected[rid] for rid in kept)  # each stored letter is whole

    status, stderr = _export(tmp_path / "archive", db_url)
    assert status == 0
    assert stderr.endswith(f"{total} parsed, 0 failed; {total - len(kept)} letters added, "
                           f"{len(kept)} already present\n")
    assert _rows_by_letter(db_url) == expected


# --- text that looks like SQL -----------------------------------------------------------------


def test_sql_in_the_letter_is_stored_as_text(tmp_path: Path, db_url: str) -> None:
    text = (f"关于{INJECTION}的答复\n{INJECTION}代表：\n"
            f"您提出的关于{INJECTION}的建议收悉，现答复如下：\n"
            f"一、关于“{INJECTION}”\n近年来，省财政厅{INJECTION}安排资金2亿元。\n"
            f"下一步，我厅将推进《{INJECTION}规划》。\n辽宁省财政厅\n2021年5月28日\n")
    root = tmp_path / "archive"
    root.mkdir()
    path = root / f"{INJECTION}.txt"
    path.write_text(text, encoding="utf-8")
    assert _export(root, db_url)[0] == 0
    engine = connect(db_url, create=False)
    assert set(TABLES) <= set(sa.inspect(engine).get_table_names())
    letters = TABLE_OBJECTS["letters"]
    with engine.connect() as connection:
        (row,) = connection.execute(sa.select(letters.c.id, letters.c.path, letters.c.text))
        statements = list(connection.scalars(sa.select(TABLE_OBJECTS["statements"].c.text)))
        documents = list(connection.scalars(sa.select(TABLE_OBJECTS["documents"].c.text)))
    engine.dispose()
    assert (row.id, row.path, row.text) == (letter_id(text), str(path), text)
    # ; ends a sentence (not inside 《》), so most statements hold pieces of the injection
    assert sum("DROP TABLE letters;" in s for s in statements) >= 5
    assert any(INJECTION in s for s in statements)
    assert documents == [f"《{INJECTION}规划》"]


def test_sql_statements_bind_their_values() -> None:
    """No execute()/executemany()/exec_driver_sql()/copy() in the export takes SQL built
    with an f-string, % or .format() in the call: SQL text is made from schema names only,
    values travel as parameters (the insert builders are checked by the test above)."""
    calls = 0
    for source in (SRC / "replyparse" / "export").glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in {"execute", "executemany", "exec_driver_sql", "copy"}
                    and node.args):
                calls += 1
                first = node.args[0]
                assert not isinstance(first, (ast.JoinedStr, ast.BinOp)), (source, node.lineno)
                assert not (isinstance(first, ast.Call) and isinstance(first.func, ast.Attribute)
                            and first.func.attr == "format"), (source, node.lineno)
    assert calls >= 5
