"""``split_inline`` tries the inline heading marker pattern only at the stops
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


@pytest.mark.parametrize("body", _bodies())
def test_split_inline_as_when_every_line_is_scanned(
    body: list[Line], monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = headings.split_inline(body)
    # Every line, tried at every offset: what a scan of each line by the pattern finds.
    monkeypatch.setattr(
        headings, "_inline_stops",
        lambda lines: {i: list(range(len(line.text))) for i, line in enumerate(lines)},
    )
    assert headings.split_inline(body) == fast
    assert len(fast) >= len(body)
