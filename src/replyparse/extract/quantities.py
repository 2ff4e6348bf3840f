"""Other quantities: power (82万千瓦), percentages (94.7%), counts (14家) and measures.

>>> [(q.text, q.kind) for q in find_quantities("发电指标82万千瓦,比重达到94.7%,入驻企业14家")]
[('82万千瓦', 'power'), ('94.7%', 'percent'), ('14家', 'count')]

Money and areas are never quantities.  ``kind`` comes from ``data/units.tsv`` (power, energy,
percent, permille, percentage_point, count, mass, length, volume).  A range (3-5个) has
``value`` ``None`` and ``approx`` ``"range"`` (``Quantity`` has no range field).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from replyparse.assemble import nowhere
from replyparse.extract._amounts import Hit, scan
from replyparse.extract._sites import UnitSites
from replyparse.model import Quantity, positional_new

if TYPE_CHECKING:
    from replyparse.assemble import Where

__all__ = ["find_quantities"]


def find_quantities(
    text: str, *, sites: UnitSites | None = None, where: Where = nowhere
) -> list[Quantity]:
    """Every non-money, non-area quantity in ``text``, in order; never raises on a ``str``.

    ``sites``: the units of ``text`` if already found (``unit_sites``); ``where``: the
    stance and section of a span (``Locator.where``; by default none)."""
    if not isinstance(text, str) or not text:
        return []
    hits = scan(text, "quantity", None if sites is None else sites.of("quantity", text))
    new = positional_new(Quantity)  # a third cheaper than a call by keyword
    return [_quantity(new, text, hit, where) for hit in hits]


def _quantity(
    new: Callable[..., Quantity], text: str, hit: Hit, where: Where
) -> Quantity:
    """``hit`` as a ``Quantity`` built by ``new`` (``positional_new(Quantity)``): fields in
    order, stance and section from ``where``."""
    start, end = hit.start, hit.end
    approx = hit.approx if hit.range is None else "range"
    stance, section = where(start, end)
    return new(text[start:end], (start, end), hit.value, hit.unit, hit.base.kind, approx,
               stance, section)
