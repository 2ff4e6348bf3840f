"""One SQL schema for SQLite and PostgreSQL (SQLAlchemy Core), and an idempotent writer.

The tables and their columns come from :mod:`replyparse.export.tables`; this module adds
types, keys and indexes.  A letter's id is the SHA-256 of its text, so writing the same
letter twice stores it once: re-running an archive adds nothing and an interrupted run
resumes where it stopped.  A letter is either complete in the database or absent: letters
share transactions of 100 for speed, and a failure rolls back and rewrites (see
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

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Dialect, Engine
from sqlalchemy.types import TypeDecorator, TypeEngine

from replyparse.batch import Result
from replyparse.export import DEFAULT_URL
from replyparse.export.tables import CHILD_TABLES, TABLES, ColumnType, Row, child_rows, letter_row


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


def _build() -> dict[str, sa.Table]:
    built: dict[str, sa.Table] = {}
    letter_columns = [
        sa.Column("id", sa.String(64), primary_key=True),
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
            sa.Column("letter_id", sa.String(64),
                      sa.ForeignKey("letters.id", ondelete="CASCADE"), primary_key=True),
            sa.Column("ord", sa.Integer, primary_key=True),
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
        metadata.create_all(engine)
    return engine


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
    # RETURNING says whether the row went in (psycopg reports no rowcount for this).
    return insert.returning(table.c.id)


@dataclass(slots=True)
class WriteStats:
    added: int = 0
    present: int = 0


class Writer:
    """Writes parsed letters; letters already present (same id) are skipped.

    Up to ``batch`` letters share one transaction, and a letter is always stored whole or
    not at all: if a letter fails, the transaction is rolled back, the letters before it
    are written again and committed, and the error is raised for that letter alone.  Use
    it as a context manager (or call :meth:`close`): leaving commits the letters written
    so far; Ctrl-C in the middle of a letter rolls back the open batch instead, which a
    re-run restores.
    """

    def __init__(self, engine: Engine, *, batch: int = 100) -> None:
        self.engine = engine
        self.batch = max(1, batch)
        self.stats = WriteStats()
        self._connection: Connection | None = None
        self._transaction: sa.RootTransaction | None = None
        # This transaction's letters (letter row, child rows), to write again after a failure.
        self._done: list[tuple[Row, Mapping[str, list[Row]]]] = []
        self._insert = _insert_letter(engine.dialect)
        # SQLite: plain DB-API statements, no per-row compilation (the writer's hot path).
        self._fast: dict[str, tuple[str, Any, list[int]]] | None = None
        if engine.dialect.name == "sqlite" and self._insert is not None:
            self._fast = {name: _plain_insert(TABLE_OBJECTS[name], engine.dialect)
                          for name in TABLES}
            sql, getter, binders = self._fast["letters"]
            self._fast["letters"] = (f"{sql} ON CONFLICT (id) DO NOTHING RETURNING id",
                                     getter, binders)

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
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def write(self, result: Result) -> bool:
        """Store ``result``'s letter; ``False`` if a letter with its id was there already."""
        letter, letter_id = result.letter, result.id
        if letter is None or letter_id is None:
            raise ValueError(f"{result.path}: nothing to write ({result.error})")
        row = letter_row(letter, letter_id=letter_id, path=result.path, text=result.text)
        added = self._write(row, lambda: child_rows(letter, letter_id=letter_id))
        if added:
            self.stats.added += 1
        else:
            self.stats.present += 1
        return added

    def write_rows(self, rows: Mapping[str, list[Row]]) -> bool:
        """Store one letter's rows (from ``flatten``) atomically; ``False`` if present."""
        (row,) = rows["letters"]
        return self._write(row, _given(rows))

    def _write(self, row: Row, children: Callable[[], Mapping[str, list[Row]]]) -> bool:
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
        if added is not None:
            self._done.append((row, added))
        if len(self._done) >= self.batch:
            self.commit()
        return added is not None

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
        self, connection: Connection, row: Row,
        children: Callable[[], Mapping[str, list[Row]]],
    ) -> Mapping[str, list[Row]] | None:
        """Insert a letter; its child rows, or None if it was present (nothing inserted)."""
        if self._fast is not None:
            return self._insert_plain(connection, row, children, self._fast)
        if self._insert is not None:
            if connection.execute(self._insert, row).first() is None:
                return None
        else:
            letters = TABLE_OBJECTS["letters"]
            exists = sa.select(letters.c.id).where(letters.c.id == row["id"])
            if connection.execute(exists).first() is not None:
                return None
            connection.execute(letters.insert(), row)
        rows = children()
        if connection.dialect.driver == "psycopg":
            _copy_rows(connection, rows)
            return rows
        for name in CHILD_TABLES:
            if rows[name]:
                connection.execute(TABLE_OBJECTS[name].insert(), rows[name])
        return rows

    @staticmethod
    def _insert_plain(
        connection: Connection, row: Row, children: Callable[[], Mapping[str, list[Row]]],
        fast: dict[str, tuple[str, Any, list[int]]],
    ) -> Mapping[str, list[Row]] | None:
        cursor = connection.connection.cursor()  # same connection, same transaction
        dbapi_error = connection.dialect.loaded_dbapi.Error
        sql = ""
        try:
            sql, getter, binders = fast["letters"]
            cursor.execute(sql, _bind(getter(row), binders))
            if cursor.fetchone() is None:
                return None
            rows = children()
            for name in CHILD_TABLES:
                if rows[name]:
                    sql, getter, binders = fast[name]
                    values = list(map(getter, rows[name]))
                    if binders:
                        values = [_bind(value, binders) for value in values]
                    cursor.executemany(sql, values)
            return rows
        except dbapi_error as error:  # raised as SQLAlchemy would, as for PostgreSQL
            raise sa.exc.DBAPIError.instance(sql, None, error, dbapi_error) from error
        finally:
            cursor.close()


def _copy_rows(connection: Connection, rows: Mapping[str, list[Row]]) -> None:
    """PostgreSQL: child rows by ``COPY … FROM STDIN`` (psycopg 3), in the same transaction.

    One round trip per table instead of one message per row: ~10× faster than executemany.
    """
    driver = connection.connection.driver_connection
    dbapi_error = connection.dialect.loaded_dbapi.Error
    sql = ""
    try:
        with driver.cursor() as cursor:  # type: ignore[union-attr]
            for name in CHILD_TABLES:
                if rows[name]:
                    names = [column.name for column in TABLE_OBJECTS[name].columns]
                    sql = f"COPY {name} ({', '.join(names)}) FROM STDIN"
                    with cursor.copy(sql) as copy:
                        for row in rows[name]:
                            copy.write_row([row[n] for n in names])
    except dbapi_error as error:  # raised as SQLAlchemy would
        raise sa.exc.DBAPIError.instance(sql, None, error, dbapi_error) from error


def _given(rows: Mapping[str, list[Row]]) -> Callable[[], Mapping[str, list[Row]]]:
    return lambda: rows


def _plain_insert(table: sa.Table, dialect: Dialect) -> tuple[str, Any, list[int]]:
    """``INSERT … VALUES (?, …)``, a row → tuple getter, and the decimal columns' indexes
    (SQLite only: decimals go in as text, see :class:`ExactDecimal`)."""
    names = [column.name for column in table.columns]
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    decimals = [i for i, column in enumerate(table.columns)
                if isinstance(column.type, ExactDecimal)]  # sqlite3 takes bool as it is
    return sql, operator.itemgetter(*names), decimals


def _bind(value: tuple[Any, ...], decimals: list[int]) -> tuple[Any, ...]:
    if not any(value[i] is not None for i in decimals):
        return value
    items = list(value)
    for i in decimals:
        if items[i] is not None:
            items[i] = format(items[i], "f")
    return tuple(items)


def stored_ids(engine: Engine) -> frozenset[str]:
    """The ids of every letter in the database (to skip parsing them again)."""
    letters = TABLE_OBJECTS["letters"]
    with engine.connect() as connection:
        return frozenset(connection.scalars(sa.select(letters.c.id)))
