"""Comparison plots: keyword trends and theme shares across reports (tables from jxanalysis.compare)."""
from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes

from .common import PALETTE, axes, heatmap


def heatmap_keyword_trends(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Words (rows) x reports in date order (columns): occurrences per 1000 tokens."""
    return heatmap(table, ax, label="每千词出现次数 per 1000 tokens", decimals=1, cmap="Oranges")


def heatmap_report_themes(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Themes (rows) x reports (columns): share of the report's tokens, written in %."""
    return heatmap(table, ax, label="主题词占全部内容词的比例（%）", scale=100, decimals=1)


def bar_indicator_density(overview: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Indicators per 1000 characters for each report (table: jxanalysis.compare.overview)."""
    data = overview["indicators_per_1000"].iloc[::-1]
    ax = axes(ax, (8, 0.5 * len(data) + 1.5))
    bars = ax.barh(list(data.index), data.to_numpy(dtype=float), color=PALETTE[0])
    ax.bar_label(bars, labels=[f"{v:.1f}" for v in data], padding=3, fontsize=9)
    ax.set_xlabel("每千字的数量指标个数 indicators per 1000 characters")
    ax.margins(x=0.12)
    return ax
