"""Figure style: a CJK font for matplotlib and wordcloud, rcParams, deterministic PNG saving."""
from __future__ import annotations

import logging
import os
import re
import warnings
from functools import lru_cache
from collections.abc import Sequence
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib import font_manager
from matplotlib.figure import Figure

from .report import SEED, Report, folder_name

_ROOT = Path(__file__).resolve().parent.parent
# $JXANALYSIS_FIGURES if set; else the project's figures/ in a checkout, or ./figures where
# jxanalysis is installed as a package.
FIGURES = Path(os.environ.get("JXANALYSIS_FIGURES") or (_ROOT / "figures" if (_ROOT / "notebooks").is_dir() else "figures"))
_NAME = re.compile(r"^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")
# System fonts that cover simplified Chinese, in order of preference.
_SYSTEM_CJK = ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
               "Microsoft YaHei", "SimHei", "PingFang SC", "Heiti SC", "Droid Sans Fallback"]


def bundled_font() -> Path:
    """Noto Sans CJK SC as shipped by the mplfonts package: same font, same pixels, on every machine."""
    import mplfonts

    return Path(mplfonts.__file__).parent / "fonts" / "NotoSansCJKsc-Regular.otf"


def system_font() -> Path | None:
    """A CJK font installed on this machine, or None."""
    names = {f.name: f.fname for f in font_manager.fontManager.ttflist}
    return next((Path(names[n]) for n in _SYSTEM_CJK if n in names), None)


@lru_cache(maxsize=None)
def cjk_font(prefer_system: bool = False) -> Path:
    """The CJK font file to draw with, registered with matplotlib.

    By default the bundled font, so that committed figures are reproduced byte for byte
    whatever fonts a machine has; with prefer_system=True a system CJK font comes first.
    """
    path = (system_font() if prefer_system else None) or bundled_font()
    font_manager.fontManager.addfont(str(path))
    return path


def setup(prefer_system_font: bool = False) -> None:
    """One call at the top of a notebook: CJK font, rcParams, quiet libraries, pandas display."""
    font = cjk_font(prefer_system_font)
    name = font_manager.FontProperties(fname=str(font)).get_name()
    matplotlib.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": [name, "DejaVu Sans"],
        "axes.unicode_minus": False,  # CJK fonts lack U+2212; use the ASCII hyphen-minus
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "figure.figsize": (9, 5.5),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.hashsalt": "jxanalysis",
    })
    logging.getLogger("jieba").setLevel(logging.WARNING)
    # A missing glyph would be drawn as an empty box: fail loudly instead.
    warnings.filterwarnings("error", message="Glyph .* missing from")
    pd.set_option("display.max_colwidth", 60)
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.width", 120)


def figures_dir(report: Report | Sequence[str | Path] | None = None) -> Path:
    """Where a notebook saves its figures: figures/ for the seed report (or None), figures/<file
    name>/ for any other report, and figures/compare/ for a list of reports (a notebook comparing
    your own reports), so that analysing your own reports never overwrites the committed figures."""
    if report is None:
        return FIGURES
    if not isinstance(report, Report):
        return FIGURES / "compare"
    seeds = {SEED.resolve(), (_ROOT / "seeds" / SEED.name).resolve()}  # the package's copy or the checkout's
    return FIGURES if report.path.resolve() in seeds else FIGURES / folder_name(report.path)


def save_fig(fig: Figure, name: str, folder: str | Path | None = None) -> Path:
    """Save fig as folder/NAME.png (default figures/) with deterministic bytes.

    name is "NN-content", NN the notebook number: "02-top-keywords".
    """
    if not _NAME.match(name):
        raise ValueError(f"figure name {name!r} must look like '02-top-keywords'")
    folder = Path(folder) if folder is not None else FIGURES
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    fig.savefig(path, format="png", bbox_inches="tight", metadata={"Software": None})
    return path
