"""``text.normalise`` maps the changed characters by one split and one translate (speed): it
gives what the plain form gives, a substitution that looks each match up in ``_table``.

Rows: real letters, then texts at the edges (nothing to map, only characters to map, mapped
characters at both ends, every mapped character, astral and CR/LF text).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from replyparse import text as text_module
from replyparse.text import normalise


def _plain(text: str) -> str:
    """The plain form: each character of the table replaced by a callback."""
    table = text_module._table()
    pattern = "[" + re.escape("".join(table)) + "]"
    return re.sub(pattern, lambda m: table[m.group()], text)


_ROOT = Path(__file__).resolve().parent.parent
_LETTERS = sorted(
    [
        _ROOT / "samples" / "liaoning-2021-1125.txt",
        *(_ROOT / "tests/data/letters").glob("*.txt"),
        *(_ROOT / "bench/data").glob("*.txt"),
    ]
)


@pytest.mark.parametrize("path", _LETTERS, ids=[p.stem for p in _LETTERS])
def test_letters_match_the_plain_form(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    assert normalise(raw) == _plain(raw)


_EVERY = "".join(text_module._table())

ROWS = [
    pytest.param("", id="empty"),
    pytest.param("推进建设,落实。", id="nothing-to-map"),
    pytest.param("２亿元，约３亩", id="docstring"),
    pytest.param("，", id="one-mapped"),
    pytest.param("，，（）", id="only-mapped"),
    pytest.param("（一）建设\u3000完成！", id="mapped-at-both-ends"),
    pytest.param(_EVERY, id="every-mapped-character"),
    pytest.param("𠀀，𠀁\r\n\ufeff１", id="astral-and-crlf"),
]


@pytest.mark.parametrize("text", ROWS)
def test_rows_match_the_plain_form(text: str) -> None:
    assert normalise(text) == _plain(text)
    assert len(normalise(text)) == len(text)


@pytest.mark.parametrize("seed", range(10))
def test_random_texts_match_the_plain_form(seed: int) -> None:
    """Mapped characters, letters they map to and Chinese, in random order."""
    pieces = [*_EVERY[::7], *"，。：；（）１２ａＢ \u3000\u00a0\t", "推进", "2", "a"]
    rng = random.Random(seed)
    for _ in range(200):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 60)))
        assert normalise(text) == _plain(text), text
