"""A throwaway PostgreSQL server for the test session.

``initdb`` + ``pg_ctl`` in a fresh temporary directory, trust authentication, the unix
socket in that directory and TCP on a free port of 127.0.0.1.  PostgreSQL refuses to run as
root, so as root the server runs as an unprivileged user (``REPLYPARSE_PG_USER``, default
``nobody``) through ``setpriv``, in a directory under /tmp (``REPLYPARSE_PG_TMP``) that the
user owns.  ``find_bindir()`` looks on PATH and under
``/usr/lib/postgresql/*/bin``; without binaries the tests that need a server skip.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


def find_bindir() -> Path | None:
    """The directory holding ``initdb`` and ``pg_ctl`` (newest version first), or None."""
    candidates = [os.environ.get("REPLYPARSE_PG_BINDIR", "")]
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(str(Path(on_path).resolve().parent))
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                         key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit()
                         else 0, reverse=True)
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists() and (
                Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class PostgresServer:
    """``with PostgresServer() as pg: pg.url("postgres")`` — started and removed for you."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.port = _free_port()
        root = os.geteuid() == 0
        # Short (socket paths ≤ 107 bytes) and, as root, where the server's user can reach.
        parent = os.environ.get("REPLYPARSE_PG_TMP") or ("/tmp" if root else None)
        self.root = Path(tempfile.mkdtemp(prefix="rp-pg-", dir=parent))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.user: str | None = None
        self.prefix: list[str] = []
        if root:
            self.user = os.environ.get("REPLYPARSE_PG_USER", "nobody")
            entry = pwd.getpwnam(self.user)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
            self.prefix = ["setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}",
                           "--clear-groups", "--"]
        self.root.chmod(0o700)

    def _run(self, *args: str) -> None:
        env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "HOME": str(self.root)}
        result = subprocess.run([*self.prefix, *args], cwd=self.root, env=env,
                                capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            raise RuntimeError(f"{args[0]} failed ({result.returncode}):\n{result.stdout}\n"
                               f"{result.stderr}\n{log}")

    def start(self) -> None:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres",
                  "--auth=trust", "--encoding=UTF8", "--no-sync")
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                  "-o", options, "-w", "-t", "60", "start")

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                      "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        """SQLAlchemy URL (psycopg 3) over the unix socket."""
        return f"postgresql+psycopg://postgres@/{database}?host={self.root}&port={self.port}"

    def create_database(self, name: str) -> str:
        """A new empty database; its URL."""
        import psycopg

        with psycopg.connect(host=str(self.root), port=self.port, user="postgres",
                             dbname="postgres", autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def __enter__(self) -> PostgresServer:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextlib.contextmanager
def postgres_server() -> Iterator[PostgresServer | str]:
    """A running server, or a string saying why there is none (for ``pytest.skip``)."""
    bindir = find_bindir()
    if bindir is None:
        yield ("no PostgreSQL server binaries (initdb, pg_ctl) on PATH or under "
               "/usr/lib/postgresql/*/bin; install postgresql-15 to run these tests")
        return
    with PostgresServer(bindir) as server:
        yield server
