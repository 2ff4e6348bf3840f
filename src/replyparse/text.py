"""Text primitives with exact spans: 1:1 normalisation, lines, sentences.

Normalisation maps each character to exactly one character, so an offset in the normalised
text is the same offset in the original: extractors match on ``normalise(text)`` and report
spans that slice the input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from replyparse.model import Span

# Marks that protect a sentence stop inside them (brackets do not: （一） is no quote).
_PAIRS = dict(zip("《“‘「『", "》”’」』", strict=True))
# A quote left open for this long is a typo, not a quotation: stop protecting it.
_MAX_QUOTE = 300
_TERMINATORS = "。!?;…！？；"
_SPACES = frozenset(" \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff")
_CLOSING_AFTER_STOP = frozenset("”’」』)）…!?。！？")
# Every character str.isspace() knows, plus zero-width space and BOM, for str.strip().
_WHITE = "".join(sorted({chr(c) for c in range(0x3001) if chr(c).isspace()} | _SPACES))


@cache
def _table() -> dict[str, str]:
    table = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}  # full-width
    for space in _SPACES - {" "}:
        table[space] = " "
    table["．"] = "."
    table["﹒"] = "."
    table["〜"] = "~"
    return table


# Simple character-class scans use the stdlib `re`: on such patterns it is several times
# faster than `regex`, which the vocabularies (named lists) need.
@cache
def _pattern(name: str) -> re.Pattern[str]:
    sources = {
        "to_map": "[" + re.escape("".join(_table())) + "]",
        "line": r"[^\r\n]+",
        "stop": "[" + re.escape(_TERMINATORS) + r"\r\n]",
    }
    return re.compile(sources[name])


def normalise(text: str) -> str:
    """Full-width digits, letters and punctuation to ASCII, odd spaces to ' ', 1:1.

    >>> normalise("２亿元，约３亩")
    '2亿元,约3亩'
    """
    table = _table()
    # Only the characters that change are visited: most letters have few or none.
    return _pattern("to_map").sub(lambda m: table[m.group()], text)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the text; ``span`` excludes the line break and outer spaces."""

    text: str
    span: Span
    number: int


def lines(text: str) -> Iterator[Line]:
    """Non-blank lines with spans trimmed of surrounding spaces; CR, LF and CRLF ends."""
    number = 0
    for match in _pattern("line").finditer(text):
        s, e = strip_span(text, match.start(), match.end())
        if s < e:
            yield Line(text[s:e], (s, e), number)
            number += 1


def strip_span(text: str, start: int, end: int) -> Span:
    """``(start, end)`` narrowed past surrounding white space."""
    if start < end and text[start] not in _WHITE and text[end - 1] not in _WHITE:
        return start, end  # the usual case, without slicing
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip(_WHITE))
    if left == len(piece):
        return end, end
    return start + left, end - (len(piece) - len(piece.rstrip(_WHITE)))


def sentences(
    text: str, start: int = 0, end: int | None = None, *, join_lines: bool = False
) -> Iterator[Span]:
    """Sentence spans in ``text[start:end]`` (normalised or not), trimmed, never empty.

    Splits after 。！？；… and at line breaks, but not inside 《》 or quotes, so a title
    with a full stop stays in one sentence.  Only the stops are visited, by one scan.  With
    ``join_lines`` a line break is white space (the range is one paragraph broken
    mid-sentence) and a sentence may span it.

    >>> list(sentences("下一步，将\\n推进。目前已完成。", join_lines=True))
    [(0, 9), (9, 15)]
    """
    end = len(text) if end is None else end
    begin = start
    for match in _pattern("stop").finditer(text, start, end):
        i = match.start()
        if i < begin:
            continue  # a stop already taken in with the one before (。”。)
        if text[i] in "\r\n":
            if join_lines:
                continue
            yield from _trimmed(text, begin, i)
            begin = i + 1
            continue
        if _inside_quote(text, begin, i):
            continue
        stop = i + 1
        while stop < end and text[stop] in _CLOSING_AFTER_STOP:
            stop += 1
        yield from _trimmed(text, begin, stop)
        begin = stop
    yield from _trimmed(text, begin, end)


def _inside_quote(text: str, begin: int, at: int) -> bool:
    window = text[max(begin, at - _MAX_QUOTE) : at]
    for opening, closing in _PAIRS.items():
        opened = window.count(opening)
        if opened and opened > window.count(closing):
            return True
    return False


def _trimmed(text: str, start: int, end: int) -> Iterator[Span]:
    s, e = strip_span(text, start, end)
    if s < e:
        yield s, e
