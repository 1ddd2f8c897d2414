"""The word lists the tokenizer uses: the policy lexicon and the stopwords (data/*.txt)."""
from __future__ import annotations

from functools import lru_cache

import stopwordsiso

from . import datafiles


def policy_terms() -> list[tuple[str, int, str]]:
    """The policy lexicon as (word, frequency, POS tag) triples."""
    return [(w, int(f), t) for w, f, t in (line.split() for line in datafiles.lines("policy_terms.txt"))]


@lru_cache(maxsize=None)
def stopwords() -> frozenset[str]:
    """General Chinese stopwords (stopwordsiso) plus the report boilerplate list."""
    return frozenset(stopwordsiso.stopwords("zh")) | frozenset(datafiles.lines("stopwords_policy.txt"))
