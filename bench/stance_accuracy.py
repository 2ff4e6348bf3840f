"""Accuracy of statement stance (achievement / commitment / other) on hand-labelled statements.

    PYTHONPATH=src python bench/stance_accuracy.py [--misses] [--heldout] [--blind2] [--corpus DIR]

Gold stances are in ``tests/data/stance_labels.tsv`` (source, start, end, stance, text; the
guidelines are in its header).  Each labelled statement is looked up by its span in
``parse(text).statements`` and must have the labelled text.  Reported per set: the reference
letter (``samples/…``, development data), the a-letters, the b-replies and the c-gov sections;
accuracy, per-class precision, recall and F1, and a confusion matrix (rows gold, columns
predicted).  ``--heldout`` adds ``tests/data/stance_labels_heldout.tsv`` (held out for the
first rule change, development data since).  ``--blind2`` adds
``tests/data/stance_labels_blind2.tsv``, a second blind sample of b-replies kept to report a
rule change on, not to choose one (its misses are listed only with ``--misses --blind2``).
The texts are read from the project's byte-for-byte copies of the corpus files
(``project_text``); ``--corpus`` reads them from a corpus directory instead.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from bench.project_corpus import source_text  # noqa: E402
from replyparse import parse  # noqa: E402

LABELS = ROOT / "tests" / "data" / "stance_labels.tsv"
HELDOUT = ROOT / "tests" / "data" / "stance_labels_heldout.tsv"
BLIND2 = ROOT / "tests" / "data" / "stance_labels_blind2.tsv"
STANCES = ("achievement", "commitment", "other")
SETS = ("reference", "a-letters", "b-replies", "c-gov")


@dataclass(frozen=True, slots=True)
class Row:
    """One labelled statement and what the parser made of it."""

    source: str
    span: tuple[int, int]
    text: str
    gold: str
    predicted: str
    cues: tuple[str, ...]


def set_of(source: str) -> str:
    """The set a source belongs to: reference, a-letters, b-replies or c-gov."""
    top = source.split("/")[0]
    return "reference" if top == "samples" else top


def read_labels(labels: Path) -> list[tuple[str, int, int, str, str]]:
    out = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        source, start, end, stance, text = line.split("\t")
        if stance not in STANCES:
            raise ValueError(f"{labels.name}: unknown stance {stance!r} in {line!r}")
        out.append((source, int(start), int(end), stance, text))
    return out


def predict(labels: Path, corpus: Path | None) -> list[Row]:
    """Each labelled statement with the parser's stance; a statement whose span or text no
    longer matches the parse raises (the labels must be redone, not silently skipped)."""
    rows: list[Row] = []
    parsed: dict[str, dict[tuple[int, int], tuple[str, str, tuple[str, ...]]]] = {}
    for source, start, end, gold, text in read_labels(labels):
        if source not in parsed:
            letter = parse(source_text(source, corpus))
            parsed[source] = {s.span: (s.text, s.stance, s.cues) for s in letter.statements}
        found = parsed[source].get((start, end))
        if found is None or found[0] != text:
            raise LookupError(f"{source} [{start}, {end}) is no statement {text!r} any more")
        rows.append(Row(source, (start, end), text, gold, found[1], found[2]))
    return rows


def report(name: str, rows: list[Row]) -> list[str]:
    """Accuracy, per-class precision/recall/F1 and the confusion matrix of ``rows``."""
    if not rows:
        return [f"  {name}: no statements"]
    pairs = Counter((r.gold, r.predicted) for r in rows)
    right = sum(pairs[s, s] for s in STANCES)
    lines = [f"  {name:10s} statements {len(rows):4d}  correct {right:4d}  "
             f"accuracy {right / len(rows):.3f}"]
    for stance in STANCES:
        tp = pairs[stance, stance]
        n_pred = sum(pairs[g, stance] for g in STANCES)
        n_gold = sum(pairs[stance, p] for p in STANCES)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        lines.append(f"      {stance:11s} gold {n_gold:4d}  predicted {n_pred:4d}  "
                     f"precision {prec:.3f}  recall {rec:.3f}  F1 {f1:.3f}")
    lines.append("      confusion (rows gold, columns predicted): "
                 + "  ".join(f"{s[:5]:>5s}" for s in STANCES))
    for gold in STANCES:
        lines.append(f"        {gold:11s}" + " " * 32
                     + "  ".join(f"{pairs[gold, p]:5d}" for p in STANCES))
    return lines


def misses(rows: list[Row]) -> list[str]:
    return [f"    {r.source} [{r.span[0]}, {r.span[1]}) gold {r.gold} predicted {r.predicted} "
            f"cues {','.join(r.cues) or '-'}  {r.text[:70]}"
            for r in rows if r.gold != r.predicted]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None,
                        help="read the texts from this corpus directory, not the project's copies")
    parser.add_argument("--misses", action="store_true", help="list the wrong statements")
    parser.add_argument("--heldout", action="store_true",
                        help="also score the held-out labels")
    parser.add_argument("--blind2", action="store_true",
                        help="also score the second blind sample (to report, not to tune)")
    args = parser.parse_args()
    rows = predict(LABELS, args.corpus)
    print("statement stance (labelled statements, exact span)")
    for name in SETS:
        print("\n".join(report(name, [r for r in rows if set_of(r.source) == name])))
    print("\n".join(report("all", rows)))
    held = extra("held-out", HELDOUT, args.corpus) if args.heldout else []
    blind = extra("blind2", BLIND2, args.corpus) if args.blind2 else []
    if args.misses:
        print("\n".join(misses(rows + held + blind)))


def extra(title: str, labels: Path, corpus: Path | None) -> list[Row]:
    """Scores a label file kept apart from the development labels: in all, then one line per
    set it holds."""
    rows = predict(labels, corpus)
    print("\n".join(report(title, rows)))
    for name in SETS:
        part = [r for r in rows if set_of(r.source) == name]
        if part:
            print("\n".join(report(f"  {name}", part)[:1]))
    return rows


if __name__ == "__main__":
    main()
