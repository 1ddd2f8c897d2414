"""The year's targets and their attainment against hand-annotated gold.

Gold: tests/data/targets_gold.csv (305 targets, 32 reports), tests/data/attainment_gold.csv
(71 pairs), rules in tests/data/README_targets_gold.md; both written before any targets code.

A found target matches a gold one of the same report when low, high, unit and bound are equal
(numbers to 1e-6 relative) and the subjects match: after NFKC and without spaces, the two are
equal or one contains the other (地区生产总值 ~ 全县地区生产总值, 现行标准下农村贫困人口 ~ 农村贫困
人口). Each gold row is matched at most once. Run `pytest tests/test_targets.py -s` for the figures.
"""
from __future__ import annotations

import math
import re
import unicodedata
import warnings
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pytest

import jxanalysis as jx
from jxanalysis.targets import COLUMNS, POSITION, indicator_id, targets_passage

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
GOLD = pd.read_csv(DATA / "targets_gold.csv", dtype=str, keep_default_na=False)
ATTAINMENT = pd.read_csv(DATA / "attainment_gold.csv", dtype=str, keep_default_na=False)
NO_PASSAGE = ["seeds/jinxian-2023-government-work-report.txt", "tests/data/reports/gaoyang-county-2017.txt"]


@lru_cache(maxsize=None)
def load(file: str, tmp: Path = Path("/tmp")) -> jx.Report:
    """A gold report; a .docx is read as the text of its paragraphs (python-docx), as the gold was."""
    path = ROOT / file
    if path.suffix == ".docx":
        try:
            return jx.load_report(path)
        except jx.ReportError:
            import docx

            text = "\n".join(p.text for p in docx.Document(path).paragraphs)
            path = tmp / f"jx-targets-{path.stem}.txt"
            path.write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return jx.load_report(path)


def _norm(text: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


def same_subject(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    return bool(a and b) and (a == b or a in b or b in a)


def _num(x) -> float:
    return float(x) if str(x) not in ("", "nan") else math.nan


def same_number(a, b) -> bool:
    a, b = _num(a), _num(b)
    return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-6)


def same_target(found, gold) -> bool:
    return (same_subject(found.subject, gold.subject) and same_number(found.low, gold.low)
            and same_number(found.high, gold.high) and found.unit == gold.unit and found.bound == gold.bound)


def score() -> tuple[int, int, int, list, list]:
    """(true positives, found, gold, false positives, misses) over all gold reports."""
    tp = n_found = 0
    wrong, missed = [], []
    for file, gold in GOLD.groupby("file", sort=False):
        found = jx.extract_targets(load(file))
        n_found += len(found)
        left = list(gold.itertuples())
        for row in found.itertuples():
            hit = next((g for g in left if same_target(row, g)), None)
            if hit is None:
                wrong.append((file, row.subject, row.low, row.high, row.unit, row.bound))
            else:
                left.remove(hit)
                tp += 1
        missed += [(file, g.subject, g.low, g.high, g.unit, g.bound) for g in left]
    return tp, n_found, len(GOLD), wrong, missed


def test_targets_against_gold():
    """FIRST RUN (the first complete version, commit "targets.py: …"): precision 0.997, recall
    0.997 (304 of 305 right; the miss: the range 4.5-5% read as 5% exact, fixed in the indicator
    grammar). Honest caveat: the rules were written after reading the gold's README and the
    passages it quotes, so the first run is not blind. Now: see the printed figures."""
    tp, n_found, n_gold, wrong, missed = score()
    precision, recall = tp / max(n_found, 1), tp / n_gold
    print(f"\ntargets against gold: {tp} right of {n_found} found, {n_gold} in gold: "
          f"precision {precision:.3f}, recall {recall:.3f}")
    for item in wrong:
        print("  wrong ", item)
    for item in missed:
        print("  missed", item)
    assert precision >= 0.95 and recall >= 0.95


def attainment_score() -> tuple[int, list, list]:
    """(right, wrong, extra) over the annotated pairs: a gold row is right when a found row of the
    same target (subject, low, high, unit, bound) has the gold outcome and the gold met."""
    right, wrong, extra = 0, [], []
    for (target_file, outcome_file), gold in ATTAINMENT.groupby(["target_file", "outcome_file"], sort=False):
        found = jx.target_attainment(load(target_file), load(outcome_file))
        used = set()
        for g in gold.itertuples():
            hit = next((f for f in found.itertuples() if f.Index not in used and same_target(f, g)), None)
            if hit is not None:
                used.add(hit.Index)
            if hit is not None and same_number(hit.outcome, g.outcome) and str(hit.met) == g.met:
                right += 1
            else:
                got = (hit.outcome, hit.met, hit.outcome_sentence[:40]) if hit is not None else None
                wrong.append((target_file.split("/")[-1], g.subject, g.outcome, g.met, got))
        extra += [(target_file.split("/")[-1], f.subject, f.unit, f.outcome, f.outcome_sentence[:40])
                  for f in found.itertuples() if f.Index not in used]
    return right, wrong, extra


def test_attainment_against_gold():
    """FIRST RUN: 64 of 71 pairs right (0.901). Fixed then: preliminary figures (初步预计) count as
    outcomes, place prefixes stack (年末全国…), 、 no longer starts a subject, 跃上 ends one, numbers
    without a unit in review clauses (减少1109万), 纯收入 is not 可支配收入, alias 全社会固定资产投资额.
    Now: see the printed figure."""
    right, wrong, extra = attainment_score()
    print(f"\nattainment against gold: {right} of {len(ATTAINMENT)} pairs right "
          f"({right / len(ATTAINMENT):.3f}); {len(extra)} outcomes found for targets the gold leaves out")
    for item in wrong:
        print("  wrong", item)
    for item in extra:
        print("  extra", item)
    assert right == len(ATTAINMENT)


# --- details, the passage, the command line -------------------------------------------------------

def test_agreement_of_indicator_strength_direction_on_matched_targets():
    """On the targets matched to the gold: how often indicator id, strength and direction agree.
    The alias file has two ids the gold vocabulary lacks (exports 出口总额, foreign_investment
    实际利用外资, needed for the headline list), so indicator agreement is 0.987 by design."""
    agree = {"indicator": 0, "strength": 0, "direction": 0}
    n = 0
    for file, gold in GOLD.groupby("file", sort=False):
        found = jx.extract_targets(load(file))
        left = list(gold.itertuples())
        for row in found.itertuples():
            hit = next((g for g in left if same_target(row, g)), None)
            if hit is not None:
                left.remove(hit)
                n += 1
                for col in agree:
                    agree[col] += getattr(row, col) == getattr(hit, col)
    print("\nagreement on matched targets:", {k: f"{v / n:.3f}" for k, v in agree.items()})
    assert min(agree.values()) / n >= 0.95


@pytest.mark.parametrize("file", NO_PASSAGE)
def test_no_passage_gives_an_empty_table_and_a_reason(file):
    report = load(file)
    found = jx.extract_targets(report)
    assert found.empty and list(found.columns) == COLUMNS + POSITION
    assert targets_passage(report).reason


def test_passage_is_the_plan_parts_targets_not_the_five_year_goals():
    passage = targets_passage(load("seeds/guangdong-province-2026.txt"))
    assert passage.text.startswith("地区生产总值增长4.5%—5%") and passage.part_kind == "plan"
    assert "这样的目标" not in passage.text and not passage.reason


def test_indicator_ids_from_the_alias_file():
    assert indicator_id("全县地区生产总值", "growth") == "gdp_growth"
    assert indicator_id("地区生产总值", "level") == "gdp_level"
    assert indicator_id("单位国内生产总值能耗", "growth") == "energy_intensity"
    assert indicator_id("年末全国城镇调查失业率") == "surveyed_unemployment"
    assert indicator_id("出口退税") == ""


def test_cli_targets_writes_one_panel_with_bom(tmp_path):
    from jxanalysis.cli import main

    files = ["seeds/national-2019.txt", "seeds/hailar-district-2016.gbk.txt", "seeds/jinxian-2023-government-work-report.txt"]
    out = tmp_path / "targets.csv"
    assert main(["targets", *[str(ROOT / f) for f in files], "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    panel = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False)
    assert list(panel.columns[:4]) == ["file", "place", "level", "year"]
    assert list(panel.columns[4:]) == [c for c in COLUMNS if c != "year"] + POSITION
    expected = sum(len(GOLD[GOLD.file == f]) for f in files)
    assert len(panel) == expected  # jinxian has no passage: no rows
    assert set(panel.year) == {2019, 2016}


def test_cli_targets_bad_input_exits_1(tmp_path):
    import subprocess
    import sys

    missing = tmp_path / "missing.txt"
    result = subprocess.run([sys.executable, "-m", "jxanalysis.cli", "targets", str(missing), "--out", str(tmp_path / "t.csv")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1 and str(missing) in result.stderr and "Traceback" not in result.stderr
    usage = subprocess.run([sys.executable, "-m", "jxanalysis.cli", "targets", "--out", "x.csv"],
                           capture_output=True, text=True, cwd=ROOT)
    assert usage.returncode == 2


def test_panels_of_targets_and_attainment_over_consecutive_years():
    series = sorted((ROOT / "seeds" / "series").glob("national-20*.txt"))
    panel = jx.targets_panel(series)
    assert sorted(panel.year.unique()) == [2017, 2018, 2019, 2020]
    assert set(panel.place) == {"国务院"} and set(panel.level) == {"national"}
    attained = jx.attainment_panel(series)
    assert sorted(attained.year.unique()) == [2017, 2018, 2019]  # 2020's targets need the 2021 report
    pairs = [jx.target_attainment(jx.load_report(a), jx.load_report(b)) for a, b in zip(series, series[1:])]
    assert len(attained) == sum(len(p) for p in pairs)
    growth = attained[attained.indicator == "gdp_growth"].set_index("year")
    assert growth.loc[2018, "outcome"] == 6.6 and growth.loc[2018, "met"]


def test_a_modifier_without_zai_still_softens_the_target_before_it():
    """实际工作中争取更好结果 (no 在, a 2026 provincial shape) qualifies the growth target before it."""
    from jxanalysis.targets import Passage, _passage_rows

    rows = _passage_rows(Passage("地区生产总值增长5.5%左右，实际工作中争取更好结果；城镇调查失业率5.5%左右。", "", 0, "", "plan", ""))
    assert [(r["subject"], r["strength"]) for r in rows] == [("地区生产总值", "soft"), ("城镇调查失业率", "neutral")]
