"""Theme lexicon, theme scores, policy instruments, and agreement with hand labels.

The hand labels (tests/data/themes_gold.csv, guideline in tests/data/README_themes.md) give the
theme of every headed paragraph of the four reports the lexicon was built from (sample "built":
the seed and the corpus reports in seeds/) and of four reports it was not built from (sample
"new", from tests/data/reports/), keyed by report file name and heading text. Agreement is
measured separately on the seed, on the other built-from reports, and on the new reports, so
that a lexicon tuned to the reports it was written against shows up.

The policy-instrument classifier is checked against 204 hand-coded sentences
(tests/data/instruments_gold.csv, guideline tests/data/README_instruments.md).
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

import jxanalysis as jx
from jxanalysis.themes import (
    Theme,
    aggregate_themes,
    find_keywords,
    instrument_mix,
    load_instruments,
    load_themes,
    policy_instruments,
    score_text,
    theme_browser,
    theme_scores,
    theme_words,
)

from conftest import CORPUS  # the corpus reports, in seeds/

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "themes_gold.csv"
SEED_NAME = jx.report.SEED.name
THEMES_YAML = ROOT / "jxanalysis" / "data" / "themes.yaml"
MIN_AGREEMENT = 0.8
_MARK = re.compile(r"^(?:——|[一二三四五六七八九十]{1,3}是|（[一二三四五六七八九十]{1,3}）|第[一二三四五六七八九十]{1,3}，)")
REPORTS = ROOT / "tests" / "data" / "reports"
INSTRUMENTS_GOLD = ROOT / "tests" / "data" / "instruments_gold.csv"


def _gold() -> pd.DataFrame:
    return pd.read_csv(GOLD, keep_default_na=False)


def _path(name: str) -> Path:
    return jx.report.SEED if name == SEED_NAME else CORPUS / name if (CORPUS / name).is_file() else REPORTS / name


def _labelled_rows(name: str, gold: pd.DataFrame, lexicon: list[Theme] | None = None) -> pd.DataFrame:
    """The gold rows of one report joined to its theme_scores rows (found by heading text)."""
    report = jx.load_report(_path(name))
    scores = theme_scores(report, lexicon)
    starts = report.paragraphs["text"].str.replace(_MARK, "", regex=True)
    rows = []
    for g in gold[gold["report"] == name].to_dict("records"):
        hits = scores[starts.str.startswith(g["heading"] + "。").to_numpy()]
        assert len(hits) == 1, f"{name}: heading {g['heading']!r} found {len(hits)} times"
        # the same paragraph scored without its heading
        body = score_text(starts[hits.index[0]][len(g["heading"]) + 1 :], lexicon)
        body_top = body.idxmax() if body.max() > 0 else ""
        rows.append({**g, "top_theme": hits.iloc[0]["top_theme"], "body_top": body_top})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def labelled() -> pd.DataFrame:
    gold = _gold()
    return pd.concat([_labelled_rows(name, gold) for name in gold["report"].unique()], ignore_index=True)


# --- the lexicon files


def test_theme_lexicon_is_documented_and_well_formed():
    raw = yaml.safe_load(THEMES_YAML.read_text(encoding="utf-8"))["themes"]
    themes = load_themes()
    assert 12 <= len(themes) <= 15
    assert len({t.id for t in themes}) == len(themes)
    for entry, theme in zip(raw, themes):
        assert theme.name_zh and theme.name_en and theme.description and theme.source, theme.id
        words = [w if isinstance(w, str) else next(iter(w)) for w in entry["keywords"]]
        assert len(words) == len(set(words)), f"{theme.id} lists a keyword twice"
        assert len(words) >= 10 and all(len(w) >= 2 for w in words), theme.id
        assert all(weight > 0 for weight in theme.keywords.values()), theme.id
    assert THEMES_YAML.read_text(encoding="utf-8").startswith("#")


def test_instrument_lexicon_has_the_three_rothwell_zegveld_types():
    kinds = load_instruments()
    assert [k.id for k in kinds] == ["supply", "environment", "demand"]
    assert all(len(k.keywords) >= 10 for k in kinds)


def test_every_gold_label_is_a_lexicon_theme():
    ids = {t.id for t in load_themes()} | {""}
    gold = _gold()
    assert set(gold["theme"]) <= ids and set(gold["alt_theme"]) <= ids
    assert not gold.duplicated(["report", "heading"]).any()


# --- matching and scoring


def test_keywords_are_found_on_token_boundaries_longest_first():
    assert find_keywords("新建改造农村公路", {"农村": 1}) == {"农村": 1}
    assert find_keywords("推动全国企业降本增效", {"国企": 1}) == {}
    assert find_keywords("生态环境持续改善，生态修复", {"生态": 1, "生态环境": 1}) == {"生态环境": 1, "生态": 1}


def test_theme_scores_one_row_per_paragraph(seed):
    scores = theme_scores(seed)
    ids = [t.id for t in load_themes()]
    assert list(scores.columns) == ["paragraph", "part", "part_kind", "section", "heading", "tokens", *ids, "top_theme"]
    assert len(scores) == len(seed.paragraphs)
    assert (scores[ids] >= 0).all().all() and (scores[ids] <= 1).all().all()
    scored = scores[scores[ids].sum(axis=1) > 0]
    assert (scored["top_theme"] == scored[ids].idxmax(axis=1)).all()


def test_a_custom_lexicon_replaces_the_themes(seed):
    mine = [Theme("farm", "农业", "Farming", "", "", {"农业": 1.0, "农村": 2.0})]
    scores = theme_scores(seed, lexicon=mine)
    assert list(scores.columns[-2:]) == ["farm", "top_theme"]
    row = seed.paragraphs.index[seed.paragraphs["heading"] == "乡村面貌焕然一新"][0]
    text = seed.paragraphs.at[row, "text"]
    found = find_keywords(text, mine[0].keywords)
    assert found["农村"] >= 1
    expected = (found.get("农业", 0) + 2 * found["农村"]) / len(jx.tokenize(text))
    assert scores.at[row, "farm"] == pytest.approx(expected)
    assert scores.at[row, "top_theme"] == "farm"


def test_theme_words_explain_the_scores(seed):
    scores = theme_scores(seed).set_index("paragraph")
    words = theme_words(seed)
    lexicon = {t.id: t.keywords for t in load_themes()}
    assert all(w in lexicon[t] for t, w in zip(words["theme"], words["word"]))
    for (paragraph, theme), group in words.groupby(["paragraph", "theme"]):
        share = (group["count"] * group["weight"]).sum() / scores.at[paragraph, "tokens"]
        assert scores.at[paragraph, theme] == pytest.approx(share)


def test_theme_browser_shows_the_triggers_of_the_best_themes(seed):
    browser = theme_browser(seed, shown=2)
    assert list(browser.columns) == ["paragraph", "heading", "tokens", "top_theme", "triggers", "text"]
    assert len(browser) == len(seed.paragraphs)
    row = browser[browser["heading"] == "生态环境不断改善"].iloc[0]
    assert row["top_theme"] == "ecology" and row["triggers"].startswith("ecology ")
    assert row["triggers"].count(" | ") == 1 and "生态×" in row["triggers"]
    assert (browser.loc[browser["top_theme"] == "", "triggers"] == "").all()


def test_aggregates_are_token_weighted(seed):
    scores = theme_scores(seed)
    by_part = aggregate_themes(scores, by="part")
    assert list(by_part["part"]) == list(dict.fromkeys(scores["part"]))
    part = scores[scores["part"] == by_part["part"].iloc[1]]
    expected = (part["growth"] * part["tokens"]).sum() / part["tokens"].sum()
    assert by_part["growth"].iloc[1] == pytest.approx(expected)
    whole = aggregate_themes(scores, by=None)
    assert len(whole) == 1 and whole["tokens"].iloc[0] == scores["tokens"].sum()
    assert set(aggregate_themes(scores)["section"]) == set(scores["section"])


def test_theme_scores_on_every_corpus_report(corpus_report):
    scores = theme_scores(corpus_report)
    assert len(scores) == len(corpus_report.paragraphs)
    assert set(scores["top_theme"]) <= {t.id for t in load_themes()} | {""}


# --- policy instruments


def test_policy_instruments_classify_sentences(tmp_path):
    path = tmp_path / "mini.txt"
    review = "全县上下团结一心，砥砺奋进，攻坚克难。" * 12  # no cue words; makes the file long enough
    path.write_text(
        f"各位代表：\n一、工作回顾\n{review}\n二、今年工作安排\n扩大政府采购和首台套示范应用。"
        "落实减税降费政策，完善监管制度。新建校舍，加大资金投入和人才培养。坚定信心。\n",
        encoding="utf-8",
    )
    table = policy_instruments(jx.load_report(path))
    plan = table[table["part"] == "二、今年工作安排"]
    assert (table.loc[table["part"] == "一、工作回顾", "instrument"] == "").all()
    assert list(plan["instrument"]) == ["demand", "environment", "supply", ""]
    assert plan["cues"].iloc[3] == ""
    mix = instrument_mix(table, by="part")
    assert list(mix["part"]) == ["二、今年工作安排"] and mix.iloc[0]["sentences"] == 3
    assert mix.iloc[0][["supply", "environment", "demand"]].tolist() == pytest.approx([1 / 3] * 3)


def test_instrument_mix_per_section_of_the_seed(seed):
    table = policy_instruments(seed)
    assert len(table) == len(seed.sentences)
    assert set(table["instrument"]) <= {"supply", "environment", "demand", ""}
    mix = instrument_mix(table)
    shares = mix[["supply", "environment", "demand"]]
    assert shares.sum(axis=1).to_numpy() == pytest.approx(1.0)
    assert mix["sentences"].sum() == (table["instrument"] != "").sum()


# --- policy instruments against the hand codes

CLASSES = ["supply", "environment", "demand", "none"]


def _instrument_rows() -> pd.DataFrame:
    """The hand-coded sentences joined to the classifier's label ("" -> none)."""
    gold = pd.read_csv(INSTRUMENTS_GOLD, keep_default_na=False)
    rows = []
    for name, group in gold.groupby("report", sort=False):
        table = policy_instruments(jx.load_report(_path(name)))
        for g in group.to_dict("records"):
            hits = table[table["text"].str.startswith(g["sentence"]).to_numpy()]
            assert len(hits) == 1, f"{name}: sentence {g['sentence']!r} found {len(hits)} times"
            rows.append({**g, "predicted": hits.iloc[0]["instrument"] or "none"})
    return pd.DataFrame(rows)


def test_precision_recall_counts_by_hand():
    from jxanalysis.themes import precision_recall

    gold = pd.Series(["a", "a", "b", "b", "b"])
    predicted = pd.Series(["a", "b", "b", "b", "a"])
    table = precision_recall(gold, predicted, ["a", "b"]).set_index("class")
    assert table.loc["a", "precision"] == pytest.approx(1 / 2) and table.loc["a", "recall"] == pytest.approx(1 / 2)
    assert table.loc["b", "precision"] == pytest.approx(2 / 3) and table.loc["b", "recall"] == pytest.approx(2 / 3)
    assert list(table["gold"]) == [2, 3] and list(table["predicted"]) == [2, 3]


def test_instrument_classifier_against_hand_codes():
    """Precision and recall per class on 204 hand-coded sentences (pytest -s prints them).

    First run (the classifier as it was before the hand codes, instruments.yaml of issue 5), all
    204 sentences: supply P 0.60 R 0.37, environment P 0.59 R 0.46, demand P 0.50 R 0.59,
    none P 0.39 R 0.60. The cue list was then revised reading errors on the even-numbered rows
    only. After the revision: even rows (tuned on) supply P 1.00 R 0.77, environment P 0.80
    R 0.89, demand P 0.62 R 1.00, none P 0.83 R 0.75; odd rows (the check) supply P 0.69 R 0.39,
    environment P 0.78 R 0.70, demand P 0.50 R 0.67, none P 0.54 R 0.73. No class reaches 0.8 on
    the check rows: the classifier is not reliable per sentence (notebook 03 says so)."""
    from jxanalysis.themes import precision_recall

    rows = _instrument_rows()
    assert len(rows) >= 150 and rows["report"].nunique() >= 4
    assert set(rows["instrument"]) == set(CLASSES)
    print()
    tables = {}
    for name, part in [("all", rows), ("tuned on (even rows)", rows.iloc[::2]), ("check (odd rows)", rows.iloc[1::2])]:
        table = precision_recall(part["instrument"], part["predicted"], CLASSES).set_index("class")
        tables[name] = table
        print(f"{name:22} n={len(part):3}  " + " | ".join(
            f"{c} P {table.at[c, 'precision']:.2f} R {table.at[c, 'recall']:.2f} (gold {table.at[c, 'gold']})" for c in CLASSES))
    accuracy = (rows["instrument"] == rows["predicted"]).mean()
    print(f"accuracy on all {len(rows)} sentences: {accuracy:.1%} (first run 49.0%)")
    check = tables["check (odd rows)"]
    assert accuracy >= 0.6  # the first run was 0.49
    assert (check[["precision", "recall"]] >= 0.35).all().all()


# --- agreement with the hand labels


def _agreement(rows: pd.DataFrame, column: str) -> float:
    return float((rows[column] == rows["theme"]).mean())


def test_top_theme_agrees_with_hand_labels(labelled):
    """Measured (pytest -s): seed 100% (n=12), other built-from reports 93.2% (n=162), reports the
    lexicon was not built from 89.9% (n=79; first measurement, before any change to the lexicon
    and unchanged by the per-keyword review of the seed-only keywords)."""
    themed = labelled[labelled["theme"] != ""]
    seed = themed[themed["report"] == SEED_NAME]
    built = themed[(themed["sample"] == "built") & (themed["report"] != SEED_NAME)]
    new = themed[themed["sample"] == "new"]
    print(f"\nhand-labelled headed paragraphs: {len(labelled)}, out of lexicon scope: {len(labelled) - len(themed)}")
    for name, rows in themed.groupby("report", sort=False):
        lenient = (rows["top_theme"] == rows["theme"]) | (rows["top_theme"] == rows["alt_theme"])
        print(
            f"  {rows['sample'].iloc[0]:5} {name:38} n={len(rows):3}  top-1 {_agreement(rows, 'top_theme'):.0%}"
            f"  top-1 = label or alt {lenient.mean():.0%}  heading removed {_agreement(rows, 'body_top'):.0%}"
        )
    misses = themed[themed["top_theme"] != themed["theme"]]
    for m in misses.to_dict("records"):
        print(f"  miss: {m['report'][:12]:12} {m['heading'][:24]:24} label {m['theme']:15} got {m['top_theme']}")
    figures = {"seed": seed, "built from (other)": built, "not built from": new}
    print("top-1 agreement: " + ", ".join(f"{k} {_agreement(v, 'top_theme'):.1%} (n={len(v)})" for k, v in figures.items()))
    assert len(seed) == 12 and len(built) >= 150 and len(new) >= 75
    assert new["report"].nunique() >= 4 and set(new["report"]).isdisjoint(set(built["report"]) | {SEED_NAME})
    for rows in figures.values():
        assert _agreement(rows, "top_theme") >= MIN_AGREEMENT


def test_agreement_collapses_when_keywords_go_to_the_wrong_themes():
    """The agreement measure can fail: give each theme the next theme's keywords."""
    themes = load_themes()
    shifted = [Theme(t.id, t.name_zh, t.name_en, "", "", themes[i - 1].keywords) for i, t in enumerate(themes)]
    gold = _gold()
    gold = gold[gold["theme"] != ""]
    rows = pd.concat([_labelled_rows(name, gold, shifted) for name in gold["report"].unique()])
    assert _agreement(rows, "top_theme") < 0.2


# --- tables behind the notebook-03 figures


def test_short_labels_keep_the_enumerator_and_the_last_clause():
    from jxanalysis.themes import short_label

    assert short_label("一年来，我们迎难而上、加压奋进，经济发展稳中有进") == "经济发展稳中有进"
    assert short_label("（一）继续创新和完善宏观调控，确保经济运行在合理区间") == "（一）确保经济运行在合理区间"
    assert short_label("四是持续优化提升营商环境") == "四是持续优化提升营商环境"
    assert short_label("二、“十三五”经济社会发展的主要目标和任务", width=10) == "二、“十三五”经济…"
    assert short_label("") == ""


def test_section_labels_are_unique_per_place_in_the_report(seed):
    from jxanalysis.themes import PREAMBLE, section_labels

    labels = section_labels(seed.paragraphs)
    places = seed.paragraphs[["part", "section"]].apply(tuple, axis=1)
    assert labels.groupby(places, sort=False).nunique().eq(1).all()  # one label per place
    assert places.groupby(labels, sort=False).nunique().eq(1).all()  # one place per label
    assert labels.iloc[0] == PREAMBLE and labels.iloc[-1] == seed.paragraphs["part"].iloc[-1]
    twins = pd.DataFrame({"part": ["一、回顾", "二、安排"], "section": ["（一）稳增长", "（一）稳增长"]})
    assert list(section_labels(twins)) == ["（一）稳增长", "（一）稳增长(2)"]


def test_theme_shares_is_the_whole_report_aggregate_by_name(seed):
    from jxanalysis.themes import theme_shares

    scores = theme_scores(seed)
    shares = theme_shares(scores)
    whole = aggregate_themes(scores, by=None).iloc[0]
    names = {t.id: t.name_zh for t in load_themes()}
    assert list(shares.columns) == ["theme", "name", "share"] and len(shares) == len(names)
    assert shares["share"].is_monotonic_decreasing
    for row in shares.itertuples():
        assert row.name == names[row.theme] and row.share == pytest.approx(whole[row.theme])


def test_section_themes_splits_places_that_share_an_empty_section(seed):
    from jxanalysis.themes import section_labels, section_themes

    scores = theme_scores(seed)
    table = section_themes(scores)
    themes = load_themes()
    assert list(table.columns) == ["tokens", *[t.name_zh for t in themes]]
    assert list(table.index) == list(dict.fromkeys(section_labels(scores, tails=True)))
    assert table["tokens"].sum() == scores["tokens"].sum()
    # the plan part's paragraphs have no section but are not merged with the preamble
    plan = scores[scores["part"] == scores["part"].iloc[-1]]
    expected = (plan["urban"] * plan["tokens"]).sum() / plan["tokens"].sum()
    assert table.loc[plan["part"].iloc[0], "城市建设、基础设施与区域协调"] == pytest.approx(expected)


def test_part_themes_puts_kinds_of_part_side_by_side(seed):
    from jxanalysis.themes import PART_KINDS, part_themes

    scores = theme_scores(seed)
    table = part_themes(scores)
    assert list(table.columns) == ["工作回顾", "年度工作安排"]  # the seed has no five-year part
    assert list(table.index) == [t.name_zh for t in load_themes()]
    ids = [t.id for t in load_themes()]
    for kind, name in PART_KINDS.items():
        rows = scores[scores["part_kind"] == kind]
        if len(rows):
            expected = rows[ids].mul(rows["tokens"], axis=0).sum() / rows["tokens"].sum()
            assert table[name].to_numpy() == pytest.approx(expected.to_numpy(float))
    by_part = part_themes(scores, by="part")
    assert list(by_part.columns) == [p for p in dict.fromkeys(scores["part"]) if p]


def test_part_themes_uses_the_loaders_part_kind_not_the_part_number(corpus_report):
    """National 2019 has two plan parts (二、…总体要求和政策取向, 三、…政府工作任务): both are 'plan'."""
    from jxanalysis.themes import part_themes

    scores = theme_scores(corpus_report)
    table = part_themes(scores)
    kinds = set(scores["part_kind"]) - {"opening", "appendix", ""}
    assert len(table.columns) == len(kinds) <= 3


def test_closing_paragraphs_get_their_own_row(seed):
    """The seed's paragraphs after the last review section (各位代表！… thanks, difficulties) are not
    merged into the review's opening paragraph nor into the last section (民生福祉持续增进)."""
    from jxanalysis.themes import TAIL, section_labels, section_themes

    scores = theme_scores(seed)
    labels = section_labels(scores, tails=True)
    closing = seed.paragraphs["text"].str.startswith("各位代表！")
    assert (labels[closing] == "一、2022年工作回顾" + TAIL).all()
    assert labels.iloc[2] == "一、2022年工作回顾"  # the part's opening paragraph
    assert list(section_labels(scores)) != list(labels)  # default keeps the old labels (notebook 04)
    table = section_themes(scores)
    livelihood = [i for i in table.index if i.endswith("民生福祉持续增进")][0]
    assert table.loc[livelihood].drop("tokens").idxmax() != "党建与政府自身建设"


def test_section_instruments_is_instrument_mix_by_place(seed):
    from jxanalysis.themes import section_instruments

    table = policy_instruments(seed)
    mix = section_instruments(table)
    assert list(mix.columns) == ["sentences", "供给型政策工具", "环境型政策工具", "需求型政策工具"]
    assert mix["sentences"].sum() == (table["instrument"] != "").sum()
    assert mix.iloc[:, 1:].sum(axis=1).to_numpy() == pytest.approx(1.0)
    assert mix.index.is_unique


def test_local_brand_shujia_is_not_counted_but_city_libraries_are():
    """孺子书房 (the seed's local reading-room brand) holds no theme keyword; 城市书房 does."""
    themes = {t.id: t.keywords for t in load_themes()}
    assert find_keywords("打造“孺子书房”124家", themes["public_services"]) == {}
    assert find_keywords("优化“城市书房”等新型业态", themes["public_services"]) == {"城市书房": 1}
    assert "溺水" not in themes["emergency"]


def test_an_edited_lexicon_file_counts_without_a_restart(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(THEMES_YAML.read_text(encoding="utf-8"), encoding="utf-8")
    before = score_text("打造孺子书房", str(path))
    text = path.read_text(encoding="utf-8").replace("- 城市书房", "- 城市书房\n      - 孺子书房")
    path.write_text(text, encoding="utf-8")
    after = score_text("打造孺子书房", str(path))
    assert before["public_services"] == 0 and after["public_services"] > 0


def test_lexicon_table_lists_every_theme():
    from jxanalysis.themes import lexicon_table

    table = lexicon_table()
    themes = load_themes()
    assert list(table["id"]) == [t.id for t in themes]
    assert list(table["keywords"]) == [len(t.keywords) for t in themes]
    assert table["examples"].iloc[0].split("、") == list(themes[0].keywords)[:6]
    assert list(lexicon_table(load_instruments())["id"]) == ["supply", "environment", "demand"]
