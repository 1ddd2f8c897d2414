"""Precision and recall of `extract_indicators` against indicators written by hand.

The gold files are tests/data/indicators_gold_seed.csv (every indicator of the seed report) and
tests/data/indicators_gold_corpus.csv (every indicator of sampled sentences of three other reports;
guideline in tests/data/README_indicators.md). The matching rule lives here only, and is shared by
tests/test_indicators.py and notebook 04:

- a found indicator matches a gold one when report, raw (NFKC, quotes and spaces ignored), value
  (6 significant digits), unit and kind agree; each gold row matches at most one found row;
- gold rows with optional == "True" (ambiguous items) count neither as a miss nor, when matched,
  as a false positive; gold rows with an empty raw only name a sentence without indicators;
- precision = matches / found rows; recall = matches / required gold rows.
Subjects and approx are not part of the match; they are counted separately on the matches.
"""
from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .indicators import extract_indicators
from .report import SEED, load_report


def norm(text: str) -> str:
    """Text as compared: NFKC, without quotes and spaces."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch not in "“”‘’\"' ")


def match_key(report: str, raw: str, value, unit: str, kind: str) -> tuple:
    """What a found and a gold indicator must share to match."""
    return report, norm(raw), f"{float(value):.6g}", unit, kind


@dataclass
class Score:
    """Matches of found indicators against gold ones; fp and fn hold the raw texts."""

    tp: int = 0
    fp: list[str] = field(default_factory=list)
    fn: list[str] = field(default_factory=list)
    subject_exact: int = 0
    subject_overlap: int = 0
    approx_agree: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + len(self.fp))

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + len(self.fn))

    def row(self) -> dict:
        """The figures as one table row (shares of the matches for subject and approx)."""
        return {"gold": self.tp + len(self.fn), "found": self.tp + len(self.fp), "matched": self.tp,
                "precision": self.precision, "recall": self.recall,
                "subject_exact": self.subject_exact / self.tp, "subject_overlap": self.subject_overlap / self.tp,
                "approx_agree": self.approx_agree / self.tp}

    def summary(self, name: str) -> str:
        return (f"{name}: precision {self.precision:.3f} ({self.tp}/{self.tp + len(self.fp)}), "
                f"recall {self.recall:.3f} ({self.tp}/{self.tp + len(self.fn)}), "
                f"subject exact {self.subject_exact / self.tp:.3f}, "
                f"subject overlap {self.subject_overlap / self.tp:.3f}, "
                f"approx agreement {self.approx_agree / self.tp:.3f}; "
                f"false positives {self.fp}; misses {self.fn}")


def score_indicators(gold: pd.DataFrame, found: pd.DataFrame) -> Score:
    """Match found rows to gold rows (both with a report column; gold read with dtype=str and
    keep_default_na=False): required gold rows are matched before optional ones, in text order."""
    pool = defaultdict(list)
    for g in gold[gold.raw != ""].itertuples():
        pool[match_key(g.report, g.raw, g.value, g.unit, g.kind)].append(g)
    for candidates in pool.values():
        candidates.sort(key=lambda g: g.optional == "True")
    result = Score()
    for f in found.itertuples():
        candidates = pool[match_key(f.report, f.raw, f.value, f.unit, f.kind)]
        if not candidates:
            result.fp.append(f.raw)
            continue
        g = candidates.pop(0)
        if g.optional == "True":
            continue
        result.tp += 1
        result.approx_agree += g.approx == str(f.approx)
        gold_subject, subject = norm(g.subject), norm(f.subject)
        result.subject_exact += gold_subject == subject
        result.subject_overlap += bool(subject) and (subject in gold_subject or gold_subject in subject)
    result.fn = [g.raw for candidates in pool.values() for g in candidates if g.optional == "False"]
    return result


def read_gold(path: str | Path) -> pd.DataFrame:
    """A gold file, every column as text (empty cells stay '')."""
    return pd.read_csv(path, keep_default_na=False, dtype=str)


def found_for_gold(gold: pd.DataFrame, reports: str | Path = SEED.parent) -> pd.DataFrame:
    """The indicators `extract_indicators` finds where the gold looks, with a report column.

    reports: the folder holding the gold's report files (default: the shipped seeds). Without a sentence column the gold covers
    whole reports; with one, only the sentences whose text starts with a row's sentence prefix
    (each prefix must name exactly one sentence of its report, else ValueError)."""
    frames = []
    for name, rows in gold.groupby("report", sort=False):
        report = load_report(Path(reports) / name)
        found = extract_indicators(report).assign(report=name)
        if "sentence" not in gold.columns:
            frames.append(found)
            continue
        sentences = found.sentence.map(norm)
        all_sentences = report.sentences.text.map(norm)
        for prefix in rows.sentence.unique():
            if all_sentences.str.startswith(norm(prefix)).sum() != 1:
                raise ValueError(f"gold sentence prefix {prefix!r} does not name exactly one sentence of {name}")
            frames.append(found[sentences.str.startswith(norm(prefix))])
    return pd.concat(frames, ignore_index=True)


def indicator_accuracy(gold: pd.DataFrame, reports: str | Path = SEED.parent) -> Score:
    """Precision and recall of extract_indicators on the reports (a folder) the gold annotates."""
    return score_indicators(gold, found_for_gold(gold, reports))
