"""The policy-aware tokenizer."""
from __future__ import annotations

import subprocess
import sys

import jieba

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
