"""The batch commands behind ``replyparse parse PATH…`` and ``replyparse export``.

``cli.py`` parses the arguments and calls :func:`run_parse` or :func:`run_export`; both
return the exit status: 0 when every input parsed, 1 when any failed.  A summary line
(``N parsed, M failed``) always goes to stderr; a progress bar only when stderr is a
terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from replyparse.batch import Result, expand_paths, parse_many

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine as Database

FORMATS = ("json", "jsonl", "csv", "outline")


class UsageError(Exception):
    """Arguments that make no sense together; ``cli`` reports it like argparse does."""


def default_format(paths: Sequence[str]) -> str:
    """``json`` for one file, ``jsonl`` for several files or a directory."""
    return "json" if len(paths) == 1 and Path(paths[0]).is_file() else "jsonl"


class _Report:
    """Counts results, reports failures on stderr and drives the progress bar."""

    def __init__(self, total: int, stderr: TextIO) -> None:
        self.parsed = self.failed = 0
        self.stderr = stderr
        self.bar: Any = None
        if total > 1 and stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="letter", file=stderr, dynamic_ncols=True)

    def __call__(self, result: Result) -> None:
        if result.ok:
            self.parsed += 1
        else:
            self.failed += 1
            self.say(f"replyparse: {result.path}: {result.error}")
        if self.bar is not None:
            self.bar.update(1)

    def say(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=self.stderr)
        else:
            print(line, file=self.stderr)

    def close(self, extra: str = "") -> int:
        if self.bar is not None:
            self.bar.close()
        print(f"{self.parsed} parsed, {self.failed} failed{extra}", file=self.stderr)
        return 1 if self.failed else 0


@contextmanager
def _output(out: str | None, stdout: TextIO) -> Iterator[TextIO]:
    if out is None or out == "-":
        yield stdout
        stdout.flush()
    else:
        with open(out, "w", encoding="utf-8") as handle:
            yield handle


class Engine(Protocol):
    """Parses files into results in input order, calling ``progress`` once per result.

    The options are ``parse_many``'s: ``encoded`` asks for records encoded by the workers
    (``Result.jsonl()`` works either way; the Dask path sends dicts), ``skip_ids`` and
    ``rows`` are what ``replyparse export`` asks for.
    """

    def __call__(self, files: list[str], progress: Callable[[Result], object], *,
                 encoded: bool = False, skip_ids: Collection[str] = frozenset(),
                 rows: bool = False) -> Iterator[Result]: ...


def _check_engine(jobs: int | None, scheduler: str | None) -> None:
    """The usage errors of ``_engine``, found before anything is opened or started."""
    if scheduler is None:
        return
    if jobs is not None and scheduler != "local":
        raise UsageError("--jobs does not apply to --scheduler: the cluster has its workers")
    try:
        import distributed  # noqa: F401  (the extra: dask, distributed, pyarrow)

        import replyparse.dask  # noqa: F401
    except ImportError as error:
        raise UsageError(f"the Dask extra is not installed ({error}): "
                         "pip install 'replyparse[dask]'") from error


@contextmanager
def _engine(jobs: int | None, scheduler: str | None) -> Iterator[Engine]:
    """``parse_many`` with ``jobs`` processes, or the same on a Dask cluster."""
    _check_engine(jobs, scheduler)
    if scheduler is None:
        def local(files: list[str], progress: Callable[[Result], object], *,
                  encoded: bool = False, skip_ids: Collection[str] = frozenset(),
                  rows: bool = False) -> Iterator[Result]:
            return parse_many(files, jobs=jobs, progress=progress, encoded=encoded,
                              skip_ids=skip_ids, rows=rows)

        yield local
        return
    from replyparse.dask import connect, parse_results

    with connect(scheduler, workers=jobs) as client:
        def on_cluster(files: list[str], progress: Callable[[Result], object], *,
                       encoded: bool = False, skip_ids: Collection[str] = frozenset(),
                       rows: bool = False) -> Iterator[Result]:
            return parse_results(files, client=client, progress=progress,
                                 skip_ids=skip_ids, rows=rows)

        yield on_cluster


def run_parse(
    paths: Sequence[str],
    *,
    out: str | None = None,
    fmt: str | None = None,
    jobs: int | None = None,
    scheduler: str | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Parse every input and write JSONL, a JSON array, CSV tables or outlines.

    ``scheduler``: a Dask scheduler address, or ``"local"`` for a ``LocalCluster`` of
    ``jobs`` workers; the output is the same as with ``jobs`` local processes.
    """
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    fmt = fmt or default_format(paths)
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if fmt == "csv" and not out:
        raise UsageError("--format csv writes one file per table: give -o DIRECTORY")
    if fmt == "outline":
        if scheduler is not None:
            raise UsageError("--format outline parses in this process: drop --scheduler/--dask")
        return _run_outline(paths, out, stdout, stderr)
    files = list(expand_paths(paths))
    with _engine(jobs, scheduler) as engine:
        if fmt == "csv":
            assert out is not None
            from replyparse.export.csv import CsvWriter

            with CsvWriter(out) as tables:  # the output opens before any parsing starts
                return _run(files, engine, stderr, tables.write, encoded=False)
        with _output(out, stdout) as handle:
            write = _utf8_writer(handle)
            if fmt == "json":
                return _write_json_array(files, engine, stderr, write)
            return _run(files, engine, stderr, lambda r: write(r.jsonl_utf8() + b"\n"),
                        encoded=True)


def _run(files: list[str], engine: Engine, stderr: TextIO,
         sink: Callable[[Result], object], *, encoded: bool) -> int:
    report = _Report(len(files), stderr)
    try:
        for result in engine(files, report, encoded=encoded):
            sink(result)
    finally:
        status = report.close()
    return status


def _write_json_array(files: list[str], engine: Engine, stderr: TextIO,
                      write: Callable[[bytes], object]) -> int:
    first = True

    def write_one(result: Result) -> None:
        nonlocal first
        write((b"[\n" if first else b",\n") + result.jsonl_utf8())
        first = False

    status = _run(files, engine, stderr, write_one, encoded=True)
    write(b"[\n]\n" if first else b"\n]\n")
    return status


def _utf8_writer(handle: TextIO) -> Callable[[bytes], object]:
    """Writes UTF-8 bytes to ``handle``: straight to its binary buffer when it writes UTF-8
    (the workers' records are not decoded and encoded again here: ~0.1 ms per letter),
    else decoded first.  Everything from then on must go through it."""
    buffer = getattr(handle, "buffer", None)
    encoding = (getattr(handle, "encoding", None) or "").lower().replace("-", "")
    if buffer is not None and encoding == "utf8":
        handle.flush()
        return buffer.write  # type: ignore[no-any-return]
    return lambda data: handle.write(data.decode("utf-8"))


def _run_outline(paths: Sequence[str], out: str | None, stdout: TextIO,
                 stderr: TextIO) -> int:
    from replyparse.outline import outline
    from replyparse.parser import parse_file

    files = list(expand_paths(paths))
    report = _Report(0, stderr)
    with _output(out, stdout) as handle:
        for path in files:
            try:
                letter = parse_file(path)
            except Exception as error:
                report(Result(path, None, f"{type(error).__name__}: {error}", None))
                continue
            report(Result(path, {}, None, None))
            if len(files) > 1:
                handle.write(f"== {path}\n")
            handle.write(outline(letter))
    return report.close()


def run_export(
    paths: Sequence[str],
    *,
    db: str,
    jobs: int | None = None,
    scheduler: str | None = None,
    stderr: TextIO | None = None,
    batch: int | None = None,
) -> int:
    """Parse every input and store the letters in the database at ``db``.

    Inputs whose text is stored already (same id) are read but not parsed again; they count
    as parsed and as already present.  ``scheduler``: a Dask scheduler address, or
    ``"local"`` for a ``LocalCluster`` of ``jobs`` workers, parses there (as
    :func:`run_parse`); this process alone writes the database, ``batch`` letters a
    transaction (default ``export.sql.DEFAULT_BATCH``).
    """
    import sqlalchemy as sa

    from replyparse.errors import SchemaMismatch
    from replyparse.export.sql import connect, stored_ids

    stderr = stderr or sys.stderr
    _check_engine(jobs, scheduler)  # before the database file is created
    try:
        engine = connect(db)
        stored = stored_ids(engine)  # read, not parsed again: a resumed run is quick
    except sa.exc.ArgumentError as error:
        raise UsageError(f"--db {db}: {error}") from error
    except (sa.exc.SQLAlchemyError, SchemaMismatch) as error:
        print(f"replyparse: cannot use the database {db}: {error}", file=stderr)
        return 1
    try:
        with _engine(jobs, scheduler) as parse:
            return _export(list(expand_paths(paths)), parse, engine, stored, stderr, batch)
    finally:
        engine.dispose()


def _export(files: list[str], parse: Engine, engine: Database, stored: frozenset[str],
            stderr: TextIO, batch: int | None) -> int:
    from replyparse.export.sql import DEFAULT_BATCH, Writer

    report = _Report(len(files), stderr)
    writer = Writer(engine, batch=DEFAULT_BATCH if batch is None else batch)
    try:
        with writer:
            # Workers flatten each letter into rows ready to bind: this process only writes.
            for result in parse(files, report, skip_ids=stored, rows=True):
                if result.skipped:
                    writer.stats.present += 1
                elif result.ok:
                    _store(writer, result, report)
    finally:
        stats = writer.stats
        status = report.close(f"; {stats.added} letters added, {stats.present} already present")
    return status


def _store(writer: Any, result: Result, report: _Report) -> None:
    try:
        writer.write(result)
    except Exception as error:  # a database error on one letter: report it, go on
        report.parsed -= 1
        report(Result(result.path, None, f"database: {type(error).__name__}: {error}",
                      result.id))
