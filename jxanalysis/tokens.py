"""Policy-aware tokenization: jieba with the policy lexicon, minus stopwords and numbers.

jxanalysis keeps its own jieba.Tokenizer, so jieba's global default dictionary is left
untouched for other code in the same process; the dictionary cache lives in the per-user
cache folder (jxanalysis.cache), or nowhere when that folder cannot be written.

An optional fast backend, `backend="rjieba"`, uses rjieba (the Rust port, jieba-rs) with the
same policy lexicon; its tokens are the same as jieba's (tests/test_tokenize_backends.py).
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Literal

import jieba
import jieba.posseg
import pandas as pd
import stopwordsiso

from . import arguments
from .cache import cache_dir
from .cleaning import HAN

if TYPE_CHECKING:
    import rjieba

Backend = Literal["jieba", "rjieba"]

jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict ..." lines on stderr

_KEEP = re.compile(f"[{HAN}]|[A-Za-z]{{2,}}")  # a token needs a Chinese character or a Latin word
_NUMERAL = "\\d.,%％〇零一二两三四五六七八九十百千万亿"
# A number, possibly with 第/约/余/多 and a measure word: 4.5%, 万余户, 余万元, 十二届, 第一.
_NUMBER = re.compile(rf"^[第约近超]?[{_NUMERAL}]*[余多]?[{_NUMERAL}]*[元户件名次个年届项批轮场家步]?$")


def _data_lines(name: str) -> list[str]:
    """Non-comment, non-empty lines of a data file shipped in jxanalysis/data."""
    text = resources.files("jxanalysis").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def policy_terms() -> list[tuple[str, int, str]]:
    """The policy lexicon as (word, frequency, POS tag) triples."""
    return [(w, int(f), t) for w, f, t in (line.split() for line in _data_lines("policy_terms.txt"))]


@lru_cache(maxsize=None)
def stopwords() -> frozenset[str]:
    """General Chinese stopwords (stopwordsiso) plus the report boilerplate list."""
    return frozenset(stopwordsiso.stopwords("zh")) | frozenset(_data_lines("stopwords_policy.txt"))


def tokenizer(lexicon: bool = True) -> jieba.Tokenizer:
    """The private jieba tokenizer, with the policy lexicon loaded unless lexicon=False."""
    return _tokenizer(bool(lexicon))


@lru_cache(maxsize=None)
def _tokenizer(lexicon: bool) -> jieba.Tokenizer:
    tk = jieba.Tokenizer()
    folder = cache_dir()
    if folder is None:  # no writable cache (already warned): what initialize() does, minus its cache file
        tk.FREQ, tk.total = tk.gen_pfdict(tk.get_dict_file())
        tk.initialized = True
    else:
        tk.tmp_dir = str(folder)
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


@lru_cache(maxsize=None)
def rjieba_tokenizer(lexicon: bool = True) -> "rjieba.Jieba":
    """A private rjieba (jieba-rs) tokenizer with the policy lexicon, unless lexicon=False."""
    try:
        import rjieba
    except ImportError as err:  # an optional dependency
        raise ImportError('backend="rjieba" needs the rjieba package: pip install rjieba') from err
    tk = rjieba.Jieba()  # its own dictionary, not rjieba's module-level default
    if lexicon:
        for word, freq, tag in policy_terms():
            tk.add_word(word, freq, tag)
    return tk


_BLOCK = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&._%-]+)")  # jieba.re_han_default
_SKIP = re.compile(r"(\r\n|\s)")  # jieba.re_skip_default
# Characters jieba-rs counts as Chinese and jieba does not (CJK extensions, compatibility
# ideographs, U+9FD6-U+9FFF), and lone surrogates, which rjieba cannot take.
_RJIEBA_ONLY = re.compile("[\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff\ud800-\udfff\U00020000-\U0003ffff]")
_JOINED = re.compile(r"[+#&._%-]")  # a token jieba-rs may keep whole where jieba splits it
_HAN_JIEBA = re.compile("[\u4e00-\u9fd5]")  # jieba's Han range
_ALNUM_RUN = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")  # jieba.finalseg.re_skip


def _rjieba_cut(text: str, tk: "rjieba.Jieba") -> list[str]:
    """rjieba's tokens made identical to jieba.Tokenizer.lcut's.

    Two differences are undone here. jieba-rs counts more characters as Chinese (CJK
    extensions, U+9FD6-U+9FFF); jieba cuts text into blocks of its own characters first and
    makes every other character a token: text holding such characters is cut into jieba's
    blocks before rjieba sees it (this also keeps lone surrogates, which rjieba rejects, out).
    jieba-rs keeps runs such as 1-11, e-mail or x.com whole; jieba splits them into
    letter/digit runs (4.5% stays whole) and what lies between.
    """
    if _RJIEBA_ONLY.search(text):
        tokens = []
        for i, block in enumerate(_BLOCK.split(text)):
            if i % 2:
                tokens.extend(tk.cut(block))
            else:  # between blocks: whitespace (\r\n kept together) or one token per character
                for piece in _SKIP.split(block):
                    tokens.extend([piece] if _SKIP.match(piece) else piece)
    else:
        tokens = tk.cut(text)
    out: list[str] = []
    for token in tokens:
        if len(token) > 1 and _JOINED.search(token) and not _HAN_JIEBA.search(token) \
                and not _ALNUM_RUN.fullmatch(token) and not tk.has_word(token):
            out.extend(piece for piece in _ALNUM_RUN.split(token) if piece)
        else:
            out.append(token)
    return out


def _cut(text: str, lexicon: bool, backend: Backend) -> list[str]:
    """Every token of text from the chosen backend."""
    if backend == "jieba":
        return tokenizer(lexicon).lcut(text)
    if backend == "rjieba":
        return _rjieba_cut(text, rjieba_tokenizer(lexicon))
    raise ValueError(f'unknown tokenizer backend {backend!r}: use "jieba" or "rjieba"')


def segment(text: str, lexicon: bool = True, backend: Backend = "jieba") -> list[str]:
    """Every token of text, nothing removed (for showing segmentation)."""
    arguments.text(text, "segment")
    return _cut(text, lexicon, backend)


def tokenize(text: str, lexicon: bool = True, backend: Backend = "jieba") -> list[str]:
    """Content tokens of text: policy lexicon on; stopwords, numbers, punctuation off.

    backend="rjieba" gives the same tokens several times faster (needs the rjieba package).
    """
    arguments.text(text, "tokenize")
    return [t for t in _cut(text, lexicon, backend) if is_content(t)]


def compare_segmentation(sentences: list[str]) -> pd.DataFrame:
    """Plain jieba against jieba with the policy lexicon, tokens joined by " / "."""
    return pd.DataFrame({
        "sentence": sentences,
        "plain jieba": [" / ".join(segment(s, lexicon=False)) for s in sentences],
        "policy lexicon": [" / ".join(segment(s)) for s in sentences],
    })


def pos_tagger(lexicon: bool = True) -> jieba.posseg.POSTokenizer:
    """The one POS tagger over the private tokenizer, with the policy lexicon's tags."""
    return _pos_tagger(bool(lexicon))


@lru_cache(maxsize=None)
def _pos_tagger(lexicon: bool) -> jieba.posseg.POSTokenizer:
    # jieba hands a tokenizer's user-word tags only to the first POSTokenizer built on it,
    # so the policy tags are set explicitly: they never depend on which tagger came first.
    tagger = jieba.posseg.POSTokenizer(tokenizer(lexicon))
    tagger.makesure_userdict_loaded()
    if lexicon:
        tagger.word_tag_tab.update({word: tag for word, _, tag in policy_terms()})
    return tagger


def tokenize_pos(text: str, lexicon: bool = True) -> list[tuple[str, str]]:
    """The tokens of `tokenize` with their dictionary POS tag ("x" for words jieba found by HMM)."""
    tags = pos_tagger(lexicon).word_tag_tab
    return [(t, tags.get(t, "x")) for t in tokenize(text, lexicon)]
