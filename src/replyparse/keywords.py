"""Keywords of a letter or section: TF-IDF over jieba words, loaded on first call.

jieba is imported here only, through a private ``jieba.Tokenizer`` so the caller's global
jieba state is untouched.  Inverse document frequencies come from the table jieba ships;
words of official boilerplate (发展, 支持, 建设 …) are dropped via
``data/keyword_stopwords.txt``.
"""

from __future__ import annotations

import logging
from collections import Counter
from functools import cache
from importlib import resources
from typing import Any

from replyparse.data_files import read_lines

_MIN_LENGTH = 2


@cache
def _tokenizer() -> Any:
    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in _extra_words():
        tokenizer.add_word(word)
    return tokenizer


def _extra_words() -> list[str]:
    """Names jieba's dictionary lacks but letters are about (places, organs)."""
    from replyparse.extract._places import place_names

    return place_names()


@cache
def _idf() -> tuple[dict[str, float], float]:
    raw = resources.files("jieba.analyse").joinpath("idf.txt").read_text(encoding="utf-8")
    table: dict[str, float] = {}
    for line in raw.splitlines():
        word, _, value = line.partition(" ")
        if value:
            table[word] = float(value)
    values = sorted(table.values())
    return table, values[len(values) // 2]


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(read_lines("keyword_stopwords.txt"))


def top_keywords(text: str, k: int = 10) -> list[str]:
    """The ``k`` words of ``text`` with the highest TF-IDF, stop-listed words left out.

    Ties keep the order of first appearance, so the result is deterministic.
    """
    if k <= 0 or not text.strip():
        return []
    stop = _stopwords()
    words = [
        w
        for w in _tokenizer().lcut(text)
        if len(w) >= _MIN_LENGTH and w not in stop and not w.isdigit() and _is_word(w)
    ]
    if not words:
        return []
    idf, median = _idf()
    counts = Counter(words)
    total = len(words)
    first = {w: i for i, w in reversed(list(enumerate(words)))}
    scored = sorted(counts, key=lambda w: (-counts[w] * idf.get(w, median) / total, first[w]))
    return scored[:k]


def _is_word(token: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" or c.isalpha() for c in token)
