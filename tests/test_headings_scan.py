"""``cut_inline`` tries the inline heading marker pattern only at the stops
``_inline_stops`` names (each stop searched for as a literal over the joined lines);
scanning every line with the pattern (the general form) must cut the same lines, on the
corpus and on lines made to sit at the edges of the marker pattern (spaces, line ends,
stops of every kind)."""

from __future__ import annotations

from pathlib import Path

import pytest

from replyparse import headings, read_text
from replyparse.layout import _virtual_lines
from replyparse.text import Line, normalise

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [
    *sorted((ROOT / "bench" / "data").glob("*.txt")),
    *sorted((ROOT / "samples").glob("*.txt")),
    *sorted((ROOT / "tests" / "data").rglob("*.txt")),
]
TRICKY = [
    "主要原因:一、资金不足。二、人员不够。", "已完成。1、道路。2、桥梁。", "已完成。    (一)道路",
    "已完成。     (一)道路", "完成!①第一项;②第二项", "详见下文:第一部分:概况", "共3个。1.2020年",
    "年底。1.5亿元", "结束。", "。", "。一", "一、", ":(1)", "?  2、x", "没有标记的一行",
    "a" * 300 + "。1、" + "b" * 50 + "。2、c", "第一。第二。第三。", "。 一、。 二、。 三、",
]


def _bodies() -> list[list[Line]]:
    bodies = [[Line(text, (0, len(text)), 0) for text in TRICKY]]
    bodies += [[Line(text, (0, len(text)), 0)] for text in TRICKY]
    for path in TEXTS:
        bodies.append(_virtual_lines(normalise(read_text(path).text)))
    return bodies


@pytest.mark.parametrize("body", _bodies())
def test_inline_stops_hold_every_inline_match(body: list[Line]) -> None:
    inline = headings._patterns()["inline"]
    stops = headings._inline_stops(body)
    for i, line in enumerate(body):
        matching = [match.start() for match in inline.finditer(line.text)]
        assert set(matching) <= set(stops.get(i, ())), line.text
        assert stops.get(i, []) == sorted(stops.get(i, []))


def _cut(body: list[Line]) -> tuple[list[Line], list[tuple[str | None, tuple[int, int]] | None]]:
    """``cut_inline``'s lines, and its markers as what was matched where (match objects
    compare by identity)."""
    lines, markers = headings.cut_inline(body)
    return lines, [None if m is None else (m.lastgroup, m.span()) for m in markers]


@pytest.mark.parametrize("body", _bodies())
def test_cut_inline_as_when_every_line_is_scanned(
    body: list[Line], monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _cut(body)
    # Every line, tried at every offset: what a scan of each line by the pattern finds.
    monkeypatch.setattr(
        headings, "_inline_stops",
        lambda lines: {i: list(range(len(line.text))) for i, line in enumerate(lines)},
    )
    assert _cut(body) == fast
    assert len(fast[0]) >= len(body)


@pytest.mark.parametrize("body", _bodies())
def test_cut_inline_markers_as_each_line_matched(body: list[Line]) -> None:
    lines, markers = headings.cut_inline(body)
    heading = headings._patterns()["heading"]

    def key(match: object) -> object:
        return None if match is None else (match.span(), match.lastgroup)  # type: ignore[attr-defined]

    assert [key(m) for m in markers] == [key(heading.match(line.text)) for line in lines]
    assert headings.find_headings(lines, markers) == headings.find_headings(lines)


def _walked_first_stop(text: str) -> int | None:
    """The general form: every mark of ``text`` walked with the depth of quotes."""
    depth = 0
    for mark in headings._patterns()["heading_marks"].finditer(text):
        char = mark.group()
        if char in headings._OPENINGS:
            depth += 1
        elif char in headings._CLOSINGS:
            depth = max(0, depth - 1)
        elif depth == 0:
            return mark.start()
    return None


FIRST_STOPS = [
    "", "。", "加强组织领导。", "关于“加强顶层设计,谋划发展蓝图”的建议", "关于“a。b”的建议。其他", "”a。",
    "》)”a:b", "《a》《b。c》d;e", "((a)。b)。c", "(a(b)c。d)e!f", "“a", "“a。", "a“b”c?d", "a:b。",
    "（一）全角:", "《a。", "》》。", "((。", "无标点", "在资金保障方面:近年来", "a！b", "“a”；b",
]


def test_first_stop_as_the_walk_of_every_mark() -> None:
    texts = [*FIRST_STOPS]
    for body in _bodies():
        texts.extend(line.text for line in body)
        texts.extend(line.text[i:] for line in body for i in (1, 2, 3) if len(line.text) > i)
    for text in texts:
        assert headings._first_stop(text) == _walked_first_stop(text), text
