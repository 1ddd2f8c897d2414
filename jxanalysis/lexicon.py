"""The word lists the tokenizer uses: the policy lexicon and the stopwords (data/*.txt).

Everything built from them (tokenizers, tag tables, content-word memos) is marked `derived`, so
that `reload_lexicons()` makes an edited file count without restarting Python.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

import stopwordsiso

from . import datafiles

_DERIVED: list = []  # the caches built from the word lists
Cache = TypeVar("Cache")


def derived(cache: Cache) -> Cache:
    """Mark a cache (an lru_cache'd function or a Memo) as built from the word lists."""
    _DERIVED.append(cache)
    return cache


def reload_lexicons() -> None:
    """Read the policy lexicon, the stopwords and the POS corrections again after editing them in
    jxanalysis/data/: later calls use the new lists, no restart needed. A Report loaded before
    keeps the tokens it was cut with: load it again."""
    for cache in _DERIVED:
        clear: Callable[[], None] = getattr(cache, "cache_clear", None) or cache.clear
        clear()


def policy_terms() -> list[tuple[str, int, str]]:
    """The policy lexicon as (word, frequency, POS tag) triples."""
    return [(w, int(f), t) for w, f, t in (line.split() for line in datafiles.lines("policy_terms.txt"))]


@derived
@lru_cache(maxsize=None)
def stopwords() -> frozenset[str]:
    """General Chinese stopwords (stopwordsiso) plus the report boilerplate list."""
    return frozenset(stopwordsiso.stopwords("zh")) | frozenset(datafiles.lines("stopwords_policy.txt"))
