"""Keyword statistics: TF-IDF, TextRank, KWIC, keyness and the co-occurrence network."""
from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from itertools import combinations

import jieba
import jieba.analyse
import pandas as pd
import pytest

import jxanalysis as jx
from jxanalysis.keywords import (
    TEXTRANK_POS,
    compare_keywords,
    cooccurrence_graph,
    edge_table,
    keyness,
    kwic,
    part_keyness,
    textrank_keywords,
    tfidf_keywords,
    word_frequencies,
)
from jxanalysis.tokens import is_content, policy_terms, tokenizer

# Sentences made only of lexicon terms, so their tokens are known without running the code.
TINY = "医疗器械、营商环境、乡村振兴。\n医疗器械、营商环境。营商环境、高标准农田。\n医疗器械、营商环境、高标准农田、医疗器械。"


def _jieba_idf() -> tuple[dict[str, float], float]:
    """jieba's shipped IDF table, read straight from the file."""
    path = os.path.join(os.path.dirname(jieba.analyse.__file__), "idf.txt")
    with open(path, encoding="utf-8") as f:
        idf = {w: float(v) for w, v in (line.split() for line in f if line.strip())}
    return idf, sorted(idf.values())[len(idf) // 2]


def _is_sorted(frame: pd.DataFrame, score: str) -> bool:
    keys = list(zip(-frame[score], frame.word))
    return keys == sorted(keys)


# --- TF-IDF ---------------------------------------------------------------------------------------

def test_tfidf_top_words_are_content_words_and_include_policy_terms(seed):
    top = tfidf_keywords(seed, top=30)
    assert list(top.columns) == ["word", "tfidf"] and len(top) == 30
    assert all(is_content(w) for w in top.word)
    assert "医疗器械" in set(top.word)
    assert (top.tfidf > 0).all() and _is_sorted(top, "tfidf")
    # the policy lexicon is in use: terms plain jieba does not know are scored whole
    plain = tokenizer(False).FREQ
    lexicon_only = {w for w, _, _ in policy_terms() if not plain.get(w)}
    assert {"营商环境", "高质量发展"} <= lexicon_only & set(tfidf_keywords(seed, top=None).word)


def test_tfidf_is_term_frequency_times_jieba_idf(seed):
    """tfidf / (count * idf) is the same constant (1 / total tokens) for every word."""
    idf, median = _jieba_idf()
    counts = word_frequencies(seed).set_index("word")["count"]
    top = tfidf_keywords(seed, top=30)
    ratios = [row.tfidf / (counts[row.word] * idf.get(row.word, median)) for row in top.itertuples()]
    assert max(ratios) == pytest.approx(min(ratios), rel=1e-9)
    assert 1 / ratios[0] >= counts.sum()  # the TF denominator counts at least all content tokens


def test_tfidf_leaves_jiebas_global_tokenizer_alone(seed):
    tfidf_keywords(seed)
    textrank_keywords(seed)
    jieba.dt.initialize()
    plain = tokenizer(False).FREQ
    added = [w for w, _, _ in policy_terms() if not plain.get(w)]
    assert added and not any(jieba.dt.FREQ.get(w) for w in added)
    assert jieba.analyse.default_tfidf.tokenizer is jieba.dt


# --- TextRank -------------------------------------------------------------------------------------

def test_textrank_top_words(seed):
    top = textrank_keywords(seed, top=30)
    assert list(top.columns) == ["word", "textrank"] and len(top) == 30
    assert all(is_content(w) for w in top.word)
    assert "医疗器械" in set(top.word)
    assert top.textrank.max() == pytest.approx(1.0) and (top.textrank > 0).all()
    assert _is_sorted(top, "textrank")
    tags = dict(jx.tokenize_pos(seed.text))
    assert [(w, tags.get(w, "x")) for w in top.word if tags.get(w, "x") not in TEXTRANK_POS] == []


def test_keywords_do_not_depend_on_call_order(seed):
    """jieba gives a tokenizer's user tags to the first POS tagger only: the policy terms must keep
    their nz tag in TextRank whichever of word_frequencies / textrank_keywords runs first."""
    script = ("import json, sys, jxanalysis as jx; from jxanalysis import keywords as k; r = jx.load_report()\n"
              "if sys.argv[1] == 'freq': k.word_frequencies(r)\n"
              "print(json.dumps(k.textrank_keywords(r).word.tolist() + k.tfidf_keywords(r).word.tolist()))")
    runs = [subprocess.Popen([sys.executable, "-c", script, order], stdout=subprocess.PIPE, text=True)
            for order in ("freq", "textrank")]
    results = [json.loads(run.communicate(timeout=120)[0]) for run in runs]
    here = textrank_keywords(seed).word.tolist() + tfidf_keywords(seed).word.tolist()
    assert results[0] == results[1] == here
    assert "高质量发展" in here[:30]  # a policy term only the lexicon tags (nz) reaches the TextRank list


def test_compare_keywords_is_the_union_with_counts(seed):
    table = compare_keywords(seed, top=15)
    assert list(table.columns) == ["word", "count", "tfidf", "textrank"]
    expected = set(tfidf_keywords(seed, 15).word) | set(textrank_keywords(seed, 15).word)
    assert set(table.word) == expected and table.word.is_unique
    counts = word_frequencies(seed).set_index("word")["count"]
    assert (table["count"] == table.word.map(counts)).all()
    all_tfidf = tfidf_keywords(seed, None).set_index("word")["tfidf"]
    assert table.set_index("word")["tfidf"].equals(all_tfidf[table.word].rename_axis("word"))


@pytest.mark.parametrize("func", [tfidf_keywords, textrank_keywords, compare_keywords, part_keyness,
                                  lambda r: edge_table(cooccurrence_graph(r)), lambda r: kwic(r, "项目")])
def test_deterministic(seed, func):
    pd.testing.assert_frame_equal(func(seed), func(seed))


def test_keywords_on_other_reports(corpus_report):
    for table in (tfidf_keywords(corpus_report, 20), textrank_keywords(corpus_report, 20)):
        assert len(table) == 20 and all(is_content(w) for w in table.word)


# --- KWIC -----------------------------------------------------------------------------------------

def test_kwic_lines_reconstruct_the_sentence(seed):
    sentences = seed.sentences.set_index("sentence_id")
    word = "医疗器械"
    lines = kwic(seed, word, width=10_000)
    assert list(lines.columns) == ["paragraph", "part", "sentence_id", "left", "keyword", "right"]
    assert len(lines) == sum(s.count(word) for s in seed.sentences.text) >= 5
    for line in lines.itertuples():
        sentence = sentences.loc[line.sentence_id]
        assert line.left + line.keyword + line.right == sentence.text
        assert (line.paragraph, line.part) == (sentence.paragraph, sentence.part)
    # a sentence with the word twice gives two lines with different splits
    twice = lines[lines.sentence_id.duplicated(keep=False)]
    assert len(twice) >= 2 and twice.left.is_unique


def test_kwic_width_cuts_the_context(seed):
    full = kwic(seed, "产业", width=10_000)
    short = kwic(seed, "产业", width=6)
    assert len(short) == len(full)
    for f, s in zip(full.itertuples(), short.itertuples()):
        assert f.left.endswith(s.left) and len(s.left) == min(6, len(f.left))
        assert f.right.startswith(s.right) and len(s.right) == min(6, len(f.right))


def test_kwic_on_text_and_missing_word():
    lines = kwic("甲乙丙。丙丁丙。\n戊丙", "丙", width=1)
    assert list(zip(lines.paragraph, lines.left, lines.right)) == [(0, "乙", "。"), (0, "", "丁"), (0, "丁", "。"),
                                                                   (1, "戊", "")]
    assert kwic("甲乙", "丙").empty


# --- keyness --------------------------------------------------------------------------------------

def test_keyness_hand_computed():
    target = ["a"] * 10 + ["b"] * 90                    # 100 tokens
    reference = ["a"] * 5 + ["b"] * 190 + ["c"] * 5     # 200 tokens
    table = keyness(target, reference).set_index("word")
    assert list(table.columns) == ["target_count", "reference_count", "log_likelihood", "log_ratio"]
    assert table.loc["a", ["target_count", "reference_count"]].tolist() == [10, 5]
    # a: expected 5 and 10, so G2 = 2 (10 ln 2 + 5 ln 1/2) = 10 ln 2; over-used in target
    assert table.loc["a", "log_likelihood"] == pytest.approx(10 * math.log(2))
    assert table.loc["a", "log_ratio"] == pytest.approx(math.log2((10.5 / 100) / (5.5 / 200)))
    # c: absent from target; expected 5/3 and 10/3, G2 = 2 * 5 ln(1.5); under-used, so negative
    assert table.loc["c", "log_likelihood"] == pytest.approx(-10 * math.log(1.5))
    assert table.loc["c", "log_ratio"] == pytest.approx(math.log2((0.5 / 100) / (5.5 / 200)))
    # b: 0.90 vs 0.95 relative frequency: under-used
    assert table.loc["b", "log_likelihood"] < 0 and table.loc["b", "log_ratio"] < 0
    assert list(table.index) == ["a", "b", "c"]  # sorted by signed G2


def test_keyness_signs_agree_with_relative_frequencies(seed):
    paragraphs = seed.paragraphs
    target, reference = (jx.tokenize("\n".join(paragraphs.text[paragraphs.part == p])) for p in seed.parts[:2])
    table = keyness(target, reference)
    rel = table.target_count / len(target) - table.reference_count / len(reference)
    assert (table.log_likelihood > 0).any() and (table.log_likelihood < 0).any()
    assert ((rel > 0) == (table.log_likelihood > 0)).all() and ((rel < 0) == (table.log_likelihood < 0)).all()
    assert (table.log_likelihood[rel == 0] == 0).all()
    assert table.target_count.sum() == len(target) and table.reference_count.sum() == len(reference)


def test_keyness_equal_use_is_zero_and_empty_is_an_error():
    table = keyness(["x", "y"], ["x", "y", "x", "y"]).set_index("word")
    assert (table.log_likelihood == 0).all() and table.log_ratio.abs().max() < 0.5
    with pytest.raises(ValueError):
        keyness([], ["x"])


def test_part_keyness(seed):
    table = part_keyness(seed, top=10)
    first, second = seed.parts[:2]
    assert set(table.part) == {first, second}
    over, under = table[table.part == first], table[table.part == second]
    assert len(over) == 10 and len(under) == 10
    assert (over.log_likelihood > 0).all() and (under.log_likelihood < 0).all()
    assert table.log_likelihood.is_monotonic_decreasing
    # counts are those of jx.tokenize over each part's paragraphs
    paragraphs = seed.paragraphs
    for part, col in ((first, "target_count"), (second, "reference_count")):
        tokens = jx.tokenize("\n".join(paragraphs.loc[paragraphs.part == part, "text"]))
        assert (table[col] == table.word.map(lambda w: tokens.count(w))).all()
    # the most over-used words of part one are the most extreme in the full keyness table
    full_first = jx.tokenize("\n".join(paragraphs.loc[paragraphs.part == first, "text"]))
    full_second = jx.tokenize("\n".join(paragraphs.loc[paragraphs.part == second, "text"]))
    full = keyness(full_first, full_second)
    assert over.log_likelihood.min() >= full.log_likelihood[~full.word.isin(over.word)].max()


def test_part_keyness_needs_two_parts():
    with pytest.raises(ValueError):
        part_keyness(jx.load_report(_write_tmp_report()))


def _write_tmp_report():
    import tempfile

    path = os.path.join(tempfile.mkdtemp(), "one-part.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("某县政府工作报告\n各位代表：\n一、2022年工作回顾\n推进乡村振兴，优化营商环境。\n")
    return path


# --- co-occurrence --------------------------------------------------------------------------------

def test_cooccurrence_on_tiny_text_by_hand():
    graph = cooccurrence_graph(TINY, top=10, min_weight=1)
    assert dict(graph.nodes(data="count")) == {"医疗器械": 4, "营商环境": 4, "高标准农田": 2, "乡村振兴": 1}
    weights = {frozenset((u, v)): w for u, v, w in graph.edges(data="weight")}
    assert weights == {
        frozenset(("医疗器械", "营商环境")): 3,   # sentences 1, 2, 4 (twice in 4 counts once)
        frozenset(("营商环境", "高标准农田")): 2,  # sentences 3, 4
        frozenset(("医疗器械", "高标准农田")): 1,
        frozenset(("医疗器械", "乡村振兴")): 1,
        frozenset(("营商环境", "乡村振兴")): 1,
    }
    strong = cooccurrence_graph(TINY, top=3, min_weight=2)
    assert set(strong.nodes) == {"医疗器械", "营商环境", "高标准农田"}
    assert edge_table(strong).values.tolist() == [["医疗器械", "营商环境", 3], ["营商环境", "高标准农田", 2]]


def test_cooccurrence_weights_match_sentences(seed):
    graph = cooccurrence_graph(seed, top=40, min_weight=2)
    freq = word_frequencies(seed)
    assert list(graph.nodes) == list(freq.word[:40])
    assert all(graph.nodes[w]["count"] == c for w, c in zip(freq.word[:40], freq["count"][:40]))
    sentence_sets = [set(jx.tokenize(s)) for s in seed.sentences.text]
    expected = {}
    for u, v in combinations(sorted(graph.nodes), 2):
        n = sum(u in s and v in s for s in sentence_sets)
        if n >= 2:
            expected[(u, v)] = n
    table = edge_table(graph)
    assert {(r.source, r.target): r.weight for r in table.itertuples()} == expected and expected
    assert (table.source < table.target).all()
    keys = list(zip(-table.weight, table.source, table.target))
    assert keys == sorted(keys)
