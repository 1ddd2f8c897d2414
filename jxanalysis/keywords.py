"""Keyword statistics: frequencies, TF-IDF, TextRank, KWIC, keyness and co-occurrence."""
from __future__ import annotations

from collections import Counter

import pandas as pd

from .report import Report
from .tokens import tokenize_pos


def _text(report_or_text: Report | str) -> str:
    return report_or_text.text if isinstance(report_or_text, Report) else report_or_text


def word_frequencies(report_or_text: Report | str) -> pd.DataFrame:
    """Content-word counts: columns word, count, share, pos; most frequent first, ties by word."""
    tagged = tokenize_pos(_text(report_or_text))
    counts = Counter(word for word, _ in tagged)
    pos = {}
    for word, flag in tagged:
        pos.setdefault(word, flag)
    total = sum(counts.values()) or 1
    frame = pd.DataFrame(
        [(w, c, c / total, pos[w]) for w, c in counts.items()], columns=["word", "count", "share", "pos"]
    )
    return frame.sort_values(["count", "word"], ascending=[False, True], ignore_index=True)
