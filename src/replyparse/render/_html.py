"""Small HTML helpers shared by the letter view and the archive report.

Everything that comes from a letter goes through ``esc`` (text) or ``attrs`` (attribute
values); nothing else builds markup from data.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

CSP = "default-src 'none'; style-src 'unsafe-inline'"
"""No scripts, fonts, images or connections from anywhere; only the page's own <style>."""


def esc(text: object) -> str:
    """``text`` as HTML text or attribute content: ``& < > " '`` escaped."""
    return html.escape(str(text), quote=True)


def attrs(pairs: Iterable[tuple[str, object | None]]) -> str:
    """`` name="value"`` for each pair whose value is not ``None``, values escaped."""
    return "".join(f' {name}="{esc(value)}"' for name, value in pairs if value is not None)


def page(title: str, css: str, body: str, *, lang: str = "zh-Hans") -> str:
    """A complete, self-contained HTML document with the strict CSP."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(title)}</title>\n<style>\n{css}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def decimal(value: object) -> Decimal | None:
    """A decimal string (the JSON form) or ``Decimal`` as ``Decimal``; anything else ``None``."""
    if value is None or isinstance(value, bool):
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def number(value: object) -> str:
    """An exact decimal with thousands separators: ``2196000000`` → ``2,196,000,000``."""
    d = decimal(value)
    if d is None:
        return "" if value is None else str(value)
    d = d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()
    return f"{d:,f}"


def rounded(value: Decimal, places: int = 2) -> str:
    """``value`` rounded half-up to at most ``places`` decimals, for display only."""
    from decimal import ROUND_HALF_UP

    return number(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def yuan_short(value: Decimal) -> str:
    """A readable amount: ``2196000000`` → ``21.96 亿元``, ``6400000`` → ``640 万元``."""
    for factor, unit in ((Decimal(10) ** 8, "亿元"), (Decimal(10) ** 4, "万元")):
        if abs(value) >= factor:
            scaled = (value / factor).quantize(Decimal("0.01")).normalize()
            return f"{scaled:,f} {unit}"
    return f"{number(value)} 元"
