"""Tables shaped from ``jx.extract_indicators`` for notebook 04 and its figures, and CSV export.

- ``attach_ranks``: the standing (全市第一) a sentence states for the indicators before it.
- ``headline_indicators``: the headline economic indicators (地区生产总值, 一般公共预算收入 …)
  with their stated rank.
- ``amounts_by_section``: the amounts in one unit (元 by default), grouped by section, with 亿元.
- ``kinds_by_section``: how many indicators of each kind each section states.
- ``export_indicators`` / ``read_indicators``: CSV as UTF-8 with BOM (Excel opens it), and back.

Every function takes the table ``extract_indicators`` returns (from a Report or from plain text)
and leaves the extractor's columns as they are.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from .aliases import headline_keywords
from .export import write_csv
from .indicators import INDICATOR_POSITION, in_yi
from .themes import section_labels

KINDS = ["amount", "growth", "ratio", "rank"]
# columns read back as text by read_indicators (all others as numbers when they parse)
TEXT_COLUMNS = {"subject", "unit", "kind", "raw", "period", "scope", "sentence", "part", "part_kind", "section", "rank"}

# Substrings of a subject that name a headline economic indicator: the aliases of the headline
# indicators in data/indicator_aliases.yaml (one definition with compare.HEADLINE); edit that file.
HEADLINE = headline_keywords()
# ...unless the subject is a share or an intensity of one (单位国内生产总值能耗, …占GDP比重).
NOT_HEADLINE = re.compile(r"占|能耗|比重|比率|比例")
_ALL = re.compile(r"均|都|全部|分别")  # 四项指标增速均列全市第一: the rank covers every indicator before it


def _runs(table: pd.DataFrame) -> pd.Series:
    """A number per run of consecutive rows from the same sentence (and paragraph)."""
    keys = table["sentence"].astype(str)
    if "paragraph" in table:
        keys = table["paragraph"].astype(str) + "\x00" + keys
    return (keys != keys.shift()).cumsum()


def _covered(rank: pd.Series, before: pd.DataFrame) -> list:
    """Index labels of the rows in before (same sentence, after the previous rank) that a rank row
    speaks of: the rows whose subject it names (限额以上消费品零售额、外贸出口值 | 全市第三), or all of
    them when the words between the last one and the rank say 均/都 (四项指标增速均列全市第一)."""
    if before.empty:
        return []
    named = set(rank["subject"].split("、"))
    hits = [i for i, s in before["subject"].items() if s in named]
    if hits:
        return hits
    last = before.iloc[-1]
    sentence = rank["sentence"]
    start = sentence.find(last["raw"]) + len(last["raw"])
    end = sentence.find(rank["raw"], start)
    if start >= len(last["raw"]) and end > start and _ALL.search(sentence[start:end]):
        return list(before.index)
    return []


def attach_ranks(table: pd.DataFrame) -> pd.DataFrame:
    """The table with two more columns: rank, the standing as written (全市第一, '' when none), and
    rank_place, its number (1.0, NaN when none), for every indicator a rank in its sentence
    speaks of; a rank row keeps its own. A rank speaks of the indicators between it and the
    previous rank of the sentence whose subjects it names, or of all of them after 均/都."""
    out = table.copy()
    out["rank"] = ""
    out["rank_place"] = np.nan
    for _, run in out.groupby(_runs(out), sort=False):
        since: list = []
        for i, row in run.iterrows():
            if row["kind"] != "rank":
                since.append(i)
                continue
            out.loc[i, ["rank", "rank_place"]] = [row["raw"], row["value"]]
            for j in _covered(row, run.loc[since]):
                out.loc[j, ["rank", "rank_place"]] = [row["raw"], row["value"]]
            since = []
    return out


def _yi(table: pd.DataFrame) -> pd.Series:
    """Money values in 亿元 (rounded to 4 decimals), NaN for other units."""
    money = table["unit"] == "元"
    return in_yi(table["value"]).where(money).round(4)


def headline_indicators(table: pd.DataFrame, keywords: tuple[str, ...] = HEADLINE) -> pd.DataFrame:
    """The headline economic indicators in text order: rows (not ranks) whose subject contains one of
    keywords and is not a share of one (NOT_HEADLINE), with the rank stated in the same sentence.

    Columns: subject, raw, value, unit, kind, approx, period, rank, rank_place, 亿元 (money only),
    and the position columns when the table has them.
    """
    ranked = attach_ranks(table)
    subjects = ranked["subject"].astype(str)
    wanted = subjects.apply(lambda s: any(k in s for k in keywords) and not NOT_HEADLINE.search(s))
    rows = ranked[wanted & (ranked["kind"] != "rank")]
    columns = ["subject", "raw", "value", "unit", "kind", "approx", "period", "rank", "rank_place"]
    out = rows[columns].assign(亿元=_yi(rows))
    for col in INDICATOR_POSITION:
        if col in rows:
            out[col] = rows[col]
    return out.reset_index(drop=True)


def amounts_by_section(table: pd.DataFrame, unit: str = "元") -> pd.DataFrame:
    """The amounts measured in unit, in text order (so grouped by section), with a short section label.

    Columns: section (short label, see jx.themes.section_labels), subject, raw, value, approx,
    paragraph, and 亿元 when unit is 元.
    """
    rows = table[(table["kind"] == "amount") & (table["unit"] == unit)]
    if "section" in table:
        labels = section_labels(table).loc[rows.index]
    else:
        labels = pd.Series("", index=rows.index)
    out = pd.DataFrame({"section": labels, "subject": rows["subject"], "raw": rows["raw"],
                        "value": rows["value"], "approx": rows["approx"]})
    if "paragraph" in rows:
        out["paragraph"] = rows["paragraph"]
    if unit == "元":
        out["亿元"] = _yi(rows)
    return out.reset_index(drop=True)


def kinds_by_section(table: pd.DataFrame) -> pd.DataFrame:
    """How many indicators of each kind each section states, sections in text order.

    Index: section (short label); columns: amount, growth, ratio, rank, total, approx (how many
    of them are approximate).
    """
    labels = section_labels(table) if "section" in table else pd.Series("", index=table.index, name="section")
    order = list(dict.fromkeys(labels))
    counts = pd.crosstab(labels, table["kind"]).reindex(index=order, columns=KINDS, fill_value=0)
    counts["total"] = counts.sum(axis=1)
    counts["approx"] = table["approx"].astype(int).groupby(labels).sum().reindex(order).astype(int)
    counts.index.name = "section"
    counts.columns.name = None
    return counts


def export_indicators(table: pd.DataFrame, path: str | Path) -> Path:
    """Write an indicator table as CSV for Excel (UTF-8 with BOM, no index); returns the path."""
    return write_csv(table, path)


def read_indicators(path: str | Path) -> pd.DataFrame:
    """A table written by export_indicators, with its types back: text columns stay text ('' where
    empty), approx is bool, other columns are numbers (NaN where empty) when all of them parse."""
    table = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, dtype=str)
    for col in table.columns:
        if col == "approx":
            table[col] = table[col].map({"True": True, "False": False})
        elif col not in TEXT_COLUMNS:
            try:
                table[col] = pd.to_numeric(table[col].replace("", np.nan))
            except (ValueError, TypeError):
                pass
    return table
