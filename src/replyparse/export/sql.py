"""One SQL schema for SQLite and PostgreSQL (SQLAlchemy Core), and an idempotent writer.

The tables and their columns come from :mod:`replyparse.export.tables`; this module adds
types, keys and indexes.  A letter's id is the SHA-256 of its text, so writing the same
letter twice stores it once: re-running an archive adds nothing and an interrupted run
resumes where it stopped.  A letter is either complete in the database or absent: letters
share transactions of 500 for speed, and a failure rolls back and rewrites (see
:class:`Writer`).

Decimals (money, areas, quantities) are ``NUMERIC`` on PostgreSQL.  SQLite has no exact
decimal type (its ``NUMERIC`` keeps 15 significant digits as a float), so there they are
stored as text and read back as exact ``Decimal``; see ``docs/database.md`` for querying
them.

>>> engine = connect("sqlite://")                     # doctest: +SKIP
>>> Writer(engine).write(result)                      # doctest: +SKIP
True
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Dialect, Engine
from sqlalchemy.types import TypeDecorator, TypeEngine

from replyparse.batch import Result
from replyparse.errors import SchemaMismatch
from replyparse.export import DEFAULT_URL
from replyparse.export.tables import (
    CHILD_TABLES,
    TABLES,
    ColumnType,
    Record,
    Row,
    child_records,
    letter_record,
    records,
)


class ExactDecimal(TypeDecorator[Decimal]):
    """``NUMERIC`` where the database has it exactly; decimal text on SQLite."""

    impl = sa.Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(sa.Text())
        return dialect.type_descriptor(sa.Numeric(asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        value = Decimal(value)
        return format(value, "f") if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(str(value))


def _type(kind: ColumnType) -> TypeEngine[Any]:
    types: dict[ColumnType, TypeEngine[Any]] = {
        "text": sa.Text(), "int": sa.Integer(), "decimal": ExactDecimal(), "bool": sa.Boolean(),
    }
    return types[kind]


metadata = sa.MetaData()

LETTER_KEY_DOC = "the letter's number in this database; primary key, what child rows refer to"


def _build() -> dict[str, sa.Table]:
    built: dict[str, sa.Table] = {}
    letter_columns: list[sa.schema.SchemaItem] = [
        sa.Column("letter_key", sa.Integer, primary_key=True, autoincrement=True,
                  comment=LETTER_KEY_DOC),
        sa.Column("id", sa.String(64), nullable=False, unique=True,
                  comment=TABLES["letters"][0].doc),
        *(sa.Column(c.name, _type(c.type), comment=c.doc) for c in TABLES["letters"][1:]),
    ]
    built["letters"] = sa.Table(
        "letters", metadata, *letter_columns,
        sa.Index("ix_letters_responder", "responder"),
        sa.Index("ix_letters_signed_year", "signed_year"),
    )
    indexes = {  # what users filter by; each index costs every insert
        "statements": [("stance",)],
        "money": [("stance",)],
        "departments": [("canonical",)],
        "items": [("kind",)],
        "item_actors": [("actor",)],
    }
    for name in CHILD_TABLES:
        columns: list[sa.schema.SchemaItem] = [
            sa.Column("letter_key", sa.Integer,
                      sa.ForeignKey("letters.letter_key", ondelete="CASCADE"), primary_key=True,
                      comment="letters.letter_key"),
            sa.Column("ord", sa.Integer, primary_key=True, comment=TABLES[name][1].doc),
            *(sa.Column(c.name, _type(c.type), comment=c.doc) for c in TABLES[name][2:]),
        ]
        index_list = [sa.Index(f"ix_{name}_{'_'.join(cols)}", *cols)
                      for cols in indexes.get(name, [])]
        built[name] = sa.Table(name, metadata, *columns, *index_list)
    return built


TABLE_OBJECTS = _build()
"""The SQLAlchemy ``Table`` of each table name, letters first."""


def normalise_url(url: str) -> str:
    """``postgresql://…`` → ``postgresql+psycopg://…`` (psycopg 3, the ``db`` extra)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def connect(url: str = DEFAULT_URL, *, create: bool = True) -> Engine:
    """An engine for ``url`` with the schema created (if ``create``).

    SQLite files get WAL journaling, ``synchronous=NORMAL`` (a committed letter survives
    a crash of the program; a power cut may lose the last few, which a re-run restores)
    and enforced foreign keys.
    """
    engine = sa.create_engine(normalise_url(url))
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        sa.event.listen(engine, "begin", _sqlite_begin)
    if create:
        _check_layout(engine)  # before create_all adds tables beside the old ones
        metadata.create_all(engine)
    return engine


def _check_layout(engine: Engine) -> None:
    """Refuse tables an earlier replyparse made: child rows keyed by the 64-character
    ``letters.id``, or a table without a column added since (``letters.printer``).
    ``create_all`` keeps existing tables as they are, and the writer would fail on the first
    letter instead.  Nor are missing columns added: the letters already stored would keep
    them null, and a re-run skips them (their ids are there), so the database would hold
    nulls that mean "not read" beside nulls that mean "absent"."""
    inspector = sa.inspect(engine)
    if not inspector.has_table("letters"):
        return
    where = engine.url.render_as_string(hide_password=True)
    if "letter_key" not in {column["name"] for column in inspector.get_columns("letters")}:
        raise SchemaMismatch(
            f"{where}: its tables were made by an earlier replyparse (rows keyed by "
            "letters.id, no letters.letter_key); export into a new database")
    missing: list[str] = []
    for name, table in TABLE_OBJECTS.items():
        if inspector.has_table(name):
            there = {column["name"] for column in inspector.get_columns(name)}
            missing += [f"{name}.{c.name}" for c in table.columns if c.name not in there]
    if missing:
        raise SchemaMismatch(
            f"{where}: its tables were made by an earlier replyparse (no column "
            f"{', '.join(missing)}); export into a new database")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's implicit transactions are unreliable (SQLAlchemy's documented fix): the
    # driver does nothing and we emit BEGIN ourselves (_sqlite_begin), so the plain DB-API
    # statements of the fast path run inside the transaction SQLAlchemy began.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # New files only (a no-op later): letters are long rows; 16 KiB pages write ~10% faster.
    cursor.execute("PRAGMA page_size=16384")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA cache_size=-65536")  # 64 MiB: ids are random, so are index pages
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


_as_null: Callable[[Any], None] = dict[Any, None]().get
"""``None`` for any value, in C: what ``sqlite3`` calls for each null (``_register_adapters``)."""


def _register_adapters(dbapi: Any) -> None:
    """Make ``sqlite3`` bind ``None`` and ``bool`` at half the cost, storing the same.

    It binds ``str``, ``int``, ``float`` and ``bytes`` directly and offers any other value
    to its adapter registry; for ``None`` and ``bool`` nothing is registered, so it goes on
    to ask ``PrepareProtocol.__adapt__``, whose failed lookup formats an ``AttributeError``
    and drops it: ~0.3 µs a value, and a corpus letter binds ~460 nulls and booleans (~0.1
    ms of the writer's ~0.7).  Adapters returning ``None`` (bound as NULL) and ``int(value)``
    (bound as the same integer, as a ``bool`` is now) end the lookup at the registry.  The
    registry is the module's, for every connection: an adapter already registered for
    these types is left as it is.
    """
    adapters = getattr(dbapi, "adapters", None)
    protocol = getattr(dbapi, "PrepareProtocol", None)
    if adapters is None or protocol is None:
        return
    for kind, adapter in ((type(None), _as_null), (bool, int)):
        if (kind, protocol) not in adapters:
            dbapi.register_adapter(kind, adapter)


def _insert_letter(dialect: Dialect) -> Any:
    """``INSERT … ON CONFLICT DO NOTHING RETURNING id`` where the database has it, else None
    (then the writer looks before it inserts)."""
    table = TABLE_OBJECTS["letters"]
    if dialect.name == "sqlite" and dialect.insert_returning:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        insert: Any = sqlite_insert(table).on_conflict_do_nothing(index_elements=["id"])
    elif dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        insert = pg_insert(table).on_conflict_do_nothing(index_elements=["id"])
    else:
        return None
    # RETURNING says whether the row went in (psycopg reports no rowcount for this) and
    # gives the key its rows refer to.
    return insert.returning(table.c.letter_key)


@dataclass(slots=True)
class WriteStats:
    added: int = 0
    present: int = 0


DEFAULT_BATCH = 500
"""Letters per transaction.  Each commit writes the pages the batch touched (and now and
then a WAL checkpoint): 500 letters a commit take ~15 % less of the writer's CPU than 100
(measured on corpus letters), while the letters held to be written again after a failure
stay a few tens of MB."""

Records = Mapping[str, list[Record]]
"""One letter's rows as :data:`~replyparse.export.tables.Record` tuples, by table."""


class Writer:
    """Writes parsed letters; letters already present (same id) are skipped.

    Up to ``batch`` letters share one transaction, and a letter is always stored whole or
    not at all: if a letter fails, the transaction is rolled back, the letters before it
    are written again and committed, and the error is raised for that letter alone.  Use
    it as a context manager (or call :meth:`close`): leaving commits the letters written
    so far; Ctrl-C in the middle of a letter rolls back the open batch instead, which a
    re-run restores.

    Rows are bound as :data:`~replyparse.export.tables.Record` tuples.  A result of
    ``parse_many(rows=True)`` brings them made by the worker that parsed it, so writing
    it is binding only; any other result is flattened here.
    """

    def __init__(self, engine: Engine, *, batch: int = DEFAULT_BATCH) -> None:
        self.engine = engine
        self.batch = max(1, batch)
        self.stats = WriteStats()
        self._connection: Connection | None = None
        self._transaction: sa.RootTransaction | None = None
        # This transaction's letters (letter record, child records), to write again after
        # a failure.
        self._done: list[tuple[Record, Records]] = []
        self._insert = _insert_letter(engine.dialect)
        if engine.dialect.name == "sqlite":
            _register_adapters(engine.dialect.loaded_dbapi)
        # SQLite: plain DB-API statements, no per-row compilation (the writer's hot path).
        self._plain: dict[str, str] | None = None
        if engine.dialect.name == "sqlite" and self._insert is not None:
            self._plain = {name: _plain_insert(name) for name in TABLES}
            self._plain["letters"] += " ON CONFLICT (id) DO NOTHING RETURNING letter_key"
        self._cursor: Any = None  # the DB-API cursor of the plain statements

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def commit(self) -> None:
        """Commit the letters written since the last commit."""
        if self._transaction is not None:
            self._transaction.commit()
        self._transaction = None
        self._done = []

    def close(self) -> None:
        """Commit and release the connection."""
        try:
            self.commit()
        finally:
            if self._cursor is not None:
                self._cursor.close()
                self._cursor = None
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def write(self, result: Result) -> bool:
        """Store ``result``'s letter; ``False`` if a letter with its id was there already."""
        if result.rows is not None:
            return self.write_records(result.rows)
        letter, letter_id = result.letter, result.id
        if letter is None or letter_id is None:
            raise ValueError(f"{result.path}: nothing to write ({result.error})")
        row = letter_record(letter, letter_id=letter_id, path=result.path, text=result.text)
        # Flattened only if the letter is new (SQLite: a letter already present costs one
        # INSERT; PostgreSQL sends a letter and its rows together, so flattens first).
        return self._write(row, lambda: child_records(letter, letter_id=letter_id))

    def write_rows(self, rows: Mapping[str, list[Row]]) -> bool:
        """Store one letter's rows (from ``flatten``) atomically; ``False`` if present."""
        return self.write_records(records(rows))

    def write_records(self, rows: Records) -> bool:
        """Store one letter's records (``flatten_records``, ``Result.rows``) atomically;
        ``False`` if present."""
        (row,) = rows["letters"]
        return self._write(row, _given(rows))

    def _write(self, row: Record, children: Callable[[], Records]) -> bool:
        connection = self._begin()
        try:
            added = self._insert_rows(connection, row, children)
        except BaseException as error:
            self._rollback()
            if isinstance(error, Exception) and self._done:
                done, self._done = self._done, []
                connection = self._begin()
                for earlier_row, earlier_children in done:  # they went in before; again
                    self._insert_rows(connection, earlier_row, _given(earlier_children))
                self.commit()
            self._done = []
            raise
        if added is None:
            self.stats.present += 1
            return False
        self.stats.added += 1
        self._done.append((row, added))
        if len(self._done) >= self.batch:
            self.commit()
        return True

    def _begin(self) -> Connection:
        if self._connection is None:
            self._connection = self.engine.connect()
        if self._transaction is None:
            self._transaction = self._connection.begin()
        return self._connection

    def _rollback(self) -> None:
        transaction, self._transaction = self._transaction, None
        if transaction is not None and transaction.is_active:
            transaction.rollback()

    def _insert_rows(
        self, connection: Connection, row: Record, children: Callable[[], Records],
    ) -> Records | None:
        """Insert a letter; its child records, or None if it was present (nothing inserted)."""
        if self._plain is not None:
            return self._insert_plain(connection, row, children, self._plain)
        if connection.dialect.driver == "psycopg":
            return _insert_letter_pg(connection, row, children)
        letter = _mapping("letters", row)
        if self._insert is not None:
            inserted = connection.execute(self._insert, letter).first()
            if inserted is None:
                return None
            key = inserted[0]
        else:
            letters = TABLE_OBJECTS["letters"]
            exists = sa.select(letters.c.letter_key).where(letters.c.id == row[0])
            if connection.execute(exists).first() is not None:
                return None
            inserted_key = connection.execute(letters.insert(), letter).inserted_primary_key
            assert inserted_key is not None  # a single-row INSERT always has it
            key = inserted_key[0]
        rows = children()
        for name in CHILD_TABLES:
            if rows[name]:
                connection.execute(TABLE_OBJECTS[name].insert(),
                                   [_mapping(name, values) for values in _keyed(key, rows[name])])
        return rows

    def _insert_plain(
        self, connection: Connection, row: Record, children: Callable[[], Records],
        plain: dict[str, str],
    ) -> Records | None:
        dbapi_connection: Any = connection.connection.dbapi_connection
        if self._cursor is None or self._cursor.connection is not dbapi_connection:
            self._cursor = dbapi_connection.cursor()  # the same transaction as `connection`
        cursor = self._cursor
        dbapi_error = connection.dialect.loaded_dbapi.Error
        sql = plain["letters"]
        try:
            cursor.execute(sql, row)
            inserted = cursor.fetchone()
            if inserted is None:
                return None
            key = inserted[0]
            rows = children()
            for name in CHILD_TABLES:
                if rows[name]:
                    sql = plain[name]
                    cursor.executemany(sql, _keyed(key, rows[name]))
            return rows
        except dbapi_error as error:  # raised as SQLAlchemy would, as for PostgreSQL
            raise sa.exc.DBAPIError.instance(sql, None, error, dbapi_error) from error


def _keyed(key: int, records: list[Record]) -> list[Record]:
    """Child records with the letter's key in place of its id (their first value): workers
    know the id, only the database knows the key."""
    head = (key,)  # tuple + tuple: ~40 % cheaper per row than (key, *values[1:])
    return [head + values[1:] for values in records]


def _insert_letter_pg(
    connection: Connection, row: Record, children: Callable[[], Records],
) -> Records | None:
    """PostgreSQL (psycopg 3): the letter and all its child rows by one statement, so one
    round trip per letter (a ``COPY`` per table took ~19: ~10 ms a letter over a network
    with a 0.5 ms round trip).

    Each table's records travel as one JSON array of arrays that the statement spreads into
    rows (:func:`_pg_letter_statement`); decimals as their exact text, which ``NUMERIC``
    reads as it is.  A letter already present inserts nothing (its key is not returned).
    The child records are made even for a letter that turns out present: the statement
    needs them up front.
    """
    rows = children()
    params = list(row)
    for name in CHILD_TABLES:
        params.append(_to_json([values[1:] for values in rows[name]]) if rows[name] else "[]")
    driver = connection.connection.driver_connection
    dbapi_error = connection.dialect.loaded_dbapi.Error
    sql = _pg_letter_statement()
    try:
        with driver.cursor() as cursor:  # type: ignore[union-attr]
            cursor.execute(sql, params)
            inserted = cursor.fetchone()
    except dbapi_error as error:  # raised as SQLAlchemy would
        raise sa.exc.DBAPIError.instance(sql, None, error, dbapi_error) from error
    return None if inserted is None else rows


# A record holds decimals as exact text already (`default` only for a hand-made Decimal).
_to_json = json.JSONEncoder(default=str, ensure_ascii=False, check_circular=False,
                            separators=(",", ":")).encode
_PG_CASTS = {"text": "", "int": "::integer", "decimal": "::numeric", "bool": "::boolean"}


@cache
def _pg_letter_statement() -> str:
    """``INSERT`` of a letter (``ON CONFLICT (id) DO NOTHING RETURNING letter_key``) with
    one data-modifying ``WITH`` clause per child table, each inserting the rows of a JSON
    parameter under the letter's new key: nothing if the letter was present.  The text is
    fixed, so psycopg prepares it once per connection."""
    names = _column_names("letters")
    clauses = [f"letter AS (INSERT INTO letters ({', '.join(names)}) "
               f"VALUES ({', '.join(['%s'] * len(names))}) "
               "ON CONFLICT (id) DO NOTHING RETURNING letter_key)"]
    for name in CHILD_TABLES:
        columns = _column_names(name)[1:]
        types = {column.name: column.type for column in TABLES[name]}
        values = ", ".join(f"(row->>{i}){_PG_CASTS[types[column]]}"
                           for i, column in enumerate(columns))
        clauses.append(
            f"{name}_rows AS (INSERT INTO {name} (letter_key, {', '.join(columns)}) "
            f"SELECT letter.letter_key, {values} "
            "FROM letter, jsonb_array_elements(%s::jsonb) AS row)")
    return f"WITH {', '.join(clauses)} SELECT letter_key FROM letter"


def _given(rows: Records) -> Callable[[], Records]:
    return lambda: rows


def _mapping(name: str, values: Record) -> dict[str, Any]:
    """A record as the column → value mapping SQLAlchemy Core binds."""
    return dict(zip(_column_names(name), values, strict=True))


@cache
def _column_names(name: str) -> tuple[str, ...]:
    """The columns a record of ``name`` fills, in its order: every column but the key that
    the database gives a letter; a child record's first value is that key (``_keyed``)."""
    return tuple(column.name for column in TABLE_OBJECTS[name].columns
                 if (name, column.name) != ("letters", "letter_key"))


def _plain_insert(name: str) -> str:
    """``INSERT … VALUES (?, …)`` of a record's columns, in order."""
    names = _column_names(name)
    return f"INSERT INTO {name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"


def select_rows(name: str) -> sa.Select[Any]:
    """A ``SELECT`` of table ``name`` whose rows have the columns of
    :func:`~replyparse.export.tables.flatten`'s rows, in order: child rows carry their
    letter's ``letter_id`` (``letters.id``) instead of ``letter_key``, and letters leave
    the key out.  Ordered by letter id, then ``ord``.

    >>> money = connection.execute(select_rows("money")).mappings().all()  # doctest: +SKIP
    """
    letters = TABLE_OBJECTS["letters"]
    if name == "letters":
        return sa.select(*(letters.c[c] for c in _column_names(name))).order_by(letters.c.id)
    table = TABLE_OBJECTS[name]
    return (sa.select(letters.c.id.label("letter_id"),
                      *(table.c[c] for c in _column_names(name)[1:]))
            .join_from(table, letters, table.c.letter_key == letters.c.letter_key)
            .order_by(letters.c.id, table.c.ord))


def stored_ids(engine: Engine) -> frozenset[str]:
    """The ids of every letter in the database (to skip parsing them again)."""
    letters = TABLE_OBJECTS["letters"]
    with engine.connect() as connection:
        return frozenset(connection.scalars(sa.select(letters.c.id)))
