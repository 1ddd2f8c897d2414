"""The command line: outputs, exit codes, one-line errors naming the file."""
from __future__ import annotations

import re
import subprocess
import sys

import pandas as pd
import pytest

from conftest import CORPUS_FILES, ROOT
from jxanalysis.cli import main
from jxanalysis.report import folder_name

SEED = ROOT / "seeds" / "jinxian-2023-government-work-report.txt"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "jxanalysis.cli", *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def analyzed(tmp_path_factory):
    out = tmp_path_factory.mktemp("analyze")
    assert main(["analyze", str(SEED), "--out", str(out)]) == 0
    return out


def test_analyze_writes_tables_figures_and_page(analyzed):
    for name in ["cleaned.txt", "tokens.txt", "word_frequencies.csv", "themes.csv", "indicators.csv", "index.html"]:
        assert (analyzed / name).stat().st_size > 0, name
    words = pd.read_csv(analyzed / "word_frequencies.csv", encoding="utf-8-sig")
    assert list(words.columns[:3]) == ["word", "count", "share"]
    assert (analyzed / "indicators.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # BOM for Excel
    indicators = pd.read_csv(analyzed / "indicators.csv", encoding="utf-8-sig")
    assert {"subject", "value", "unit", "kind", "approx", "raw", "sentence"} <= set(indicators.columns)
    page = (analyzed / "index.html").read_text(encoding="utf-8")
    assert "进贤县2023年政府工作报告" in page and "2023-01-06" in page
    assert "截断" in page  # the seed is truncated and the page says so
    images = re.findall(r'<img src="([^"]+)"', page)
    assert len(images) >= 3 and all((analyzed / src).is_file() for src in images)


def test_phrases_option_keeps_names_whole_and_lists_them(tmp_path, analyzed):
    assert main(["analyze", str(SEED), "--phrases", "--out", str(tmp_path)]) == 0
    phrases = pd.read_csv(tmp_path / "phrases.csv", encoding="utf-8-sig")["phrase"]
    words = pd.read_csv(tmp_path / "word_frequencies.csv", encoding="utf-8-sig")["word"]
    plain = pd.read_csv(analyzed / "word_frequencies.csv", encoding="utf-8-sig")["word"]
    assert "军山湖" in set(phrases) and "军山湖" in set(words) and "军山" not in set(words)
    assert "军山" in set(plain) and not (analyzed / "phrases.csv").exists()
    assert "phrases.csv" in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_analyze_writes_what_the_loader_removed(analyzed):
    removed = pd.read_csv(analyzed / "removed.csv", encoding="utf-8-sig", keep_default_na=False)
    assert list(removed.columns) == ["rule", "offset", "text", "replacement"]
    assert {"page-footer", "url", "email", "footnote-marker"} <= set(removed.rule)
    chinese = int(removed[removed.replacement == ""].text.str.count("[\u4e00-\u9fff]").sum())
    page = (analyzed / "index.html").read_text(encoding="utf-8")
    assert f"其中汉字 {chinese} 个" in page and "removed.csv" in page


def test_much_removed_text_is_said_on_stderr(tmp_path):
    report = tmp_path / "report.txt"
    disclaimer = "本文内容由互联网用户自发贡献，该文观点仅代表作者本人。本站仅提供信息存储空间服务。" * 80
    report.write_text(SEED.read_text(encoding="utf-8") + "\n" + disclaimer, encoding="utf-8")
    run_ = run("analyze", str(report), "--out", str(tmp_path / "out"))
    assert run_.returncode == 0, run_.stderr
    assert re.search(r"jxanalysis: warning: .*report\.txt: the loader removed \d+% of the Chinese characters "
                     r"\(page-footer \d+", run_.stderr), run_.stderr


def test_compare_writes_tables_and_figures(tmp_path):
    out = tmp_path / "compare"
    assert main(["compare", str(SEED), *map(str, CORPUS_FILES), "--out", str(out)]) == 0
    overview = pd.read_csv(out / "overview.csv", encoding="utf-8-sig")
    assert overview.date.tolist() == sorted(overview.date)  # ordered by date
    assert len(overview) == 1 + len(CORPUS_FILES)
    trends = pd.read_csv(out / "keyword_trends.csv", encoding="utf-8-sig")
    assert list(trends.columns[1:]) == overview.report.tolist()
    for name in ["keyness.csv", "themes.csv", "headline_indicators.csv", "figures/05-keyword-trends.png",
                 "figures/05-theme-shares.png", "index.html"]:
        assert (out / name).is_file(), name


def test_several_reports_get_one_folder_each(tmp_path):
    assert main(["analyze", str(SEED), str(CORPUS_FILES[0]), "--out", str(tmp_path)]) == 0
    assert (tmp_path / "jinxian-2023-government-work-report" / "index.html").is_file()
    assert (tmp_path / folder_name(CORPUS_FILES[0]) / "index.html").is_file()
    assert "href=" in (tmp_path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "content, problem",
    [(None, "no such file"), (b"", "empty"), (bytes(range(256)) * 8, "binary"),
     (b"\x81\x20\x80\x7f" * 50, "decoded"), (b"plain English text only\n" * 30, "no Chinese")],
    ids=["missing", "empty", "binary", "undecodable", "no-chinese"],
)
def test_bad_input_exits_1_with_one_line(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    if content is not None:
        path.write_bytes(content)
    result = run("analyze", str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and problem in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [[], ["analyze"], ["analyze", str(SEED)], ["frobnicate", "x"], ["compare", str(SEED), "--out", "x"]])
def test_usage_errors_exit_2(args):
    assert run(*args).returncode == 2


def test_help_reads_like_a_manual():
    text = run("--help").stdout
    for section in ["commands:", "exit status:", "examples:", "output files", "analyze", "compare"]:
        assert section in text


def test_a_report_on_standard_input_is_read_once(tmp_path):
    """`cat report.txt | jxanalysis analyze /dev/stdin`: a pipe can be read only once."""
    out = tmp_path / "stdin"
    run_ = subprocess.run([sys.executable, "-m", "jxanalysis.cli", "analyze", "/dev/stdin", "--out", str(out)],
                          input=SEED.read_bytes(), capture_output=True)  # a pipe, as from `cat`
    assert run_.returncode == 0, run_.stderr.decode()
    assert "进贤县2023年政府工作报告" in (out / "index.html").read_text(encoding="utf-8")
