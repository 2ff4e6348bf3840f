"""The amount test table (``tests/data/amounts.tsv``) as pytest parameters and one checker.

Each row names one expected mention; ``check`` runs the extractor on the row's text and
compares span, text, value, unit, the normalised value, approx, range, per and the count.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "tests" / "data" / "amounts.tsv"
COLUMNS = [
    "group",
    "source",
    "kind",
    "text",
    "mention",
    "at",
    "value",
    "unit",
    "norm",
    "approx",
    "range",
    "per",
    "extra",
    "count",
    "note",
]


@dataclass(frozen=True)
class Row:
    group: str
    source: str
    kind: str
    text: str
    mention: str
    at: int
    value: str
    unit: str
    norm: str
    approx: str
    range: str
    per: str
    extra: str
    count: int
    note: str
    line: int


def _unescape(field: str) -> str:
    return field.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")


def load(kind: str) -> list[Any]:
    """pytest params for every row of ``kind``; xfail rows are marked with their reason."""
    params = []
    header_seen = False
    for number, line in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        fields = [_unescape(f) for f in line.split("\t")]
        fields += [""] * (len(COLUMNS) - len(fields))
        data = dict(zip(COLUMNS, fields, strict=True))
        if data["kind"] != kind:
            continue
        text = data["text"]
        if text.startswith("@"):
            text = (ROOT / text[1:]).read_text(encoding="utf-8")
        row = Row(
            **{**data, "text": text, "at": int(data["at"] or 0), "count": int(data["count"])},
            line=number,
        )
        marks = [pytest.mark.xfail(reason=row.note, strict=True)] if row.group == "xfail" else []
        label = row.mention or "nothing"
        source = row.source.split(" ")[0].replace("/", "_")
        ident = f"{row.group}-{source}-{label}-L{number}".replace("\n", "⏎")
        params.append(pytest.param(row, id=ident, marks=marks))
    return params


def _dec(field: str) -> Decimal | None:
    return Decimal(field) if field else None


def _str(value: Decimal | None) -> str:
    return "" if value is None else str(value)


def check(row: Row, found: list[Any]) -> None:
    text = row.text
    for mention in found:
        assert text[mention.span[0] : mention.span[1]] == mention.text
    if not row.mention:
        assert found == [], [m.text for m in found]
        return
    start = -1
    for _ in range(row.at + 1):
        start = text.index(row.mention, start + 1)
    span = (start, start + len(row.mention))
    by_span = {m.span: m for m in found}
    assert span in by_span, (span, [(m.text, m.span) for m in found])
    got = by_span[span]
    assert got.text == row.mention
    assert _str(got.value) == row.value
    assert got.value is None or isinstance(got.value, Decimal)
    assert got.unit == row.unit
    assert (got.approx or "") == row.approx
    if row.kind == "money":
        assert _str(got.yuan) == row.norm
        assert got.currency == (row.extra.replace("inferred", "").strip() or "CNY")
        assert got.inferred == ("inferred" in row.extra)
    elif row.kind == "area":
        mu, _, hectares = row.norm.partition("|")
        assert (_str(got.mu), _str(got.hectares)) == (mu, hectares)
        assert _str(got.square_metres) == row.extra
    else:
        assert got.kind == row.norm
    if row.kind != "quantity":
        low_high = tuple(_dec(x) for x in row.range.split("|")) if row.range else None
        assert got.range == low_high
        if got.range is not None:
            assert [str(x) for x in got.range] == row.range.split("|")
        assert (got.per or "") == row.per
    assert len(found) == row.count, [m.text for m in found]


def incomplete_texts() -> list[str]:
    """Texts whose rows do not name every mention their ``count`` announces.

    A text's rows must list all its mentions (so the benchmark can score precision); texts
    with an xfail row are exempt, since their count describes the fixed behaviour.
    """
    groups: dict[tuple[str, str], list[Row]] = {}
    for kind in ("money", "area", "quantity"):
        for param in load(kind):
            row = param.values[0]
            groups.setdefault((kind, row.text), []).append(row)
    bad = []
    for (kind, text), rows in groups.items():
        if any(r.group == "xfail" for r in rows):
            continue
        named = {(r.mention, r.at) for r in rows if r.mention}
        counts = {r.count for r in rows}
        if counts != {len(named)}:
            bad.append(f"{kind}: {text[:40]!r} names {len(named)}, counts {sorted(counts)}")
    return bad
