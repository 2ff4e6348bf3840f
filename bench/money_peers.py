"""Money (and area) extraction: replyparse vs JioNLP vs Recognizers-Text, in one run.

All three tools see the same texts in the same process:

- speed: the reference letter (``samples/liaoning-2021-1125.txt``) and the corpus texts copied
  into ``bench/data/`` (their sources are listed in ``bench/data/SOURCES.tsv``); per text the
  median of several calls after one warm-up call, then the median over texts;
- accuracy: every text of ``tests/data/amounts.tsv`` (the test table), scored against the
  table's expected mentions, by exact span and by overlapping span.

The peers are not library dependencies.  Install them into a separate venv::

    python3.11 -m venv /work/bench-venv
    /work/bench-venv/bin/pip install jionlp recognizers-text-suite "emoji<1" regex
    PYTHONPATH=src /work/bench-venv/bin/python -m bench.money_peers --write docs/performance.md

(``pip install -e '.[bench]'`` installs the same peers.)  A peer that cannot be imported is
reported as such and left out.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "samples" / "liaoning-2021-1125.txt"
DATA = ROOT / "bench" / "data"
TABLE = ROOT / "tests" / "data" / "amounts.tsv"
HEADING = "## Money extraction vs peers"

Span = tuple[int, int]
Extractor = Callable[[str], list[Span]]

#: Recognizers-Text dimension units that are areas.
RT_AREA_UNITS = {"Mu", "Hectare", "Square kilometer", "Square meter", "Square metre", "Acre"}


# --- tools ------------------------------------------------------------------------------


def replyparse_tools() -> dict[str, Extractor]:
    from replyparse.extract.areas import find_areas
    from replyparse.extract.money import find_money

    return {
        "money": lambda text: [m.span for m in find_money(text)],
        "area": lambda text: [a.span for a in find_areas(text)],
        "money+area": lambda text: (
            [m.span for m in find_money(text)] + [a.span for a in find_areas(text)]
        ),
    }


def jionlp_tools() -> dict[str, Extractor]:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        import jionlp

    extract = jionlp.ner.extract_money

    def money(text: str) -> list[Span]:
        return [(r["offset"][0], r["offset"][1]) for r in extract(text, with_parsing=True)]

    return {"money": money}


def recognizers_tools() -> dict[str, Extractor]:
    from recognizers_number_with_unit import recognize_currency, recognize_dimension
    from recognizers_text import Culture

    def money(text: str) -> list[Span]:
        # Recognizers-Text ends are inclusive.
        return [(r.start, r.end + 1) for r in recognize_currency(text, Culture.Chinese)]

    def area(text: str) -> list[Span]:
        return [
            (r.start, r.end + 1)
            for r in recognize_dimension(text, Culture.Chinese)
            if (r.resolution or {}).get("unit") in RT_AREA_UNITS
        ]

    return {"money": money, "area": area, "money+area": lambda text: money(text) + area(text)}


def load_tools() -> tuple[dict[str, dict[str, Extractor]], dict[str, str]]:
    tools: dict[str, dict[str, Extractor]] = {}
    missing: dict[str, str] = {}
    for name, loader in [
        ("replyparse", replyparse_tools),
        ("JioNLP", jionlp_tools),
        ("Recognizers-Text", recognizers_tools),
    ]:
        try:
            tools[name] = loader()
        except Exception as error:  # a peer that cannot be installed or imported
            missing[name] = f"{type(error).__name__}: {error}"
    return tools, missing


def version(name: str) -> str:
    from importlib import metadata

    dist = {
        "replyparse": None,
        "JioNLP": "jionlp",
        "Recognizers-Text": "recognizers-text-number-with-unit",
    }[name]
    if dist is None:
        import replyparse

        return replyparse.__version__
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


# --- speed ------------------------------------------------------------------------------


def interleaved_ms(funcs: dict[str, Extractor], text: str, rounds: int) -> dict[str, float]:
    """Median ms per call of each tool on ``text``, the tools taking turns round by round
    (so a change of machine load hits all of them alike); fast tools run more calls per
    round.  One warm-up call each first (lazy patterns, peers' models)."""
    times: dict[str, list[float]] = {name: [] for name in funcs}
    for func in funcs.values():
        func(text)
    for _ in range(rounds):
        for name, func in funcs.items():
            calls = INNER.get(name.split(":")[0], 1)
            for _ in range(calls):
                start = time.perf_counter()
                func(text)
                times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) * 1000 for name, t in times.items()}


#: Calls per round: enough samples of the fast tools without waiting on the slow one.
INNER = {"replyparse": 40, "JioNLP": 4, "Recognizers-Text": 1}


def speed(tools: dict[str, dict[str, Extractor]], quick: bool) -> dict[str, dict[str, Any]]:
    reference = REFERENCE.read_text(encoding="utf-8")
    corpus = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))]
    funcs = {
        f"{name}:{kind}": kinds[kind]
        for name, kinds in tools.items()
        for kind in ("money", "money+area")
        if kind in kinds
    }
    rounds = 2 if quick else 7
    ref = interleaved_ms(funcs, reference, rounds)
    per_text = [interleaved_ms(funcs, text, max(1, rounds // 2)) for text in corpus]
    results: dict[str, dict[str, Any]] = {
        key: {
            "reference": ref[key],
            "corpus_median": statistics.median(t[key] for t in per_text),
        }
        for key in funcs
    }
    results["_texts"] = {"n": len(corpus), "chars": sum(len(t) for t in corpus)}
    results["_reference_chars"] = {"n": len(reference)}
    results["_all_three"] = all_three(reference, 300 if quick else 3000)
    return results


def all_three(text: str, calls: int) -> dict[str, float]:
    """replyparse's three extractors together on ``text``: median and best ms per call."""
    from replyparse.extract.areas import find_areas
    from replyparse.extract.money import find_money
    from replyparse.extract.quantities import find_quantities

    times = []
    for _ in range(calls):
        start = time.perf_counter()
        find_money(text)
        find_areas(text)
        find_quantities(text)
        times.append(time.perf_counter() - start)
    return {"median": statistics.median(times) * 1000, "best": min(times) * 1000}


# --- accuracy ---------------------------------------------------------------------------


def table_cases(kind: str) -> dict[str, set[Span]]:
    """Every text of ``kind`` in the test table with the spans it must yield."""
    cases: dict[str, set[Span]] = {}
    lines = [line for line in TABLE.read_text(encoding="utf-8").splitlines() if line]
    rows = [line.split("\t") for line in lines if not line.startswith("#")][1:]
    for fields in rows:
        _group, _source, row_kind, text, mention, at = fields[:6]
        if row_kind != kind:
            continue
        text, mention = _unescape(text), _unescape(mention)
        if text.startswith("@"):
            text = (ROOT / text[1:]).read_text(encoding="utf-8")
        spans = cases.setdefault(text, set())
        if mention:
            start = -1
            for _ in range(int(at or 0) + 1):
                start = text.index(mention, start + 1)
            spans.add((start, start + len(mention)))
    return cases


def _unescape(field: str) -> str:
    return field.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")


def score(func: Extractor, cases: dict[str, set[Span]]) -> dict[str, float]:
    tp = fp = fn = overlap_tp = overlap_found = 0
    predicted_total = 0
    for text, expected in cases.items():
        try:
            found = set(func(text))
        except Exception:
            found = set()
        predicted_total += len(found)
        tp += len(found & expected)
        fp += len(found - expected)
        fn += len(expected - found)
        overlap_tp += sum(1 for p in found if any(_overlaps(p, e) for e in expected))
        overlap_found += sum(1 for e in expected if any(_overlaps(p, e) for p in found))
    expected_total = sum(len(e) for e in cases.values())
    return {
        "precision": tp / predicted_total if predicted_total else 0.0,
        "recall": tp / expected_total if expected_total else 0.0,
        "overlap_precision": overlap_tp / predicted_total if predicted_total else 0.0,
        "overlap_recall": overlap_found / expected_total if expected_total else 0.0,
        "predicted": predicted_total,
        "expected": expected_total,
        "fp": fp,
        "fn": fn,
    }


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def accuracy(tools: dict[str, dict[str, Extractor]]) -> dict[str, dict[str, float]]:
    out = {}
    for kind in ("money", "area"):
        cases = table_cases(kind)
        for name, kinds in tools.items():
            if kind in kinds:
                out[f"{name}:{kind}"] = score(kinds[kind], cases)
        out[f"_cases:{kind}"] = {"texts": len(cases), "mentions": sum(map(len, cases.values()))}
    return out


# --- report -----------------------------------------------------------------------------


def report(
    speeds: dict[str, dict[str, Any]],
    scores: dict[str, dict[str, float]],
    missing: dict[str, str],
    names: list[str],
) -> str:
    texts = speeds["_texts"]
    lines = [
        HEADING,
        "",
        f"Measured by `bench/money_peers.py` in one process on {platform.python_version()} "
        f"({platform.machine()}, {_cpu()}), {time.strftime('%Y-%m-%d', time.gmtime())}. "
        "Versions: " + ", ".join(f"{n} {version(n)}" for n in names) + ".",
        "",
        "### Speed (median ms per letter, after one warm-up call)",
        "",
        "The tools take turns on each text, round by round, so that changes in machine load "
        f"hit all of them alike (load average when the run ended: {_load()}).",
        "",
        f"Reference letter: {speeds['_reference_chars']['n']} characters. Corpus: "
        f"{texts['n']} texts in `bench/data/` ({texts['chars']} characters; sources in "
        "`bench/data/SOURCES.tsv`).",
        "",
        "| tool | task | reference letter | ratio | corpus, median per text | ratio |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for kind in ("money", "money+area"):
        ours = speeds.get(f"replyparse:{kind}")
        for name in names:
            row = speeds.get(f"{name}:{kind}")
            if row is None or ours is None:
                continue
            task = {
                "money": "money",
                "money+area": "money + areas",
            }[kind]
            if name == "Recognizers-Text" and kind == "money+area":
                task = "currency + dimension"
            lines.append(
                f"| {name} | {task} | {row['reference']:.3f} | "
                f"{row['reference'] / ours['reference']:.0f}× | {row['corpus_median']:.3f} | "
                f"{row['corpus_median'] / ours['corpus_median']:.0f}× |"
            )
    three = speeds["_all_three"]
    lines += [
        "",
        "Ratios are the peer's time divided by replyparse's time for the same task. Medians "
        "vary between runs on this shared 2-core machine: over five runs while this branch was "
        "developed, JioNLP's reference-letter ratio ranged from 12× to 46× and "
        "Recognizers-Text's from 350× to 1100×.",
        "",
        "`find_money` + `find_areas` + `find_quantities` together on the reference letter: "
        f"median {three['median']:.3f} ms, best {three['best']:.3f} ms per letter.",
        "",
        "### Accuracy against the test table",
        "",
        "Every text of `tests/data/amounts.tsv` (reference letter, forms from the issues, corpus "
        "sentences, peer bugs, negatives and the xfail rows) is given to each tool; a "
        "prediction counts when its span equals an expected span (exact) or overlaps one "
        "(overlap; forgives a peer's different span convention, e.g. JioNLP's 达686万元).",
        "",
        "| tool | kind | texts | expected | predicted | precision | recall | "
        "overlap precision | overlap recall |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind in ("money", "area"):
        cases = scores[f"_cases:{kind}"]
        for name in names:
            s = scores.get(f"{name}:{kind}")
            if s is None:
                if name == "JioNLP" and kind == "area":
                    lines.append(f"| {name} | area | – | – | – | no area extractor | | | |")
                continue
            lines.append(
                f"| {name} | {kind} | {cases['texts']} | {s['expected']} | {s['predicted']} | "
                f"{s['precision']:.3f} | {s['recall']:.3f} | {s['overlap_precision']:.3f} | "
                f"{s['overlap_recall']:.3f} |"
            )
    if missing:
        lines += ["", "### Peers that could not be run", ""]
        lines += [f"- {name}: `{reason}`" for name, reason in missing.items()]
    lines += [
        "",
        "Notes: Recognizers-Text builds its models on the first call (about 0.7 s), "
        "JioNLP unzips and loads its dictionaries on import (about 1.3 s); both are excluded "
        "by the warm-up call. The table was written for replyparse's conventions (span = "
        "number + unit, approximation words outside, list items spanned alone), so exact-span "
        "scores favour it; the overlap columns are the fairer comparison for the peers.",
        "",
    ]
    return "\n".join(lines)


def _load() -> str:
    try:
        return " / ".join(Path("/proc/loadavg").read_text().split()[:3]) + " (1 / 5 / 15 min)"
    except OSError:
        return "unknown"


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def write_section(path: Path, section: str) -> None:
    """Replace (or append) the ``HEADING`` section of ``path``, keeping other sections."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n\n"
    start = old.find(HEADING)
    if start < 0:
        new = old.rstrip("\n") + "\n\n" + section
    else:
        end = old.find("\n## ", start + len(HEADING))
        new = old[:start] + section + (old[end + 1 :] if end >= 0 else "")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="update this markdown file's section")
    parser.add_argument("--quick", action="store_true", help="fewer repeats (smoke test)")
    args = parser.parse_args(argv)
    tools, missing = load_tools()
    names = [n for n in ("replyparse", "JioNLP", "Recognizers-Text") if n in tools]
    scores = accuracy(tools)
    speeds = speed(tools, args.quick)
    section = report(speeds, scores, missing, names)
    print(section)
    if args.write:
        write_section(args.write, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
