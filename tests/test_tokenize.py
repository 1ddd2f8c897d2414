"""The policy-aware tokenizer."""
from __future__ import annotations

import subprocess
import sys

import jieba
import pytest

import jxanalysis as jx
from jxanalysis.tokens import policy_terms, segment, stopwords

CHECK = [
    line.strip()
    for line in open(__file__.replace("test_tokenize.py", "data/policy_terms_check.txt"), encoding="utf-8")
    if line.strip() and not line.startswith("#")
]


def test_lexicon_is_large_unique_and_tagged():
    terms = policy_terms()
    words = [w for w, _, _ in terms]
    assert len(words) >= 300
    assert len(set(words)) == len(words)
    assert all(freq > 0 and tag.isalpha() for _, freq, tag in terms)


def test_policy_terms_stay_whole_in_running_text(seed, corpus_report):
    """Measured on every sentence of the seed and the corpus that contains a check-list term."""
    sentences = list(seed.sentences.text) + list(corpus_report.sentences.text)
    shares = {}
    for lexicon in (True, False):
        kept = total = 0
        for term in CHECK:
            for sentence in (s for s in sentences if term in s):
                total += 1
                kept += any(term in token for token in segment(sentence, lexicon=lexicon))
        shares[lexicon] = kept / total
    isolated = sum(segment(t) == [t] for t in CHECK) / len(CHECK)
    print(f"\npolicy terms kept whole ({corpus_report.path.name} + seed): "
          f"with lexicon {shares[True]:.1%}, plain jieba {shares[False]:.1%}; isolated terms {isolated:.1%}")
    assert shares[True] >= 0.95, shares
    assert isolated >= 0.95
    assert shares[False] < 0.5  # the measure can tell a lexicon from none


def test_tokenize_drops_noise_and_keeps_terms():
    tokens = jx.tokenize("以A新时代中国特色社会主义思想为指导，建成高标准农田1.1万亩，增长4.5%！我们 推进“专精特新”。")
    assert "高标准农田" in tokens and "专精特新" in tokens
    assert not {"A", "我们", "推进", "1.1", "4.5", "%", "，", "！", " ", "万亩"} & set(tokens)


def test_placeholder_letter_is_never_a_token(seed):
    assert "A" not in jx.tokenize(seed.text)
    assert all(len(t) > 1 for t in jx.tokenize(seed.text))


def test_stopwords_come_from_package_and_policy_list():
    sw = stopwords()
    assert {"的", "和", "各位代表", "进一步"} <= sw
    assert len(sw) > 700


def test_word_frequencies_contract(seed):
    freq = jx.word_frequencies(seed)
    assert list(freq.columns[:3]) == ["word", "count", "share"]
    assert freq["count"].is_monotonic_decreasing
    assert abs(freq["share"].sum() - 1) < 1e-9
    tokens = jx.tokenize(seed.text)
    assert freq["count"].sum() == len(tokens)
    assert freq.set_index("word").loc["医疗器械", "count"] == tokens.count("医疗器械")
    assert freq.equals(jx.word_frequencies(seed))  # deterministic


def test_global_jieba_dictionary_untouched():
    jx.tokenize("保障性租赁住房和腾笼换鸟")
    assert "保障性租赁住房" not in jieba.lcut("保障性租赁住房")
    assert jieba.dt.FREQ.get("腾笼换鸟") is None


def test_tokenize_is_quiet_on_stderr(tmp_path):
    code = "import jxanalysis as jx; jx.tokenize('营商环境持续优化'); jx.tokenize('营商环境持续优化', backend='jieba')"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"XDG_CACHE_HOME": str(tmp_path), "PATH": ""}, check=True)
    assert run.stderr == ""
    assert (tmp_path / "jxanalysis" / "jieba.cache").exists()


@pytest.fixture
def edited_lists(monkeypatch):
    """The shipped word lists as a user edits them: 项目 a stopword, 军山湖 a policy term, 增长 tagged vn."""
    from jxanalysis import datafiles

    jx.word_frequencies(jx.load_report())  # the caches built from the shipped lists, as in a running kernel
    jx.segment("军山湖", backend="jieba")
    original = datafiles.read
    extra = {"stopwords_policy.txt": "项目\n", "policy_terms.txt": "军山湖 20000 ns\n", "pos_corrections.txt": "增长 vn 练习\n"}
    monkeypatch.setattr(datafiles, "read", lambda name: original(name) + extra.get(name, ""))
    yield
    monkeypatch.undo()
    jx.reload_lexicons()  # the shipped lists again for the tests that follow


def test_reload_lexicons_makes_edited_lists_count_without_a_restart(edited_lists):
    sentence = "昌景黄高铁军山湖站站房顺利封顶，全年实施项目120个，增长较快。"
    before_tokens, before_cut = jx.tokenize(sentence), jx.segment(sentence, backend="jieba")
    assert "项目" in before_tokens and "军山湖" not in before_cut  # the edit alone changes nothing yet
    jx.reload_lexicons()
    for backend in ("jieba", "rjieba"):
        assert "军山湖" in jx.segment(sentence, backend=backend)
        assert "项目" not in jx.tokenize(sentence, backend=backend)
    report = jx.load_report()  # a report loaded after the reload is cut with the new lists
    freq = jx.word_frequencies(report).set_index("word")
    assert "项目" not in freq.index and freq.loc["军山湖", "pos"] == "ns" and freq.loc["增长", "pos"] == "vn"
    assert "项目" not in set(jx.tfidf_keywords(report, top=None).word)
