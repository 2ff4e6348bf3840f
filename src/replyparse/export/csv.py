"""Flat CSV tables in a directory: one file per table of :mod:`replyparse.export.tables`.

Files are UTF-8 with a byte-order mark (so spreadsheet programs read the Chinese right),
one header row, and cells that a spreadsheet would run as a formula (starting with
``= + - @``, tab or carriage return) prefixed with ``'``.  A letter read twice (same id)
is written once; inputs that failed go to ``errors.csv``.  Files are created only inside
the output directory, never through a symbolic link.
"""

from __future__ import annotations

import csv
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from replyparse.batch import Result
from replyparse.export.tables import TABLES, flatten

ERRORS = "errors"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SAFE_NAME = re.compile(r"[a-z][a-z0-9_]*")


def neutralise(value: Any) -> Any:
    """A cell as CSV should hold it: text that starts a formula gets a leading ``'``.

    >>> neutralise("=HYPERLINK(1)"), neutralise("-3"), neutralise(Decimal("-3")), neutralise(None)
    ("'=HYPERLINK(1)", "'-3", '-3', '')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_START) else value
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def open_inside(directory: Path, name: str, suffix: str = ".csv") -> TextIO:
    """Create ``directory/name+suffix`` for writing; refuse names that would leave it."""
    if not _SAFE_NAME.fullmatch(name):
        raise ValueError(f"unsafe output file name: {name!r}")
    root = directory.resolve()
    target = root / f"{name}{suffix}"
    if target.parent != root:
        raise ValueError(f"{target} is outside {root}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(target, flags, 0o644)
    # A file name that is not UTF-8 (surrogate-escaped by the OS) in a cell the tables do
    # not escape already (errors.csv's path and messages) is written as \udcff, as
    # tables._storable and the JSON output write it, rather than stopping the run.
    return open(fd, "w", encoding="utf-8-sig", errors="backslashreplace", newline="")


class CsvWriter:
    """Writes results as CSV tables into ``directory`` (created if missing)."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self._seen: set[str] = set()
        self._files: dict[str, TextIO] = {}
        self._writers: dict[str, Any] = {}
        try:
            for name, columns in [*TABLES.items(), (ERRORS, ())]:
                header = [c.name for c in columns] if columns else ["path", "error"]
                handle = open_inside(self.directory, name)
                self._files[name] = handle
                self._writers[name] = csv.writer(handle)
                self._writers[name].writerow(header)
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> CsvWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def write(self, result: Result) -> bool:
        """Write one result; ``False`` for an error or a letter already written."""
        if result.letter is None or result.id is None:
            self._writers[ERRORS].writerow([neutralise(result.path), neutralise(result.error)])
            return False
        if result.id in self._seen:
            return False
        self._seen.add(result.id)
        rows = flatten(result.letter, letter_id=result.id, path=result.path, text=result.text)
        for name, columns in TABLES.items():
            names = [c.name for c in columns]
            self._writers[name].writerows(
                [neutralise(row[n]) for n in names] for row in rows[name]
            )
        return True

    def close(self) -> None:
        for handle in self._files.values():
            handle.close()
        self._files.clear()
