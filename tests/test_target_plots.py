"""The target figures re-read from what they draw: the same numbers as the tables they draw."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import numpy as np
import pandas as pd
import pytest

import jxanalysis as jx
from jxanalysis.targets import strength_shares
from test_targets import GOLD, load

pytestmark = pytest.mark.usefixtures("figure_style")
BAODING = [("tests/data/reports/baoding-city-2021.txt", "tests/data/reports/baoding-city-2022.txt", 2021),
           ("tests/data/reports/baoding-city-2022.txt", "tests/data/reports/baoding-city-2023.txt", 2022)]


@pytest.fixture(scope="module")
def attainment():
    return pd.concat([jx.target_attainment(load(t), load(o)).assign(year=y) for t, o, y in BAODING], ignore_index=True)


def test_target_outcome_draws_the_attainment_table(attainment):
    ax = jx.plots.target_outcome(attainment, "gdp_growth")
    rows = attainment[attainment.indicator == "gdp_growth"].sort_values("year")
    assert len(rows) == 2  # Baoding GDP growth: 8% or more in 2021 and 2022
    bars = [line for line in ax.lines if line.get_gid() == "target"]
    assert [tuple(b.get_ydata()) for b in bars] == list(zip(rows.low, rows.high))
    assert [np.mean(b.get_xdata()) for b in bars] == list(rows.year)  # centred on the year
    points = next(c for c in ax.collections if c.get_gid() == "outcome")
    assert np.allclose(points.get_offsets(), rows[["year", "outcome"]].to_numpy(dtype=float))
    colours = [tuple(c) for c in points.get_facecolors()]
    met = [tuple(matplotlib.colors.to_rgba(jx.plots.common.PALETTE[0 if m else 2])) for m in rows.met]
    assert colours == met and not rows.met.any()  # 7.2% and 3.8% against 8%以上: not met


def test_strength_shares_bars_add_up_to_the_table():
    files = list(dict.fromkeys(GOLD.file))
    level = lambda f: "national" if "national" in f else "county" if ("county" in f or "district" in f) else \
        "city" if "city" in f else "province"
    panel = pd.concat([jx.extract_targets(load(f)).assign(level=level(f)) for f in files], ignore_index=True)
    shares = strength_shares(panel)
    assert np.allclose(shares.sum(axis=1), 1)
    soft = panel.groupby("level").strength.apply(lambda s: (s == "soft").mean())
    assert shares["soft"].to_dict() == pytest.approx(soft.to_dict())
    ax = jx.plots.bar_strength_shares(shares)
    for strength in shares.columns:
        bars = [p for p in ax.patches if p.get_gid() == strength] or \
            [p for c in ax.containers if c.get_gid() == strength for p in c]
        widths = [b.get_width() for b in sorted(bars, key=lambda b: -b.get_y())]
        assert widths == pytest.approx(list(shares[strength]))
    ticks = sorted(zip(ax.get_yticks(), (t.get_text() for t in ax.get_yticklabels())), reverse=True)
    assert [label for _, label in ticks] == list(shares.index)  # top to bottom, in table order
