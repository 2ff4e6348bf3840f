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

from replyparse.model import Span, positional_new

# Marks that protect a sentence stop inside them (brackets do not: （一） is no quote).
_PAIRS = dict(zip("《“‘「『", "》”’」』", strict=True))
_OPENINGS = "".join(_PAIRS)
# A quote left open for this long is a typo, not a quotation: stop protecting it.
_MAX_QUOTE = 300
_TERMINATORS = "。!?;…！？；"
_SPACES = frozenset(" \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff")
_SHORT_WHITE = 16  # white space stepped over character by character (strip_span)
_CLOSING_AFTER_STOP = frozenset("”’」』)）…!?。！？")
_CLOSERS = "".join(sorted(_CLOSING_AFTER_STOP))
_MARK_SET = frozenset(_OPENINGS + _TERMINATORS + "\r\n")
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


@cache
def _ordinal_table() -> dict[int, str]:
    """``_table`` keyed by code point, as ``str.translate`` wants it."""
    return str.maketrans(_table())


# Simple character-class scans use the stdlib `re`: on such patterns it is several times
# faster than `regex`, which the vocabularies (named lists) need.
@cache
def _pattern(name: str) -> re.Pattern[str]:
    sources = {
        # Captured, so ``split`` keeps each changed character (one per piece) between the
        # unchanged runs.
        "to_map": "([" + re.escape("".join(_table())) + "])",
        "line": r"[^\r\n]+",
        # A quote opening, or a sentence stop (a line break ends a sentence too):
        # ``sentences`` walks both in one scan, so the text is scanned once.  One class,
        # not an alternation: `re` skips ahead by a leading class, but tries an alternation
        # of classes at every position.
        "mark": "[" + re.escape(_OPENINGS + _TERMINATORS) + r"\r\n]",
        "mark_in_line": "[" + re.escape(_OPENINGS + _TERMINATORS) + "]",
        # The closing marks that go with the stop before them.
        "closers": "[" + re.escape(_CLOSERS) + "]*",
    }
    return re.compile(sources[name])


def normalise(text: str) -> str:
    """Full-width digits, letters and punctuation to ASCII, odd spaces to ' ', 1:1.

    >>> normalise("２亿元，约３亩")
    '2亿元,约3亩'
    """
    # Only the characters that change are visited (most letters have few or none), and all in
    # C: they are cut out by one split, mapped together by one translate and put back in
    # their places (one character each, so the map stays 1:1), with no Python call per match.
    pieces = _pattern("to_map").split(text)
    if len(pieces) == 1:
        return text
    pieces[1::2] = "".join(pieces[1::2]).translate(_ordinal_table())
    return "".join(pieces)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the text; ``span`` excludes the line break and outer spaces."""

    text: str
    span: Span
    number: int


def lines(text: str) -> Iterator[Line]:
    """Non-blank lines with spans trimmed of surrounding spaces; CR, LF and CRLF ends."""
    pieces: Iterator[tuple[str, int]]
    if "\r" in text:
        pieces = ((m.group(), m.start()) for m in _pattern("line").finditer(text))
    else:
        # Cut by str.split (C): a pattern visits every character, about 20 times slower.
        pieces = _split_lines(text)
    new_line = positional_new(Line)  # a letter has hundreds of lines
    number = 0
    for piece, at in pieces:
        if piece[0] not in _WHITE and piece[-1] not in _WHITE:
            yield new_line(piece, (at, at + len(piece)), number)
        else:
            stripped = piece.strip(_WHITE)
            if not stripped:
                continue
            s = at + len(piece) - len(piece.lstrip(_WHITE))
            yield new_line(stripped, (s, s + len(stripped)), number)
        number += 1


def _split_lines(text: str) -> Iterator[tuple[str, int]]:
    """The non-empty lines of a text without CR, each with its offset."""
    at = 0
    for piece in text.split("\n"):
        if piece:
            yield piece, at
        at += len(piece) + 1


def strip_span(text: str, start: int, end: int) -> Span:
    """``(start, end)`` narrowed past surrounding white space."""
    if start < end and text[start] not in _WHITE and text[end - 1] not in _WHITE:
        return start, end  # the usual case, without slicing
    # A line break and an indent are stepped over; slicing the span to strip it would copy
    # a whole section.  A long run of white space is left to str.strip.
    s, e = start, end
    while s < e and text[s] in _WHITE:
        s += 1
        if s - start > _SHORT_WHITE:
            return _strip_sliced(text, start, end)
    while e > s and text[e - 1] in _WHITE:
        e -= 1
        if end - e > _SHORT_WHITE:
            return _strip_sliced(text, start, end)
    return s, e


def _strip_sliced(text: str, start: int, end: int) -> Span:
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
    with a full stop stays in one sentence.  Only the stops and quote openings are visited,
    by one scan of the range.
    With ``join_lines`` a line break is white space (the range is one paragraph broken
    mid-sentence) and a sentence may span it.

    >>> list(sentences("下一步，将\\n推进。目前已完成。", join_lines=True))
    [(0, 9), (9, 15)]
    """
    end = len(text) if end is None else end
    scan = _pattern("mark_in_line" if join_lines else "mark")
    return iter([(s, e) for s, e, _ in _cut(text, start, end, scan)])


@cache
def sentence_scan(words: str) -> re.Pattern[str]:
    """A pattern for ``sentences_with_words``: a sentence mark within a line (a quote opening
    or a stop) or a match of the alternation ``words``.

    Each mark is a literal branch of its own: when every branch opens with a literal, `re`
    skips ahead by the set of their first characters, so the text is passed over once for
    the marks and the words together (a class among the branches would make it try the
    whole alternation at every position).
    """
    marks = "|".join(re.escape(char) for char in _OPENINGS + _TERMINATORS)
    return re.compile(marks + "|" + words)


def sentences_with_words(
    text: str, start: int, end: int, scan: re.Pattern[str]
) -> list[tuple[int, int, list[str]]]:
    """The sentences ``sentences(text, start, end, join_lines=True)`` cuts, each with the
    words of ``scan`` (``sentence_scan``) that lie in it, found by one scan of the range.

    A sentence's words are those ``findall(text, s, e)`` finds, as long as no word holds a
    mark, a closing mark or white space (a word never crosses a sentence's edge, and a
    sentence's scan starts where the range's scan stands: past marks and white space only);
    a lookbehind sees before ``start`` as it sees before ``s``.
    """
    return _cut(text, start, end, scan)


def _cut(
    text: str, start: int, end: int, scan: re.Pattern[str]
) -> list[tuple[int, int, list[str]]]:
    """The sentences of ``text[start:end]``, each with the words ``scan`` found in it: one
    scan of the range visits the stops, quote openings, line breaks (if ``scan`` has them)
    and words."""
    closers = _pattern("closers").match
    # The first quote opening since the sentence's start (``end``: none yet), met on the way:
    # a stop with no opening between the start and itself is not quoted, and is taken
    # without counting marks.
    opening = end
    out: list[tuple[int, int, list[str]]] = []
    words: list[str] = []
    begin = pos = start
    for match in scan.finditer(text, start, end):
        found = match.group()
        if found not in _MARK_SET:
            words.append(found)  # a word's place is not needed
            continue
        i = match.start()
        if i < pos:
            continue  # a mark that the closing marks after a stop took
        if found in _OPENINGS:
            if opening == end:
                opening = i
        elif found in "\r\n":
            _add_worded(out, text, begin, i, words)
            words = []
            begin = pos = i + 1
            opening = end
        elif opening < i and _inside_quote(text, begin, i):
            pass  # the stops after this one are looked at one by one
        else:
            pos = i + 1
            if pos < end and text[pos] in _CLOSERS:  # rare: closing marks go with the stop
                pos = closers(text, pos, end).end()  # type: ignore[union-attr]
            if text[begin] not in _WHITE:  # the usual case: no white space to trim
                out.append((begin, pos, words))
            else:
                _add_worded(out, text, begin, pos, words)
            words = []
            begin = pos
            opening = end
    _add_worded(out, text, begin, end, words)
    return out


def _add_worded(
    out: list[tuple[int, int, list[str]]], text: str, start: int, end: int, words: list[str]
) -> None:
    if start < end and text[start] not in _WHITE and text[end - 1] not in _WHITE:
        out.append((start, end, words))  # the usual case, without slicing
        return
    s, e = strip_span(text, start, end)
    if s < e:
        out.append((s, e, words))


def _inside_quote(text: str, begin: int, at: int) -> bool:
    window = text[max(begin, at - _MAX_QUOTE) : at]
    for opening, closing in _PAIRS.items():
        # ``in`` first: a window holds one or two kinds of quote, and ``in`` costs a fraction
        # of ``count`` (no arguments to parse).
        if opening in window and window.count(opening) > window.count(closing):
            return True
    return False
