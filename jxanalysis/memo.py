"""Memo: a function's value for each key met so far, kept in a dict."""
from __future__ import annotations

from collections.abc import Callable, Hashable


class Memo(dict):
    """fn's value for each key (a word, a (word, tag) pair) met so far: a dict lookup costs a third
    of an lru_cache call, and map(memo.__getitem__, words) runs in C. Cleared when it holds more
    than `size` keys."""

    def __init__(self, fn: Callable[[Hashable], object], size: int = 1 << 18) -> None:
        super().__init__()
        self.fn, self.size = fn, size

    def __missing__(self, key: Hashable) -> object:
        if len(self) >= self.size:
            self.clear()
        self[key] = value = self.fn(key)
        return value
