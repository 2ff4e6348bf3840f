"""``.docx`` → text with docx2python (extra ``docx``), Word's automatic numbering kept.

The zip is checked before anything is decompressed: member count, each member's declared
size, the total, and the compression ratio of large members (zip bombs). Python's zipfile
never inflates a member past its declared size, so checking the declarations is enough.

docx2python reads the body (paragraphs, tables, text boxes). Its own list labels are not
used: docx2python 3.7 renders only Western formats, as ``1)``, and turns 一、/（一） into
``--`` bullets. Labels are rendered here instead from ``word/numbering.xml``
(`replyparse.io._numbering`): ``w:lvlText`` such as ``%1、`` or ``（%2）`` with
``chineseCounting``, ``decimal``, ``decimalEnclosedCircle`` … so 一、 （一） 1. ① stay at the
start of their lines, where the section parser looks for them.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from typing import TYPE_CHECKING, Any

from replyparse.errors import ReadError
from replyparse.io._numbering import Numbering

if TYPE_CHECKING:
    from collections.abc import Iterator

#: At most this many members in the archive.
MAX_MEMBERS = 10_000
#: Members larger than this (uncompressed) must not be compressed more than MAX_RATIO times.
RATIO_FLOOR = 1_000_000
MAX_RATIO = 200
#: docx2python's own label run at the start of a numbered paragraph: "\t\t1)\t", "--\t".
_LIBRARY_BULLET = re.compile(r"\A\t*(?:--|[0-9]+\)|[a-zA-Z]+\)|[ivxlcdmIVXLCDM]+\))\t")
#: docx2python's placeholders for images and notes: "----media/image1.png----",
#: "----footnote1----", and an image's alt text "----Image alt text---->描述<" (four dashes, no
#: closing dashes: the image's own placeholder follows).  Alt text is bounded: ``[^<]*`` made
#: every placeholder of a paragraph with no "<" scan to its end (quadratic; 1 MB took ~35 s).
_PLACEHOLDER = re.compile(
    r"----(?:media/[^-]*|[a-z]+note\d+)----|----Image alt text---->[^<]{0,2000}<"
)


def docx_to_text(data: bytes, label: str, max_bytes: int) -> tuple[str, tuple[str, ...]]:
    """Body text of a .docx, one paragraph per line; table cells joined by tabs."""
    try:
        from docx2python import docx2python
    except ImportError as exc:
        raise ReadError(
            f"{label}: reading .docx needs docx2python: pip install 'replyparse[docx]'"
        ) from exc
    numbering = _check_archive(data, label, max_bytes)
    try:
        with warnings.catch_warnings(), docx2python(io.BytesIO(data)) as content:
            warnings.simplefilter("ignore")  # "chineseCounting numbering format not implemented"
            tables = content.body_pars
    except ReadError:
        raise
    except Exception as exc:  # docx2python raises whatever zipfile/lxml raise
        raise ReadError(f"{label}: not a readable .docx: {_describe(exc)}") from exc
    text = "\n".join(_lines(tables, numbering))
    if not text.strip():
        raise ReadError(f"{label}: .docx with no text in its body")
    return text, ()


def _check_archive(data: bytes, label: str, max_bytes: int) -> Numbering:
    """Refuse zip bombs and non-docx zips; return the numbering definitions."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        # A zip's directory is at its end: a file cut short starts right and has none.
        damaged = "truncated or damaged zip archive: " if data.startswith(b"PK\x03\x04") else ""
        raise ReadError(f"{label}: not a readable .docx: {damaged}{_describe(exc)}") from exc
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise ReadError(
                f"{label}: not a readable .docx: {len(members)} members in the archive "
                f"(limit {MAX_MEMBERS})"
            )
        total = 0
        for member in members:
            size = member.file_size
            if size > max_bytes:
                raise ReadError(
                    f"{label}: refused .docx: member {member.filename} would inflate to "
                    f"{size} bytes (limit {max_bytes})"
                )
            ratio = size / max(member.compress_size, 1)
            if size > RATIO_FLOOR and ratio > MAX_RATIO:
                raise ReadError(
                    f"{label}: refused .docx: member {member.filename} is compressed "
                    f"{ratio:.0f}:1 (limit {MAX_RATIO}:1), a zip bomb"
                )
            total += size
        if total > max_bytes:
            raise ReadError(
                f"{label}: refused .docx: members would inflate to {total} bytes in all "
                f"(limit {max_bytes})"
            )
        names = {member.filename for member in members}
        if "word/document.xml" not in names:
            raise ReadError(f"{label}: not a readable .docx: no word/document.xml in the zip")
        try:
            parts = {
                member.filename: archive.read(member)
                for member in members
                if member.filename.endswith((".xml", ".rels"))
            }
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise ReadError(f"{label}: not a readable .docx: {_describe(exc)}") from exc
    for member_name, xml in parts.items():
        _refuse_dtd(xml, member_name, label)
    try:
        return Numbering.from_xml(parts.get("word/numbering.xml"), parts.get("word/styles.xml"))
    except ValueError as exc:
        raise ReadError(f"{label}: not a readable .docx: {exc}") from exc


def _refuse_dtd(xml: bytes, member: str, label: str) -> None:
    """OOXML parts never declare a DTD; one that does may carry an entity bomb."""
    if b"<!DOCTYPE" in xml[:4096] or b"<!ENTITY" in xml:
        raise ReadError(f"{label}: refused .docx: {member} declares a DTD or entities")


def _lines(tables: Any, numbering: Numbering) -> Iterator[str]:
    """One line per paragraph; the cells of a table row are joined by tabs."""
    for table in tables:
        for row in table:
            cells = []
            for cell in row:
                pars = [_paragraph(par, numbering) for par in cell]
                cells.append("\n".join(par for par in pars if par.strip()))
            if len(row) > 1 and all("\n" not in cell for cell in cells):
                line = "\t".join(cell.strip() for cell in cells if cell.strip())
                if line:
                    yield line
            else:
                yield from (cell for cell in cells if cell.strip())


def _paragraph(par: Any, numbering: Numbering) -> str:
    text = "".join(str(run) for run in par.runs)
    if par.list_position[0] is not None:
        text = _LIBRARY_BULLET.sub("", text, count=1)
    text = _PLACEHOLDER.sub("", text)
    label = numbering.label(par.elem) if par.elem is not None else ""
    return (label + text).strip()


def _describe(exc: BaseException) -> str:
    """The exception's message; its type too when the message alone says little."""
    if isinstance(exc, (zipfile.BadZipFile, OSError, ValueError)) and str(exc):
        return str(exc)
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
