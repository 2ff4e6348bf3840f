"""Stance of each statement: achievement (done), commitment (promised) or other.

Cues come from ``data/stance_cues.tsv``.  Within a section, a sentence with strong cues is
decided by them and sets the running stance; a sentence without strong cues inherits it
(a 近年来… paragraph stays achievement until 下一步…).  A new section or sub-part starts
afresh.  The cues that decided are returned with the stance, so users can see why.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import cache

from replyparse.data_files import read_table
from replyparse.model import Stance

_YEAR = r"(?:19|20)(?<![0-9]..)[0-9]{2}(?=年)"
# Years get a pattern of their own: mixed into the cue alternation they would stop `re`
# from skipping ahead by first character, and the scan would be eight times slower.  For the
# same reason the "no digit before" check stands after 19/20, not first: a pattern opening
# with a lookbehind is tried at every position.


@dataclass(frozen=True, slots=True)
class _Cue:
    stance: Stance
    strength: str
    not_after: str
    not_before: str


@cache
def _cue_table() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, _Cue]]:
    """One alternation of every cue (longest first), the year pattern, and the cues.

    A plain alternation in the stdlib `re` matches several times faster than `regex` here.
    """
    table = {
        row[0]: _Cue(stance=row[1], strength=row[2], not_after=row[3], not_before=row[4])  # type: ignore[arg-type]
        for row in read_table("stance_cues.tsv")
    }
    words = "|".join(re.escape(w) for w in sorted(table, key=len, reverse=True))
    return re.compile(words), re.compile(_YEAR), table


@dataclass(frozen=True, slots=True)
class Decision:
    stance: Stance
    cues: tuple[str, ...]


def decide(sentences: Sequence[tuple[str, Hashable]], year: int | None = None) -> list[Decision]:
    """Stance of each ``(sentence text, section key)``; sentences of one key share a scope."""
    pattern, years, table = _cue_table()
    decisions: list[Decision] = []
    running: Decision | None = None
    current_key: Hashable = object()
    for text, key in sentences:
        if key != current_key:
            running, current_key = None, key
        strong: dict[str, list[str]] = {"achievement": [], "commitment": []}
        weak: dict[str, list[str]] = {"achievement": [], "commitment": []}
        other: list[str] = []
        if year is not None:
            for match in years.finditer(text):
                _year_cue(match.group(), year, strong, weak)
        for match in pattern.finditer(text):
            cue = table[match.group()]
            if _excluded(text, match.start(), match.end(), cue):
                continue
            if cue.strength == "other":
                other.append(match.group())
            elif cue.strength == "strong":
                strong[cue.stance].append(match.group())
            else:
                weak[cue.stance].append(match.group())
        decision = _choose(strong, weak, other, running)
        if decision.stance != "other" and _count(strong, decision.stance) > _count(
            strong, _opposite(decision.stance)
        ):
            running = decision
        decisions.append(decision)
    return decisions


def _excluded(text: str, start: int, end: int, cue: _Cue) -> bool:
    """为了 and 了解 hold no 了: the neighbours named in the cue table rule a match out."""
    before = start > 0 and text[start - 1] in cue.not_after
    after = end < len(text) and text[end] in cue.not_before
    return before or after


def _year_cue(
    written: str, year: int, strong: dict[str, list[str]], weak: dict[str, list[str]]
) -> None:
    value = int(written)
    if value < year and not strong["achievement"]:
        strong["achievement"].append(written + "年")
    elif value > year:
        weak["commitment"].append(written + "年")


def _choose(
    strong: dict[str, list[str]],
    weak: dict[str, list[str]],
    other: list[str],
    running: Decision | None,
) -> Decision:
    if other:
        return Decision("other", _unique(other))
    achieved, promised = len(strong["achievement"]), len(strong["commitment"])
    if achieved != promised:
        stance: Stance = "achievement" if achieved > promised else "commitment"
        return Decision(stance, _unique(strong[stance]))
    if running is not None:
        return running
    achieved, promised = len(weak["achievement"]), len(weak["commitment"])
    if achieved != promised:
        stance = "achievement" if achieved > promised else "commitment"
        return Decision(stance, _unique(weak[stance]))
    return Decision("other", ())


def _count(cues: dict[str, list[str]], stance: Stance) -> int:
    return len(cues.get(stance, ()))


def _opposite(stance: Stance) -> Stance:
    return "commitment" if stance == "achievement" else "achievement"


def _unique(cues: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(cues))
