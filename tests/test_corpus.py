"""analyze_many: the standard tables of many reports, in parallel, cached by file hash."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

import jxanalysis as jx
from jxanalysis import corpus
from jxanalysis.corpus import Result, analyze_many, summary
from jxanalysis.indicators import extract_indicators
from jxanalysis.report import SEED
from jxanalysis.themes import theme_scores

from conftest import CORPUS_FILES


@pytest.fixture
def copies(tmp_path):
    """The seed and two copies that differ by one appended line (so their hashes differ)."""
    paths = [tmp_path / "seed.txt", tmp_path / "copy1.txt", tmp_path / "copy2.txt"]
    shutil.copy(SEED, paths[0])
    for n, path in enumerate(paths[1:], 1):
        path.write_bytes(SEED.read_bytes() + f"\n副本{n}\n".encode())
    return paths


def _same(a: Result, b: Result) -> None:
    assert (a.sha256, a.title, a.date, a.truncated, a.characters) == (b.sha256, b.title, b.date, b.truncated, b.characters)
    for table in ("words", "themes", "indicators"):
        pd.testing.assert_frame_equal(getattr(a, table), getattr(b, table))


def test_tables_are_the_modules_own(tmp_path):
    [result] = analyze_many([SEED], cache_dir=tmp_path, progress=False)
    report = jx.load_report(SEED)
    assert result.path == SEED and result.title == report.title and result.date == report.date
    assert result.truncated and result.characters == len(report.text)
    pd.testing.assert_frame_equal(result.words, jx.word_frequencies(report))
    pd.testing.assert_frame_equal(result.themes, theme_scores(report))
    pd.testing.assert_frame_equal(result.indicators, extract_indicators(report))


def test_parallel_equals_serial_in_input_order(tmp_path, copies):
    serial = analyze_many(copies, n_jobs=1, cache_dir=tmp_path / "a", progress=False)
    parallel = analyze_many(copies, n_jobs=2, cache_dir=tmp_path / "b", progress=False)
    assert [r.path for r in parallel] == copies
    assert len({r.sha256 for r in parallel}) == 3
    for a, b in zip(serial, parallel):
        _same(a, b)


def test_second_run_only_reads_the_cache(tmp_path, copies, monkeypatch):
    first = analyze_many(copies, n_jobs=1, cache_dir=tmp_path, progress=False)
    assert len(list(tmp_path.glob("*.pkl"))) == 3

    def fail(path, *_):
        raise AssertionError(f"{path} analysed again")

    monkeypatch.setattr(corpus, "analyze", fail)
    again = analyze_many(copies, n_jobs=2, cache_dir=tmp_path, progress=False)  # no worker is started
    for a, b in zip(first, again):
        _same(a, b)
    moved = tmp_path / "moved.txt"
    shutil.copy(copies[1], moved)  # same bytes elsewhere: same cache entry, its own path
    assert analyze_many([moved], cache_dir=tmp_path)[0].path == moved
    copies[2].write_bytes(copies[2].read_bytes() + "再改一行\n".encode())
    with pytest.raises(AssertionError, match="copy2.txt analysed again"):  # changed bytes: analysed afresh
        analyze_many(copies, n_jobs=1, cache_dir=tmp_path, progress=False)


def test_cache_key_includes_the_package_fingerprint(tmp_path, copies, monkeypatch):
    analyze_many(copies[:1], cache_dir=tmp_path, progress=False)
    monkeypatch.setattr(corpus, "fingerprint", lambda: "other-version")
    monkeypatch.setattr(corpus, "analyze", lambda path, *_: (_ for _ in ()).throw(AssertionError("recomputed")))
    with pytest.raises(AssertionError, match="recomputed"):
        analyze_many(copies[:1], cache_dir=tmp_path, progress=False)


def test_default_cache_is_under_the_user_cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    analyze_many([SEED], n_jobs=1, progress=False)
    assert len(list((tmp_path / "jxanalysis" / "corpus").glob("*.pkl"))) == 1


def test_cache_false_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    analyze_many([SEED], cache=False, progress=False)
    assert not (tmp_path / "jxanalysis" / "corpus").exists()


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_bad_file_raises_report_error_naming_it(tmp_path, copies, n_jobs):
    bad = {
        "missing.txt": None,
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 20,
        "english.txt": b"No Chinese text here.\n" * 50,
    }
    for name, data in bad.items():
        if data is not None:
            (tmp_path / name).write_bytes(data)
    for name in bad:
        with pytest.raises(jx.ReportError, match=name.replace(".", r"\.")):
            analyze_many([copies[0], tmp_path / name, copies[1]], n_jobs=n_jobs, cache_dir=tmp_path / "c",
                         progress=False)
    with pytest.raises(jx.ReportError, match="is a folder"):
        analyze_many([tmp_path], cache_dir=tmp_path / "c", progress=False)
    assert len(list((tmp_path / "c").glob("*.pkl"))) == 2  # the good files were still analysed and cached


def test_a_file_that_breaks_an_analysis_names_itself(tmp_path, copies, monkeypatch):
    def broken(report):
        raise KeyError("boom")

    monkeypatch.setattr(corpus, "theme_scores", broken)
    with pytest.raises(jx.ReportError, match=r"copy1\.txt: could not be analysed \(KeyError: 'boom'\)"):
        analyze_many(copies[1:2], n_jobs=1, cache_dir=tmp_path, progress=False)


def test_first_bad_file_in_order_is_reported(tmp_path):
    with pytest.raises(jx.ReportError, match="a.txt"):
        analyze_many([tmp_path / "a.txt", tmp_path / "b.txt"], cache_dir=tmp_path, progress=False)


def test_progress_bar_on_stderr_for_multi_file_work(tmp_path, copies, capsys):
    analyze_many(copies[:2], n_jobs=1, cache_dir=tmp_path / "a")
    assert "2/2" in capsys.readouterr().err
    analyze_many(copies[:2], n_jobs=1, cache_dir=tmp_path / "b", progress=False)
    analyze_many(copies[2:], n_jobs=1, cache_dir=tmp_path / "b")  # one file: no bar
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_corpus_reports_and_summary(tmp_path):
    results = analyze_many([SEED, *CORPUS_FILES], cache_dir=tmp_path, progress=False)
    table = summary(results)
    assert list(table.file) == [SEED.name] + [p.name for p in CORPUS_FILES]
    assert table.title.str.contains("政府工作报告").all()
    assert table.date.notna().all()
    assert list(table.truncated) == [True] + [False] * len(CORPUS_FILES)
    assert (table.paragraphs > 10).all() and (table.indicators > 50).all()
    assert (table.indicators_per_1000 > 0).all()
    assert summary([]).empty
    assert analyze_many([]) == []
