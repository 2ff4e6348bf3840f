"""Metamorphic tests: the reference letter rewritten into the shapes real archives hold.

Each variant is made by code from the real text (samples/liaoning-2021-1125.txt) and must give
the same sections (numbers, levels, topics), the same statements (text, stance, section,
sub-part, in order) and the same money, areas, quantities, departments and documents found in
the body statements (text, values, stance, section) as the original, with every span slicing
the variant's own text to its item.  Texts are compared after 1:1 normalisation with white
space removed, so a line break inserted mid-sentence or full-width punctuation compares equal.
Mentions outside the body statements (title, footer lines a variant adds) are not compared.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import regex

import replyparse
from replyparse.model import Letter, Section
from replyparse.text import normalise

CN_HEADINGS = "一二三四五六七"
_FULL = {c: chr(ord(c) + 0xFEE0) for c in ",:;()!?0123456789"}


def key(text: str) -> str:
    return regex.sub(r"\s+", "", normalise(text))


def _sections(sections: tuple[Section, ...]) -> list[Any]:
    return [(s.number, s.level, key(s.topic), _sections(s.subsections)) for s in sections]


def _statements(letter: Letter) -> list[tuple[str, str, int | None, int | None]]:
    return [(key(s.text), s.stance, s.section, s.subsection) for s in letter.statements]


_KINDS = ("money", "areas", "quantities", "departments", "documents")


def _mentions(letter: Letter) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for kind in _KINDS:
        rows = []
        for item in getattr(letter, kind):
            if item.stance is None:
                continue
            row = item.to_dict()
            row.pop("span")
            row = {k: key(v) if isinstance(v, str) else v for k, v in row.items()}
            rows.append(row)
        out[kind] = rows
    return out


# --- variants --------------------------------------------------------------------------------


def fullwidth(text: str) -> str:
    """ASCII punctuation and digits → full-width (，：；（）！？０-９)."""
    return "".join(_FULL.get(c, c) for c in text)


def halfwidth(text: str) -> str:
    """Full-width → half-width, after a round trip through full-width."""
    return normalise(fullwidth(text))


def sub_levels(text: str) -> str:
    """在…方面: parts of section 七 numbered （一）（二）（三）."""
    count = iter("一二三")
    return regex.sub(
        r"(?m)^(\s*)(在[^,:。]{1,24}方面:)", lambda m: f"{m[1]}（{next(count)}）{m[2]}", text
    )


def arabic_headings(text: str) -> str:
    """一、 … 七、 headings written 1. … 7."""
    return regex.sub(rf"(?m)^(\s*)([{CN_HEADINGS}])、",
                     lambda m: f"{m[1]}{CN_HEADINGS.index(m[2]) + 1}.", text)


def title_without_quotes(text: str) -> str:
    rest = text.split("\n", 1)[1]
    return "关于省十三届人大五次会议第1125号建议的答复\n" + rest


def chinese_date(text: str) -> str:
    return text.replace("2021年5月28日", "二〇二一年五月二十八日")


def doc_number_on_top(text: str) -> str:
    first, rest = text.split("\n", 1)
    return f"辽发改函〔2021〕123号          A类\n\n签发人：王大明\n\n{first}\n{rest}"


def keyed_header(text: str) -> str:
    first, rest = text.split("\n", 1)
    return f"{first}\n\n发文字号：辽发改函[2021]123号\n分类标识：A\n公开属性：主动公开\n{rest}"


def footer(text: str) -> str:
    return (text.rstrip() + "\n\n（联系人：张三，联系电话：024-12345678）\n\n"
            "抄送：葫芦岛市人民政府，省财政厅。\n")


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def cr_only(text: str) -> str:
    return text.replace("\n", "\r")


def no_blank_lines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if line.strip())


def no_header(text: str) -> str:
    """Title and portal lines gone: the letter opens with the salutation."""
    return text[text.index("何金箭代表"):]


def no_portal_lines(text: str) -> str:
    return regex.sub(r"(?m)^(作者|来源|发布时间):.*\n", "", text)


def cppcc(text: str) -> str:
    """政协 wording in title and salutation: 委员, 提案, 省政协十二届五次会议."""
    text = text.replace("省十三届人大五次会议", "省政协十二届五次会议", 1)
    text = text.replace("对策研究的建议》", "对策研究的提案》", 1)
    return text.replace("何金箭代表", "何金箭委员", 1)


def ideographic_indent(text: str) -> str:
    return regex.sub(r"(?m)^ +", lambda m: "\u3000" * max(1, len(m[0]) // 2), text)


def nbsp_and_tab_indent(text: str) -> str:
    lines = text.split("\n")
    return "\n".join(
        regex.sub(r"^ +", "\t" if i % 2 else "\u00a0\u00a0", line) for i, line in enumerate(lines)
    )


def page_furniture(text: str) -> str:
    """Page numbers between paragraphs, a page header line, and the gov.cn marker at the end."""
    paragraphs = text.split("\n\n")
    out = []
    for i, paragraph in enumerate(paragraphs):
        out.append(paragraph)
        if i % 6 == 5:
            out.append(f"— {i // 6 + 1} —" if i % 12 == 5 else f"第{i // 6 + 1}页 共4页")
    return "\n\n".join(out) + "\n（本文有删减）\n"


def wrapped_headings(text: str) -> str:
    """Headings cut by a page margin inside their quotation, as PDF text keeps them."""
    return regex.sub(r"(?m)^(\s*[一二三四五六七]、关于“[^,”]{4})", r"\1\n", text)


def mixed(text: str) -> str:
    return crlf(no_blank_lines(fullwidth(text)))


def mid_sentence_breaks(text: str, original: Letter) -> str:
    """One line break (and an indent) inside every long body statement, away from mentions
    and cue words, as PDF or HTML extraction leaves them."""
    taken: list[tuple[int, int]] = [
        item.span for kind in _KINDS for item in getattr(original, kind)
    ]
    cues = [(s.span[0], s.span[0] + 8) for s in original.statements]
    breaks = []
    for statement in original.statements:
        start, end = statement.span
        if end - start < 30 or statement.section is None:
            continue
        for at in range(start + (end - start) // 2, end - 5):
            if (
                regex.match(r"\p{Han}", text[at - 1]) and regex.match(r"\p{Han}", text[at])
                and text[at] not in "在一二三四五六七八九十第"
                and not any(s <= at < e or s < at <= e for s, e in [*taken, *cues])
            ):
                breaks.append(at)
                break
    out, last = [], 0
    for at in breaks:
        out.append(text[last:at])
        out.append("\n  ")
        last = at
    out.append(text[last:])
    return "".join(out)


Variant = Callable[[str], str]
VARIANTS: list[tuple[str, Variant]] = [
    ("fullwidth", fullwidth),
    ("halfwidth", halfwidth),
    ("sub_levels", sub_levels),
    ("arabic_headings", arabic_headings),
    ("title_without_quotes", title_without_quotes),
    ("chinese_date", chinese_date),
    ("doc_number_on_top", doc_number_on_top),
    ("keyed_header", keyed_header),
    ("footer", footer),
    ("crlf", crlf),
    ("cr_only", cr_only),
    ("no_blank_lines", no_blank_lines),
    ("no_header", no_header),
    ("no_portal_lines", no_portal_lines),
    ("cppcc", cppcc),
    ("ideographic_indent", ideographic_indent),
    ("nbsp_and_tab_indent", nbsp_and_tab_indent),
    ("page_furniture", page_furniture),
    ("wrapped_headings", wrapped_headings),
    ("mixed", mixed),
]


def _variant(name: str, reference_text: str, reference: Letter) -> str:
    if name == "mid_sentence_breaks":
        return mid_sentence_breaks(reference_text, reference)
    if name == "breaks_and_no_blank_lines":
        return no_blank_lines(mid_sentence_breaks(reference_text, reference))
    return dict(VARIANTS)[name](reference_text)


NAMES = [name for name, _ in VARIANTS] + ["mid_sentence_breaks", "breaks_and_no_blank_lines"]


@pytest.mark.parametrize("name", NAMES)
def test_variant_keeps_structure(name: str, reference_text: str, reference: Letter) -> None:
    text = _variant(name, reference_text, reference)
    assert text != reference_text
    letter = replyparse.parse(text)
    assert _sections(letter.sections) == _sections(reference.sections)
    assert [s.stance for s in letter.statements] == [s.stance for s in reference.statements]
    assert _statements(letter) == _statements(reference)
    assert _mentions(letter) == _mentions(reference)
    _check_spans(letter, text)


def _check_spans(letter: Letter, text: str) -> None:
    for item in [*letter.statements, *(m for k in _KINDS for m in getattr(letter, k))]:
        assert text[item.span[0] : item.span[1]] == item.text
    stack = list(letter.sections)
    while stack:
        section = stack.pop()
        start, end = section.heading_span
        assert text[start:end] == section.heading
        stack.extend(section.subsections)
    for name, (start, end) in letter.meta.spans.items():
        assert 0 <= start <= end <= len(text), name


REFERENCE_TITLE = (
    "省十三届人大五次会议第1125号《关于资源枯竭地区转型发展问题及对策研究的建议》的答复"
)
# What each variant must (also) read into Meta.
META: list[tuple[str, dict[str, Any]]] = [
    ("fullwidth", {"proposal_number": "1125", "signed": "2021-05-28", "addressee": "何金箭"}),
    ("title_without_quotes", {"meeting": "省十三届人大五次会议", "proposal_number": "1125",
                              "proposal_kind": "建议", "proposal_title":
                              "关于资源枯竭地区转型发展问题及对策研究的建议"}),
    ("chinese_date", {"signed": "2021-05-28"}),
    ("doc_number_on_top", {"category": "A", "issuer": "王大明", "title": REFERENCE_TITLE}),
    ("keyed_header", {"category": "A", "disclosure": "主动公开", "title": REFERENCE_TITLE}),
    ("footer", {"cc": ("葫芦岛市人民政府", "省财政厅"), "responder": "辽宁省发展和改革委员会"}),
    ("no_header", {"title": None, "addressee": "何金箭", "signed": "2021-05-28",
                   "proposal_kind": "建议"}),
    ("cppcc", {"meeting": "省政协十二届五次会议", "proposal_kind": "提案",
               "addressee_role": "委员"}),
    ("page_furniture", {"responder": "辽宁省发展和改革委员会", "signed": "2021-05-28"}),
    ("crlf", {"title": REFERENCE_TITLE, "published": "2021-07-23"}),
    ("mixed", {"published": "2021-07-23", "signed": "2021-05-28", "proposal_number": "1125"}),
]


@pytest.mark.parametrize(("name", "expected"), META, ids=[row[0] for row in META])
def test_variant_meta(name: str, expected: dict[str, Any], reference_text: str,
                      reference: Letter) -> None:
    letter = replyparse.parse(_variant(name, reference_text, reference))
    for field, value in expected.items():
        assert getattr(letter.meta, field) == value, field


def test_doc_number_parts(reference_text: str, reference: Letter) -> None:
    for name in ("doc_number_on_top", "keyed_header"):
        doc = replyparse.parse(_variant(name, reference_text, reference)).meta.doc_number
        assert doc is not None
        assert (doc.agency, doc.year, doc.number) == ("辽发改函", 2021, "123")


def test_footer_contact(reference_text: str) -> None:
    text = footer(reference_text)
    letter = replyparse.parse(text)
    (contact,) = letter.meta.contacts
    assert (contact.name, contact.phone, contact.unit) == ("张三", "024-12345678", None)
    assert text[contact.span[0] : contact.span[1]] == contact.text
    assert contact.text == "联系人：张三，联系电话：024-12345678"


def test_mid_sentence_breaks_join(reference_text: str, reference: Letter) -> None:
    text = mid_sentence_breaks(reference_text, reference)
    letter = replyparse.parse(text)
    joined = [s for s in letter.statements if "\n" in s.text]
    assert len(joined) >= 40
    assert all(text[s.span[0] : s.span[1]] == s.text for s in joined)
