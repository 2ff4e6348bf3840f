"""Per-organ summary of a letter: mentions grouped by canonical name, with the money of the
items each organ is the actor of — one row per organ, ready for a table."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from replyparse.model import Letter, TrackedItem


@dataclass(slots=True, kw_only=True)
class OrganSummary:
    """One organ of a letter: how it is named, how often, and what it did or will do.

    Money sums are exact yuan of the amounts inside the organ's items (vague amounts and
    ranges count in ``money_unsummed``); an item with two actors counts for both.
    """

    canonical: str
    level: str | None
    kind: str
    mentions: int = 0
    written: list[str] = field(default_factory=list)
    commitments: int = 0
    achievements: int = 0
    declined: int = 0
    committed_yuan: Decimal = Decimal(0)
    achieved_yuan: Decimal = Decimal(0)
    money_unsummed: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "canonical": self.canonical,
            "level": self.level,
            "kind": self.kind,
            "mentions": self.mentions,
            "written": list(self.written),
            "commitments": self.commitments,
            "achievements": self.achievements,
            "declined": self.declined,
            "committed_yuan": str(self.committed_yuan),
            "achieved_yuan": str(self.achieved_yuan),
            "money_unsummed": self.money_unsummed,
        }


def departments_summary(letter: Letter) -> list[OrganSummary]:
    """Organs of ``letter`` by canonical name, most mentioned first (ties: first mention).

    Actors of items that no mention names (a place such as 南票区 reporting a result) are
    listed too, with ``mentions`` 0 and kind ``"unmentioned"``.
    """
    rows: dict[str, OrganSummary] = {}
    for mention in letter.departments:
        row = rows.setdefault(
            mention.canonical,
            OrganSummary(canonical=mention.canonical, level=mention.level, kind=mention.kind),
        )
        if row.kind == "self" and mention.kind != "self":
            row.kind = mention.kind  # the organ's own kind beats "self" (我委)
        row.mentions += 1
        if mention.text not in row.written:
            row.written.append(mention.text)
    for items in (letter.commitments, letter.achievements, letter.declined):
        for item in items:
            for actor in item.actor:
                row = rows.setdefault(
                    actor, OrganSummary(canonical=actor, level=None, kind="unmentioned")
                )
                _count(row, item)
    order = list(rows)
    return sorted(rows.values(), key=lambda r: (-r.mentions, order.index(r.canonical)))


def _count(row: OrganSummary, item: TrackedItem) -> None:
    summed = Decimal(0)
    for money in item.money:
        if money.yuan is None:
            row.money_unsummed += 1
        else:
            summed += money.yuan
    if item.kind == "commitment":
        row.commitments += 1
        row.committed_yuan += summed
    elif item.kind == "achievement":
        row.achievements += 1
        row.achieved_yuan += summed
    else:
        row.declined += 1
