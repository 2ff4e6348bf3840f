"""Letters per second: one process, ``--jobs N`` and a Dask LocalCluster, same letters.

    python bench/scale.py [--letters 2000] [--workers 2] [--repeat 3]

Writes ``--letters`` files into a temporary directory: the texts of bench/data and the
reference letter in turn, each copy with a small edit (its own serial number as the last
line), so every file is a distinct letter (its own id).  Then parses the directory

- in one process and with ``--workers`` processes, each letter sent back as a dict
  (``parse_many(jobs=N)``, the library's default) and as its JSON record
  (``parse_many(jobs=N, encoded=True)``, what ``replyparse parse --jobs N`` does),
- on a ``distributed.LocalCluster`` of ``--workers`` single-threaded processes, through
  ``replyparse.dask.parse_results`` (what ``--dask local`` does), with the cluster already
  running, and through ``parse_bag(...).compute()``,

each ``--repeat`` times, and prints a Markdown table of the best run (letters/s by wall
clock) plus the cluster's start-up time, which ``--dask local`` pays on every run.  The
machine's load average is printed too: on a shared machine, read the numbers with it.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from replyparse.batch import Result, default_jobs, parse_many

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [*sorted((ROOT / "bench" / "data").glob("*.txt")),
           ROOT / "samples" / "liaoning-2021-1125.txt"]


def make_letters(directory: Path, n: int) -> int:
    """``n`` distinct letters in ``directory``; returns their total size in characters."""
    texts = [path.read_text(encoding="utf-8") for path in SOURCES]
    chars = 0
    for i in range(n):
        text = texts[i % len(texts)].rstrip("\n") + f"\n（本件编号：{i:05d}）\n"
        (directory / f"letter-{i:05d}.txt").write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


def best(run: Callable[[], int], repeat: int, expected: int) -> float:
    """The shortest wall time of ``repeat`` runs of ``run`` (which returns the count)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        count = run()
        times.append(time.perf_counter() - start)
        assert count == expected, (count, expected)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=default_jobs())
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    from replyparse.dask import parse_bag, parse_results

    n, workers = args.letters, args.workers
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        chars = make_letters(root, n)
        files = [str(root)]
        rows: list[tuple[str, float]] = []

        def count(results: Iterable[Result]) -> int:
            return sum(1 for r in results if r.ok)

        load_before = os.getloadavg()
        cpu = time.process_time()
        rows.append(("1 process (`parse_many(jobs=1)`, dicts)",
                     best(lambda: count(parse_many(files, jobs=1)), args.repeat, n)))
        cpu = (time.process_time() - cpu) / args.repeat
        rows.append((f"{workers} processes (`parse_many(jobs={workers})`, each letter sent back "
                     "as a dict)",
                     best(lambda: count(parse_many(files, jobs=workers)), args.repeat, n)))
        # What `replyparse parse` does: workers send each record encoded as JSON.
        rows.append(("1 process, records as JSON (`replyparse parse --jobs 1`)",
                     best(lambda: count(parse_many(files, jobs=1, encoded=True)),
                          args.repeat, n)))
        rows.append((f"{workers} processes, records as JSON (`replyparse parse --jobs "
                     f"{workers}`)",
                     best(lambda: count(parse_many(files, jobs=workers, encoded=True)),
                          args.repeat, n)))
        start = time.perf_counter()
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=None,
                          scheduler_kwargs={"dashboard_address": ":0"}) as cluster, \
                Client(cluster) as client:
            startup = time.perf_counter() - start
            rows.append((f"Dask LocalCluster, {workers}×1 (`--dask local`, cluster running)",
                         best(lambda: count(parse_results(files, client=client)),
                              args.repeat, n)))
            rows.append((f"Dask LocalCluster, {workers}×1, `parse_bag(…).compute()`",
                         best(lambda: sum("error" not in r
                                          for r in parse_bag(files).compute()),
                              args.repeat, n)))
        load_after = os.getloadavg()

    single = rows[0][1]
    print(f"{n} letters ({chars / n:.0f} characters each on average), best of "
          f"{args.repeat}; {os.cpu_count()} CPUs, load average "
          f"{load_before[0]:.1f} before and {load_after[0]:.1f} after.\n")
    print("| how | letters/s | vs 1 process |")
    print("|---|---:|---:|")
    for label, seconds in rows:
        print(f"| {label} | {n / seconds:,.0f} | {single / seconds:.2f}× |")
    print(f"\n1 process by its CPU time (what one idle core would do): {n / cpu:,.0f} letters/s."
          f"\nLocalCluster start-up ({workers} worker processes): {startup:.1f} s.")


if __name__ == "__main__":
    main()
