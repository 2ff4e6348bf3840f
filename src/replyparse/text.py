"""Text primitives with exact spans: 1:1 normalisation, lines, sentences.

Normalisation maps each character to exactly one character, so an offset in the normalised
text is the same offset in the original: extractors match on ``normalise(text)`` and report
spans that slice the input.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from replyparse.model import Span

_OPENERS = "《“‘「『(（[【〔"
_CLOSERS = "》”’」』)）]】〕"
_PAIRS = dict(zip(_OPENERS, _CLOSERS, strict=True))
# A quote left open for this long is a typo, not a quotation: stop protecting it.
_MAX_QUOTE = 300
_TERMINATORS = frozenset("。!?;…")
_SPACES = frozenset(" \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff")


@cache
def _table() -> dict[int, int]:
    table = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # full-width ASCII
    for space in _SPACES - {" "}:
        table[ord(space)] = ord(" ")
    table[ord("．")] = ord(".")
    table[ord("﹒")] = ord(".")
    table[ord("〜")] = ord("~")
    return table


def normalise(text: str) -> str:
    """Full-width digits, letters and punctuation to ASCII, odd spaces to ' ', 1:1.

    >>> normalise("２亿元，约３亩")
    '2亿元,约3亩'
    """
    out = text.translate(_table())
    assert len(out) == len(text)
    return out


def is_space(char: str) -> bool:
    return char in _SPACES or char == " "


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the text; ``span`` excludes the line break and outer spaces."""

    text: str
    span: Span
    number: int


def lines(text: str) -> Iterator[Line]:
    """Non-blank lines with spans trimmed of surrounding spaces; CR, LF and CRLF ends."""
    number = 0
    start = 0
    n = len(text)
    while start <= n:
        end = start
        while end < n and text[end] not in "\r\n":
            end += 1
        s, e = strip_span(text, start, end)
        if s < e:
            yield Line(text[s:e], (s, e), number)
            number += 1
        if end < n and text[end] == "\r" and end + 1 < n and text[end + 1] == "\n":
            end += 1
        start = end + 1


def strip_span(text: str, start: int, end: int) -> Span:
    """``(start, end)`` narrowed past surrounding white space."""
    while start < end and (text[start].isspace() or text[start] in _SPACES):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _SPACES):
        end -= 1
    return start, end


def sentences(
    text: str, start: int = 0, end: int | None = None, *, join_lines: bool = False
) -> Iterator[Span]:
    """Sentence spans in ``text[start:end]`` (normalised or not), trimmed, never empty.

    Splits after 。！？；… and at line breaks, but not inside 《》 or quotes, so a title
    with a full stop stays in one sentence.  With ``join_lines`` a line break is white space
    (the range is one paragraph broken mid-sentence) and a sentence may span it.

    >>> list(sentences("下一步，将\\n推进。目前已完成。", join_lines=True))
    [(0, 9), (9, 15)]
    """
    end = len(text) if end is None else end
    stack: list[tuple[str, int]] = []
    begin = start
    i = start
    while i < end:
        char = text[i]
        if char in "\r\n" and not join_lines:
            stack.clear()
            yield from _trimmed(text, begin, i)
            begin = i + 1
        elif char in _PAIRS and char not in ("(", "（", "[", "【", "〔"):
            stack.append((_PAIRS[char], i))
        elif stack and char == stack[-1][0]:
            stack.pop()
        elif char in _TERMINATORS or char in "。！？；":
            while stack and i - stack[-1][1] > _MAX_QUOTE:
                stack.pop()
            if not stack:
                stop = i + 1
                while stop < end and text[stop] in _CLOSING_AFTER_STOP:
                    stop += 1
                yield from _trimmed(text, begin, stop)
                begin = i = stop
                continue
        i += 1
    yield from _trimmed(text, begin, end)


_CLOSING_AFTER_STOP = frozenset("”’」』)）…!?。！？")


def _trimmed(text: str, start: int, end: int) -> Iterator[Span]:
    s, e = strip_span(text, start, end)
    if s < e:
        yield s, e
