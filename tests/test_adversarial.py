"""Adversarial inputs (issue #8): ``parse`` stays linear and finishes 1 MB in bounded time.

Each case of ``adversarial.CASES`` is parsed at 0.25 MB and 0.5 MB (best of 3 CPU times, the
two sizes taking turns): doubling the input may at most multiply the time by 2.5 (quadratic
would be 4, catastrophic backtracking far more).  Noisy measurements are forgiven: the pair is
measured up to four times before failing, each attempt on its own so that a fast spell of the
machine for one size and a slow one for the other never make a pair.  Then the case is parsed at 1 MB
once, within a generous bound.
"""

from __future__ import annotations

import time

import pytest

import replyparse
from _invariants import check_letter
from adversarial import CASES, HEAVY, MB, pair_cost

RATIO = 2.5
#: A busy spell of a few seconds on a shared machine can spoil several measurements in a row.
ATTEMPTS = 4
#: CPU seconds for one 1 MB parse; the slowest case takes about 7 s on a loaded CI core.
BOUND_1MB = 60.0


@pytest.mark.parametrize(
    "name", [pytest.param(name, marks=[pytest.mark.slow] if name in HEAVY else [])
             for name in sorted(CASES)]
)
def test_linear_and_bounded(name: str) -> None:
    make = CASES[name][1]
    quarter, half = make(MB // 4), make(MB // 2)
    check_letter(replyparse.parse(quarter), quarter)
    for attempt in range(ATTEMPTS):
        small, large = pair_cost(quarter, half)
        if large <= RATIO * small + 0.002:  # 2 ms: the clock's grain on the cheapest cases
            break
        assert attempt < ATTEMPTS - 1, (
            f"{name}: 0.25 MB {small:.3f}s, 0.5 MB {large:.3f}s ({large / small:.2f}x)"
        )
    text = make(MB)
    start = time.process_time()
    replyparse.parse(text)
    assert time.process_time() - start < BOUND_1MB


def test_cases_have_their_size() -> None:
    for name, (_, make) in CASES.items():
        assert len(make(MB)) == MB, name
