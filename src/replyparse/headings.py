"""Body headings (一、 （一） 1. （1） ① 第一部分 在……方面:) and body paragraphs.

Works on the body's lines (normalised text, exact spans).  A heading starts a line; in text
that lost its line breaks (一、主要原因:… 二、采取的措施…) a marker right after a sentence stop
also starts one, but only when the numbering runs on (一 after nothing or 一, 二 after 一 …),
so 。1、 in running prose is not cut.  Depth is the order in which marker styles first appear.
Inline enumerations (一是…二是…, 第一,…第二,…) have no heading marker and stay text.

Paragraphs join lines that were broken mid-sentence: a line that ends without a stop and is
followed by a line that is not a heading continues into it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cache

from replyparse.model import Span, positional_new
from replyparse.numbers import parse_cn_int
from replyparse.text import Line

# A heading written before its text on the same line (（一）加强领导。近年来…) is at most
# this long; a longer first sentence is content that happens to be numbered.
_MAX_INLINE_HEADING = 40
# A numbered line longer than this with no full stop is a paragraph, not a heading.
_MAX_HEADING_LINE = 150
# An inline 1、 starts a list only if a 2 of the same style follows within so many markers.
_MAX_LIST_GAP = 40
# The stops the inline pattern opens with, each searched for on its own (see _inline_lines).
_INLINE_STOPS = "。!?;:"
_CN = "一二三四五六七八九十百零〇"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# A line ending in one of these ends its sentence; otherwise the next line continues it.
_LINE_STOPS = frozenset("。!?;:…")
_CLOSERS = frozenset("”’」』)]】〕》\"'")
# A heading's text ends at its first stop outside quotes and brackets.
_HEADING_STOPS = "。:;!?：；！？"
_OPENINGS = "《“(（"
_CLOSINGS = "》”)）"


@dataclass(frozen=True, slots=True)
class Heading:
    """A body heading: ``label`` as written (一, 1, None for 在……方面), text without marker.

    ``span`` covers the marker and the heading text; ``body_start`` is where the section's own
    text begins (the end of the line for a whole-line heading).
    """

    style: str
    label: str | None
    span: Span
    text: str
    text_span: Span
    body_start: int
    level: int = 0


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """Marker patterns in the stdlib `re` (3.11 has possessive quantifiers): they are plain
    classes and literals, which `re` matches several times faster than `regex`."""
    marker = (
        rf"(?P<cn>[{_CN}]{{1,3}}+)、"
        rf"|\((?P<paren_cn>[{_CN}]{{1,3}}+)\)"
        r"|(?P<arabic>\d{1,2}+)(?:、|\.(?!\d)|\.(?=(?:19|20)\d\d年))"
        r"|\((?P<paren_arabic>\d{1,2}+)\)"
        rf"|(?P<circled>[{_CIRCLED}])"
        rf"|第(?P<part>[{_CN}]{{1,3}}+)部分[:、 ]?"
    )
    return {
        "heading": re.compile(marker),
        # A sentence stop with a marker right after it, inside a line (text that lost its
        # breaks).  The marker stands in a lookahead, so the pattern opens with a class (`re`
        # skips ahead over other characters) and the marker's own last character (the : of
        # 第一部分:) can be the stop before the next one.
        "inline": re.compile(rf"[。!?;:](?=[ ]{{0,4}}+(?:{marker}))"),
        "heading_marks": re.compile(
            "[" + re.escape(_HEADING_STOPS + _OPENINGS + _CLOSINGS) + "]"
        ),
        "heading_stop": re.compile("[" + re.escape(_HEADING_STOPS) + "]"),
        "heading_opening": re.compile("[" + re.escape(_OPENINGS) + "]"),
        "aspect": re.compile(r"在(?P<topic>[^,。;:]{1,24}?)方面:"),
        # A stop, spaces and a character that can open a marker: where "inline" may match.
        **{
            f"inline_{stop}": re.compile(
                re.escape(stop) + rf"[ ]{{0,4}}+[{_CN}{_CIRCLED}(\d第]"
            )
            for stop in _INLINE_STOPS
        },
    }


def heading_at(text: str) -> bool:
    """Whether ``text`` (a normalised line) starts with a heading marker and more text."""
    match = _patterns()["heading"].match(text)
    return match is not None and match.end() < len(text)


def label_value(style: str, label: str | None) -> int | None:
    """The number a marker stands for: 三 → 3, (2) → 2, ③ → 3."""
    if label is None:
        return None
    if style == "circled":
        return _CIRCLED.index(label) + 1 if label in _CIRCLED else None
    return number_of(label)


def number_of(label: str) -> int | None:
    """``parse_cn_int(label)``, looked up for the labels of one or two characters."""
    known = _label_numbers()
    return known[label] if label in known else parse_cn_int(label)


@cache
def _label_numbers() -> dict[str, int | None]:
    """The value of every label of one or two numeral characters (一, 十二, 7, 12): a
    marker's label is read for every numbered line, and ``parse_cn_int`` is general and slow."""
    chars = _CN + "0123456789"
    labels = [*chars, *(a + b for a in chars for b in chars)]
    return {label: parse_cn_int(label) for label in labels}


def cut_inline(body: list[Line]) -> tuple[list[Line], list[re.Match[str] | None]]:
    """``body`` with lines cut before inline heading markers whose numbering runs on, and
    the "heading" pattern's match at the start of each line it gives: every line is matched
    for its numbering, and ``find_headings`` takes the matches instead of matching each line
    again."""
    heading = _patterns()["heading"].match
    last: dict[str, int] = {}
    out: list[Line] = []
    markers: list[re.Match[str] | None] = []
    stops = _inline_stops(body)
    for index, line in enumerate(body):
        start = heading(line.text)
        if start and start.lastgroup:
            value = label_value(start.lastgroup, start.group(start.lastgroup))
            if value is not None:
                last[start.lastgroup] = value
        cuts = _accepted_cuts(line.text, stops[index], last) if index in stops else []
        if not cuts:
            out.append(line)
            markers.append(start)
            continue
        begin = 0
        for cut in [*cuts, len(line.text)]:
            piece = line.text[begin:cut].rstrip(" ")
            lead = len(piece) - len(piece.lstrip(" "))
            if piece.strip(" "):
                s = line.span[0] + begin + lead
                out.append(Line(piece.strip(" "), (s, s + len(piece) - lead), line.number))
                markers.append(heading(out[-1].text))  # rare: a cut line's pieces anew
            begin = cut
    return out, markers


def _inline_stops(body: list[Line]) -> dict[int, list[int]]:
    """For the lines in which the "inline" pattern may match, the offsets (in order) of the
    stops where it may: a stop followed by at most four spaces and a character that can open
    a marker.

    Most lines hold none.  The lines are joined (a line break stops the scan) and each stop
    searched for on its own: `re` skips to a pattern's leading literal in a tight loop, but
    tests a class of several characters above Latin-1 per character through its bitmap
    blocks, which made the inline scan of every line the layout's largest cost.  The lines
    found are then tried at these stops only, not scanned again by the class."""
    pats = _patterns()
    joined = "\n".join(line.text for line in body)
    starts: list[int] = []
    at = 0
    for line in body:
        starts.append(at)
        at += len(line.text) + 1
    found: dict[int, list[int]] = {}
    for stop in _INLINE_STOPS:
        if stop in joined:
            for match in pats[f"inline_{stop}"].finditer(joined):
                at = match.start()
                index = bisect_right(starts, at) - 1
                found.setdefault(index, []).append(at - starts[index])
    for offsets in found.values():
        offsets.sort()  # each stop's offsets came in order, but one stop after another
    return found


def _accepted_cuts(text: str, stops: list[int], last: dict[str, int]) -> list[int]:
    """Where ``text`` is cut: at the markers after ``stops`` (the offsets ``_inline_stops``
    found) whose numbering runs on from ``last`` or starts a list."""
    pattern = _patterns()["inline"]
    found: list[tuple[int, str, int]] = []
    for stop in stops:
        match = pattern.match(text, stop)  # what a scan of the line finds at this stop
        if match is None or match.lastgroup is None:
            continue
        style = match.lastgroup
        value = label_value(style, match.group(style))
        if value is not None:
            found.append((match.start(style) - _marker_prefix(style), style, value))
    if not found:
        return []  # most lines: no marker after a stop
    # For each candidate, the index of the next 2 of its style (one backward pass).
    next_two: list[int] = [len(found)] * len(found)
    seen: dict[str, int] = {}
    for i in range(len(found) - 1, -1, -1):
        _, style, value = found[i]
        next_two[i] = seen.get(style, len(found))
        if value == 2:
            seen[style] = i
    cuts: list[int] = []
    for i, (at, style, value) in enumerate(found):
        runs_on = value == last.get(style, 0) + 1
        starts = value == 1 and next_two[i] - i <= _MAX_LIST_GAP
        if runs_on or starts:
            cuts.append(at)
            last[style] = value
    return cuts


def _marker_prefix(style: str) -> int:
    """Characters of the marker before its label group: ( of (一), 第 of 第一部分."""
    return 1 if style in ("paren_cn", "paren_arabic", "part") else 0


def find_headings(
    body: list[Line], markers: list[re.Match[str] | None] | None = None
) -> list[Heading]:
    """Headings of the body lines, with levels by first appearance of each style.

    ``markers`` is the "heading" pattern's match at the start of each line, when the caller
    has them (``cut_inline``)."""
    pats = _patterns()
    if markers is None:
        markers = [pats["heading"].match(line.text) for line in body]
    headings: list[Heading] = []
    style_order: list[str] = []
    numbered_level = 0
    wrapped = -1  # index of a line that finished the heading above it
    for index, line in enumerate(body):
        if index == wrapped:
            continue
        match = markers[index]
        if match is not None and match.lastgroup is not None and match.end() < len(line.text):
            style = match.lastgroup
            if style not in style_order:
                style_order.append(style)
            numbered_level = style_order.index(style) + 1
            heading = _numbered_heading(line, match, numbered_level)
            if index + 1 < len(body) and heading.body_start >= line.span[1]:
                longer = _wrapped_heading(heading, body[index + 1])
                if longer is not None:
                    heading, wrapped = longer, index + 1
            headings.append(heading)
            continue
        # The "aspect" pattern opens with 在: the other lines are not tried.
        aspect = pats["aspect"].match(line.text) if line.text.startswith("在") else None
        if aspect:
            headings.append(_aspect_heading(line, aspect, numbered_level + 1))
    return headings


def _numbered_heading(line: Line, match: re.Match[str], level: int) -> Heading:
    """The heading of a line whose marker ``match`` is followed by text."""
    style: str = match.lastgroup  # type: ignore[assignment]
    base = line.span[0]
    rest_start = match.end()
    while rest_start < len(line.text) and line.text[rest_start] == " ":
        rest_start += 1
    rest = line.text[rest_start:]
    stop = _first_stop(rest)
    if stop is None and len(rest) > _MAX_HEADING_LINE:
        text_end = 0
        body_start = base + rest_start
    elif stop is None or stop == len(rest) - 1:
        text_end = len(rest) - (1 if stop is not None else 0)
        body_start = line.span[1]
        if stop is not None and (
            rest[stop] == ";"
            or stop > _MAX_INLINE_HEADING
            or any(c in ",，" or c.isdigit() for c in rest)
        ):
            # 1、市水利局负责…; or (1)2020年已完成投资,…。 is a numbered sentence: its text is
            # content and stays a statement; (一)加强组织领导。 is a heading.
            body_start = base + rest_start
    elif stop <= _MAX_INLINE_HEADING:
        text_end = stop
        body_start = base + rest_start + stop + 1
    else:
        # A numbered paragraph: its first sentence names it, and stays body text.
        text_end = stop
        body_start = base + rest_start
    span = (base, max(body_start, base + rest_start))
    text_span = (base + rest_start, base + rest_start + text_end)
    # By position, in field order (a third cheaper than by keyword).
    return positional_new(Heading)(
        style, match.group(style), span, rest[:text_end], text_span, body_start, level
    )


def _wrapped_heading(heading: Heading, after: Line) -> Heading | None:
    """A whole-line heading cut by the page margin inside a quotation (一、关于“加强顶层设计,
    谋划 / 发展蓝图”的建议): the next line, if it closes the quote soon and ends the heading,
    belongs to it."""
    if heading.text.count("“") <= heading.text.count("”") or heading_at(after.text):
        return None
    close = after.text.find("”")
    rest = after.text[close + 1 :]
    if not 0 <= close <= _MAX_INLINE_HEADING or len(rest) > 12 or _first_stop(rest[:-1]):
        return None
    end = after.span[1] - (1 if rest.endswith(("。", ":", "：")) else 0)
    return replace(
        heading,
        span=(heading.span[0], after.span[1]),
        text=heading.text + after.text[: end - after.span[0]],
        text_span=(heading.text_span[0], end),
        body_start=after.span[1],
    )


def _first_stop(text: str) -> int | None:
    """Where the first stop outside quotes and brackets stands in ``text``."""
    pats = _patterns()
    # Most heading texts hold no stop (a whole-line heading), or nothing opens before their
    # first: one search each tells, instead of a walk of every mark
    # (``tests/test_headings_scan.py`` compares the two).
    first = pats["heading_stop"].search(text)
    if first is None:
        return None
    opening = pats["heading_opening"].search(text, 0, first.start())
    if opening is None:
        return first.start()  # only closings before it, which leave the depth at 0
    depth = 0
    # Only the marks are visited (found in C): every other character leaves the walk as is.
    for mark in pats["heading_marks"].finditer(text, opening.start()):
        char = mark.group()
        if char in _OPENINGS:
            depth += 1
        elif char in _CLOSINGS:
            depth = max(0, depth - 1)
        elif depth == 0:
            return mark.start()
    return None


def _aspect_heading(line: Line, match: re.Match[str], level: int) -> Heading:
    base = line.span[0]
    end = base + match.end()
    # By position, in field order: style, label, span, text, text_span, body_start, level.
    return positional_new(Heading)(
        "aspect", None, (base, end), line.text[: match.end() - 1], (base, end - 1), end, level
    )


def paragraphs(body: list[Line], headings: list[Heading]) -> list[Span]:
    """Spans of the body's paragraphs: runs of lines broken mid-sentence, joined.

    A paragraph ends at a line that ends with a stop (。!?;: or one of them before a closing
    quote), before a heading line, and after a whole-line heading.
    """
    heading_at_start = {h.span[0]: h for h in headings}
    spans: list[Span] = []
    open_ = False
    for line in body:
        heading = heading_at_start.get(line.span[0])
        if open_ and heading is None:
            spans[-1] = (spans[-1][0], line.span[1])
        else:
            spans.append(line.span)
        whole_line_heading = heading is not None and heading.body_start >= line.span[1]
        open_ = not whole_line_heading and not ends_sentence(line.text)
    return spans


def ends_sentence(text: str) -> bool:
    """Whether a line's last character ends a sentence (looking past closing quotes)."""
    i = len(text) - 1
    while i >= 0 and text[i] in _CLOSERS:
        i -= 1
    if i < 0:
        return True
    if i < len(text) - 1 and text[-1] in ")]】〕":
        return True  # (本文有删减) or a bracketed note: not continued
    return text[i] in _LINE_STOPS or text[i] in "。！？；：…"
