"""Document titles in 《》 with their kind (规划, 方案, 办法 …) and period.

《》 may nest (《关于〈…〉的通知》 or 《…《…》…》); the outermost pair is the mention.  An 《
with no 》 on its line is not a title.  Linear on any input: each 《 is found by ``str.find``
and its title walked once with a stack depth (titles are short, so most of the text is
skipped at C speed instead of visited by a character-class scan).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from replyparse.assemble import Where, nowhere
from replyparse.data_files import read_table
from replyparse.model import DocumentRef, positional_new
from replyparse.periods import five_year_plan
from replyparse.text import normalise

# A title longer than this is an unclosed 《 that met a stray 》 much later.
_MAX_TITLE = 200
_PERIOD = r"[(（]?((?:19|20)\d{2})\s*+(?:年)?\s*+[-—–~～至到]\s*+((?:19|20)\d{2})\s*+年?[)）]?$"
_FIVE_YEAR_PLAN = r"[“\"]?(十[一二三四五六七八九]?|[三四五六七八九])五[”\"]?"
#: A period can only close a title ending in one of these (or a digit).
_PERIOD_LAST = frozenset("年)）")


@cache
def _pattern(source: str) -> re.Pattern[str]:
    return re.compile(source)


@cache
def _kinds() -> tuple[dict[str, str], tuple[int, ...]]:
    """{ending: kind} (the first row of an ending wins) and the ending lengths, longest
    first: the longest ending that closes a title decides its kind."""
    by_ending: dict[str, str] = {}
    for row in read_table("document_kinds.tsv"):
        by_ending.setdefault(row[0], row[1])
    return by_ending, tuple(sorted({len(e) for e in by_ending}, reverse=True))


def find_documents(text: str, *, norm: str | None = None,
                   where: Where = nowhere) -> list[DocumentRef]:
    """Every outermost 《…》 in ``text``, in order; ``norm`` is ``normalise(text)`` if known,
    ``where`` the stance and section of a span (``Locator.where``).

    >>> [d.kind for d in find_documents("结合《辽宁省国土空间规划》编制")]
    ['规划']
    """
    norm = normalise(text) if norm is None else norm
    found: list[DocumentRef] = []
    new = positional_new(DocumentRef)  # a third cheaper than a call by keyword
    marks = _pattern(r"[《》\r\n]")
    start = norm.find("《")
    while start >= 0:
        depth = 1
        resume = len(norm)  # no 》 and no line break after this 《: nothing more to find
        for match in marks.finditer(norm, start + 1):
            i = match.start()
            char = norm[i]
            if char == "《":
                depth += 1
            elif char == "》":
                depth -= 1
                if depth == 0:
                    if 1 < i - start <= _MAX_TITLE:
                        found.append(_document(new, text, norm, start, i + 1, where))
                    resume = i + 1
                    break
            else:  # a line break closes every open 《
                resume = i + 1
                break
        start = norm.find("《", resume)
    return found


def _document(new: Callable[..., DocumentRef], text: str, norm: str, start: int,
              end: int, where: Where) -> DocumentRef:
    """The title at ``start:end`` (《》 included) as a ``DocumentRef`` built by ``new``
    (``positional_new(DocumentRef)``), stance and section from ``where``."""
    title = text[start + 1 : end - 1]
    bare = norm[start + 1 : end - 1].strip()
    period: tuple[int, int] | None = None
    if bare and (bare[-1] in _PERIOD_LAST or bare[-1].isdecimal()):
        period_match = _pattern(_PERIOD).search(bare)
        if period_match:
            period = (int(period_match.group(1)), int(period_match.group(2)))
            bare = bare[: period_match.start()].rstrip()
    if period is None:
        period = _five_year_plan(bare)
    by_ending, lengths = _kinds()
    kind = None
    for size in lengths:
        kind = by_ending.get(bare[-size:]) if size <= len(bare) else None
        if kind is not None:
            break
    stance, section = where(start, end)
    return new(text[start:end], (start, end), title, kind, period, stance, section)


def _five_year_plan(title: str) -> tuple[int, int] | None:
    """“十四五”规划 → (2021, 2025)."""
    if "五" not in title or ("规划" not in title and "计划" not in title):
        return None
    match = _pattern(_FIVE_YEAR_PLAN).search(title)
    return five_year_plan(match.group(1)) if match else None
