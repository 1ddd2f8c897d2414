"""Each indicator figure re-drawn from its table: what the picture shows is what the table says;
and the exported CSV reads back equal."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba

import jxanalysis as jx
from jxanalysis.indicator_tables import (
    KINDS,
    amounts_by_section,
    export_indicators,
    headline_indicators,
    kinds_by_section,
    read_indicators,
)
from jxanalysis.plots.common import PALETTE
from jxanalysis.plots.indicators import HATCH, growth_labels


pytestmark = pytest.mark.usefixtures("figure_style")


@pytest.fixture(scope="module")
def table(seed):
    return jx.extract_indicators(seed)


def texts(ax, gid: str) -> list[str]:
    return [t.get_text() for t in ax.texts if t.get_gid() == gid]


def bars_top_down(ax) -> list:
    """The bar patches sorted from the top of the chart down."""
    return sorted(ax.patches, key=lambda b: -b.get_y())


def test_headline_growth_bars_equal_the_table(table):
    head = headline_indicators(table)
    growth = head[head["kind"] == "growth"]
    ax = jx.plots.bar_headline_growth(head)
    bars = bars_top_down(ax)
    assert [b.get_width() for b in bars] == growth["value"].tolist()
    labels = [t.get_text() for t in sorted(ax.get_yticklabels(), key=lambda t: -t.get_position()[1])]
    assert labels == growth_labels(head) and labels[0] == "地区生产总值（预计全年）"
    assert texts(ax, "value") == growth["raw"].tolist()
    # the rank column: one text per ranked bar, top to bottom, equal to the stated ranks
    assert texts(ax, "rank") == [r for r in growth["rank"] if r]
    assert texts(ax, "rank") == ["全市第一"] * 4 + ["全市第三"] * 2
    ranked = [to_rgba(PALETTE[2]) == b.get_facecolor() for b in bars]
    assert ranked == (growth["rank"] != "").tolist()
    assert [bool(b.get_hatch()) for b in bars] == growth["approx"].tolist()


def test_headline_growth_marks_approximate_and_falling_rates():
    text = "地区生产总值增长5%左右，单位国内生产总值能耗下降3%，居民消费价格涨幅3%左右。"
    head = headline_indicators(jx.extract_indicators(text))
    ax = jx.plots.bar_headline_growth(head)
    bars = bars_top_down(ax)
    assert [b.get_width() for b in bars] == [5.0, 3.0]
    assert [b.get_hatch() for b in bars] == [HATCH, HATCH]
    assert "约数（左右、以上、近…）" in [t.get_text() for t in ax.get_legend().get_texts()]
    fall = jx.plots.bar_headline_growth(headline_indicators(jx.extract_indicators("固定资产投资下降2.9%。")))
    assert [b.get_width() for b in fall.patches] == [-2.9]


def test_headline_growth_separates_parts(corpus_report):
    head = headline_indicators(jx.extract_indicators(corpus_report))
    ax = jx.plots.bar_headline_growth(head)
    growth = head[head["kind"] == "growth"]
    assert [b.get_width() for b in bars_top_down(ax)] == growth["value"].tolist()
    assert len(texts(ax, "part")) == growth["part"].ne(growth["part"].shift()).sum()


def test_amount_bars_equal_the_table(table):
    money = amounts_by_section(table)
    ax = jx.plots.bar_amounts_by_section(money)
    bars = bars_top_down(ax)
    assert [b.get_width() for b in bars] == money["value"].tolist()
    assert texts(ax, "value") == money["raw"].tolist()
    assert texts(ax, "section") == [f"【{s}】" for s in dict.fromkeys(money["section"])]
    assert [b.get_hatch() == HATCH for b in bars] == money["approx"].tolist()
    assert sum(money["approx"]) == 3  # 超10亿元, 近3亿元, 5900余万元
    assert ax.get_xscale() == "log"
    labels = [t.get_text() for t in sorted(ax.get_yticklabels(), key=lambda t: -t.get_position()[1])]
    assert labels == money["subject"].tolist()
    # one shade per section, alternating
    shades = [to_rgba(PALETTE[i % 2]) for i, _ in enumerate(dict.fromkeys(money["section"]))]
    by_section = dict(zip(dict.fromkeys(money["section"]), shades))
    assert [b.get_facecolor() for b in bars] == [by_section[s] for s in money["section"]]


def test_kind_bars_equal_the_table(table):
    counts = kinds_by_section(table)
    ax = jx.plots.bar_kinds_by_section(counts)
    n = len(counts)
    drawn = {}
    for k, kind in enumerate(KINDS):  # bars are drawn kind by kind, each kind top to bottom
        segment = ax.patches[k * n:(k + 1) * n]
        drawn[kind] = [b.get_width() for b in sorted(segment, key=lambda b: -b.get_y())]
    assert drawn == {kind: counts[kind].astype(float).tolist() for kind in KINDS}
    ends = [b.get_x() + b.get_width() for b in sorted(ax.patches[-n:], key=lambda b: -b.get_y())]
    assert ends == counts["total"].astype(float).tolist()
    expected = [f" {t}（约数 {a}）" if a else f" {t}" for t, a in zip(counts["total"], counts["approx"])]
    assert texts(ax, "total") == expected
    labels = [t.get_text() for t in sorted(ax.get_yticklabels(), key=lambda t: -t.get_position()[1])]
    assert labels == list(counts.index)


def test_csv_round_trip(table, tmp_path):
    path = export_indicators(table, tmp_path / "sub" / "indicators.csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" not in data
    assert data.decode("utf-8-sig").splitlines()[0] == ",".join(table.columns)
    back = read_indicators(path)
    pd.testing.assert_frame_equal(back, table)
    # what Excel (or any CSV reader told about the BOM) sees
    plain = pd.read_csv(path, encoding="utf-8-sig")
    assert plain.columns[0] == "subject" and np.allclose(plain["value"], table["value"])


def test_csv_round_trip_of_plain_text_and_of_a_shaped_table(tmp_path):
    plain = jx.extract_indicators("地区生产总值375亿元，增长4.5%，列全市第一。")
    pd.testing.assert_frame_equal(read_indicators(export_indicators(plain, tmp_path / "a.csv")), plain)
    head = headline_indicators(plain)
    back = read_indicators(export_indicators(head, tmp_path / "b.csv"))
    pd.testing.assert_frame_equal(back, head, check_dtype=False)


def test_committed_csv_equals_the_seed_table(table):
    from jxanalysis.style import FIGURES

    path = FIGURES / "04-indicators.csv"
    pd.testing.assert_frame_equal(read_indicators(path), table)
