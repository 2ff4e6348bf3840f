"""The database export, against SQLite and a real PostgreSQL server (``db_url``).

Tests compare what the database holds with the parsed letters (through ``flatten``), so
they hold whatever the extractors find; a few concrete rows of the reference letter pin
the values down.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
import sqlite3
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from archive_helpers import Archive, build_archive
from replyparse.batch import Result, parse_many, parse_path
from replyparse.errors import SchemaMismatch
from replyparse.export import sql as sql_module
from replyparse.export.commands import run_export
from replyparse.export.sql import TABLE_OBJECTS, Writer, connect, normalise_url, select_rows
from replyparse.export.tables import TABLES, flatten, flatten_records
from replyparse.parser import parse

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "database.md"


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    return build_archive(tmp_path / "archive", n_short=4)


def good_results(archive: Archive) -> dict[str, Result]:
    """Parsed good letters by id, the first path of each id (as the export keeps it)."""
    letters: dict[str, Result] = {}
    for result in parse_many([archive.root], jobs=1):
        if result.ok and result.id is not None:
            letters.setdefault(result.id, result)
    return letters


def table_rows(url: str, table: str) -> list[dict[str, Any]]:
    engine = connect(url, create=False)
    with engine.connect() as connection:
        rows = [dict(row._mapping) for row in connection.execute(select_rows(table))]
    engine.dispose()
    return rows


def expected_rows(letters: dict[str, Result], table: str) -> list[dict[str, Any]]:
    rows = [row for rid in sorted(letters) for row in flatten(
        letters[rid].letter or {}, letter_id=rid, path=letters[rid].path,
        text=letters[rid].text)[table]]
    return rows


def export(paths: list[Path], url: str, jobs: int = 1) -> tuple[int, str]:
    stderr = io.StringIO()
    status = run_export([str(p) for p in paths], db=url, jobs=jobs, stderr=stderr)
    return status, stderr.getvalue()


# -- what the database holds ---------------------------------------------------------


def test_database_holds_exactly_the_parsed_letters(archive: Archive, db_url: str) -> None:
    status, summary = export([archive.root], db_url, jobs=2)
    letters = good_results(archive)
    assert status == 1  # the archive has inputs that must fail
    n_inputs = len(archive.good) + len(archive.bad)
    assert summary.splitlines()[-1] == (
        f"{len(archive.good)} parsed, {len(archive.bad)} failed; "
        f"{len(letters)} letters added, {len(archive.good) - len(letters)} already present")
    assert len(archive.good) + len(archive.bad) == n_inputs
    for table in TABLES:
        assert table_rows(db_url, table) == expected_rows(letters, table), table


def test_counts_and_yuan_per_letter(archive: Archive, db_url: str) -> None:
    export([archive.root], db_url)
    letters = good_results(archive)
    engine = connect(db_url, create=False)
    with engine.connect() as connection:
        for table in TABLES:
            if table == "letters":
                continue
            rows = select_rows(table).subquery()
            counts = dict(connection.execute(
                sa.select(rows.c.letter_id, sa.func.count()).group_by(rows.c.letter_id)).all())
            for rid, result in letters.items():
                expected = len(flatten(result.letter or {}, letter_id=rid)[table])
                assert counts.get(rid, 0) == expected, (table, result.path)
        money = select_rows("money").subquery()
        stored: dict[str, Decimal] = defaultdict(Decimal)
        for rid, yuan in connection.execute(sa.select(money.c.letter_id, money.c.yuan)):
            assert yuan is None or isinstance(yuan, Decimal)
            stored[rid] += yuan or Decimal(0)
    engine.dispose()
    for rid, result in letters.items():
        parsed = sum((Decimal(m["yuan"]) for m in (result.letter or {})["money"]
                      if m["yuan"] is not None), Decimal(0))
        assert stored[rid] == parsed, result.path


def test_rerun_adds_nothing_and_changes_nothing(archive: Archive, db_url: str) -> None:
    export([archive.root], db_url)
    before = {table: table_rows(db_url, table) for table in TABLES}
    _, summary = export([archive.root], db_url)
    assert f"0 letters added, {len(archive.good)} already present" in summary
    assert {table: table_rows(db_url, table) for table in TABLES} == before


def test_rerun_reads_but_does_not_parse_stored_letters(
    archive: Archive, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    export([archive.root], db_url)

    def no_parsing(text: str, **options: Any) -> None:
        raise AssertionError("a stored letter was parsed again")

    monkeypatch.setattr("replyparse.parser.parse", no_parsing)
    status, summary = export(archive.good, db_url, jobs=1)
    assert status == 0
    assert summary.splitlines()[-1] == (
        f"{len(archive.good)} parsed, 0 failed; 0 letters added, "
        f"{len(archive.good)} already present")


def test_interrupted_run_resumes(archive: Archive, db_url: str) -> None:
    results = [r for r in parse_many([archive.root], jobs=1) if r.ok]
    engine = connect(db_url)
    with Writer(engine, batch=2) as writer:
        for result in results[:3]:  # then the run "dies"
            writer.write(result)
    engine.dispose()
    _, summary = export([archive.root], db_url)
    letters = good_results(archive)
    first = {r.id for r in results[:3]}
    assert f"{len(letters) - len(first)} letters added" in summary
    assert [row["id"] for row in table_rows(db_url, "letters")] == sorted(letters)


def test_a_failing_letter_is_stored_not_at_all_and_alone(db_url: str) -> None:
    good = parse_path(str(ROOT / "samples" / "liaoning-2021-1125.txt"))
    assert good.letter is not None
    engine = connect(db_url)
    writer = Writer(engine, batch=10)
    first = flatten(good.letter, letter_id="a" * 64, text=good.text)
    broken = flatten(good.letter, letter_id="b" * 64, text=good.text)
    broken["statements"][1]["ord"] = 0  # duplicate primary key half-way through the letter
    last = flatten(good.letter, letter_id="c" * 64, text=good.text)
    assert writer.write_rows(first)
    with pytest.raises(sa.exc.IntegrityError):
        writer.write_rows(broken)
    assert writer.write_rows(last)
    writer.close()
    engine.dispose()
    assert [row["id"] for row in table_rows(db_url, "letters")] == ["a" * 64, "c" * 64]
    for table in TABLES:
        if table != "letters":
            assert {row["letter_id"] for row in table_rows(db_url, table)} <= {"a" * 64, "c" * 64}
    assert len(table_rows(db_url, "statements")) == 2 * len(first["statements"])


@pytest.mark.parametrize("value", ["2196000000", "0.64", "3541.07", "123.11",
                                   "12345678901234567.89", "0.000001", "35410700"])
def test_decimals_round_trip_exactly(db_url: str, value: str) -> None:
    money = {"text": "x", "span": [0, 1], "value": value, "unit": "元", "yuan": value,
             "range": [value, value], "stance": "achievement", "section": 1}
    area = {"text": "y", "span": [1, 2], "value": value, "unit": "亩", "mu": value,
            "hectares": value, "square_metres": None}
    letter = {"schema": "replyparse/1", "meta": {}, "money": [money], "areas": [area]}
    engine = connect(db_url)
    with Writer(engine) as writer:
        writer.write_rows(flatten(letter, letter_id="d" * 64, text="xy"))
    engine.dispose()
    (row,) = table_rows(db_url, "money")
    assert row["yuan"] == Decimal(value) and format(row["yuan"], "f") == value
    assert row["range_low"] == row["range_high"] == row["value"] == Decimal(value)
    (row,) = table_rows(db_url, "areas")
    assert row["mu"] == row["hectares"] == Decimal(value) and row["square_metres"] is None


@pytest.mark.parametrize("odd", ['say "yes"\\no', "tab\there\nnewline", "😀 \u2028 \\u0041 '", "", "{}[],:"])
def test_odd_text_round_trips(db_url: str, odd: str) -> None:
    """Quotes, backslashes, control and astral characters, JSON look-alikes, in text columns
    and JSON-list columns (PostgreSQL receives a letter's child rows as JSON)."""
    statement = {"text": odd, "span": [0, len(odd)], "stance": "commitment", "cues": [odd],
                 "section": None, "subsection": None, "paragraph": 0}
    item = {"kind": "commitment", "text": odd, "span": [0, 1], "actor": [odd, "省财政厅"],
            "actor_text": [odd], "actor_inferred": True, "action": odd, "strength": "firm"}
    letter = {"schema": "replyparse/1", "meta": {"title": odd, "signers": [odd]},
              "statements": [statement], "commitments": [item]}
    engine = connect(db_url)
    with Writer(engine) as writer:
        assert writer.write_rows(flatten(letter, letter_id="o" * 64, text=odd))
    engine.dispose()
    expected = flatten(letter, letter_id="o" * 64, text=odd)
    for table in ("letters", "statements", "items", "item_actors"):
        assert table_rows(db_url, table) == expected[table]
    assert table_rows(db_url, "statements")[0]["text"] == odd


def test_postgres_stores_a_letter_in_one_statement(
    postgres: Any, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One round trip per letter, its child rows included (a COPY per table took ~19)."""
    import psycopg

    calls: list[str] = []
    for name in ("execute", "executemany", "copy"):
        method = getattr(psycopg.Cursor, name)
        monkeypatch.setattr(psycopg.Cursor, name, lambda self, query, *a, _m=method, _n=name,
                            **k: (calls.append(_n), _m(self, query, *a, **k))[1])
    url = postgres.create_database("one_statement")
    letter = parse_path(str(ROOT / "samples" / "liaoning-2021-1125.txt")).letter or {}
    engine = connect(url)
    calls.clear()  # creating the tables
    with Writer(engine) as writer:
        for rid in ("a", "b", "a"):
            writer.write_rows(flatten(letter, letter_id=rid * 64, text="t"))
    assert calls == ["execute"] * 3
    assert writer.stats.added == 2 and writer.stats.present == 1
    engine.dispose()
    assert len(table_rows(url, "statements")) == 2 * len(letter["statements"])


# -- the reference letter, concretely ---------------------------------------------------


def test_reference_letter_rows(db_url: str) -> None:
    sample = ROOT / "samples" / "liaoning-2021-1125.txt"
    assert export([sample], db_url)[0] == 0
    (letter,) = table_rows(db_url, "letters")
    text = sample.read_text(encoding="utf-8")
    assert letter["id"] == "12438a88c8148041ca8a48d643dd174b3a3f6fd3d1809e1afb08b818498be18b"
    assert letter["responder"] == "辽宁省发展和改革委员会"
    assert (letter["signed"], letter["signed_year"]) == ("2021-05-28", 2021)
    assert letter["meeting_term"] == 13 and letter["proposal_number"] == "1125"
    assert letter["text"] == text and letter["n_chars"] == len(text)
    sections = table_rows(db_url, "sections")
    seventh = next(s for s in sections if s["level"] == 1 and s["number"] == 7)
    children = [s["topic"] for s in sections if s["parent_ord"] == seventh["ord"]]
    assert children[0] == "资金保障"
    documents = table_rows(db_url, "documents")
    assert documents[1]["title"] == "关于加快推进我市资源枯竭地区转型发展工作意见"
    engine = connect(db_url, create=False)
    with engine.connect() as connection:  # spans are character offsets in both databases
        statements = TABLE_OBJECTS["statements"]
        letters = TABLE_OBJECTS["letters"]
        cut = sa.func.substr(letters.c.text, statements.c.span_start + 1,
                             statements.c.span_end - statements.c.span_start)
        pairs = connection.execute(
            sa.select(statements.c.text, cut).join(
                letters, letters.c.letter_key == statements.c.letter_key)
        ).all()
    engine.dispose()
    assert pairs and all(a == b for a, b in pairs)


def test_reference_money_rows(db_url: str) -> None:
    sample = ROOT / "samples" / "liaoning-2021-1125.txt"
    export([sample], db_url)
    money = table_rows(db_url, "money")
    text = sample.read_text(encoding="utf-8")
    assert [m["text"] for m in money] == [m.text for m in parse(text).money]
    row = next(m for m in money if m["text"] == "21.96亿元")
    assert (row["value"], row["unit"], row["yuan"]) == (
        Decimal("21.96"), "亿元", Decimal("2196000000"))
    assert text[row["span_start"]:row["span_end"]] == "21.96亿元"


# -- schema and queries from docs/database.md ------------------------------------------


def test_indexes_users_query_by(db_url: str) -> None:
    engine = connect(db_url)
    inspector = sa.inspect(engine)
    indexed = {(table, tuple(index["column_names"]))
               for table in TABLES for index in inspector.get_indexes(table)}
    engine.dispose()
    assert {("letters", ("responder",)), ("letters", ("signed_year",)),
            ("departments", ("canonical",)), ("statements", ("stance",)),
            ("money", ("stance",))} <= indexed


def test_postgres_urls_use_psycopg3() -> None:
    assert normalise_url("postgresql://me@host/db") == "postgresql+psycopg://me@host/db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"


def doc_queries() -> dict[str, str]:
    blocks = re.findall(r"```sql\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    return {re.search(r"-- query: (\w+)", block).group(1): block  # type: ignore[union-attr]
            for block in blocks}


def run_query(url: str, name: str) -> list[tuple[Any, ...]]:
    engine = connect(url, create=False)
    with engine.connect() as connection:
        rows = [tuple(row) for row in connection.execute(sa.text(doc_queries()[name]))]
    engine.dispose()
    return rows


def test_docs_have_the_three_queries() -> None:
    assert set(doc_queries()) == {"money_by_department", "commitments_per_responder",
                                  "documents_cited_most", "firm_commitments_by_organ"}


def test_query_firm_commitments_by_organ(archive: Archive, db_url: str) -> None:
    export([archive.root], db_url)
    expected = []
    for rid, result in good_results(archive).items():
        letter = result.letter or {}
        for ord_, item in enumerate(letter["commitments"]):
            amounts = [Decimal(m["yuan"]) for m in item["money"] if m["yuan"] is not None]
            if item["strength"] == "firm" and amounts:
                for actor in item["actor"]:
                    expected.append((actor, letter["meta"]["responder"], item["action"],
                                     sum(amounts), item["when"] and item["when"]["year"], rid,
                                     ord_))
    expected.sort(key=lambda row: (row[0], row[5], row[6]))
    got = run_query(db_url, "firm_commitments_by_organ")
    assert [(a, r, act, Decimal(str(y)), w, i) for a, r, act, y, w, i in got] == [
        row[:6] for row in expected
    ]
    assert ("辽宁省发展和改革委员会", "辽宁省发展和改革委员会", "设立资源型地区转型发展专项资金2亿元",
            Decimal("200000000"), 2021) in [row[:5] for row in expected]


def test_docs_list_every_column() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for table, columns in TABLE_OBJECTS.items():
        section = text.split(f"### {table}\n", 1)[1].split("###", 1)[0]
        for column in columns.columns:
            assert f"| `{column.name}` |" in section, (table, column.name)


def test_query_commitments_per_responder(archive: Archive, db_url: str) -> None:
    export([archive.root], db_url)
    letters, commitments = Counter[str](), Counter[str]()
    for result in good_results(archive).values():
        meta = (result.letter or {})["meta"]
        n = len((result.letter or {})["commitments"])
        if n:
            letters[meta["responder"]] += 1
            commitments[meta["responder"]] += n
    expected = sorted(((r, letters[r], c) for r, c in commitments.items()),
                      key=lambda row: (-row[2], row[0]))
    assert run_query(db_url, "commitments_per_responder") == expected
    assert expected


def test_query_documents_cited_most(archive: Archive, db_url: str) -> None:
    export([archive.root], db_url)
    letters: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    citations = Counter[tuple[str, str | None]]()
    for rid, result in good_results(archive).items():
        for document in (result.letter or {})["documents"]:
            key = (document["title"], document["kind"])
            letters[key].add(rid)
            citations[key] += 1
    expected = sorted(((t, k, len(letters[(t, k)]), c) for (t, k), c in citations.items()),
                      key=lambda row: (-row[2], -row[3], row[0]))[:20]
    assert run_query(db_url, "documents_cited_most") == expected
    assert expected


def test_query_money_by_department(archive: Archive, db_url: str) -> None:
    export([archive.root], db_url)
    totals: dict[tuple[str, str], list[Any]] = defaultdict(lambda: [0, Decimal(0)])
    for result in good_results(archive).values():
        letter = result.letter or {}
        for statement in letter["statements"]:
            start, end = statement["span"]
            named = {d["canonical"] for d in letter["departments"]
                     if start <= d["span"][0] and d["span"][1] <= end}
            for m in letter["money"]:
                if m["yuan"] is not None and start <= m["span"][0] and m["span"][1] <= end:
                    for canonical in named:
                        totals[(canonical, m["stance"])][0] += 1
                        totals[(canonical, m["stance"])][1] += Decimal(m["yuan"])
    got = run_query(db_url, "money_by_department")
    assert [(c, s, n) for c, s, n, _ in got] == [(c, s, totals[(c, s)][0])
                                                  for c, s in sorted(totals)]
    for canonical, stance, _, yuan in got:  # SQLite sums decimal text as a float
        assert Decimal(str(yuan)) == pytest.approx(totals[(canonical, stance)][1])


# -- issue #6, point 5: nothing lost ---------------------------------------------------


def test_nothing_lost(archive: Archive, db_url: str) -> None:
    """Good files, an empty file, a binary file, a truncated docx, a GBK copy and a
    duplicate: one record per input, the right errors, every good letter stored once."""
    from replyparse.export.commands import run_parse

    out, err = io.StringIO(), io.StringIO()
    assert run_parse([str(archive.root)], fmt="jsonl", jobs=2, stdout=out, stderr=err) == 1
    records = {Path(r["path"]): r for r in map(json.loads, out.getvalue().splitlines())}
    assert len(records) == len(out.getvalue().splitlines()) == len(archive.good) + len(archive.bad)
    for path, start in archive.bad.items():
        assert records[path]["error"].startswith(start)
    assert all("error" not in records[path] for path in archive.good)
    duplicate, original = archive.root / "c-duplicate.txt", archive.root / "more" / "short-00.txt"
    assert records[duplicate]["id"] == records[original]["id"]

    assert export([archive.root], db_url, jobs=2)[0] == 1
    stored = table_rows(db_url, "letters")
    assert sorted(row["id"] for row in stored) == sorted({records[p]["id"] for p in archive.good})
    by_id = {row["id"]: row for row in stored}
    assert by_id[records[original]["id"]]["path"] == str(duplicate)  # the first in input order
    gbk = records[archive.root / "b-reference-gbk.txt"]
    assert by_id[gbk["id"]]["responder"] == "辽宁省发展和改革委员会"


def test_records_are_in_the_schema_column_order() -> None:
    """The writer binds records positionally: the SQL tables' columns must be TABLES', but
    for the key the database gives letters, which child rows hold in place of letter_id."""
    for name, columns in TABLES.items():
        sql = [c.name for c in TABLE_OBJECTS[name].columns]
        names = [c.name for c in columns]
        if name == "letters":
            assert sql == ["letter_key", *names]
        else:
            assert sql == ["letter_key", *names[1:]] and names[0] == "letter_id"


def test_child_rows_refer_to_their_letter_by_key(tmp_path: Path) -> None:
    engine = connect(f"sqlite:///{tmp_path / 'k.db'}")
    sample = (ROOT / "samples" / "liaoning-2021-1125.txt").read_text(encoding="utf-8")
    letter = parse_path(str(ROOT / "samples" / "liaoning-2021-1125.txt")).letter or {}
    with Writer(engine) as writer:
        for rid in ("e" * 64, "f" * 64):
            assert writer.write_rows(flatten(letter, letter_id=rid, text=sample))
        assert not writer.write_rows(flatten(letter, letter_id="e" * 64, text=sample))
    with engine.connect() as connection:
        keys = dict(connection.execute(sa.text("SELECT id, letter_key FROM letters")).all())
        assert keys == {"e" * 64: 1, "f" * 64: 2}
        per_key = dict(connection.execute(sa.text(
            "SELECT letter_key, COUNT(*) FROM money GROUP BY letter_key")).all())
        assert per_key == {1: len(letter["money"]), 2: len(letter["money"])}
        assert connection.execute(sa.text("PRAGMA foreign_key_check")).all() == []
        connection.execute(sa.text("DELETE FROM letters WHERE letter_key = 1"))
        assert connection.execute(sa.text(
            "SELECT DISTINCT letter_key FROM statements")).scalars().all() == [2]
    engine.dispose()


def test_a_database_without_returning_stores_the_same_rows(tmp_path: Path) -> None:
    """SQLite before 3.35 (no RETURNING): the writer looks before it inserts, takes the key
    SQLAlchemy reports, and binds through SQLAlchemy Core."""
    sample = ROOT / "samples" / "liaoning-2021-1125.txt"
    result = parse_path(str(sample))
    stored = {}
    for name, returning in (("new.db", True), ("old.db", False)):
        engine = connect(f"sqlite:///{tmp_path / name}")
        engine.dialect.insert_returning = returning
        with Writer(engine) as writer:
            assert (writer._plain is None) is not returning
            assert writer.write(result) and not writer.write(result)
            assert writer.write(dataclasses.replace(result, id="9" * 64))
        engine.dispose()
        stored[name] = {table: table_rows(f"sqlite:///{tmp_path / name}", table)
                        for table in TABLES}
    assert stored["old.db"] == stored["new.db"]
    assert len(stored["old.db"]["letters"]) == 2 and stored["old.db"]["money"]


def _typed_rows(path: Path) -> dict[str, list[list[tuple[type, Any]]]]:
    with sqlite3.connect(path) as db:
        return {name: [[(type(v), v) for v in row]
                       for row in db.execute(f"SELECT * FROM {name} ORDER BY rowid")]
                for name in TABLES}


def test_nulls_and_booleans_are_stored_as_without_the_adapters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The writer registers sqlite3 adapters for None and bool (speed: without them sqlite3
    formats and drops an AttributeError for every such value it binds); the database holds
    the same values of the same types as when sqlite3 binds them on its own."""
    letter = parse_path(str(ROOT / "samples" / "liaoning-2021-1125.txt")).letter or {}
    odd = {**letter, "money": [{**m, "inferred": True, "approx": None}
                               for m in letter["money"]]}
    stored = {}
    for name in ("adapted.db", "plain.db"):
        if name == "plain.db":
            for kind in (type(None), bool):
                monkeypatch.delitem(sqlite3.adapters, (kind, sqlite3.PrepareProtocol))
            monkeypatch.setattr(sql_module, "_register_adapters", lambda dbapi: None)
        engine = connect(f"sqlite:///{tmp_path / name}")
        with Writer(engine) as writer:
            for rid, record in (("a", letter), ("b", odd)):
                assert writer.write(Result("x.txt", record, None, rid * 64, "text"))
                assert writer.write_records(flatten_records(record, letter_id=rid.upper() * 64))
        engine.dispose()
        stored[name] = _typed_rows(tmp_path / name)
    assert stored["adapted.db"] == stored["plain.db"]
    assert (bool, True) not in stored["plain.db"]["money"][-1]
    assert (int, 1) in stored["plain.db"]["money"][-1]


def test_an_adapter_the_user_registered_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sqlite3.adapters, (bool, sqlite3.PrepareProtocol), str)
    Writer(connect("sqlite://"))
    assert sqlite3.adapters[bool, sqlite3.PrepareProtocol] is str


def test_a_database_of_the_earlier_layout_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as old:  # what replyparse made before letters had a key
        old.execute("CREATE TABLE letters (id VARCHAR(64) PRIMARY KEY, text TEXT)")
        old.execute("INSERT INTO letters VALUES ('a', 'x')")
    with pytest.raises(SchemaMismatch, match="earlier replyparse"):
        connect(f"sqlite:///{path}")
    status, stderr = export([ROOT / "samples" / "liaoning-2021-1125.txt"], f"sqlite:///{path}")
    assert status == 1 and "export into a new database" in stderr
    with sqlite3.connect(path) as old:  # left as it was
        assert old.execute("SELECT id FROM letters").fetchall() == [("a",)]
        assert old.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall() == [
            ("letters",)]
