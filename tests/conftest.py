"""Shared fixtures: the seed, the held-in corpus reports in ../shared/corpus/."""
from __future__ import annotations

from pathlib import Path

import pytest

import jxanalysis as jx

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_FILES = sorted(CORPUS.glob("*.txt"))


@pytest.fixture(scope="session")
def seed() -> jx.Report:
    return jx.load_report()


@pytest.fixture(scope="session", params=CORPUS_FILES, ids=lambda p: p.name)
def corpus_report(request) -> jx.Report:
    return jx.load_report(request.param)
