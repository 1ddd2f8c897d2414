"""The one reader of the data files shipped in jxanalysis/data: lexicons, stopwords, dictionaries."""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml


def read(name: str) -> str:
    """The text of a data file shipped in jxanalysis/data (UTF-8)."""
    return resources.files("jxanalysis").joinpath("data", name).read_text(encoding="utf-8")


def lines(name: str) -> list[str]:
    """The non-comment (#), non-empty lines of a shipped data file, stripped."""
    return [line.strip() for line in read(name).splitlines() if line.strip() and not line.startswith("#")]


def shipped(name: str) -> bool:
    """True when jxanalysis/data holds a file of that name."""
    return resources.files("jxanalysis").joinpath("data", name).is_file()


def load_yaml(name_or_path: str | Path) -> Any:
    """A YAML file: a shipped data file by name (themes.yaml), or any file by its path."""
    if isinstance(name_or_path, str) and "/" not in name_or_path and shipped(name_or_path):
        return yaml.safe_load(read(name_or_path))
    return yaml.safe_load(Path(name_or_path).read_text(encoding="utf-8"))
