"""Export rate to PostgreSQL of already-parsed letters (the writer alone, no parsing).

    python bench/export_postgres.py [N] [--rtt MS]

Starts a throwaway PostgreSQL server (``tests/pg_server.py``: ``initdb`` and ``pg_ctl`` on
PATH or under /usr/lib/postgresql), then writes N letters as ``bench/export_sqlite.py``
does, with the CPU time the server used per letter (/proc, Linux).  ``--rtt`` puts a TCP
relay in between that holds every message for half of MS each way, as a network with that
round-trip time would: a server on another machine, where the number of round trips per
letter, not the server's work, sets the rate.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import queue
import socket
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from export_sqlite import CORPUS, SAMPLE, bench  # noqa: E402
from pg_server import postgres_server  # noqa: E402


def _pump(source: socket.socket, sink: socket.socket, delay: float) -> None:
    """Forward what ``source`` sends, each chunk ``delay`` s after it arrived: a delay line,
    so chunks in flight together arrive together (latency, no bandwidth limit)."""
    line: queue.SimpleQueue[tuple[float, bytes]] = queue.SimpleQueue()

    def send() -> None:
        try:
            while (item := line.get())[1]:
                wait = item[0] + delay - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                sink.sendall(item[1])
            sink.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    threading.Thread(target=send, daemon=True).start()
    try:
        while data := source.recv(1 << 16):
            line.put((time.monotonic(), data))
    except OSError:
        pass
    line.put((0.0, b""))


def _relay(listener: socket.socket, port: int, delay: float) -> None:
    while True:
        client, _ = listener.accept()
        server = socket.create_connection(("127.0.0.1", port))
        for end in (client, server):
            end.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for pair in ((client, server), (server, client)):
            threading.Thread(target=_pump, args=(*pair, delay), daemon=True).start()


def delaying_relay(port: int, delay: float) -> int:
    """A local port whose connections reach 127.0.0.1:``port``, each chunk ``delay`` s late.

    The relay runs in a process of its own, so the writer's CPU time leaves it out."""
    listener = socket.create_server(("127.0.0.1", 0))
    relay = multiprocessing.get_context("fork").Process(
        target=_relay, args=(listener, port, delay), daemon=True)
    relay.start()
    return int(listener.getsockname()[1])


def server_cpu(data: Path) -> float:
    """CPU seconds the server has used: its postmaster (with its ended children) and its
    live processes, from /proc (Linux)."""
    tick = os.sysconf("SC_CLK_TCK")
    postmaster = int((data / "postmaster.pid").read_text().split()[0])
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        pid, ppid = int(stat.parent.name), int(fields[1])
        if pid == postmaster:
            total += sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
        elif ppid == postmaster:
            total += int(fields[11]) + int(fields[12])
    return total / tick


def _cpu_since(data: Path, n: int) -> Callable[[], str]:
    last = [server_cpu(data)]

    def since() -> str:
        now = server_cpu(data)
        used, last[0] = now - last[0], now
        return f"server {used * 1000 / n:.2f} ms CPU per letter"
    return since


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=1000)
    parser.add_argument("--rtt", type=float, default=0.0,
                        help="simulated network round-trip time in ms (default: none, the "
                             "unix socket)")
    args = parser.parse_args()
    with postgres_server() as server:
        if isinstance(server, str):
            sys.exit(f"no PostgreSQL server: {server}")
        url = server.create_database("bench_export")
        if args.rtt:
            port = delaying_relay(server.port, args.rtt / 2000)
            url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/bench_export"
        link = f"simulated round trip {args.rtt:g} ms" if args.rtt else "unix socket"
        print(f"PostgreSQL, {link}")
        for name, texts in (
                ("reference letter", [SAMPLE.read_text(encoding="utf-8")]),
                ("bench/data corpus", [p.read_text(encoding="utf-8")
                                       for p in sorted(CORPUS.glob("*.txt"))])):
            bench(name, texts, args.n, url, since=_cpu_since(server.data, args.n))


if __name__ == "__main__":
    main()
