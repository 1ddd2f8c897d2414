"""Keyword statistics: TF-IDF, TextRank, KWIC, keyness and the co-occurrence network."""
from __future__ import annotations

import json
import math
import os
import subprocess
import sys

import jieba
import jieba.analyse
import pandas as pd
import pytest

import jxanalysis as jx
from jxanalysis.keywords import (
    G2_P01,
    G2_P05,
    TEXTRANK_POS,
    compare_keywords,
    cooccurrence_graph,
    edge_table,
    idf,
    keyness,
    kwic,
    part_keyness,
    part_tokens,
    textrank_keywords,
    tfidf_keywords,
    tie_cut,
    window_pairs,
    word_frequencies,
)
from jxanalysis.lexicon import policy_terms
from jxanalysis.pos import POS_TAGS, own_places, pos_corrections, pos_tags, word_tag
from jxanalysis.tokens import is_content, tokenizer

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
    tags = word_frequencies(seed).set_index("word")["pos"]  # the corrected tags (进贤 ns, not v)
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
    assert list(table.columns) == ["word", "count", "pos", "tfidf", "textrank", "tfidf_top", "textrank_top",
                                   "both", "pos_filtered", "idf_known"]
    tfidf, textrank = set(tfidf_keywords(seed, 15).word), set(textrank_keywords(seed, 15).word)
    assert set(table.word) == tfidf | textrank and table.word.is_unique
    assert set(table.word[table.tfidf_top]) == tfidf and set(table.word[table.textrank_top]) == textrank
    assert set(table.word[table.both]) == tfidf & textrank
    counts = word_frequencies(seed).set_index("word")["count"]
    assert (table["count"] == table.word.map(counts)).all()
    all_tfidf = tfidf_keywords(seed, None).set_index("word")["tfidf"]
    assert table.set_index("word")["tfidf"].equals(all_tfidf[table.word].rename_axis("word"))


def test_compare_keywords_says_why_textrank_has_no_score(corpus_report):
    """A word without a TextRank score is one whose tag TextRank's POS filter drops; a scored word
    has a tag the filter lets through. "Both" is membership of both top lists, not "both scores exist"."""
    table = compare_keywords(corpus_report, top=30)
    assert table.pos_filtered.any()
    assert (table.textrank.isna() == table.pos_filtered).all()
    assert not table.pos[table.pos_filtered].isin(TEXTRANK_POS).any()
    # words not in the dictionary (x) get a tag guessed by jieba.posseg's HMM: some pass the filter
    assert table.pos[table.textrank.notna()].isin([*TEXTRANK_POS, "x"]).all()
    scored_both = table.tfidf.notna() & table.textrank.notna()
    assert (table.both <= scored_both).all() and (scored_both & ~table.both).any()


def test_idf_known_marks_the_median(seed):
    table = compare_keywords(seed, top=30)
    jieba_idf, median = _jieba_idf()
    assert (table.idf_known == table.word.isin(jieba_idf)).all()
    assert not table.idf_known.all() and "营商环境" in set(table.word[~table.idf_known])
    assert all(idf(w) == pytest.approx(median) for w in table.word[~table.idf_known])


# --- parts of speech --------------------------------------------------------------------------------

def test_place_names_are_tagged_as_places(seed):
    freq = word_frequencies(seed).set_index("word")["pos"]
    assert freq["进贤"] == "ns" and pos_tags()["进贤"] == "v"  # jieba's dictionary says verb
    assert freq["江西省"] == "ns" and freq["荣获"] == "v"  # 荣获: dict.txt says nr (a person name)
    assert {"进贤", "进贤县", "南昌", "南昌市", "江西", "江西省"} <= own_places(seed.place)
    assert "进贤" in set(textrank_keywords(seed, top=None).word)  # a place passes TextRank's filter now
    # other places' two-character short forms that are ordinary words keep jieba's tag
    assert word_tag("资源", "n") == "n" and word_tag("和平", "nz") == "nz" and word_tag("合作", "vn") == "vn"
    assert word_tag("海拉尔", "nr") == "ns" and word_tag("呼伦贝尔市", "ns") == "ns"
    assert word_tag("医疗器械", "nz") == "nz"


def test_report_tokens_carry_the_corrected_tags(seed):
    """The shared token table holds the tag every table shows, not jieba's raw lookup."""
    tokens = jx.report_tokens(seed)
    assert set(tokens.pos[tokens.word == "进贤"]) == {"ns"} and set(tokens.pos[tokens.word == "荣获"]) == {"v"}
    shown = word_frequencies(seed).set_index("word")["pos"]
    content = tokens[tokens.keep].drop_duplicates("word").set_index("word")["pos"]
    assert content.to_dict() == shown.to_dict()
    text_tags = dict(jx.tokenize_pos(seed.text))  # text alone: no report, so no own places
    assert text_tags["荣获"] == "v" and text_tags["进贤"] == "v" and text_tags["江西省"] == "ns"


def test_own_place_is_ns_in_every_corpus_report(corpus_report):
    if corpus_report.level == "national":
        assert own_places(corpus_report.place) == frozenset()
        return
    freq = word_frequencies(corpus_report)
    mine = freq[freq.word.isin(own_places(corpus_report.place))]
    assert len(mine) and (mine.pos == "ns").all()


def test_pos_corrections_use_known_tags():
    fixes = pos_corrections()
    assert fixes and set(fixes.values()) <= set(POS_TAGS)
    assert {t for _, _, t in policy_terms()} <= set(POS_TAGS)


# --- ties -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("counts", "n", "expected"), [
    ([5, 4, 3, 3, 3, 2], 4, 2), ([5, 4, 3, 3, 3, 2], 5, 5), ([5, 4, 3], 10, 3), ([3, 3, 3, 2], 2, 3),
    ([5, 4], 1, 1), ([2, 2], 1, 2),
])
def test_tie_cut(counts, n, expected):
    assert tie_cut(counts, n) == expected


def test_tie_cut_on_the_seed(seed):
    counts = word_frequencies(seed)["count"]
    k = tie_cut(counts, 30)
    assert k <= 30 and counts[k - 1] != counts[k]
    print(f"\ntop 30 of the seed cut at a tie boundary: {k} words; {int((counts == counts[k]).sum())} "
          f"words share the next count {counts[k]}")


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


def test_keyness_ties_by_frequency_then_reading_order():
    target = ["b", "a", "c", "c", "d", "d"]
    reference = ["x"] * 6
    table = keyness(target, reference)
    # c and d tie (2 each, G2 equal) and come before a and b (1 each); within a tie, reading order
    assert table.word.tolist()[:4] == ["c", "d", "b", "a"]


def test_part_keyness_compares_review_with_plan(corpus_report):
    table = part_keyness(corpus_report, top=10)
    full = keyness(part_tokens(corpus_report, "review"), part_tokens(corpus_report, "plan"))
    passing = full[(full.target_count + full.reference_count >= 5) & (full.log_likelihood.abs() >= G2_P01)]
    over, under = passing[passing.log_likelihood > 0], passing[passing.log_likelihood < 0]
    assert set(table.part) <= {"review", "plan"}
    assert table[table.part == "review"].word.tolist() == over.word.head(10).tolist()
    assert table[table.part == "plan"].word.tolist() == under.word.iloc[::-1].head(10).iloc[::-1].tolist()
    assert (table.log_likelihood.abs() >= G2_P01).all()
    assert (table.target_count + table.reference_count >= 5).all()
    assert table.log_likelihood.is_monotonic_decreasing
    assert (table.log_ratio > 0).equals(table.log_likelihood > 0)
    # counts are those of the review and plan paragraphs, found by the loader's part_kind
    paragraphs = corpus_report.paragraphs
    for kind, col in (("review", "target_count"), ("plan", "reference_count")):
        tokens = jx.tokenize("\n".join(paragraphs.loc[paragraphs.part_kind == kind, "text"]))
        assert (table[col] == table.word.map(tokens.count)).all()


def test_part_keyness_threshold_and_minimum(seed):
    """The truncated seed's plan part is two paragraphs: nothing passes p < 0.01 with at least 5
    occurrences, while the loose settings let words seen twice through."""
    assert part_keyness(seed).empty
    loose = part_keyness(seed, min_count=1, threshold=G2_P05)
    assert len(loose) and (loose.log_likelihood.abs() >= G2_P05).all()
    print(f"\nseed review vs plan: 0 words at min 5 / G2 >= {G2_P01}; {len(loose)} at min 1 / G2 >= {G2_P05}")


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

def test_window_pairs_by_hand():
    pairs = window_pairs(["a", "b", "c", "a", "d"], window=3)
    # positions within 2 of each other: (a,b) (a,c) (b,c) (b,a) (c,a) (c,d) (a,d)
    assert pairs == {("a", "b"): 2, ("a", "c"): 2, ("b", "c"): 1, ("c", "d"): 1, ("a", "d"): 1}


def test_a_long_sentence_does_not_link_everything():
    words = [f"词{i:02d}" for i in range(40)]
    pairs = window_pairs(words, window=5)
    assert len(pairs) == sum(min(4, 39 - i) for i in range(40)) < len(words) * (len(words) - 1) // 2
    assert all(abs(int(u[1:]) - int(v[1:])) < 5 for u, v in pairs)


def test_cooccurrence_on_tiny_text_by_hand():
    graph = cooccurrence_graph(TINY, top=10, min_count=1, window=2)
    assert dict(graph.nodes(data="count")) == {"医疗器械": 4, "营商环境": 4, "高标准农田": 2, "乡村振兴": 1}
    # window 2: neighbours only. Sentences: 医疗器械 营商环境 乡村振兴 | 医疗器械 营商环境 |
    # 营商环境 高标准农田 | 医疗器械 营商环境 高标准农田 医疗器械
    weights = {frozenset((u, v)): w for u, v, w in graph.edges(data="weight")}
    assert weights == {
        frozenset(("医疗器械", "营商环境")): 3,
        frozenset(("营商环境", "乡村振兴")): 1,
        frozenset(("营商环境", "高标准农田")): 2,
        frozenset(("医疗器械", "高标准农田")): 1,
    }
    # pmi = log2((w / P) / ((n_u / N) (n_v / N))): P = 2 + 1 + 1 + 3 = 7 pairs, N = 11 tokens
    pmi = {frozenset((u, v)): p for u, v, p in graph.edges(data="pmi")}
    assert pmi[frozenset(("医疗器械", "营商环境"))] == pytest.approx(math.log2((3 / 7) / ((4 / 11) * (4 / 11))))
    strong = cooccurrence_graph(TINY, top=3, min_count=2, window=2)
    assert set(strong.nodes) == {"医疗器械", "营商环境", "高标准农田"}
    assert edge_table(strong)[["source", "target", "weight"]].values.tolist() == [["医疗器械", "营商环境", 3],
                                                                               ["营商环境", "高标准农田", 2]]


def test_cooccurrence_weights_match_the_sentences(seed):
    graph = cooccurrence_graph(seed, top=65, min_count=2)
    freq = word_frequencies(seed)
    k = tie_cut(freq["count"], 65)
    assert list(graph.nodes) == list(freq.word[:k])
    assert all(graph.nodes[w]["count"] == c for w, c in zip(freq.word[:k], freq["count"][:k]))
    expected = {}
    for sentence in seed.sentences.text:
        tokens = jx.tokenize(sentence)
        for i, u in enumerate(tokens):
            for v in tokens[i + 1:i + 5]:
                if u != v and u in graph and v in graph:
                    key = tuple(sorted((u, v)))
                    expected[key] = expected.get(key, 0) + 1
    expected = {key: n for key, n in expected.items() if n >= 2}
    table = edge_table(graph)
    assert {(r.source, r.target): r.weight for r in table.itertuples()} == expected and expected
    assert (table.source < table.target).all()
    keys = list(zip(-table.weight, -table.pmi, table.source, table.target))
    assert keys == sorted(keys)
