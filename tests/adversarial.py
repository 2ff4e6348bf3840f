"""Adversarial inputs for ``parse``: each a function of the wanted size in characters.

Shared by ``tests/test_adversarial.py`` (linear time, a bound at 1 MB) and
``bench/reliability.py`` (the measured table in ``docs/reliability.md``).  Each case aims at
one way a parser goes quadratic or backtracks: runs of the same digit, unclosed brackets,
deep quotation nesting, multiplier chains, heading markers with nothing between them, one
huge line, tens of thousands of sections, enumeration lists, organ names glued together.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import replyparse

MB = 1_000_000


def repeat(unit: str, size: int) -> str:
    """``unit`` repeated and cut to exactly ``size`` characters."""
    return (unit * (size // len(unit) + 1))[:size]


def nested_quotes(size: int, depth: int = 1_000) -> str:
    """“「《（ … 内容 … ）》」” nested ``depth`` deep, repeated."""
    pairs = ("“”", "「」", "《》", "（）")
    opening = "".join(pairs[i % 4][0] for i in range(depth))
    closing = "".join(pairs[i % 4][1] for i in reversed(range(depth)))
    return repeat(opening + "资金2亿元。" + closing + "。", size)


def number_list(size: int) -> str:
    """1、2、3、… 、n万元 — one long enumeration of amounts."""
    parts: list[str] = []
    total = 0
    i = 1
    while total < size:
        piece = f"{i}、"
        parts.append(piece)
        total += len(piece)
        i += 1
    return ("".join(parts)[: size - 2]) + "万元"


def _tail(unit: str, size: int) -> str:
    """A short letter, then whole ``unit`` lines, padded with blank lines to ``size``: a line
    cut short at the end would end the footer and turn the whole tail into body."""
    head = "何金箭代表：\n您提出的建议收悉。\n"
    count, pad = divmod(size - len(head), len(unit))
    return head + unit * count + "\n" * pad


def sections(size: int) -> str:
    """Tens of thousands of numbered sections with sub-parts, each with a sentence."""
    cn = "一二三四五六七八九十"
    parts: list[str] = []
    total = 0
    i = 0
    while total < size:
        piece = f"{cn[i % 10]}、关于第{i}项工作\n（{cn[i % 9]}）已完成{i}万元。\n"
        parts.append(piece)
        total += len(piece)
        i += 1
    return "".join(parts)[:size]


#: Cases that make 100,000 sections, statements or footer lines: 3-10 s per MB, marked slow.
HEAVY = frozenset({
    "sections", "departments", "yi-dun-lines", "stop-digit-dun", "closing-tail", "contacts-tail",
})

CASES: dict[str, tuple[str, Callable[[int], str]]] = {
    "digits": ("one run of the digit 1", lambda n: repeat("1", n)),
    "open-book-title": ("《 with no 》", lambda n: repeat("《", n)),
    "open-quote": ("“ with no ”", lambda n: repeat("“", n)),
    "nested-quotes": ("“”「」《》（） nested 1,000 deep, repeated", nested_quotes),
    "wan-chain": ("万万万…", lambda n: repeat("万", n)),
    "yi-dun": ("一、一、一、… on one line", lambda n: repeat("一、", n)),
    "yi-dun-lines": ("一、 alone on every line", lambda n: repeat("一、\n", n)),
    "one-line": ("one line of Chinese with no punctuation",
                 lambda n: repeat("葫芦岛市资源枯竭地区转型发展问题研究建议收悉现答复如下", n)),
    "sections": ("numbered sections with sub-parts (50k at 1 MB)", sections),
    "number-list": ("1、2、3、…万元, one enumeration", number_list),
    "departments": ("省财政厅和县住建局 glued together", lambda n: repeat("省财政厅和县住建局", n)),
    "full-stops": ("。。。…", lambda n: repeat("。", n)),
    "stop-digit-dun": ("。1、 (a heading after every stop)", lambda n: repeat("。1、", n)),
    "newlines": ("blank lines only", lambda n: repeat("\n", n)),
    "amount-commas": ("1,000,000,… one long thousands-separated number",
                      lambda n: "1" + repeat(",000", n - 2) + "元"),
    "dates": ("2021年5月28日 repeated", lambda n: repeat("2021年5月28日", n)),
    "page-numbers-tail": ("a short letter, then page numbers — 3 — on every line",
                          lambda n: _tail("— 3 —\n", n)),
    "contacts-tail": ("a short letter, then 联系人：张三 on every line",
                      lambda n: _tail("联系人：张三\n", n)),
    "closing-tail": ("a short letter, then 此复。 on every line", lambda n: _tail("此复。\n", n)),
}


def _round(text: str, floor: float) -> float:
    """Mean CPU time (``time.process_time``) of ``parse(text)`` repeated for ``floor`` seconds.

    Repeating cheap inputs measures them above the clock's grain; the garbage collector is off
    while timing.
    """
    gc.collect()
    gc.disable()
    try:
        runs = 0
        start = time.process_time()
        while True:
            replyparse.parse(text)
            runs += 1
            elapsed = time.process_time() - start
            if elapsed >= floor:
                return elapsed / runs
    finally:
        gc.enable()


def pair_cost(small: str, large: str, *, rounds: int = 3,
              floor: float = 0.05) -> tuple[float, float]:
    """Best CPU times of ``parse(small)`` and ``parse(large)``, their rounds taken in turns.

    The shared machines run in spells of different speed lasting seconds: measuring all of one
    size and then all of the other can put each in a different spell and fake a 1.3x in their
    ratio.  Taking turns puts both sizes' best rounds in the same spell.
    """
    best_small = best_large = float("inf")
    for _ in range(rounds):
        best_small = min(best_small, _round(small, floor))
        best_large = min(best_large, _round(large, floor))
    return best_small, best_large
