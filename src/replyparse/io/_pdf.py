"""``.pdf`` → text with pdfplumber (extra ``pdf``): body lines, no page furniture, reflowed.

Per page, pdfplumber gives the text lines with their positions. Then:

1. page furniture goes: page numbers (``— 3 —``, ``- 3 -``, ``第1页 共3页``, ``3/12``, bare
   digits) and running headers/footers — lines among the first/last two of a page that recur,
   digits aside, on more than half of the pages (at least two);
2. lines are reflowed into paragraphs: a line that reaches the right margin continues on the
   next one unless that one is indented or starts with a heading marker (一、 （一） 1. ①),
   across page breaks too — so sentences and amounts are not cut by the page's line wrapping;
3. spaces pdfplumber puts between two CJK characters (justified text) are removed.

A PDF whose text is missing or mostly ``(cid:NN)`` glyphs (a scan, or a CID font without a
ToUnicode map) raises ``ReadError("…: no text layer: scanned or CID-font PDF …")``.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

from replyparse.errors import ReadError

#: More pages than this is not a letter.
MAX_PAGES = 500
#: Share of (cid:NN) glyphs above which the text layer is unusable.
MAX_CID_SHARE = 0.05
#: Fewer visible characters than this in the whole PDF means no text layer.
MIN_CHARS = 10
_EDGE = 2  # lines at the top and at the bottom of a page that may be furniture
_CID = re.compile(r"\(cid:\d+\)")
_PAGE_NUMBER = re.compile(
    r"[-—–－~～\s]*(?:\d+|[一二三四五六七八九十百]+)[-—–－~～\s]*"
    r"|第\s*\d+\s*页\s*[,，/]?\s*(?:共\s*\d+\s*页)?"
    r"|\d+\s*/\s*\d+"
    r"|(?:page|Page|PAGE)\s*\d+(?:\s*(?:of|/)\s*\d+)?"
)
_DASHED_NUMERAL = re.compile(r"[-—–－~～]\s*[一二三四五六七八九十百]+\s*[-—–－~～]")
_DIGITS = re.compile(r"\d+")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}]) +(?=[{_CJK}])")
_HEADING = re.compile(
    r"(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．](?!\d)|[①-⑳])"
)


@dataclass(slots=True)
class _Line:
    text: str
    x0: float
    x1: float
    height: float


def pdf_to_text(data: bytes, label: str) -> tuple[str, tuple[str, ...]]:
    """Body text of a PDF with a text layer, one paragraph per line."""
    try:
        import pdfplumber
    except ImportError as exc:
        raise ReadError(
            f"{label}: reading .pdf needs pdfplumber: pip install 'replyparse[pdf]'"
        ) from exc
    pages, encrypted = _extract(pdfplumber, data, label)
    visible = "".join(line.text for page in pages for line in page)
    cids = len(_CID.findall(visible))
    usable = len(_CID.sub("", visible).replace(" ", ""))
    if usable < MIN_CHARS or cids > MAX_CID_SHARE * (usable + cids):
        detail = f"{cids} (cid:NN) glyphs" if cids else f"{usable} characters of text"
        plural = "s" if len(pages) != 1 else ""
        note = "; the file is encrypted, which can hide its text from pdfminer" if encrypted else ""
        raise ReadError(
            f"{label}: no text layer: scanned or CID-font PDF "
            f"({detail} on {len(pages)} page{plural}{note})"
        )
    body, warnings = _drop_furniture(pages)
    text = "\n".join(_reflow(body))
    return _CJK_SPACE.sub("", text), warnings


def _extract(pdfplumber: Any, data: bytes, label: str) -> tuple[list[list[_Line]], bool]:
    """Text lines of every page, and whether the file is encrypted (owner password only)."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises its own PDFSyntaxError, PSEOF, …
        raise ReadError(f"{label}: not a readable .pdf: {_describe(exc)}") from exc
    with pdf:
        encrypted = getattr(pdf.doc, "encryption", None) is not None
        try:
            count = len(pdf.pages)
            if count > MAX_PAGES:
                raise ReadError(f"{label}: .pdf has {count} pages (limit {MAX_PAGES})")
            if count == 0:
                raise ReadError(f"{label}: .pdf has no pages")
            pages = []
            for page in pdf.pages:
                lines = page.extract_text_lines(return_chars=False)
                pages.append([
                    _Line(line["text"].strip(), float(line["x0"]), float(line["x1"]),
                          float(line["bottom"]) - float(line["top"]))
                    for line in lines
                    if line["text"].strip()
                ])
                page.close()
        except ReadError:
            raise
        except Exception as exc:
            raise ReadError(f"{label}: not a readable .pdf: {_describe(exc)}") from exc
    return pages, encrypted


def _describe(exc: BaseException) -> str:
    """The reason, looking through pdfplumber's ``PdfminerException`` wrapper."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    name = type(inner).__name__
    if "Password" in name or "Encrypt" in name:
        return "encrypted, needs a password"
    return f"{name}: {inner}" if str(inner) else name


def _drop_furniture(pages: list[list[_Line]]) -> tuple[list[list[_Line]], tuple[str, ...]]:
    """Pages without page numbers and running headers/footers (named in a warning)."""
    recurring: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for page in pages:
        for line in _edges(page):
            if not _is_page_number(line.text):
                shown.setdefault(_key(line.text), line.text)
        recurring.update({_key(line.text) for line in _edges(page)})
    needed = max(2, len(pages) // 2 + 1)
    running = {key for key, count in recurring.items() if count >= needed}
    kept_pages = []
    for page in pages:
        edges = {id(line) for line in _edges(page)}
        kept_pages.append([
            line for line in page
            if id(line) not in edges
            or not (_is_page_number(line.text) or _key(line.text) in running)
        ])
    named = sorted(shown[key] for key in running if key in shown)
    warnings = (f"dropped running header/footer lines: {' | '.join(named)}",) if named else ()
    return kept_pages, warnings


def _edges(page: list[_Line]) -> list[_Line]:
    return page[:_EDGE] + page[max(_EDGE, len(page) - _EDGE):]


def _key(text: str) -> str:
    return _DIGITS.sub("#", text.replace(" ", ""))


def _is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.fullmatch(text.strip())) and (
        not re.search(r"[一二三四五六七八九十百]", text) or bool(_DASHED_NUMERAL.fullmatch(text))
    )


def _reflow(pages: list[list[_Line]]) -> list[str]:
    """Join a line that reaches the right margin with the next unindented one."""
    lines = [line for page in pages for line in page]
    if not lines:
        return []
    long_lines = [line for line in lines if len(line.text) >= 10] or lines
    em = statistics.median(line.height for line in long_lines) or 10.0
    left = min(line.x0 for line in long_lines)
    right = max(line.x1 for line in long_lines)
    # Each paragraph is a list of pieces joined once at the end: adding to a growing string
    # copied it every time, quadratic for a long unindented PDF read as one paragraph.
    out: list[list[str]] = []
    joining = False
    for line in lines:
        if joining and line.x0 <= left + 0.5 * em and not _HEADING.match(line.text):
            if _needs_space(out[-1][-1], line.text):
                out[-1].append(" ")
            out[-1].append(line.text)
        else:
            out.append([line.text])
        joining = line.x1 >= right - 1.5 * em
    return ["".join(pieces) for pieces in out]


def _needs_space(before: str, after: str) -> bool:
    """Wrapped CJK joins directly; wrapped Latin words get their space back."""
    last, first = before[-1:], after[:1]
    return last.isascii() and last.isalnum() and first.isascii() and first.isalnum()
