"""A report over an archive of letters: totals, inline SVG charts, problem letters.

The report works from the dict form only (``Letter.to_dict()`` plus ``"path"``, or
``{"path", "error"}`` for a letter that failed), so a directory of letters and a JSONL file
of parsed records go through the same ``Archive``.  ``Archive.add`` folds one record into
counters and keeps no record, so memory stays flat however many letters there are (the
table of letters is capped at ``max_rows``).

Money totals add exact ``yuan`` values only: vague amounts (数千万元), ranges and rates
(每亩500元) are counted but not summed, and an amount a letter repeats is counted each time.
"""

from __future__ import annotations

import heapq
import json
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

from replyparse.batch import letter_id
from replyparse.render import _css
from replyparse.render._html import decimal, esc, page, rounded, yuan_short
from replyparse.render.letter import letter_view
from replyparse.render.svg import Number, Series, bar_chart

Record = Mapping[str, Any]

STANCE_SERIES = (
    Series("achievement", _css.COLOURS["achievement"]),
    Series("commitment", _css.COLOURS["commitment"]),
    Series("other", _css.COLOURS["other"]),
    Series("outside statements", _css.COLOURS["none"]),
)
TOP = 15
LARGEST = 10


def _stance_index(stance: object) -> int:
    names = [s.name for s in STANCE_SERIES]
    return names.index(stance) if stance in names[:3] else 3


@dataclass(frozen=True, slots=True)
class Problem:
    """A letter that failed or raised warnings, with a link to look at it."""

    path: str
    title: str
    messages: tuple[str, ...]
    failed: bool
    href: str | None


class Archive:
    """Folds records into the report's totals and charts, one record at a time."""

    def __init__(self, *, max_rows: int = 2000) -> None:
        self.max_rows = max_rows
        self.letters = 0
        self.failed = 0
        self.skipped = 0
        self.stances: Counter[str] = Counter()
        self.money_count = 0
        self.money_unsummed = 0
        self.money_total = Decimal(0)
        self.area_count = 0
        self.mu_total = Decimal(0)
        self.hectares_total = Decimal(0)
        self.by_responder: defaultdict[str, list[Decimal]] = defaultdict(_zeros)
        self.by_year: defaultdict[str, list[Decimal]] = defaultdict(_zeros)
        self.by_stance = _zeros()
        self.organs: Counter[str] = Counter()
        self.documents: Counter[str] = Counter()
        self.strength: Counter[str] = Counter()
        self.by_section: defaultdict[int | None, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        self.problems: list[Problem] = []
        self.rows: list[str] = []
        self.largest: list[tuple[Decimal, int, str]] = []  # a min-heap of table rows

    def add(self, record: Record, href: str | None = None) -> None:
        """Fold in one record; ``href`` links to its rendered view (or its file)."""
        path = str(record.get("path") or "")
        if record.get("skipped"):  # read but not parsed (already stored): no data here
            self.skipped += 1
            return
        self.letters += 1
        if record.get("error") is not None or "meta" not in record:
            self.failed += 1
            self._problem(path, "", (str(record.get("error") or "no parse result"),), True, href)
            return
        meta: Record = record.get("meta") or {}
        title = str(meta.get("title") or Path(path).name or "(untitled)")
        if record.get("warnings"):
            self._problem(path, title, tuple(map(str, record["warnings"])), False, href)
        self._statements(record)
        self._money(record, meta, title, href)
        self._areas(record)
        for d in record.get("departments") or []:
            self.organs[str(d.get("canonical") or d.get("text"))] += 1
        self.documents.update({str(d.get("title")) for d in record.get("documents") or []})
        if len(self.rows) < self.max_rows:
            self.rows.append(_letter_row(record, meta, title, path, href))

    def _problem(self, path: str, title: str, messages: tuple[str, ...], failed: bool,
                 href: str | None) -> None:
        if len(self.problems) < self.max_rows:
            self.problems.append(Problem(path, title, messages, failed, href))

    def _statements(self, record: Record) -> None:
        for s in record.get("statements") or []:
            stance = s.get("stance") or "other"
            self.stances[stance] += 1
            self.by_section[s.get("section")][_stance_index(stance)] += 1
        for c in record.get("commitments") or []:
            if isinstance(c, Mapping) and "strength" in c:
                self.strength[str(c["strength"] or "unspecified")] += 1

    def _money(self, record: Record, meta: Record, title: str, href: str | None) -> None:
        responder = str(meta.get("responder") or "(unknown responder)")
        signed = str(meta.get("signed") or "")
        year = signed[:4] if signed[:4].isdigit() else "unknown"
        for m in record.get("money") or []:
            self.money_count += 1
            yuan = decimal(m.get("yuan"))
            if yuan is None or m.get("per"):
                self.money_unsummed += 1
                continue
            i = _stance_index(m.get("stance"))
            self.money_total += yuan
            self.by_stance[i] += yuan
            self.by_responder[responder][i] += yuan
            self.by_year[year][i] += yuan
            self._keep_largest(yuan, m, title, href)

    def _keep_largest(self, yuan: Decimal, m: Record, title: str, href: str | None) -> None:
        if len(self.largest) >= LARGEST and yuan <= self.largest[0][0]:
            return
        letter = f'<a href="{esc(href)}">{esc(title)}</a>' if href else esc(title)
        row = (f'<tr><td class="num">{esc(yuan_short(yuan))}</td><td>{esc(m.get("text", ""))}'
               f"</td><td>{esc(m.get('stance') or '-')}</td><td>{letter}</td></tr>")
        entry = (yuan, self.letters * 10_000 + len(self.largest), row)
        if len(self.largest) >= LARGEST:
            heapq.heapreplace(self.largest, entry)
        else:
            heapq.heappush(self.largest, entry)

    def _areas(self, record: Record) -> None:
        for a in record.get("areas") or []:
            self.area_count += 1
            mu, ha = decimal(a.get("mu")), decimal(a.get("hectares"))
            if a.get("per"):
                continue
            self.mu_total += mu or 0
            self.hectares_total += ha or 0

    # --- page -------------------------------------------------------------------------------

    def html(self, *, title: str = "Reply letters: archive report", source: str = "") -> str:
        """The report page."""
        body = [
            f'<header class="top"><h1>{esc(title)}</h1>'
            + (f'<p class="meta">Source <b>{esc(source)}</b></p>' if source else "")
            + "</header><main>",
            self._totals(),
            '<h2 id="charts">Charts</h2><div class="charts">',
            *self._charts(),
            "</div>",
            self._largest_table(),
            self._problems_table(),
            self._letters_table(),
            "</main>",
        ]
        return page(title, _css.REPORT, "\n".join(body))

    def _totals(self) -> str:
        ok = self.letters - self.failed
        warned = sum(1 for p in self.problems if not p.failed)
        items = [
            ("letters", f"{self.letters:,}", f"{ok:,} parsed · {self.failed:,} failed"
             + (f" · {self.skipped:,} skipped" if self.skipped else "")),
            ("with warnings", f"{warned:,}", "see below"),
            ("statements", f"{sum(self.stances.values()):,}",
             f"{self.stances['achievement']:,} achievements · "
             f"{self.stances['commitment']:,} commitments"),
            ("money", yuan_short(self.money_total),
             f"{self.money_count:,} amounts, {self.money_unsummed:,} not summed"),
            ("areas", f"{rounded(self.mu_total)} 亩",
             f"= {rounded(self.hectares_total)} 公顷 · {self.area_count:,} mentions"),
            ("departments", f"{sum(self.organs.values()):,}",
             f"{len(self.organs):,} distinct organs"),
            ("documents", f"{len(self.documents):,}", "distinct titles cited"),
        ]
        boxes = "".join(
            f'<div class="total" data-total="{esc(key)}"><span class="value">{esc(value)}</span>'
            f'<span class="label">{esc(key)} · {esc(sub)}</span></div>'
            for key, value, sub in items
        )
        return (
            f'<h2 id="totals">Totals</h2><div class="totals">{boxes}</div>'
            '<p class="note">Money totals add exact amounts only: vague amounts, ranges and rates'
            " (per 亩, per person) are counted but not summed, and an amount a letter repeats"
            " is counted each time.</p>"
        )

    def _charts(self) -> list[str]:
        def money(value: Number) -> str:
            return yuan_short(Decimal(value))

        def count(value: Number) -> str:
            return f"{value:,}"

        responders = sorted(self.by_responder.items(), key=lambda r: (-sum(r[1]), r[0]))
        more = len(responders) - TOP
        charts = [
            bar_chart(chart_id="chart-money-responder", title="Money by responder",
                      rows=responders[:TOP], series=STANCE_SERIES, fmt=money,
                      note=f"{more} more responders not shown" if more > 0 else ""),
            bar_chart(chart_id="chart-money-stance", title="Money by stance",
                      rows=[(s.name, [v if i == j else Decimal(0) for j in range(4)])
                            for i, (s, v) in enumerate(zip(STANCE_SERIES, self.by_stance,
                                                           strict=True))],
                      series=STANCE_SERIES, fmt=money, legend=False),
            bar_chart(chart_id="chart-money-year", title="Money by year (signed)",
                      rows=sorted(self.by_year.items()), series=STANCE_SERIES, fmt=money),
            bar_chart(chart_id="chart-organs", title="Organs most often named",
                      rows=[(k, [v]) for k, v in _top(self.organs)],
                      series=[Series("mentions", _css.COLOURS["department"])], fmt=count,
                      note="canonical names; count of mentions"),
            bar_chart(chart_id="chart-documents", title="Documents most cited",
                      rows=[(f"《{k}》", [v]) for k, v in _top(self.documents)],
                      series=[Series("letters", _css.COLOURS["document"])], fmt=count,
                      note="number of letters citing each title"),
        ]
        charts.append(self._commitments_chart(count))
        return charts

    def _commitments_chart(self, count: Any) -> str:
        if self.strength:
            return bar_chart(
                chart_id="chart-commitments", title="Commitments by strength",
                rows=[(k, [v]) for k, v in sorted(self.strength.items(), key=_strength_order)],
                series=[Series("commitments", _css.COLOURS["commitment"])], fmt=count,
                note="strength of each commitment's cue (firm 将/确保 … study 研究)")
        keys = sorted(self.by_section, key=lambda k: (k is None, k or 0))
        rows: list[tuple[str, Sequence[Number]]] = [
            (f"section {k}" if k is not None else "outside sections", self.by_section[k][:3])
            for k in keys
        ]
        return bar_chart(
            chart_id="chart-commitments", title="Statements by stance, per section",
            rows=rows, series=STANCE_SERIES[:3], fmt=count,
            note="top-level section number within each letter (no commitment strength in "
                 "these records)")

    def _largest_table(self) -> str:
        if not self.largest:
            return ""
        rows = "".join(row for *_, row in sorted(self.largest, key=lambda e: (-e[0], e[1])))
        return (
            '<h2 id="largest">Largest amounts</h2><p class="note">The biggest exact amounts in the'
            " archive, to check first: an outlier here is often a misread number.</p>"
            '<table class="largest"><thead><tr><th>yuan</th><th>as written</th><th>stance</th>'
            f"<th>letter</th></tr></thead><tbody>{rows}</tbody></table>"
        )

    def _problems_table(self) -> str:
        if not self.problems:
            return '<h2 id="problems">Letters with warnings or errors</h2><p class="note">None.</p>'
        rows = []
        for p in self.problems:
            name = esc(p.title or p.path or "(no path)")
            link = f'<a href="{esc(p.href)}">{name}</a>' if p.href else name
            status = "failed" if p.failed else "warnings"
            messages = "".join(f"<li>{esc(m)}</li>" for m in p.messages)
            rows.append(f'<tr class="{status}"><td>{status}</td><td>{link}<br>'
                        f'<span class="note">{esc(p.path)}</span></td>'
                        f'<td><ul class="warnings">{messages}</ul></td></tr>')
        return (
            '<h2 id="problems">Letters with warnings or errors</h2><table class="problems">'
            "<thead><tr><th>status</th><th>letter</th><th>messages</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )

    def _letters_table(self) -> str:
        more = self.letters - self.failed - len(self.rows)
        tail = f'<p class="note">… and {more:,} more letters.</p>' if more > 0 else ""
        return (
            '<h2 id="letters">Letters</h2><table class="letters"><thead><tr><th>letter</th>'
            "<th>responder</th><th>signed</th><th>statements</th><th>money</th><th>areas</th>"
            "<th>departments</th><th>documents</th><th>warnings</th></tr></thead>"
            f"<tbody>{''.join(self.rows)}</tbody></table>{tail}"
        )


STRENGTHS = ("firm", "intended", "effort", "study")


def _strength_order(item: tuple[str, int]) -> tuple[int, str]:
    name = item[0]
    if name in STRENGTHS:
        return STRENGTHS.index(name), name
    return len(STRENGTHS) + (name == "unspecified"), name


def _zeros() -> list[Decimal]:
    return [Decimal(0)] * len(STANCE_SERIES)


def _top(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]


def _letter_row(record: Record, meta: Record, title: str, path: str, href: str | None) -> str:
    name = f'<a href="{esc(href)}">{esc(title)}</a>' if href else esc(title)
    counts = "".join(
        f'<td class="num">{len(record.get(field) or [])}</td>'
        for field in ("statements", "money", "areas", "departments", "documents", "warnings")
    )
    return (
        f'<tr><td>{name}<br><span class="note">{esc(path)}</span></td>'
        f"<td>{esc(meta.get('responder') or '-')}</td><td>{esc(meta.get('signed') or '-')}</td>"
        f"{counts}</tr>"
    )


# --- inputs ---------------------------------------------------------------------------------


def letter_files(directory: Path, exclude: Iterable[Path] = ()) -> list[str]:
    """The letters ``replyparse parse DIR`` would read, minus ``exclude`` (files or folders),
    so the report and its ``letters/`` pages are never read back as letters."""
    from replyparse.batch import expand_paths

    skipped = [p.resolve() for p in exclude]
    found = []
    for path in expand_paths([directory]):
        resolved = Path(path).resolve()
        if not any(resolved == s or s in resolved.parents for s in skipped):
            found.append(path)
    return found


def jsonl_records(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a JSONL file; a line that is not a JSON object becomes an error record."""
    with path.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                record = {"path": f"{path}:{n}", "error": f"invalid JSON: {error}"}
            if not isinstance(record, dict):
                record = {"path": f"{path}:{n}", "error": "not a JSON object"}
            yield record


def href_to(target: Path, base: Path) -> str:
    """A relative URL from the directory ``base`` to ``target``."""
    rel = os.path.relpath(target.resolve(), base.resolve())
    return quote(Path(rel).as_posix())


@dataclass(frozen=True, slots=True)
class ReportResult:
    letters: int
    failed: int
    views: int


def build_report(source: Path, out: Path, *, views: bool = True, progress: bool = False,
                 label: str | None = None, jobs: int | None = None) -> ReportResult:
    """Write the report for ``source`` (a directory of letters or a JSONL file) to ``out``.

    From a directory each letter is parsed by ``replyparse.batch.parse_many`` (``jobs``
    processes, default all cores) and, with ``views``, rendered
    to ``letters/<id>.html`` beside ``out``; from JSONL each letter links to its ``path``
    (a relative path is taken from the working directory, as ``replyparse parse`` wrote it).
    ``progress`` shows a progress bar on standard error; ``label`` names the source on the
    page (default: ``source`` as given).
    """
    from tqdm import tqdm

    archive = Archive()
    base = out.parent
    base.mkdir(parents=True, exist_ok=True)
    written = 0
    if source.is_dir():
        from replyparse.batch import parse_many

        views_dir = base / "letters"
        back = href_to(out, views_dir)
        paths = list(letter_files(source, exclude=(out, views_dir)))
        results = parse_many(paths, jobs=jobs)
        for result in tqdm(results, total=len(paths), desc="report", unit="letter",
                           disable=not progress):
            record = result.record()
            href = href_to(Path(result.path), base)
            if views and result.ok and result.text is not None:
                views_dir.mkdir(parents=True, exist_ok=True)
                view = views_dir / f"{result.id or letter_id(result.text)}.html"
                page_ = letter_view(record, result.text, source=result.path, back=back)
                view.write_text(page_.html, encoding="utf-8", errors="replace")
                written += 1
                href = href_to(view, base)
            archive.add(record, href)
    else:
        for record in jsonl_records(source):
            where = record.get("path")
            archive.add(record, href_to(Path(str(where)), base) if where else None)
    out.write_text(archive.html(source=label or str(source)), encoding="utf-8", errors="replace")
    return ReportResult(archive.letters, archive.failed, written)
