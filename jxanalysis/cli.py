"""The `jxanalysis` command line: analyze reports, compare reports."""
from __future__ import annotations

import argparse
import shutil
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from tqdm import tqdm  # noqa: E402

from . import compare, html, plots  # noqa: E402
from .cache import CacheWarning  # noqa: E402
from .corpus import Result, analyze_each  # noqa: E402
from .export import write_csv  # noqa: E402
from .errors import RemovedTextWarning  # noqa: E402
from .loading import ReportError  # noqa: E402
from .report import REMOVED_WARNING, folder_name, summarise_removed  # noqa: E402
from .style import save_fig, setup  # noqa: E402
from .targets import targets_panel  # noqa: E402
from .themes import theme_shares  # noqa: E402
from .term_index import SHIPPED, term_index  # noqa: E402

DESCRIPTION = """\
Analyse Chinese government work reports (政府工作报告): keyword frequencies, themes and
quantitative indicators, as CSV tables, PNG figures and an index.html summary page.

commands:
  analyze REPORT... --out DIR   one report: DIR/ holds its tables, figures and index.html;
                                several reports: one sub-folder DIR/<file name>/ each (with
                                its parent folder's name when two files share a name), and
                                DIR/index.html linking them; sub-folders an earlier run wrote
                                for reports not in this run are removed
  compare REPORT... --out DIR   several reports side by side, ordered by date: size and
                                structure, keyword trends, keyness, theme shares, headline
                                indicators
  index REPORT_DIR_OR_FILE... --dictionary NAME_OR_YAML --out PANEL.csv
                                a term-index panel: one row per report (place, level, year,
                                tokens, hits, index per 10,000 content tokens, hits per term)
  targets REPORT... --out FILE  the year's expected targets (主要预期目标) of every report as
                                one panel CSV: file, place, level, year, then subject,
                                indicator, low, high, unit, bound, strength, direction,
                                sentence and the passage's position
"""
INDEX_HELP = """

A folder stands for every .txt report under it. Terms are counted on the policy tokenizer's
tokens, longest term first (数字经济 counts once, never also as 数字); the index divides the
hits by the report's content tokens. Also written: PANEL-terms.csv (one row per report and
term) and, with --sample N, PANEL-sample.csv (N keyword-in-context lines per term)."""
EPILOG = """\
input:
  A report as plain text (UTF-8, GB18030/GBK, Big5, UTF-16/32 with or without BOM; the encoding
  is detected), a web page saved from a browser (.html/.htm: its main text), Word .docx, or a
  PDF with a text layer. The file's first bytes decide its kind, so a misnamed file is read right.
  Refused with a reason and what to do: scanned PDFs (run OCR), legacy .doc and RTF (save as
  .docx or .txt), archives, images, password-protected or damaged files.

output files (analyze):
  cleaned.txt            the cleaned body text, one paragraph per line
  tokens.txt             the policy-aware tokens of each paragraph, space-separated
  word_frequencies.csv   word, count, share, pos
  themes.csv             one row per paragraph: position, share of each theme, top theme
  indicators.csv         subject, value, unit, kind, approx, raw, period, scope, sentence, position
  removed.csv            everything the loader dropped or changed: rule, offset, text, replacement
  figures/*.png          top keywords, word cloud, theme shares
  index.html             a summary page showing all of the above
  CSV files are UTF-8 with BOM, so Excel opens them directly.

results are cached per file (by its sha256) in ~/.cache/jxanalysis/corpus, so a second run
over the same files only re-reads them (a cache folder that cannot be written: one warning,
no cache); several files are analysed in parallel.

exit status:
  0  success
  1  bad input (missing, empty, binary, undecodable, unreadable, not a report, no content
     words): one line per bad file on stderr, naming it and the reason; the other files are
     still analysed and written, and index.html lists the bad ones
  2  usage error

examples:
  jxanalysis analyze seeds/jinxian-2023-government-work-report.txt --out out/jinxian
  jxanalysis compare reports/*.txt --out out/compare
  jxanalysis index reports/ --dictionary digital_economy --out out/digital.csv
  jxanalysis targets reports/*.txt --out targets.csv
"""


def _figure(ax, name: str, folder: Path) -> Path:
    path = save_fig(ax.figure, name, folder)
    plt.close(ax.figure)
    return path


MANIFEST = ".jxanalysis-folders"  # in an --out folder: the report sub-folders the last run wrote


def analyze_one(result: Result, out: Path) -> Path:
    """Write one report's tables, figures and index.html into out; return the page's path.
    A report without content words is a ReportError (there is nothing to count or draw)."""
    if result.words.empty:
        raise ReportError(result.path, "has no content words (only stopwords, numbers and punctuation)")
    out.mkdir(parents=True, exist_ok=True)
    (out / "cleaned.txt").write_text(result.text + "\n", encoding="utf-8")
    (out / "tokens.txt").write_text("".join(line + "\n" for line in result.paragraph_tokens), encoding="utf-8")
    files = [out / "cleaned.txt", out / "tokens.txt",
             write_csv(result.removed, out / "removed.csv"),
             write_csv(result.words, out / "word_frequencies.csv"),
             write_csv(result.themes, out / "themes.csv"),
             write_csv(result.indicators, out / "indicators.csv")]
    if result.phrases:  # --phrases: the discovered names its tokenizer kept whole
        files.append(write_csv(pd.DataFrame({"phrase": list(result.phrases)}), out / "phrases.csv"))
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
    removed = summarise_removed(result.removed)
    share = result.removed_share()
    blocks.append(html.paragraph(
        f"清洗删除了 {removed.characters.sum()} 个字符，其中汉字 {removed.chinese.sum()} 个（原文汉字的 {share:.1%}）"
        f"；每一处都记录在 removed.csv。The loader removed {removed.characters.sum()} characters, "
        f"{removed.chinese.sum()} of them Chinese ({share:.1%} of the file's Chinese characters); "
        f"every removal is listed in removed.csv.", "warning" if share > REMOVED_WARNING else ""))
    if share > REMOVED_WARNING:
        rules = ", ".join(f"{r.rule} {r.chinese}" for r in removed.itertuples() if r.chinese)
        print(f"jxanalysis: warning: {result.path}: the loader removed {share:.0%} of the Chinese characters "
              f"({rules}); see {out / 'removed.csv'}", file=sys.stderr)
    blocks += [
        html.links(files, out),
        html.heading("清洗 Cleaning: removed by rule"), html.table(removed),
        html.heading("关键词 Top keywords"), html.image(bars, out, "出现最多的词"),
        html.table(result.words, rows=30), html.image(cloud, out, "词云"),
        html.heading("主题 Themes"), html.image(themes, out, "主题占比"), html.table(shares, rows=20),
        html.heading("指标 Indicators"),
        html.table(result.indicators[["subject", "value", "unit", "kind", "approx", "raw", "period"]], rows=60),
    ]
    return html.write(out, result.title, blocks)


def output_folders(paths: Sequence[Path]) -> list[str]:
    """One distinct sub-folder name per input: the file name (report.folder_name), preceded by
    as many parent folders as it takes to tell apart files of the same name (y2015/report.txt,
    y2019/report.txt -> y2015-report, y2019-report); a file given twice gets -2, -3."""
    base = [folder_name(p) for p in paths]
    parents = [Path(p).absolute().parent.parts[1:] for p in paths]
    names = list(base)
    for i, name in enumerate(base):
        others = {parents[j] for j in range(len(paths)) if base[j] == name and parents[j] != parents[i]}
        if not others:
            continue
        depth = 1  # the fewest parent folders that tell this file from every other of its name
        while depth < len(parents[i]) and any(o[-depth:] == parents[i][-depth:] for o in others):
            depth += 1
        names[i] = "-".join([*parents[i][-depth:], name])
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        unique.append(name if seen[name] == 1 else f"{name}-{seen[name]}")
    return unique


def _errors_block(errors: Sequence[ReportError]) -> list[str]:
    if not errors:
        return []
    return [html.heading("未能分析的文件 Files not analysed"),
            html.listing([(f"{e.path}: {e.problem}", "") for e in errors])]


def _tidy(out: Path, written: Sequence[str]) -> list[str]:
    """Remove the report sub-folders an earlier run wrote into out that this run did not write
    (so no stale results stay beside fresh ones), record this run's, and return the names of any
    other sub-folders (not written by jxanalysis), which the index page lists."""
    manifest = out / MANIFEST
    earlier = manifest.read_text(encoding="utf-8").splitlines() if manifest.is_file() else []
    for name in set(earlier) - set(written):
        if name and "/" not in name and name not in (".", "..") and (out / name).is_dir():
            shutil.rmtree(out / name)
    manifest.write_text("".join(f"{name}\n" for name in written), encoding="utf-8")
    return sorted(p.name for p in out.iterdir() if p.is_dir() and p.name not in written and p.name != "figures")


def analyze_command(paths: Sequence[Path], out: Path, scheduler: str | None = None,
                    phrases: bool = False) -> tuple[Path | None, list[ReportError]]:
    """`jxanalysis analyze`: one folder per report (out itself for a single report), and the
    files that could not be analysed."""
    outcomes = analyze_each(paths, scheduler=scheduler, phrases=phrases)
    if len(outcomes) == 1:
        if isinstance(outcomes[0], ReportError):
            return None, [outcomes[0]]
        page = analyze_one(outcomes[0], out)
        _tidy(out, [])
        return page, []
    results, pages, errors, written = [], [], [], []
    folders = output_folders(paths)
    for outcome, folder in tqdm(list(zip(outcomes, folders)), desc="writing", unit="report", file=sys.stderr):
        try:
            if isinstance(outcome, ReportError):
                raise outcome
            pages.append(analyze_one(outcome, out / folder))
            results.append(outcome)
            written.append(folder)
        except ReportError as err:
            errors.append(err)
    out.mkdir(parents=True, exist_ok=True)
    others = _tidy(out, written)
    blocks = [html.table(compare.overview(results))] if results else []
    blocks.append(html.listing([(r.title, html.href(p, out)) for r, p in zip(results, pages)]))
    blocks += _errors_block(errors)
    if others:
        blocks += [html.heading("其他文件夹（不是本次运行写的）Other folders here, not written by this run"),
                   html.listing([(name, "") for name in others])]
    return html.write(out, "jxanalysis：报告分析 Reports", blocks), errors


def compare_command(paths: Sequence[Path], out: Path, scheduler: str | None = None,
                    phrases: bool = False) -> tuple[Path | None, list[ReportError]]:
    """`jxanalysis compare`: tables and figures comparing the reports, and index.html; and the
    files that could not be analysed (the others are compared when there are two or more)."""
    outcomes = analyze_each(paths, scheduler=scheduler, phrases=phrases)
    results = [r for r in outcomes if not isinstance(r, ReportError)]
    errors = [r for r in outcomes if isinstance(r, ReportError)]
    empty = [r for r in results if r.words.empty]
    errors += [ReportError(r.path, "has no content words (only stopwords, numbers and punctuation)") for r in empty]
    results = [r for r in results if not r.words.empty]
    if len(results) < 2:
        return None, errors + [ReportError("compare", f"needs two reports that can be analysed; {len(results)} of "
                                                      f"{len(outcomes)} could")]
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
    blocks = [html.links(files, out), *_errors_block(errors)]
    if truncated:
        blocks.append(html.paragraph("注意：以下报告被截断，统计不完整：" + "、".join(truncated), "warning"))
    blocks += [
        html.heading("规模与结构 Size and structure"), html.table(tables["overview"]),
        html.heading("关键词趋势 Keyword trends"), html.image(trends, out, "关键词趋势"),
        html.heading("关键性 Keyness (each report against the others)"), html.table(tables["keyness"], rows=60),
        html.heading("主题 Theme shares"), html.image(themes, out, "主题占比"),
        html.heading("主要指标 Headline indicators"), html.table(tables["headline_indicators"], rows=80),
    ]
    return html.write(out, "jxanalysis：报告比较 Comparing reports", blocks), errors


def index_command(paths: Sequence[Path], out: Path, dictionary: str, jobs: int | None = None,
                  scheduler: str | None = None, sample: int = 0) -> Path:
    """`jxanalysis index`: the term-index panel as CSV (and the KWIC sample beside it)."""
    result = term_index(paths, dictionary, sample=sample, n_jobs=jobs, scheduler=scheduler, progress=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_csv(result.panel, out)
    write_csv(result.terms, out.with_name(out.stem + "-terms.csv"))
    if sample:
        write_csv(result.sample, out.with_name(out.stem + "-sample.csv"))
    return out


def targets_command(paths: Sequence[Path], out: Path) -> Path:
    """`jxanalysis targets`: the panel of targets as CSV (UTF-8 with BOM)."""
    return write_csv(targets_panel(paths, progress=len(paths) >= 5), out)


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
            command.add_argument("--scheduler", metavar="ADDRESS", help="run on a Dask cluster (tcp://host:8786)")
            command.add_argument("--phrases", action="store_true",
                                 help="keep each report's discovered names whole (军山湖, not 军山); listed in phrases.csv")
    text = "term-index panel: dictionary hits per 10,000 content tokens, one row per report"
    index = commands.add_parser("index", help=text, description=text + INDEX_HELP, epilog=EPILOG, formatter_class=formatter)
    index.add_argument("reports", nargs="+", type=Path, metavar="REPORT_DIR_OR_FILE")
    index.add_argument("--dictionary", "-d", required=True, metavar="NAME_OR_YAML",
                       help=f"a shipped dictionary ({', '.join(SHIPPED)}) or a YAML file with a terms: list")
    index.add_argument("--out", "-o", type=Path, required=True, metavar="PANEL.csv", help="the panel CSV to write")
    index.add_argument("--sample", type=int, default=0, metavar="N", help="write N keyword-in-context lines per term")
    index.add_argument("--jobs", "-j", type=int, default=None, metavar="N", help="worker processes (default: every core)")
    index.add_argument("--scheduler", metavar="ADDRESS", help="run on a Dask cluster (tcp://host:8786)")
    return main


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """jxanalysis's own warnings as one line on stderr; others as Python shows them."""
    if issubclass(category, CacheWarning):
        print(f"jxanalysis: warning: {message}", file=sys.stderr)
    else:
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = parser().parse_args(argv)
    if args.command == "compare" and len(args.reports) < 2:
        parser().error("compare needs at least two reports")
    if args.command == "index":
        try:
            print(index_command(args.reports, args.out, args.dictionary, args.jobs, args.scheduler, args.sample))
        except (ReportError, ValueError, ImportError) as err:
            print(f"jxanalysis: error: {err}", file=sys.stderr)
            return 1
        except OSError as err:
            print(f"jxanalysis: error: cannot write {err.filename}: {err.strerror}", file=sys.stderr)
            return 1
        return 0
    setup()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", CacheWarning)
            warnings.simplefilter("ignore", RemovedTextWarning)  # said once per report by analyze_one
            warnings.showwarning = _show_warning
            if args.command == "targets":
                page, errors = targets_command(args.reports, args.out), []
            else:
                command = analyze_command if args.command == "analyze" else compare_command
                page, errors = command(args.reports, args.out, args.scheduler, args.phrases)
    except ReportError as err:
        page, errors = None, [err]
    except OSError as err:
        print(f"jxanalysis: error: cannot write {err.filename}: {err.strerror}", file=sys.stderr)
        return 1
    for err in errors:
        print(f"jxanalysis: error: {err}", file=sys.stderr)
    if page is not None:
        print(page)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
