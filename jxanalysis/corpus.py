"""Many reports at once: the standard tables of each report, in parallel, cached on disk.

    results = analyze_many(paths)            # every core; a progress bar on stderr
    results[0].words, results[0].themes, results[0].indicators
    summary(results)                         # one row per report

Each file's results are stored under `jxanalysis.tokens.cache_dir()/corpus`, keyed by the
sha256 of the file's bytes and a fingerprint of jxanalysis itself (its version, code and
data files), so a second run only re-reads and hashes the files, and any change to the file
or to the package computes the tables afresh.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

import pandas as pd

from . import parallel
from .indicators import extract_indicators
from .keywords import word_frequencies
from .loading import ReportError, read_text
from .report import Report, load_report
from .themes import theme_scores
from .tokens import cache_dir as user_cache_dir, report_tokens


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


@lru_cache(maxsize=None)
def fingerprint() -> str:
    """Package version plus a hash of jxanalysis's code and data files (part of the cache key)."""
    try:
        version = metadata.version("jxanalysis")
    except metadata.PackageNotFoundError:
        version = "0"
    digest = hashlib.sha256()
    package = resources.files("jxanalysis")
    files = [f for f in package.iterdir() if f.name.endswith(".py")]
    files += [f for f in package.joinpath("readers").iterdir() if f.name.endswith(".py")]
    files += [f for f in package.joinpath("data").iterdir() if f.is_file()]
    for item in sorted(files, key=lambda f: f.name):
        digest.update(item.name.encode() + b"\0" + item.read_bytes())
    return f"{version}-{digest.hexdigest()[:12]}"


def file_sha256(path: str | Path) -> str:
    """sha256 of a file's bytes; a missing, unreadable or folder path raises ReportError."""
    path = Path(path)
    if not path.is_file():
        read_text(path)  # raises the loader's own ReportError: no such file / is a folder
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as err:
        raise ReportError(path, f"cannot be read ({err.strerror})") from None


def analyze(path: str | Path) -> Result:
    """Load one report and compute its standard tables (no cache).

    A bad file raises ReportError naming it; so does a file that loads but breaks an analysis
    (the original error is chained), so that one odd report names itself in a corpus run."""
    path = Path(path)
    sha = file_sha256(path)
    try:
        report = load_report(path)
        return Result(
            path=path, sha256=sha, title=report.title, date=report.date, truncated=report.truncated,
            characters=len(report.text), words=word_frequencies(report), themes=theme_scores(report),
            indicators=extract_indicators(report), text=report.text, paragraph_tokens=paragraph_tokens(report),
        )
    except ReportError:
        raise
    except Exception as err:
        raise ReportError(path, f"could not be analysed ({type(err).__name__}: {err})") from err


def paragraph_tokens(report: Report) -> list[str]:
    """Each paragraph's content tokens joined by spaces (the shared tokens: no second cut)."""
    tokens = report_tokens(report)
    kept = tokens[tokens["keep"] & (tokens["paragraph"] >= 0)]
    joined = kept.groupby("paragraph")["word"].agg(" ".join)
    return [joined.get(i, "") for i in range(len(report.paragraphs))]


def _cache_file(folder: Path, sha: str) -> Path:
    return folder / f"{sha}-{fingerprint()}.pkl"


def _read_cached(target: Path, path: Path) -> Result | None:
    """The result cached at target, re-pointed at path; None when absent or unreadable."""
    try:
        with open(target, "rb") as handle:
            result = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    result.path = path
    return result


def _write_cached(target: Path, result: Result) -> None:
    """Store a result atomically (a temp file renamed into place), so parallel runs never see half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _work(path: Path, target: Path | None) -> Result | tuple[str, str]:
    """Worker: analyse one file and cache it at target (named by the parent process, whose
    fingerprint counts); a bad file comes back as (path, problem), since ReportError does not
    survive pickling between processes."""
    try:
        result = analyze(path)
    except ReportError as err:
        return err.path, err.problem
    if target is not None:
        _write_cached(target, result)
    return result


def analyze_many(
    paths: Iterable[str | Path],
    n_jobs: int | None = None,
    cache_dir: str | Path | None = None,
    progress: bool = True,
    cache: bool = True,
    scheduler: str | None = None,
) -> list[Result]:
    """The standard tables of every report in paths, in the order given.

    n_jobs: worker processes (None: every core; 1: in this process). cache_dir: where results
    are cached (None: `jxanalysis.tokens.cache_dir()/corpus`); cache=False neither reads nor
    writes it. progress: a tqdm bar on stderr when more than one file must be analysed.
    scheduler: a Dask scheduler address (tcp://host:8786): the files are analysed on its workers.
    A bad file raises ReportError naming it (the first bad one in the order given), after the
    good files have been analysed and cached.
    """
    paths = [Path(p) for p in paths]
    folder = (Path(cache_dir) if cache_dir is not None else user_cache_dir() / "corpus") if cache else None
    results: list[Result | tuple[str, str] | None] = [None] * len(paths)
    todo: list[int] = []
    targets: list[Path | None] = [None] * len(paths)
    for i, path in enumerate(paths):
        try:
            sha = file_sha256(path)
        except ReportError as err:
            results[i] = (err.path, err.problem)
            continue
        if folder is not None:
            targets[i] = _cache_file(folder, sha)
            results[i] = _read_cached(targets[i], path)
        if results[i] is None:
            todo.append(i)

    done = parallel.run(_work, [(paths[i], targets[i]) for i in todo], n_jobs=n_jobs, scheduler=scheduler,
                        progress=progress, desc="analysing")
    for i, result in zip(todo, done):
        results[i] = result

    for result in results:
        if isinstance(result, tuple):
            raise ReportError(*result)
    return results  # type: ignore[return-value]


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
