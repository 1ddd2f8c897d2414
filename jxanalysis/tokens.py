"""Policy-aware tokenization: jieba with the policy lexicon, minus stopwords and numbers.

jxanalysis keeps its own jieba.Tokenizer, so jieba's global default dictionary is left
untouched for other code in the same process; the dictionary cache lives in the per-user
cache folder (jxanalysis.cache), or nowhere when that folder cannot be written.

The default backend is rjieba (the Rust port, jieba-rs) with the same policy lexicon; its
tokens are the same as jieba's (tests/test_tokenize_backends.py). jieba, the reference backend,
is used where rjieba is not installed, or with `backend="jieba"`.

A report is tokenized once: `report_tokens(report)` is computed on first use, kept on the Report,
and shared by word frequencies, theme scores, policy instruments, keywords and the command line.
POS tags are a context-free dictionary lookup (jieba's dict.txt plus the policy lexicon's tags),
corrected by `pos.word_tag` (the report's own place names, hand corrections), so they are the
same whichever backend cut the text.
"""
from __future__ import annotations

import importlib.util
import logging
import re
from functools import lru_cache
from itertools import accumulate, compress
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

import jieba
import numpy as np
import pandas as pd

from . import arguments
from .cache import cache_dir
from .lexicon import derived, policy_terms, stopwords
from .memo import Memo
from .patterns import HAN
from .pos import PHRASE_TAG, corrected_tags, own_places

if TYPE_CHECKING:
    import jieba.posseg
    import rjieba

    from .report import Report

Backend = Literal["jieba", "rjieba"]
#: The backend used when none is named: rjieba when it is installed, else jieba.
DEFAULT_BACKEND: Backend = "rjieba" if importlib.util.find_spec("rjieba") else "jieba"

jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict ..." lines on stderr

_KEEP = re.compile(f"[{HAN}]|[A-Za-z]{{2,}}")  # a token needs a Chinese character or a Latin word
_NUMERAL = "\\d.,%％〇零一二两三四五六七八九十百千万亿"
# A number, possibly with 第/约/余/多 and a measure word: 4.5%, 万余户, 余万元, 十二届, 第一.
_NUMBER = re.compile(rf"^[第约近超]?[{_NUMERAL}]*[余多]?[{_NUMERAL}]*[元户件名次个年届项批轮场家步]?$")


def tokenizer(lexicon: bool = True) -> jieba.Tokenizer:
    """The private jieba tokenizer, with the policy lexicon loaded unless lexicon=False."""
    return _tokenizer(bool(lexicon))


@derived
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


@derived
@lru_cache(maxsize=1 << 16)
def is_content(token: str) -> bool:
    """True for a token worth counting: not a stopword, number, punctuation or single letter."""
    return (
        len(token) > 1
        and token not in stopwords()
        and not (_NUMBER.match(token) and re.search(f"[{_NUMERAL}余]", token))
        and bool(_KEEP.search(token))
    )


#: is_content as a Memo: content[word]
content = derived(Memo(is_content))


@derived
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
    joined = [m.start() for m in _JOINED.finditer(text)]
    if not joined:
        return tokens
    # the tokens cover text: only those holding +#&._%- are looked at
    ends = np.cumsum(np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens)))
    out: list[str] = []
    done = 0
    for i in np.unique(np.searchsorted(ends, joined, side="right")).tolist():
        token = tokens[i]
        if len(token) > 1 and not _HAN_JIEBA.search(token) and not _ALNUM_RUN.fullmatch(token) \
                and not tk.has_word(token):
            out += tokens[done:i]
            out += [piece for piece in _ALNUM_RUN.split(token) if piece]
            done = i + 1
    return out + tokens[done:] if out else tokens


#: The dictionary frequency given to a report's extra words (jxanalysis.phrases): high enough to
#: keep a name whole, below the policy lexicon's 50000 so a policy term is never cut by one.
PHRASE_FREQ = 20000


def tokenizer_with(phrases: Iterable[str], lexicon: bool = True, backend: Backend | None = None):
    """A tokenizer of the backend with extra words (e.g. a report's discovered phrases) on top of
    the dictionary and the policy lexicon; built once per set of words, the shared ones untouched."""
    backend = backend or DEFAULT_BACKEND
    if backend not in ("jieba", "rjieba"):
        raise ValueError(f'unknown tokenizer backend {backend!r}: use "jieba" or "rjieba"')
    return _tokenizer_with(tuple(sorted(set(phrases))), bool(lexicon), backend)


@derived
@lru_cache(maxsize=4)  # each holds a copy of the dictionary (tens of MB)
def _tokenizer_with(phrases: tuple[str, ...], lexicon: bool, backend: Backend):
    if backend == "rjieba":
        rjieba_tokenizer(lexicon)  # the clear ImportError when rjieba is missing
        import rjieba

        tk = rjieba.Jieba()
        for word, freq, tag in policy_terms() if lexicon else []:
            tk.add_word(word, freq, tag)
    else:
        base = tokenizer(lexicon)
        tk = jieba.Tokenizer()
        tk.FREQ, tk.total, tk.initialized = dict(base.FREQ), base.total, True
    for word in phrases:
        tk.add_word(word, PHRASE_FREQ, PHRASE_TAG)
    return tk


def _cut(text: str, lexicon: bool, backend: Backend | None, phrases: Iterable[str] = ()) -> list[str]:
    """Every token of text from the chosen backend (None: DEFAULT_BACKEND), with extra words if any."""
    backend = backend or DEFAULT_BACKEND
    if phrases:
        tk = tokenizer_with(phrases, lexicon, backend)
        return _rjieba_cut(text, tk) if backend == "rjieba" else tk.lcut(text)
    if backend == "rjieba":
        return _rjieba_cut(text, rjieba_tokenizer(lexicon))
    if backend == "jieba":
        return tokenizer(lexicon).lcut(text)
    raise ValueError(f'unknown tokenizer backend {backend!r}: use "jieba" or "rjieba"')


def segment(text: str, lexicon: bool = True, backend: Backend | None = None,
            phrases: Iterable[str] = ()) -> list[str]:
    """Every token of text, nothing removed (for showing segmentation).

    phrases: extra words kept whole, e.g. a report's `jxanalysis.phrases.confident_phrases`."""
    arguments.text(text, "segment")
    return _cut(text, lexicon, backend, tuple(phrases))


def tokenize(text: str, lexicon: bool = True, backend: Backend | None = None,
             phrases: Iterable[str] = ()) -> list[str]:
    """Content tokens of text: policy lexicon on; stopwords, numbers, punctuation off.

    backend: "rjieba" (the default when installed) or "jieba"; both give the same tokens.
    phrases: extra words kept whole (none by default), e.g. a report's discovered names.
    """
    arguments.text(text, "tokenize")
    words = _cut(text, lexicon, backend, tuple(phrases))
    return list(compress(words, map(content.__getitem__, words)))  # is_content, looped in C


def compare_segmentation(sentences: list[str]) -> pd.DataFrame:
    """Plain jieba against jieba with the policy lexicon, tokens joined by " / "."""
    return pd.DataFrame({
        "sentence": sentences,
        "plain jieba": [" / ".join(segment(s, lexicon=False)) for s in sentences],
        "policy lexicon": [" / ".join(segment(s)) for s in sentences],
    })


def pos_tagger(lexicon: bool = True, phrases: Iterable[str] = ()) -> "jieba.posseg.POSTokenizer":
    """jieba's POS tagger over the private tokenizer, with the policy lexicon's tags (TextRank's);
    phrases: extra words kept whole and tagged nz (a report's discovered names)."""
    return _pos_tagger(bool(lexicon), tuple(sorted(set(phrases))))


@derived
@lru_cache(maxsize=4)
def _pos_tagger(lexicon: bool, phrases: tuple[str, ...]) -> "jieba.posseg.POSTokenizer":
    import jieba.posseg  # imported here: it loads HMM tables that most analyses never use

    # jieba hands a tokenizer's user-word tags only to the first POSTokenizer built on it,
    # so the policy tags are set explicitly: they never depend on which tagger came first.
    tagger = jieba.posseg.POSTokenizer(tokenizer_with(phrases, lexicon, "jieba") if phrases else tokenizer(lexicon))
    tagger.makesure_userdict_loaded()
    if lexicon:
        tagger.word_tag_tab.update({word: tag for word, _, tag in policy_terms()})
    tagger.word_tag_tab.update(dict.fromkeys(phrases, PHRASE_TAG))
    return tagger


def tokenize_pos(text: str, lexicon: bool = True, backend: Backend | None = None) -> list[tuple[str, str]]:
    """The tokens of `tokenize` with their POS tag: the dictionary's ("x" for words jieba found by
    HMM), corrected by `pos.word_tag`."""
    words = tokenize(text, lexicon, backend)
    return list(zip(words, corrected_tags(words, lexicon)))


_STORE_KEY = "_jx_report_tokens"  # where report_tokens keeps its table in the Report's __dict__
TOKEN_COLUMNS = ["line", "paragraph", "sentence_id", "start", "word", "pos", "keep"]


def report_tokens(report: "Report", backend: Backend | None = None) -> pd.DataFrame:
    """Every token of a report's body, cut once and kept on the report for later calls.

    One row per token, in reading order: line (index in report.body), paragraph and sentence_id
    (as in report.paragraphs / report.sentences; -1 on part and section heading lines, which are
    not paragraphs), start (character offset in its line), word, pos (dictionary tag, "x" when
    none, corrected by `pos.word_tag` with the report's own place names) and keep (a content token: `is_content`). A line is cut whole: jieba and jieba-rs never
    join characters across 。！？；, so its tokens are those of its sentences cut one by one.
    """
    backend = backend or DEFAULT_BACKEND
    store = report.__dict__.setdefault(_STORE_KEY, {})
    if backend not in store:
        store[backend] = _report_tokens(report, backend)
    return store[backend]


def sentence_starts(report: "Report") -> list[int]:
    """For each row of report.sentences, its character offset in its paragraph's text (kept on the report)."""
    store = report.__dict__.setdefault(_STORE_KEY, {})
    if "sentence_starts" not in store:
        offsets, previous, at = [], -1, 0
        lines = report.paragraphs["text"].tolist()
        for paragraph, text in zip(report.sentences["paragraph"].tolist(), report.sentences["text"].tolist()):
            if paragraph != previous:
                previous, at = paragraph, 0
            at = lines[paragraph].find(text, at)  # sentences are stripped pieces of the line, in order
            offsets.append(at)
            at += len(text)
        store["sentence_starts"] = offsets
    return store["sentence_starts"]


def _positions(items: list, item: object) -> list[int]:
    """The indices of item in items (list.index scans in C: fast when item is rare)."""
    found, at = [], -1
    while True:
        try:
            at = items.index(item, at + 1)
        except ValueError:
            return found
        found.append(at)


def _report_tokens(report: "Report", backend: Backend) -> pd.DataFrame:
    text = "\n".join(report.body)  # cut at once: no token crosses a newline
    cut = _cut(text, True, backend, report.phrases)
    inside = np.ones(len(cut), dtype=bool)
    inside[_positions(cut, "\n")] = False
    lengths = np.fromiter(map(len, cut), dtype=np.int64, count=len(cut))
    starts = (np.cumsum(lengths) - lengths)[inside]
    words = np.array(list(compress(cut, inside)), dtype=object)
    line_starts = np.fromiter(accumulate((len(line) + 1 for line in report.body), initial=0), dtype=np.int64)
    line = np.searchsorted(line_starts, starts, side="right") - 1
    # the paragraph of each body line (-1 for heading lines), and each sentence's offset in the text
    paragraphs = report.paragraphs["text"].tolist()
    paragraph_of_line = np.full(len(report.body), -1, dtype=np.int64)
    paragraph = 0
    for n, body_line in enumerate(report.body):
        if paragraph < len(paragraphs) and body_line == paragraphs[paragraph]:
            paragraph_of_line[n], paragraph = paragraph, paragraph + 1
    line_of_paragraph = np.flatnonzero(paragraph_of_line >= 0)
    sentence_lines = line_of_paragraph[report.sentences["paragraph"].to_numpy(dtype=np.int64)]
    sentence_offsets = line_starts[sentence_lines] + np.asarray(sentence_starts(report), dtype=np.int64)
    paragraph = paragraph_of_line[line]
    sentence_id = np.maximum(np.searchsorted(sentence_offsets, starts, side="right") - 1, 0)
    sentence_id[paragraph < 0] = -1
    codes, uniques = pd.factorize(words)
    uniques = uniques.tolist()
    tags = corrected_tags(uniques, places=own_places(report.place), phrases=report.phrases)
    return pd.DataFrame({
        "line": line, "paragraph": paragraph, "sentence_id": sentence_id, "start": starts - line_starts[line],
        "word": pd.Series(words, dtype=object, copy=False),
        "pos": pd.Series(np.array(tags, dtype=object)[codes], dtype=object),
        "keep": np.fromiter(map(content.__getitem__, uniques), dtype=bool, count=len(uniques))[codes],
    }, columns=TOKEN_COLUMNS)
