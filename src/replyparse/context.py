"""What extractors may know about the letter as a whole, for canonical names."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Context:
    """The letter's place and responding organ, used to complete 省财政厅 → 辽宁省财政厅.

    ``province``/``city``/``county`` are full names (辽宁省, 葫芦岛市); any may be ``None``.
    ``responder`` is the canonical name of the responding organ, the target of 我委/我厅.
    ``year`` is the signing year, used to tell past from future (2020年 vs 2021年).
    """

    province: str | None = None
    city: str | None = None
    county: str | None = None
    responder: str | None = None
    responder_level: str | None = None
    year: int | None = None
