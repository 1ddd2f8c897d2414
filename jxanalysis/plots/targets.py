"""Target plots: target against outcome over the years for one indicator of a place, and how
firmly targets are worded (hard / soft / neutral) by level of government.

Each function draws a table (see the docstrings) and returns the Axes; artists carry a gid
("target", "outcome", a strength name) so that a test can read back what was drawn.
"""
from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from ..targets import STRENGTHS
from .common import PALETTE, axes as _axes

STRENGTH_COLOURS = {"hard": PALETTE[2], "soft": PALETTE[1], "neutral": PALETTE[3]}
STRENGTH_NAMES = {"hard": "确保 hard", "soft": "力争 soft", "neutral": "neutral"}


def target_outcome(attainment: pd.DataFrame, indicator: str, ax: Axes | None = None) -> Axes:
    """Target and outcome of one indicator over the years.

    attainment: rows of jx.target_attainment with a year column (the target's year), e.g. the
    concatenated attainment tables of consecutive reports of one place. The target is drawn as a
    grey bar from low to high (a short horizontal bar when low == high), the outcome as a dot:
    blue when met, orange when not."""
    rows = attainment[attainment["indicator"] == indicator].sort_values("year")
    ax = _axes(ax, (6, 4))
    for row in rows.itertuples():
        if row.low == row.high:  # a single number: a level, not a range
            ax.plot([row.year - 0.15, row.year + 0.15], [row.low, row.high], color=PALETTE[3], linewidth=4, gid="target")
        else:
            ax.plot([row.year, row.year], [row.low, row.high], color=PALETTE[3], linewidth=8,
                    solid_capstyle="round", gid="target")
    colours = [PALETTE[0] if met else PALETTE[2] for met in rows["met"]]
    ax.scatter(rows["year"], rows["outcome"], color=colours, zorder=3, s=40, gid="outcome")
    unit = rows["unit"].iloc[0] if len(rows) else ""
    ax.set_xticks(list(rows["year"]), [str(int(y)) for y in rows["year"]])
    ax.set_ylabel(f"{indicator}（{unit}）" if unit else indicator)
    ax.set_title(f"目标与实际 Target and outcome: {indicator}")
    ax.legend(handles=[Line2D([], [], color=PALETTE[3], linewidth=8, label="目标 target"),
                       Line2D([], [], marker="o", linestyle="", color=PALETTE[0], label="完成 met"),
                       Line2D([], [], marker="o", linestyle="", color=PALETTE[2], label="未完成 not met")],
              frameon=False, fontsize=8, loc="best")
    ax.margins(x=0.2)
    return ax


def bar_strength_shares(shares: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Stacked horizontal bars: for each level (rows of shares, top to bottom), the share of its
    targets worded hard, soft and neutral (columns of shares, summing to 1; see
    jx.targets.strength_shares)."""
    ax = _axes(ax, (7, 0.6 * len(shares) + 1.5))
    y = list(range(len(shares)))[::-1]
    left = pd.Series(0.0, index=shares.index)
    for strength in [s for s in STRENGTHS if s in shares.columns]:
        ax.barh(y, shares[strength], left=left, color=STRENGTH_COLOURS[strength],
                label=STRENGTH_NAMES[strength], gid=strength)
        left = left + shares[strength]
    ax.set_yticks(y, list(shares.index))
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{v:.0%}")
    ax.set_xlabel("目标的措辞 share of targets")
    ax.legend(frameon=False, fontsize=8, ncol=3, loc="upper center", bbox_to_anchor=(0.5, -0.15))
    return ax
