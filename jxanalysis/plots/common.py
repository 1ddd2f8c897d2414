"""What every plot module shares: the palette and the ax=None convention."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

# Colour-blind-safe blue/orange pair first, then light blue and grey.
PALETTE = ["#1b6ca8", "#74a9cf", "#e6550d", "#9e9e9e"]


def axes(ax: Axes | None, size: tuple[float, float] = (9, 6)) -> Axes:
    """The given Axes, or a new figure's Axes of the given size."""
    return ax if ax is not None else plt.subplots(figsize=size)[1]


def heatmap(table: pd.DataFrame, ax: Axes | None = None, label: str = "", scale: float = 1.0,
            decimals: int = 1, cmap: str = "Blues", columns: list[str] | None = None,
            rows: list[str] | None = None, cell: tuple[float, float] = (1.1, 0.42), zeros: bool = True) -> Axes:
    """A rows x columns heatmap of a numeric table with a colourbar; each cell shows its value
    times scale (scale=100 writes shares as %), an exact zero as "0" (so that it does not look
    like missing data; zeros=False leaves it blank), a missing value (NaN) blank. columns/rows
    replace the table's labels; cell is the width and height of a cell in inches."""
    values = table.to_numpy(dtype=float)
    n_rows, n_cols = values.shape
    ax = axes(ax, (cell[0] * n_cols + 3.5, cell[1] * n_rows + 2.2))
    image = ax.imshow(values, cmap=cmap, aspect="auto", vmin=0, vmax=max(np.nanmax(values, initial=0), 1e-9))
    ax.set_xticks(range(n_cols), columns or list(table.columns), fontsize=8 if columns else 9, linespacing=1.1)
    ax.set_yticks(range(n_rows), rows or list(table.index), fontsize=9)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    ax.set_xticks(np.arange(n_cols + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(n_rows + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=1)
    ax.tick_params(which="minor", length=0)
    dark = values > 0.6 * np.nanmax(values, initial=0)
    for i, j in zip(*np.nonzero(np.isfinite(values) & ((values != 0) | zeros))):
        value = f"{scale * values[i, j]:.{decimals}f}" if values[i, j] else "0"
        ax.text(j, i, value, ha="center", va="center", fontsize=8, color="white" if dark[i, j] else "#333333")
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02,
                             format=FuncFormatter(lambda v, _pos: f"{scale * v:g}"))
    bar.set_label(label)
    bar.outline.set_visible(False)
    return ax
