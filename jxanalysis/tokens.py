"""Policy-aware tokenization: jieba with the policy lexicon, minus stopwords and numbers.

jxanalysis keeps its own jieba.Tokenizer, so jieba's global default dictionary is left
untouched for other code in the same process; the dictionary cache lives in a per-user folder.
"""
from __future__ import annotations

import logging
import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import jieba
import jieba.posseg
import pandas as pd
import stopwordsiso

jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict ..." lines on stderr

_KEEP = re.compile(r"[\u4e00-\u9fff]|[A-Za-z]{2,}")  # a token needs a Chinese character or a Latin word
_NUMERAL = "\\d.,%％〇零一二两三四五六七八九十百千万亿"
# A number, possibly with 第/约/余/多 and a measure word: 4.5%, 万余户, 余万元, 十二届, 第一.
_NUMBER = re.compile(rf"^[第约近超]?[{_NUMERAL}]*[余多]?[{_NUMERAL}]*[元户件名次个年届项批轮场家步]?$")


def _data_lines(name: str) -> list[str]:
    """Non-comment, non-empty lines of a data file shipped in jxanalysis/data."""
    text = resources.files("jxanalysis").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def cache_dir() -> Path:
    """The per-user cache folder ($XDG_CACHE_HOME/jxanalysis or ~/.cache/jxanalysis)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    path = Path(base) / "jxanalysis"
    path.mkdir(parents=True, exist_ok=True)
    return path


def policy_terms() -> list[tuple[str, int, str]]:
    """The policy lexicon as (word, frequency, POS tag) triples."""
    return [(w, int(f), t) for w, f, t in (line.split() for line in _data_lines("policy_terms.txt"))]


@lru_cache(maxsize=None)
def stopwords() -> frozenset[str]:
    """General Chinese stopwords (stopwordsiso) plus the report boilerplate list."""
    return frozenset(stopwordsiso.stopwords("zh")) | frozenset(_data_lines("stopwords_policy.txt"))


@lru_cache(maxsize=None)
def tokenizer(lexicon: bool = True) -> jieba.Tokenizer:
    """A private jieba tokenizer, with the policy lexicon loaded unless lexicon=False."""
    tk = jieba.Tokenizer()
    tk.tmp_dir = str(cache_dir())
    tk.initialize()
    if lexicon:
        for word, freq, tag in policy_terms():
            tk.add_word(word, freq, tag)
    return tk


@lru_cache(maxsize=1 << 16)
def is_content(token: str) -> bool:
    """True for a token worth counting: not a stopword, number, punctuation or single letter."""
    return (
        len(token) > 1
        and token not in stopwords()
        and not (_NUMBER.match(token) and re.search(f"[{_NUMERAL}余]", token))
        and bool(_KEEP.search(token))
    )


def segment(text: str, lexicon: bool = True) -> list[str]:
    """Every jieba token of text, nothing removed (for showing segmentation)."""
    return tokenizer(lexicon).lcut(text)


def tokenize(text: str, lexicon: bool = True) -> list[str]:
    """Content tokens of text: policy lexicon on; stopwords, numbers, punctuation off."""
    return [t for t in tokenizer(lexicon).lcut(text) if is_content(t)]


def compare_segmentation(sentences: list[str]) -> pd.DataFrame:
    """Plain jieba against jieba with the policy lexicon, tokens joined by " / "."""
    return pd.DataFrame({
        "sentence": sentences,
        "plain jieba": [" / ".join(segment(s, lexicon=False)) for s in sentences],
        "policy lexicon": [" / ".join(segment(s)) for s in sentences],
    })


@lru_cache(maxsize=None)
def _tags(lexicon: bool = True) -> dict[str, str]:
    """Dictionary POS tags: jieba's, overridden by the policy lexicon's."""
    tagger = jieba.posseg.POSTokenizer(tokenizer(lexicon))
    tagger.makesure_userdict_loaded()
    return tagger.word_tag_tab


def tokenize_pos(text: str, lexicon: bool = True) -> list[tuple[str, str]]:
    """The tokens of `tokenize` with their dictionary POS tag ("x" for words jieba found by HMM)."""
    tags = _tags(lexicon)
    return [(t, tags.get(t, "x")) for t in tokenize(text, lexicon)]
