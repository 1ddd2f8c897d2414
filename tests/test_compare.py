"""Comparison tables and figures across reports, checked against the per-report tables."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import numpy as np
import pytest

import jxanalysis as jx
from jxanalysis import compare

from conftest import CORPUS_FILES


@pytest.fixture(scope="module")
def results():
    return jx.analyze_many([jx.report.SEED, *CORPUS_FILES], progress=False)


def test_overview_is_in_date_order(results):
    table = compare.overview(results)
    assert list(table.date) == sorted(table.date)
    assert table.loc["进贤县2023年", "truncated"]
    seed = next(r for r in results if r.title.startswith("进贤"))
    assert table.loc["进贤县2023年", "indicators_per_1000"] == pytest.approx(1000 * len(seed.indicators) / seed.characters)


def test_keyword_trends_are_shares_per_1000(results):
    table = compare.keyword_trends(results, top=10)
    assert len(table) == 10 and list(table.columns) == list(compare.overview(results).index)
    for result in results:
        words = result.words.set_index("word")
        for word in table.index:
            expected = 1000 * words["share"].get(word, 0.0)
            assert table.loc[word, compare.label(result)] == pytest.approx(expected, abs=0.006)
    means = table.mean(axis=1).to_numpy()
    assert np.all(means[:-1] >= means[1:] - 0.01)  # most frequent over all reports first


def test_report_keyness_positive_and_distinct(results):
    table = compare.report_keyness(results, top=5)
    assert (table.log_likelihood > 0).all()
    assert set(table.report) == set(compare.overview(results).index)
    seed_words = set(table[table.report == "进贤县2023年"].word)
    assert "进贤" in seed_words  # a place name is what a report uses and the others do not


def test_theme_table_matches_theme_shares(results):
    table = compare.theme_table(results)
    for result in results:
        shares = jx.themes.theme_shares(result.themes).set_index("name")["share"]
        assert table[compare.label(result)].to_dict() == pytest.approx(shares.round(4).to_dict())


def test_headline_table_reads_the_stated_levels(results):
    table = compare.headline_table(results).set_index(["report", "indicator"])
    assert table.loc[("进贤县2023年", "地区生产总值"), "level"] == 375
    assert table.loc[("进贤县2023年", "地区生产总值"), "growth_pct"] == 4.5
    # the 2015 results (地区生产总值达到287.9亿元，同比增长8.9%), not the five-year pair and average
    # (由2010年的162.4亿元增加到2015年的287.9亿元，年均增长12.1%)
    assert table.loc[("海拉尔区2016年", "地区生产总值"), "level"] == pytest.approx(287.9)
    assert table.loc[("海拉尔区2016年", "地区生产总值"), "growth_pct"] == pytest.approx(8.9)
    assert table.loc[("国务院2019年", "地区生产总值"), "growth_pct"] == 6.6


def test_compare_figures_draw_their_tables(results):
    jx.setup()
    trends = compare.keyword_trends(results, top=8)
    ax = jx.plots.heatmap_keyword_trends(trends)
    assert np.array_equal(ax.get_images()[0].get_array(), trends.to_numpy())
    assert [t.get_text() for t in ax.get_yticklabels()] == list(trends.index)
    assert _cell_texts(ax) == _written(trends, 1)
    overview = compare.overview(results)
    ax = jx.plots.bar_indicator_density(overview)
    widths = [b.get_width() for b in ax.patches][::-1]
    assert widths == pytest.approx(list(overview.indicators_per_1000))


def _cell_texts(ax) -> dict[tuple[int, int], str]:
    return {(round(t.get_position()[1]), round(t.get_position()[0])): t.get_text() for t in ax.texts}


def _written(table, decimals: int, scale: float = 1) -> dict[tuple[int, int], str]:
    """What each cell of a heatmap of table should say: its value, an exact zero as 0, NaN nothing."""
    values = table.to_numpy(float)
    return {(i, j): f"{scale * v:.{decimals}f}" if v else "0" for (i, j), v in np.ndenumerate(values) if np.isfinite(v)}


def test_heatmap_writes_zero_cells(results):
    """A word a report never uses has a 0 in its cell, not a blank that reads as missing data;
    only a missing value (NaN) is blank."""
    jx.setup()
    trends = compare.keyword_trends(results, top=8)
    trends.iloc[0, 1], trends.iloc[1, 2], trends.iloc[2, 0] = 0.0, np.nan, 0.04  # 0.04 is written 0.0, not 0
    ax = jx.plots.heatmap_keyword_trends(trends)
    texts = _cell_texts(ax)
    assert len(texts) == len(ax.texts) == trends.size - 1
    assert texts == _written(trends, 1) and texts[(0, 1)] == "0" and texts[(2, 0)] == "0.0" and (1, 2) not in texts
    themes = compare.theme_table(results)
    ax = jx.plots.heatmap_report_themes(themes)
    assert _cell_texts(ax) == _written(themes, 1, scale=100)
