"""``parse``: text → layout → statements → extractors → assembled ``Letter``.

Each stage sees only what the one before gives it.  A stage that fails on odd input adds a
warning and yields nothing instead of raising, so ``parse`` returns a ``Letter`` for any
``str``; the property tests check that no such warning appears on arbitrary text.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

from replyparse.assemble import Locator
from replyparse.context import Context
from replyparse.errors import InputTooLarge
from replyparse.extract._places import place_of
from replyparse.extract._sites import unit_sites
from replyparse.extract.areas import find_areas
from replyparse.extract.departments import canonical_organ, find_departments
from replyparse.extract.documents import find_documents
from replyparse.extract.money import find_money
from replyparse.extract.quantities import find_quantities
from replyparse.items import build_items
from replyparse.layout import Layout, find_layout
from replyparse.meta import read_meta
from replyparse.model import Letter, Meta, Section, Span, Statement, TrackedItem
from replyparse.sections import Segment, build_sections
from replyparse.statements import build_statements
from replyparse.text import normalise

if TYPE_CHECKING:
    from pathlib import Path

DEFAULT_MAX_CHARS = 20_000_000
"""Largest input ``parse`` accepts by default (characters); real letters are < 100,000."""

T = TypeVar("T")
M = TypeVar("M")


class _Mention(Protocol):
    @property
    def span(self) -> Span: ...


Found = TypeVar("Found", bound=_Mention)


def parse(text: str, *, max_chars: int = DEFAULT_MAX_CHARS) -> Letter:
    """Parse one reply letter.

    Never raises on a ``str`` within ``max_chars``: what cannot be found is left empty or
    ``None`` and named in ``Letter.warnings``.  Raises ``InputTooLarge`` above ``max_chars``
    and ``TypeError`` for anything that is not a ``str``.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() takes a str, not {type(text).__name__}; use read_text()")
    if len(text) > max_chars:
        raise InputTooLarge(f"input has {len(text):,} characters; the limit is {max_chars:,}")
    warnings: list[str] = []

    def stage(name: str, run: Callable[[], T], fallback: T) -> T:
        try:
            return run()
        except Exception as error:  # a bug must not lose the rest of the letter
            warnings.append(f"internal error in {name}: {error!r}")
            return fallback

    def found(name: str, run: Callable[[], tuple[M, ...]]) -> tuple[M, ...]:
        return stage(name, run, ())

    norm = normalise(text)
    layout = stage("layout", lambda: find_layout(text, norm=norm), Layout(lines=[]))
    warnings.extend(layout.warnings)
    no_meta: tuple[Meta, list[str]] = (Meta(), [])
    meta, meta_warnings = stage("meta", lambda: read_meta(text, layout), no_meta)
    warnings.extend(meta_warnings)
    context = stage("context", lambda: context_of(meta), Context())
    no_sections: tuple[tuple[Section, ...], list[Segment]] = ((), [])
    sections, segments = stage("sections", lambda: build_sections(text, layout), no_sections)
    no_statements: tuple[Statement, ...] = ()
    statements = stage(
        "statements",
        lambda: build_statements(text, norm, layout, segments, context.year, sections),
        no_statements,
    )
    locator = Locator(statements, sections)
    # One search for the unit words of money, areas and quantities, shared by the three.
    sites = stage("units", lambda: unit_sites(text), None)
    # Extractors build each mention with its stance and section (``where``).
    where = locator.where
    money = found("money", lambda: tuple(find_money(text, sites=sites, where=where)))
    areas = found("areas", lambda: tuple(find_areas(text, sites=sites, where=where)))
    departments = found(
        "departments",
        lambda: tuple(find_departments(text, context, normalised=norm, where=where)),
    )
    documents = found("documents", lambda: tuple(find_documents(text, norm=norm, where=where)))
    quantities = found(
        "quantities", lambda: tuple(find_quantities(text, sites=sites, where=where))
    )
    if layout.furniture:  # the masthead, the 印发 line, 相关链接：… are not the letter's text
        drop = [line.span for line in layout.furniture]
        money, areas = _outside(money, drop), _outside(areas, drop)
        quantities, documents = _outside(quantities, drop), _outside(documents, drop)
        departments = _outside(departments, drop)
    no_items: tuple[tuple[TrackedItem, ...], ...] = ((), (), ())
    commitments, achievements, declined = stage(
        "items",
        lambda: build_items(
            norm, text, statements, departments, money, areas, documents, context
        ),
        no_items,
    )
    return Letter(
        text=text,
        meta=meta,
        sections=sections,
        statements=statements,
        money=money,
        areas=areas,
        quantities=quantities,
        departments=departments,
        documents=documents,
        commitments=commitments,
        achievements=achievements,
        declined=declined,
        warnings=tuple(warnings),
    )


def _outside(mentions: tuple[Found, ...], spans: list[Span]) -> tuple[Found, ...]:
    """``mentions`` but those lying inside one of ``spans`` (sorted, disjoint): each looked
    up by bisect, so a tail of many such lines stays linear."""
    starts = [start for start, _ in spans]
    kept = []
    for mention in mentions:
        start, end = mention.span
        i = bisect_right(starts, start) - 1
        if i < 0 or end > spans[i][1]:
            kept.append(mention)
    return tuple(kept)


def parse_file(path: str | Path, *, max_chars: int = DEFAULT_MAX_CHARS) -> Letter:
    """Read ``path`` (any supported format and encoding) and parse it.

    What the reader noticed (an encoding guessed, boilerplate dropped) comes first in
    ``Letter.warnings``.  Raises ``ReadError`` when the file cannot be read as text.
    """
    from replyparse.io import read_text

    document = read_text(path)
    letter = parse(document.text, max_chars=max_chars)
    if not document.warnings:
        return letter
    return dataclasses.replace(letter, warnings=(*document.warnings, *letter.warnings))


def context_of(meta: Meta) -> Context:
    """The letter's place, responder and year, as extractors need them."""
    year = None
    for date in (meta.signed, meta.published):
        if date:
            year = int(date[:4])
            break
    if not meta.responder:
        return Context(year=year)
    province, city, county = place_of(meta.responder)
    organ = canonical_organ(meta.responder)
    return Context(
        province=province,
        city=city,
        county=county,
        responder=organ.canonical if organ else meta.responder,
        responder_level=organ.level if organ else None,
        year=year,
    )
