"""Export rate to SQLite of already-parsed letters (the writer alone, no parsing).

    python bench/export_sqlite.py [N] [--db sqlite:///path]

For the reference letter (long: ~4,500 characters, ~320 rows), the real letters in
bench/data (~2,500 characters on average) and a short synthetic one: parses them once,
then writes them N times in turn under N distinct ids (random, like real SHA-256 ids) to a
fresh SQLite file (the writer's default 500 letters per transaction, each letter atomic),
then writes the same N again (all already present).  Two writers of the same letters,
each to its own file: "records", the rows already flattened into tuples ready to bind, as
``replyparse export``'s workers send them (``parse_many(rows=True)``), so this is what
that command's parent process does per letter; and "dicts", ``Letter.to_dict()``
flattened by the writer (an API user's ``Writer.write`` of a plain result).  Prints
letters/s and rows/s by wall clock and by this process's CPU time (the machine may be
shared).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from replyparse.batch import Result, letter_id
from replyparse.export.sql import Writer, connect
from replyparse.export.tables import flatten, flatten_records
from replyparse.parser import parse

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "liaoning-2021-1125.txt"
CORPUS = ROOT / "bench" / "data"
SHORT = (
    "关于乡村振兴的答复\n王五代表：\n您提出的关于乡村振兴的建议收悉，现答复如下：\n"
    "一、关于资金保障\n近年来，我厅会同省财政厅累计安排资金3541.07万元，完成改造0.64万亩。\n"
    "下一步，我厅将争取中央资金21.96亿元，推进《辽宁省“十四五”乡村振兴规划（2021—2025年）》实施。\n"
    "感谢您对我们工作的关心和支持。\n辽宁省农业农村厅\n2021年5月28日\n"
)


def bench(name: str, texts: list[str], n: int, db: str | None,
          since: Callable[[], str] | None = None) -> None:
    """Write ``texts`` ``n`` times in turn; ``since()`` (if given) is printed after each pass:
    what else it cost since the call before (a server's CPU time)."""
    parsed = [Result(name, parse(text).to_dict(), None, letter_id(text), text)
              for text in texts]
    rows = [sum(len(v) for v in flatten(r.letter or {}, letter_id="x").values())
            for r in parsed]
    chars = sum(map(len, texts)) / len(texts)
    print(f"{name}: {len(texts)} letter(s), {chars:.0f} chars and {sum(rows) / len(rows):.0f}"
          " rows per letter")
    ids = [hashlib.sha256(f"{name}{i}".encode()).hexdigest() for i in range(n)]
    dicts = [dataclasses.replace(parsed[i % len(parsed)], id=rid) for i, rid in enumerate(ids)]
    # What a worker sends: made there, so not timed here (each its own objects, as unpickled)
    records = [dataclasses.replace(r, letter=None, text=None, rows=flatten_records(
        r.letter or {}, letter_id=r.id or "", path=r.path, text=r.text)) for r in dicts]
    per_letter = sum(rows[i % len(rows)] for i in range(n)) / n
    for kind, results in (("records", records), ("dicts", dicts)):
        with tempfile.TemporaryDirectory() as tmp:
            engine = connect(db or f"sqlite:///{tmp}/bench.db")
            for label in ("new letters", "already present"):
                if since:
                    since()
                wall, cpu = time.perf_counter(), time.process_time()
                with Writer(engine) as writer:
                    for r in results:
                        writer.write(r)
                engine.dispose()  # the last connection's checkpoint, timed too
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                print(f"  {kind:>7}, {label:>15}: {n / wall:6.0f} letters/s wall "
                      f"({n * per_letter / wall:7.0f} rows/s),"
                      f" {n / cpu:6.0f} letters/s cpu  ({writer.stats})"
                      + (f"; {since()}" if since else ""))
            if db:
                break  # a database given: the second kind would find every letter present


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=3000)
    parser.add_argument("--db", help="a SQLAlchemy URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    bench("reference letter", [SAMPLE.read_text(encoding="utf-8")], args.n, args.db)
    corpus = sorted(CORPUS.glob("*.txt"))
    if corpus:
        bench("bench/data corpus", [p.read_text(encoding="utf-8") for p in corpus], args.n,
              args.db)
    bench("short letter", [SHORT], args.n, args.db)


if __name__ == "__main__":
    main()
