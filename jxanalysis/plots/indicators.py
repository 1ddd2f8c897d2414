"""Indicator plots: headline growth rates with their stated ranks, money amounts by section,
indicator kinds by section.

Each function draws one table made by jxanalysis.indicator_tables (headline_indicators,
amounts_by_section, kinds_by_section) and returns the Axes. Approximate values (余, 近, 超 …)
are hatched in every figure. Texts carry a gid ("value", "rank", "approx", "section") so that a
test can read back what was written.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter
from matplotlib.transforms import blended_transform_factory

from ..themes import short_label
from .common import PALETTE, axes as _axes

HATCH = "///"
KIND_NAMES = {"amount": "数量 amount", "growth": "增速 growth", "ratio": "比率 ratio", "rank": "排名 rank"}
KIND_COLOURS = {"amount": PALETTE[0], "growth": PALETTE[2], "ratio": PALETTE[1], "rank": PALETTE[3]}
_APPROX_PATCH = {"facecolor": "white", "edgecolor": "#555555", "hatch": HATCH}


def _label(subject: str, period: str) -> str:
    return f"{subject}（{period}）" if period else subject


def growth_labels(headline: pd.DataFrame) -> list[str]:
    """The axis labels bar_headline_growth writes, top to bottom: subject（period）."""
    rows = headline[headline["kind"] == "growth"]
    return [_label(s, p) for s, p in zip(rows["subject"], rows["period"])]


def _money(value: float, _pos: object = None) -> str:
    """An axis tick in Chinese magnitudes: 1000 -> 1000元, 1e5 -> 10万元, 1e9 -> 10亿元."""
    for size, name in ((1e12, "万亿元"), (1e8, "亿元"), (1e4, "万元")):
        if value >= size:
            return f"{value / size:g}{name}"
    return f"{value:g}元"


def bar_headline_growth(headline: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Horizontal bars of the headline growth rates (table: jx.headline_indicators; its growth rows,
    top to bottom in text order), each labelled with its rate as written; bars whose sentence
    states a rank are orange and the rank (全市第一) is written in a column at the right;
    approximate rates are hatched."""
    rows = headline[headline["kind"] == "growth"].reset_index(drop=True)
    ax = _axes(ax, (8.5, 0.45 * len(rows) + 1.4))
    y = np.arange(len(rows))[::-1]
    ranked = rows["rank"].astype(str) != ""
    colours = np.where(ranked, PALETTE[2], PALETTE[0])
    bars = ax.barh(y, rows["value"], color=colours, height=0.65,
                   hatch=[HATCH if a else None for a in rows["approx"]], edgecolor="white", linewidth=0)
    for text in ax.bar_label(bars, labels=list(rows["raw"]), padding=3, fontsize=9):
        text.set_gid("value")
    ax.set_yticks(y, growth_labels(headline), fontsize=10)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("增速 growth（%，下降为负）")
    ax.margins(x=0.15, y=0.04)
    column = blended_transform_factory(ax.transAxes, ax.transData)
    if "part" in rows and rows["part"].nunique() > 1:  # review and plan: a dashed line between parts
        for i in range(len(rows)):
            if i == 0 or rows["part"][i] != rows["part"][i - 1]:
                if i:
                    ax.axhline(y[i] + 0.5, color="#9e9e9e", linewidth=0.8, linestyle="--")
                ax.text(0.99, y[i] + 0.5, short_label(rows["part"][i]) or "开头", transform=column, ha="right",
                        va="center", fontsize=8, color="#555555", gid="part",
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    for yi, rank in zip(y, rows["rank"]):
        if rank:
            ax.text(1.01, yi, rank, transform=column, ha="left", va="center", fontsize=10,
                    color=PALETTE[2], gid="rank")
    if ranked.any():
        ax.text(1.01, 1.0, "句中所述排名", transform=ax.transAxes, ha="left", va="bottom", fontsize=9,
                color="#555555")
    handles = [Patch(color=PALETTE[0], label="未述排名")]
    if ranked.any():
        handles.append(Patch(color=PALETTE[2], label="同句写明排名"))
    if rows["approx"].any():
        handles.append(Patch(label="约数（左右、以上、近…）", **_APPROX_PATCH))
    ax.legend(handles=handles, loc="lower right", frameon=False, fontsize=9)
    return ax


def bar_amounts_by_section(amounts: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Horizontal bars of money amounts on a log scale (table: jx.amounts_by_section), grouped by
    section under a heading 【…】, in text order from the top, each labelled with the amount as
    written; approximate amounts (余, 近, 超 …) are hatched. Sections alternate two blues."""
    groups = list(dict.fromkeys(amounts["section"]))
    ax = _axes(ax, (9, 0.32 * (len(amounts) + len(groups)) + 1.2))
    positions, labels, headings = [], [], []
    row = 0
    for g, section in enumerate(groups):
        headings.append((row, section))
        row += 1
        for subject in amounts.loc[amounts["section"] == section, "subject"]:
            positions.append(row)
            labels.append(subject)
            row += 1
    y = row - 1 - np.array(positions, dtype=float)
    shade = {s: PALETTE[g % 2] for g, s in enumerate(groups)}
    order = pd.concat([amounts.loc[amounts["section"] == s] for s in groups]) if groups else amounts
    ax.set_xscale("log")
    bars = ax.barh(y, order["value"], color=order["section"].map(shade).tolist(), height=0.7,
                   hatch=[HATCH if a else None for a in order["approx"]], edgecolor="white", linewidth=0)
    for text in ax.bar_label(bars, labels=list(order["raw"]), padding=3, fontsize=8.5):
        text.set_gid("value")
    ax.set_yticks(y, labels, fontsize=9)
    for h, section in headings:
        ax.text(0, row - 1 - h, f"【{section}】", transform=blended_transform_factory(ax.transAxes, ax.transData),
                ha="left", va="center", fontsize=10, color="#222222", gid="section")
    ax.set_ylim(-0.7, row - 0.3)
    ax.xaxis.set_major_locator(LogLocator(base=10, numticks=9))
    ax.xaxis.set_major_formatter(FuncFormatter(_money))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlim(left=max(order["value"].min() / 3, 1) if len(order) else 1,
                right=order["value"].max() * 12 if len(order) else 10)
    ax.set_xlabel("金额（对数刻度）amount in 元, log scale")
    ax.legend(handles=[Patch(label="约数（余、近、超…）", **_APPROX_PATCH)], loc="lower right", frameon=False,
              fontsize=9)
    return ax


def bar_kinds_by_section(counts: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Stacked horizontal bars: how many indicators of each kind each section states (table:
    jx.kinds_by_section, sections from the top), with the total and the number of approximate
    ones written at the end of each bar (35（约数 2）)."""
    kinds = [k for k in KIND_NAMES if k in counts]
    ax = _axes(ax, (8.5, 0.5 * len(counts) + 1.4))
    y = np.arange(len(counts))[::-1]
    left = np.zeros(len(counts))
    for kind in kinds:
        values = counts[kind].to_numpy(dtype=float)
        ax.barh(y, values, left=left, color=KIND_COLOURS[kind], height=0.65, label=KIND_NAMES[kind])
        left += values
    for yi, total, approx in zip(y, left, counts["approx"]):
        note = f" {total:g}（约数 {approx}）" if approx else f" {total:g}"
        ax.text(total, yi, note, ha="left", va="center", fontsize=9, color="#333333", gid="total")
    ax.set_yticks(y, list(counts.index), fontsize=10)
    ax.set_xlabel("指标个数 number of indicators")
    ax.set_xlim(0, max(left.max(initial=0), 1) * 1.2)
    ax.margins(y=0.03)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=len(kinds), frameon=False, fontsize=9)
    return ax
