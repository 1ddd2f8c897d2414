"""The optional rjieba backend gives exactly jieba's tokens, with the same policy lexicon."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jxanalysis as jx
from jxanalysis.report import SEED
from jxanalysis.tokens import policy_terms, rjieba_tokenizer, segment, tokenize

from conftest import CORPUS_FILES



def _raw(path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


@pytest.mark.parametrize("path", [SEED, *CORPUS_FILES], ids=lambda p: p.name)
@pytest.mark.parametrize("lexicon", [True, False], ids=["lexicon", "plain"])
def test_backends_agree_on_every_report(path, lexicon):
    """Cleaned text and the raw file (boilerplate, URLs, footnote digits): token for token."""
    text = jx.load_report(path).text
    jieba_tokens = tokenize(text, lexicon)
    assert len(jieba_tokens) > 1000
    assert tokenize(text, lexicon, backend="rjieba") == jieba_tokens
    assert segment(text, lexicon, backend="rjieba") == segment(text, lexicon)
    raw = _raw(path)
    assert segment(raw, lexicon, backend="rjieba") == segment(raw, lexicon)


def test_rjieba_loads_the_policy_lexicon():
    tk = rjieba_tokenizer()
    assert all(tk.has_word(word) for word, _, _ in policy_terms())
    whole = ["推动", "腾笼换鸟", "和", "专精特新"]
    assert segment("推动腾笼换鸟和专精特新", backend="rjieba") == whole
    assert segment("推动腾笼换鸟和专精特新", lexicon=False, backend="rjieba") != whole


def test_unknown_backend_is_a_clear_error():
    with pytest.raises(ValueError, match="backend"):
        tokenize("营商环境", backend="pkuseg")


# Text where the two libraries could part: jieba-rs counts CJK extension characters as Chinese
# and keeps runs like 1-11 or x.com whole; lone surrogates; policy terms and numbers.
_pieces = st.one_of(
    st.sampled_from([w for w, _, _ in policy_terms()]),
    st.sampled_from(["1-11月", "2022-2035年", "4.5%", "1.24亿元", "S104", "e-mail", "x.com", "C++", "a_b",
                     "\r\n", " ", "\t", "，", "。", "“5020”", "㐀", "鿫", "𠀀", "豈", "\ud800"]),
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=8),
    st.text(max_size=6),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces, max_size=12).map("".join))
def test_backends_agree_on_mixed_text(text):
    assert segment(text, backend="rjieba") == segment(text)


# --- rjieba by default, dictionary POS tags, one shared tokenization per report ---------------

from jxanalysis import tokens  # noqa: E402


def test_rjieba_is_the_default_backend():
    assert tokens.DEFAULT_BACKEND == "rjieba"
    text = jx.load_report().text
    assert tokenize(text) == tokenize(text, backend="rjieba")


def test_pos_tags_are_jiebas_posseg_table():
    """The tag table read from jieba's dict.txt plus the policy lexicon is jieba.posseg's own."""
    assert jx.pos.pos_tags() == tokens.pos_tagger().word_tag_tab
    assert jx.pos.pos_tags(lexicon=False) == tokens.pos_tagger(lexicon=False).word_tag_tab


@pytest.mark.parametrize("path", jx.seed_reports(), ids=lambda p: p.name)
def test_tags_identical_between_backends(path):
    text = jx.load_report(path).text
    jieba_tags = tokens.tokenize_pos(text, backend="jieba")
    assert tokens.tokenize_pos(text, backend="rjieba") == jieba_tags
    print(f"{path.name}: {len(jieba_tags)} tagged tokens identical")


@pytest.mark.parametrize("path", jx.seed_reports(), ids=lambda p: p.name)
def test_report_tokens_are_the_tokens_of_each_paragraph_and_sentence(path):
    report = jx.load_report(path)
    table = tokens.report_tokens(report)
    assert tokens.report_tokens(report) is table  # kept on the report
    assert list(table.columns) == tokens.TOKEN_COLUMNS
    assert list(table.word[table.keep]) == tokenize(report.text)
    for i, text in enumerate(report.paragraphs.text):
        assert list(table.word[table.keep & (table.paragraph == i)]) == tokenize(text)
    content = table[table.keep]
    by_sentence = content.groupby("sentence_id")["word"].agg(list)
    for sentence in report.sentences.itertuples():
        assert by_sentence.get(sentence.sentence_id, []) == tokenize(sentence.text)
    lines = report.body
    assert all(lines[n][s:s + len(w)] == w for n, s, w in zip(table.line, table.start, table.word))


def test_a_report_is_cut_once_per_analysis(monkeypatch):
    from jxanalysis.corpus import analyze

    calls = []
    cut = tokens._cut
    monkeypatch.setattr(tokens, "_cut", lambda *args: calls.append(args[0][:10]) or cut(*args))
    result = analyze(SEED)
    assert len(calls) == 1, calls  # frequencies, themes and the CLI's tokens.txt share one cut
    assert len(result.paragraph_tokens) == len(result.themes)
