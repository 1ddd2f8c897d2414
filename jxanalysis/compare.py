"""Comparing reports: size and structure, keyword trends, keyness, theme shares, headline indicators.

Every function takes the results of `jxanalysis.corpus.analyze_many` (one per report) and
orders reports by date (undated ones last, then by title).
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .aliases import headline_names
from .corpus import Result, summary
from .indicators import in_yi
from .keywords import keyness
from .themes import theme_shares

# Headline economic indicators: display name -> the subjects that name it (data/indicator_aliases.yaml,
# shared with indicator_tables.HEADLINE and the targets' indicator ids).
HEADLINE = headline_names()


def by_date(results: Sequence[Result]) -> list[Result]:
    """Results in date order; undated reports last."""
    return sorted(results, key=lambda r: (r.date is None, r.date or 0, r.title))


def label(result: Result) -> str:
    """A short column label for a report: its title without 政府工作报告."""
    return result.title.replace("政府工作报告", "") or result.path.stem


def labels(results: Sequence[Result]) -> list[str]:
    """The labels of results, made distinct so that no report is dropped from a table: a label
    two reports share gets the file name in brackets, then a number if that is shared too."""
    names = [label(r) for r in results]
    names = [f"{n} ({r.path.name})" if names.count(n) > 1 else n for n, r in zip(names, results)]
    return [f"{n} #{names[:i].count(n) + 1}" if names.count(n) > 1 else n for i, n in enumerate(names)]


def overview(results: Sequence[Result]) -> pd.DataFrame:
    """Size and structure per report (corpus.summary) in date order, labelled."""
    ordered = by_date(results)
    return summary(ordered).assign(report=labels(ordered)).set_index("report")


def keyword_trends(results: Sequence[Result], top: int = 15) -> pd.DataFrame:
    """Share (per 1000 tokens) of the words most frequent over all reports, one column per report."""
    ordered = by_date(results)
    shares = pd.DataFrame({name: r.words.set_index("word")["share"]
                           for r, name in zip(ordered, labels(ordered))}).fillna(0.0)
    words = shares.mean(axis=1).sort_values(ascending=False, kind="stable").head(top).index
    return (1000 * shares.loc[words]).round(2)


def _tokens(result: Result) -> list[str]:
    """The report's tokens rebuilt from its frequency table (order does not matter for keyness)."""
    return list(np.repeat(result.words["word"].to_numpy(), result.words["count"].to_numpy()))


def report_keyness(results: Sequence[Result], top: int = 10) -> pd.DataFrame:
    """For each report, the words it over-uses against all the other reports together (G²)."""
    ordered = by_date(results)
    frames = []
    for i, (result, name) in enumerate(zip(ordered, labels(ordered))):
        rest = [t for j, other in enumerate(ordered) if j != i for t in _tokens(other)]
        table = keyness(_tokens(result), rest)
        frames.append(table[table.log_likelihood > 0].head(top).assign(report=name))
    return pd.concat(frames, ignore_index=True)[["report", *frames[0].columns.drop("report")]]


def theme_table(results: Sequence[Result]) -> pd.DataFrame:
    """Theme shares of each whole report side by side: one row per theme, one column per report."""
    ordered = by_date(results)
    columns = {name: theme_shares(r.themes).set_index("name")["share"] for r, name in zip(ordered, labels(ordered))}
    frame = pd.DataFrame(columns)
    return frame.loc[frame.mean(axis=1).sort_values(ascending=False, kind="stable").index].round(4)


def _level(amount: pd.Series) -> tuple[float, str]:
    """A level in a readable unit: money of 1亿 or more in 亿元, everything else as stated."""
    value, unit = float(amount["value"]), str(amount["unit"])
    return (in_yi(value), "亿元") if unit == "元" and in_yi(value) >= 1 else (value, unit)


def headline_table(results: Sequence[Result]) -> pd.DataFrame:
    """The headline economic indicators of each report in one table, from the results of the year
    under review only (scope "result", or "forecast": a preliminary figure for that year; no
    targets, five-year averages or from-to pairs): the level
    from the first sentence that gives one (the latest year's when it gives several) and the first
    growth rate."""
    rows = []
    ordered = by_date(results)
    for result, report in zip(ordered, labels(ordered)):
        table = result.indicators
        if "scope" in table:
            table = table[table["scope"].isin(["result", "forecast"])]
        for name, subjects in HEADLINE.items():
            hits = table[table["subject"].isin(subjects)]
            amounts = hits[hits["kind"] == "amount"]
            if len(amounts):
                amounts = amounts[amounts["sentence"] == amounts["sentence"].iloc[0]]
                years = amounts["period"].str.extract(r"(\d{4})年", expand=False).astype(float).fillna(0)
                amount = amounts.loc[[years.idxmax()]]
            else:
                amount = amounts
            growth = hits[hits["kind"] == "growth"].head(1)
            if amount.empty and growth.empty:
                continue
            level, unit = _level(amount.iloc[0]) if len(amount) else (np.nan, "")
            rows.append({
                "report": report, "indicator": name, "level": level, "level_unit": unit,
                "growth_pct": growth["value"].iloc[0] if len(growth) else np.nan,
                "raw": "；".join([*amount["raw"], *growth["raw"]]),
            })
    return pd.DataFrame(rows, columns=["report", "indicator", "level", "level_unit", "growth_pct", "raw"])
