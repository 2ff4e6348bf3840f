"""Zones of a letter and the tree of body headings, all as spans.

A reply letter reads top to bottom as: title, portal/header lines (作者, 来源, 发布时间, 文号,
A类 …), salutation (何金箭代表:), body (opening, numbered sections), closing (此复), signature
organ(s), signing date, footer (联系人, 抄送, 附件).  ``find_layout`` finds those zones on
whole lines; nothing here reads amounts or organs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

from replyparse.data_files import read_table
from replyparse.model import Span
from replyparse.numbers import parse_date
from replyparse.text import Line, lines, normalise

# How long a line may be and still be a salutation, signature organ or title.
_MAX_SALUTATION = 40
_MAX_SIGNATURE = 40
# A heading written before its text on the same line (（一）加强领导。近年来…) is at most
# this long; a longer first sentence is content that happens to be numbered.
_MAX_INLINE_HEADING = 40
# A numbered line longer than this with no full stop is a paragraph, not a heading.
_MAX_HEADING_LINE = 150


@dataclass(frozen=True, slots=True)
class HeaderField:
    """A ``key: value`` line of the header or footer, e.g. 发布时间:2021年07月23日."""

    key: str
    field: str
    value: str
    value_span: Span
    line: Line


@dataclass(frozen=True, slots=True)
class Heading:
    """A body heading: ``label`` as written (一, 1, None for 在……方面), text without marker."""

    style: str
    label: str | None
    span: Span
    text: str
    text_span: Span
    body_start: int
    level: int = 0


@dataclass(slots=True)
class Layout:
    """Where each zone of the letter stands; ``body`` excludes headings' own lines."""

    lines: list[Line]
    title: Line | None = None
    header: list[HeaderField] = field(default_factory=list)
    salutation: Line | None = None
    body: Span = (0, 0)
    headings: list[Heading] = field(default_factory=list)
    closing: list[Line] = field(default_factory=list)
    signature: list[Line] = field(default_factory=list)
    date_line: Line | None = None
    footer: list[HeaderField] = field(default_factory=list)
    furniture: list[Line] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@cache
def _header_keys() -> dict[str, str]:
    """Header/footer keys as written → field name, from data/header_keys.tsv."""
    return {row[0]: row[1] for row in read_table("header_keys.tsv")}


@cache
def _patterns() -> dict[str, regex.Pattern[str]]:
    keys = sorted(_header_keys(), key=len, reverse=True)
    cn = "一二三四五六七八九十百零〇"
    return {
        "header": regex.compile(r"^\s*+(\L<keys>)\s*+[:：]\s*+(.*)$", keys=keys),
        "salutation": regex.compile(r"^[^,，。;；!！?？:：]{1,38}[:：]$"),
        "heading": regex.compile(
            rf"(?P<cn>[{cn}]++)、"
            rf"|[(（](?P<paren_cn>[{cn}]++)[)）]"
            r"|(?P<arabic>\d{1,2}+)(?:[、.．](?!\d))"
            r"|[(（](?P<paren_arabic>\d{1,2}+)[)）]"
            r"|(?P<circled>[①-⑳])"
            rf"|第(?P<part>[{cn}]++)部分[:：、\s]?"
        ),
        "aspect": regex.compile(r"在(?P<topic>[^,，。;；:：]{1,24}?)方面[:：]"),
        "closing": regex.compile(r"^(?:此复|特此答复|特此函复|专此答复|感谢您?对|再次感谢|谢谢)"),
        "furniture": regex.compile(
            r"^(?:[—–-]\s*\d+\s*[—–-]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+"
            r"|（本文有删减）|\(本文有删减\))$"
        ),
    }


def find_layout(text: str, *, norm: str | None = None) -> Layout:
    """Split ``text`` into zones; doubtful zones are left empty and named in ``warnings``.

    ``norm`` is ``normalise(text)`` when the caller has it already.
    """
    norm = normalise(text) if norm is None else norm
    all_lines = list(lines(norm))
    layout = Layout(lines=all_lines)
    if not all_lines:
        layout.warnings.append("empty text")
        return layout
    pats = _patterns()
    first_body = _read_top(layout, pats)
    last_body = _read_bottom(layout, pats, first_body)
    if first_body > last_body:
        at = all_lines[first_body].span[0] if first_body < len(all_lines) else len(text)
        layout.body = (at, at)
    else:
        layout.body = (all_lines[first_body].span[0], all_lines[last_body].span[1])
        layout.headings = _find_headings(all_lines[first_body : last_body + 1], pats)
    if not layout.headings:
        layout.warnings.append("no numbered sections found")
    return layout


def _read_top(layout: Layout, pats: dict[str, regex.Pattern[str]]) -> int:
    """Title, header lines and salutation; returns the index of the first body line."""
    all_lines = layout.lines
    index = 0
    keys = _header_keys()
    # The salutation closes the top: only look for it among the first lines.
    limit = min(len(all_lines), 15)
    salutation_at = next(
        (
            i
            for i in range(limit)
            if pats["salutation"].match(all_lines[i].text)
            and not pats["header"].match(all_lines[i].text)
            and not pats["heading"].match(all_lines[i].text)
        ),
        None,
    )
    top_end = salutation_at if salutation_at is not None else limit
    while index < top_end:
        line = all_lines[index]
        header = pats["header"].match(line.text)
        if header:
            layout.header.append(_header_field(header, line, keys))
        elif layout.title is None and not layout.header and salutation_at is not None:
            layout.title = line
        elif salutation_at is None:
            break
        index += 1
    if salutation_at is not None:
        layout.salutation = all_lines[salutation_at]
        return salutation_at + 1
    layout.warnings.append("no salutation found")
    return index


def _header_field(match: regex.Match[str], line: Line, keys: dict[str, str]) -> HeaderField:
    start = line.span[0] + match.start(2)
    end = line.span[0] + match.end(2)
    value = line.text[match.start(2) : match.end(2)].strip()
    return HeaderField(match.group(1), keys[match.group(1)], value, (start, end), line)


def _read_bottom(layout: Layout, pats: dict[str, regex.Pattern[str]], first_body: int) -> int:
    """Footer, date, signature and closing from the end; returns the last body line index."""
    all_lines = layout.lines
    keys = _header_keys()
    index = len(all_lines) - 1
    while index >= first_body:
        line = all_lines[index]
        header = pats["header"].match(line.text)
        if header and keys[header.group(1)] in _FOOTER_FIELDS:
            layout.footer.insert(0, _header_field(header, line, keys))
        elif pats["furniture"].match(line.text):
            layout.furniture.insert(0, line)
        elif layout.date_line is None and parse_date(line.text) is not None:
            layout.date_line = line
        elif (
            layout.date_line is not None
            and len(line.text) <= _MAX_SIGNATURE
            and not _has_stop(line.text)
            and not pats["heading"].match(line.text)
        ):
            layout.signature.insert(0, line)
        else:
            break
        index -= 1
    while index >= first_body and pats["closing"].match(all_lines[index].text):
        layout.closing.insert(0, all_lines[index])
        index -= 1
    if layout.date_line is None:
        layout.warnings.append("no signing date found")
    if not layout.signature:
        layout.warnings.append("no signature found")
    return index


_FOOTER_FIELDS = frozenset({"contact", "phone", "cc", "attachment", "contact_unit"})


def _has_stop(text: str) -> bool:
    return any(c in "。;!?,，；！？" for c in text)


def _find_headings(body: list[Line], pats: dict[str, regex.Pattern[str]]) -> list[Heading]:
    headings: list[Heading] = []
    style_order: list[str] = []
    numbered_level = 0
    for line in body:
        heading = _numbered_heading(line, pats["heading"])
        if heading is not None:
            if heading.style not in style_order:
                style_order.append(heading.style)
            numbered_level = style_order.index(heading.style) + 1
            headings.append(_with_level(heading, numbered_level))
            continue
        aspect = pats["aspect"].match(line.text)
        if aspect:
            headings.append(_aspect_heading(line, aspect, numbered_level + 1))
    return headings


def _numbered_heading(line: Line, pattern: regex.Pattern[str]) -> Heading | None:
    match = pattern.match(line.text)
    if match is None or match.lastgroup is None or match.end() >= len(line.text):
        return None
    style = match.lastgroup
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
    elif stop <= _MAX_INLINE_HEADING:
        text_end = stop
        body_start = base + rest_start + stop + 1
    else:
        # A numbered paragraph: its first sentence names it, and stays body text.
        text_end = stop
        body_start = base + rest_start
    text_span = (base + rest_start, base + rest_start + text_end)
    return Heading(
        style=style,
        label=match.group(style),
        span=(base, max(body_start, base + rest_start)),
        text=rest[:text_end],
        text_span=text_span,
        body_start=body_start,
    )


def _first_stop(text: str) -> int | None:
    depth = 0
    for i, char in enumerate(text):
        if char in "《“(（":
            depth += 1
        elif char in "》”)）":
            depth = max(0, depth - 1)
        elif depth == 0 and char in "。:;!?：；！？":
            return i
    return None


def _aspect_heading(line: Line, match: regex.Match[str], level: int) -> Heading:
    base = line.span[0]
    end = base + match.end()
    return Heading(
        style="aspect",
        label=None,
        span=(base, end),
        text=line.text[: match.end() - 1],
        text_span=(base, end - 1),
        body_start=end,
        level=level,
    )


def _with_level(heading: Heading, level: int) -> Heading:
    return Heading(
        style=heading.style,
        label=heading.label,
        span=heading.span,
        text=heading.text,
        text_span=heading.text_span,
        body_start=heading.body_start,
        level=level,
    )
