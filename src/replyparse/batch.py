"""Many letters at once: walk inputs, parse them in worker processes, stream results.

>>> from replyparse.batch import parse_many
>>> for result in parse_many(["samples"], jobs=1):     # doctest: +SKIP
...     print(result.path, result.id[:8] if result.ok else result.error)

Every input yields exactly one :class:`Result`, in input order (``ordered=False`` yields
them as they finish instead).  Workers read and parse a file and send back
``Letter.to_dict()`` — plain data, pickled once — so the parent never rebuilds a ``Letter``.
At most a few batches per worker are in flight at any time, so memory stays flat however
many inputs there are.
"""

from __future__ import annotations

import dataclasses
import glob
import hashlib
import json
import os
import signal
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

SUFFIXES = frozenset({".txt", ".html", ".htm", ".docx", ".pdf"})
"""Files a directory walk picks up (case-insensitive).  Files named explicitly are always
taken, whatever their suffix."""

_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class Result:
    """What became of one input: ``letter`` (``Letter.to_dict()``) or ``error``.

    ``id`` is the SHA-256 hex of the letter's text (``None`` if it could not be read);
    ``text`` is that text, kept for databases (spans index into it) and left out of
    :meth:`record`.
    """

    path: str
    letter: dict[str, Any] | None
    error: str | None
    id: str | None
    text: str | None = None
    skipped: bool = False
    """Read but not parsed: its id was in ``parse_many(skip_ids=…)``."""
    line: bytes | None = None
    """The record already encoded as JSON in UTF-8 by the worker
    (``parse_many(encoded=True)``, :meth:`jsonl_utf8`); ``letter`` and ``text`` are then
    left out, so only one string of bytes crosses the pipe, and a process writing it to a
    UTF-8 file neither decodes nor encodes it."""
    rows: dict[str, list[tuple[Any, ...]]] | None = None
    """The letter flattened by the worker into the database tables' rows, as tuples ready
    to bind (``parse_many(rows=True)``, :func:`replyparse.export.tables.letter_records`;
    the text is in the ``letters`` row); ``letter`` and ``text`` are then left out."""

    @property
    def ok(self) -> bool:
        return self.error is None

    def record(self) -> dict[str, Any]:
        """The JSONL record: ``{"path", "id", **letter}`` or ``{"path", "error"}``
        (``{"path", "id", "skipped": true}`` for a skipped input).  A result sent as
        table rows has none: ``ValueError``."""
        if self.rows is not None:
            raise ValueError(f"{self.path}: sent as table rows (parse_many(rows=True)), "
                             "not as a record")
        if self.line is not None:
            decoded: dict[str, Any] = json.loads(self.line)
            return decoded
        if self.skipped:
            return {"path": self.path, "id": self.id, "skipped": True}
        if self.letter is None:
            return {"path": self.path, "error": self.error}
        return {"path": self.path, "id": self.id, **self.letter}

    def jsonl(self) -> str:
        """:meth:`record` as one line of JSON (no newline), Chinese kept as is."""
        return self.jsonl_utf8().decode("utf-8")

    def jsonl_utf8(self) -> bytes:
        """:meth:`jsonl` in UTF-8, always encodable (see :func:`json_utf8`)."""
        return self.line if self.line is not None else json_utf8(self.record())


# A record is a tree of fresh dicts and lists (``to_dict``), never a cycle: the encoder's
# check for one (an id noted and dropped per dict and list) is ~10 % of encoding a letter.
_encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def json_utf8(value: Any) -> bytes:
    """``value`` as JSON in UTF-8, Chinese kept as is.

    A lone surrogate — a file name that is not UTF-8, which the OS decodes with
    ``surrogateescape`` (``a\udcff.txt``) — cannot be written as UTF-8; it is written as
    its JSON escape (``\udcff``), which reads back as the same string.
    """
    text = _encode(value)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # surrogates occur only inside JSON strings: escape them
        import re

        return re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}",
                      text).encode("utf-8")


def letter_id(text: str) -> str:
    """The id of a letter: SHA-256 hex of its text as UTF-8."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """Inputs in a deterministic order: files as given, directories walked, globs expanded.

    A directory contributes its files with a suffix in :data:`SUFFIXES`, recursively, sorted
    by path, skipping hidden entries (``.x``) and Office lock files (``~$x.docx``).  A glob
    contributes its matches sorted.  An argument that matches nothing is passed through
    unchanged, so it becomes an error result rather than vanishing.  The same file given
    twice is yielded once.
    """
    seen: set[str] = set()
    for arg in paths:
        for path in _expand_one(os.fspath(arg)):
            key = os.path.normpath(os.path.abspath(path))
            if key not in seen:
                seen.add(key)
                yield path


def _expand_one(arg: str) -> Iterator[str]:
    if os.path.isdir(arg):
        yield from _walk(arg)
    elif os.path.lexists(arg) or not _GLOB_CHARS & set(arg):
        yield arg
    else:
        matches = sorted(glob.glob(arg, recursive=True))
        if not matches:
            yield arg
        for match in matches:
            yield from (_walk(match) if os.path.isdir(match) else [match])


def _walk(top: str) -> Iterator[str]:
    found: list[str] = []

    def unlisted(error: OSError) -> None:
        # A directory that cannot be listed is an input of its own, so it gets an error
        # record (see parse_path) instead of vanishing with the letters inside it.
        found.append(str(error.filename) if error.filename is not None else top)

    for root, dirs, files in os.walk(top, onerror=unlisted):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            os.path.join(root, name)
            for name in files
            if not name.startswith((".", "~$")) and Path(name).suffix.lower() in SUFFIXES
        )
    yield from sorted(found, key=lambda p: Path(p).parts)


def parse_path(
    path: str,
    *,
    skip: Collection[str] = (),
    data: bytes | None = None,
    encoded: bool = False,
    rows: bool = False,
) -> Result:
    """Read and parse one file; every failure becomes ``Result.error`` (never raises).

    As ``parse_file``: what the reader noticed comes first in the letter's warnings.  A
    text whose id is in ``skip`` (letters a database holds already) is read but not parsed:
    its result has ``skipped=True`` and no letter.  ``data``, the file's bytes read
    elsewhere (a Dask worker without the file), is parsed instead of reading ``path``,
    which then only names the input and picks the format by its suffix.  ``encoded``:
    a parsed letter comes back as its JSON record in ``Result.line`` instead of a dict;
    ``rows``: as the rows of the database tables in ``Result.rows`` (a failure to flatten
    it is the input's error, like a failure to parse).
    """
    from replyparse.io import read_text
    from replyparse.parser import parse

    if os.path.isdir(path):  # only a directory the walk could not list comes here
        return Result(path, None, _unlisted(path), None)
    try:
        document = read_text(path) if data is None else read_text(data, name=path)
    except MemoryError:
        return Result(path, None, "MemoryError: file too large to read", None)
    except Exception as error:  # ReadError, a reader bug: one input, one record
        return Result(path, None, _describe(error), None)
    text = document.text
    problem = _not_a_letter(text)
    rid = letter_id(text)
    if problem:
        return Result(path, None, problem, rid)
    if rid in skip:
        return Result(path, None, None, rid, skipped=True)
    try:
        letter = parse(text)
        if document.warnings:
            letter = dataclasses.replace(letter, warnings=(*document.warnings, *letter.warnings))
        if rows:  # read off the letter: its dict tree would cost as much as the records
            from replyparse.export.tables import letter_records

            return Result(path, None, None, rid,
                          rows=letter_records(letter, letter_id=rid, path=path, text=text))
        record = letter.to_dict()
    except Exception as error:  # InputTooLarge, a bug: one input, one record
        return Result(path, None, _describe(error), rid)
    if encoded:
        return Result(path, None, None, rid, line=json_utf8({"path": path, "id": rid, **record}))
    return Result(path, record, None, rid, text)


def _unlisted(path: str) -> str:
    try:
        os.listdir(path)
    except OSError as error:
        return f"ReadError: {path}: cannot list the directory: {error.strerror or error}"
    return f"ReadError: {path}: is a directory, not a file"


def _not_a_letter(text: str) -> str | None:
    if not text.strip():
        return "EmptyInput: the file has no text"
    if "\x00" in text:  # a binary file that happened to decode; letters never hold NUL
        return "ReadError: binary data, not a text document"
    return None


def _describe(error: BaseException) -> str:
    message = str(error).strip() or repr(error)
    return f"{type(error).__name__}: {message}"


# In a worker process: the ids it need not parse, and what to send back (_init_worker).
_skip: frozenset[str] = frozenset()
_encoded = False
_rows = False


def _parse_batch(paths: list[str]) -> list[Result]:
    return [parse_path(path, skip=_skip, encoded=_encoded, rows=_rows) for path in paths]


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def parse_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int | None = None,
    progress: Callable[[Result], object] | None = None,
    ordered: bool = True,
    chunksize: int = 8,
    skip_ids: Collection[str] = frozenset(),
    encoded: bool = False,
    rows: bool = False,
) -> Iterator[Result]:
    """Parse every input of ``paths`` (files, directories, globs; see :func:`expand_paths`).

    ``jobs`` worker processes (default: all cores; ``1`` parses in this process).  Results
    come in input order, or as they finish with ``ordered=False``.  ``progress`` is called
    in the calling thread once per input, just before its result is yielded.  Inputs go to
    workers ``chunksize`` at a time, with at most ``2 * jobs`` batches in flight.  A worker
    that dies (out of memory, a crash) loses nothing: the pool is replaced and each input
    it took down is retried alone in its own process, reported as an error only if it
    fails there too.  Inputs whose text has an id in ``skip_ids`` are read but not parsed
    (``Result.skipped``): ``replyparse export`` passes the ids already stored, so a resumed
    run does not parse again what it stored before.  ``encoded=True`` sends each parsed
    letter back as its JSON record (``Result.line``, ``Result.jsonl()``) rather than a dict:
    for writers of JSON output, it spares the parent decoding and re-encoding every letter.
    ``rows=True`` sends it flattened into the database tables' rows (``Result.rows``), so
    the process that writes a database (``replyparse export``) only binds them.
    """
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if encoded and rows:
        raise ValueError("a letter is sent encoded or as rows, not both")
    files = expand_paths(paths)
    skip = frozenset(skip_ids)
    setup = _WorkerSetup(skip, encoded, rows)
    results = (
        (parse_path(path, skip=skip, encoded=encoded, rows=rows) for path in files)
        if jobs == 1
        else _Pool(jobs, max(1, chunksize), ordered, setup).run(files)
    )
    for result in results:
        if progress is not None:
            progress(result)
        yield result


@dataclass(slots=True)
class _Task:
    paths: list[str]
    future: Future[list[Result]]
    generation: int


@dataclass(frozen=True, slots=True)
class _WorkerSetup:
    skip: frozenset[str]
    encoded: bool
    rows: bool = False


class _Pool:
    """A process pool fed from an iterator, with bounded in-flight batches."""

    def __init__(self, jobs: int, chunksize: int, ordered: bool, setup: _WorkerSetup) -> None:
        self.jobs, self.chunksize, self.ordered, self.setup = jobs, chunksize, ordered, setup
        self.executor = _executor(jobs, setup)
        self.generation = 0

    def run(self, files: Iterator[str]) -> Iterator[Result]:
        pending: deque[_Task] = deque()
        batches = _batches(files, self.chunksize)
        try:
            for task in _in_flight(batches, self._submit, 2 * self.jobs, pending,
                                   self._next_done):
                yield from self._collect(task, pending)
        finally:
            for task in pending:
                task.future.cancel()
            self.executor.shutdown(wait=True, cancel_futures=True)

    def _submit(self, paths: list[str]) -> _Task:
        return _Task(paths, self.executor.submit(_parse_batch, paths), self.generation)

    def _next_done(self, pending: deque[_Task]) -> _Task:
        if self.ordered:
            return pending.popleft()
        done, _ = wait([task.future for task in pending], return_when="FIRST_COMPLETED")
        task = next(task for task in pending if task.future in done)
        pending.remove(task)
        return task

    def _collect(self, task: _Task, pending: deque[_Task]) -> Iterator[Result]:
        try:
            yield from task.future.result()
            return
        except BrokenProcessPool:
            if task.generation == self.generation:  # the first to notice replaces the pool
                self.executor.shutdown(wait=False, cancel_futures=True)
                self.executor = _executor(self.jobs, self.setup)
                self.generation += 1
        except Exception:  # e.g. a result that cannot be pickled: retry alone, as below
            pass
        # Innocent inputs share a dead worker's fate: retry each alone in its own process.
        yield from (_isolated(path, self.setup) for path in task.paths)


def _executor(jobs: int, setup: _WorkerSetup) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(setup,))


def _init_worker(setup: _WorkerSetup) -> None:
    """Workers leave Ctrl-C to the parent, which stops the pool (no traceback per worker),
    and learn the ids they need not parse and how to send letters back."""
    global _skip, _encoded, _rows
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _skip, _encoded, _rows = setup.skip, setup.encoded, setup.rows


def _isolated(path: str, setup: _WorkerSetup) -> Result:
    with _executor(1, setup) as solo:
        try:
            (result,) = solo.submit(_parse_batch, [path]).result()
            return result
        except BrokenProcessPool:
            return Result(path, None, "WorkerDied: the process parsing this input died", None)
        except Exception as error:
            return Result(path, None, _describe(error), None)


_T = TypeVar("_T")


def _in_flight(
    batches: Iterator[list[str]],
    submit: Callable[[list[str]], _T],
    limit: int,
    pending: deque[_T],
    next_done: Callable[[deque[_T]], _T] = deque.popleft,
) -> Iterator[_T]:
    """Submit ``batches`` keeping at most ``limit`` in ``pending``, and yield each task as
    ``next_done`` takes it out (the oldest by default: results in input order).  The
    caller owns ``pending``, to cancel what is left when it stops early; also used by the
    Dask path."""
    while True:
        while len(pending) < limit:
            batch = next(batches, None)
            if batch is None:
                break
            pending.append(submit(batch))
        if not pending:
            return
        yield next_done(pending)


def _batches(files: Iterable[str], size: int) -> Iterator[list[str]]:
    """``files`` in lists of ``size`` (the last may be shorter); also used by the Dask path."""
    batch: list[str] = []
    for path in files:
        batch.append(path)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
