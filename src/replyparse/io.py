"""TEMPORARY minimal reader, replaced by the batch/io branch."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from replyparse.errors import ReadError


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    encoding: str | None
    source: str | None
    warnings: tuple[str, ...] = field(default=())


def read_text(source: str | Path | bytes) -> Document:
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    name = None if isinstance(source, bytes) else str(source)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return Document(data.decode(encoding), encoding, name)
        except UnicodeDecodeError:
            continue
    raise ReadError(f"{name or 'bytes'}: not UTF-8 or GB18030 text")
