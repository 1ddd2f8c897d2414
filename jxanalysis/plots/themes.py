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

from .common import PALETTE, axes as _axes

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


def heatmap_themes(table: pd.DataFrame, ax: Axes | None = None, annotate: bool = True) -> Axes:
    """A section x theme heatmap (table: jx.themes.section_themes; its tokens column goes into the
    row labels): one row per section from the top, one column per theme, colour = theme share,
    with a colourbar.
    annotate writes each non-zero share (in %) into its cell."""
    data = table.drop(columns="tokens", errors="ignore")
    values = data.to_numpy(dtype=float)
    rows, cols = values.shape
    ax = _axes(ax, (0.7 * cols + 3.4, 0.42 * rows + 2.4))
    image = ax.imshow(values, cmap="Blues", aspect="auto", vmin=0, vmax=max(values.max(initial=0), 1e-9))
    ax.set_xticks(range(cols), [_wrap(c) for c in data.columns], fontsize=8, linespacing=1.1)
    labels = list(data.index)
    if "tokens" in table:
        labels = [f"{name}（{n}词）" for name, n in zip(data.index, table["tokens"])]
    ax.set_yticks(range(rows), labels, fontsize=9)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    ax.set_xticks(np.arange(cols + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(rows + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=1)
    ax.tick_params(which="minor", length=0)
    if annotate:
        dark = values > 0.6 * values.max(initial=0)
        for i, j in zip(*np.nonzero(values)):
            ax.text(j, i, f"{100 * values[i, j]:.1f}", ha="center", va="center", fontsize=7,
                    color="white" if dark[i, j] else "#333333")
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02, format=_PERCENT)
    bar.set_label("主题词占该段落组内容词的比例（格中数字为 %）")
    bar.outline.set_visible(False)
    return ax


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
