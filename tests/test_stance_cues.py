"""The cue alternation grouped by first character (``stance._by_first_character``) finds
what the plain alternation of every cue, longest first, finds.

Rows: real letters (as written and normalised), cue-dense and edge strings.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from replyparse import stance
from replyparse.data_files import read_table
from replyparse.text import normalise


def _plain() -> re.Pattern[str]:
    """The plain form: one branch per cue, longest first."""
    branches = stance.cue_branches(read_table("stance_cues.tsv"))
    return re.compile("|".join(branches[w] for w in sorted(branches, key=len, reverse=True)))


_ROOT = Path(__file__).resolve().parent.parent
_LETTERS = sorted(
    [_ROOT / "samples" / "liaoning-2021-1125.txt", *(_ROOT / "tests/data/letters").glob("*.txt")]
)
_WORDS = [row[0] for row in read_table("stance_cues.tsv")]

ROWS = [
    pytest.param("将来将将来了解为了除了完成了", id="guards-and-prefixes"),
    pytest.param("今年以来今年今后下一步下步下达接下来", id="shared-first-characters"),
    pytest.param("特此答复特此函复此复此前已经已", id="boilerplate"),
    pytest.param("建设项目支持力度推进进行加强实施", id="first-characters-only"),
    pytest.param("", id="empty"),
]


def _same(text: str) -> None:
    grouped = stance._cue_table()[0]
    plain = _plain()
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)]
    for start in range(0, len(text), 7):
        assert grouped.findall(text, start, start + 15) == plain.findall(text, start, start + 15)


@pytest.mark.parametrize("text", ROWS)
def test_rows_match_the_plain_alternation(text: str) -> None:
    _same(text)


@pytest.mark.parametrize("path", _LETTERS, ids=[p.stem for p in _LETTERS])
def test_letters_match_the_plain_alternation(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    _same(raw)
    _same(normalise(raw))


@pytest.mark.parametrize("seed", range(10))
def test_random_cue_pieces_match_the_plain_alternation(seed: int) -> None:
    """Cues, their halves and their guard characters in random order."""
    pieces = [*_WORDS, *(w[:1] for w in _WORDS), *(w[1:] for w in _WORDS if len(w) > 1),
              *"为除解项建,。"]
    rng = random.Random(seed)
    for _ in range(50):
        _same("".join(rng.choice(pieces) for _ in range(rng.randrange(1, 40))))
