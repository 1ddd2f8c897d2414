"""Batches that never break: an unwritable cache, corrupt cache entries, the command line on
many files (same names, shared titles, bad files, reruns, odd file names, empty reports),
byte-identical pages, and misuse of the API."""
from __future__ import annotations

import copy
import dataclasses
import builtins
import os
import pickle
import subprocess
import sys
from pathlib import Path

import re
from urllib.parse import unquote

import pandas as pd
import pytest

import jxanalysis as jx
from jxanalysis import cache, corpus, html
from jxanalysis.cache import read_entry, write_entry
from jxanalysis.cli import main, output_folders

from conftest import ROOT, SEED


def _unwritable(tmp_path: Path, kind: str) -> Path:
    """A folder that cannot be created or written, even by root (permission bits do not stop root)."""
    if kind == "under-a-file":  # its parent is a file: mkdir fails on every system, for everyone
        (tmp_path / "file").write_text("not a folder")
        return tmp_path / "file" / "cache"
    if kind == "read-only":
        if os.geteuid() != 0:
            folder = tmp_path / "read-only"
            folder.mkdir()
            folder.chmod(0o555)
            return folder
        if Path("/sys/kernel").is_dir():  # sysfs: no new files there, even for root
            return Path("/sys/kernel/jxanalysis-test-cache")
        pytest.skip("running as root without sysfs: no folder is read-only to root")
    raise ValueError(kind)


KINDS = ["under-a-file", "read-only"]


@pytest.mark.parametrize("kind", KINDS)
def test_unwritable_cache_dir_warns_once_and_analyses(tmp_path, kind, monkeypatch):
    folder = _unwritable(tmp_path, kind)
    monkeypatch.setattr(cache, "_warned", set())
    with pytest.warns(RuntimeWarning, match="cannot write the cache folder") as caught:
        results = jx.analyze_many([SEED, SEED], n_jobs=1, cache_dir=folder, progress=False)
        jx.analyze_many([SEED], n_jobs=1, cache_dir=folder, progress=False)
    assert len(caught) == 1 and str(folder) in str(caught[0].message)
    expected = jx.word_frequencies(jx.load_report(SEED))
    for result in results:
        pd.testing.assert_frame_equal(result.words, expected)


SENTENCE = "各位代表：我们坚持稳中求进工作总基调，推动高质量发展，建设美丽进贤。"
CHILD = f"""
import jxanalysis as jx
tokens = jx.tokenize("{SENTENCE}")
results = jx.analyze_many([jx.report.SEED], n_jobs=1, progress=False)
print(" ".join(tokens), len(results[0].words))
"""


@pytest.mark.parametrize("variable", ["XDG_CACHE_HOME", "HOME"])
@pytest.mark.parametrize("kind", KINDS)
def test_unwritable_home_or_cache_in_a_fresh_process(tmp_path, kind, variable):
    """A fresh process (jieba's dictionary not yet built): tokenize and analyze_many work, one warning."""
    folder = _unwritable(tmp_path, kind)
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_CACHE_HOME", "HOME")}
    env[variable] = str(folder)
    env["MPLCONFIGDIR"] = str(tmp_path / "mpl")  # matplotlib's own warning is not ours
    run = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    expected = [*jx.tokenize(SENTENCE), str(len(jx.word_frequencies(jx.load_report())))]
    assert run.stdout.split() == expected
    assert run.stderr.count("CacheWarning: cannot write the cache folder") == 1, run.stderr
    assert "Traceback" not in run.stderr and "Dump cache file failed" not in run.stderr


# --- corrupt entries ----------------------------------------------------------------------------


@pytest.fixture
def cached(tmp_path, monkeypatch):
    """The seed analysed once into a fresh cache; afterwards corpus.analyze hands back copies of
    that true result (counting calls), so each corruption costs milliseconds."""
    folder = tmp_path / "cache"
    [truth] = jx.analyze_many([SEED], n_jobs=1, cache_dir=folder, progress=False)
    [entry] = folder.glob("*.pkl")
    calls = []

    def analyze(path, *_):
        calls.append(path)
        return copy.deepcopy(truth)

    monkeypatch.setattr(corpus, "analyze", analyze)
    return folder, entry, truth, calls


def _same(a, b) -> None:
    assert (a.path, a.sha256, a.title, a.date, a.truncated, a.characters) == \
           (b.path, b.sha256, b.title, b.date, b.truncated, b.characters)
    for table in ("words", "themes", "indicators"):
        pd.testing.assert_frame_equal(getattr(a, table), getattr(b, table))


def test_every_flipped_byte_is_detected_and_rewritten(cached):
    folder, entry, truth, calls = cached
    good = entry.read_bytes()
    key = entry.name.removesuffix(".pkl")
    positions = sorted({round(i * (len(good) - 1) / 59) for i in range(60)})
    assert len(positions) == 60
    for n, at in enumerate(positions, 1):
        entry.write_bytes(good[:at] + bytes([good[at] ^ 0xFF]) + good[at + 1:])
        [served] = jx.analyze_many([SEED], n_jobs=1, cache_dir=folder, progress=False)
        _same(served, truth)
        assert len(calls) == n, f"a flipped byte at {at} of {len(good)} was served"
        assert isinstance(read_entry(entry, key), corpus.Result)  # rewritten, sound again
    print(f"\n{len(positions)} single-byte flips across a {len(good)}-byte entry: all detected and rewritten")


def test_other_objects_and_other_files_entries_are_not_served(cached, tmp_path):
    folder, entry, truth, calls = cached
    other = tmp_path / "other.txt"
    other.write_bytes(SEED.read_bytes() + "另一份\n".encode())
    other_sha = corpus.file_sha256(other)
    other_result = dataclasses.replace(truth, path=other, sha256=other_sha)
    other_entry, other_key = corpus._cache_key(folder, other_sha)
    write_entry(other_entry, other_key, other_result)
    key = entry.name.removesuffix(".pkl")
    good = entry.read_bytes()
    forgeries = {
        "a pickle of another object": pickle.dumps({"word": ["假"], "count": [1095216660481]}),
        "a bare pickle of the true Result": pickle.dumps(truth),
        "another file's entry": other_entry.read_bytes(),
        "another file's result under this key": None,
        "the entry cut short": good[: len(good) // 2],
        "an empty file": b"",
    }
    for name, data in forgeries.items():
        if data is None:
            write_entry(entry, key, other_result)
        else:
            entry.write_bytes(data)
        before = len(calls)
        [served] = jx.analyze_many([SEED], n_jobs=1, cache_dir=folder, progress=False)
        _same(served, truth)
        assert len(calls) == before + 1, f"{name} was served"
        rewritten = read_entry(entry, key)
        assert isinstance(rewritten, corpus.Result), f"{name} was not rewritten"
        _same(rewritten, truth)


def test_fingerprint_includes_library_versions(monkeypatch):
    before = cache.fingerprint()
    for name in ["jieba", "rjieba", "pandas", "cn2an", "stopwordsiso"]:
        real = cache._version
        monkeypatch.setattr(cache, "_version", lambda n, name=name, real=real: "999" if n == name else real(n))
        cache.fingerprint.cache_clear()
        assert cache.fingerprint() != before, name
        monkeypatch.setattr(cache, "_version", real)
    cache.fingerprint.cache_clear()
    assert cache.fingerprint() == before



def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "jxanalysis.cli", *args], capture_output=True, text=True, env=env)


def test_cli_with_an_unwritable_home_warns_once_and_writes_everything(tmp_path):
    home = _unwritable(tmp_path, "under-a-file")  # the cache's read-only kind is tested above
    env = {k: v for k, v in os.environ.items() if k != "XDG_CACHE_HOME"}
    env.update(HOME=str(home), MPLCONFIGDIR=str(tmp_path / "mpl"))
    other = tmp_path / "other.txt"
    other.write_bytes(SEED.read_bytes() + "另一份\n".encode())
    run = cli("analyze", str(SEED), str(other), "--out", str(tmp_path / "out"), env=env)  # two workers
    assert run.returncode == 0, run.stderr
    assert run.stderr.count("jxanalysis: warning: cannot write the cache folder") == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert (tmp_path / "out" / "other" / "index.html").is_file()


# --- the command line on many files ---------------------------------------------------------------


def _variant(path: Path, words: str) -> Path:
    """A copy of the seed with words added to its first paragraph (its own bytes, the same title)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = SEED.read_text(encoding="utf-8")
    assert "请予审议" in text
    path.write_text(text.replace("请予审议", f"请予审议（{words}）", 1), encoding="utf-8")
    return path


def test_output_folders_are_distinct():
    paths = [Path("a/x/report.txt"), Path("b/x/report.txt"), Path("y2015/report.txt"), Path("seed.txt"),
             Path("seed.txt"), Path("c/other.gbk.txt")]
    assert output_folders(paths) == ["a-x-report", "b-x-report", "y2015-report", "seed", "seed-2", "other-gbk"]


def test_same_file_name_in_two_folders_gets_two_output_folders(tmp_path):
    a = _variant(tmp_path / "y2015" / "report.txt", "二〇一五年的副本")
    b = _variant(tmp_path / "y2019" / "report.txt", "二〇一九年的副本")
    out = tmp_path / "out"
    assert main(["analyze", str(a), str(b), "--out", str(out)]) == 0
    assert "二〇一五年的副本" in (out / "y2015-report" / "cleaned.txt").read_text(encoding="utf-8")
    assert "二〇一九年的副本" in (out / "y2019-report" / "cleaned.txt").read_text(encoding="utf-8")
    page = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="y2015-report/index.html"' in page and 'href="y2019-report/index.html"' in page


def test_compare_keeps_reports_that_share_a_title(tmp_path):
    a = _variant(tmp_path / "a" / "report.txt", "甲")
    b = _variant(tmp_path / "b" / "copy.txt", "乙")
    out = tmp_path / "out"
    assert main(["compare", str(a), str(b), str(SEED), "--out", str(out)]) == 0
    overview = pd.read_csv(out / "overview.csv", encoding="utf-8-sig")
    assert len(overview) == 3 and overview.report.is_unique
    assert sorted(overview.file) == ["copy.txt", SEED.name, "report.txt"]
    trends = pd.read_csv(out / "keyword_trends.csv", encoding="utf-8-sig")
    themes = pd.read_csv(out / "themes.csv", encoding="utf-8-sig")
    assert list(trends.columns[1:]) == overview.report.tolist() == list(themes.columns[1:])


def test_one_bad_file_among_many(tmp_path, capsys):
    good = [SEED, _variant(tmp_path / "good.txt", "好")]
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out"
    assert main(["analyze", str(good[0]), str(empty), str(missing), str(good[1]), "--out", str(out)]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    errors = [line for line in lines if line.startswith("jxanalysis: error:")]
    assert errors == [f"jxanalysis: error: {empty}: the file is empty", f"jxanalysis: error: {missing}: no such file"]
    for folder in ["jinxian-2023-government-work-report", "good"]:
        assert (out / folder / "index.html").is_file() and (out / folder / "indicators.csv").is_file()
    assert not (out / "empty").exists() and not (out / "missing").exists()
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "empty.txt: the file is empty" in page and "missing.txt: no such file" in page


def test_compare_with_a_bad_file_compares_the_others_and_exits_1(tmp_path, capsys):
    bad = tmp_path / "english.txt"
    bad.write_text("No Chinese here.\n" * 40)
    out = tmp_path / "out"
    assert main(["compare", str(SEED), str(bad), str(_variant(tmp_path / "b.txt", "乙")), "--out", str(out)]) == 1
    assert "english.txt: has no Chinese text" in capsys.readouterr().err
    assert len(pd.read_csv(out / "overview.csv", encoding="utf-8-sig")) == 2
    assert "english.txt" in (out / "index.html").read_text(encoding="utf-8")
    assert main(["compare", str(SEED), str(bad), "--out", str(tmp_path / "out2")]) == 1
    assert "compare: needs two reports that can be analysed; 1 of 2 could" in capsys.readouterr().err


def test_rerun_into_a_used_folder_leaves_no_stale_folder_unlisted(tmp_path):
    a, b, c = (_variant(tmp_path / f"{n}.txt", n) for n in "abc")
    out = tmp_path / "out"
    assert main(["analyze", str(a), str(b), "--out", str(out)]) == 0
    (out / "mine").mkdir()  # a folder of the user's own
    assert main(["analyze", str(a), str(c), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["a", "c", "mine"]  # b's stale results gone
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "not written by this run" in page and "<li>mine</li>" in page
    assert main(["analyze", str(b), "--out", str(out)]) == 0  # one report: written into out itself
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["figures", "mine"]


def _links(page: Path) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]+)"', page.read_text(encoding="utf-8"))


def test_hash_and_question_mark_in_file_names_give_working_links(tmp_path):
    odd = [_variant(tmp_path / "进贤#1?.txt", "一"), _variant(tmp_path / "50% off & more.txt", "二")]
    out = tmp_path / "out"
    assert main(["analyze", *map(str, odd), "--out", str(out)]) == 0
    pages = [out / "index.html", *out.glob("*/index.html")]
    assert len(pages) == 3
    for page in pages:
        links = _links(page)
        assert links and not any(ch in link for link in links for ch in "#? ")
        for link in links:
            assert (page.parent / unquote(link.replace("&amp;", "&"))).exists(), (page, link)


def test_a_report_without_content_words_is_a_one_line_error(tmp_path):
    path = tmp_path / "numbers.txt"
    path.write_text("各位代表：\n" + "一、二、三、四、五、六、七、八、九、十。\n" * 30, encoding="utf-8")
    assert jx.word_frequencies(jx.load_report(path)).empty
    run = cli("analyze", str(path), "--out", str(tmp_path / "out"))
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == [f"jxanalysis: error: {path}: has no content words "
                                               "(only stopwords, numbers and punctuation)"]


def test_index_page_and_font_are_byte_identical_between_runs(tmp_path, monkeypatch):
    blocks = [html.paragraph("进贤县2023年政府工作报告 · 5238 字"), html.heading("关键词 Top keywords")]
    written = []
    for run, epoch in enumerate(["1700000000", "1800000000"]):  # two runs at different times
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        folder = tmp_path / str(run)
        folder.mkdir()
        page = html.write(folder, "报告", blocks)
        written.append((page.read_bytes(), (folder / "font.otf").read_bytes()))
    assert written[0] == written[1]


# --- misuse of the API --------------------------------------------------------------------------


def test_load_report_refuses_report_text_and_empty_paths():
    text = SEED.read_text(encoding="utf-8")
    with pytest.raises(TypeError, match="pass a path|takes a path, not the report text"):
        jx.load_report(text)
    with pytest.raises(TypeError, match="not the report text"):
        jx.load_report("各位代表：现在，我代表县人民政府向大会报告工作。")  # one line of text
    with pytest.raises(jx.ReportError, match="empty path"):
        jx.load_report("")
    with pytest.raises(TypeError, match="already a loaded Report"):
        jx.load_report(jx.load_report())
    with pytest.raises(TypeError, match="not a int"):
        jx.load_report(3)


def test_a_chinese_file_name_is_still_a_path(tmp_path):
    path = tmp_path / "进贤县2023年政府工作报告.txt"
    path.write_bytes(SEED.read_bytes())
    assert jx.load_report(str(path)).title == "进贤县2023年政府工作报告"
    with pytest.raises(jx.ReportError, match="no such file"):
        jx.load_report(str(tmp_path / "海拉尔区2016年政府工作报告.txt"))


def test_tokenize_wants_text():
    report = jx.load_report()
    with pytest.raises(TypeError, match="pass report.text"):
        jx.tokenize(report)
    with pytest.raises(TypeError, match="not None"):
        jx.tokenize(None)
    with pytest.raises(TypeError, match="pass report.text"):
        jx.segment(report)
    assert jx.tokenize(report.text[:30])  # the text itself is fine


def test_word_frequencies_refuses_a_path_string():
    for path in [str(SEED), "seeds/national-2019.txt", "report.txt"]:
        with pytest.raises(TypeError, match="jx.load_report"):
            jx.word_frequencies(path)
    with pytest.raises(TypeError, match="jx.load_report"):
        jx.word_frequencies(SEED)  # a Path object
    assert jx.word_frequencies("坚持稳中求进工作总基调").word.tolist()  # text is fine


def test_theme_scores_wants_a_report():
    for value in [str(SEED), "坚持稳中求进工作总基调", None]:
        with pytest.raises(TypeError, match="takes a Report"):
            jx.theme_scores(value)


def test_analyze_many_wants_a_list_of_paths():
    for value in [str(SEED), SEED]:
        with pytest.raises(TypeError, match="list of paths, not one path"):
            jx.analyze_many(value)


def test_an_unreadable_file_is_a_report_error(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_bytes(SEED.read_bytes())
    real = builtins.open

    def locked_open(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", locked_open)
    with pytest.raises(jx.ReportError, match=r"locked\.txt: cannot be read: permission denied"):
        jx.load_report(path)
    with pytest.raises(jx.ReportError, match=r"locked\.txt: cannot be read"):
        jx.analyze_many([path], n_jobs=1, cache=False, progress=False)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file; the monkeypatched test covers it")
def test_a_chmod_000_file_is_a_report_error(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_bytes(SEED.read_bytes())
    path.chmod(0)
    with pytest.raises(jx.ReportError, match="cannot be read"):
        jx.load_report(path)
