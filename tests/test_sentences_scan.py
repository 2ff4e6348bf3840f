"""``text.sentences`` counts quote marks only for a stop with a quote opening between the
sentence's start and itself (speed): it cuts what the plain walk cuts, which counts them for
every stop.

Rows: a text and a range; each is cut with line breaks as stops and as white space.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from replyparse import text as text_module
from replyparse.model import Span
from replyparse.text import normalise, sentences


def _stop(join_lines: bool) -> re.Pattern[str]:
    """A sentence stop and the closing marks after it (a line break too, unless joined)."""
    stops = re.escape(text_module._TERMINATORS) + ("" if join_lines else r"\r\n")
    return re.compile(f"[{stops}][{re.escape(text_module._CLOSERS)}]*")


def _add_trimmed(out: list[Span], text: str, start: int, end: int) -> None:
    s, e = text_module.strip_span(text, start, end)
    if s < e:
        out.append((s, e))


def _walk(text: str, start: int, end: int, *, join_lines: bool) -> list[Span]:
    """The plain form: every stop not at a line break asks ``_inside_quote``."""
    search = _stop(join_lines).search
    out: list[Span] = []
    begin = pos = start
    match = search(text, pos, end)
    while match is not None:
        i = match.start()
        if text[i] in "\r\n":
            _add_trimmed(out, text, begin, i)
            begin = pos = i + 1
        elif text_module._inside_quote(text, begin, i):
            pos = i + 1
        else:
            pos = match.end()
            _add_trimmed(out, text, begin, pos)
            begin = pos
        match = search(text, pos, end)
    _add_trimmed(out, text, begin, end)
    return out


LONG = "很长" * 200

ROWS = [
    pytest.param("推进建设。加快落实。", 0, None, id="no-quotes"),
    pytest.param("根据《关于加快推进。的通知》,落实。下一步,推进。", 0, None, id="stop-in-title"),
    pytest.param("他说:“已完成。”下一步,推进。", 0, None, id="quote-closed-after-stop"),
    pytest.param("提出“建议。推进落实。加快建设。", 0, None, id="unclosed-quote"),
    pytest.param("已完成》建设。推进“落实。加快。", 0, None, id="closer-before-opener"),
    pytest.param("结合《A“B‘C。D’E”F》。推进。", 0, None, id="three-deep"),
    pytest.param("《甲》。《乙。》。“丙”。", 0, None, id="quote-each-sentence"),
    pytest.param("“" + LONG + "。后文。", 0, None, id="quote-open-past-window"),
    pytest.param("“短。" + LONG + "。后文”。", 0, None, id="long-quoted-sentence"),
    pytest.param("前文。“引文。\n下一行。”完。", 0, None, id="quote-over-line-break"),
    pytest.param("前文《标题。》后文。再一句。", 3, None, id="range-after-start"),
    pytest.param("前文《标题。》后文。再一句。", 0, 8, id="range-ends-in-quote"),
    pytest.param("“引。”” 。「甲。」『乙。』‘丙。’", 0, None, id="every-pair"),
    pytest.param("  “ 引文。 ”  \n  后文。  ", 0, None, id="white-space"),
    pytest.param("完成。）“后”。!?《甲。》。", 0, None, id="closers-then-opening"),
    pytest.param("“甲。”）乙。。“", 0, None, id="opening-at-the-end"),
    pytest.param("《。》“!”‘？’。", 0, None, id="stop-right-after-opening"),
]


@pytest.mark.parametrize(("text", "start", "end"), ROWS)
@pytest.mark.parametrize("join_lines", [False, True], ids=["lines", "joined"])
def test_sentences_match_the_walk(text: str, start: int, end: int | None, join_lines: bool) -> None:
    stop = len(text) if end is None else end
    expected = _walk(text, start, stop, join_lines=join_lines)
    assert list(sentences(text, start, end, join_lines=join_lines)) == expected


@pytest.mark.parametrize("seed", range(20))
def test_random_marks_match_the_walk(seed: int) -> None:
    """Texts of quote marks, stops, breaks and letters in random order."""
    pieces = [*"《》“”‘’「」『』。!?;…！？）)\n  ", "推进", "建设", "落实"]
    rng = random.Random(seed)
    for _ in range(100):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 80)))
        start = rng.randrange(len(text))
        for join_lines in (False, True):
            expected = _walk(text, start, len(text), join_lines=join_lines)
            assert list(sentences(text, start, join_lines=join_lines)) == expected, text


_ROOT = Path(__file__).resolve().parent.parent
_LETTERS = sorted(
    [_ROOT / "samples" / "liaoning-2021-1125.txt", *(_ROOT / "tests/data/letters").glob("*.txt")]
)


@pytest.mark.parametrize("path", _LETTERS, ids=[p.stem for p in _LETTERS])
def test_letters_match_the_walk(path: Path) -> None:
    """Real letters, as the parser reads them (normalised) and as written."""
    raw = path.read_text(encoding="utf-8")
    for text in (raw, normalise(raw)):
        for join_lines in (False, True):
            expected = _walk(text, 0, len(text), join_lines=join_lines)
            assert list(sentences(text, join_lines=join_lines)) == expected
