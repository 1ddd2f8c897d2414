"""Tables shaped from extract_indicators: ranks attached to their indicators, headline indicators,
amounts by section, kinds by section."""
from __future__ import annotations

import pandas as pd
import pytest

import jxanalysis as jx
from jxanalysis.indicator_tables import (
    KINDS,
    amounts_by_section,
    attach_ranks,
    headline_indicators,
    kinds_by_section,
)
from jxanalysis.indicators import COLUMNS, INDICATOR_POSITION


@pytest.fixture(scope="module")
def table(seed):
    return jx.extract_indicators(seed)


def ranks(text: str) -> list[tuple[str, str]]:
    """(subject, rank) of the non-rank rows of text."""
    found = attach_ranks(jx.extract_indicators(text))
    return [(s, r) for s, r, k in zip(found["subject"], found["rank"], found["kind"]) if k != "rank"]


def test_rank_after_all_covers_every_indicator_before_it():
    text = "一般公共预算收入增长13.3%，规上服务业营业收入增长28.6%，两项指标增速均列全市第一；"
    assert ranks(text) == [("一般公共预算收入", "全市第一"), ("规上服务业营业收入", "全市第一")]


def test_rank_naming_its_subjects_covers_only_them():
    text = "限额以上消费品零售额增长15.6%，外贸出口值增长43.9%，均列全市第三；"
    assert ranks(text) == [("限额以上消费品零售额", "全市第三"), ("外贸出口值", "全市第三")]


def test_rank_of_its_own_indicator_covers_nothing_else():
    text = "备案入库科技型中小微企业128家，科技成果交易额登记入库目标完成率全市第一。"
    assert ranks(text) == [("科技型中小微企业", "")]


def test_a_rank_covers_only_the_indicators_since_the_previous_rank():
    text = "甲收入增长5%，均列全市第一，乙收入增长6%，均列全市第二。"
    assert ranks(text) == [("甲收入", "全市第一"), ("乙收入", "全市第二")]


def test_ranks_do_not_cross_sentences():
    assert ranks("甲收入增长5%。均列全市第一。") == [("甲收入", "")]


def test_attach_ranks_keeps_the_table(table):
    ranked = attach_ranks(table)
    pd.testing.assert_frame_equal(ranked[table.columns], table)
    own = ranked[ranked["kind"] == "rank"]
    assert (own["rank"] == own["raw"]).all() and (own["rank_place"] == own["value"]).all()


def test_headline_indicators_of_the_seed(table):
    head = headline_indicators(table)
    assert head["subject"].tolist() == [
        "地区生产总值", "地区生产总值", "一般公共预算收入", "规上服务业营业收入", "城镇居民人均可支配收入",
        "农村居民人均可支配收入", "限额以上消费品零售额", "外贸出口值", "规模以上工业增加值", "固定资产投资"]
    assert head["rank"].tolist() == ["", ""] + ["全市第一"] * 4 + ["全市第三"] * 2 + ["", ""]
    assert head["rank_place"].fillna(0).tolist() == [0, 0, 1, 1, 1, 1, 3, 3, 0, 0]
    assert head.loc[0, "亿元"] == 375.0 and head["亿元"].isna().sum() == 9
    assert set(INDICATOR_POSITION) <= set(head.columns)


def test_headline_leaves_out_shares_and_intensities():
    text = "国内生产总值增长6.6%，单位国内生产总值能耗下降3.1%，研发经费占国内生产总值比重达2.2%。"
    assert headline_indicators(jx.extract_indicators(text))["raw"].tolist() == ["6.6%"]


def test_headline_of_plain_text_has_no_position_columns():
    head = headline_indicators(jx.extract_indicators("地区生产总值增长4.5%。"))
    assert not set(INDICATOR_POSITION) & set(head.columns) and head["raw"].tolist() == ["4.5%"]


def test_amounts_by_section(table):
    money = amounts_by_section(table)
    rows = table[(table["kind"] == "amount") & (table["unit"] == "元")]
    assert money["raw"].tolist() == rows["raw"].tolist()
    assert money["value"].tolist() == rows["value"].tolist()
    assert money["approx"].tolist() == rows["approx"].tolist()
    assert (money["亿元"] == (money["value"] / 1e8).round(4)).all()
    assert money["section"].iloc[0] == "经济发展稳中有进"
    # text order keeps each section's rows together
    assert money["section"].ne(money["section"].shift()).sum() == money["section"].nunique()
    acres = amounts_by_section(table, unit="亩")
    assert "亿元" not in acres and set(acres["raw"]) == {"1.1万亩", "2.05万亩", "2400亩", "850亩"}


def test_kinds_by_section(table):
    counts = kinds_by_section(table)
    assert list(counts.columns) == KINDS + ["total", "approx"]
    assert counts["total"].sum() == len(table)
    assert counts[KINDS].sum().to_dict() == table["kind"].value_counts().reindex(KINDS, fill_value=0).to_dict()
    assert counts["approx"].sum() == table["approx"].sum()
    assert counts.index[0] == "经济发展稳中有进"


def test_kinds_by_section_of_plain_text():
    counts = kinds_by_section(jx.extract_indicators("地区生产总值375亿元，增长4.5%。"))
    assert counts.loc["", KINDS].tolist() == [1, 1, 0, 0]


def test_tables_work_on_every_corpus_report(corpus_report):
    table = jx.extract_indicators(corpus_report)
    head = headline_indicators(table)
    assert len(head) >= 5 and (head["kind"] != "rank").all()
    assert kinds_by_section(table)["total"].sum() == len(table)
    assert len(amounts_by_section(table)) == ((table["kind"] == "amount") & (table["unit"] == "元")).sum()
    assert list(table.columns) == COLUMNS + INDICATOR_POSITION
