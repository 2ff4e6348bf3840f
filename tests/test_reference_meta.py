"""The reference letter (samples/liaoning-2021-1125.txt): metadata and sections, exactly."""

from __future__ import annotations

import pytest

from replyparse.model import Letter

META = [
    ("title", "省十三届人大五次会议第1125号《关于资源枯竭地区转型发展问题及对策研究的建议》的答复"),
    ("meeting", "省十三届人大五次会议"),
    ("proposal_number", "1125"),
    ("proposal_title", "关于资源枯竭地区转型发展问题及对策研究的建议"),
    ("proposal_kind", "建议"),
    ("addressee", "何金箭"),
    ("addressee_role", "代表"),
    ("author", "发改委办公室审核员"),
    ("source", None),
    ("published", "2021-07-23"),
    ("responder", "辽宁省发展和改革委员会"),
    ("signed", "2021-05-28"),
    ("doc_number", None),
    ("category", None),
    ("contacts", ()),
    ("cc", ()),
]


@pytest.mark.parametrize(("field", "expected"), META, ids=[row[0] for row in META])
def test_meta(reference: Letter, field: str, expected: object) -> None:
    assert getattr(reference.meta, field) == expected


def test_meeting_info(reference: Letter) -> None:
    info = reference.meta.meeting_info
    assert info is not None
    assert (info.level, info.body, info.term, info.session) == ("省", "人大", 13, 5)


@pytest.mark.parametrize(
    ("field", "span"),
    [("title", (0, 43)), ("meeting", (0, 10)), ("proposal_number", (11, 15)),
     ("addressee", (82, 85)), ("published", (69, 80)), ("responder", (4445, 4456)),
     ("signed", (4508, 4518))],
)
def test_meta_spans_slice_the_source(reference: Letter, field: str, span: tuple[int, int]) -> None:
    assert reference.meta.spans[field] == span
    assert reference.text[span[0] : span[1]]


SECTIONS = [
    (1, "一", "加强顶层设计,谋划发展蓝图", 131),
    (2, "二", "紧随国家政策,借力寻求发展", 708),
    (3, "三", "推动产业升级,培植接续产业", 1107),
    (4, "四", "修复生态环境,助力转型发展", 1535),
    (5, "五", "加快体制创新,转变发展观念", 1928),
    (6, "六", "坚持以人为本,共享发展成果", 2436),
    (7, "七", "坚持统筹兼顾,强化措施保障", 2858),
]


def test_seven_sections(reference: Letter) -> None:
    assert [s.number for s in reference.sections] == [1, 2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize(("number", "label", "topic", "start"), SECTIONS,
                         ids=[row[1] for row in SECTIONS])
def test_section(reference: Letter, number: int, label: str, topic: str, start: int) -> None:
    section = reference.sections[number - 1]
    assert (section.number, section.label, section.level) == (number, label, 1)
    assert section.topic == topic
    assert section.heading == f"关于“{topic}”的建议"
    assert section.span[0] == start
    assert reference.text[start : start + 2] == f"{label}、"
    h0, h1 = section.heading_span
    assert reference.text[h0:h1] == section.heading


def test_sections_tile_the_body(reference: Letter) -> None:
    ends = [s.span[1] for s in reference.sections]
    assert ends == [704, 1103, 1531, 1924, 2432, 2854, 4396]
    assert reference.text[4376:4396] == "施设备,加强教育基础薄弱县普通高中建设。"


SUBSECTIONS = [
    (1, "在资金保障方面", "资金保障", 2884),
    (2, "在招商引资方面", "招商引资", 3353),
    (3, "在加强人才体系建设方面", "加强人才体系建设", 3876),
]


@pytest.mark.parametrize(("number", "heading", "topic", "start"), SUBSECTIONS,
                         ids=[row[2] for row in SUBSECTIONS])
def test_section_seven_parts(
    reference: Letter, number: int, heading: str, topic: str, start: int
) -> None:
    sub = reference.sections[6].subsections[number - 1]
    assert (sub.number, sub.label, sub.heading, sub.topic, sub.level) == (
        number, None, heading, topic, 2,
    )
    assert sub.span[0] == start
    assert reference.text[sub.span[0] : sub.span[0] + len(heading)] == heading


def test_only_section_seven_has_parts(reference: Letter) -> None:
    assert [len(s.subsections) for s in reference.sections] == [0, 0, 0, 0, 0, 0, 3]


def test_no_warnings(reference: Letter) -> None:
    assert reference.warnings == ()


def test_keywords(reference: Letter) -> None:
    top = reference.keywords(10)
    assert {"南票区", "转型", "枯竭"} <= set(top)
    for boilerplate in ("发展", "支持", "建设", "推进", "进一步"):
        assert boilerplate not in top


def test_section_keywords(reference: Letter) -> None:
    top = reference.sections[3].keywords(5)
    assert "沉陷" in top or "采煤" in top
