"""Document titles in 《》 with their kind (规划, 方案, 办法 …) and period.

《》 may nest (《关于〈…〉的通知》 or 《…《…》…》); the outermost pair is the mention.  An 《
with no 》 on its line is not a title.  One pass with a stack: linear on any input.
"""

from __future__ import annotations

from functools import cache

import regex

from replyparse.data_files import read_table
from replyparse.model import DocumentRef
from replyparse.periods import five_year_plan
from replyparse.text import normalise

# A title longer than this is an unclosed 《 that met a stray 》 much later.
_MAX_TITLE = 200
_PERIOD = r"[(（]?((?:19|20)\d{2})\s*+(?:年)?\s*+[-—–~～至到]\s*+((?:19|20)\d{2})\s*+年?[)）]?$"
_FIVE_YEAR_PLAN = r"[“\"]?(十[一二三四五六七八九]?|[三四五六七八九])五[”\"]?"


@cache
def _pattern(source: str) -> regex.Pattern[str]:
    return regex.compile(source)


@cache
def _kinds() -> list[tuple[str, str]]:
    rows = read_table("document_kinds.tsv")
    return sorted(((row[0], row[1]) for row in rows), key=lambda r: len(r[0]), reverse=True)


def find_documents(text: str, *, norm: str | None = None) -> list[DocumentRef]:
    """Every outermost 《…》 in ``text``, in order; ``norm`` is ``normalise(text)`` if known.

    >>> [d.kind for d in find_documents("结合《辽宁省国土空间规划》编制")]
    ['规划']
    """
    norm = normalise(text) if norm is None else norm
    found: list[DocumentRef] = []
    start = -1
    depth = 0
    for match in _pattern(r"[《》\r\n]").finditer(norm):
        i = match.start()
        char = norm[i]
        if char == "《":
            if depth == 0:
                start = i
            depth += 1
        elif char == "》" and depth:
            depth -= 1
            if depth == 0 and 1 < i - start <= _MAX_TITLE:
                found.append(_document(text, norm, start, i + 1))
        elif char in "\r\n":
            depth = 0
    return found


def _document(text: str, norm: str, start: int, end: int) -> DocumentRef:
    title = text[start + 1 : end - 1]
    bare = norm[start + 1 : end - 1].strip()
    period_match = _pattern(_PERIOD).search(bare)
    period: tuple[int, int] | None = None
    if period_match:
        period = (int(period_match.group(1)), int(period_match.group(2)))
        bare = bare[: period_match.start()].rstrip()
    if period is None:
        period = _five_year_plan(bare)
    kind = next((k for ending, k in _kinds() if bare.endswith(ending)), None)
    return DocumentRef(text=text[start:end], span=(start, end), title=title, kind=kind,
                       period=period)


def _five_year_plan(title: str) -> tuple[int, int] | None:
    """“十四五”规划 → (2021, 2025)."""
    if "规划" not in title and "计划" not in title:
        return None
    match = _pattern(_FIVE_YEAR_PLAN).search(title)
    return five_year_plan(match.group(1)) if match else None
