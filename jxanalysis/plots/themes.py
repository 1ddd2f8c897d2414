"""Theme plots: theme shares, section x theme heatmap, part against part, policy-instrument mix.

Each function draws one table made by jxanalysis.themes (theme_shares, section_themes,
part_themes, section_instruments) and returns the Axes, so a test can read the drawn numbers
back and compare them with the table.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from .common import PALETTE, axes as _axes, heatmap

_PERCENT = PercentFormatter(xmax=1, decimals=0)


def _wrap(label: str, width: int = 5) -> str:
    """Break a Chinese name into lines of at most width characters for a narrow column,
    preferably after 、 and before 与 (城市建设、基础设施与区域协调 -> 城市建设、/基础设施/与区域协调)."""
    pieces = [p for p in re.split(r"(?<=、)|(?=与)", label) if p]
    pieces = [p[i : i + width] for p in pieces for i in range(0, len(p), width)]
    lines = [""]
    for piece in pieces:
        if lines[-1] and len(lines[-1]) + len(piece) > width:
            lines.append("")
        lines[-1] += piece
    plain = [label[i : i + width] for i in range(0, len(label), width)]
    return "\n".join(plain if len(plain) < len(lines) else lines)


def bar_theme_shares(shares: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Horizontal bars of each theme's share of the report's tokens (table: jx.themes.theme_shares),
    drawn in the table's order from the top, labelled with the Chinese theme names."""
    ax = _axes(ax, (8, 0.34 * len(shares) + 1.2))
    data = shares.iloc[::-1]
    bars = ax.barh(data["name"], data["share"], color=PALETTE[0])
    ax.bar_label(bars, labels=[f"{v:.1%}" for v in data["share"]], padding=3, fontsize=8)
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=1))
    ax.set_xlabel("主题词占全部内容词的比例 share of content tokens")
    ax.margins(x=0.12, y=0.01)
    return ax


def heatmap_themes(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """A section x theme heatmap (table: jx.themes.section_themes; its tokens column goes into the
    row labels): one row per section from the top, one column per theme, colour = theme share,
    each non-zero share written in % in its cell, with a colourbar."""
    data = table.drop(columns="tokens", errors="ignore")
    rows = list(data.index)
    if "tokens" in table:
        rows = [f"{name}（{n}词）" for name, n in zip(data.index, table["tokens"])]
    return heatmap(data, ax, label="主题词占该段落组内容词的比例（%）", scale=100,
                   columns=[_wrap(c) for c in data.columns], rows=rows, cell=(0.7, 0.42), zeros=False)


def bar_part_themes(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Grouped horizontal bars comparing parts (table: jx.themes.part_themes, one column per part):
    for each theme, one bar per part, the first part on top within a group."""
    n_themes, n_parts = table.shape
    ax = _axes(ax, (8, 0.22 * n_themes * n_parts + 1.5))
    height = 0.8 / n_parts
    colours = [PALETTE[0], PALETTE[2], PALETTE[1], PALETTE[3]]
    base = np.arange(n_themes)[::-1]  # first theme at the top
    for k, part in enumerate(table.columns):
        offset = (n_parts - 1) / 2 * height - k * height
        ax.barh(base + offset, table[part].to_numpy(dtype=float), height=height,
                color=colours[k % len(colours)], label=part)
    ax.set_yticks(base, list(table.index))
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=1))
    ax.set_xlabel("主题词占该部分内容词的比例 share of the part's content tokens")
    ax.legend(loc="lower right", frameon=False)
    ax.margins(y=0.01)
    return ax


def bar_instrument_mix(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Stacked horizontal bars of the policy-instrument mix per section (table:
    jx.themes.section_instruments): each bar sums to 100% of the section's classified sentences,
    whose number is written after the section name."""
    data = table.drop(columns="sentences", errors="ignore")
    ax = _axes(ax, (9, 0.42 * len(data) + 1.6))
    labels = list(data.index)
    if "sentences" in table:
        labels = [f"{name}（{n}句）" for name, n in zip(data.index, table["sentences"])]
    y = np.arange(len(data))[::-1]
    left = np.zeros(len(data))
    for k, kind in enumerate(data.columns):
        widths = data[kind].to_numpy(dtype=float)
        ax.barh(y, widths, left=left, height=0.7, color=[PALETTE[0], PALETTE[1], PALETTE[2]][k % 3], label=kind)
        for yi, x0, w in zip(y, left, widths):
            if w >= 0.08:
                ax.text(x0 + w / 2, yi, f"{w:.0%}", ha="center", va="center", fontsize=8,
                        color="white" if k != 1 else "#222222")
        left += widths
    ax.set_yticks(y, labels)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(_PERCENT)
    ax.set_xlabel("已分类句子中各类政策工具的比例 share of classified sentences")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(data.columns), frameon=False)
    ax.margins(y=0.01)
    return ax
