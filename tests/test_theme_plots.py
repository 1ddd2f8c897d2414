"""Each theme figure (notebook 03) re-drawn from its table: what the picture shows is what the table says."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pytest

import jxanalysis as jx
from jxanalysis.plots.themes import _wrap
from jxanalysis.themes import (
    aggregate_themes,
    load_themes,
    part_themes,
    policy_instruments,
    section_instruments,
    section_themes,
    theme_scores,
    theme_shares,
)

NAMES = {t.id: t.name_zh for t in load_themes()}


pytestmark = pytest.mark.usefixtures("figure_style")


@pytest.fixture(scope="module")
def scores(seed):
    return theme_scores(seed)


def _bars(ax):
    return [p for p in ax.patches if p.get_width() or p.get_height()]


def _renders_without_overlap(labels) -> bool:
    """True when no two tick labels' drawn boxes intersect."""
    boxes = [t.get_window_extent() for t in labels if t.get_text()]
    return not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def test_share_bars_equal_the_whole_report_aggregate(scores):
    shares = theme_shares(scores)
    ax = jx.plots.bar_theme_shares(shares)
    whole = aggregate_themes(scores, by=None).iloc[0]
    labels = [t.get_text() for t in ax.get_yticklabels()][::-1]  # top to bottom
    widths = [b.get_width() for b in ax.patches][::-1]
    assert labels == [NAMES[t] for t in shares["theme"]]
    assert widths == pytest.approx([whole[t] for t in shares["theme"]])
    assert widths == sorted(widths, reverse=True)
    assert [t.get_text() for t in ax.texts] == [f"{v:.1%}" for v in shares["share"][::-1]]


def test_heatmap_array_equals_the_section_theme_table(seed, scores):
    table = section_themes(scores)
    ax = jx.plots.heatmap_themes(table)
    image = ax.get_images()[0]
    assert np.array_equal(np.asarray(image.get_array()), table.drop(columns="tokens").to_numpy(float))
    assert [t.get_text() for t in ax.get_xticklabels()] == [_wrap(NAMES[t.id]) for t in load_themes()]
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows == [f"{s}（{n}词）" for s, n in zip(table.index, table["tokens"])]
    assert any(r.startswith("经济发展稳中有进（") for r in rows)  # long section names shortened
    assert len(ax.figure.axes) == 2  # the heatmap and its colourbar
    values = table.drop(columns="tokens").to_numpy(float)
    assert len(ax.texts) == np.count_nonzero(values)
    ax.figure.canvas.draw()
    assert _renders_without_overlap(ax.get_xticklabels())
    assert _renders_without_overlap(ax.get_yticklabels())


def test_heatmap_labels_stay_apart_on_a_report_with_many_sections(corpus_report):
    table = section_themes(theme_scores(corpus_report))
    ax = jx.plots.heatmap_themes(table)
    ax.figure.canvas.draw()
    assert _renders_without_overlap(ax.get_xticklabels())
    assert _renders_without_overlap(ax.get_yticklabels())
    plt.close(ax.figure)


def test_part_bars_equal_the_part_table(scores):
    table = part_themes(scores)
    ax = jx.plots.bar_part_themes(table)
    n_themes, n_parts = table.shape
    bars = ax.patches
    assert len(bars) == n_themes * n_parts
    drawn = np.array([b.get_width() for b in bars]).reshape(n_parts, n_themes).T
    assert np.allclose(drawn, table.to_numpy(float))
    # within each theme the parts sit side by side, first part on top
    y = np.array([b.get_y() for b in bars]).reshape(n_parts, n_themes)
    assert (y[0] > y[1]).all()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(table.columns)
    assert [t.get_text() for t in ax.get_yticklabels()] == list(table.index)


def test_instrument_bars_stack_to_the_mix(seed):
    mix = section_instruments(policy_instruments(seed))
    ax = jx.plots.bar_instrument_mix(mix)
    shares = mix.drop(columns="sentences")
    n_rows, n_kinds = shares.shape
    bars = ax.patches
    assert len(bars) == n_rows * n_kinds
    widths = np.array([b.get_width() for b in bars]).reshape(n_kinds, n_rows).T
    lefts = np.array([b.get_x() for b in bars]).reshape(n_kinds, n_rows).T
    assert np.allclose(widths, shares.to_numpy(float))
    assert np.allclose(lefts[:, 1:], np.cumsum(widths, axis=1)[:, :-1])  # stacked
    assert np.allclose(widths.sum(axis=1), 1.0)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [f"{s}（{n}句）" for s, n in zip(mix.index, mix["sentences"])]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(shares.columns)


def test_theme_names_wrap_into_short_lines():
    for theme in load_themes():
        lines = _wrap(theme.name_zh).split("\n")
        assert "".join(lines) == theme.name_zh
        assert all(len(line) <= 5 for line in lines) and len(lines) <= 3


@pytest.mark.parametrize("draw", ["shares", "heatmap", "parts", "instruments"])
def test_saved_theme_figures_are_deterministic(seed, scores, tmp_path, draw):
    def figure():
        if draw == "shares":
            ax = jx.plots.bar_theme_shares(theme_shares(scores))
        elif draw == "heatmap":
            ax = jx.plots.heatmap_themes(section_themes(scores))
        elif draw == "parts":
            ax = jx.plots.bar_part_themes(part_themes(scores))
        else:
            ax = jx.plots.bar_instrument_mix(section_instruments(policy_instruments(seed)))
        return ax.figure

    first = jx.save_fig(figure(), "03-test", folder=tmp_path / "a").read_bytes()
    second = jx.save_fig(figure(), "03-test", folder=tmp_path / "b").read_bytes()
    assert first == second
    assert first.startswith(b"\x89PNG") and b"Software" not in first
    plt.close("all")
