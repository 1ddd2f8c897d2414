"""Project-level facts: the seed is pinned, environment.yml agrees with pyproject.toml."""
from __future__ import annotations

import hashlib
import re
import tomllib

import yaml

from conftest import ROOT

SEED_SHA256 = "2d139e18c1c02f936d89dd20867300104b905cde926d334a83b7c3fde3fd67a6"


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_seed_is_byte_identical():
    data = (ROOT / "seeds" / "jinxian-2023-government-work-report.txt").read_bytes()
    assert hashlib.sha256(data).hexdigest() == SEED_SHA256


def test_seed_corpus_copies_are_byte_identical_to_shared():
    from conftest import CORPUS_FILES

    for shared in CORPUS_FILES:
        assert (ROOT / "seeds" / shared.name).read_bytes() == shared.read_bytes(), shared.name


def test_environment_yml_lists_the_pyproject_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    wanted |= {_name(r) for extra in project["optional-dependencies"].values() for r in extra}
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))["dependencies"]
    conda = {_name(d) for d in env if isinstance(d, str)} - {"python", "pip"}
    pip = {_name(d) for d in env if isinstance(d, dict) for d in d["pip"]}
    assert conda | pip == wanted
    assert not conda & pip
