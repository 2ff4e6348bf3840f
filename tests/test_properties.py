"""Properties on any input: parse never raises, every span slices the text to its item."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import replyparse
from replyparse.model import Letter

# Characters that steer the parser: digits, units, quotes, heading markers, punctuation.
_ALPHABET = st.sampled_from(
    list("0123456789０１２.,，。；;:：、（）()《》“”〈〉一二三四五六七八九十百千万亿元亩公顷")
    + list("省市县财政厅委局我将已下一步近年来约余近多第号届次会议代表\n\r \u3000\xa0")
)
_TEXT = st.one_of(st.text(), st.text(alphabet=_ALPHABET, max_size=400))


def _items(letter: Letter) -> list[Any]:
    items: list[Any] = [*letter.statements, *letter.money, *letter.areas, *letter.quantities,
                        *letter.departments, *letter.documents]
    return items


def check_invariants(letter: Letter, text: str) -> None:
    assert letter.text is text
    for item in _items(letter):
        start, end = item.span
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == item.text
    for name, (start, end) in letter.meta.spans.items():
        assert 0 <= start <= end <= len(text), name
    assert not [w for w in letter.warnings if w.startswith("internal error")]
    letter.to_json()


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_TEXT)
def test_parse_never_raises_and_spans_are_exact(text: str) -> None:
    check_invariants(replyparse.parse(text), text)
