"""Shared fixtures: the seed, the held-in corpus reports in ../shared/corpus/."""
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
CORPUS = Path(os.environ.get("JXANALYSIS_CORPUS", ROOT.parent / "shared" / "corpus"))
CORPUS_FILES = sorted(CORPUS.glob("*.txt"))
if len(CORPUS_FILES) < 3:  # never let the corpus tests pass by collecting nothing
    raise RuntimeError(f"the held-in corpus reports are missing from {CORPUS} (set JXANALYSIS_CORPUS)")


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
