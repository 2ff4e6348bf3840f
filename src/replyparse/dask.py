"""Letters on a Dask cluster: a bag of records, data frames of the flat tables, parquet.

Needs the extra: ``pip install 'replyparse[dask]'`` (dask, distributed, pyarrow), on the
client and on every worker.  The parser is a pure function from text to dict, so Dask does
the scheduling; nothing here knows about workers.

Example (``docs/scale.md``)::

    from replyparse.dask import parse_bag, to_dataframes, to_parquet

    bag = parse_bag(["letters/"], text=True)      # lazy: nothing is parsed yet
    frames = to_dataframes(bag)                   # dict of dask DataFrames
    frames["money"].groupby("unit").size().compute()
    to_parquet(bag, "tables/")                    # parses once, writes every table

Records are exactly the CLI's JSONL records (``Result.record()``): ``Letter.to_dict()``
with ``path`` and ``id`` in front, or ``{"path", "error"}``; they are made by the same
per-file function as ``parse_many`` (:func:`replyparse.batch.parse_path`).  Tables are
those of :mod:`replyparse.export.tables` (the CSV and SQL columns) with fixed dtypes
(:func:`dtype`): text ``string[pyarrow]``, integers ``Int64``, flags ``boolean`` and
decimals as exact decimal *strings* (``"2196000000"``), never float.

Inside the package, ``import dask`` still means the real dask: imports are absolute.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import dask.bag as db
import dask.dataframe as dd
import pandas as pd
from dask.base import compute
from dask.delayed import Delayed, delayed

from replyparse.batch import (
    Result,
    _batches,
    _describe,
    _in_flight,
    default_jobs,
    expand_paths,
    parse_path,
)
from replyparse.errors import WorkerError
from replyparse.export.tables import TABLES, ColumnType, child_rows, letter_row

if TYPE_CHECKING:
    from distributed import Client, Future

    Submit = Callable[[list[str]], Future[list[Result]]]
    """Sends one batch of paths to the cluster, with the run's options."""

__all__ = [
    "ERRORS",
    "connect",
    "dtype",
    "parse_bag",
    "parse_results",
    "to_dataframes",
    "to_parquet",
]

ERRORS = "errors"
"""The extra table of inputs that failed: ``path``, ``error`` (as ``errors.csv``)."""

Source = str | os.PathLike[str] | tuple[str, bytes]
"""A bag element: a path the worker can read, or ``(name, bytes)`` read elsewhere."""

_DTYPES: dict[ColumnType, Any] = {
    "text": pd.StringDtype("pyarrow"),
    "int": pd.Int64Dtype(),
    "decimal": pd.StringDtype("pyarrow"),  # exact: format(Decimal, "f"), as in the CSV
    "bool": pd.BooleanDtype(),
}


def dtype(column_type: ColumnType) -> Any:
    """The pandas dtype of a column of :data:`replyparse.export.tables.TABLES`.

    All are nullable.  Decimals are strings holding the exact decimal (money must add up to
    the fen, and no one fixed scale suits every decimal column); convert them with
    ``Decimal`` or ``.astype(pd.ArrowDtype(pa.decimal128(38, scale)))`` for a scale you
    choose (the cast raises rather than round).
    """
    return _DTYPES[column_type]


# -- records -------------------------------------------------------------------------------


def parse_bag(
    paths_or_bag: Iterable[Source] | Source | db.Bag,
    *,
    npartitions: int | None = None,
    text: bool = False,
) -> db.Bag:
    """A lazy bag of records, one per input, in input order.

    ``paths_or_bag``: paths, directories and globs, expanded here as the CLI does
    (:func:`replyparse.batch.expand_paths`; workers must be able to read the files at those
    paths), or a ``dask.bag.Bag`` whose elements are paths or ``(name, bytes)`` pairs (for
    files the workers cannot see: the bytes travel with the task, ``name`` labels the record
    and its suffix picks the format).  ``npartitions`` sets the number of partitions
    (default: Dask's choice for a sequence, the bag's own for a bag).  ``text=True`` adds
    the letter's text to each parsed record under ``"text"``, so that
    :func:`to_dataframes` can fill ``letters.text`` and ``letters.n_chars`` as the CSV and
    SQL exports do.
    """
    if isinstance(paths_or_bag, db.Bag):
        bag = paths_or_bag
        if npartitions is not None:
            bag = bag.repartition(npartitions=npartitions)
    else:
        one = isinstance(paths_or_bag, (str, os.PathLike)) or _is_pair(paths_or_bag)
        sources = [cast(Source, paths_or_bag)] if one else cast(Iterable[Source], paths_or_bag)
        bag = db.from_sequence(_expand(sources), npartitions=npartitions)
    records: db.Bag = bag.map(_record, text=text)
    return records


def _is_pair(source: object) -> bool:
    return (isinstance(source, tuple) and len(source) == 2
            and isinstance(source[1], (bytes, bytearray, memoryview)))


def _expand(sources: Iterable[Source]) -> list[Source]:
    found: list[Source] = []
    for source in sources:
        if isinstance(source, tuple):
            found.append(source)
        else:
            found.extend(expand_paths([source]))
    return found


def _parse(source: Source) -> Result:
    if isinstance(source, tuple):
        name, data = source
        return parse_path(name, data=bytes(data))
    return parse_path(os.fspath(source))


def _record(source: Source, text: bool = False) -> dict[str, Any]:
    result = _parse(source)
    record = result.record()
    if text and result.letter is not None:
        record["text"] = result.text
    return record


# -- tables --------------------------------------------------------------------------------


def _column(values: list[Any], column_type: ColumnType) -> pd.Series[Any]:
    if column_type == "decimal":
        values = [None if v is None else format(Decimal(v), "f") for v in values]
    return pd.Series(values, dtype=_DTYPES[column_type])


def _frame(name: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    if name == ERRORS:
        return pd.DataFrame({key: _column([row[key] for row in rows], "text")
                             for key in ("path", "error")})
    return pd.DataFrame({c.name: _column([row[c.name] for row in rows], c.type)
                         for c in TABLES[name]})


def _frames(records: Iterable[Mapping[str, Any]]) -> dict[str, pd.DataFrame]:
    """One partition's records as one pandas frame per table (and ``errors``)."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in (*TABLES, ERRORS)}
    for record in records:
        if "error" in record:
            rows[ERRORS].append({"path": record["path"], "error": record["error"]})
            continue
        if record.get("skipped"):
            continue
        letter_id, text = record["id"], record.get("text")
        rows["letters"].append(letter_row(record, letter_id=letter_id,
                                          path=record.get("path"), text=text))
        for name, table in child_rows(record, letter_id=letter_id).items():
            rows[name].extend(table)
    return {name: _frame(name, table) for name, table in rows.items()}


def _pick(frames: dict[str, pd.DataFrame], name: str) -> pd.DataFrame:
    return frames[name]


def to_dataframes(bag: db.Bag) -> dict[str, dd.DataFrame]:
    """One Dask DataFrame per table of ``docs/database.md``, plus ``errors``.

    ``bag`` holds records as made by :func:`parse_bag` (or read back from JSONL).  Columns
    are those of :data:`~replyparse.export.tables.TABLES`, in order, with the dtypes of
    :func:`dtype` given as ``meta``, so nothing is computed to infer them.  Each bag
    partition becomes one partition of every table and is flattened once for all of them:
    compute the frames together (``dask.compute(*frames.values())``) or persist the bag
    first, else each compute parses again.  Unlike the CSV and SQL exports, a letter read
    twice (same ``id``) keeps its rows twice; ``drop_duplicates`` on ``letter_id, ord``
    (``id`` for letters) removes them.  Rows have a default index within each partition.
    """
    parts: list[Delayed] = [delayed(_frames, pure=True)(part) for part in bag.to_delayed()]
    result: dict[str, dd.DataFrame] = {}
    for name in (*TABLES, ERRORS):
        pieces = [delayed(_pick, pure=True)(part, name) for part in parts]
        result[name] = dd.from_delayed(pieces, meta=_frame(name, []), verify_meta=False)
    return result


def to_parquet(bag: db.Bag, directory: str | os.PathLike[str]) -> dict[str, Path]:
    """Write every table (and ``errors``) as a parquet dataset ``directory/<table>/``.

    One file per bag partition (``part.0.parquet`` …), all tables in one pass over the
    letters.  Existing datasets of those names are replaced.  Returns each table's directory.
    """
    root = Path(directory)
    frames = to_dataframes(bag)
    targets = {name: root / name for name in frames}
    writes = [frame.to_parquet(str(targets[name]), write_index=False, overwrite=True,
                               compute=False)
              for name, frame in frames.items()]
    compute(*writes)
    return targets


# -- the CLI's path: Results in input order, as parse_many ----------------------------------


_QUIET = {"dashboard_address": ":0"}
"""No dashboard; the scheduler's small HTTP server (health, metrics) on a free port, so a
second cluster on the machine does not warn that port 8787 is taken."""


@contextmanager
def connect(scheduler: str, *, workers: int | None = None) -> Iterator[Client]:
    """A ``distributed.Client`` for ``scheduler`` (``tcp://host:8786``), or for a
    ``LocalCluster`` of ``workers`` single-threaded processes (default: all cores) when
    ``scheduler`` is ``"local"``; closed (and the cluster stopped) on exit.  The local
    cluster's own log stays quiet (a loaded machine makes it report late heartbeats while
    it shuts down); what goes wrong with an input still becomes its error record.

    Workers of a remote scheduler must import the same replyparse version as this
    process, else :class:`~replyparse.errors.WorkerError`.
    """
    from distributed import Client, LocalCluster

    if scheduler == "local":
        n = workers or default_jobs()
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                          dashboard_address=None, scheduler_kwargs=_QUIET,
                          silence_logs=logging.CRITICAL) as cluster, \
                Client(cluster) as client:
            yield client
    else:
        with Client(scheduler) as client:
            _check_workers(client, scheduler)
            yield client


def _worker_version() -> str:
    from replyparse import __version__

    return __version__


def _check_workers(client: Client, scheduler: str) -> None:
    from replyparse import __version__

    try:
        versions: dict[str, str] = client.run(_worker_version)
    except Exception as error:  # a worker without replyparse cannot unpickle the call
        raise WorkerError(f"workers of {scheduler} cannot run replyparse: "
                           f"{_describe(error)}") from error
    wrong = {addr: v for addr, v in versions.items() if v != __version__}
    if wrong:
        raise WorkerError(f"workers of {scheduler} run another replyparse version than "
                           f"{__version__}: {wrong}")


def _parse_batch(
    paths: list[str], skip: Collection[str] = frozenset(), rows: bool = False
) -> list[Result]:
    return [parse_path(path, skip=skip, rows=rows) for path in paths]


def parse_results(
    paths: Iterable[str | os.PathLike[str]],
    *,
    client: Client,
    chunksize: int = 8,
    progress: Callable[[Result], object] | None = None,
    skip_ids: Collection[str] = frozenset(),
    rows: bool = False,
) -> Iterator[Result]:
    """``parse_many`` on a cluster: one :class:`~replyparse.batch.Result` per input, in
    input order, text included (for the CSV and SQL writers).

    Inputs go to workers ``chunksize`` at a time with at most two batches per worker
    thread in flight, so memory stays flat.  A batch whose task fails (a worker died and
    Dask gave up on it) is retried input by input; an input that fails alone too gets an
    error record.  ``progress`` is called once per input just before it is yielded.
    ``skip_ids`` and ``rows`` are those of ``parse_many``: an input whose text has an id
    in ``skip_ids`` is read but not parsed (``Result.skipped``); ``rows=True`` sends each
    letter flattened into the database tables' rows (``Result.rows``) instead of a dict,
    as ``replyparse export`` needs.  The ids go to every worker once (scattered), not
    with each batch.
    """
    batches = _batches(expand_paths(paths), max(1, chunksize))
    limit = 2 * max(1, sum(client.nthreads().values()))
    skip: Any = frozenset(skip_ids)
    if skip:  # one copy per worker, not one per task
        [skip] = client.scatter([skip], broadcast=True, hash=False)

    def submit(batch: list[str]) -> Future[list[Result]]:
        return client.submit(_parse_batch, batch, skip, rows, pure=False)

    pending: deque[tuple[list[str], Future[list[Result]]]] = deque()
    try:
        for batch, future in _in_flight(batches, lambda b: (b, submit(b)), limit, pending):
            for result in _gather(client, batch, future, submit):
                if progress is not None:
                    progress(result)
                yield result
    finally:
        if pending:
            client.cancel([future for _, future in pending])


def _gather(client: Client, batch: list[str], future: Future[list[Result]],
            submit: Submit) -> list[Result]:
    from distributed import KilledWorker

    try:
        results: list[Result] = future.result()
        return results
    except Exception:  # KilledWorker, a result that cannot be sent: retry alone
        if client.status != "running":  # the cluster is gone: stop, do not fail every input
            raise
    alone: list[Result] = []
    for path in batch:
        try:
            (result,) = submit([path]).result()
        except KilledWorker:
            result = Result(path, None, "WorkerDied: the process parsing this input died", None)
        except Exception as error:
            if client.status != "running":
                raise
            result = Result(path, None, _describe(error), None)
        alone.append(result)
    return alone
