"""Real letters (tests/data/letters/, copied from the shared corpus): layout and metadata.

Every expected value below was read by hand from the file it is checked against.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import replyparse
from replyparse.model import Letter

LETTERS = Path(__file__).resolve().parent / "data" / "letters"


def _parse(name: str) -> tuple[str, Letter]:
    text = (LETTERS / name).read_text(encoding="utf-8")
    return text, replyparse.parse(text)


# a-letters: 国务院办公厅 replies with 文号, split titles and Chinese-numeral dates.
A_META: list[tuple[str, dict[str, Any]]] = [
    ("a-001.txt", {
        "title": "国务院办公厅对全国政协十届四次会议第4626号提案的答复",
        "meeting": "全国政协十届四次会议", "proposal_number": "4626", "proposal_kind": "提案",
        "proposal_title": "关于设立总理热线电话的提案",
        "addressee": "王超斌", "addressee_role": "委员", "addressee_count": 1,
        "responder": "国务院办公厅", "signers": ("国务院办公厅",), "signed": "2006-10-18",
    }),
    ("a-002.txt", {
        "title": "国务院办公厅对十届全国人大四次会议第7240号建议的答复",
        "meeting": "十届全国人大四次会议", "proposal_number": "7240", "proposal_kind": "建议",
        "proposal_title": "关于创立免费查询所有法律、法规的政府网站的建议",
        "addressee": "周桂英", "addressee_role": "代表", "addressee_count": None,
        "responder": "国务院办公厅", "signed": "2006-09-07",
    }),
    ("a-003.txt", {
        "title": "国务院办公厅对十届全国人大四次会议第7264号建议的答复",
        "meeting": "十届全国人大四次会议", "proposal_number": "7264", "proposal_kind": "建议",
        "proposal_title": "关于请总理网上博客听取民意的建议",
        "addressee": "邓明义", "addressee_role": "代表",
        "responder": "国务院办公厅", "signed": "2006-09-07",
    }),
    ("a-004.txt", {
        "title": "国务院办公厅关于科技节水建议的复函",
        "meeting": None, "proposal_number": None, "proposal_kind": "建议",
        "addressee": "马万祺", "addressee_role": "副主席",
        "responder": "国务院办公厅", "signed": "2005-03-03",
    }),
]

A_DOC_NUMBERS = [
    ("a-001.txt", "国办函〔2006〕82号", "国办函", 2006, "82"),
    ("a-002.txt", "国办函〔2006〕71号", "国办函", 2006, "71"),
    ("a-003.txt", "国办函〔2006〕69号", "国办函", 2006, "69"),
    ("a-004.txt", "国办函〔2005〕21号", "国办函", 2005, "21"),
]

A_MEETINGS = [
    ("a-001.txt", ("全国", "政协", 10, 4)),
    ("a-002.txt", ("全国", "人大", 10, 4)),
    ("a-003.txt", ("全国", "人大", 10, 4)),
]


@pytest.mark.parametrize(("name", "expected"), A_META, ids=[row[0] for row in A_META])
def test_a_letter_meta(name: str, expected: dict[str, Any]) -> None:
    text, letter = _parse(name)
    for field, value in expected.items():
        assert getattr(letter.meta, field) == value, field
    for field, (start, end) in letter.meta.spans.items():
        assert 0 <= start < end <= len(text), field


@pytest.mark.parametrize(("name", "written", "agency", "year", "number"), A_DOC_NUMBERS,
                         ids=[row[0] for row in A_DOC_NUMBERS])
def test_a_letter_doc_number(name: str, written: str, agency: str, year: int,
                             number: str) -> None:
    text, letter = _parse(name)
    doc = letter.meta.doc_number
    assert doc is not None
    assert (doc.text, doc.agency, doc.year, doc.number) == (written, agency, year, number)
    assert text[doc.span[0] : doc.span[1]] == written


@pytest.mark.parametrize(("name", "info"), A_MEETINGS, ids=[row[0] for row in A_MEETINGS])
def test_a_letter_meeting(name: str, info: tuple[str, str, int, int]) -> None:
    _, letter = _parse(name)
    meeting = letter.meta.meeting_info
    assert meeting is not None
    assert (meeting.level, meeting.body, meeting.term, meeting.session) == info


def test_split_title_span_covers_both_lines() -> None:
    text, letter = _parse("a-002.txt")
    start, end = letter.meta.spans["title"]
    assert text[start:end] == "国务院办公厅对十届全国人大\n四次会议第7240号建议的答复"
    start, end = letter.meta.spans["meeting"]
    assert text[start:end] == "十届全国人大\n四次会议"


@pytest.mark.parametrize("name", ["a-001.txt", "a-002.txt", "a-003.txt"])
def test_a_letter_without_numbering_is_one_part(name: str) -> None:
    _, letter = _parse(name)
    assert letter.sections == ()
    assert letter.warnings == ("no numbered sections found",)
    assert letter.statements[0].text.startswith(("您提出的", "你们提出的"))
    assert letter.statements[-1].text.startswith("感谢")


def test_a_004_sections() -> None:
    _, letter = _parse("a-004.txt")
    assert [(s.number, s.label, s.topic) for s in letter.sections] == [
        (1, "一", "太钢等应用反渗透膜分离技术减污节水情况"),
        (2, "二", "城市节水和污水再生利用情况"),
        (3, "三", "有关部门下一步拟采取的措施"),
    ]
    # 一是…二是…三是… inside section 一 is an inline enumeration, not headings.
    assert letter.sections[0].subsections == ()
    assert letter.warnings == ()


@pytest.mark.parametrize("name", ["a-001.txt", "a-002.txt", "a-003.txt", "a-004.txt"])
def test_a_letter_signature_is_not_a_statement(name: str) -> None:
    _, letter = _parse(name)
    texts = [s.text for s in letter.statements]
    assert not any(t.startswith(("国务院办公厅 ", "二〇", "（本文有删减）")) for t in texts)
    assert texts[-1].endswith("。")


def test_b_100_signature_glued_to_date() -> None:
    """祝您生活愉快！ 泉塘街道办事处2012年9月3日: organ and date at the end of the last line."""
    text, letter = _parse("b-100.txt")
    assert (letter.meta.responder, letter.meta.signed) == ("泉塘街道办事处", "2012-09-03")
    assert letter.meta.addressee == "UU0082260"
    assert [s.number for s in letter.sections] == [1, 2]
    start, end = letter.meta.spans["responder"]
    assert text[start:end] == "泉塘街道办事处"


def test_b_150_headings_inside_one_line() -> None:
    """Lost line breaks: 一、主要原因：… 二、… and 1、…；2、… are found after sentence stops."""
    _, letter = _parse("b-150.txt")
    labels = [s.label for s in letter.sections]
    assert labels[:2] == ["一", "二"]
    assert [s.label for s in letter.sections[1].subsections] == ["1", "2", "3", "4", "5", "6"]
    assert letter.sections[0].topic == "主要原因"
    assert letter.meta.signed == "2019-04-22"


def test_b_300_ideographic_space_paragraphs() -> None:
    """Paragraphs marked by 　　 inside one line; salutation to a 栏目组."""
    _, letter = _parse("b-300.txt")
    assert [s.topic for s in letter.sections] == [
        "转移支付市州公路养护费用资金情况",
        "中央转移支付我省燃油税资金增量情况",
        "燃油税支付资金文件下发情况",
    ]
    assert letter.meta.addressee_role == "栏目组"
