"""Metadata of a letter (``Meta``) from its layout zones: title, meeting, addressee, dates.

Every value is read from a zone ``find_layout`` found; what is not there stays ``None`` and
``spans`` records where each value was read, for audit.
"""

from __future__ import annotations

from functools import cache

import regex

from replyparse.layout import HeaderField, Layout
from replyparse.model import Contact, DocNumber, MeetingInfo, Meta, Span
from replyparse.numbers import parse_date

_CN_NUMERALS = "一二三四五六七八九十"
_KINDS = ("批评和意见", "建议", "议案", "提案")


@cache
def _patterns() -> dict[str, regex.Pattern[str]]:
    n = f"[{_CN_NUMERALS}]++"
    return {
        # 省十三届人大五次会议, 省政协十二届五次会议, 十三届全国人大四次会议,
        # 政协第十三届全国委员会第四次会议, 全国政协十届四次会议
        "meeting": regex.compile(
            rf"(?P<level>全国|省|自治区|市|州|县|区|盟|旗)?+(?P<body1>政协)?+第?(?P<term>{n})届"
            rf"(?P<level2>全国)?+(?P<body2>人大常委会|人大|人民代表大会|政协|委员会)?+"
            rf"第?(?P<session>{n})次(?:全体)?会议"
        ),
        "number": regex.compile(r"第\s*(?P<number>[A-Za-z]?\d{1,8}+)\s*号"),
        "kind": regex.compile(r"(?:号|的)(?P<kind>批评和意见|建议|议案|提案)"),
        "salutation": regex.compile(
            r"^(?:尊敬的)?(?P<name>[^:：]+?)(?P<group>等\s*\d+\s*[名位人])?"
            r"(?P<role>代表|委员|同志|先生|女士|老师)?\s*[:：]$"
        ),
        "doc_number": regex.compile(
            r"(?P<agency>[\p{Han}A-Za-z]{1,20}?)\s*[〔\[(（【](?P<year>\d{4})[〕\])）】]\s*"
            r"第?(?P<number>\d{1,6})号"
        ),
    }


def read_meta(text: str, layout: Layout) -> tuple[Meta, list[str]]:
    """``Meta`` of the letter and warnings about what could not be read."""
    pats = _patterns()
    values: dict[str, object] = {}
    spans: dict[str, Span] = {}
    warnings: list[str] = []
    if layout.title is not None:
        _read_title(text, layout.title.text, layout.title.span, values, spans)
    if layout.salutation is not None:
        _read_salutation(text, layout.salutation.text, layout.salutation.span, values, spans)
    for field in layout.header:
        _read_field(text, field, values, spans, warnings)
    for field in layout.footer:
        _read_field(text, field, values, spans, warnings)
    if layout.signature:
        first = layout.signature[0]
        values["responder"] = text[first.span[0] : first.span[1]]
        spans["responder"] = first.span
        values["signers"] = tuple(text[s.span[0] : s.span[1]] for s in layout.signature)
    if layout.date_line is not None:
        signed = parse_date(layout.date_line.text)
        if signed is not None:
            values["signed"] = signed.isoformat()
            spans["signed"] = layout.date_line.span
    if "proposal_kind" not in values:
        kind = pats["kind"].search(text, 0, min(len(text), layout.body[0] + 200))
        if kind:
            values["proposal_kind"] = kind.group("kind")
            spans["proposal_kind"] = kind.span("kind")
    return Meta(**values, spans=spans), warnings  # type: ignore[arg-type]


def _read_title(
    text: str, title: str, span: Span, values: dict[str, object], spans: dict[str, Span]
) -> None:
    pats = _patterns()
    base = span[0]
    values["title"] = text[span[0] : span[1]]
    spans["title"] = span
    meeting = pats["meeting"].search(title)
    if meeting:
        values["meeting"] = text[base + meeting.start() : base + meeting.end()]
        spans["meeting"] = (base + meeting.start(), base + meeting.end())
        values["meeting_info"] = _meeting_info(meeting)
        number = pats["number"].search(title, meeting.end())
    else:
        number = pats["number"].search(title)
    if number:
        values["proposal_number"] = number.group("number")
        spans["proposal_number"] = (base + number.start("number"), base + number.end("number"))
    open_at = title.find("《")
    close_at = title.rfind("》")
    if 0 <= open_at < close_at:
        values["proposal_title"] = text[base + open_at + 1 : base + close_at]
        spans["proposal_title"] = (base + open_at + 1, base + close_at)
        inner = title[open_at + 1 : close_at]
        kind = next((k for k in _KINDS if inner.endswith(k)), None)
        if kind:
            values["proposal_kind"] = kind
            spans["proposal_kind"] = (base + close_at - len(kind), base + close_at)
    if "proposal_kind" not in values:
        kind_match = pats["kind"].search(title)
        if kind_match:
            values["proposal_kind"] = kind_match.group("kind")
            start, end = kind_match.span("kind")
            spans["proposal_kind"] = (base + start, base + end)


def _meeting_info(match: regex.Match[str]) -> MeetingInfo:
    from replyparse.numbers import parse_cn_int

    level = match.group("level2") or match.group("level")
    bodies = (match.group("body1") or "") + (match.group("body2") or "")
    body = None
    if "政协" in bodies or match.group("body2") == "委员会":
        body = "政协"
    elif "人大" in bodies or "人民代表" in bodies:
        body = "人大"
    return MeetingInfo(
        level=level,
        body=body,
        term=parse_cn_int(match.group("term")),
        session=parse_cn_int(match.group("session")),
    )


def _read_salutation(
    text: str, line: str, span: Span, values: dict[str, object], spans: dict[str, Span]
) -> None:
    match = _patterns()["salutation"].match(line)
    if match is None:
        return
    base = span[0]
    values["addressee"] = text[base + match.start("name") : base + match.end("name")]
    spans["addressee"] = (base + match.start("name"), base + match.end("name"))
    if match.group("role"):
        values["addressee_role"] = match.group("role")
        spans["addressee_role"] = (base + match.start("role"), base + match.end("role"))


def _read_field(
    text: str,
    field: HeaderField,
    values: dict[str, object],
    spans: dict[str, Span],
    warnings: list[str],
) -> None:
    value = text[field.value_span[0] : field.value_span[1]].strip()
    if not value:
        return
    name = field.field
    if name == "published":
        date = parse_date(field.value)
        if date is None:
            warnings.append(f"unreadable {field.key} date: {value!r}")
            return
        values[name] = date.isoformat()
    elif name == "doc_number":
        values[name] = _doc_number(text, field)
    elif name in ("cc", "attachment"):
        key = "cc" if name == "cc" else "attachments"
        parts = regex.split(r"[,，、;；]\s*", value)
        values[key] = (*values.get(key, ()), *(p for p in parts if p))  # type: ignore[misc]
        return
    elif name in ("contact", "phone", "contact_unit"):
        contact = Contact(text=value, span=field.value_span, **{_CONTACT[name]: value})
        values["contacts"] = (*values.get("contacts", ()), contact)  # type: ignore[misc]
        return
    elif name in Meta.__dataclass_fields__:
        values[name] = value
    else:
        return
    spans[name] = field.value_span


_CONTACT = {"contact": "name", "phone": "phone", "contact_unit": "unit"}


def _doc_number(text: str, field: HeaderField) -> DocNumber | None:
    match = _patterns()["doc_number"].search(field.value)
    if match is None:
        return None
    base = field.value_span[0] + (len(field.value) - len(field.value.lstrip()))
    return DocNumber(
        text=text[base + match.start() : base + match.end()],
        span=(base + match.start(), base + match.end()),
        agency=match.group("agency"),
        year=int(match.group("year")),
        number=match.group("number"),
    )
