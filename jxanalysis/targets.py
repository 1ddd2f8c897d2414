"""The year's targets (主要预期目标) of a report, and whether the next year's report says they were met.

- ``targets_passage(report)``: the passage that lists the year's expected targets
  (今年经济社会发展的主要预期目标是：…), or the reason none was found.
- ``extract_targets(report)``: one row per target of that passage: numbers read by the indicator
  grammar (jxanalysis.indicators), the bound (左右, 以上, 以内, a–b), how firmly it is worded
  (确保 hard, 力争 soft) and a canonical indicator id from data/indicator_aliases.yaml.
- ``target_attainment(target_report, outcome_report)``: each numeric target of one report against
  the outcome the next report's review states for the same measure.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm import tqdm

from .aliases import indicator_id, normalise as _norm
from .indicators import _shared_subjects, _sentence_rows, extract_indicators
from .patterns import HAN, PLAN_PERIOD
from .report import Report, load_report, split_sentences

COLUMNS = ["subject", "indicator", "low", "high", "unit", "bound", "strength", "direction", "year", "sentence"]
POSITION = ["paragraph", "part", "part_kind", "section"]
ATTAINMENT_COLUMNS = ["subject", "indicator", "low", "high", "unit", "bound", "outcome", "met", "gap",
                      "target_sentence", "outcome_sentence"]
BOUNDS = ["approx", "floor", "ceiling", "range", "exact", "qualitative"]
STRENGTHS = ["hard", "soft", "neutral"]
# indicators whose stated number is a cap whatever the bound word: met when the outcome is no higher
CAPS = {"cpi", "surveyed_unemployment", "registered_unemployment"}

# 今年经济社会发展的主要预期目标是： / 主要目标是： / 预期目标为： / 预期目标作了适当调整。(national 2020)
_CUE = re.compile(r"(?:预期目标|主要目标|发展目标)(?:是|为)?[:：]|预期目标作了适当调整[。；]")
_FIVE_YEAR = re.compile(rf"{PLAN_PERIOD}|五年|今后|到20\d{{2}}年|纲要|规划")
# sentences after the list that comment on it (这样的目标…, 上述主要预期目标…) end the passage
_COMMENTARY = re.compile(r"^(?:这样的|这些|上述|提出|确定|综合|为此|实现这些|重点做好|做好)")
_HARD = re.compile(r"确保|必须")
_SOFT = re.compile(r"力争|争取|努力|更好结果")
# a clause that only qualifies the target before it: 在实际工作中争取更好结果, 争取更优水平
_MODIFIER = re.compile(r"^(?:在?实际工作中)?(?:全力|努力)?(?:力争|争取)[^，]*(?:更好|更优|更多|更高)")
# where a qualitative item's predicate begins (国际收支|基本平衡, 进出口|稳中向好)
_PREDICATE = re.compile(
    r"(?:保持)?(?:基本)?(?:平衡|稳定|同步)|继续(?:减少|下降)|进一步(?:下降|改善)|持续(?:改善|保持)|稳定改善"
    r"|稳步增长|合理回升|回稳向好|稳中向好|稳中提质|促稳提质|稳量提质|量稳质升|取得|有序有效防控|有效防控"
    r"|全部(?:脱贫|摘帽)|达到|(?:下降|全面)?完成|进入|降低目标|统筹衔接|重点控制|稳步提升|高于|快于")
# one subject, not a list: 居民收入增长和经济增长同步, 全员劳动生产率增速高于地区生产总值增速
_RELATION = re.compile(r"同步|衔接|高于|快于")
_LEAD = re.compile(r"^(?:力争|争取|努力|确保|要|今年|现行标准下|重点控制)+")
_LIST_END = re.compile(r"等(?:约束性)?指标$")
_SUBJECT_TAIL = re.compile(r"(?:涨幅|增速|增幅|降幅|控制在|控制)+$")
_RANGE = "-－—–~～至到"
_NO_UNIT = re.compile(rf"(?<![\d.])(\d+(?:\.\d+)?)(万亿|亿|万)(以上|左右|以内)?(?![\d{HAN}%])")


@dataclass
class Passage:
    """The targets passage of a report: its text (empty when none) and where it is."""

    text: str
    reason: str
    paragraph: int | None = None
    part: str = ""
    part_kind: str = ""
    section: str = ""


# --- the passage -----------------------------------------------------------------------------------

def targets_passage(report: Report) -> Passage:
    """The passage listing the year's expected targets: from the cue (主要预期目标是：) to the end
    of its paragraph, without the commentary that follows (这样的目标…). Only plan parts are
    searched, and a cue about five-year goals (“十四五”时期…主要目标) is skipped."""
    paragraphs = report.paragraphs
    plan = paragraphs[paragraphs["part_kind"] == "plan"]
    if plan.empty:
        return Passage("", "the report has no plan part (no part about this year's work)")
    for row in plan.itertuples():
        for cue in _CUE.finditer(row.text):
            opening = row.text[: cue.start()].rsplit("。", 1)[-1]
            rest = row.text[cue.end():]
            if _FIVE_YEAR.search(opening) or _FIVE_YEAR.match(rest):
                continue
            kept = []
            for sentence in split_sentences(rest):
                if kept and (_COMMENTARY.match(sentence) or sentence.endswith(("：", ":"))):
                    break
                kept.append(sentence)
            if kept:
                return Passage("".join(kept), "", row.paragraph, row.part, row.part_kind, row.section)
    return Passage("", "no expected-targets cue (主要预期目标是： / 主要目标是： …) in the plan parts")


def _year(report: Report, passage: Passage) -> float:
    year = report.year
    found = re.search(r"((?:19|20)\d{2})年", passage.part or "") or re.search(r"((?:19|20)\d{2})年", report.title or "")
    return float(year or (found.group(1) if found else np.nan))


# --- items of the passage ----------------------------------------------------------------------------

def _clauses(sentence: str) -> list[tuple[int, int]]:
    """Spans of the clauses of a sentence, split at ，；。 (and their ASCII forms)."""
    spans, start = [], 0
    for i, ch in enumerate(sentence):
        if ch in "，,；;。":
            if i > start:
                spans.append((start, i))
            start = i + 1
    if start < len(sentence):
        spans.append((start, len(sentence)))
    return spans


def _strength(text: str) -> str:
    return "hard" if _HARD.search(text) else "soft" if _SOFT.search(text) else "neutral"


def _bound(sentence: str, start: int, end: int, raw: str) -> str:
    after, before = sentence[end:end + 2], sentence[max(0, start - 3):start]
    if "左右" in raw:
        return "approx"
    if "以上" in raw or raw.startswith(("超过", "突破", "超", "逾")) or before.endswith(("不低于", "不少于")):
        return "floor"
    if after.startswith(("以内", "以下")) or before.endswith(("不超过", "不高于")):
        return "ceiling"
    return "exact"


def _subject(subject: str) -> str:
    return _SUBJECT_TAIL.sub("", _LEAD.sub("", subject.strip()))


def _split_subject(subject: str) -> list[str]:
    """城乡居民可支配收入 -> 城镇…, 农村…; A、B均… -> A, B."""
    if "、" in subject:
        return [s for s in _shared_subjects(subject) if s]
    if subject.startswith("城乡"):
        return ["城镇" + subject[2:], "农村" + subject[2:]]
    return [subject]


def _numeric_rows(sentence: str) -> list[dict]:
    """The quantities of one passage sentence with their span, bound and clause."""
    rows, cursor = [], 0
    for row in _sentence_rows(sentence):
        if row["kind"] == "rank":
            continue
        start = sentence.find(row["raw"], cursor)
        if start < 0:
            continue
        cursor = start + len(row["raw"])
        rows.append({**row, "start": start, "end": cursor, "bound": _bound(sentence, start, cursor, row["raw"])})
    # 农村贫困人口减少1000万以上: a number without a unit, counted in people (clauses without quantities)
    for m in _NO_UNIT.finditer(sentence):
        clause_start = max(sentence.rfind(d, 0, m.start()) for d in "，,；;。、") + 1
        clause_end = min([i for i in (sentence.find(d, m.end()) for d in "，,；;。") if i >= 0] or [len(sentence)])
        if not any(clause_start <= r["start"] < clause_end for r in rows):
            head = sentence[clause_start:m.start()]
            fall = re.search(r"(?:减少|下降|降低)$", head)
            subject = re.sub(r"(?:减少|下降|降低|增加|增长|达到)$", "", head)
            unit = "人" if re.search(r"人口|人数|人$", subject) else ""
            value = float(m.group(1)) * {"万亿": 1e12, "亿": 1e8, "万": 1e4}[m.group(2)]
            raw = m.group()
            rows.append({"subject": subject, "value": -value if fall else value, "unit": unit,
                         "kind": "growth" if fall else "amount", "raw": raw, "start": m.start(), "end": m.end(),
                         "bound": _bound(sentence, m.start(), m.end(), raw), "unitless": True})
    rows.sort(key=lambda r: r["start"])
    # 5%—5.5%: two quantities joined by a dash are one range
    merged: list[dict] = []
    for row in rows:
        if merged and sentence[merged[-1]["end"]:row["start"]] in tuple(_RANGE) and row["unit"] == merged[-1]["unit"]:
            merged[-1].update(high_value=row["value"], end=row["end"], bound="range")
            continue
        merged.append(row)
    return merged


def _qualitative(clause: str) -> list[str]:
    """Subjects of the qualitative items of a clause without numbers (国际收支基本平衡 -> [国际收支]),
    [] when it states no target (今年要优先稳就业保民生)."""
    subjects, pending = [], []
    for piece in clause.split("、"):
        pending.append(piece)
        predicate = _PREDICATE.search(piece)
        if not predicate:
            continue
        phrase = "、".join(pending[:-1] + [piece[: predicate.start()]])
        phrase = _LIST_END.sub("", _LEAD.sub("", phrase))
        if not phrase and _RELATION.match(piece, predicate.start()):
            pending = []  # …高于全国平均水平、高于城镇居民收入增速: the same subject again
            continue
        if not phrase:  # 完成国家下达的降碳减排任务: the object is the subject
            phrase = piece[predicate.end():].rsplit("的", 1)[-1]
        pending = []
        if not phrase or phrase.endswith("目标任务"):
            continue
        if _RELATION.search(piece[predicate.start():]):
            subjects.append(phrase)
        else:
            subjects += [s for s in re.split(r"[、和及]", phrase) if s]
    return subjects


def _passage_rows(passage: Passage) -> list[dict]:
    rows: list[dict] = []
    previous_subject = ""
    for sentence in split_sentences(passage.text):
        numeric = _numeric_rows(sentence)
        clauses = _clauses(sentence)
        groups: list[list[int]] = []  # clause indices read as one item: a target and its modifier
        for i, (a, b) in enumerate(clauses):
            text = sentence[a:b]
            inside = [r for r in numeric if a <= r["start"] < b]
            head = sentence[a: inside[0]["start"]] if inside else ""
            follows = bool(inside) and re.fullmatch(r"(?:同比)?(?:增长|达到|完成)?", head)
            if groups and (_MODIFIER.match(text) or follows):
                groups[-1].append(i)
            else:
                groups.append([i])
        for group in groups:
            a, b = clauses[group[0]][0], clauses[group[-1]][1]
            text = sentence[a:b]
            strength = _strength(text)
            inside = [r for r in numeric if a <= r["start"] < b]
            for i in group:
                ca, cb = clauses[i]
                clause_rows = [r for r in inside if ca <= r["start"] < cb]
                clause = sentence[ca:cb]
                if not clause_rows:
                    if not _MODIFIER.match(clause):
                        for subject in _qualitative(clause):
                            rows.append(_row(subject, None, "", "qualitative", strength, "", text))
                    continue
                shared = []
                if "分别" in clause:
                    shared = _shared_subjects(_subject(clause[: clause.index("分别")]))
                for k, r in enumerate(clause_rows):
                    subject = _subject(r["subject"]) or previous_subject
                    previous_subject = subject
                    subjects = _split_subject(subject)
                    if k == len(clause_rows) - 1 and len(shared) > len(clause_rows):
                        subjects = [subject] + shared[len(clause_rows):]  # 城乡…分别增长7.5%: both
                    for s in subjects:
                        rows.append(_row(s, r, r["unit"], r["bound"], strength, r["kind"], text))
    return rows


def _row(subject: str, quantity: dict | None, unit: str, bound: str, strength: str, kind: str, sentence: str) -> dict:
    low = high = np.nan
    direction = ""
    if quantity is not None:
        low = quantity["value"]
        high = quantity.get("high_value", low)
        if kind == "growth":
            direction = "down" if low < 0 else "up"
            low, high = sorted((abs(low), abs(high)))
    measure = "growth" if kind == "growth" or unit == "%" else "level" if unit else ""
    return {"subject": subject, "indicator": indicator_id(subject, measure), "low": low, "high": high,
            "unit": unit, "bound": bound, "strength": strength, "direction": direction, "sentence": sentence}


def extract_targets(report: Report) -> pd.DataFrame:
    """One row per target of the report's main expected-targets passage (see targets_passage).

    Columns: subject (as written; 城乡 split into 城镇 and 农村), indicator (id from
    data/indicator_aliases.yaml, "" when none fits), low, high (in base units as extract_indicators
    gives them; a fall is stored as its size with direction down; NaN for qualitative items), unit,
    bound (approx 左右, floor 以上/超过, ceiling 以内/以下, range a–b, exact, qualitative), strength
    (hard 确保/必须, soft 力争/争取/努力, else neutral), direction (up, down, or "" for levels and
    ratios), year, sentence (the item as written), and the position columns paragraph, part,
    part_kind, section. A report without such a passage gives an empty table.
    """
    passage = targets_passage(report)
    rows = _passage_rows(passage) if passage.text else []
    frame = pd.DataFrame(rows, columns=[c for c in COLUMNS if c != "year"])
    frame.insert(COLUMNS.index("year"), "year", pd.Series(_year(report, passage), index=frame.index, dtype="Int64"))
    for col in POSITION:
        frame[col] = getattr(passage, col)
    frame["low"] = frame["low"].astype(float)
    frame["high"] = frame["high"].astype(float)
    return frame[COLUMNS + POSITION]


# --- attainment --------------------------------------------------------------------------------------

def _outcomes(report: Report) -> pd.DataFrame:
    """The results of the year under review stated in the report's review parts (scope result, or
    forecast: a preliminary figure given as the year's result), with their ids; plus the numbers
    without a unit of review clauses (农村贫困人口减少1109万)."""
    table = extract_indicators(report)
    table = table[table["scope"].isin(["result", "forecast"]) & (table["part_kind"] == "review")]
    unitless = [{**{k: r[k] for k in ("subject", "value", "unit", "kind")}, "sentence": sentence, "scope": "result"}
                for sentence in table["sentence"].drop_duplicates() if _NO_UNIT.search(sentence)
                for r in _numeric_rows(sentence) if r.get("unitless") and r["unit"]]
    table = pd.concat([table, pd.DataFrame(unitless, columns=table.columns.intersection(
        ["subject", "value", "unit", "kind", "sentence", "scope"]))], ignore_index=True)
    table = table[table["kind"] != "rank"].copy()
    measure = np.where((table["kind"] == "growth") | (table["unit"] == "%"), "growth", "level")
    table["indicator"] = [indicator_id(_subject(s), m) for s, m in zip(table["subject"], measure)]
    table["norm"] = [_norm(_subject(s)) for s in table["subject"]]
    return table


def _like(target: pd.Series, outcome: pd.Series) -> bool:
    """Growth with growth, level with level, in the same unit."""
    if target["unit"] != outcome["unit"]:
        return False
    return (target["direction"] != "") == (outcome["kind"] == "growth")


def _met(target: pd.Series, outcome: float) -> tuple[bool, float]:
    if target["bound"] == "ceiling" or target["indicator"] in CAPS:
        return bool(outcome <= target["high"]), outcome - target["high"]
    return bool(outcome >= target["low"]), outcome - target["low"]


def target_attainment(target_report: Report, outcome_report: Report) -> pd.DataFrame:
    """Each numeric target of target_report against the outcome outcome_report's review states.

    A target is matched with the first result of the year under review (scope "result" or
    "forecast" in a review part) that names the same indicator id (or, without an id, the same
    subject) and states the same kind of measure: growth with growth, level with level, in the
    same unit; 农民人均纯收入 and 可支配收入 are different measures even under one id. The outcome is the value
    in the target's direction (a fall counts as its size). met: for a ceiling, or for CPI and the
    unemployment rates (caps whatever the bound word), outcome <= high; otherwise outcome >= low.
    gap: outcome minus the number met is judged against. Targets without an outcome are left out.
    """
    targets = extract_targets(target_report)
    targets = targets[targets["bound"] != "qualitative"]
    outcomes = _outcomes(outcome_report)
    rows = []
    for _, target in targets.iterrows():
        if target["indicator"]:
            candidates = outcomes[(outcomes["indicator"] == target["indicator"])
                                  & (outcomes["norm"].str.contains("纯收入") == ("纯收入" in target["subject"]))]
        else:
            candidates = outcomes[outcomes["norm"] == _norm(target["subject"])]
        found = next((o for _, o in candidates.iterrows() if _like(target, o)), None)
        if found is None:
            continue
        value = -found["value"] if target["direction"] == "down" else found["value"]
        met, gap = _met(target, value)
        rows.append({**{c: target[c] for c in ATTAINMENT_COLUMNS[:6]}, "outcome": value, "met": met,
                     "gap": round(gap, 6), "target_sentence": target["sentence"], "outcome_sentence": found["sentence"]})
    return pd.DataFrame(rows, columns=ATTAINMENT_COLUMNS)


def strength_shares(targets: pd.DataFrame, by: str = "level") -> pd.DataFrame:
    """Share of targets worded hard, soft and neutral for each value of column by (a panel of
    extract_targets rows with that column, e.g. from `jxanalysis targets`): rows in order of first
    appearance, columns hard, soft, neutral, each row summing to 1."""
    counts = pd.crosstab(targets[by], targets["strength"]).reindex(columns=STRENGTHS, fill_value=0)
    counts = counts.reindex(list(dict.fromkeys(targets[by])))
    shares = counts.div(counts.sum(axis=1), axis=0)
    shares.columns.name = None
    return shares


def targets_panel(reports: Sequence[Report | str | Path], progress: bool = False) -> pd.DataFrame:
    """One table (a place-year panel) of the targets of all reports (Reports or paths): file,
    place, level, year, then the other target columns; a report without a targets passage adds
    no rows. progress: a tqdm bar on stderr."""
    frames = []
    for item in tqdm(reports, desc="targets", unit="report", disable=not progress):
        report = item if isinstance(item, Report) else load_report(item)
        table = extract_targets(report)
        front = pd.DataFrame({"file": str(report.path), "place": report.place, "level": report.level,
                              "year": table["year"]})
        frames.append(pd.concat([front, table.drop(columns="year")], axis=1))
    return pd.concat(frames, ignore_index=True)


def attainment_panel(reports: Sequence[Report | str | Path]) -> pd.DataFrame:
    """target_attainment of each report against the next one, for reports of one place in
    consecutive years (in order): place, year (the targets' year), then the attainment columns."""
    loaded = [item if isinstance(item, Report) else load_report(item) for item in reports]
    frames = [target_attainment(target, outcome).assign(place=target.place, year=target.year)
              for target, outcome in zip(loaded, loaded[1:])]
    panel = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=ATTAINMENT_COLUMNS + ["place", "year"])
    return panel[["place", "year"] + ATTAINMENT_COLUMNS]
