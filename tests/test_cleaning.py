"""Each cleaning rule, on synthetic strings and on the seed."""
from __future__ import annotations

import pytest

from jxanalysis.cleaning import (
    join_broken_lines,
    normalise_punctuation,
    remove_footnote_markers,
    split_lines,
    strip_boilerplate,
)


def test_boilerplate_lines_urls_and_emails_go():
    lines = [
        "营商环境持续优化，详见https://example.com/a.html 。",
        "本文内容由互联网用户自发贡献,该文观点仅代表作者本人。",
        "如若转载,请注明出处:https://www.shituxiezuo.com/12107.html",
        "联系邮箱 someone@qq.com 即可。",
    ]
    assert strip_boilerplate(lines) == ["营商环境持续优化，详见 。", "联系邮箱  即可。"]


def test_news_dateline_is_dropped():
    assert strip_boilerplate(["新华社北京3月16日电", "各位代表："]) == ["各位代表："]


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("各位代表:", "各位代表："),
        ("S104(塔城至钟陵段)前期工作", "S104（塔城至钟陵段）前期工作"),
        ("增长4.5%,增速第一!", "增长4.5%，增速第一！"),
        ("1-11月,收入1.24亿元", "1-11月，收入1.24亿元"),
        ("《扩大内需战略规划纲要(2022-2035年)》", "《扩大内需战略规划纲要（2022-2035年）》"),
        ("3.14, 2.72 and (x)", "3.14, 2.72 and (x)"),
        ("政 府 工 作 报 告", "政府工作报告"),
    ],
)
def test_punctuation_normalised_only_in_chinese_context(raw, clean):
    assert normalise_punctuation(raw) == clean


def test_footnotes_follow_the_ascending_sequence():
    text = "围绕“2+1+N”1产业体系，新增“三品一标”2农产品17个，“5020”项目32个，“孺子书房”42家。"
    cleaned, notes = remove_footnote_markers(text)
    assert cleaned == "围绕“2+1+N”产业体系，新增“三品一标”农产品17个，“5020”项目2个，“孺子书房”2家。"
    assert [(n.marker, n.term) for n in notes] == [(1, "“2+1+N”"), (2, "“三品一标”"), (3, "“5020”项目"), (4, "“孺子书房”")]


def test_a_lone_number_after_a_quote_is_not_a_note():
    text = "新增“五上”企业26家，“十四五”时期1项任务。"
    assert remove_footnote_markers(text) == (text, [])


def test_broken_lines_are_joined():
    lines = ["以PM", "2.5", "浓度持续下降为主线。", "——2026年1月26日在广东省第十四届", "人民代表大会第五次会议上", "附件1", "2026年省十件民生实事"]
    assert join_broken_lines(lines) == [
        "以PM2.5浓度持续下降为主线。",
        "——2026年1月26日在广东省第十四届人民代表大会第五次会议上",
        "附件1",
        "2026年省十件民生实事",
    ]


def test_full_width_double_spaces_break_paragraphs():
    assert split_lines("　　各位代表：　　现在，我代表国务院。\r\n　　一、2018年工作回顾") == [
        "各位代表：",
        "现在，我代表国务院。",
        "一、2018年工作回顾",
    ]


def test_seed_cleaning(seed):
    assert "本文内容由互联网用户" not in seed.text
    assert "http" not in seed.text and "@" not in seed.text
    assert "进贤县2023年政府工作报告" not in seed.text  # the repeated title is not body text
    assert [n.marker for n in seed.footnotes] == list(range(1, 17))
    assert seed.footnotes[11].term == "“孺子书房”"
    # markers gone, real numbers kept whole
    for kept in ["“5020”项目2个", "“孺子书房”4家", "“2+1+N”产业体系", "“八类”项目审批时限由120个工作日", "4.5%", "1.24亿元", "1-11月", "S104（"]:
        assert kept in seed.text, kept
    assert "以A新时代" in seed.text  # the placeholder letter stays in the text
    assert "," not in seed.text and ":" not in seed.text
