"""Many reports at once: the standard tables of each report, in parallel, cached on disk.

    results = analyze_many(paths)            # every core; a progress bar on stderr
    results[0].words, results[0].themes, results[0].indicators
    summary(results)                         # one row per report

Each file's results are stored under `jxanalysis.cache.cache_dir()/corpus`, keyed by the
sha256 of the file's bytes and a fingerprint of jxanalysis itself (its version, code and
data files, and the versions of the libraries it uses), so a second run only re-reads and
hashes the files, and any change to the file or to the package computes the tables afresh.
An entry is checked before it is served (jxanalysis.cache.read_entry): a corrupt one is
recomputed and rewritten; a cache folder that cannot be written gives one warning.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import arguments, parallel
from .cache import cache_dir as user_cache_dir
from .cache import CacheWarning, fingerprint, read_entry, usable, write_entry
from .indicators import extract_indicators
from .keywords import word_frequencies
from .errors import RemovedTextWarning
from .loading import ReportError
from .readers import read_bytes
from .report import REMOVED_COLUMNS, Report, load_report
from .patterns import HAN_CHAR, count_han
from .phrases import with_phrases
from .themes import theme_scores
from .tokens import report_tokens


@dataclass
class Result:
    """The standard tables of one report file."""

    path: Path
    sha256: str
    title: str
    date: dt.date | None
    truncated: bool
    characters: int  # of the cleaned text
    words: pd.DataFrame  # jx.word_frequencies
    themes: pd.DataFrame  # jxanalysis.themes.theme_scores
    indicators: pd.DataFrame  # jxanalysis.indicators.extract_indicators
    text: str = ""  # the cleaned body text (report.text)
    paragraph_tokens: list[str] = field(default_factory=list)  # each paragraph's content tokens, space-separated
    audit: list[dict] = field(default_factory=list)  # report.audit: what the loader dropped or changed
    chinese: int = 0  # Chinese characters in the file's text, before cleaning
    phrases: tuple[str, ...] = ()  # the discovered names its tokenizer kept whole (analyze_many(phrases=True))

    @property
    def removed(self) -> pd.DataFrame:
        """report.removed: rule, offset, text, replacement."""
        return pd.DataFrame(self.audit, columns=REMOVED_COLUMNS)

    def removed_share(self) -> float:
        """Share of the file's Chinese characters that the loader removed."""
        dropped = sum(len(HAN_CHAR.findall(row["text"])) for row in self.audit if not row["replacement"])
        return dropped / self.chinese if self.chinese else 0.0


def file_sha256(path: str | Path, data: bytes | None = None) -> str:
    """sha256 of a file's bytes; a missing, unreadable or folder path raises ReportError."""
    return hashlib.sha256(read_bytes(Path(path)) if data is None else data).hexdigest()


def analyze(path: str | Path, data: bytes | None = None, phrases: bool = False) -> Result:
    """Load one report and compute its standard tables (no cache). data: the file's bytes when
    they were read already (a pipe is read only once). phrases: cut the report with its
    discovered names kept whole (`jxanalysis.phrases.with_phrases`).

    A bad file raises ReportError naming it; so does a file that loads but breaks an analysis
    (the original error is chained), so that one odd report names itself in a corpus run."""
    path = Path(path)
    data = read_bytes(path) if data is None else data
    sha = file_sha256(path, data)
    try:
        report = load_report(path, data)
        if phrases:
            report = with_phrases(report)
        return Result(
            path=path, sha256=sha, title=report.title, date=report.date, truncated=report.truncated,
            characters=len(report.text), words=word_frequencies(report), themes=theme_scores(report),
            indicators=extract_indicators(report), text=report.text, paragraph_tokens=paragraph_tokens(report),
            audit=report.audit, chinese=count_han(report.raw), phrases=report.phrases,
        )
    except ReportError:
        raise
    except Exception as err:
        raise ReportError(path, f"could not be analysed ({type(err).__name__}: {err})") from err


def paragraph_tokens(report: Report) -> list[str]:
    """Each paragraph's content tokens joined by spaces (the shared tokens: no second cut)."""
    tokens = report_tokens(report)
    paragraph = tokens["paragraph"].to_numpy()
    kept = tokens["keep"].to_numpy() & (paragraph >= 0)
    words = tokens["word"].to_numpy()[kept].tolist()
    # tokens are in reading order: each paragraph's words are one slice
    bounds = np.searchsorted(paragraph[kept], np.arange(len(report.paragraphs) + 1)).tolist()
    return [" ".join(words[a:b]) for a, b in zip(bounds[:-1], bounds[1:])]


def _cache_key(folder: Path, sha: str, phrases: bool = False) -> tuple[Path, str]:
    """The cache file of a file with this sha256, and the key its entry must carry."""
    key = f"{sha}-{fingerprint()}" + ("-phrases" if phrases else "")
    return folder / f"{key}.pkl", key


def _read_cached(target: tuple[Path, str], path: Path, sha: str) -> Result | None:
    """The result cached at target, re-pointed at path; None when absent or not a sound entry
    for this file (then it is recomputed and rewritten)."""
    result = read_entry(*target)
    if not isinstance(result, Result) or result.sha256 != sha:
        return None
    result.path = path
    return result


def _work(path: Path, target: tuple[Path, str] | None, data: bytes | None = None,
          phrases: bool = False) -> Result | tuple[str, str]:
    """Worker: analyse one file and cache it at target (named by the parent process, whose
    fingerprint counts); a bad file comes back as (path, problem), since ReportError does not
    survive pickling between processes."""
    try:
        with warnings.catch_warnings():  # the parent process has warned about the cache folder once
            warnings.simplefilter("ignore", CacheWarning)
            warnings.simplefilter("ignore", RemovedTextWarning)  # Result.removed_share() tells it
            result = analyze(path, data, phrases)
    except ReportError as err:
        return err.path, err.problem
    if target is not None:
        write_entry(*target, result)
    return result


def _folder(cache_dir: str | Path | None) -> Path | None:
    """The corpus cache folder; None (after one warning) when it cannot be written."""
    if cache_dir is None:
        base = user_cache_dir()
        if base is None:
            return None
        cache_dir = base / "corpus"
    folder = Path(cache_dir)
    return folder if usable(folder) else None


def analyze_many(
    paths: Iterable[str | Path],
    n_jobs: int | None = None,
    cache_dir: str | Path | None = None,
    progress: bool = True,
    cache: bool = True,
    scheduler: str | None = None,
    phrases: bool = False,
) -> list[Result]:
    """The standard tables of every report in paths (a list of paths), in the order given.

    n_jobs: worker processes (None: every core; 1: in this process). cache_dir: where results
    are cached (None: `jxanalysis.cache.cache_dir()/corpus`); cache=False neither reads nor
    writes it; a folder that cannot be written gives one warning and no cache. progress: a
    tqdm bar on stderr when more than one file must be analysed.
    scheduler: a Dask scheduler address (tcp://host:8786): the files are analysed on its workers.
    phrases: cut each report with its discovered names kept whole (`jx.with_phrases`; cached apart).
    A bad file raises ReportError naming it (the first bad one in the order given), after the
    good files have been analysed and cached; `analyze_each` returns the errors instead.
    """
    arguments.paths(paths, "analyze_many")
    results = analyze_each(paths, n_jobs=n_jobs, cache_dir=cache_dir, progress=progress, cache=cache,
                           scheduler=scheduler, phrases=phrases)
    for result in results:
        if isinstance(result, ReportError):
            raise result
    return results  # type: ignore[return-value]


def analyze_each(
    paths: Iterable[str | Path],
    n_jobs: int | None = None,
    cache_dir: str | Path | None = None,
    progress: bool = True,
    cache: bool = True,
    scheduler: str | None = None,
    phrases: bool = False,
) -> list[Result | ReportError]:
    """analyze_many, with a bad file's ReportError in its place in the list instead of raised,
    so that one bad file among many costs only itself (the command line lists them all)."""
    arguments.paths(paths, "analyze_each")
    paths = [Path(p) for p in paths]
    folder = _folder(cache_dir) if cache else None
    results: list[Result | tuple[str, str] | None] = [None] * len(paths)
    todo: list[int] = []
    targets: list[tuple[Path, str] | None] = [None] * len(paths)
    data: list[bytes | None] = [None] * len(paths)  # kept only for what can be read once (a pipe)
    for i, path in enumerate(paths):
        try:
            content = read_bytes(path)
            sha = file_sha256(path, content)
            data[i] = None if path.is_file() else content
        except ReportError as err:
            results[i] = (err.path, err.problem)
            continue
        if folder is not None:
            targets[i] = _cache_key(folder, sha, phrases)
            results[i] = _read_cached(targets[i], path, sha)
        if results[i] is None:
            todo.append(i)

    done = parallel.run(_work, [(paths[i], targets[i], data[i], phrases) for i in todo], n_jobs=n_jobs, scheduler=scheduler,
                        progress=progress, desc="analysing")
    for i, result in zip(todo, done):
        results[i] = result

    return [ReportError(*r) if isinstance(r, tuple) else r for r in results]  # type: ignore[misc]


def summary(results: Sequence[Result]) -> pd.DataFrame:
    """One row per report: file, title, date, truncated, characters, paragraphs, indicators,
    indicators per 1000 characters, and the most frequent word."""
    return pd.DataFrame([
        {
            "file": r.path.name, "title": r.title, "date": r.date, "truncated": r.truncated,
            "characters": r.characters, "paragraphs": len(r.themes), "indicators": len(r.indicators),
            "indicators_per_1000": 1000 * len(r.indicators) / r.characters if r.characters else 0.0,
            "top_word": r.words["word"].iloc[0] if len(r.words) else "",
        }
        for r in results
    ])
