"""What every plot module shares: the palette and the ax=None convention."""
from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.text import Annotation, Text
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


# Where place_labels tries a label, in order of preference: unit directions from its point.
_D = 0.7071
RIGHT_FIRST = [(1, 0), (_D, _D), (0, 1), (-_D, _D), (-1, 0), (-_D, -_D), (0, -1), (_D, -_D)]
BELOW_FIRST = [(0, -1), (0, 1), (1, 0), (-1, 0), (_D, -_D), (-_D, -_D), (_D, _D), (-_D, _D)]


def _overlap(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Overlap areas of box a (x0, y0, x1, y1) with each row of boxes b."""
    w = np.minimum(a[2], b[:, 2]) - np.maximum(a[0], b[:, 0])
    h = np.minimum(a[3], b[:, 3]) - np.maximum(a[1], b[:, 1])
    return np.clip(w, 0, None) * np.clip(h, 0, None)


def _crossed(box: np.ndarray, segments: np.ndarray) -> int:
    """How many segments (rows x0, y0, x1, y1) pass through box (Liang-Barsky clipping)."""
    if not len(segments):
        return 0
    p0, d = segments[:, :2], segments[:, 2:] - segments[:, :2]
    lo, hi = np.zeros(len(d)), np.ones(len(d))
    for axis in (0, 1):
        with np.errstate(divide="ignore", invalid="ignore"):
            t0 = (box[axis] - p0[:, axis]) / d[:, axis]
            t1 = (box[axis + 2] - p0[:, axis]) / d[:, axis]
        flat = d[:, axis] == 0
        inside = (p0[:, axis] > box[axis]) & (p0[:, axis] < box[axis + 2])
        t0, t1 = np.where(flat, np.where(inside, -np.inf, np.inf), t0), np.where(flat, np.inf, t1)
        lo, hi = np.maximum(lo, np.minimum(t0, t1)), np.minimum(hi, np.maximum(t0, t1))
    return int((lo < hi).sum())


def _align(d: float) -> float:
    """Where a label's box starts, as a fraction of its size, for a direction component d."""
    return 0.5 if abs(d) < 0.3 else 0.0 if d > 0 else 1.0


def place_labels(ax: Axes, xy: np.ndarray, words: Sequence[str], *, start: float | Sequence[float] = 3.0,
                 directions: Sequence[tuple[float, float]] = RIGHT_FIRST,
                 steps: Sequence[float] = (0, 6, 12, 20, 30, 42),
                 regions: Sequence[tuple[float, float, float, float]] | None = None, avoid: Sequence = (),
                 segments: np.ndarray | None = None, pad: float = 1.5, **text) -> list[Annotation]:
    """Label each point xy[i] (data coordinates) with words[i] where the label overlaps nothing.

    A deterministic greedy repel: in the order given, each label takes the first place, nearest
    first (start[i] + steps points away, in the order of directions), whose box (measured with
    the renderer) keeps pad points from every label placed before it, overlaps no other point (a
    box of start[j] points around point j), no box in avoid (display Bboxes, e.g. a legend's),
    crosses no segment (rows x0, y0, x1, y1 in display coordinates) and lies inside regions[i]
    (data x0, y0, x1, y1; default the axes). Where no place is free, the least overlap wins, then
    the fewest segments crossed. A label set beyond the first ring gets a thin leader line to its
    point. The axes' limits and size must be final: labels are offsets in points from their
    points. text: keyword arguments of ax.annotate, each a value or a list of one per label.
    """
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    ax.apply_aspect()
    px = fig.dpi / 72
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    points = ax.transData.transform(xy)
    start = np.broadcast_to(np.asarray(start, dtype=float), len(points))
    frame = ax.bbox.extents
    bounds = np.tile(frame, (len(points), 1))
    if regions is not None:
        (x0, x1), (y0, y1) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
        corners = np.clip(np.asarray(regions, dtype=float).reshape(-1, 2, 2), [x0, y0], [x1, y1])
        corners = ax.transData.transform(corners.reshape(-1, 2)).reshape(-1, 4)
        bounds = np.column_stack([np.maximum(corners[:, :2], frame[:2]), np.minimum(corners[:, 2:], frame[2:])])
    dots = np.column_stack([points - start[:, None] * px, points + start[:, None] * px])
    avoid = np.vstack([np.empty((0, 4)), *[np.atleast_2d(b.extents) for b in avoid]])
    segments = np.empty((0, 4)) if segments is None else np.asarray(segments, dtype=float).reshape(-1, 4)
    placed = np.empty((0, 4))
    labels = []
    for i, (point, word) in enumerate(zip(points, words)):
        style = {k: (v[i] if isinstance(v, list | tuple) else v) for k, v in text.items()}
        size = Text(0, 0, word, figure=fig, fontsize=style.get("fontsize")).get_window_extent(renderer).size
        best, best_cost = None, (np.inf, np.inf)
        for step in steps:
            for dx, dy in directions:
                offset = (start[i] + step) * np.array([dx, dy])
                corner = point + offset * px - size * [_align(dx), _align(dy)]
                box = np.concatenate([corner, corner + size])
                padded = box + pad * px * np.array([-1, -1, 1, 1])
                outside = (box[:2] < bounds[i, :2]).any() or (box[2:] > bounds[i, 2:]).any()
                near = _overlap(box, dots)
                near[i] = 0
                # overlaps (in pixels squared) first, then the number of segments crossed
                cost = ((size.prod() - _overlap(box, bounds[i:i + 1])[0] if outside else 0.0) + near.sum()
                        + _overlap(box, avoid).sum() + _overlap(padded, placed).sum(), _crossed(box, segments))
                if cost < best_cost:
                    best, best_cost = (offset, dx, dy, step, box), cost
                if cost == (0, 0):
                    break
            if best_cost == (0, 0):
                break
        offset, dx, dy, step, box = best
        placed = np.vstack([placed, box])
        leader = {"arrowstyle": "-", "color": "#9e9e9e", "lw": 0.5, "shrinkA": 0, "shrinkB": start[i]}
        labels.append(ax.annotate(word, xy[i], xytext=offset, textcoords="offset points",
                                  arrowprops=leader if step > steps[0] else None,
                                  ha={0.5: "center", 0.0: "left", 1.0: "right"}[_align(dx)],
                                  va={0.5: "center", 0.0: "bottom", 1.0: "top"}[_align(dy)], **style))
    return labels
