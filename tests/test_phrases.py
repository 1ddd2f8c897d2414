"""Per-report phrase discovery (jxanalysis.phrases): the seed's local names are found, nothing
crosses a sentence boundary or breaks a policy term, the output is deterministic."""
from __future__ import annotations

import pandas as pd
import pytest

import jxanalysis as jx
from jxanalysis.phrases import COLUMNS, confident_phrases, discover_phrases
from jxanalysis.tokens import policy_terms

SEED = "seeds/jinxian-2023-government-work-report.txt"


@pytest.fixture(scope="module")
def seed():
    return jx.load_report(SEED)


@pytest.fixture(scope="module")
def table(seed):
    return discover_phrases(seed)


def test_local_names_of_the_seed_are_confident(table):
    confident = set(table.loc[table["confident"], "phrase"])
    assert {"军山湖", "孺子书房"} <= confident
    row = table.set_index("phrase").loc["军山湖"]
    assert row["count"] == 4 and row["left_entropy"] > 1 and row["right_entropy"] > 1


def test_fragments_of_a_name_are_not_confident(table):
    confident = set(table.loc[table["confident"], "phrase"])
    assert not {"军山", "山湖", "孺子书", "子书房"} & confident


def test_confident_phrases_keep_the_names_whole(seed):
    words = confident_phrases(seed)
    sentence = "昌景黄高铁军山湖站站房顺利封顶。"
    for backend in ["jieba", "rjieba"]:
        assert "军山湖" not in jx.segment(sentence, backend=backend)
        assert "军山湖" in jx.segment(sentence, backend=backend, phrases=words)
        assert "孺子书房" in jx.tokenize("打造“孺子书房”4家。", backend=backend, phrases=words)


def test_no_phrase_crosses_a_sentence_boundary():
    for path in jx.seed_reports():
        report = jx.load_report(path)
        sentences = list(report.sentences["text"])
        for phrase in discover_phrases(report)["phrase"]:
            assert any(phrase in s for s in sentences), (path.name, phrase)


def test_statistics_are_those_of_the_text(table, seed):
    text = "\n".join(seed.sentences["text"])
    sample = table.head(40)
    assert list(table.columns) == COLUMNS
    for phrase, count in zip(sample["phrase"], sample["count"]):
        assert count == sum(text[i:].startswith(phrase) for i in range(len(text)))


def test_deterministic(seed):
    first = discover_phrases(seed)
    again = discover_phrases(jx.load_report(SEED))
    pd.testing.assert_frame_equal(first, again)
    assert confident_phrases(seed) == sorted(first.loc[first["confident"], "phrase"])


@pytest.mark.parametrize("path", sorted(map(str, jx.seed_reports())))
def test_confident_phrases_do_not_break_policy_terms(path):
    """Every policy term cut whole by the lexicon tokenizer in a report's sentences stays whole
    when the report's confident phrases are added."""
    report = jx.load_report(path)
    words = confident_phrases(report)
    terms = {t for t, _, _ in policy_terms()}
    for sentence in report.sentences["text"]:
        if not any(w in sentence for w in words):
            continue
        before = [t for t in jx.segment(sentence, backend="jieba") if t in terms]
        after = [t for t in jx.segment(sentence, backend="jieba", phrases=words) if t in terms]
        assert after == before, (sentence, set(before) - set(after))


def test_default_tokenizer_is_unchanged(seed):
    sentence = "昌景黄高铁军山湖站站房顺利封顶。"
    assert jx.segment(sentence, phrases=()) == jx.segment(sentence)
    confident_phrases(seed)  # building a report's tokenizer leaves the shared one as it was
    assert jx.segment(sentence, backend="jieba") == ["昌景", "黄", "高铁", "军山", "湖站", "站房", "顺利", "封顶", "。"]


def test_with_phrases_reaches_every_table_cut_from_the_tokens(seed):
    """A report copy with its confident phrases counts each name whole in frequencies, TF-IDF,
    TextRank and keyness, tags it nz, and leaves the original report's tables as they were."""
    found = jx.with_phrases(seed)
    assert found.phrases == tuple(confident_phrases(seed)) and "军山湖" in found.phrases
    assert seed.phrases == () and found.text == seed.text
    freq = jx.word_frequencies(found).set_index("word")
    plain = jx.word_frequencies(seed).set_index("word")
    assert "军山" in plain.index and "军山" not in freq.index
    assert freq.loc["军山湖", "count"] == seed.text.count("军山湖") and freq.loc["军山湖", "pos"] == "nz"
    assert freq["count"].sum() <= plain["count"].sum()  # names join fragments: never more tokens
    keywords = jx.compare_keywords(found, top=30)
    assert "军山" not in set(keywords.word) and "军山" in set(jx.compare_keywords(seed, top=30).word)
    assert "军山" not in set(jx.textrank_keywords(found, top=None).word)
    assert "军山湖" in set(jx.textrank_keywords(found, top=None).word)
    tokens = jx.report_tokens(found)
    assert not tokens.word.isin(["军山", "孺子", "书房"]).any() and "孺子书房" in set(tokens.word)
    chosen = jx.with_phrases(seed, ["吾悦广场"])
    assert chosen.phrases == ("吾悦广场",) and "吾悦广场" in set(jx.report_tokens(chosen).word)


def test_analyze_many_with_phrases_is_cached_apart(tmp_path):
    plain, = jx.analyze_many([SEED], cache_dir=tmp_path, progress=False)
    found, = jx.analyze_many([SEED], cache_dir=tmp_path, progress=False, phrases=True)
    again, = jx.analyze_many([SEED], cache_dir=tmp_path, progress=False, phrases=True)
    assert plain.phrases == () and "军山湖" in found.phrases and again.phrases == found.phrases
    assert "军山" in set(plain.words.word) and "军山" not in set(found.words.word)
    assert len(list(tmp_path.glob("*.pkl"))) == 2
