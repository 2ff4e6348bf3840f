"""Stance of each statement: achievement (done), commitment (promised) or other.

Cues come from ``data/stance_cues.tsv``.  Within a section, a sentence with strong cues is
decided by them and sets the running stance; a sentence without strong cues inherits it
(a 近年来… paragraph stays achievement until 下一步…).  A new section or sub-part starts
afresh.  The cues that decided are returned with the stance, so users can see why.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import cache

import regex

from replyparse.data_files import read_table
from replyparse.model import Stance

_YEAR = r"(?<![0-9])(?:19|20)[0-9]{2}(?=年)"


@dataclass(frozen=True, slots=True)
class _Cue:
    stance: Stance
    strength: str


@cache
def _cue_table() -> tuple[regex.Pattern[str], list[_Cue]]:
    rows = read_table("stance_cues.tsv")
    cues = [_Cue(stance=row[1], strength=row[2]) for row in rows]  # type: ignore[arg-type]
    # One named group per cue, so the match tells which cue it was.
    alternatives = [f"(?P<c{i}>{row[0]})" for i, row in enumerate(rows)]
    alternatives.append(f"(?P<year>{_YEAR})")
    return regex.compile("|".join(alternatives)), cues


@dataclass(frozen=True, slots=True)
class Decision:
    stance: Stance
    cues: tuple[str, ...]


def decide(
    sentences: Sequence[tuple[str, Hashable]], year: int | None = None
) -> list[Decision]:
    """Stance of each ``(sentence text, section key)``; sentences of one key share a scope."""
    pattern, table = _cue_table()
    decisions: list[Decision] = []
    running: Decision | None = None
    current_key: Hashable = object()
    for text, key in sentences:
        if key != current_key:
            running, current_key = None, key
        strong: dict[str, list[str]] = {"achievement": [], "commitment": []}
        weak: dict[str, list[str]] = {"achievement": [], "commitment": []}
        other: list[str] = []
        for match in pattern.finditer(text):
            name = match.lastgroup or "year"
            if name == "year":
                _year_cue(match.group(), year, strong, weak)
                continue
            cue = table[int(name[1:])]
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


def _year_cue(
    written: str, year: int | None, strong: dict[str, list[str]], weak: dict[str, list[str]]
) -> None:
    if year is None:
        return
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
