"""The one occurrence finder: where a word occurs in a text (themes, KWIC, term index)."""
from __future__ import annotations


def occurrences(word: str, text: str, start: int = 0) -> list[int]:
    """Start positions of the non-overlapping occurrences of word in text, left to right.

    Plain str.find: hundreds of keywords as regexes would overflow the regex cache."""
    if not word:
        raise ValueError("occurrences needs a non-empty word")
    found, at = [], text.find(word, start)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + len(word))
    return found
