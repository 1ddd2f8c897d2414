"""Canonical indicator ids and headline indicators, from data/indicator_aliases.yaml.

One definition serves extract_targets (ids), target_attainment (matching outcomes),
compare.headline_table (HEADLINE: name -> subjects, exact) and indicator_tables.headline_indicators
(HEADLINE: substrings of subjects).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

import yaml

# a leading place or time word that does not change what is measured (全县地区生产总值, 年末全国…)
_PLACE_PREFIX = re.compile(r"^(?:全市|全省|全县|全区|全国|区本级|本级|全年|年末)+")


@lru_cache(maxsize=1)
def aliases() -> dict[str, dict]:
    """The indicator definitions: id -> {headline, kind, aliases, exact_aliases}."""
    text = resources.files("jxanalysis").joinpath("data", "indicator_aliases.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def normalise(subject: str) -> str:
    """NFKC, without white space."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", subject))


def _names(entry: dict) -> list[str]:
    return entry["aliases"] + entry.get("exact_aliases", [])


def indicator_id(subject: str, measure: str = "") -> str:
    """The canonical id of a subject (equal to an alias, after a leading place word), or "".

    measure is "growth" for a rate of change, "level" for an amount, "" when unknown: it picks
    gdp_growth or gdp_level for the same subject."""
    names = {normalise(subject), _PLACE_PREFIX.sub("", normalise(subject))}
    for key, entry in aliases().items():
        if names & {normalise(a) for a in _names(entry)}:
            kind = entry.get("kind")
            if not kind or not measure or kind == measure:
                return key
    return ""


def headline_names() -> dict[str, tuple[str, ...]]:
    """Headline indicators in file order: display name -> every subject that names it exactly."""
    names: dict[str, list[str]] = {}
    for entry in aliases().values():
        if entry.get("headline"):
            subjects = names.setdefault(entry["headline"], [])
            subjects += [a for a in _names(entry) if a not in subjects]
    return {name: tuple(subjects) for name, subjects in names.items()}


def headline_keywords() -> tuple[str, ...]:
    """Substrings that mark a headline subject: the aliases of headline indicators, without the
    exact-only ones (经济 alone is GDP; 数字经济规模 is not)."""
    words: list[str] = []
    for entry in aliases().values():
        if entry.get("headline"):
            words += [a for a in entry["aliases"] if a not in words]
    return tuple(words)
