"""Loading of the vocabularies under ``replyparse/data``: UTF-8 TSV, ``#`` comments."""

from __future__ import annotations

import os
from collections.abc import Iterable

_DATA = os.path.join(os.path.dirname(__file__), "data")


def read_text(name: str) -> str:
    """The text of ``data/<name>``: read from the package directory, or through
    ``importlib.resources`` (~5 ms to import) when the package is not on a file system."""
    try:
        with open(os.path.join(_DATA, name), encoding="utf-8") as handle:
            return handle.read()
    except FileNotFoundError:
        from importlib import resources

        return resources.files("replyparse.data").joinpath(name).read_text(encoding="utf-8")


def read_lines(name: str) -> list[str]:
    """Non-blank, non-comment lines of ``data/<name>``, stripped."""
    raw = read_text(name)
    return [line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")]


def read_table(name: str) -> list[list[str]]:
    """Rows of a tab-separated data file; cells stripped, empty trailing cells kept."""
    raw = read_text(name)
    rows = []
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([cell.strip() for cell in line.split("\t")])
    return rows


def alternation(words: Iterable[str]) -> str:
    """Vocabulary words as one ``re`` alternation, longest first (so the longest word at a
    place wins); the stdlib ``re`` matches such alternations faster than ``regex``."""
    import re

    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
