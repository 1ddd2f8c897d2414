"""jx.term_index: longest-match counts on tokens, the denominator, dictionaries, KWIC sample,
cache, the `jxanalysis index` command and a Dask scheduler."""
from __future__ import annotations

import importlib
import json

import pandas as pd
import pytest

import jxanalysis as jx
from jxanalysis.cli import main

ti = importlib.import_module("jxanalysis.term_index")  # jx.term_index is the function

SEEDS = jx.seed_reports()
# Written by hand: 数字经济 and 数字政府 are whole terms; 数字 counts only where no longer term
# covers it (数字技术 is cut 数字 / 技术). Substring counting would give 数字 four hits.
GOLD_TEXT = "我们大力发展数字经济，数字经济规模扩大。推进数字政府建设，数字技术广泛应用。"
GOLD = {"数字经济": 2, "数字政府": 1, "数字": 1}


@pytest.fixture(scope="module")
def gold_report(tmp_path_factory):
    path = tmp_path_factory.mktemp("gold") / "gold.txt"
    filler = "坚持稳中求进工作总基调，扎实推进高质量发展，持续改善人民生活，社会大局保持稳定。" * 8
    path.write_text(f"某县政府工作报告\n各位代表：\n{GOLD_TEXT}\n{filler}\n", encoding="utf-8")
    return jx.load_report(path)


@pytest.mark.parametrize("order", [["数字", "数字经济", "数字政府"], ["数字政府", "数字经济", "数字"]])
def test_longest_term_wins_whatever_the_order(gold_report, order):
    result = jx.term_index(gold_report, order, cache=False)
    counts = result.terms.set_index("term")["hits"].to_dict()
    print("hand gold", GOLD, "measured", counts)
    assert counts == GOLD
    assert result.panel.loc[0, "hits"] == sum(GOLD.values())


@pytest.fixture(scope="module")
def seed_index():
    return jx.term_index(SEEDS, "digital_economy", sample=3, cache=False)


def test_denominator_is_the_content_tokens_of_word_frequencies(seed_index):
    panel = seed_index.panel
    assert list(panel.columns[:8]) == ti.PANEL_COLUMNS and len(panel) == len(SEEDS)
    for path, row in zip(SEEDS, panel.itertuples()):
        report = jx.load_report(path)
        assert row.content_tokens == jx.word_frequencies(report)["count"].sum()
        assert row.tokens > row.content_tokens
        assert row.index == pytest.approx(10_000 * row.hits / row.content_tokens)
        assert row.year == report.date.year
    assert (panel[list(seed_index.dictionary.terms)].sum(axis=1) == panel["hits"]).all()
    tidy = seed_index.terms
    assert len(tidy) == len(SEEDS) * len(seed_index.dictionary.terms)
    assert tidy.groupby("file", sort=False)["hits"].sum().tolist() == panel["hits"].tolist()


def test_reports_and_files_give_the_same_panel(seed_index):
    reports = [jx.load_report(p) for p in SEEDS]
    for report in reports:
        jx.word_frequencies(report)  # the shared tokens exist: term_index reuses them
    from_reports = jx.term_index(reports, "digital_economy", cache=False)
    pd.testing.assert_frame_equal(from_reports.panel, seed_index.panel)


def test_sample_lines_show_each_hit_in_its_line(seed_index):
    sample = seed_index.sample
    assert list(sample.columns) == ti.SAMPLE_COLUMNS and len(sample) > 10
    assert (sample.groupby("term").size() <= 3).all()
    assert (sample["term"] == sample["match"]).all()
    texts = {p.name: jx.load_report(p).text.split("\n") for p in SEEDS}
    for line in sample.itertuples():
        assert line.left + line.match + line.right in texts[line.file][line.line]
    again = jx.term_index(SEEDS, "digital_economy", sample=3, cache=False).sample
    pd.testing.assert_frame_equal(again, sample)  # seeded: the same lines every run


def test_shipped_dictionaries_name_their_sources():
    for name in ti.SHIPPED:
        dictionary = ti.load_dictionary(name)
        assert len(dictionary.terms) >= 30 and dictionary.name_zh
        header = jx.datafiles.read(f"{name}.yaml").split("\n\n")[0]
        assert "Where the terms come from" in header and "国务院" in header


def test_dictionary_from_yaml_list_and_errors(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("terms:\n  - 数字经济\n  - 数字政府\n", encoding="utf-8")
    assert ti.load_dictionary(path).terms == ("数字经济", "数字政府")
    assert ti.load_dictionary(str(path)).id == "mine"
    assert ti.load_dictionary(["数字经济", " ", "数字经济"]).terms == ("数字经济",)
    with pytest.raises(ValueError, match="unknown dictionary"):
        ti.load_dictionary("no_such_dictionary")
    (tmp_path / "bad.yaml").write_text("words: [a]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="terms"):
        ti.load_dictionary(tmp_path / "bad.yaml")
    with pytest.raises(ValueError, match="clash"):
        ti.load_dictionary(["hits"])


def test_cache_is_used_and_a_damaged_entry_is_recounted(tmp_path, monkeypatch):
    first = jx.term_index(SEEDS[:2], "digital_economy", cache_dir=tmp_path)
    entries = sorted(tmp_path.glob("*.json"))
    assert len(entries) == 2
    damaged = json.loads(entries[0].read_text(encoding="utf-8"))
    damaged["count"]["row"]["hits"] += 1000  # the checksum no longer matches
    entries[0].write_text(json.dumps(damaged), encoding="utf-8")
    entries[1].write_bytes(b"\x00garbage")
    again = jx.term_index(SEEDS[:2], "digital_economy", cache_dir=tmp_path)
    pd.testing.assert_frame_equal(again.panel, first.panel)
    monkeypatch.setattr(ti, "_count", lambda *args: pytest.fail("counted again despite the cache"))
    cached = jx.term_index(SEEDS[:2], "digital_economy", cache_dir=tmp_path)
    pd.testing.assert_frame_equal(cached.panel, first.panel)


def test_bad_file_is_named(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    with pytest.raises(jx.ReportError, match="empty.txt"):
        jx.term_index([SEEDS[0], bad], "digital_economy", cache=False)


def test_index_command_expands_folders(tmp_path, capsys):
    out = tmp_path / "panel.csv"
    seeds = SEEDS[0].parent
    assert main(["index", str(seeds), "--dictionary", "ecological_environment", "--out", str(out),
                 "--sample", "2", "--jobs", "1"]) == 0
    panel = pd.read_csv(out, encoding="utf-8-sig")
    assert panel["file"].tolist() == [p.name for p in SEEDS]
    assert (out.parent / "panel-terms.csv").exists() and (out.parent / "panel-sample.csv").exists()
    assert main(["index", str(seeds), "--dictionary", "nope", "--out", str(out)]) == 1
    assert "unknown dictionary" in capsys.readouterr().err


def test_dask_scheduler_gives_the_same_results(tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        remote = jx.term_index(SEEDS[2:], "digital_economy", cache=False, scheduler=address)
        results = jx.analyze_many(SEEDS[2:3], cache=False, progress=False, scheduler=address)
    local = jx.term_index(SEEDS[2:], "digital_economy", cache=False)
    pd.testing.assert_frame_equal(remote.panel, local.panel)
    pd.testing.assert_frame_equal(results[0].words, jx.word_frequencies(jx.load_report(SEEDS[2])))
