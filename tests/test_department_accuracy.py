"""Department recognition against the hand labels (tests/data/department_labels*.tsv).

The same scoring as ``bench/department_accuracy.py`` (exact span match), on the project's
copies of the labelled texts.  Floors are the measured values of docs/accuracy.md
("Departments"): precision must stay 1.000 on every set but the blind runs' first figures
(the rules were fixed after them), recall may not fall below what was measured, so a change
that loses a mention or adds a false one fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.department_accuracy import BLIND2, HELDOUT, LABELS, load_gold, predict

SETS = {"development": LABELS, "held-out": HELDOUT, "blind2": BLIND2}


def _counts(labels: Path, top: str | None) -> tuple[int, int, int]:
    """Correct, predicted and gold mentions of the labelled texts under ``top`` (all if None)."""
    texts, gold = load_gold(None, labels)
    texts = {s: t for s, t in texts.items() if top is None or s.startswith(top + "/")}
    predicted = predict(texts)
    right = sum(span in gold[s] for s in texts for span in predicted[s])
    return right, sum(map(len, predicted.values())), sum(len(gold[s]) for s in texts)


@pytest.mark.parametrize(
    ("labels", "top", "correct", "gold"),
    [
        pytest.param("development", "samples", 47, 47, id="reference-47"),
        pytest.param("development", "a-letters", 49, 56, id="a-letters-56"),
        pytest.param("development", "b-replies", 87, 103, id="b-replies-103"),
        pytest.param("held-out", None, 32, 42, id="held-out-42"),
        pytest.param("blind2", None, 38, 53, id="blind2-53"),
    ],
)
def test_precision_and_recall(labels: str, top: str | None, correct: int, gold: int) -> None:
    right, predicted, total = _counts(SETS[labels], top)
    assert total == gold
    assert right == predicted, f"{predicted - right} false mentions"
    assert right >= correct, f"recall {right}/{total}, was {correct}/{total}"
