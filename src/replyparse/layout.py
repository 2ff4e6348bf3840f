"""Zones of a letter, all as spans: top, salutation, body, closing, signature, date, footer.

A reply letter reads top to bottom as: title (one to three lines; a line repeating one of
them, as portal pages give the title twice, is not part of it, nor is a portal's masthead,
an organ's name alone above a line that names the letter by itself), header lines (作者, 来源,
发布时间, 发文字号 or a bare 文号 line, A类, 主动公开, 签发人 …), salutation (何金箭代表:),
body (opening, numbered sections), closing (此复, 感谢…), attachments (附件:), signature
organ(s), signing date, footer (联系人, 联系电话, 抄送) and page furniture (— 3 —, the 印发
line), and below it all, in text saved from a web page, the site's own footer (相关链接：…,
…版权所有…, ICP备…: ``site_start``/``site_mark`` in ``data/layout_words.tsv``), which is
furniture too, as is a portal's masthead.  Furniture is not the letter's content: the parser
reports no mention that lies in a furniture line.

Lines are read on the 1:1 normalised text.  A run of two or more spaces inside a line (an
ideographic-space indent after lost line breaks, or right-aligned header cells) separates two
*virtual lines*; every zone is a list of such lines with exact spans.  ``find_layout`` never
raises on odd text: zones it cannot find stay empty and are named in ``warnings``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from replyparse.data_files import read_table
from replyparse.headings import (
    Heading,
    cut_inline,
    find_headings,
    heading_at,
    paragraphs,
)
from replyparse.model import Span, positional_new
from replyparse.text import Line, lines, normalise

if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import TypeAlias

    import regex

    _Patterns: TypeAlias = dict[str, re.Pattern[str] | regex.Pattern[str]]

__all__ = ["HeaderField", "Heading", "Layout", "find_layout"]

# The salutation closes the top; it is looked for among this many first lines.
_TOP_LINES = 15
_MAX_TITLE_LINES = 3
_MAX_TITLE = 120
_MAX_SALUTATION = 40
_MAX_SIGNATURE = 40
_MAX_SIGNERS = 4
_MAX_CLOSING = 80
_MAX_ATTACHMENT_LINES = 12
_MAX_FURNITURE = 42  # the longest text the "furniture" pattern can match whole
_MAX_CATEGORY = 11  # and the "category" pattern: (分类标识:A类答复)
# What a line the "furniture" pattern matches whole opens with (a digit aside), one branch
# or more each: — 3 —, 第3页, 共3页, (本文有删减), 【字体, 字体, [盖章], 打印, 关闭, 扫一扫.
# The 印发 line (….{0,38}?日 ?印发) opens with anything and ends with 印发.
_FURNITURE_OPENERS = frozenset("-—–─第共([【字打关扫")
# Sentence stops that a title, a signature or a salutation never holds (normalised text).
_STOPS = "。!?;"
_STOPS_OR_COMMA = _STOPS + ","  # what a signing organ never holds


@dataclass(frozen=True, slots=True)
class HeaderField:
    """A ``key: value`` of the header or footer (发布时间:2021年07月23日), or a bare line
    that is a value on its own (国办函〔2006〕82号, A类, 主动公开) with ``key`` ``""``."""

    key: str
    field: str
    value: str
    value_span: Span
    line: Line


@dataclass(slots=True)
class Layout:
    """Where each zone of the letter stands; ``body`` excludes headings' own lines."""

    lines: list[Line]
    norm: str = ""  # normalise(text), which the lines were read in (read_meta reuses it)
    title: list[Line] = field(default_factory=list)
    header: list[HeaderField] = field(default_factory=list)
    salutation: Line | None = None
    body: Span = (0, 0)
    paragraphs: list[Span] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    closing: list[Line] = field(default_factory=list)
    attachments: list[Line] = field(default_factory=list)
    signature: list[Line] = field(default_factory=list)
    date_line: Line | None = None
    footer: list[HeaderField] = field(default_factory=list)
    # Lines that are not the letter's content, in text order: page numbers, portal buttons,
    # the 印发 line, a portal's masthead and the site's footer.  No mention in them is the
    # letter's (the parser drops them).
    furniture: list[Line] = field(default_factory=list)
    # The furniture lines that are a web page's own footer (相关链接：…).
    site_footer: list[Line] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@cache
def _header_keys() -> dict[str, str]:
    """Header/footer keys as written → field name, from data/header_keys.tsv."""
    return {normalise(row[0]): row[1] for row in read_table("header_keys.tsv")}


@cache
def words(kind: str) -> tuple[str, ...]:
    """Words of one ``kind`` of data/layout_words.tsv, longest first, normalised."""
    rows = read_table("layout_words.tsv")
    return tuple(sorted((normalise(r[1]) for r in rows if r[0] == kind), key=len, reverse=True))


@cache
def disclosure_values() -> dict[str, str]:
    """Disclosure phrases as written → canonical 公开属性."""
    return {normalise(r[1]): r[2] for r in read_table("layout_words.tsv") if r[0] == "disclosure"}


@cache
def _patterns() -> _Patterns:
    """The zone patterns, compiled once.  Those without a named list (``\\L<…>``) or a script
    class (``\\p{Han}``) are in the stdlib `re`: they are plain classes and literals, and `re`
    matches them faster than `regex`, a call being most of the cost on a short line."""
    import regex

    keys = sorted(_header_keys(), key=len, reverse=True)
    date = (
        r"(?:\d{4}+ ?年 ?\d{1,2}+ ?月 ?\d{1,2}+ ?日"
        r"|\d{4}+[-./]\d{1,2}+[-./]\d{1,2}+"
        r"|[〇○零一二三四五六七八九O0]{4} ?年 ?[一二三四五六七八九十]{1,3}+ ?月"
        r" ?[一二三四五六七八九十]{1,3}+ ?日)"
    )
    disclosures = sorted(disclosure_values(), key=len, reverse=True)
    return {
        "gap": re.compile(r" {2,}+"),
        "key_start": regex.compile(r"^[(\[【]?+ ?+(\L<keys>) ?+:", keys=keys),
        "key": regex.compile(r"(?:^|(?<=[ (\[【,;|、]))(\L<keys>) ?+:", keys=keys),
        "date": re.compile(rf"(?P<date>{date})(?: ?[(\[](?:印章|盖章|章)[)\]])?"),
        "tail_date": re.compile(rf"(?P<date>{date}) ?$"),
        "doc_number": regex.compile(
            r"[\p{Han}A-Za-z]{1,20}+ ?[〔\[(【﹝](?:19|20)\d{2}[〕\])】﹞] ?第?\d{1,6}+号"
        ),
        "category": re.compile(
            r"[(\[【]?(?:(?:分类标识|办理类别|答复类别):)?(?:[A-D]|[甲乙丙丁])(?:类(?:答复|件)?)?"
            r"[)\]】]?"
        ),
        "disclosure": regex.compile(r"[(\[【]?(\L<d>)[)\]】]?", d=disclosures),
        "furniture": re.compile(
            r"[-—–─]{1,2}+ ?\d{1,4}+ ?[-—–─]{1,2}+"
            r"|第 ?\d{1,4}+ ?页(?: ?[,/]? ?共 ?\d{1,4}+ ?页)?"
            r"|共 ?\d{1,4}+ ?页 ?[,/]? ?第 ?\d{1,4}+ ?页"
            r"|\d{1,4}+ ?/ ?\d{1,4}+"
            r"|[(\[]本文有删减[)\]]"
            r"|【?字体:? ?大 ?中 ?小】?|[(\[](?:盖章|印章|公章|章)[)\]]"
            r"|(?:打印本页|关闭窗口|【?打印】?|【?关闭】?|扫一扫在手机打开当前页)"
            r"(?: ?(?:打印本页|关闭窗口|【?打印】?|【?关闭】?)){0,4}+"
            # the 印发 line: a date before 印发 (国务院关于印发 is a title's first line)
            r"|.{0,38}?日 ?印发"
        ),
        "salutation": re.compile(
            r"(?:尊敬的|亲爱的)?+(?P<name>[^,。;!?:、]{1,38}?) ?(?::|(?=(?:您|你们|你)好)|$)"
        ),
        "closing": regex.compile(r"\L<w>", w=words("closing")),
        "numbered_item": re.compile(r"\d{1,2}+[.、)]|\(\d{1,2}+\)"),
        "unknown_key": regex.compile(r"\p{Han}{2,8}+ ?: ?\S"),
    }


def find_layout(text: str, *, norm: str | None = None) -> Layout:
    """Split ``text`` into zones; doubtful zones are left empty and named in ``warnings``.

    ``norm`` is ``normalise(text)`` when the caller has it already.
    """
    norm = normalise(text) if norm is None else norm
    layout = Layout(lines=_virtual_lines(norm), norm=norm)
    if not layout.lines:
        layout.warnings.append("empty text")
        return layout
    first_body = _read_top(layout)
    last_body = _read_bottom(layout, first_body)
    if first_body > last_body:
        at = layout.lines[first_body].span[0] if first_body < len(layout.lines) else len(text)
        layout.body = (at, at)
    else:
        pats = _patterns()
        body: list[Line] = []
        for line in layout.lines[first_body : last_body + 1]:
            (layout.furniture if _is_furniture(line, pats) else body).append(line)
        body, markers = cut_inline(body)
        at = layout.lines[first_body].span[0]
        layout.body = (body[0].span[0], body[-1].span[1]) if body else (at, at)
        layout.headings = find_headings(body, markers)
        layout.paragraphs = paragraphs(body, layout.headings)
    # Top (and masthead) furniture was added first, the bottom's in front of it: text order.
    layout.furniture.sort(key=_span_start)
    if not layout.headings:
        layout.warnings.append("no numbered sections found")
    return layout


def _virtual_lines(norm: str) -> list[Line]:
    """Non-blank lines, cut again at runs of two or more spaces inside a line.

    As ``_cut_at_gaps(lines(norm))`` (``tests/test_layout_shortcuts.py``), in one loop over
    ``str.split``: no generator step per line, and a line trimmed by ``str.strip()``, which
    tests a character in C; ``strip(_WHITE)`` looks each end character up in a string of
    thirty.  The two differ only on the zero-width space and the BOM, white to ``_WHITE``
    and not to ``str.isspace``, which normalised text does not hold: a text with one (or a
    carriage return) takes the general form."""
    if "\r" in norm or "\u200b" in norm or "\ufeff" in norm:
        return _cut_at_gaps(lines(norm))
    gap = _patterns()["gap"]
    new_line = positional_new(Line)
    out: list[Line] = []
    number = 0
    at = 0
    for piece in norm.split("\n"):
        start = at
        at += len(piece) + 1
        text = piece.strip()
        if not text:
            continue
        if text is not piece:
            start += piece.find(text[0])  # the first character that is not white
        if "  " not in text:
            out.append(new_line(text, (start, start + len(text)), number))
        else:
            _cut_line(out, gap, text, start, number)
        number += 1
    return out


def _cut_at_gaps(general: Iterable[Line]) -> list[Line]:
    """``general`` lines cut again at runs of two or more spaces (the general form)."""
    gap = _patterns()["gap"]
    out: list[Line] = []
    for line in general:
        if "  " not in line.text:
            out.append(line)
        else:
            _cut_line(out, gap, line.text, line.span[0], line.number)
    return out


def _cut_line(
    out: list[Line], gap: re.Pattern[str] | regex.Pattern[str], text: str, start: int,
    number: int,
) -> None:
    """The parts of line ``text`` (at ``start``) between runs of two or more spaces."""
    new_line = positional_new(Line)
    begin = 0
    for match in gap.finditer(text):
        cut = match.start()
        out.append(new_line(text[begin:cut], (start + begin, start + cut), number))
        begin = match.end()
    out.append(new_line(text[begin:], (start + begin, start + len(text)), number))


def _sub_line(line: Line, start: int, end: int, number: int) -> Line:
    base = line.span[0]
    return Line(line.text[start:end], (base + start, base + end), number)


def _span_start(line: Line) -> int:
    return line.span[0]


def _site_footer(text: str) -> bool:
    """A line of a web page's own footer (相关链接：…, …版权所有…), not of the letter."""
    return text.startswith(words("site_start")) or any(m in text for m in words("site_mark"))


def _lone_yinfa(all_lines: list[Line], index: int, first_body: int, pats: _Patterns) -> bool:
    """印发 set apart by a wide gap from the date before it on the same line (2021年5月28日
    印发): the two are one 印发 line."""
    if all_lines[index].text != "印发" or index <= first_body:
        return False
    before = all_lines[index - 1]
    return (before.number == all_lines[index].number and len(before.text) <= _MAX_FURNITURE
            and pats["furniture"].fullmatch(before.text + "印发") is not None)


def _is_furniture(line: Line, pats: _Patterns) -> bool:
    text = line.text
    # No furniture line is longer (.{0,38}?日 ?印发 is the longest branch): body lines are.
    if not text or len(text) > _MAX_FURNITURE:
        return False
    # Nor does one open otherwise, but the 印发 line: most short lines (headings, a
    # salutation, a signature) are turned down without the pattern's dozen branches, the
    # last of which tries every length of its .{0,38}? (``tests/test_layout_shortcuts.py``).
    if text[0] not in _FURNITURE_OPENERS and not text[0].isdecimal() and text[-2:] != "印发":
        return False
    return pats["furniture"].fullmatch(text) is not None


# --- top: title, header lines, salutation ----------------------------------------------------


def _read_top(layout: Layout) -> int:
    """Title, header lines and salutation; returns the index of the first body line."""
    pats = _patterns()
    all_lines = layout.lines
    candidates: list[list[int]] = []  # runs of lines that may be the title
    header_seen = False
    index = 0
    while index < min(len(all_lines), _TOP_LINES):
        line = all_lines[index]
        fields = _top_fields(line, pats)
        if fields:
            layout.header.extend(fields)
            header_seen = True
        elif _is_furniture(line, pats):
            layout.furniture.append(line)
        elif _salutation(line, all_lines, index, pats):
            layout.salutation = all_lines[index]
            _choose_title(layout, candidates, salutation=True)
            return index + 1
        elif ":" in line.text and pats["unknown_key"].match(line.text):
            header_seen = True  # 某某: value — a header cell we do not read
        elif _title_candidate(line.text):
            # A line repeating one of the run is the title given twice (a portal's page
            # title, then the letter's own), not its next wrapped line: a run of its own.
            run = candidates[-1] if candidates else None
            if run is not None and run[-1] == index - 1 and not _repeats(all_lines, run, line):
                run.append(index)
            else:
                candidates.append([index])
        else:
            break
        index += 1
    layout.warnings.append("no salutation found")
    _choose_title(layout, candidates, salutation=False)
    if not header_seen and not layout.title:
        return 0
    return index


def _top_fields(line: Line, pats: _Patterns) -> list[HeaderField]:
    """The header values a top line holds: key: value pairs, or a bare 文号/A类/公开 line.

    Each pattern is tried only on a line it can match: a key is followed by a colon, a 文号
    ends with 号, a date with 日, a digit or its seal's bracket, and a category or disclosure
    line is short; the title and the salutation are tried by none or few
    (``tests/test_layout_shortcuts.py`` compares this with trying every pattern)."""
    text = line.text
    if ":" in text and pats["key_start"].match(text):
        return key_values(line, pats)
    name = None
    if text.endswith("号") and pats["doc_number"].fullmatch(text):
        name = "doc_number"
    elif len(text) <= _MAX_CATEGORY and pats["category"].fullmatch(text):
        name = "category"
    elif len(text) <= _max_disclosure() and pats["disclosure"].fullmatch(text):
        name = "disclosure"
    elif _may_end_date(text) and pats["date"].fullmatch(text):
        name = "date"
    if name is None:
        return []
    return [positional_new(HeaderField)("", name, text, line.span, line)]


@cache
def _max_disclosure() -> int:
    """The longest line the "disclosure" pattern matches whole: a phrase in brackets."""
    return max(map(len, disclosure_values()), default=0) + 2


def key_values(line: Line, pats: _Patterns | None = None) -> list[HeaderField]:
    """Every ``key: value`` of a line; a value runs to the next key or the line's end.

    >>> line = Line("(联系人:张三,联系电话:024-1234)", (0, 22), 0)
    >>> [(f.field, f.value) for f in key_values(line)]
    [('contact', '张三'), ('phone', '024-1234')]
    """
    pats = pats or _patterns()
    keys = _header_keys()
    new_field = positional_new(HeaderField)  # by position: a third of a call by keyword
    matches: list[re.Match[str] | regex.Match[str]] = list(pats["key"].finditer(line.text))
    out: list[HeaderField] = []
    for i, match in enumerate(matches):
        stop = matches[i + 1].start() if i + 1 < len(matches) else len(line.text)
        start = match.end()
        while start < stop and line.text[start] == " ":
            start += 1
        while stop > start and line.text[stop - 1] in " ,;。)]】、|":
            stop -= 1
        base = line.span[0]
        value = line.text[start:stop]
        out.append(new_field(match.group(1), keys[match.group(1)], value,
                             (base + start, base + stop), line))
    return out


def _salutation(
    line: Line, all_lines: list[Line], index: int, pats: _Patterns
) -> bool:
    """Whether ``line`` opens with a salutation; an inline one is cut into its own line."""
    match = pats["salutation"].match(line.text)
    if match is None or heading_at(line.text):
        return False
    name = match.group("name")
    end = match.end()
    whole = end >= len(line.text)
    greeting = not whole and not match.group().endswith(":")
    if whole and not line.text.endswith(":") and not name.startswith(("网友", "网民", "“")):
        return False  # a line with no colon is a name only when it says 网友“…”
    if not _addressee_like(name, greeting=greeting, whole_line=whole):
        return False
    if not whole:
        rest = end
        while rest < len(line.text) and line.text[rest] == " ":
            rest += 1
        all_lines[index : index + 1] = [
            _sub_line(line, 0, end, line.number),
            _sub_line(line, rest, len(line.text), line.number),
        ]
    return True


def _addressee_like(name: str, *, greeting: bool, whole_line: bool) -> bool:
    if len(name) > _MAX_SALUTATION or any(w in name for w in words("not_addressee")):
        return False
    if greeting or name.startswith(("网友", "网民")):
        return True
    bare = name.rstrip("”\"’' ")
    if bare.endswith(words("role")) or bare.endswith(words("org_suffix")):
        return True
    user_id, han_name, _ = _small_patterns()
    if user_id.fullmatch(name):
        return True  # a portal user id: “UU0081195”, UU008362
    return whole_line and han_name.fullmatch(name) is not None


@cache
def _small_patterns() -> tuple[re.Pattern[str], regex.Pattern[str], re.Pattern[str]]:
    """Patterns of single checks, compiled once (``regex.fullmatch(str, …)`` looks the
    pattern up in `regex`'s cache on every call, ~6 µs); only the one with ``\\p{Han}`` in
    `regex`."""
    import regex

    return (
        re.compile(r"[“\"]?[A-Za-z]{0,6}\d{3,12}[”\"]?"),
        regex.compile(r"\p{Han}{2,4}"),
        re.compile(r"第 ?[A-Za-z]?\d{1,8}+ ?号|届.{0,12}?次会议"),
    )


def _repeats(lines: list[Line], run: list[int], line: Line) -> bool:
    return any(lines[i].text == line.text for i in run)


def _holds_any(text: str, chars: str) -> bool:
    """Whether ``text`` holds one of ``chars``: one ``in`` each, a search in C (by memchr on
    a long line); ``frozenset.isdisjoint(text)`` makes and hashes a string per character."""
    return any(char in text for char in chars)


def _title_candidate(text: str) -> bool:
    return (
        len(text) <= _MAX_TITLE
        and not _holds_any(text, _STOPS)
        and not heading_at(text)
        and not text.endswith(":")
    )


def _choose_title(layout: Layout, candidates: list[list[int]], *, salutation: bool) -> None:
    """The run of candidate lines that names the letter (…的答复), at most three lines."""
    titled = [run for run in candidates if _names_letter(layout, run)]
    chosen = titled[0] if titled else (candidates[0] if candidates and salutation else None)
    if chosen is not None:
        if _masthead(layout, chosen):
            layout.furniture.append(layout.lines[chosen[0]])
            chosen = chosen[1:]
        layout.title = [layout.lines[i] for i in chosen[:_MAX_TITLE_LINES]]


def _masthead(layout: Layout, run: list[int]) -> bool:
    """Whether the run opens with a portal's masthead: an organ's name alone (辽宁省发展和改革
    委员会) above a line that names the letter by itself and is not the rest of the organ's
    own title (…委员会 / 关于…的答复 is one title, written on two lines)."""
    if len(run) < 2:
        return False
    first, rest = layout.lines[run[0]].text, layout.lines[run[1]].text
    return (
        first.endswith(words("org_suffix"))
        and not any(word in first for word in ("关于", "对", "的"))
        and not rest.startswith(("关于", "对"))
        and _names_letter(layout, run[1:])
    )


def _names_letter(layout: Layout, run: list[int]) -> bool:
    text = "".join(layout.lines[i].text for i in run)  # joined once, not once per word
    return any(w in text for w in words("title_word")) or _names_proposal(text)


def _names_proposal(text: str) -> bool:
    return _small_patterns()[2].search(text) is not None


# --- bottom: furniture, footer, date, signature, attachments, closing ------------------------


def _read_bottom(layout: Layout, first_body: int) -> int:
    """Footer, date, signature, attachments and closing from the end; returns the last body
    line index."""
    pats = _patterns()
    all_lines = layout.lines
    index = len(all_lines) - 1
    # Zones read bottom-up are collected last-first and turned round once at the end:
    # insert(0, …) per line was quadratic in a tail of 100,000 page numbers or 联系人 lines.
    furniture: list[Line] = []
    site_footer: list[Line] = []
    footer_start = len(layout.footer)
    while index >= first_body:
        line = all_lines[index]
        site = (  # only below the letter's own end, where a page's footer stands
            not layout.signature and layout.date_line is None and _site_footer(line.text)
        )
        if site or _is_furniture(line, pats) or _lone_yinfa(all_lines, index, first_body, pats):
            furniture.append(line)
            if site:
                site_footer.append(line)
            # 办公室  2021年5月28日印发, 办公室  2021年5月28日  印发: the pieces a wide gap
            # cut the 印发 line into are all of it
            while (line.text.endswith("印发") and index > first_body
                   and all_lines[index - 1].number == line.number):
                index -= 1
                furniture.append(all_lines[index])
        elif not layout.signature and _footer_line(layout, line, pats):
            pass
        elif layout.date_line is None and not layout.signature and _date_line(line, pats):
            layout.date_line = line
        elif layout.date_line is None and not layout.signature and _split_tail_date(
            layout, index, pats
        ):
            index = _after_tail_date(layout, index, pats)
            break
        elif _signature_like(line.text, dated=layout.date_line is not None, pats=pats):
            if len(layout.signature) >= _MAX_SIGNERS:
                break
            layout.signature.insert(0, line)
        else:
            break
        index -= 1
    layout.furniture[0:0] = furniture[::-1]
    layout.site_footer[0:0] = site_footer[::-1]
    layout.footer[:] = layout.footer[footer_start:][::-1] + layout.footer[:footer_start]
    index = _read_attachments(layout, index, first_body, pats)
    closing: list[Line] = []
    while (
        index >= first_body
        and len(all_lines[index].text) <= _MAX_CLOSING
        and pats["closing"].match(all_lines[index].text)
    ):
        closing.append(all_lines[index])
        index -= 1
    layout.closing[0:0] = closing[::-1]
    if layout.date_line is None:
        layout.warnings.append("no signing date found")
    if not layout.signature:
        layout.warnings.append("no signature found")
    return index


def _footer_line(layout: Layout, line: Line, pats: _Patterns) -> bool:
    # Read bottom-up: fields are added last-first and _read_bottom turns them round.
    # As in _top_fields, a pattern is tried only on a line it can match.
    if ":" in line.text and pats["key_start"].match(line.text):
        layout.footer.extend(reversed(key_values(line, pats)))
        return True
    if len(line.text) <= _max_disclosure() and pats["disclosure"].fullmatch(line.text):
        layout.footer.append(
            positional_new(HeaderField)("", "disclosure", line.text, line.span, line)
        )
        return True
    return False


def _date_line(line: Line, pats: _Patterns) -> bool:
    return _may_end_date(line.text) and pats["date"].fullmatch(line.text) is not None


def _may_end_date(text: str) -> bool:
    """Whether ``text`` ends as a line the "date" pattern matches whole can: with 日, a
    digit, or the bracket of a seal after the date (2021年5月28日(印章))."""
    return text[-1:] in ("日", ")", "]") or text[-1:].isdecimal()


def _split_tail_date(layout: Layout, index: int, pats: _Patterns) -> bool:
    """A date glued to the end of the last line (…监督!2018年7月23日): cut it off."""
    line = layout.lines[index]
    window = max(0, len(line.text) - 40)
    match = pats["tail_date"].search(line.text, window)
    if match is None or match.start() == 0:
        return False
    layout.date_line = _sub_line(line, match.start("date"), match.end("date"), line.number)
    head = line.text[: match.start()].rstrip(" ")
    layout.lines[index] = _sub_line(line, 0, len(head), line.number)
    return True


def _after_tail_date(layout: Layout, index: int, pats: _Patterns) -> int:
    """The line before a glued date may end with the signing organ (…愉快! 泉塘街道办事处)."""
    line = layout.lines[index]
    cut = max((line.text.rfind(c) for c in "。!?;"), default=-1) + 1
    tail = line.text[cut:].strip(" ")
    if tail and _signature_like(tail, dated=False, pats=pats) and len(tail) <= 30:
        start = line.text.index(tail, cut)
        layout.signature.insert(0, _sub_line(line, start, start + len(tail), line.number))
        if cut == 0:
            return index - 1
        layout.lines[index] = _sub_line(line, 0, cut, line.number)
    return index


def _signature_like(text: str, *, dated: bool, pats: _Patterns) -> bool:
    """A signing organ: short, no stop, not a heading or closing; without a date seen below,
    it must end like an organ (…局, …委员会)."""
    if (
        len(text) > _MAX_SIGNATURE
        or _holds_any(text, _STOPS_OR_COMMA)
        or heading_at(text)
        or pats["closing"].match(text)
        or text.endswith(":")
    ):
        return False
    return dated or text.endswith(words("org_suffix"))


def _read_attachments(
    layout: Layout, index: int, first_body: int, pats: _Patterns
) -> int:
    """附件: lines (and their numbered continuation lines) just above the signature."""
    lowest = max(first_body, index - _MAX_ATTACHMENT_LINES)
    for at in range(index, lowest - 1, -1):
        line = layout.lines[at]
        match = pats["key_start"].match(line.text)
        if match and _header_keys()[match.group(1)] == "attachment":
            rest = layout.lines[at + 1 : index + 1]
            if all(pats["numbered_item"].match(r.text) and len(r.text) <= 80 for r in rest):
                layout.attachments = layout.lines[at : index + 1]
                return at - 1
            return index
        if not pats["numbered_item"].match(line.text):
            return index
    return index
