"""Project-level facts: the seed is pinned (and shipped in the package), environment.yml agrees with pyproject.toml."""
from __future__ import annotations

import hashlib
import re
import tomllib

import pytest
import yaml

import jxanalysis as jx
from conftest import CORPUS_NAMES, ROOT, SHARED_CORPUS

SEED_SHA256 = "2d139e18c1c02f936d89dd20867300104b905cde926d334a83b7c3fde3fd67a6"


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_seed_is_byte_identical():
    data = (ROOT / "seeds" / "jinxian-2023-government-work-report.txt").read_bytes()
    assert hashlib.sha256(data).hexdigest() == SEED_SHA256


def test_seed_corpus_copies_are_byte_identical_to_shared():
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"{SHARED_CORPUS} is absent (a clone on its own): the copies in seeds/ are used as they are")
    for name in CORPUS_NAMES:
        assert (ROOT / "seeds" / name).read_bytes() == (SHARED_CORPUS / name).read_bytes(), name


def test_package_ships_byte_identical_copies_of_seeds():
    shipped = sorted(p.name for p in jx.report.SEED.parent.glob("*.txt"))
    assert shipped == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    for name in shipped:
        assert (jx.report.SEED.parent / name).read_bytes() == (ROOT / "seeds" / name).read_bytes(), name
    assert jx.seed_reports() == [jx.report.SEED.parent / name for name in shipped]


def test_environment_yml_lists_the_pyproject_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    wanted |= {_name(r) for extra in project["optional-dependencies"].values() for r in extra}
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))["dependencies"]
    conda = {_name(d) for d in env if isinstance(d, str)} - {"python", "pip"}
    pip = {_name(d) for d in env if isinstance(d, dict) for d in d["pip"]}
    assert conda | pip == wanted
    assert not conda & pip


def test_series_are_byte_identical_copies():
    series = sorted((ROOT / "seeds" / "series").glob("*.txt"))
    assert len(series) >= 7
    for path in series:
        original = ROOT / "seeds" / path.name if path.name == "national-2019.txt" else ROOT / "tests" / "data" / "reports" / path.name
        assert path.read_bytes() == original.read_bytes(), path.name


def test_notebooks_store_widgets_as_text():
    """make reproduce stores displayed widgets without their random model ids (jxanalysis.lab.StableOutputs)."""
    import json

    for path in sorted((ROOT / "notebooks").rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        nb = json.loads(path.read_text(encoding="utf-8"))
        assert "widgets" not in nb["metadata"], path.name
        views = [o for c in nb["cells"] for o in c.get("outputs", [])
                 if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
        assert views == [], path.name
