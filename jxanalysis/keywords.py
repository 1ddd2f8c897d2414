"""Keyword statistics: frequencies, TF-IDF, TextRank, KWIC, keyness and co-occurrence."""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
import pandas as pd

from . import arguments
from .lexicon import derived, stopwords
from .pos import corrected_tags, own_places, word_tag
from .report import Report, split_sentences
from .textsearch import occurrences
from .tokens import is_content, pos_tagger, report_tokens, segment, tokenize, tokenize_pos

if TYPE_CHECKING:
    import jieba.analyse


def _text(report_or_text: Report | str) -> str:
    return report_or_text.text if isinstance(report_or_text, Report) else report_or_text


def _content(report: Report) -> pd.DataFrame:
    """The report's content tokens (report_tokens where keep)."""
    tokens = report_tokens(report)
    return tokens[tokens["keep"]]


def _places(report_or_text: Report | str) -> frozenset[str]:
    return own_places(report_or_text.place) if isinstance(report_or_text, Report) else frozenset()


def _phrases(report_or_text: Report | str) -> tuple[str, ...]:
    """The names the report's tokenizer keeps whole (jx.with_phrases); none for a text."""
    return report_or_text.phrases if isinstance(report_or_text, Report) else ()


def word_frequencies(report_or_text: Report | str) -> pd.DataFrame:
    """Content-word counts: columns word, count, share, pos; most frequent first, ties by word.

    pos is the word's dictionary tag (the same at every occurrence), corrected by `word_tag`.
    """
    arguments.report_or_text(report_or_text, "word_frequencies")
    if isinstance(report_or_text, Report):
        return _report_frequencies(report_or_text)
    tagged = tokenize_pos(report_or_text)
    counts = Counter(word for word, _ in tagged)
    pos = dict(tagged)  # a word's tag is a dictionary lookup: the same at every occurrence
    total = sum(counts.values()) or 1
    frame = pd.DataFrame(
        [(w, c, c / total, pos[w]) for w, c in counts.items()],
        columns=["word", "count", "share", "pos"],
    )
    return frame.sort_values(["count", "word"], ascending=[False, True], ignore_index=True)


def tie_cut(counts: Sequence[float], n: int) -> int:
    """How many of the first n rows to keep so that no tie is cut: the largest k <= n with
    counts[k - 1] != counts[k] (counts sorted descending). When the first n rows all tie, the
    end of that tie (more than n). tie_cut([5, 4, 3, 3, 3, 2], 4) == 2."""
    values = list(counts)
    if n >= len(values):
        return len(values)
    k = n
    while k > 0 and values[k - 1] == values[k]:
        k -= 1
    if k == 0:  # one tie covers the first n rows: keep the whole tie
        k = n
        while k < len(values) and values[k] == values[k - 1]:
            k += 1
    return k


def _report_frequencies(report: Report) -> pd.DataFrame:
    """word_frequencies of a Report, counted on its shared tokens with numpy: the same table."""
    tokens = report_tokens(report)
    keep = tokens["keep"].to_numpy()
    if not keep.any():
        return pd.DataFrame([], columns=["word", "count", "share", "pos"])
    codes, words = pd.factorize(tokens["word"].to_numpy()[keep])  # words in order of first occurrence
    counts = np.bincount(codes)
    first = np.unique(codes, return_index=True)[1]  # a word's tag at its first occurrence
    tags = tokens["pos"].to_numpy()[keep][first]
    # most frequent first, ties by word: sort by word, then (stable) by count (keys from lists: fast)
    by_word, by_count = words.tolist(), counts.tolist()
    order = sorted(sorted(range(len(by_word)), key=by_word.__getitem__), key=by_count.__getitem__, reverse=True)
    return pd.DataFrame({"word": words[order], "count": counts[order], "share": counts[order] / counts.sum(),
                         "pos": tags[order]})


# --- TF-IDF and TextRank (jieba.analyse, with the private policy-aware tokenizer) ---------------

#: POS tags TextRank may link: nouns, policy terms (nz), verbal nouns, set phrases, places, organisations.
TEXTRANK_POS = ("n", "nz", "vn", "l", "ns", "nt")


@derived
@lru_cache(maxsize=None)
def _tfidf() -> "jieba.analyse.TFIDF":
    """jieba's TF-IDF extractor (shipped IDF table) with our stopwords."""
    import jieba.analyse  # imported here: `import jxanalysis` stays light

    extractor = jieba.analyse.TFIDF()
    extractor.stop_words = set(extractor.STOP_WORDS) | set(stopwords())
    return extractor


class _CorrectedTagger:
    """jieba.posseg's cut with each tag corrected by `word_tag` (what TextRank's POS filter sees)."""

    def __init__(self, places: frozenset[str], phrases: tuple[str, ...]) -> None:
        self.tagger, self.places = pos_tagger(phrases=phrases), places

    def cut(self, text: str):
        import jieba.posseg

        for pair in self.tagger.cut(text):
            yield jieba.posseg.pair(pair.word, word_tag(pair.word, pair.flag, self.places))


def _textrank(report_or_text: Report | str) -> "jieba.analyse.TextRank":
    """jieba's TextRank extractor using our POS tagger (tags corrected, the report's phrases kept
    whole) and stopwords."""
    import jieba.analyse

    extractor = jieba.analyse.TextRank()
    extractor.tokenizer = extractor.postokenizer = _CorrectedTagger(_places(report_or_text), _phrases(report_or_text))
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
    it does not know, e.g. most policy terms: see `idf`). Only content words (`is_content`) are
    listed. top=None returns every content word.
    """
    words = report_tokens(report_or_text)["word"] if isinstance(report_or_text, Report) else segment(report_or_text)
    extractor = _tfidf()
    counts: dict[str, float] = {}  # jieba.analyse.TFIDF.extract_tags on the shared tokens
    for word in words:
        if len(word.strip()) >= 2 and word.lower() not in extractor.stop_words:
            counts[word] = counts.get(word, 0.0) + 1.0
    total = sum(counts.values())
    return _ranked([(w, n * idf(w) / total) for w, n in counts.items()], "tfidf", top)


def idf(word: str) -> float:
    """The IDF TF-IDF uses: jieba's table (idf.txt, from a general corpus), or the table's median
    IDF for a word the table does not hold (`idf_known`)."""
    extractor = _tfidf()
    return extractor.idf_freq.get(word, extractor.median_idf)


def idf_known(word: str) -> bool:
    """True when jieba's IDF table holds the word (False: TF-IDF gave it the median IDF)."""
    return word in _tfidf().idf_freq


def textrank_keywords(report_or_text: Report | str, top: int | None = 30) -> pd.DataFrame:
    """TextRank keywords (jieba, window of 5 tokens, POS in TEXTRANK_POS): columns word, textrank.

    The score is jieba's PageRank over the word co-occurrence graph, scaled so the top word is 1.
    Only words whose tag (`word_tag`: jieba.posseg's, corrected) is in TEXTRANK_POS enter the
    graph: verbs (建成, 荣获), distinguishing words (省级) and unknown words are never scored.
    top=None returns every ranked content word. TextRank keeps jieba.posseg's own cut and tags
    (its HMM tags unknown words, which the shared tokens tag "x"), so it cuts the text again.
    """
    extractor = _textrank(report_or_text)
    scores = extractor.textrank(_text(report_or_text), topK=None, withWeight=True, allowPOS=TEXTRANK_POS)
    return _ranked(scores, "textrank", top)


def compare_keywords(report_or_text: Report | str, top: int = 30) -> pd.DataFrame:
    """The union of the TF-IDF and TextRank top lists, with what each method did with each word.

    Columns: word; count (its frequency, 0 if `word_frequencies` does not count it); pos (its
    tag, `word_tag`); tfidf, textrank (the scores, NaN when a method does not score the word at
    all); tfidf_top, textrank_top (in that method's first `top` words); both (in both top lists);
    pos_filtered (TextRank gave no score because the word's tag is not in TEXTRANK_POS; for a
    word not in the dictionary, tag x, jieba.posseg's HMM guesses the tag TextRank filters on);
    idf_known (False when jieba's IDF table lacks the word and TF-IDF used its median IDF).
    Sorted by tfidf, then textrank (both descending), then word.
    """
    tfidf = tfidf_keywords(report_or_text, top=None)
    textrank = textrank_keywords(report_or_text, top=None)
    tfidf_top, textrank_top = set(tfidf.word[:top]), set(textrank.word[:top])
    freq = word_frequencies(report_or_text).set_index("word")
    frame = pd.DataFrame({"word": sorted(tfidf_top | textrank_top)})
    frame["count"] = frame.word.map(freq["count"]).fillna(0).astype(int)
    frame["pos"] = frame.word.map(freq["pos"])
    unseen = frame["pos"].isna()  # words the keyword extractors scored but not counted as content
    frame.loc[unseen, "pos"] = corrected_tags(frame.word[unseen].tolist(), places=_places(report_or_text),
                                              phrases=_phrases(report_or_text))
    frame["tfidf"] = frame.word.map(tfidf.set_index("word")["tfidf"])
    frame["textrank"] = frame.word.map(textrank.set_index("word")["textrank"])
    frame["tfidf_top"] = frame.word.isin(tfidf_top)
    frame["textrank_top"] = frame.word.isin(textrank_top)
    frame["both"] = frame.tfidf_top & frame.textrank_top
    frame["pos_filtered"] = frame.textrank.isna() & ~frame.pos.isin(TEXTRANK_POS)
    frame["idf_known"] = frame.word.map(idf_known)
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
    """Log-likelihood G2 for a word seen a times in c target and b times in d reference tokens, in the
    form of Rayson & Garside (2000) that corpus tools report: Dunning's G2 summed over the word's two
    cells of the 2x2 table (a and b against their expected counts), not over all four."""
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    return 2 * sum(o * math.log(o / e) for o, e in ((a, e1), (b, e2)) if o > 0)


#: G² critical values (chi-squared, one degree of freedom): p < 0.05 and p < 0.01.
G2_P05, G2_P01 = 3.84, 6.63


def keyness(target: Sequence[str], reference: Sequence[str]) -> pd.DataFrame:
    """Keyness of every word in target vs reference token lists.

    Columns word, target_count, reference_count, log_likelihood, log_ratio.
    log_likelihood is the log-likelihood G2 (Rayson & Garside's two-cell form, see `_g2`), signed: positive when the word's relative frequency is higher
    in target (over-used), negative when lower. log_ratio = log2((a + 0.5) / c) / ((b + 0.5) / d))
    with a, b the counts and c, d the list lengths (0.5 added to both counts so absent words work):
    the effect size (1 = twice as frequent in target). Sorted by log_likelihood descending
    (target's key words first); ties by total count (a + b, higher first), then by the word's
    first occurrence in target + reference (so a tie is broken in reading order, not by code point).
    """
    if not target or not reference:
        raise ValueError("keyness needs two non-empty token lists")
    tc, rc = Counter(target), Counter(reference)
    c, d = len(target), len(reference)
    first: dict[str, int] = {}
    for i, word in enumerate([*target, *reference]):
        first.setdefault(word, i)
    rows = []
    for word in first:
        a, b = tc[word], rc[word]
        sign = (a * d > b * c) - (a * d < b * c)
        rows.append((word, a, b, sign * _g2(a, b, c, d), math.log2(((a + 0.5) / c) / ((b + 0.5) / d))))
    rows.sort(key=lambda r: (-r[3], -(r[1] + r[2]), first[r[0]]))
    return pd.DataFrame(rows, columns=["word", "target_count", "reference_count", "log_likelihood", "log_ratio"])


def part_tokens(report: Report, kind: str) -> list[str]:
    """The content tokens of the report's paragraphs whose part_kind is `kind`, in reading order."""
    content = _content(report)
    kinds = content["paragraph"].map(report.paragraphs.set_index("paragraph")["part_kind"])
    return list(content.loc[kinds == kind, "word"])


def part_keyness(report: Report, target: str = "review", reference: str = "plan", top: int = 20,
                 min_count: int = 5, threshold: float = G2_P01) -> pd.DataFrame:
    """Keyness of one kind of part against another (report.paragraphs.part_kind): by default the
    review of last year (target) against this year's plan (reference).

    Only words seen at least `min_count` times in the two together and with |G²| >= threshold
    (6.63: p < 0.01 for one test; 3.84: p < 0.05) are kept. Returns up to `top` words over-used in
    the target and up to `top` over-used in the reference, with the columns of `keyness` plus
    part (the kind each word characterises); sorted by log_likelihood, ties as in `keyness`.
    The table may hold fewer words, or none, when few pass: a short part has little evidence.
    """
    kinds = list(dict.fromkeys(report.paragraphs["part_kind"]))
    missing = [k for k in (target, reference) if k not in kinds]
    if missing:
        raise ValueError(f"part_keyness: the report has no {' or '.join(missing)} part; its part kinds are {kinds}")
    table = keyness(part_tokens(report, target), part_tokens(report, reference))
    table = table[(table.target_count + table.reference_count >= min_count)
                  & (table.log_likelihood.abs() >= threshold)]
    over = table[table.log_likelihood > 0].head(top).assign(part=target)
    under = table[table.log_likelihood < 0].iloc[::-1].head(top).iloc[::-1].assign(part=reference)
    return pd.concat([over, under], ignore_index=True)


# --- co-occurrence network -----------------------------------------------------------------------

#: Two words co-occur when they are fewer than WINDOW content tokens apart in one sentence
#: (TextRank's window in jieba is 5 tokens too).
WINDOW = 5


def _sentences_of_tokens(report_or_text: Report | str) -> list[list[str]]:
    """Each sentence's content tokens, in reading order."""
    if isinstance(report_or_text, Report):
        content = _content(report_or_text)
        content = content[content["sentence_id"] >= 0]
        return content.groupby("sentence_id", sort=True)["word"].agg(list).tolist()
    return [tokenize(s) for s in _sentence_table(report_or_text).text]


def window_pairs(tokens: Sequence[str], window: int = WINDOW) -> Counter[tuple[str, str]]:
    """Co-occurrences in one sentence: every pair of positions i < j with j - i < window, as the
    sorted word pair (u, v), u != v. A sentence of n tokens gives at most n * (window - 1) pairs,
    so a long sentence cannot link every word to every other."""
    pairs: Counter[tuple[str, str]] = Counter()
    for i, u in enumerate(tokens):
        for v in tokens[i + 1:i + window]:
            if u != v:
                pairs[(u, v) if u < v else (v, u)] += 1
    return pairs


def cooccurrence_graph(report_or_text: Report | str, top: int = 40, min_count: int = 2,
                       window: int = WINDOW) -> nx.Graph:
    """Window co-occurrence network of the most frequent content words.

    Nodes are the first rows of `word_frequencies`, cut at a tie boundary (`tie_cut(counts, top)`,
    so never half of a tie), with attribute count. Two words co-occur when they are fewer than
    `window` content tokens apart in the same sentence (`window_pairs`); weight = the number of
    such co-occurrences in the report, kept when weight >= min_count. Each edge also has pmi, the
    pointwise mutual information log2((weight / P) / ((n_u / N) * (n_v / N))), with P the number
    of all window pairs in the report's sentences, N their content tokens and n_u, n_v the words'
    counts in them: how much more often the pair co-occurs than two words that frequent would by
    chance (0 = as by chance). Nodes and edges are added in a fixed order so layouts are
    reproducible; the graph's attributes window and min_count record the choice.
    """
    freq = word_frequencies(report_or_text)
    freq = freq.head(tie_cut(freq["count"], top))
    chosen = set(freq.word)
    counts = dict(zip(freq.word, freq["count"]))
    sentences = _sentences_of_tokens(report_or_text)
    n_tokens = sum(map(len, sentences))
    unigrams = Counter(word for tokens in sentences for word in tokens)
    pairs: Counter[tuple[str, str]] = Counter()
    for tokens in sentences:
        pairs.update(window_pairs(tokens, window))
    n_pairs = sum(pairs.values())
    graph = nx.Graph(window=window, min_count=min_count)
    graph.add_nodes_from((w, {"count": int(c)}) for w, c in counts.items())
    for (u, v), w in sorted(pairs.items()):
        if w >= min_count and u in chosen and v in chosen:
            pmi = math.log2((w / n_pairs) / ((unigrams[u] / n_tokens) * (unigrams[v] / n_tokens)))
            graph.add_edge(u, v, weight=w, pmi=pmi)
    return graph


def edge_table(graph: nx.Graph) -> pd.DataFrame:
    """The graph's edges as columns source, target, weight, pmi (source < target);
    heaviest first, ties by pmi (higher first), then source and target."""
    rows = [(*sorted((u, v)), data.get("weight", 1), data.get("pmi", math.nan)) for u, v, data in graph.edges(data=True)]
    frame = pd.DataFrame(rows, columns=["source", "target", "weight", "pmi"])
    return frame.sort_values(["weight", "pmi", "source", "target"], ascending=[False, False, True, True],
                             ignore_index=True)
