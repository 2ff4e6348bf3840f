"""``text.sentences_with_words`` cuts a run and finds its stance words in one scan, and
``stance.Scope`` reads years only where a 年 follows a digit: both give what the plain form
gives, which cuts with ``text.sentences``, matches the cues of each sentence on its own and
looks for a year at every 年 of every sentence (``str.find``).

Rows: real letters (as written and normalised, every paragraph and line as a run), runs
that open where the run's scan sees the character before them, and random texts of cues,
years, digits, marks and white space.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from replyparse import stance
from replyparse.layout import find_layout
from replyparse.model import Span
from replyparse.text import normalise, sentence_scan, sentences, sentences_with_words

_DIGITS = "0123456789"


def _plain_years(text: str, start: int, end: int, year: int) -> list[tuple[int, str]]:
    """The plain form of the years: from each 年 found by ``str.find``, the four characters
    before it; the first past year only if some past year is of the last
    ``stance._RECENT_YEARS``."""
    hits: list[tuple[int, str]] = []
    past_seen = False
    recent = False
    at = text.find("年", start + 4, end)
    while at >= 0:
        written = text[at - 4 : at]
        if (
            written[:2] in ("19", "20")
            and written[2] in _DIGITS
            and written[3] in _DIGITS
            and (at - 4 == start or text[at - 5] not in _DIGITS)
        ):
            value = int(written)
            if value < year:
                recent |= year - value <= stance._RECENT_YEARS
                if not past_seen:
                    hits.append((stance._STRONG_A, written + "年"))
                    past_seen = True
            elif value > year:
                hits.append((stance._WEAK_C, written + "年"))
        at = text.find("年", at + 1, end)
    return [hit for hit in hits if recent or hit[0] != stance._STRONG_A]


class _PlainScope:
    """The plain form of ``stance.Scope``: the cues of each sentence cut out on its own, and
    its years by ``_plain_years``."""

    def __init__(self, year: int | None) -> None:
        pattern, self.kinds, _ = stance._cue_table()
        self.findall = pattern.findall
        self.year = year
        self.running: stance.Decision | None = None

    def decide(self, text: str, start: int, end: int) -> stance.Decision:
        words = self.findall(text[start:end])
        years = _plain_years(text, start, end, self.year) if self.year is not None else []
        if not words and not years:
            return self.running or stance._NO_CUES
        if any(self.kinds[word] == stance._OTHER for word in words):
            # A frame merged with its content: decided by what follows its last 如下：.
            frame = max(text[start:end].rfind("如下："), text[start:end].rfind("如下:"))
            if frame >= 0 and start + frame + 3 < end:
                return self.decide(text, start + frame + 3, end)
            # Thanks or a receipt ending in a promise: the clauses after the last boilerplate
            # word decide, if they promise, and do not become the running stance.
            last = max(i for i, word in enumerate(words) if self.kinds[word] == stance._OTHER)
            if any(self.kinds[word] == stance._STRONG_C for word in words[last + 1 :]):
                at = text.rfind(words[last], start, end)
                comma = re.compile("[,，]").search(text, at, end)
                if comma is not None:
                    running = self.running
                    decision = self.decide(text, comma.end(), end)
                    self.running = running
                    if decision[0] == "commitment":
                        return decision
        by_kind: tuple[list[str], ...] = ([], [], [], [], [], [], [])
        for kind, word in years:
            by_kind[kind].append(word)
        for word in words:
            by_kind[self.kinds[word]].append(word)
        decision, strong_lead = stance._choose(by_kind, self.running)
        if strong_lead:
            self.running = decision
        return decision


def _same(text: str, runs: list[Span], year: int | None) -> None:
    """Each run cut and decided both ways, sentence by sentence, with one running stance."""
    scope, plain = stance.Scope(year), _PlainScope(year)
    scan = sentence_scan(scope.cues)
    for start, end in runs:
        found = sentences_with_words(text, start, end, scan)
        assert [(s, e) for s, e, _ in found] == list(
            sentences(text, start, end, join_lines=True)
        ), (text[start:end])
        cut_out = scope.cut_out(text, start)
        for s, e, words in found:
            if cut_out and s == start:
                decision = scope.decide(text, s, e)
            else:
                decision = scope.decide_found(words, text, s, e)
            assert decision == plain.decide(text, s, e), text[s:e]


_ROOT = Path(__file__).resolve().parent.parent
_LETTERS = sorted(
    [_ROOT / "samples" / "liaoning-2021-1125.txt", *(_ROOT / "tests/data/letters").glob("*.txt"),
     *(_ROOT / "bench/data").glob("*.txt")]
)


@pytest.mark.parametrize("path", _LETTERS, ids=[p.stem for p in _LETTERS])
@pytest.mark.parametrize("year", [2021, 2015, None], ids=["2021", "2015", "no-year"])
def test_letters_match_the_plain_form(path: Path, year: int | None) -> None:
    raw = path.read_text(encoding="utf-8")
    for text in (raw, normalise(raw)):
        paragraphs = find_layout(text, norm=normalise(text)).paragraphs
        lines = [m.span() for m in re.finditer(r"[^\r\n]+", text)]
        _same(text, paragraphs, year)
        _same(text, lines, year)


ROWS = [
    pytest.param("为了解决。除了完成了。", id="guarded-cues"),
    pytest.param("2009年-2020年,累计完成。2022年将建成。", id="years-past-and-future"),
    pytest.param("12021年将建成。19年完成。2021年。", id="not-years"),
    pytest.param("年2020年完成。20201年。2019年2018年已完成。", id="year-pieces"),
    pytest.param("“2020年”完成。《2025年规划》将实施。", id="years-in-quotes"),
]


@pytest.mark.parametrize("text", ROWS)
def test_rows_match_the_plain_form(text: str) -> None:
    """Each row as one run, and as a run opening after each character."""
    for year in (2021, None):
        _same(text, [(0, len(text))], year)
        _same(text, [(start, len(text)) for start in range(1, len(text))], year)


@pytest.mark.parametrize("seed", range(20))
def test_random_texts_match_the_plain_form(seed: int) -> None:
    """Cues, their halves and guards, years, digits, marks and white space in random order;
    runs opening at random places (after a digit, a guard character, inside a word)."""
    words = [row[0] for row in stance.read_table("stance_cues.tsv")]
    pieces = [*words, *(w[:1] for w in words), *(w[1:] for w in words if len(w) > 1),
              *"为除解年0123456789《》“”。!?;…） \u3000", "2020", "2021", "2022", "1999年"]
    rng = random.Random(seed)
    for _ in range(60):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 40)))
        start = rng.randrange(len(text))
        _same(text, [(start, len(text))], rng.choice([2021, 2000, None]))


@pytest.mark.parametrize(
    "running", [None, ("achievement", ("已",)), ("commitment", ("将",))],
    ids=["no-running", "running-achievement", "running-commitment"],
)
def test_one_cue_matches_the_choice(running: stance.Decision | None) -> None:
    """A sentence of one cue (decided from ``stance._single_cues``) is decided as
    ``stance._choose`` decides it, and sets the running stance as it does."""
    for word, kind in stance._cue_table()[1].items():
        scope = stance.Scope(2021)
        scope.running = running
        by_kind: tuple[list[str], ...] = ([], [], [], [], [], [], [])
        by_kind[kind].append(word)
        expected, leads = stance._choose(by_kind, running)
        assert scope.decide_found([word], word, 0, len(word)) == expected, word
        assert scope.running == (expected if leads else running), word
