"""Report metadata and structure, on the seed and on every corpus report."""
from __future__ import annotations

import datetime as dt

import jxanalysis as jx
from jxanalysis.report import split_sentences


def test_seed_metadata(seed):
    assert seed.title == "进贤县2023年政府工作报告"
    assert seed.date == dt.date(2023, 1, 6)
    assert seed.truncated
    assert seed.text.endswith("为全面")


def test_seed_structure(seed):
    assert seed.parts == ["一、2022年工作回顾", "二、2023年主要工作安排"]
    sections = seed.paragraphs["section"].unique().tolist()
    assert "一年来，我们迎难而上、加压奋进，经济发展稳中有进" in sections
    assert len([s for s in sections if s.startswith("一年来")]) == 4
    headings = seed.paragraphs.loc[seed.paragraphs.heading != "", "heading"].tolist()
    assert headings[:3] == ["经济运行总体平稳", "特色产业聚优成势", "项目支撑坚实有力"]
    assert len(headings) == 12
    row = seed.paragraphs.set_index("heading").loc["营商环境激发活力"]
    assert row.part == "一、2022年工作回顾" and row.section.endswith("动力活力相继迸发")
    assert list(seed.paragraphs.columns) == ["paragraph", "part", "part_kind", "section", "heading", "text"]
    assert seed.paragraphs.groupby("part", sort=False).part_kind.first().to_dict() == {
        "": "opening", "一、2022年工作回顾": "review", "二、2023年主要工作安排": "plan"}


def test_slogan_headings_are_read_by_their_first_paragraph():
    """Headings without 回顾/年/规划 (a 2026 provincial shape) take their kind from how the part
    begins; a heading that names the plan period but is about its first year is this year's plan."""
    from jxanalysis.report import part_kind

    assert part_kind("一、一年接着一年干，建设持续取得新进展新成效", "2025年是“十四五”收官之年。一年来，…", 2026) == "review"
    assert part_kind("一、砥砺奋进，成绩来之不易", "过去一年，我们…", 2026) == "review"
    assert part_kind("二、一张蓝图绘到底，奋力谱写新篇章", "“十五五”时期是基本实现现代化的关键时期。", 2026) == "five-year"
    assert part_kind("三、一鼓作气勇争先，全力推动“十五五”开好局、起好步", "2026年是“十五五”开局之年。", 2026) == "plan"
    assert part_kind("四、一以贯之转作风，建设人民满意的服务型政府", "作风建设永远没有休止符。", 2026) == "plan"
    assert part_kind("一、2025年工作回顾", "2026年…", 2026) == "review"  # a heading cue wins over the text


def test_closing_paragraphs_belong_to_no_section(seed):
    """After the review's last section come the salutation, the thanks and the difficulties:
    the part's closing, not part of 民生福祉持续增进."""
    review = seed.paragraphs[seed.paragraphs.part_kind == "review"]
    closing = review[review.text.str.match("各位代表！刚刚过去的2022年|在肯定成绩的同时")]
    assert len(closing) == 2 and (closing.section == "").all()
    last_section = review[review.section != ""].section.iloc[-1]
    assert last_section.endswith("民生福祉持续增进")
    assert not review[review.section == last_section].text.str.contains("清醒|感谢").any()


def test_sentences_keep_positions(seed):
    sents = seed.sentences
    assert list(sents.columns) == ["paragraph", "part", "part_kind", "section", "heading", "sentence_id", "text"]
    assert sents.sentence_id.is_unique
    first = sents[sents.heading == "经济运行总体平稳"].text.tolist()
    assert first[:3] == ["经济运行总体平稳。", "预计全年实现地区生产总值375亿元，增长4.5%。", "1-11月，一般公共预算收入增长13.3%，规上服务业营业收入增长28.6%，前三季度城镇和农村居民人均可支配收入分别增长7.2%、6.8%，四项指标增速均列全市第一；"]
    # every paragraph's sentences join back to it
    for para in seed.paragraphs.itertuples():
        assert "".join(sents[sents.paragraph == para.paragraph].text) == para.text.replace(" ", "")


def test_split_sentences_keeps_closing_quotes():
    assert split_sentences("他说：“好。”然后走了！最后") == ["他说：“好。”", "然后走了！", "最后"]


def test_corpus_report_loads_with_structure(corpus_report):
    r = corpus_report
    assert r.title.endswith("政府工作报告") and len(r.title) > len("政府工作报告")
    assert r.date is not None
    assert not r.truncated
    assert len(r.parts) >= 3
    assert all(p[0] in "一二三四五六七八九十附" for p in r.parts)
    assert len(r.paragraphs) >= 40
    assert (r.paragraphs.heading != "").sum() >= 20
    assert not r.text.startswith("新华社")
    assert "政府工作报告" not in r.text.split("\n")[0]


def test_corpus_titles_and_dates():
    expected = {
        "national-2019.txt": ("国务院2019年政府工作报告", dt.date(2019, 3, 5)),
        "hailar-district-2016.gbk.txt": ("海拉尔区2016年政府工作报告", dt.date(2016, 2, 19)),
        "guangdong-province-2026.txt": ("广东省2026年政府工作报告", dt.date(2026, 1, 26)),
    }
    from conftest import CORPUS

    speakers = {"national-2019.txt": ("李克强", "国务院总理", "国务院", "national"),
                "hailar-district-2016.gbk.txt": ("杜联合", "区长", "呼伦贝尔市海拉尔区", "county"),
                "guangdong-province-2026.txt": ("孟凡利", "省长", "广东省", "province")}
    for name, (title, date) in expected.items():
        r = jx.load_report(CORPUS / name)
        assert (r.title, r.date, r.year) == (title, date, date.year)
        assert (r.speaker, r.office, r.place, r.level) == speakers[name]


def test_guangdong_line_breaks_and_appendices():
    from conftest import CORPUS

    r = jx.load_report(CORPUS / "guangdong-province-2026.txt")
    assert "PM2.5年平均浓度" in r.text
    assert r.parts[-2:] == ["附件1", "附件2"]
    assert "名词解释" in r.paragraphs[r.paragraphs.part == "附件2"].section.tolist()
