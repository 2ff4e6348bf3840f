"""Precision and recall of department recognition on hand-labelled corpus texts.

    PYTHONPATH=src python bench/department_accuracy.py [--jieba] [--misses] [--corpus DIR]

Gold mentions are in ``tests/data/department_labels.tsv`` (source, written, nth occurrence,
kind), ``department_labels_heldout.tsv`` and ``department_labels_blind2.tsv`` (two later
sets of b-replies, each scored as its own row).  A prediction counts as correct when its
span equals a gold span; "kind ok" also needs the same ``kind``.  The reference letter
(``samples/…``) is development data and is reported apart from the corpus sample.
``--jieba`` adds the baseline: jieba.posseg tokens tagged ``nt`` (organisation) on the
reference letter, scored the same way.  The texts are the project's copies of the corpus
files (``bench/project_corpus.py``); ``--corpus`` reads a corpus directory instead.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from bench.project_corpus import source_text  # noqa: E402
from replyparse.context import Context  # noqa: E402
from replyparse.extract.departments import find_departments  # noqa: E402

LABELS = ROOT / "tests" / "data" / "department_labels.tsv"
HELDOUT = ROOT / "tests" / "data" / "department_labels_heldout.tsv"
BLIND2 = ROOT / "tests" / "data" / "department_labels_blind2.tsv"
CONTEXTS = {
    "a-letters": Context(responder="国务院办公厅", responder_level="national"),
    "b-replies": Context(province="西地省", city="A市"),
    "samples": Context(province="辽宁省", responder="辽宁省发展和改革委员会",
                       responder_level="provincial", year=2021),
}

Gold = dict[tuple[int, int], str]


def load_gold(corpus: Path | None, labels: Path) -> tuple[dict[str, str], dict[str, Gold]]:
    texts: dict[str, str] = {}
    gold: dict[str, Gold] = defaultdict(dict)
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        source, written, nth, kind = line.split("\t")
        if source not in texts:
            texts[source] = source_text(source, corpus)
            gold.setdefault(source, {})
        if written == "-":
            continue
        at = -1
        for _ in range(int(nth)):
            at = texts[source].index(written, at + 1)
        gold[source][(at, at + len(written))] = kind
    return texts, gold


def score(predicted: dict[str, Gold], gold: dict[str, Gold], sources: list[str]) -> str:
    tp = kind_ok = n_pred = n_gold = 0
    for source in sources:
        p, g = predicted[source], gold[source]
        n_pred += len(p)
        n_gold += len(g)
        for span, kind in p.items():
            if span in g:
                tp += 1
                kind_ok += g[span] == kind
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return (f"texts {len(sources):3d}  gold {n_gold:4d}  predicted {n_pred:4d}  correct {tp:4d}  "
            f"precision {prec:.3f}  recall {rec:.3f}  F1 {f1:.3f}  kind ok {kind_ok}/{tp}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None,
                        help="read the texts from this corpus directory, not the project's copies")
    parser.add_argument("--jieba", action="store_true", help="add the jieba nt baseline")
    parser.add_argument("--misses", action="store_true", help="list misses and false alarms")
    args = parser.parse_args()
    texts, gold = load_gold(args.corpus, LABELS)
    held_texts, held_gold = load_gold(args.corpus, HELDOUT)
    started = time.perf_counter()
    predicted = predict(texts)
    elapsed = time.perf_counter() - started
    held_predicted = predict(held_texts)
    blind_texts, blind_gold = load_gold(args.corpus, BLIND2)
    blind_predicted = predict(blind_texts)
    groups: dict[str, list[str]] = defaultdict(list)
    for source in texts:
        groups[source.split("/")[0]].append(source)
    corpus_sources = groups["a-letters"] + groups["b-replies"]
    print("department recognition (exact span match)")
    for name in ("a-letters", "b-replies"):
        print(f"  {name:10s} {score(predicted, gold, groups[name])}")
    print(f"  {'corpus':10s} {score(predicted, gold, corpus_sources)}")
    print(f"  {'reference':10s} {score(predicted, gold, groups['samples'])}  (development data)")
    print(f"  {'held-out':10s} {score(held_predicted, held_gold, list(held_texts))}  (b-replies)")
    print(f"  {'blind2':10s} {score(blind_predicted, blind_gold, list(blind_texts))}  (b-replies)")
    missed: Counter[str] = Counter()
    for source in corpus_sources:
        for span, kind in gold[source].items():
            if span not in predicted[source]:
                missed[kind] += 1
    print("  corpus misses by gold kind:", dict(missed.most_common()))
    print(f"  time for all {len(texts)} texts: {elapsed * 1000:.1f} ms "
          "(the first call builds the lexicon)")
    if args.misses:
        for pred, gl, tx in ((predicted, gold, texts), (held_predicted, held_gold, held_texts),
                             (blind_predicted, blind_gold, blind_texts)):
            for source in tx:
                text = tx[source]
                for s, e in sorted(set(gl[source]) - set(pred[source])):
                    print(f"    miss  {source} {text[s:e]}")
                for s, e in sorted(set(pred[source]) - set(gl[source])):
                    print(f"    false {source} {text[s:e]}")
    if args.jieba:
        jieba_baseline(texts, gold)


def predict(texts: dict[str, str]) -> dict[str, Gold]:
    predicted: dict[str, Gold] = {}
    for source, text in texts.items():
        ctx = CONTEXTS[source.split("/")[0]]
        predicted[source] = {d.span: d.kind for d in find_departments(text, ctx)}
    return predicted


def jieba_baseline(texts: dict[str, str], gold: dict[str, Gold]) -> None:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    tokenizer = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    for source in [s for s in texts if s.startswith("samples/")]:
        text = texts[source]
        spans: dict[tuple[int, int], str] = {}
        at = 0
        for pair in tokenizer.cut(text):
            start = text.index(pair.word, at)
            at = start + len(pair.word)
            if pair.flag == "nt":
                spans[(start, at)] = pair.word
        hits = [w for span, w in spans.items() if span in gold[source]]
        print(f"jieba nt on {source}: {len(spans)} nt tokens, {len(hits)} of "
              f"{len(gold[source])} gold mentions exactly ({', '.join(hits)}); "
              f"nt tokens: {', '.join(spans.values())}")


if __name__ == "__main__":
    main()
