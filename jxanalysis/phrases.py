"""Per-report phrase discovery: names jieba cuts into fragments (军山湖 -> 军山/湖), found from
collocation statistics within one report, to add to that report's tokenizer.

A candidate is a run of 2-6 Han characters inside one sentence (never across a sentence or a
punctuation mark). It is scored as in new-word discovery (Matrix67, "互联网时代的社会语言学：
基于SNS的文本数据挖掘", 2012; HanLP's new-word discovery uses the same two measures):

- pmi: pointwise mutual information of its weakest split, min over splits of
  log(p(whole) / (p(left) * p(right))), with p = count / characters of the report: how much more
  often the parts occur together than by chance;
- left_entropy / right_entropy: entropy (natural log) of the characters just before / after it,
  each sentence or punctuation boundary counting as a context of its own: a word is used in many
  contexts, a fragment of a longer word always has the same neighbour.

A candidate is `confident` when it is frequent (count >= min_count), cohesive (pmi >= min_pmi),
free on both sides (entropies >= min_entropy; a digit or Chinese numeral next to it counts as one
context, "a number"), begins and ends with no function character and no character that is very
often a word by itself, the tokenizer cannot cut it into known words of two or more characters
(it leaves a single character or an unknown piece: a name, not a phrase of dictionary words), and
in at least min_bound of its occurrences it starts on a boundary of jieba's cut and its last
character does not make a dictionary word with the next (a fragment of a longer word fails:
产业转型 -> 业转). A short name in quotation marks (“孺子书房”, at most 6 characters) is
confident even when it occurs once: the report itself marks it as a name. Nothing confident cuts
through or holds an occurrence of a policy-lexicon term.

No maintained package on PyPI does this (smoothnlp, newords, chinesewordfinder: last released
2021 or earlier), so it is written here.
"""
from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from .patterns import HAN
from .tokens import policy_terms, tokenizer

if TYPE_CHECKING:
    from .report import Report

COLUMNS = ["phrase", "count", "pmi", "left_entropy", "right_entropy", "quoted", "confident"]
_RUN = re.compile(f"[{HAN}]+")
_QUOTED = re.compile(f"[“\"「『]([{HAN}]{{2,6}})[”\"」』]")
# Characters a name does not begin or end with: function characters, and any character that is
# very often a word by itself (jieba dictionary frequency >= EDGE_FREQ: 要 这 一 我 新 到 来 能 ...).
_EDGE = set("的了着在和与及并等对为将把被向由至从于以之也都均是个年月日各有")
EDGE_FREQ = 50000
_INSIDE = set("的了和与及或是在等")  # never inside a name
_NUMBER_CHARS = set("0123456789〇零一二两三四五六七八九十百千万亿")  # one kind of context


def _entropy(counts: Counter, boundaries: int) -> float:
    total = sum(counts.values()) + boundaries
    values = list(counts.values()) + [1] * boundaries  # every boundary a context of its own
    return -sum(c / total * math.log(c / total) for c in values) + 0.0 if total else 0.0


def _fragmented(phrase: str, freq: dict[str, int]) -> bool:
    """True when jieba (with the policy lexicon) leaves a single character or an unknown piece."""
    return any(len(t) == 1 or not freq.get(t) for t in tokenizer(True).lcut(phrase, HMM=False))


def _bound_share(phrase: str, sentences: list[str], cuts: list[set[int]], freq: dict[str, int]) -> float:
    """Share of the phrase's occurrences that start where jieba's cut (with the policy lexicon)
    has a boundary and end where the last character and the next do not make a dictionary word:
    a fragment of a longer word (产业转型 -> 业转, 推进农业 -> 推进农) fails one or the other."""
    hits = total = 0
    for sentence, bounds in zip(sentences, cuts):
        at = sentence.find(phrase)
        while at >= 0:
            end = at + len(phrase)
            glued = end < len(sentence) and bool(freq.get(sentence[end - 1:end + 1]))
            total += 1
            hits += at in bounds and not glued
            at = sentence.find(phrase, at + 1)
    return hits / total if total else 0.0


def _bounds(sentence: str) -> set[int]:
    """The offsets where jieba's cut (with the policy lexicon) has a boundary."""
    out, at = {0}, 0
    for token in tokenizer(True).lcut(sentence):
        at += len(token)
        out.add(at)
    return out


def _lexicon_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for term, _, _ in policy_terms():
        at = text.find(term)
        while at >= 0:
            spans.append((at, at + len(term)))
            at = text.find(term, at + 1)
    return spans


def _crosses(phrase: str, text: str, spans: list[tuple[int, int]]) -> bool:
    """True when an occurrence of phrase overlaps a lexicon term it does not lie inside: it would
    cut the term or swallow it into a longer token (稳外贸 would hide 外贸 from term counts)."""
    at = text.find(phrase)
    while at >= 0:
        end = at + len(phrase)
        if any(s < end and at < e and not (s <= at and end <= e) for s, e in spans):
            return True
        at = text.find(phrase, at + 1)
    return False


def discover_phrases(report: "Report", min_count: int = 3, min_pmi: float = 3.0,
                     min_entropy: float = 0.9, max_len: int = 6, min_bound: float = 0.5,
                     quoted: bool = True) -> pd.DataFrame:
    """Candidate phrases of one report with their statistics, most confident first.

    One row per candidate not already a dictionary word that has count >= 2 or is quoted:
    phrase, count, pmi, left_entropy, right_entropy, quoted (times it stands alone in quotation
    marks), confident (see the module docstring). Sorted by confident, count, pmi, phrase.
    quoted=False: confident by the statistics alone (quoted names are not taken on trust).
    """
    sentences = list(report.sentences["text"])
    counts: Counter = Counter()
    left: dict[str, Counter] = defaultdict(Counter)
    right: dict[str, Counter] = defaultdict(Counter)
    left_edge: Counter = Counter()  # occurrences at a sentence or punctuation boundary
    right_edge: Counter = Counter()
    for sentence in sentences:
        for match in _RUN.finditer(sentence):
            run, before, after = match.group(), match.start() - 1, match.end()
            # a digit or Latin letter next to the run is a context ("0"), like a Chinese numeral
            lead = "0" if before >= 0 and sentence[before].isalnum() else None
            tail = "0" if after < len(sentence) and sentence[after].isalnum() else None
            for n in range(1, max_len + 1):
                for i in range(len(run) - n + 1):
                    gram = run[i:i + n]
                    counts[gram] += 1
                    if n == 1:
                        continue
                    ctx = run[i - 1] if i else lead
                    if ctx is None:
                        left_edge[gram] += 1
                    else:
                        left[gram]["0" if ctx in _NUMBER_CHARS else ctx] += 1
                    ctx = run[i + n] if i + n < len(run) else tail
                    if ctx is None:
                        right_edge[gram] += 1
                    else:
                        right[gram]["0" if ctx in _NUMBER_CHARS else ctx] += 1
    chars = sum(len(g) * c for g, c in counts.items() if len(g) == 1) or 1
    in_quotes = Counter(m.group(1) for s in sentences for m in _QUOTED.finditer(s))
    freq = tokenizer(True).FREQ
    cuts = [_bounds(s) for s in sentences]
    text = "\n".join(sentences)
    spans = _lexicon_spans(text)
    rows = []
    for gram, count in counts.items():
        if len(gram) < 2 or freq.get(gram) or (count < 2 and not in_quotes[gram]):
            continue
        pmi = min(math.log(count * chars / (counts[gram[:i]] * counts[gram[i:]])) for i in range(1, len(gram)))
        h_left = _entropy(left[gram], left_edge[gram])
        h_right = _entropy(right[gram], right_edge[gram])
        by_stats = count >= min_count and pmi >= min_pmi and min(h_left, h_right) >= min_entropy \
            and not _INSIDE & set(gram) and not any(c in _EDGE or freq.get(c, 0) >= EDGE_FREQ for c in (gram[0], gram[-1]))
        confident = ((quoted and in_quotes[gram] > 0) or (by_stats and _fragmented(gram, freq)
                                                          and _bound_share(gram, sentences, cuts, freq) >= min_bound)) \
            and not _crosses(gram, text, spans)
        rows.append((gram, count, round(pmi, 3), round(h_left, 3), round(h_right, 3), in_quotes[gram], confident))
    table = pd.DataFrame(rows, columns=COLUMNS)
    table = table.sort_values(["confident", "count", "pmi", "phrase"], ascending=[False, False, False, True])
    return table.reset_index(drop=True)


def confident_phrases(report: "Report", **options) -> list[str]:
    """The confident phrases of `discover_phrases`, sorted: the extra words for this report's
    tokenizer (`jx.segment(text, phrases=...)`, `jx.tokenize(text, phrases=...)`)."""
    table = discover_phrases(report, **options)
    return sorted(table.loc[table["confident"], "phrase"])


def with_phrases(report: "Report", phrases: Iterable[str] | None = None) -> "Report":
    """A copy of the report whose tokenizer keeps `phrases` whole (default: its
    `confident_phrases`), tagged nz: every table counted on its tokens (frequencies, TF-IDF,
    TextRank, keyness, co-occurrence, themes, term indices) then counts 军山湖, not 军山."""
    chosen = confident_phrases(report) if phrases is None else phrases
    return dataclasses.replace(report, phrases=tuple(sorted(set(chosen))))
