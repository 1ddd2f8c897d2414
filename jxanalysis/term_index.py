"""Term-index panels: how much of each report a dictionary's terms take up, report by report.

    result = jx.term_index(paths, "digital_economy")   # or a list of terms, or a YAML file
    result.panel     # one row per report: file, place, level, year, tokens, content_tokens, hits, index, <term>...
    result.terms     # tidy: one row per report and term: file, place, level, year, term, hits, per_10k
    result.sample    # with sample=n: n keyword-in-context lines per term, for checking precision

Method. A report is cut by the policy tokenizer (jx.segment, the same cut as everywhere in
jxanalysis); each term is cut by the same tokenizer, and a term is counted where its tokens
follow each other in the report, inside one line. At each place the longest term wins and
the scan goes on after it (leftmost-longest, no overlaps): 数字经济 counts once, as 数字经济,
never also as 数字, whatever the order of the list. Counting substrings instead would count
数字 inside 数字经济 and 数字化 and depend on the list order.

Denominator. index = hits / content_tokens * 10,000, where content_tokens is the number of
content tokens of the report body (jx.tokenize: stopwords, numbers and punctuation left out;
the total of jx.word_frequencies). It does not depend on the dictionary, so indices of two
dictionaries over the same reports are comparable. tokens counts every word token (anything
holding a letter, digit or Chinese character).
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import re
import tempfile
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path

import pandas as pd

from . import datafiles
from .lexicon import derived
from .loading import ReportError
from .report import Report, load_report
from .tokens import _STORE_KEY, DEFAULT_BACKEND, Memo, cache_dir as user_cache_dir, content, segment

SHIPPED = ("digital_economy", "ecological_environment")
PANEL_COLUMNS = ["file", "place", "level", "year", "tokens", "content_tokens", "hits", "index"]
SAMPLE_COLUMNS = ["term", "file", "line", "left", "match", "right"]
WIDTH = 20  # characters of context kept on each side of a hit


@dataclass(frozen=True)
class Dictionary:
    """A term dictionary: an id, names, and its terms in the order given."""

    id: str
    name_zh: str
    name_en: str
    terms: tuple[str, ...]

    def digest(self) -> str:
        """sha256 of the terms (part of the cache key)."""
        return hashlib.sha256("\n".join(self.terms).encode()).hexdigest()[:16]


def load_dictionary(dictionary: str | Path | Sequence[str] | Dictionary) -> Dictionary:
    """A Dictionary from a list of terms, the name of a shipped dictionary (SHIPPED), or a YAML
    file with a `terms` list (and optional id, name_zh, name_en), like data/digital_economy.yaml."""
    if isinstance(dictionary, Dictionary):
        return dictionary
    if isinstance(dictionary, (list, tuple)):
        return Dictionary("terms", "", "", _terms(dictionary, "the term list"))
    if isinstance(dictionary, str) and dictionary in SHIPPED:
        data, where = datafiles.load_yaml(f"{dictionary}.yaml"), dictionary
    elif isinstance(dictionary, (str, Path)) and Path(dictionary).is_file():
        try:
            data, where = datafiles.load_yaml(Path(dictionary)), str(dictionary)
        except Exception as err:  # yaml.YAMLError, UnicodeDecodeError
            raise ValueError(f"{dictionary}: not a readable YAML term dictionary ({err})") from None
    else:
        raise ValueError(f"unknown dictionary {dictionary!r}: give a list of terms, a YAML file, "
                         f"or one of {', '.join(SHIPPED)}")
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise ValueError(f"{where}: a term dictionary needs a `terms:` list")
    return Dictionary(str(data.get("id", Path(where).stem)), str(data.get("name_zh", "")),
                      str(data.get("name_en", "")), _terms(data["terms"], where))


def _terms(items: Iterable, where: str) -> tuple[str, ...]:
    terms = tuple(dict.fromkeys(str(t).strip() for t in items if str(t).strip()))
    if not terms:
        raise ValueError(f"{where}: no terms")
    clash = set(terms) & set(PANEL_COLUMNS)
    if clash:
        raise ValueError(f"{where}: {sorted(clash)} would clash with the panel's columns")
    return terms


# A token's kind (_kind), one bit each: a word token, a content token (a word token jx.tokenize
# keeps), the first token of a term. A report's tokens become one byte each: counted in C.
WORD, CONTENT, FIRST = 1, 2, 4
_BEGINS = re.compile(b"[\x04-\x07]")  # a kind with the FIRST bit


def _is_word(token: str) -> bool:
    """A word token: it holds a letter, digit or Chinese character."""
    return any(c.isalnum() for c in token)


_word = Memo(_is_word)


def _kind(first: frozenset[str], token: str) -> int:
    """The WORD, CONTENT and FIRST bits of a token, for a dictionary whose terms begin with `first`."""
    return _word[token] * WORD | content[token] * CONTENT | (token in first) * FIRST


@derived
@lru_cache(maxsize=8)
def _kinds(first: frozenset[str]) -> Memo:
    """The kind of each token met so far, for a dictionary whose terms begin with `first`
    (kept by the process: a worker reuses it from one report to the next)."""
    return Memo(partial(_kind, first))


@dataclass(frozen=True)
class _Matcher:
    """Each term's token sequence, indexed by its first token, longest term first."""

    terms: tuple[str, ...]
    first: dict[str, list[tuple[tuple[str, ...], str]]] = field(hash=False)

    @classmethod
    def of(cls, terms: Sequence[str]) -> "_Matcher":
        first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for term in sorted(terms, key=lambda t: (-len(t), terms.index(t))):
            sequence = tuple(t for t in segment(term) if t.strip())
            if sequence:
                first.setdefault(sequence[0], []).append((sequence, term))
        return cls(tuple(terms), first)

    def hits(self, words: list[str], kinds: bytes) -> list[tuple[int, int, str]]:
        """(token index, number of tokens, term) of each hit, left to right, longest first, no
        overlaps; kinds: each word's kind, as bytes."""
        found, after = [], 0
        for i in (m.start() for m in _BEGINS.finditer(kinds)):  # the tokens that begin a term
            if i < after:
                continue
            for sequence, term in self.first[words[i]]:
                if tuple(words[i:i + len(sequence)]) == sequence:
                    found.append((i, len(sequence), term))
                    after = i + len(sequence)
                    break
        return found


def _words(report: Report) -> list[str]:
    """Every token of the report body: the shared tokens when already cut, else one cut now."""
    shared = report.__dict__.get(_STORE_KEY, {}).get(DEFAULT_BACKEND)
    if shared is not None:  # the shared table leaves the newlines out: put them back
        lines = shared["line"].tolist()
        words: list[str] = []
        previous = 0
        for line, word in zip(lines, shared["word"].tolist()):
            words.extend(["\n"] * (line - previous))
            words.append(word)
            previous = line
        return words
    return segment(report.text, phrases=report.phrases)


def _tally(kinds: bytes, bit: int) -> int:
    """How many tokens have this bit in their kind (bytes.count runs in C)."""
    return sum(kinds.count(kind) for kind in range(8) if kind & bit)  # the 8 kinds: 3 bits


def _count(report: Report, matcher: _Matcher, file: str) -> dict:
    """The panel row, the hits per term and every hit's context of one report."""
    words = _words(report)
    kinds = bytes(map(_kinds(frozenset(matcher.first)).__getitem__, words))  # looked up in C
    hits = matcher.hits(words, kinds)
    text = report.text if hits else ""  # what the tokens cover, one line after another
    contexts, line, counted, start, done = [], 0, 0, 0, 0
    for i, n, term in hits:  # left to right: offsets and line numbers count on from the previous hit
        start += sum(map(len, words[done:i]))
        end, done = start + sum(map(len, words[i:i + n])), i
        line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        line, counted = line + text.count("\n", counted, start), start
        contexts.append([term, line, text[max(line_start, start - WIDTH):start],
                         text[start:end], text[end:min(line_end, end + WIDTH)]])
    year = report.year
    row = {
        "file": file, "place": report.place, "level": report.level, "year": year,
        "tokens": _tally(kinds, WORD),
        "content_tokens": _tally(kinds, CONTENT),
        "hits": len(hits),
    }
    return {"row": row, "per_term": dict(Counter(term for _, _, term in hits)), "contexts": contexts}


def _fingerprint() -> str:
    from .corpus import fingerprint  # the package's code and data: any change recounts

    return fingerprint()


def _cache_path(folder: Path, sha: str, matcher: _Matcher) -> Path:
    key = hashlib.sha256("\n".join(matcher.terms).encode()).hexdigest()[:16]
    return folder / f"{sha}-{key}-{_fingerprint()}.json"


def _read_cache(path: Path, sha: str) -> dict | None:
    """A cached count, or None when absent, unreadable or not this file's (never served wrong)."""
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        payload = stored["count"]
        ok = stored["sha256"] == sha and stored["check"] == _check(payload)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return payload if ok else None


def _check(payload: dict) -> str:
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _write_cache(path: Path, sha: str, payload: dict) -> None:
    """Store a count atomically; a cache that cannot be written is skipped with a warning."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(json.dumps({"sha256": sha, "check": _check(payload), "count": payload}, ensure_ascii=False))
        os.replace(temp, path)
    except OSError as err:
        warnings.warn(f"term index: cache not written ({err})", stacklevel=2)


def _work(source: Report | Path, matcher: _Matcher, folder: Path | None) -> dict | tuple[str, str]:
    """Worker: count one report (a Report, or a file: cached by its sha256 and the terms);
    a bad file comes back as (path, problem)."""
    if isinstance(source, Report):
        return _count(source, matcher, source.path.name)
    try:
        data = source.read_bytes()
    except OSError:
        data = None
    sha = hashlib.sha256(data).hexdigest() if data is not None else ""
    path = _cache_path(folder, sha, matcher) if folder is not None and sha else None
    cached = _read_cache(path, sha) if path is not None else None
    if cached is not None:
        cached["row"]["file"] = source.name
        return cached
    try:
        payload = _count(load_report(source, data), matcher, source.name)  # the bytes read above: no second read
    except ReportError as err:
        return err.path, err.problem
    if path is not None:
        _write_cache(path, sha, payload)
    return payload


def report_files(paths: Iterable[str | Path]) -> list[Path]:
    """The report files named: a folder stands for every .txt file under it (sorted)."""
    files: list[Path] = []
    for path in map(Path, paths):
        files.extend(sorted(p for p in path.rglob("*.txt") if p.is_file()) if path.is_dir() else [path])
    return files


@dataclass
class TermIndex:
    """The result of term_index: panel (one row per report), terms (tidy, one row per report and
    term), sample (keyword-in-context lines, empty unless sample=n) and the dictionary used."""

    panel: pd.DataFrame
    terms: pd.DataFrame
    sample: pd.DataFrame
    dictionary: Dictionary


def term_index(
    reports: Iterable[Report | str | Path] | Report | str | Path,
    dictionary: str | Path | Sequence[str] | Dictionary,
    sample: int = 0,
    n_jobs: int | None = 1,
    scheduler: str | None = None,
    cache: bool = True,
    cache_dir: str | Path | None = None,
    progress: bool = False,
    seed: int = 0,
) -> TermIndex:
    """A dictionary index per report (see the module notes for the method and the denominator).

    reports: Reports, report files, or folders (every .txt file under them). dictionary: a list
    of terms, a shipped dictionary's name (SHIPPED) or a YAML file. sample=n: n keyword-in-context
    lines per term drawn at random (seeded by `seed`) from all its hits, for hand checking.
    n_jobs / scheduler: worker processes, or a Dask scheduler address (see jxanalysis.parallel).
    Files are cached by their sha256 and the terms under cache_dir (default: the user cache).
    A bad file raises ReportError naming it, after the good ones are counted and cached.
    """
    from . import parallel

    if isinstance(reports, (Report, str, Path)):
        reports = [reports]
    sources: list[Report | Path] = []
    for item in reports:
        sources.extend([item] if isinstance(item, Report) else report_files([item]))
    terms = load_dictionary(dictionary)
    matcher = _Matcher.of(terms.terms)
    folder = (Path(cache_dir) if cache_dir is not None else user_cache_dir() / "terms") if cache else None
    results = list(parallel.run(_work, [(s, matcher, folder) for s in sources], n_jobs=n_jobs,
                                scheduler=scheduler, progress=progress, desc="counting terms"))
    for result in results:
        if isinstance(result, tuple):
            raise ReportError(*result)
    return _tables(results, terms, sample, seed)


def _tables(results: list[dict], terms: Dictionary, sample: int, seed: int) -> TermIndex:
    rows = []
    for r in results:
        row = dict(r["row"])
        row["index"] = 10_000 * row["hits"] / row["content_tokens"] if row["content_tokens"] else 0.0
        rows.append({**row, **{t: r["per_term"].get(t, 0) for t in terms.terms}})
    panel = pd.DataFrame(rows, columns=PANEL_COLUMNS + list(terms.terms))
    panel["year"] = panel["year"].astype("Int64")
    tidy = panel.drop(columns="hits").melt(id_vars=["file", "place", "level", "year", "content_tokens"],
                                           value_vars=list(terms.terms), var_name="term", value_name="hits")
    tidy["per_10k"] = (10_000 * tidy["hits"] / tidy["content_tokens"].where(tidy["content_tokens"] > 0)).fillna(0.0)
    tidy = tidy.drop(columns="content_tokens")
    lines = []
    if sample > 0:
        by_term: dict[str, list[list]] = {}
        for r in results:
            for term, line, left, match, right in r["contexts"]:
                by_term.setdefault(term, []).append([term, r["row"]["file"], line, left, match, right])
        rng = random.Random(seed)
        for term in terms.terms:
            found = by_term.get(term, [])
            chosen = sorted(rng.sample(range(len(found)), min(sample, len(found))))
            lines.extend(found[i] for i in chosen)
    return TermIndex(panel, tidy, pd.DataFrame(lines, columns=SAMPLE_COLUMNS), terms)
