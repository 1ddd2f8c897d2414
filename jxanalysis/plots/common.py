"""What every plot module shares: the palette and the ax=None convention."""
from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.axes import Axes

# Colour-blind-safe blue/orange pair first, then light blue and grey.
PALETTE = ["#1b6ca8", "#74a9cf", "#e6550d", "#9e9e9e"]


def axes(ax: Axes | None, size: tuple[float, float] = (9, 6)) -> Axes:
    """The given Axes, or a new figure's Axes of the given size."""
    return ax if ax is not None else plt.subplots(figsize=size)[1]
