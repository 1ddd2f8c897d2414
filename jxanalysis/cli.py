"""The `jxanalysis` command line: analyze reports, compare reports."""
from __future__ import annotations

import argparse
import sys
from html import escape
from collections.abc import Sequence
from pathlib import Path

import matplotlib
import pandas as pd

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from tqdm import tqdm  # noqa: E402

from . import compare, html, plots  # noqa: E402
from .corpus import Result, analyze_many  # noqa: E402
from .export import write_csv  # noqa: E402
from .loading import ReportError  # noqa: E402
from .report import folder_name, load_report  # noqa: E402
from .style import save_fig, setup  # noqa: E402
from .targets import extract_targets  # noqa: E402
from .themes import theme_shares  # noqa: E402
from .tokens import tokenize  # noqa: E402

DESCRIPTION = """\
Analyse Chinese government work reports (政府工作报告): keyword frequencies, themes and
quantitative indicators, as CSV tables, PNG figures and an index.html summary page.

commands:
  analyze REPORT... --out DIR   one report: DIR/ holds its tables, figures and index.html;
                                several reports: one sub-folder DIR/<file name>/ each, and
                                DIR/index.html linking them
  compare REPORT... --out DIR   several reports side by side, ordered by date: size and
                                structure, keyword trends, keyness, theme shares, headline
                                indicators
  targets REPORT... --out FILE  the year's expected targets (主要预期目标) of every report as
                                one panel CSV: file, place, level, year, then subject,
                                indicator, low, high, unit, bound, strength, direction,
                                sentence and the passage's position
"""
EPILOG = """\
input:
  Plain-text reports in UTF-8 (with or without BOM), GB18030/GBK or UTF-16 with BOM.

output files (analyze):
  cleaned.txt            the cleaned body text, one paragraph per line
  tokens.txt             the policy-aware tokens of each paragraph, space-separated
  word_frequencies.csv   word, count, share, pos
  themes.csv             one row per paragraph: position, share of each theme, top theme
  indicators.csv         subject, value, unit, kind, approx, raw, period, sentence, position
  figures/*.png          top keywords, word cloud, theme shares
  index.html             a summary page showing all of the above
  CSV files are UTF-8 with BOM, so Excel opens them directly.

results are cached per file (by its sha256) in ~/.cache/jxanalysis/corpus, so a second run
over the same files only re-reads them; several files are analysed in parallel.

exit status:
  0  success
  1  bad input (missing, empty, binary, undecodable, not a report): a one-line reason naming the file
  2  usage error

examples:
  jxanalysis analyze seeds/jinxian-2023-government-work-report.txt --out out/jinxian
  jxanalysis compare reports/*.txt --out out/compare
  jxanalysis targets reports/*.txt --out targets.csv
"""


def _figure(ax, name: str, folder: Path) -> Path:
    path = save_fig(ax.figure, name, folder)
    plt.close(ax.figure)
    return path


def analyze_one(result: Result, out: Path) -> Path:
    """Write one report's tables, figures and index.html into out; return the page's path."""
    out.mkdir(parents=True, exist_ok=True)
    report = load_report(result.path)
    (out / "cleaned.txt").write_text(report.text + "\n", encoding="utf-8")
    (out / "tokens.txt").write_text("".join(" ".join(tokenize(p)) + "\n" for p in report.paragraphs.text), encoding="utf-8")
    files = [out / "cleaned.txt", out / "tokens.txt",
             write_csv(result.words, out / "word_frequencies.csv"),
             write_csv(result.themes, out / "themes.csv"),
             write_csv(result.indicators, out / "indicators.csv")]
    figures = out / "figures"
    shares = theme_shares(result.themes)
    bars = _figure(plots.bar_top_words(result.words, n=30), "02-top-keywords", figures)
    cloud = _figure(plots.word_cloud(result.words), "02-wordcloud", figures)
    themes = _figure(plots.bar_theme_shares(shares), "03-theme-shares", figures)
    date = result.date.isoformat() if result.date else "日期不详 date unknown"
    blocks = [html.paragraph(f"{date} · {result.characters} 字 characters · {len(result.themes)} 段 paragraphs · "
                             f"{len(result.indicators)} 个指标 indicators · 文件 {result.path.name}")]
    if result.truncated:
        blocks.append(html.paragraph("注意：正文在句中中断（报告被截断），后半部分的统计不完整。"
                                     "Warning: the text stops mid-sentence (truncated).", "warning"))
    blocks += [
        html.links(files, out),
        html.heading("关键词 Top keywords"), html.image(bars, out, "出现最多的词"),
        html.table(result.words, rows=30), html.image(cloud, out, "词云"),
        html.heading("主题 Themes"), html.image(themes, out, "主题占比"), html.table(shares, rows=20),
        html.heading("指标 Indicators"),
        html.table(result.indicators[["subject", "value", "unit", "kind", "approx", "raw", "period"]], rows=60),
    ]
    return html.write(out, result.title, blocks)


def analyze_command(paths: Sequence[Path], out: Path) -> Path:
    """`jxanalysis analyze`: one folder per report (out itself for a single report)."""
    results = analyze_many(paths)
    if len(results) == 1:
        return analyze_one(results[0], out)
    pages = [analyze_one(r, out / folder_name(r.path))
             for r in tqdm(results, desc="writing", unit="report", file=sys.stderr)]
    listing = "".join(f'<li><a href="{escape(p.relative_to(out).as_posix())}">{escape(r.title)}</a></li>'
                      for r, p in zip(results, pages))
    return html.write(out, "jxanalysis：报告分析 Reports", [html.table(compare.overview(results)), f"<ul>{listing}</ul>"])


def compare_command(paths: Sequence[Path], out: Path) -> Path:
    """`jxanalysis compare`: tables and figures comparing the reports, and index.html."""
    results = analyze_many(paths)
    out.mkdir(parents=True, exist_ok=True)
    trend_table, theme_table = compare.keyword_trends(results), compare.theme_table(results)
    tables = {
        "overview": compare.overview(results).reset_index(),
        "keyword_trends": trend_table.reset_index(),
        "keyness": compare.report_keyness(results),
        "themes": theme_table.reset_index(),
        "headline_indicators": compare.headline_table(results),
    }
    files = [write_csv(frame, out / f"{name}.csv") for name, frame in tables.items()]
    figures = out / "figures"
    trends = _figure(plots.heatmap_keyword_trends(trend_table), "05-keyword-trends", figures)
    themes = _figure(plots.heatmap_report_themes(theme_table), "05-theme-shares", figures)
    truncated = [r.title for r in results if r.truncated]
    blocks = [html.links(files, out)]
    if truncated:
        blocks.append(html.paragraph("注意：以下报告被截断，统计不完整：" + "、".join(truncated), "warning"))
    blocks += [
        html.heading("规模与结构 Size and structure"), html.table(tables["overview"]),
        html.heading("关键词趋势 Keyword trends"), html.image(trends, out, "关键词趋势"),
        html.heading("关键性 Keyness (each report against the others)"), html.table(tables["keyness"], rows=60),
        html.heading("主题 Theme shares"), html.image(themes, out, "主题占比"),
        html.heading("主要指标 Headline indicators"), html.table(tables["headline_indicators"], rows=80),
    ]
    return html.write(out, "jxanalysis：报告比较 Comparing reports", blocks)


def targets_panel(paths: Sequence[Path]) -> pd.DataFrame:
    """One table of the targets of all reports: file, place, level, year, then the other target
    columns (a report without a targets passage adds no rows)."""
    frames = []
    for path in tqdm(paths, desc="targets", unit="report", file=sys.stderr, disable=len(paths) < 5):
        report = load_report(path)
        table = extract_targets(report)
        front = pd.DataFrame({"file": str(path), "place": getattr(report, "place", "") or "",
                              "level": getattr(report, "level", "") or "", "year": table["year"]})
        frames.append(pd.concat([front, table.drop(columns="year")], axis=1))
    return pd.concat(frames, ignore_index=True)


def targets_command(paths: Sequence[Path], out: Path) -> Path:
    """`jxanalysis targets`: the panel of targets as CSV (UTF-8 with BOM)."""
    return write_csv(targets_panel(paths), out)


def parser() -> argparse.ArgumentParser:
    """The argument parser (its --help reads like a manual page)."""
    formatter = argparse.RawDescriptionHelpFormatter
    main = argparse.ArgumentParser(prog="jxanalysis", description=DESCRIPTION, epilog=EPILOG, formatter_class=formatter)
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, text in [("analyze", "tables, figures and index.html for each report"),
                       ("compare", "compare several reports side by side"),
                       ("targets", "the year's expected targets of each report, as one CSV panel")]:
        command = commands.add_parser(name, help=text, description=text, epilog=EPILOG, formatter_class=formatter)
        command.add_argument("reports", nargs="*" if name == "compare" else "+", type=Path, metavar="REPORT")
        if name == "targets":
            command.add_argument("--out", "-o", type=Path, required=True, metavar="FILE", help="the CSV file to write")
        else:
            command.add_argument("--out", "-o", type=Path, required=True, metavar="DIR", help="output folder (created if missing)")
    return main


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = parser().parse_args(argv)
    if args.command == "compare" and len(args.reports) < 2:
        parser().error("compare needs at least two reports")
    setup()
    try:
        command = {"analyze": analyze_command, "compare": compare_command, "targets": targets_command}[args.command]
        page = command(args.reports, args.out)
    except ReportError as err:
        print(f"jxanalysis: error: {err}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"jxanalysis: error: cannot write {err.filename}: {err.strerror}", file=sys.stderr)
        return 1
    print(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
