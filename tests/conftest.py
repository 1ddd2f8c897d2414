"""Shared fixtures: the seed and the three corpus reports, read from seeds/ (no ../shared needed)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Tests never read or write the user's cache (~/.cache/jxanalysis): results cached by an older
# checkout must not hide a change. Set before jxanalysis is imported, inherited by nbval kernels.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="jxanalysis-test-cache-")

import jxanalysis as jx  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "jinxian-2023-government-work-report.txt"
# The held-in corpus: byte-identical copies in seeds/ of the reports in ../shared/corpus (the
# originals are only needed by test_project's check that the copies still match them).
CORPUS_NAMES = ["guangdong-province-2026.txt", "hailar-district-2016.gbk.txt", "national-2019.txt"]
CORPUS = SEEDS
CORPUS_FILES = [SEEDS / name for name in CORPUS_NAMES]
SHARED_CORPUS = Path(os.environ.get("JXANALYSIS_CORPUS", ROOT.parent / "shared" / "corpus"))
missing = [p.name for p in CORPUS_FILES if not p.is_file()]
if missing:  # never let the corpus tests pass by collecting nothing
    raise RuntimeError(f"the corpus reports {missing} are missing from {SEEDS}")


@pytest.fixture(scope="session")
def seed() -> jx.Report:
    return jx.load_report()


@pytest.fixture(scope="session", params=CORPUS_FILES, ids=lambda p: p.name)
def corpus_report(request) -> jx.Report:
    return jx.load_report(request.param)


@pytest.fixture(scope="module")
def figure_style():
    """jx.setup() for a module of figure tests; closes its figures afterwards."""
    import matplotlib.pyplot as plt

    jx.setup()
    yield
    plt.close("all")
