"""Metadata of a letter (``Meta``) from its layout zones: title, meeting, addressee, dates.

Every value is read from a zone ``find_layout`` found; what is not there stays ``None`` and
``spans`` records where each value was read, for audit.  Patterns run on the 1:1 normalised
text; values are sliced from the original text, except identifiers (proposal number, 文号
year and number, phone numbers, category letter) which are given normalised (ASCII digits,
leading zeros kept as written).
"""

from __future__ import annotations

import datetime
import re
from functools import cache
from typing import TYPE_CHECKING

from replyparse.data_files import alternation
from replyparse.layout import HeaderField, Layout, disclosure_values, key_values, words
from replyparse.model import Contact, DocNumber, MeetingInfo, Meta, Span
from replyparse.numbers import parse_cn_int, parse_date
from replyparse.text import Line, normalise

if TYPE_CHECKING:
    from typing import TypeAlias

    import regex

    _Patterns: TypeAlias = dict[str, re.Pattern[str] | regex.Pattern[str]]

_KINDS = ("批评和意见", "建议", "议案", "提案")
_CN = "一二三四五六七八九十"


#: A date in Chinese numerals (二〇二一年五月二十八日; ○, 零, O and 0 are written for 〇):
#: a signing date's form, and the 印发 line's.
_CN_DATE = ("[〇○零一二三四五六七八九O0]{4} ?年 ?[一二三四五六七八九十]{1,3}+ ?月"
            " ?[一二三四五六七八九十]{1,3}+ ?日")


@cache
def _patterns() -> _Patterns:
    """The metadata patterns, compiled once.  Those without a named list (``\\L<…>``) or a
    script class (``\\p{Han}``) are in the stdlib `re`, which matches plain classes and
    literals faster than `regex` (and the opening's search runs over the body)."""
    import regex

    n = rf"(?:[{_CN}]{{1,4}}+|\d{{1,2}}+)"
    return {
        # 省十三届人大五次会议, 省政协十二届五次会议, 十三届全国人大四次会议,
        # 政协第十三届全国委员会第四次会议, 全国政协十届四次会议, 市第十五届人民代表大会第一次会议
        "meeting": regex.compile(
            rf"(?:(?P<body0>政协)\p{{Han}}{{0,8}}?(?=全国|自治区|自治州|省|市|州|县|区|盟|旗|第))?"
            rf"(?P<level>全国|自治区|自治州|省|市|州|县|区|盟|旗)?+(?P<body1>政协)?+第?+"
            rf"(?P<term>{n})届(?P<level2>全国)?+"
            rf"(?P<body2>人大常委会|人大|人民代表大会|政协|委员会)?+第?+(?P<session>{n})次(?:全体)?+会议"
        ),
        # 第1125号, 第A123号; with the proposal's class word: 第经济发展类289号, 第A类123号,
        # (经济发展类289号) (the text is normalised: （） are ())
        "number": re.compile(
            r"第 ?(?:(?P<cls>[A-Za-z\u3400-\u9fff]{1,8}?类) ?第?)?(?P<number>[A-Za-z]?\d{1,8}+) ?号"
            r"|\((?P<pcls>[A-Za-z\u3400-\u9fff]{1,8}?类) ?第?(?P<pnumber>[A-Za-z]?\d{1,8}+) ?号\)"
        ),
        "kind": re.compile(r"批评和意见|建议|议案|提案"),
        # what the letter calls itself, ending its title (…的答复, …的复函, …提案答复的函);
        # a short bracketed note may follow (…的答复(摘要)); leftmost = longest ending
        "reply_kind": re.compile(
            rf"({alternation(words('reply_kind'))}) ?(?:\([^()]{{1,10}}\))? ?$"
        ),
        "salutation": regex.compile(
            r"(?:尊敬的|亲爱的)?+(?P<name>.+?)"
            r"(?:等 ?(?P<count>\d{1,3}+|[一二三四五六七八九十]{1,3}+)? ?[名位人]?)?"
            r"(?P<role>\L<roles>)? ?:?",
            roles=list(words("role")),
        ),
        "doc_number": regex.compile(
            r"(?P<agency>[\p{Han}A-Za-z]{1,20}?) ?[〔\[(【﹝](?P<year>(?:19|20)\d{2})[〕\])】﹞] ?"
            r"第?(?P<number>\d{1,6}+)号"
        ),
        "date": re.compile(
            r"(?P<year>\d{4}+) ?年 ?(?P<month>\d{1,2}+) ?月 ?(?P<day>\d{1,2}+) ?(?P<ri>日?)"
            r"|\d{4}+[-./]\d{1,2}+[-./]\d{1,2}+"
            rf"|(?P<cn>{_CN_DATE})"
        ),
        "opening_title": re.compile(
            r"(?:提出|提交|领衔提出|所提)的?(?:《(?P<quoted>[^》]{2,100}+)》"
            r"|(?P<plain>关于[^,。;!?:《》]{2,100}?的(?:建议|提案|议案|批评和意见|意见)))"
        ),
        "numbering": re.compile(r"^(?:\d{1,2}+[.、)]|\(\d{1,2}+\)) ?"),
        "category_letter": re.compile(r"[A-D]|[甲乙丙丁]"),
        "views": re.compile(r"\d{1,12}+"),
        # the 印发 line's date, right before 印发 (the line is ….{0,38}?日 ?印发: layout)
        "printed": re.compile(
            rf"(?:\d{{4}}+ ?年 ?\d{{1,2}}+ ?月 ?\d{{1,2}}+ ?日|{_CN_DATE})(?= *+印发$)"
        ),
    }


@cache
def _numbers(name: str) -> dict[str, int]:
    """The group numbers of pattern ``name``, by group name.  A `regex` match reads a group
    named by a string only after failing to read the string as a number, which raises and
    formats an exception each time (~2,500 instructions): its groups are read by number."""
    return dict(_patterns()[name].groupindex)


class _Reader:
    """Collects values and their spans while reading the zones."""

    def __init__(self, text: str, norm: str) -> None:
        self.text = text
        self.norm = norm
        self.values: dict[str, object] = {}
        self.spans: dict[str, Span] = {}
        self.warnings: list[str] = []

    def put(self, name: str, value: object, span: Span) -> None:
        if name not in self.values:
            self.values[name] = value
            self.spans[name] = span

    def original(self, span: Span) -> str:
        return self.text[span[0] : span[1]]


def read_meta(text: str, layout: Layout) -> tuple[Meta, list[str]]:
    """``Meta`` of the letter and warnings about what could not be read."""
    norm = layout.norm if len(layout.norm) == len(text) else normalise(text)
    reader = _Reader(text, norm)
    if layout.title:
        _read_title(reader, layout.title)
    else:
        titled = next((f for f in layout.header if f.field == "title" and f.value), None)
        if titled is not None:  # 标题: … on a portal page
            _read_title(reader, [Line(titled.value, titled.value_span, titled.line.number)])
    if layout.salutation is not None:
        _read_salutation(reader, layout.salutation)
    _read_fields(reader, [*layout.header, *layout.footer])
    if layout.attachments:
        _read_attachments(reader, layout.attachments)
    if layout.signature:
        signers = tuple(reader.original(line.span) for line in layout.signature)
        reader.put("responder", signers[0], layout.signature[0].span)
        reader.put("signers", signers, (layout.signature[0].span[0], layout.signature[-1].span[1]))
    if layout.date_line is not None:
        signed = _date(reader.norm[layout.date_line.span[0] : layout.date_line.span[1]])
        if signed is None:
            reader.warnings.append(f"unreadable signing date: {layout.date_line.text!r}")
        else:
            reader.put("signed", signed.isoformat(), layout.date_line.span)
    if "signed" not in reader.values and "written" in reader.values:
        reader.put("signed", reader.values.pop("written"), reader.spans.pop("written"))
    reader.values.pop("written", None)
    reader.spans.pop("written", None)
    _read_printing(reader, layout)
    _read_opening(reader, layout.body)
    return Meta(**reader.values, spans=reader.spans), reader.warnings  # type: ignore[arg-type]


# --- title -----------------------------------------------------------------------------------


def _read_title(reader: _Reader, title: list[Line]) -> None:
    """Title lines joined without their breaks; meeting, number, kind and 《proposal》."""
    joined = "".join(reader.norm[line.span[0] : line.span[1]] for line in title)
    if len(title) == 1:  # the usual case: offsets into the line are offsets into the text
        base = title[0].span[0]

        def span(start: int, end: int) -> Span:
            return (base + start, base + max(start, end))

        def value(start: int, end: int) -> str:
            return reader.text[base + start : base + end]

    else:
        offsets = [i for line in title for i in range(*line.span)]

        def span(start: int, end: int) -> Span:
            if end > start:
                return (offsets[start], offsets[end - 1] + 1)
            return (offsets[start],) * 2

        def value(start: int, end: int) -> str:
            return "".join(reader.text[offsets[i]] for i in range(start, end))

    reader.put("title", value(0, len(joined)), span(0, len(joined)))
    pats = _patterns()
    after = 0
    meeting = pats["meeting"].search(joined)
    if meeting:
        reader.put("meeting", value(*meeting.span()), span(*meeting.span()))
        reader.put("meeting_info", _meeting_info(meeting), span(*meeting.span()))
        after = meeting.end()
    number = pats["number"].search(joined, after)
    if number:
        digits, cls = ("number", "cls") if number.group("number") else ("pnumber", "pcls")
        reader.put("proposal_number", number.group(digits), span(*number.span(digits)))
        if number.group(cls):
            reader.put("proposal_class", value(*number.span(cls)), span(*number.span(cls)))
        after = number.end()
    open_at, close_at = joined.find("《"), joined.rfind("》")
    if 0 <= open_at < close_at:
        reader.put("proposal_title", value(open_at + 1, close_at), span(open_at + 1, close_at))
        kind = next((k for k in _KINDS if joined[open_at + 1 : close_at].endswith(k)), None)
        if kind:
            reader.put("proposal_kind", kind, span(close_at - len(kind), close_at))
    for match in pats["kind"].finditer(joined, after):
        if not 0 <= open_at < match.start() < close_at:
            reader.put("proposal_kind", match.group(), span(*match.span()))
            break
    ending = pats["reply_kind"].search(joined, max(after, close_at + 1))
    if ending:  # only after the last 》: the proposal's own 《title》 may hold 答复
        reader.put("reply_kind", value(*ending.span(1)), span(*ending.span(1)))


def _meeting_info(match: re.Match[str] | regex.Match[str]) -> MeetingInfo:
    number = _numbers("meeting")
    level = match.group(number["level2"]) or match.group(number["level"])
    bodies = "".join(match.group(number[g]) or "" for g in ("body0", "body1", "body2"))
    body = None
    if "政协" in bodies or match.group(number["body2"]) == "委员会":
        body = "政协"
    elif "人大" in bodies or "人民代表" in bodies:
        body = "人大"
    return MeetingInfo(
        level=level,
        body=body,
        term=_int(match.group(number["term"])),
        session=_int(match.group(number["session"])),
    )


def _int(numeral: str) -> int | None:
    return int(numeral) if numeral.isdigit() else parse_cn_int(numeral)


# --- salutation ------------------------------------------------------------------------------


def _read_salutation(reader: _Reader, line: Line) -> None:
    """何金箭代表: → 何金箭/代表/1; 张三等5名代表: → 张三/代表/5; 网友“UU008”: → UU008/网友."""
    match = _patterns()["salutation"].fullmatch(line.text)
    if match is None:
        return
    base = line.span[0]
    number = _numbers("salutation")
    name_start, name_end = match.span(number["name"])
    name = match.group(number["name"])
    role_span = match.span(number["role"]) if match.group(number["role"]) else None
    for prefix in ("网友", "网民"):
        if name.startswith(prefix):
            role_span = (name_start, name_start + len(prefix))
            name_start += len(prefix)
    while name_start < name_end and line.text[name_start] in "“”\"' ":
        name_start += 1  # 网友“UU008162”, “UU008750”: the id without its quotes
    while name_end > name_start and line.text[name_end - 1] in "“”\"' ":
        name_end -= 1
    if role_span is not None:
        role = reader.original((base + role_span[0], base + role_span[1]))
        reader.put("addressee_role", role, (base + role_span[0], base + role_span[1]))
    if line.text[name_start:name_end] in ("各位", "诸位", "广大"):
        return  # 各位代表:, 广大网友: a speech to many names no one
    if name_end > name_start:
        reader.put("addressee", reader.original((base + name_start, base + name_end)),
                   (base + name_start, base + name_end))
        count = match.group(number["count"])
        if count:
            count_start, count_end = match.span(number["count"])
            reader.put("addressee_count", _int(count), (base + count_start, base + count_end))
        elif "等" not in line.text[name_end : match.end()] and role_span is not None:
            reader.put("addressee_count", 1, (base + name_start, base + name_end))


# --- header and footer fields ----------------------------------------------------------------


def _read_fields(reader: _Reader, fields: list[HeaderField]) -> None:
    contacts: list[dict[str, object]] = []
    for field in fields:
        span = field.value_span
        if span[0] >= span[1]:
            continue
        name = field.field
        norm = reader.norm[span[0] : span[1]]
        if name in ("published", "written", "date"):
            date = _date(norm)
            if date is None:
                reader.warnings.append(f"unreadable {field.key or 'header'} date: {field.value!r}")
            elif name != "date":
                reader.put(name, date.isoformat(), span)
        elif name == "doc_number":
            _read_doc_number(reader, span)
        elif name == "category":
            letter = _patterns()["category_letter"].search(norm)
            if letter:
                at = span[0] + letter.start()
                reader.put("category", letter.group(), (at, at + 1))
        elif name == "disclosure":
            reader.put("disclosure", _disclosure(norm), span)
        elif name == "views":
            digits = _patterns()["views"].match(norm)
            if digits:
                reader.put("views", int(digits.group()), (span[0], span[0] + digits.end()))
        elif name in ("contact", "phone", "contact_unit"):
            _add_contact(contacts, field, reader)
        elif name == "cc":
            _read_cc(reader, span)
        elif name == "attachment":
            _add_attachment(reader, span)
        elif name in ("title", "author", "source", "issuer", "index_number"):
            reader.put(name, reader.original(span), span)
    if contacts:
        reader.put(
            "contacts",
            tuple(_contact(reader, c) for c in contacts),
            (contacts[0]["start"], contacts[-1]["end"]),  # type: ignore[arg-type]
        )


def _date(norm: str) -> datetime.date | None:
    """The first date written in ``norm`` (a normalised value); 二○二一年 forms too."""
    match = _patterns()["date"].search(norm)
    if match is None:
        return None
    if match.group("ri"):  # 2021年5月28日, the usual form: read from the match's groups
        try:
            return datetime.date(*map(int, match.group("year", "month", "day")))
        except ValueError:
            return None  # as parse_date: no such day
    token = match.group()
    if match.group("cn"):
        token = token.translate(str.maketrans("○零O0", "〇〇〇〇"))
    return parse_date(token)


def _read_doc_number(reader: _Reader, span: Span) -> None:
    norm = reader.norm[span[0] : span[1]]
    match = _patterns()["doc_number"].search(norm)
    if match is None:
        reader.warnings.append(f"unreadable 文号: {reader.original(span)!r}")
        return
    at = span[0]
    number = _numbers("doc_number")
    whole = (at + match.start(), at + match.end())
    doc = DocNumber(
        text=reader.original(whole),
        span=whole,
        agency=reader.original((at + match.start(number["agency"]),
                                at + match.end(number["agency"]))),
        year=int(match.group(number["year"])),
        number=match.group(number["number"]),
    )
    reader.put("doc_number", doc, whole)


def _disclosure(norm: str) -> str:
    stripped = norm.strip("()[]【】 ")
    known = disclosure_values()
    if stripped in known:
        return known[stripped]
    return next((v for k, v in known.items() if k in stripped), stripped)


def _add_contact(contacts: list[dict[str, object]], field: HeaderField, reader: _Reader) -> None:
    slot = {"contact": "name", "phone": "phone", "contact_unit": "unit"}[field.field]
    span = field.value_span
    value = reader.norm[span[0] : span[1]] if slot == "phone" else reader.original(span)
    current = contacts[-1] if contacts else None
    if current is None or slot in current:
        current = {"start": _key_start(reader, field)}
        contacts.append(current)
    current[slot] = value
    current["end"] = span[1]


def _key_start(reader: _Reader, field: HeaderField) -> int:
    at = reader.norm.rfind(field.key, field.line.span[0], field.value_span[0])
    return at if at >= 0 else field.value_span[0]


def _contact(reader: _Reader, found: dict[str, object]) -> Contact:
    span = (int(found["start"]), int(found["end"]))  # type: ignore[call-overload]
    return Contact(
        text=reader.original(span),
        span=span,
        name=found.get("name"),  # type: ignore[arg-type]
        phone=found.get("phone"),  # type: ignore[arg-type]
        unit=found.get("unit"),  # type: ignore[arg-type]
    )


def _read_cc(reader: _Reader, span: Span) -> None:
    items = _split(reader, span, ",;、")
    if items:
        cc = (*reader.values.get("cc", ()), *items)  # type: ignore[misc]
        reader.values["cc"] = cc
        reader.spans.setdefault("cc", span)


def _add_attachment(reader: _Reader, span: Span) -> None:
    norm = reader.norm[span[0] : span[1]]
    numbering = _patterns()["numbering"].match(norm)
    start = span[0] + (numbering.end() if numbering else 0)
    item = reader.original((start, span[1])).rstrip("。;； ")
    if item:
        attachments = (*reader.values.get("attachments", ()), item)  # type: ignore[misc]
        reader.values["attachments"] = attachments
        old = reader.spans.get("attachments", span)
        reader.spans["attachments"] = (min(old[0], span[0]), max(old[1], span[1]))


def _read_attachments(reader: _Reader, lines: list[Line]) -> None:
    """附件:1.… and the numbered lines under it."""
    for field in key_values(lines[0]):
        if field.field == "attachment" and field.value_span[0] < field.value_span[1]:
            _add_attachment(reader, field.value_span)
    for line in lines[1:]:
        _add_attachment(reader, line.span)


def _split(reader: _Reader, span: Span, separators: str) -> tuple[str, ...]:
    norm = reader.norm[span[0] : span[1]]
    items: list[str] = []
    begin = 0
    for i, char in enumerate([*norm, separators[0]]):
        if char in separators:
            item = reader.original((span[0] + begin, span[0] + i)).strip(" 。　")
            if item:
                items.append(item)
            begin = i + 1
    return tuple(items)


# --- 印发 line ------------------------------------------------------------------------------


def _read_printing(reader: _Reader, layout: Layout) -> None:
    """The 版记's 印发 line below the letter (办公室  2021年5月28日印发): the office that
    printed it and the date.  Only a furniture line after the body is read: a title's 关于
    印发 or a body's …日印发 is not one."""
    pieces: list[Line] = []
    for line in reversed(layout.furniture):  # the last 印发 line, with the pieces a wide
        if line.span[0] < layout.body[1]:  # gap cut it into (layout keeps them together)
            break
        if pieces and line.number != pieces[0].number:
            break
        if pieces or line.text.endswith("印发"):
            pieces.insert(0, line)
    if not pieces:
        return
    start, end = pieces[0].span[0], pieces[-1].span[1]
    date = _patterns()["printed"].search(reader.norm, start, end)
    if date is None:  # layout's furniture pattern is looser (x日印发)
        reader.warnings.append(f"unreadable 印发 date: {reader.original((start, end))!r}")
        return
    printed = _date(date.group())
    if printed is None:
        reader.warnings.append(f"unreadable 印发 date: {date.group()!r}")
    else:
        reader.put("printed", printed.isoformat(), date.span())
    office_end = len(reader.norm[start : date.start()].rstrip()) + start
    if office_end > start:
        reader.put("printer", reader.original((start, office_end)), (start, office_end))


# --- opening ---------------------------------------------------------------------------------


def _read_opening(reader: _Reader, body: Span) -> None:
    """您提出的《关于…的建议》收悉: the proposal's title and kind when the title lacks them."""
    if "proposal_title" in reader.values and "proposal_kind" in reader.values:
        return
    end = min(body[1], body[0] + 300)
    match = _patterns()["opening_title"].search(reader.norm, body[0], end)
    if match is None:
        return
    group = "quoted" if match.group("quoted") else "plain"
    span = match.span(group)
    reader.put("proposal_title", reader.original(span), span)
    kind = next((k for k in _KINDS if match.group(group).endswith(k)), None)
    if kind:
        reader.put("proposal_kind", kind, (span[1] - len(kind), span[1]))
