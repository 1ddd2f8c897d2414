"""Comparison plots: keyword trends and theme shares across reports (tables from jxanalysis.compare)."""
from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes

from .common import heatmap


def heatmap_keyword_trends(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Words (rows) x reports in date order (columns): occurrences per 1000 tokens."""
    return heatmap(table, ax, label="每千词出现次数 per 1000 tokens", decimals=1, cmap="Oranges")


def heatmap_report_themes(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Themes (rows) x reports (columns): share of the report's tokens, written in %."""
    return heatmap(table, ax, label="主题词占全部内容词的比例（%）", scale=100, decimals=1)
