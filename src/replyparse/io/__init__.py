"""Read a letter from a path or bytes into ``str``: encodings and file formats.

>>> doc = read_text("省人大第1125号建议的答复。".encode("gb18030"))
>>> doc.encoding, doc.format
('gb18030', 'text')

Formats: plain text (any extension not listed below), ``.html``/``.htm`` (extra ``html``),
``.docx`` (extra ``docx``), ``.pdf`` (extra ``pdf``). Bytes and unknown extensions are sniffed
by their first bytes. The format libraries are imported only when a file of that format is
read, so ``import replyparse`` stays light. See ``docs/io.md``.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from replyparse.errors import InputTooLarge, ReadError
from replyparse.io._decode import decode_text

__all__ = ["FORMATS", "MAX_BYTES", "Document", "read_text", "sniff_format"]

#: Default bound on the bytes read from a file or given as bytes.
MAX_BYTES = 50_000_000
#: The values of ``Document.format``.
FORMATS = ("text", "html", "docx", "pdf")

_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
_UNSUPPORTED = {
    ".doc": "legacy Word 97-2003 .doc is not supported; save it as .docx",
    ".wps": "WPS .wps is not supported; save it as .docx",
    ".rtf": "RTF is not supported; save it as .docx or .txt",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True, slots=True)
class Document:
    """A letter's text as read, with how it was read.

    ``encoding`` is the codec that decoded the bytes (``utf-8``, ``utf-8-sig``, ``utf-16``,
    ``gb18030``, ``big5``, …), or ``None`` when the format carries its own (docx, pdf).
    ``source`` is the path or the ``name`` given; ``format`` is one of ``FORMATS``.
    """

    text: str
    encoding: str | None
    source: str | None
    format: str
    warnings: tuple[str, ...] = field(default=())


def read_text(
    source: str | os.PathLike[str] | bytes,
    *,
    name: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Document:
    """Read a letter from a file path or from bytes.

    A ``str`` is always a path, never the letter itself (pass text straight to ``parse``).
    *name* labels the input in messages and in ``Document.source``, and its extension picks
    the format (for a path, the path's own name is used when *name* is not given); without a
    known extension the format is sniffed. Inputs over *max_bytes* raise ``InputTooLarge``
    (also the bound on a .docx's inflated size); anything that cannot be read as a letter
    raises ``ReadError`` (an ``OSError``) with the reason.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        label = name or "<bytes>"
        if len(data) > max_bytes:
            raise InputTooLarge(f"{label}: {len(data)} bytes, over the limit of {max_bytes}")
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        label = name or str(path)
        data = _read_file(path, label, max_bytes)
        name = name or path.name
    else:
        raise TypeError(f"read_text() takes a path or bytes, not {type(source).__name__}")
    fmt = _choose_format(data, name, label)
    return _convert(data, fmt, label, None if label == "<bytes>" else label, max_bytes)


def _read_file(path: Path, label: str, max_bytes: int) -> bytes:
    looks_like_text = "\n" in str(path) or len(str(path)) > 255
    hint = " (read_text takes a path or bytes; pass text to parse())" if looks_like_text else ""
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        if path.is_symlink():
            raise ReadError(f"{label}: broken symbolic link (to {os.readlink(path)})") from exc
        raise ReadError(f"{label}: no such file{hint}") from exc
    except PermissionError as exc:
        raise ReadError(f"{label}: permission denied") from exc
    except OSError as exc:
        raise ReadError(f"{label}: cannot read: {exc.strerror or exc}{hint}") from exc
    except ValueError as exc:  # "embedded null byte"
        raise ReadError(f"{label}: not a valid path: {exc}{hint}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise ReadError(f"{label}: is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(f"{label}: not a regular file")
    if info.st_size > max_bytes:
        raise InputTooLarge(f"{label}: {info.st_size} bytes, over the limit of {max_bytes}")
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError as exc:
        raise ReadError(f"{label}: permission denied") from exc
    except OSError as exc:
        raise ReadError(f"{label}: cannot read: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:  # the file grew after stat()
        raise InputTooLarge(f"{label}: over the limit of {max_bytes} bytes")
    return data


def _choose_format(data: bytes, name: str | None, label: str) -> str:
    suffix = Path(name).suffix.lower() if name else ""
    if data.startswith(_OLE_MAGIC):  # a Word 97-2003 file, whatever its name says
        raise ReadError(f"{label}: {_UNSUPPORTED['.doc']}")
    if suffix in _UNSUPPORTED:
        raise ReadError(f"{label}: {_UNSUPPORTED[suffix]}")
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    return sniff_format(data, label)


def sniff_format(data: bytes, label: str = "<bytes>") -> str:
    """The format of *data* from its first bytes: docx, pdf, html or text."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "docx"
    if b"%PDF-" in data[:1024]:  # readers accept junk before the header
        return "pdf"
    if data.startswith(_OLE_MAGIC):
        raise ReadError(f"{label}: {_UNSUPPORTED['.doc']}")
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")) or (
        head.startswith((b"<?xml", b"<!--", b"<head", b"<meta")) and b"<html" in head
    ):
        return "html"
    return "text"


def _convert(data: bytes, fmt: str, label: str, source: str | None, max_bytes: int) -> Document:
    if fmt == "text":
        decoded = decode_text(data, label)
        return Document(decoded.text, decoded.encoding, source, fmt, decoded.warnings)
    if fmt == "html":
        from replyparse.io._html import html_to_text

        text, encoding, warnings = html_to_text(data, label)
        return Document(text, encoding, source, fmt, warnings)
    if fmt == "docx":
        from replyparse.io._docx import docx_to_text

        text, warnings = docx_to_text(data, label, max_bytes)
        return Document(text, None, source, fmt, warnings)
    from replyparse.io._pdf import pdf_to_text

    text, warnings = pdf_to_text(data, label)
    return Document(text, None, source, fmt, warnings)
