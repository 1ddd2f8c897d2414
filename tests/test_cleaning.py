"""The cleaning rules, on synthetic strings and on the shapes real web, Word and PDF copies take.

Every shape is built from a real report of the repository; the audit test checks, for every
report and every shape, that report text + front matter + report.removed account for every
Chinese character of the file.
"""
from __future__ import annotations

import datetime as dt
import warnings
from collections import Counter
from pathlib import Path

import pytest

import jxanalysis as jx
from jxanalysis.cleaning import clean, is_furniture, normalise_punctuation, remove_footnote_markers, split_lines
from jxanalysis.patterns import HAN_CHAR

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted((ROOT / "tests" / "data" / "reports").glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))
NATIONAL = ROOT / "seeds" / "national-2019.txt"
HAILAR = ROOT / "seeds" / "hailar-district-2016.gbk.txt"


def han(text: str) -> Counter:
    return Counter(HAN_CHAR.findall(text))


def load_text(tmp_path: Path, text: str, name: str = "report.txt", encoding: str = "utf-8") -> jx.Report:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no shape may lose text
        return jx.load_report(path)


def accounted(report: jx.Report) -> bool:
    return han(report.raw) == han(report.text) + han("".join(report.front)) + han("".join(report.removed.text))


@pytest.fixture(scope="module")
def national() -> jx.Report:
    return jx.load_report(NATIONAL)


@pytest.fixture(scope="module")
def hailar() -> jx.Report:
    return jx.load_report(HAILAR)


# --- spans and lines ---------------------------------------------------------------------------

def test_urls_and_emails_keep_the_chinese_around_them():
    cleaned = clean("各位代表：\n开通政务服务网www.hlbe.gov.cn网上办事大厅，详见https://example.com/a.html。\n"
                    "请发送邮件至3231169@qq.com举报，或致电12345。")
    assert cleaned.body == ["各位代表：", "开通政务服务网网上办事大厅，详见。", "请发送邮件至举报，或致电12345。"]
    assert [(r["rule"], r["text"]) for r in cleaned.removed] == [
        ("url", "www.hlbe.gov.cn"), ("url", "https://example.com/a.html"), ("email", "3231169@qq.com")]


@pytest.mark.parametrize("line", ["编辑：张三", "责任编辑：李四", "（责任编辑：杨淼）", "相关报道：", "相关附件>>", "打印本页",
                                  "关闭窗口", "【打印本页】 【关闭窗口】", "扫一扫在手机打开当前页", "分享到：",
                                  "3f2a9c0d8e7b6a5f4e3d2c1b", "【字号：大 中 小】", "【", "】"])
def test_page_furniture_is_recognised_by_its_shape(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", ["推行政务服务“扫一扫”办理，群众办事更便捷。", "分享到朋友圈的政务短视频点击量超过1亿次。",
                                  "编辑出版地方志3部。", "一、2022年工作回顾"])
def test_body_lines_holding_furniture_words_stay(line):
    assert not is_furniture(line)
    assert clean(f"各位代表：\n{line}\n谢谢。").body[1] == line


def test_news_dateline_is_dropped():
    cleaned = clean("新华社北京3月16日电\n政府工作报告\n各位代表：\n现在，我代表国务院。")
    assert cleaned.body == ["各位代表：", "现在，我代表国务院。"]
    assert ("dateline", "新华社北京3月16日电") in [(r["rule"], r["text"]) for r in cleaned.removed]


@pytest.mark.parametrize(
    "raw, clean_text",
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
def test_punctuation_normalised_only_in_chinese_context(raw, clean_text):
    assert normalise_punctuation(raw) == clean_text


def test_full_width_double_spaces_and_tabs_break_paragraphs():
    lines = split_lines("　　各位代表：　　现在，我代表国务院。\r\n　　一、2018年工作回顾\t过去一年")
    assert [line.text for line in lines] == ["各位代表：", "现在，我代表国务院。", "一、2018年工作回顾", "过去一年"]


def test_broken_lines_are_joined():
    cleaned = clean("政府工作报告\n——2026年1月26日在广东省第十四届\n人民代表大会第五次会议上\n各位代表：\n以PM\n2.5\n浓度持续下降为主线。")
    assert cleaned.front == ["政府工作报告", "——2026年1月26日在广东省第十四届人民代表大会第五次会议上"]
    assert cleaned.body == ["各位代表：", "以PM2.5浓度持续下降为主线。"]


# --- footnote markers ---------------------------------------------------------------------------

def test_footnotes_follow_the_ascending_sequence():
    text = ("围绕“2+1+N”1产业体系，新增“三品一标”2农产品17个，“5020”项目32个，“孺子书房”4家，"
            "“八类”项目5审批时限压缩，“一网通办”6全面推行。")
    cleaned, notes, spans = remove_footnote_markers(text)
    assert cleaned == ("围绕“2+1+N”产业体系，新增“三品一标”农产品17个，“5020”项目2个，“孺子书房”家，"
                       "“八类”项目审批时限压缩，“一网通办”全面推行。")
    assert [(n.marker, n.term) for n in notes] == [(1, "“2+1+N”"), (2, "“三品一标”"), (3, "“5020”项目"),
                                                   (4, "“孺子书房”"), (5, "“八类”项目"), (6, "“一网通办”")]
    assert len(spans) == 6


@pytest.mark.parametrize("text", [
    "新增“五上”企业26家，“十四五”时期1项任务。",
    "开展“川行天下”精品活动103场，“天府粮仓”评选自2018年起每年举办。",
    "“川行天下”精品活动103场，“书香天府”2全民阅读，“蜀道”3通达。",  # one sure marker is not a sequence
])
def test_numbers_after_quotes_are_not_notes_without_a_sure_sequence(text):
    assert remove_footnote_markers(text) == (text, [], [])


def test_a_real_number_inside_a_note_sequence_keeps_its_digits():
    text = "“甲”1项，“乙”2项，“川行天下”精品活动103场，评选“最美”自2018年，“丙”3项，“丁”4项。"
    cleaned, notes, _ = remove_footnote_markers(text)
    assert "精品活动103场" in cleaned and "自2018年" in cleaned
    assert [n.marker for n in notes] == [1, 2, 3, 4]


def test_seed_cleaning(seed):
    assert "本文内容由互联网用户" not in seed.text
    assert "http" not in seed.text and "@" not in seed.text
    assert "进贤县2023年政府工作报告" not in seed.text  # the repeated title is front matter
    assert [n.marker for n in seed.footnotes] == list(range(1, 17))
    assert seed.footnotes[11].term == "“孺子书房”"
    for kept in ["“5020”项目2个", "“孺子书房”4家", "“2+1+N”产业体系", "“八类”项目审批时限由120个工作日", "4.5%", "1.24亿元",
                 "1-11月", "S104（"]:
        assert kept in seed.text, kept
    assert "以A新时代" in seed.text  # the placeholder letter stays in the text
    assert "," not in seed.text and ":" not in seed.text
    rules = set(seed.removed.rule)
    assert {"page-footer", "url", "email", "footnote-marker"} <= rules
    for row in seed.removed.itertuples():  # each record points at what it removed in the raw text
        assert seed.raw.startswith(row.text[:10], row.offset), row


@pytest.mark.parametrize("path", [p for p in REPORTS if not p.name.startswith("jinxian")], ids=lambda p: p.name)
def test_no_footnote_marker_is_removed_from_reports_without_notes(path):
    report = jx.load_report(path)
    assert report.footnotes == [] and "footnote-marker" not in set(report.removed.rule)


# --- front matter -------------------------------------------------------------------------------

SALUTATION = "各位代表："
CAPTION = "3月5日，第十三届全国人民代表大会第二次会议在北京人民大会堂开幕。国务院总理李克强作政府工作报告。新华社记者 刘卫兵 摄"


@pytest.mark.parametrize("shape, replacement", [
    ("caption glued to the salutation", CAPTION + SALUTATION),
    ("speaker glued to the salutation", "国务院总理 李克强" + SALUTATION),
    ("no salutation", ""),
    ("a variant salutation", "各位人大代表、各位政协委员："),
])
def test_front_matter_never_swallows_the_report(tmp_path, national, shape, replacement):
    raw = national.raw.replace(SALUTATION, "\u3000\u3000" + replacement, 1)
    report = load_text(tmp_path, raw)
    kept = sum(han(report.text).values()) / sum(han(national.text).values())
    assert kept >= 0.995, f"{shape}: {kept:.1%} of the body kept"
    assert report.body[0].startswith(replacement.removeprefix(CAPTION).removeprefix("国务院总理 李克强") or "现在")
    assert report.parts == national.parts
    assert accounted(report)


def test_tab_separated_front_matter_with_full_width_digits(tmp_path, national):
    front = "政府工作报告\t——２０１９年３月５日在第十三届全国人民代表大会第二次会议上\t国务院总理 李克强\n"
    report = load_text(tmp_path, front + "\n".join(national.body))
    assert report.front == ["政府工作报告", "——2019年3月5日在第十三届全国人民代表大会第二次会议上", "国务院总理李克强"]
    assert report.date == dt.date(2019, 3, 5)
    assert report.body == national.body
    assert accounted(report)


# --- layouts ------------------------------------------------------------------------------------

@pytest.mark.parametrize("separator", ["\u3000", "\t", " "], ids=["ideographic space", "tab", "space"])
def test_a_whole_report_on_one_line(tmp_path, hailar, separator):
    report = load_text(tmp_path, separator.join(hailar.front + hailar.body))
    assert report.body == hailar.body
    assert accounted(report)


def hard_wrap(lines: list[str], width: int, indent: str) -> str:
    return "\n".join(("" if i else indent) + line[i : i + width] for line in lines for i in range(0, len(line), width))


@pytest.mark.parametrize("width, indent, bar", [(30, "\u3000\u3000", 0.98), (38, "\u3000\u3000", 0.98), (30, "", 0.9), (38, "", 0.9)])
def test_text_hard_wrapped_at_a_fixed_width_is_reflowed(tmp_path, hailar, width, indent, bar):
    """As copied from a PDF: with paragraphs indented, every paragraph comes back; without, a
    paragraph whose last line happens to reach the margin is joined to the next."""
    report = load_text(tmp_path, hard_wrap(hailar.front + hailar.body, width, indent))
    same = len(set(report.body) & set(hailar.body)) / len(hailar.body)
    wrapped, plain = jx.extract_indicators(report), jx.extract_indicators(hailar)
    key = ["subject", "value", "unit", "kind"]
    found = sum((Counter(map(tuple, wrapped[key].values)) & Counter(map(tuple, plain[key].values))).values()) / len(plain)
    print(f"\nhard-wrapped at {width}{' with indents' if indent else ''}: {same:.1%} of {len(hailar.body)} paragraphs "
          f"come back ({len(report.body)} paragraphs), {found:.1%} of {len(plain)} indicators the same")
    assert same >= bar and found >= 0.95
    assert accounted(report)


def test_full_width_digits_become_ascii(tmp_path, national):
    full = national.raw.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    report = load_text(tmp_path, full)
    assert report.body == national.body
    assert "full-width-digits" in set(report.removed.rule)
    assert accounted(report)


def test_page_furniture_around_a_report_goes_and_does_not_truncate_it(tmp_path, national):
    header = "当前位置：\n首页\n>\n政务信息\n下载\n全屏\n【字号：\n加大\n还原\n减小\n】\n"
    footer = ("\n编辑：王五\n相关报道：\n相关附件>>\n扫一扫在手机打开当前页\n【\n打印本页\n】\n【\n关闭窗口\n】\n"
              "0f3a9c2b7d1e4f5a6b7c8d9e\n网站地图\n联系我们\n主办单位：某某市人民政府办公室  网站标识码：1306000007\n冀ICP备05019637号-2\n")
    report = load_text(tmp_path, header + "\n".join(national.front + national.body) + footer)
    assert report.body == national.body and not report.truncated
    assert accounted(report)


def test_a_repeated_opening_is_dropped(tmp_path, national):
    opening = national.body[1]
    report = load_text(tmp_path, "\n".join(national.front + [opening] + national.body))
    assert report.body == national.body
    assert "repeated-opening" in set(report.removed.rule)


# --- the audit trail ----------------------------------------------------------------------------

@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_every_chinese_character_is_accounted_for(path):
    report = jx.load_report(path)
    assert accounted(report)
    assert list(report.removed.columns) == ["rule", "offset", "text", "replacement"]
    assert (report.removed.offset >= 0).all()


def test_much_removed_text_warns(tmp_path, national):
    disclaimer = "本文内容由互联网用户自发贡献，该文观点仅代表作者本人。本站仅提供信息存储空间服务，不拥有所有权。" * 60
    path = tmp_path / "report.txt"
    path.write_text("\n".join(national.front + national.body) + "\n" + disclaimer, encoding="utf-8")
    with pytest.warns(jx.RemovedTextWarning, match="report.txt: the loader removed .* Chinese characters"):
        report = jx.load_report(path)
    assert report.body == national.body
    assert report.removed_summary().rule.tolist() == ["page-footer"]


def test_a_page_tail_of_short_links_after_the_report_goes(tmp_path, national):
    """The shape of a provincial news site's tail: links and buttons after the closing line."""
    tail = "\n》》点击图片进入专题《《\n收藏\n|\n分享到:\n分享到微信\n×\n相关文档：\n"
    report = load_text(tmp_path, "\n".join(national.front + national.body) + tail)
    assert report.body == national.body and not report.truncated
    assert {"furniture", "page-footer"} <= set(report.removed.rule)
    assert accounted(report)
