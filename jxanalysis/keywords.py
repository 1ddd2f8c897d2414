"""Keyword statistics: frequencies, TF-IDF, TextRank, KWIC, keyness and co-occurrence."""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from itertools import combinations

from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd

from . import arguments
from .report import Report, split_sentences
from .textsearch import occurrences
from .tokens import is_content, pos_tagger, report_tokens, segment, stopwords, tokenize, tokenize_pos

if TYPE_CHECKING:
    import jieba.analyse


def _text(report_or_text: Report | str) -> str:
    return report_or_text.text if isinstance(report_or_text, Report) else report_or_text


def _content(report: Report) -> pd.DataFrame:
    """The report's content tokens (report_tokens where keep)."""
    tokens = report_tokens(report)
    return tokens[tokens["keep"]]


def word_frequencies(report_or_text: Report | str) -> pd.DataFrame:
    """Content-word counts: columns word, count, share, pos; most frequent first, ties by word."""
    arguments.report_or_text(report_or_text, "word_frequencies")
    if isinstance(report_or_text, Report):
        content = _content(report_or_text)
        tagged = list(zip(content["word"], content["pos"]))
    else:
        tagged = tokenize_pos(report_or_text)
    counts = Counter(word for word, _ in tagged)
    pos = dict(reversed(tagged))  # a word's tag is a dictionary lookup: the same at every occurrence
    total = sum(counts.values()) or 1
    frame = pd.DataFrame(
        [(w, c, c / total, pos[w]) for w, c in counts.items()], columns=["word", "count", "share", "pos"]
    )
    return frame.sort_values(["count", "word"], ascending=[False, True], ignore_index=True)


# --- TF-IDF and TextRank (jieba.analyse, with the private policy-aware tokenizer) ---------------

#: POS tags TextRank may link: nouns, policy terms (nz), verbal nouns, set phrases, places, organisations.
TEXTRANK_POS = ("n", "nz", "vn", "l", "ns", "nt")


@lru_cache(maxsize=None)
def _tfidf() -> "jieba.analyse.TFIDF":
    """jieba's TF-IDF extractor (shipped IDF table) with our stopwords."""
    import jieba.analyse  # imported here: `import jxanalysis` stays light

    extractor = jieba.analyse.TFIDF()
    extractor.stop_words = set(extractor.STOP_WORDS) | set(stopwords())
    return extractor


@lru_cache(maxsize=None)
def _textrank() -> "jieba.analyse.TextRank":
    """jieba's TextRank extractor using our POS tagger and stopwords."""
    import jieba.analyse

    extractor = jieba.analyse.TextRank()
    extractor.tokenizer = extractor.postokenizer = pos_tagger()
    extractor.stop_words = set(extractor.STOP_WORDS) | set(stopwords())
    return extractor


def _ranked(scores: list[tuple[str, float]], column: str, top: int | None) -> pd.DataFrame:
    """Content words only, highest score first, ties broken by word; the first `top` rows."""
    rows = sorted(((w, float(s)) for w, s in scores if is_content(w)), key=lambda r: (-r[1], r[0]))
    return pd.DataFrame(rows if top is None else rows[:top], columns=["word", column])


def tfidf_keywords(report_or_text: Report | str, top: int | None = 30) -> pd.DataFrame:
    """TF-IDF keywords (jieba's IDF table, policy-aware tokens): columns word, tfidf.

    tfidf = (count of the word / count of all tokens of two or more characters that are not
    stopwords) * IDF, where IDF comes from jieba's general-corpus table (its median IDF for words
    it does not know, e.g. most policy terms). Only content words (`is_content`) are listed.
    top=None returns every content word.
    """
    words = report_tokens(report_or_text)["word"] if isinstance(report_or_text, Report) else segment(report_or_text)
    extractor = _tfidf()
    counts: dict[str, float] = {}  # jieba.analyse.TFIDF.extract_tags on the shared tokens
    for word in words:
        if len(word.strip()) >= 2 and word.lower() not in extractor.stop_words:
            counts[word] = counts.get(word, 0.0) + 1.0
    total = sum(counts.values())
    idf, median = extractor.idf_freq, extractor.median_idf
    return _ranked([(w, n * (idf.get(w, median) / total)) for w, n in counts.items()], "tfidf", top)


def textrank_keywords(report_or_text: Report | str, top: int | None = 30) -> pd.DataFrame:
    """TextRank keywords (jieba, window of 5 tokens, POS in TEXTRANK_POS): columns word, textrank.

    The score is jieba's PageRank over the word co-occurrence graph, scaled so the top word is 1.
    top=None returns every ranked content word. TextRank keeps jieba.posseg's own cut and tags
    (its HMM tags unknown words, which the shared tokens tag "x"), so it cuts the text again.
    """
    scores = _textrank().textrank(_text(report_or_text), topK=None, withWeight=True, allowPOS=TEXTRANK_POS)
    return _ranked(scores, "textrank", top)


def compare_keywords(report_or_text: Report | str, top: int = 30) -> pd.DataFrame:
    """The union of the TF-IDF and TextRank top lists: columns word, count, tfidf, textrank.

    Scores are given for every word of the union (NaN when a method does not score the word at
    all); count is the word's frequency (0 if `word_frequencies` does not count it).
    Sorted by tfidf, then textrank (both descending), then word.
    """
    tfidf = tfidf_keywords(report_or_text, top=None)
    textrank = textrank_keywords(report_or_text, top=None)
    words = set(tfidf.word[:top]) | set(textrank.word[:top])
    counts = word_frequencies(report_or_text).set_index("word")["count"]
    frame = pd.DataFrame({"word": sorted(words)})
    frame["count"] = frame.word.map(counts).fillna(0).astype(int)
    frame["tfidf"] = frame.word.map(tfidf.set_index("word")["tfidf"])
    frame["textrank"] = frame.word.map(textrank.set_index("word")["textrank"])
    return frame.sort_values(
        ["tfidf", "textrank", "word"], ascending=[False, False, True], ignore_index=True, na_position="last"
    )


# --- keyword in context --------------------------------------------------------------------------

def _sentence_table(report_or_text: Report | str) -> pd.DataFrame:
    """report.sentences, or for plain text one row per sentence with paragraph = non-empty line index."""
    if isinstance(report_or_text, Report):
        return report_or_text.sentences
    lines = [line.strip() for line in report_or_text.splitlines() if line.strip()]
    rows = [(i, "", s) for i, line in enumerate(lines) for s in split_sentences(line)]
    frame = pd.DataFrame(rows, columns=["paragraph", "part", "text"])
    frame.insert(2, "sentence_id", range(len(frame)))
    return frame


def kwic(report_or_text: Report | str, word: str, width: int = 12) -> pd.DataFrame:
    """Keyword-in-context lines: columns paragraph, part, sentence_id, left, keyword, right.

    One row per occurrence of `word` as a substring of a sentence (so 医疗器械 also matches inside
    医疗器械产业园), in reading order. left/right hold up to `width` characters of the same
    sentence on either side; with a width at least the sentence length, left + keyword + right
    is the whole sentence.
    """
    if not word:
        raise ValueError("kwic needs a non-empty word")
    rows = []
    for sent in _sentence_table(report_or_text).to_dict("records"):
        text = sent["text"]
        for start in occurrences(word, text):
            end = start + len(word)
            rows.append((sent["paragraph"], sent["part"], sent["sentence_id"],
                         text[max(0, start - width):start], word, text[end:end + width]))
    return pd.DataFrame(rows, columns=["paragraph", "part", "sentence_id", "left", "keyword", "right"])


# --- keyness -------------------------------------------------------------------------------------

def _g2(a: int, b: int, c: int, d: int) -> float:
    """Dunning's log-likelihood G2 for a word seen a times in c target and b times in d reference tokens."""
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    return 2 * sum(o * math.log(o / e) for o, e in ((a, e1), (b, e2)) if o > 0)


def keyness(target: Sequence[str], reference: Sequence[str]) -> pd.DataFrame:
    """Keyness of every word in target vs reference token lists.

    Columns word, target_count, reference_count, log_likelihood, log_ratio.
    log_likelihood is Dunning's G2, signed: positive when the word's relative frequency is higher
    in target (over-used), negative when lower. log_ratio = log2((a + 0.5) / c) / ((b + 0.5) / d))
    with a, b the counts and c, d the list lengths (0.5 added to both counts so absent words work).
    Sorted by log_likelihood descending (target's key words first), ties by word.
    """
    if not target or not reference:
        raise ValueError("keyness needs two non-empty token lists")
    tc, rc = Counter(target), Counter(reference)
    c, d = len(target), len(reference)
    rows = []
    for word in set(tc) | set(rc):
        a, b = tc[word], rc[word]
        sign = (a * d > b * c) - (a * d < b * c)
        rows.append((word, a, b, sign * _g2(a, b, c, d), math.log2(((a + 0.5) / c) / ((b + 0.5) / d))))
    rows.sort(key=lambda r: (-r[3], r[0]))
    return pd.DataFrame(rows, columns=["word", "target_count", "reference_count", "log_likelihood", "log_ratio"])


def part_keyness(report: Report, top: int = 20) -> pd.DataFrame:
    """Keyness of the report's first part (target) against its second (reference).

    Uses the first two parts that are not appendices (附件). Returns the `top` words most
    over-used in part one and the `top` most over-used in part two, with the columns of
    `keyness` plus `part` (the part each word characterises); sorted by log_likelihood.
    """
    parts = [p for p in report.parts if not p.startswith("附件")]
    if len(parts) < 2:
        raise ValueError(f"part_keyness needs two parts, the report has {len(parts)}: {parts}")
    paragraphs, content = report.paragraphs, _content(report)
    part_of = content["paragraph"].map(paragraphs.set_index("paragraph")["part"])
    first, second = (list(content.loc[part_of == p, "word"]) for p in parts[:2])
    table = keyness(first, second)
    over = table[table.log_likelihood > 0].head(top).assign(part=parts[0])
    under = table[table.log_likelihood < 0].iloc[::-1].head(top).iloc[::-1].assign(part=parts[1])
    return pd.concat([over, under], ignore_index=True)


# --- co-occurrence network -----------------------------------------------------------------------

def cooccurrence_graph(report_or_text: Report | str, top: int = 40, min_weight: int = 2) -> nx.Graph:
    """Sentence-level co-occurrence network of the `top` most frequent content words.

    Nodes are the first `top` rows of `word_frequencies` (attribute count, the same numbers);
    an edge joins two words that occur in the same sentence (report.sentences), weight = number
    of sentences containing both, kept when weight >= min_weight. Nodes and edges are added in
    a fixed order so layouts are reproducible.
    """
    freq = word_frequencies(report_or_text).head(top)
    words, chosen = list(freq.word), set(freq.word)
    if isinstance(report_or_text, Report):
        content = _content(report_or_text)
        content = content[content["sentence_id"] >= 0]
        sentence_tokens = content.groupby("sentence_id", sort=True)["word"].agg(list).tolist()
    else:
        sentence_tokens = [tokenize(s) for s in _sentence_table(report_or_text).text]
    weights: Counter[tuple[str, str]] = Counter()
    for tokens in sentence_tokens:
        weights.update(combinations(sorted(set(tokens) & chosen), 2))
    graph = nx.Graph()
    graph.add_nodes_from((w, {"count": int(c)}) for w, c in zip(words, freq["count"]))
    graph.add_weighted_edges_from((u, v, w) for (u, v), w in sorted(weights.items()) if w >= min_weight)
    return graph


def edge_table(graph: nx.Graph) -> pd.DataFrame:
    """The graph's edges as columns source, target, weight (source < target);
    heaviest first, ties by source then target."""
    rows = [(*sorted((u, v)), data.get("weight", 1)) for u, v, data in graph.edges(data=True)]
    frame = pd.DataFrame(rows, columns=["source", "target", "weight"])
    return frame.sort_values(["weight", "source", "target"], ascending=[False, True, True], ignore_index=True)
