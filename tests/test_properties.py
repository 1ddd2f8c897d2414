"""Property-based tests (hypothesis): arbitrary input never breaks the loader, tokenizer or extractor.

* jx.load_report on a file of any bytes / any text in any supported encoding raises nothing but
  jx.ReportError, and a report that loads gives its tables without error;
* jx.tokenize never raises and returns content tokens that occur in the text;
* extract_indicators never raises, and every `raw` occurs in its `sentence`.

Inputs are arbitrary Unicode as well as report-like text: policy phrases, numbers with units,
percentages, quoted terms with footnote digits, part and section headings, half-width punctuation.
"""
from __future__ import annotations

import math
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import jxanalysis as jx
from jxanalysis.indicators import extract_indicators
from jxanalysis.tokens import policy_terms

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

POLICY = [w for w, _, _ in policy_terms()]
FRAGMENTS = [
    "各位代表：", "一、2022年工作回顾", "二、2023年主要工作安排", "（一）", "一是", "一年来，我们坚持稳中求进。",
    "经济运行总体平稳。", "地区生产总值", "增长", "下降", "同比", "达", "亿元", "万元", "%", "％", "个百分点",
    "全市第一", "列全省第", "首位", "余", "近", "超过", "突破", "以上", "约", "多", "分别", "、", "和", "，", "。",
    "；", "：", "！", "？", "“", "”", "《", "》", "（", "）", "(", ")", ",", ":", "1-11月", "2022-2035年",
    "S104", "PM2.5", "5G", "“5020”", "32个", "“孺子书房”124家", "第十六届", "增速", "倍", "万亿元", "平方米",
    "本文内容由互联网用户自发贡献", "如若转载，请注明出处：http://www.example.com/a.html", "abc@example.com",
    "政府工作报告(20230106)", "A总书记", "以A新时代", "\n", "\r\n", "\u3000\u3000", " ", "\t", "——",
]
NUMBERS = st.one_of(
    st.integers(min_value=-10**6, max_value=10**12).map(str),
    st.tuples(st.floats(min_value=0, max_value=1e6), st.integers(0, 3)).map(lambda t: f"{t[0]:.{t[1]}f}"),
    st.from_regex(r"[０-９]{1,4}[．.]?[０-９]{0,2}", fullmatch=True),
    st.from_regex(r"[一二两三四五六七八九十百千万亿〇零]{1,4}", fullmatch=True),
)
# front matter: a title line with a (yyyymmdd) date and a ——yyyy年m月d日 subtitle, valid or not
FRONT = st.one_of(
    st.from_regex(r"[\u4e00-\u9fff]{0,6}政府工作报告[（(][0-9]{8}[)）]", fullmatch=True),
    st.from_regex(r"——[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日在[\u4e00-\u9fff]{2,4}第[一二三十]{1,2}届人民代表大会上",
                  fullmatch=True),
)
HAN = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=12)
# report-like text: pieces glued together, plus arbitrary Unicode in between
REPORTISH = st.lists(
    st.one_of(st.sampled_from(POLICY), st.sampled_from(FRAGMENTS), NUMBERS, HAN, FRONT, st.text(max_size=5)),
    max_size=40,
).map("".join)
ANY_TEXT = st.one_of(st.text(), REPORTISH)
# Enough Chinese for the loader to accept the text as a report (it wants 200 Chinese characters):
# a run of policy terms, glued to report-like pieces on its own line or on theirs.
BODY = st.lists(st.sampled_from(POLICY), min_size=100, max_size=120).map(lambda terms: "，".join(terms) + "。")
LOADABLE = st.lists(st.one_of(REPORTISH, FRONT), max_size=4).flatmap(
    lambda pieces: st.tuples(BODY, st.lists(st.sampled_from(["\n", "", "\r\n", "。\n"]),
                                            min_size=len(pieces) + 1, max_size=len(pieces) + 1),
                             st.integers(0, len(pieces)))
    .map(lambda t: "".join(sep + piece for sep, piece in
                           zip(t[1], pieces[: t[2]] + [t[0]] + pieces[t[2]:]))))
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16"]


def _check_indicators(table: pd.DataFrame) -> None:
    for raw, sentence in zip(table["raw"], table["sentence"]):
        assert raw in sentence, (raw, sentence)
    assert set(table["kind"]) <= {"amount", "growth", "ratio", "rank"}
    assert all(isinstance(v, float) and not math.isnan(v) for v in table["value"])


def _load(data: bytes) -> jx.Report | None:
    """Load bytes from a temp file: a Report, or None when the loader refused it with ReportError."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.txt"
        path.write_bytes(data)
        try:
            report = jx.load_report(path)
        except jx.ReportError as err:
            assert "report.txt" in str(err)
            return None
        # every documented attribute and table of a loaded report works
        assert isinstance(report.title, str) and isinstance(report.text, str) and isinstance(report.truncated, bool)
        report.footnotes, report.paragraphs, report.sentences, report.parts, report.outline(), str(report)
        return report


@SETTINGS
@given(st.binary(max_size=4000))
def test_loader_on_any_bytes(data):
    _load(data)


@SETTINGS
@given(st.one_of(ANY_TEXT, LOADABLE), st.sampled_from(ENCODINGS))
@example("政府工作报告（00000000）\n" + "中" * 210, "utf-8")  # a title date that is no date
@example("——2023年13月45日在某县第十届人民代表大会上\n各位代表：\n" + "中" * 210, "utf-8")
@example("如若转载" + "中" * 210, "utf-8")  # every line is web boilerplate
def test_loader_on_any_text_in_any_encoding(text, encoding):
    _load(text.encode(encoding, errors="replace"))


@SETTINGS
@given(LOADABLE, st.sampled_from(ENCODINGS))
def test_loaded_reports_give_indicators_with_raw_in_sentence(text, encoding):
    report = _load(text.encode(encoding, errors="replace"))
    if report is None:  # refused with ReportError (e.g. too many control characters): allowed
        return
    table = extract_indicators(report)
    _check_indicators(table)
    assert set(table["sentence"]) <= set(report.sentences["text"])


@SETTINGS
@given(ANY_TEXT)
def test_tokenize_never_raises(text):
    tokens = jx.tokenize(text)
    assert all(isinstance(t, str) and t and t in text for t in tokens)


@SETTINGS
@given(ANY_TEXT)
@example("“5020”项目32个，“孺子书房”124家，地区生产总值375亿元，增长4.5%，列全市第一。")
@example("全省第一21")  # rank ordinals mixing Chinese numerals and digits, or malformed ones
@example("全国第1一")
@example("全市第一三十")
def test_extract_indicators_never_raises_and_raw_is_in_sentence(text):
    _check_indicators(extract_indicators(text))
