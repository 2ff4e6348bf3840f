"""The corpus texts the accuracy benches and their tests read, from the project's own copies.

The shared corpus (its README and MANIFEST.tsv) is not part of the project: a clone has only
the byte-for-byte copies of the texts it measures, kept in tests/data/corpus (mirroring the
corpus paths, sources in its SOURCES.tsv), tests/data/letters (``a-001.txt``) and bench/data
(``a-letters-004.txt``).  A bench given ``--corpus DIR`` reads that directory instead.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIES = ROOT / "tests" / "data" / "corpus"


def project_text(source: str) -> Path:
    """The project's copy of ``source``: ``samples/…`` or a corpus path (``c-gov/010.txt``)."""
    if source.startswith("samples/"):
        return ROOT / source
    top, name = source.split("/")
    places = [COPIES / source,
              ROOT / "tests" / "data" / "letters" / f"{top[0]}-{name}",
              ROOT / "bench" / "data" / f"{top}-{name}"]
    for path in places:
        if path.is_file():
            return path
    raise FileNotFoundError(f"{source}: no copy in the project ({', '.join(map(str, places))})")


def source_text(source: str, corpus: Path | None = None) -> str:
    """The text of ``source``: the project's copy, or ``corpus / source`` when a corpus is given."""
    path = project_text(source) if corpus is None or source.startswith("samples/") \
        else corpus / source
    return path.read_text(encoding="utf-8")
