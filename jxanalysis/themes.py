"""Theme scoring with a keyword lexicon (data/themes.yaml) and policy-instrument classification.

A dictionary method: it counts words, not meaning. A paragraph's score for a theme is the
weighted number of theme keywords found in it divided by its number of content tokens
(jx.tokenize), so scores are comparable between short and long paragraphs.

A keyword is found where it occurs in the text and either starts where a jieba token starts
or lies inside one token: 农村 is found in 农村公路 and 专项债 in 专项债券, but 国企 is not
found in 全国企业 (全国 + 企业). Inside one theme, overlapping finds keep the longest keyword,
so 生态环境 counts once, not also as 生态.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from . import arguments, datafiles
from .errors import ReportError
from .report import PARAGRAPH_POSITION, Report
from .tokens import _STORE_KEY, Memo, report_tokens, segment, sentence_starts, tokenize

SENTENCE_POSITION = PARAGRAPH_POSITION + ["sentence_id"]


@dataclass(frozen=True)
class Theme:
    """One theme (or instrument type) of a lexicon: an id, names and weighted keywords."""

    id: str
    name_zh: str
    name_en: str
    description: str
    source: str
    keywords: dict[str, float]


def _text(name_or_path: str | Path) -> str:
    """The text of a shipped data file (by name) or of any file (by path)."""
    if isinstance(name_or_path, str) and "/" not in name_or_path and datafiles.shipped(name_or_path):
        return datafiles.read(name_or_path)
    return Path(name_or_path).read_text(encoding="utf-8")


def _read_lexicon(path: str | Path | None, default: str, key: str, words: str) -> list[Theme]:
    """Read a YAML lexicon (the shipped `default` when path is None); its words may be plain
    (weight 1) or {word: weight}. The file is read on every call and parsed once per content,
    so an edited file counts at once, without restarting the kernel."""
    return list(_parse_lexicon(_text(default if path is None else path), key, words))


@lru_cache(maxsize=32)
def _parse_lexicon(text: str, key: str, words: str) -> tuple[Theme, ...]:
    themes = []
    for entry in yaml.safe_load(text).get(key) or []:
        keywords: dict[str, float] = {}
        for item in entry[words]:
            pairs = item.items() if isinstance(item, dict) else [(item, 1)]
            keywords.update((str(word), float(weight)) for word, weight in pairs)
        themes.append(
            Theme(
                id=entry["id"],
                name_zh=entry["name_zh"],
                name_en=entry["name_en"],
                description=entry.get("description", ""),
                source=entry.get("source", ""),
                keywords=keywords,
            )
        )
    return tuple(themes)


def load_themes(path: str | Path | None = None) -> list[Theme]:
    """The theme lexicon: jxanalysis/data/themes.yaml, or a YAML file of the same shape
    (read again on every call: edits count without a kernel restart)."""
    return _read_lexicon(path, "themes.yaml", "themes", "keywords")


def load_instruments(path: str | Path | None = None) -> list[Theme]:
    """The policy-instrument cue lexicon: jxanalysis/data/instruments.yaml or a file like it."""
    return _read_lexicon(path, "instruments.yaml", "instruments", "cues")


def load_non_instruments(path: str | Path | None = None) -> list[Theme]:
    """The cues of sentences that state no policy action (honours, outcome figures, assessments,
    the government's work on itself): the `not_instruments` entry of instruments.yaml."""
    return _read_lexicon(path, "instruments.yaml", "not_instruments", "cues")


Lexicon = str | Path | list[Theme] | None
Loader = Callable[[str | Path | None], list[Theme]]


def _as_lexicon(lexicon: Lexicon, loader: Loader) -> list[Theme]:
    """A lexicon given as themes, or read by loader from a path (None: the packaged file)."""
    return lexicon if isinstance(lexicon, list) else loader(lexicon)


class _KeywordIndex:
    """Keywords indexed for finding them token by token: the keywords inside each token (kept
    for every token met), and the longer keywords that begin with a whole token."""

    def __init__(self, words: frozenset[str]) -> None:
        self.words = words
        self.lengths = sorted({len(w) for w in words})
        self.beginning: dict[str, list[str]] = {}  # token -> keywords that begin with it and go on
        for word in sorted(words):
            for cut in range(1, len(word)):
                self.beginning.setdefault(word[:cut], []).append(word)
        # the keywords that can overlap themselves (a border: 哈哈 twice in 哈哈哈); no other has two
        # occurrences closer than its length
        self.overlapping = frozenset(w for w in words if any(w[:k] == w[-k:] for k in range(1, len(w))))
        self._inside: dict[str, list[tuple[int, str]]] = {}
        self.entry = Memo(self._entry)  # token -> (inside(token), keywords it begins), or () for neither

    def _entry(self, token: str) -> tuple:
        inside, beginning = self.inside(token), self.beginning.get(token, ())
        return (inside, beginning) if inside or beginning else ()

    def inside(self, token: str) -> list[tuple[int, str]]:
        """(offset, keyword) of every keyword occurring inside token."""
        found = self._inside.get(token)
        if found is None:
            found = self._inside[token] = [
                (i, token[i:i + n]) for i in range(len(token)) for n in self.lengths
                if i + n <= len(token) and token[i:i + n] in self.words
            ]
        return found


@lru_cache(maxsize=64)
def _index(words: frozenset[str]) -> _KeywordIndex:
    return _KeywordIndex(words)


@dataclass(frozen=True)
class Segmented:
    """A text and its tokens: starts[i] and words[i] of the i-th token (in order)."""

    text: str
    starts: list[int]
    words: list[str]

    @classmethod
    def of(cls, text: str) -> "Segmented":
        """Segment text (jx.segment)."""
        words = segment(text)
        return cls(text, list(accumulate(map(len, words), initial=0))[:-1], words)

    def occurrences(self, words: frozenset[str]) -> dict[str, list[int]]:
        """For each keyword found, the starts of its occurrences that begin where a token begins
        or lie inside one token, left to right (an occurrence overlapping the word's previous
        one is skipped, as str.find does)."""
        index = _index(words)
        found: dict[str, list[int]] = {}
        entries = list(map(index.entry.__getitem__, self.words))
        # only the tokens that hold or begin a keyword; each word's starts come in order
        for start, (inside, beginning) in compress(zip(self.starts, entries), entries):
            for offset, word in inside:
                found.setdefault(word, []).append(start + offset)
            for word in beginning:
                if self.text.startswith(word, start):
                    found.setdefault(word, []).append(start)
        for word in index.overlapping.intersection(found):
            starts = found[word]
            kept = [starts[0]]
            for start in starts[1:]:
                if start >= kept[-1] + len(word):
                    kept.append(start)
            found[word] = kept
        return found

    def finds(self, keywords: Iterable[str], found: dict[str, list[int]] | None = None) -> list[tuple[int, int, str]]:
        """The finds (start, end, keyword) of keywords in the text, longest first, then leftmost.

        A keyword is found where it occurs and either starts where a token starts or lies inside
        one token; of overlapping finds the longest is kept (the leftmost among equals).
        found: the result of `occurrences` for a set holding the keywords (computed when None)."""
        keywords = list(keywords)
        found = self.occurrences(frozenset(keywords)) if found is None else found
        finds = [(-len(word), start, word) for word in keywords for start in found.get(word, ())]
        finds.sort()  # longest first, then leftmost (no two finds share both)
        taken = bytearray(len(self.text))  # 1 where a kept find lies
        kept = []
        for length, start, word in finds:
            end = start - length
            if taken.find(1, start, end) < 0:
                taken[start:end] = b"\x01" * -length
                kept.append((start, end, word))
        return kept


def _counts(finds: list[tuple[int, int, str]], units: list[int] | None = None) -> dict[int, dict[str, int]]:
    """Finds counted per word, for each unit of the text that has any, by the unit's index
    (units: sorted unit start offsets; None: the whole text is unit 0); words in the order found."""
    counts: dict[int, dict[str, int]] = {}
    keys = ((np.searchsorted(units, [f[0] for f in finds], side="right") - 1) % len(units)).tolist() if units and finds \
        else [0] * len(finds)  # each find's unit, looked up at once
    for key, (_, _, word) in zip(keys, finds):
        unit = counts.setdefault(key, {})
        unit[word] = unit.get(word, 0) + 1
    return counts


def find_keywords(text: str, keywords: dict[str, float]) -> dict[str, int]:
    """How often each keyword is found in text: where it starts a token or lies inside one;
    overlapping finds keep the longest keyword."""
    return _counts(Segmented.of(text).finds(keywords)).get(0, {})


def _report_text(report: Report) -> tuple[Segmented, list[int]]:
    """The report's paragraphs joined by newlines, with their shared tokens (jx.report_tokens),
    and the offset of each paragraph in it. No keyword holds a newline, so no find crosses two
    paragraphs, and the finds of one paragraph are those it would have alone. Kept on the report."""
    store = report.__dict__.setdefault(_STORE_KEY, {})
    if "segmented" not in store:
        store["segmented"] = _segmented(report)
    return store["segmented"]


def _segmented(report: Report) -> tuple[Segmented, list[int]]:
    texts = list(report.paragraphs["text"])
    offsets = [0, *accumulate(len(t) + 1 for t in texts)][:-1]
    tokens = report_tokens(report)
    paragraph = tokens["paragraph"].to_numpy()
    inside = paragraph >= 0
    words = tokens["word"].to_numpy()[inside].tolist()
    starts = tokens["start"].to_numpy()[inside] + np.asarray(offsets, dtype=np.int64)[paragraph[inside]]
    return Segmented("\n".join(texts), starts.tolist(), words), offsets


def _weighted_column(theme: Theme, counts: dict[int, dict[str, int]], units: int) -> list[float]:
    """The weighted number of the theme's finds in each of `units` units (counts: from _counts)."""
    column = [0.0] * units
    for unit, found in counts.items():
        if unit < units:
            column[unit] = float(sum(theme.keywords[w] * n for w, n in found.items()))
    return column


def _weighted(themes: list[Theme], found: dict[str, dict[str, int]]) -> dict[str, float]:
    """Weighted number of finds per theme."""
    return {t.id: float(sum(t.keywords[w] * n for w, n in found[t.id].items())) for t in themes}


def _shares(n_tokens: int, themes: list[Theme], found: dict[str, dict[str, int]]) -> dict[str, float]:
    return {k: v / n_tokens if n_tokens else 0.0 for k, v in _weighted(themes, found).items()}


def _paragraph_finds(report: Report, themes: list[Theme]) -> tuple[list[int], dict[str, dict[int, dict[str, int]]]]:
    """Per paragraph its content-token count, and per theme the keyword finds of each paragraph
    that has any (by paragraph index)."""
    text, offsets = _report_text(report)
    found = text.occurrences(frozenset(w for t in themes for w in t.keywords))
    per_theme = {t.id: _counts(text.finds(t.keywords, found), offsets) for t in themes}
    tokens = report_tokens(report)
    paragraph = tokens["paragraph"].to_numpy()
    kept = paragraph[tokens["keep"].to_numpy() & (paragraph >= 0)]
    n_tokens = np.bincount(kept, minlength=len(offsets)).tolist()
    return n_tokens, per_theme


def _top(values: pd.DataFrame) -> list[str]:
    """Per row, the column with the highest value ("" when all are 0); ties go to the earlier column."""
    return _top_of(values.to_numpy(dtype=float), list(values.columns))


def _top_of(array: np.ndarray, columns: list[str]) -> list[str]:
    """_top of a rows x columns array whose columns are named."""
    if array.size == 0:
        return [""] * len(array)
    names = np.asarray(columns, dtype=object)
    return [str(c) if m > 0 else "" for c, m in zip(names[array.argmax(axis=1)], array.max(axis=1))]


def score_text(text: str, lexicon: Lexicon = None) -> pd.Series:
    """Theme shares of any text (a sentence, a paragraph, a whole report), one value per theme."""
    themes = _as_lexicon(lexicon, load_themes)
    segmented = Segmented.of(text)
    occurrences = segmented.occurrences(frozenset(w for t in themes for w in t.keywords))
    found = {t.id: _counts(segmented.finds(t.keywords, occurrences)).get(0, {}) for t in themes}
    return pd.Series(_shares(len(tokenize(text)), themes, found), dtype=float)


def theme_scores(report: Report, lexicon: Lexicon = None) -> pd.DataFrame:
    """One row per paragraph: position columns, tokens (content-token count), one column per
    theme (weighted share of the paragraph's tokens that hit the theme) and top_theme."""
    arguments.report(report, "theme_scores")
    themes = _as_lexicon(lexicon, load_themes)
    ids = [t.id for t in themes]
    n_tokens, found = _paragraph_finds(report, themes)
    weighted = np.array([_weighted_column(t, found[t.id], len(n_tokens)) for t in themes],
                        dtype=float).reshape(len(themes), len(n_tokens))
    tokens = np.asarray(n_tokens, dtype=float)
    shares = np.divide(weighted, tokens, out=np.zeros_like(weighted), where=tokens > 0)
    columns = {c: report.paragraphs[c].array for c in PARAGRAPH_POSITION}  # arrays: their dtypes kept
    columns["tokens"] = np.asarray(n_tokens, dtype=np.int64)
    columns.update(zip(ids, shares))
    columns["top_theme"] = _top_of(shares.T, ids)
    return pd.DataFrame(columns)  # one frame built at once: a third of the time of concat and inserts


def theme_words(report: Report, lexicon: Lexicon = None) -> pd.DataFrame:
    """Which keywords triggered each theme in each paragraph (for a paragraph browser):
    one row per paragraph, theme and keyword, with its count and weight."""
    themes = _as_lexicon(lexicon, load_themes)
    _, found = _paragraph_finds(report, themes)
    rows = []
    for i, p in enumerate(report.paragraphs.to_dict("records")):
        for t in themes:
            for word, count in sorted(found[t.id].get(i, {}).items(), key=lambda wc: -wc[1]):
                rows.append([p["paragraph"], p["heading"], t.id, word, count, t.keywords[word]])
    return pd.DataFrame(rows, columns=["paragraph", "heading", "theme", "word", "count", "weight"])


def theme_browser(report: Report, lexicon: Lexicon = None, shown: int = 3) -> pd.DataFrame:
    """One row per paragraph for reading the method at work: heading, top_theme, and for its
    `shown` best themes the score and the words that triggered them
    (rural 0.120: 农村×3 农业×2 | urban 0.031: 道路×1), then the paragraph text."""
    scores = theme_scores(report, lexicon).set_index("paragraph")
    words = theme_words(report, lexicon)
    words["item"] = words["word"] + "×" + words["count"].astype(str)
    items = words.groupby(["paragraph", "theme"])["item"].agg(" ".join)
    ids = [c for c in scores.columns if c not in PARAGRAPH_POSITION + ["tokens", "top_theme"]]
    triggers = []
    for paragraph, row in scores[ids].iterrows():
        best = row[row > 0].sort_values(ascending=False, kind="stable").head(shown)
        triggers.append(" | ".join(f"{t} {v:.3f}: {items[(paragraph, t)]}" for t, v in best.items()))
    frame = scores[["heading", "tokens", "top_theme"]].reset_index()
    frame["triggers"] = triggers
    frame["text"] = report.paragraphs["text"].to_numpy()
    return frame


def aggregate_themes(scores: pd.DataFrame, by: str | None = "section") -> pd.DataFrame:
    """Theme shares per section, per part (by="part") or for the whole report (by=None):
    the token-weighted mean of the paragraph shares, groups in report order, plus top_theme."""
    ids = [c for c in scores.columns if c not in PARAGRAPH_POSITION + ["tokens", "top_theme"]]
    keys = scores[by] if by else pd.Series("report", index=scores.index)
    hits = scores[ids].mul(scores["tokens"], axis=0).groupby(keys, sort=False).sum()
    tokens = scores["tokens"].groupby(keys, sort=False).sum()
    frame = hits.div(tokens.where(tokens > 0), axis=0).fillna(0.0)
    frame.insert(0, "tokens", tokens)
    frame["top_theme"] = _top(frame[ids])
    return frame.rename_axis(by or "scope").reset_index()


def _first(finds: list[tuple[int, int, str]], units: list[int]) -> np.ndarray:
    """Per unit (sorted start offsets), the offset of its first find (a large number when none)."""
    first = np.full(len(units), 1 << 62, dtype=np.int64)
    if finds and units:
        at = np.array([f[0] for f in finds], dtype=np.int64)
        np.minimum.at(first, (np.searchsorted(units, at, side="right") - 1) % len(units), at)
    return first


def _classify(weights: np.ndarray, first: np.ndarray, against: np.ndarray, ids: list[str]) -> list[str]:
    """Per sentence (row), the instrument type with the highest weight; among equal weights the
    one whose first cue comes first in the sentence; "" when no cue, or when the non-instrument
    cues weigh more than the best type."""
    if not ids:
        return [""] * len(weights)
    best = weights.max(axis=1)
    tied_first = np.where(weights == best[:, None], first, np.iinfo(np.int64).max)
    chosen = np.asarray(ids, dtype=object)[tied_first.argmin(axis=1)]  # the earliest type among equals
    return ["" if b <= 0 or o > b else str(c) for b, o, c in zip(best.tolist(), against.tolist(), chosen)]


def policy_instruments(report: Report, lexicon: Lexicon = None) -> pd.DataFrame:
    """Classify each sentence as a supply-side, environment-side or demand-side policy
    instrument (Rothwell & Zegveld) by its cue words (data/instruments.yaml).

    One row per sentence: position columns, sentence_id, text, the weighted cue count of each
    instrument type, instrument and cues (the cue words found). instrument is the type with
    most cues (equal counts: the type whose first cue comes first in the sentence), "" when the
    sentence has no cue or when the cues of a sentence stating no policy action (荣获, 同比,
    仍需; the not_instruments entry of the file) weigh more. lexicon: a path to a file like
    instruments.yaml, or a list of instrument types (then without non-instrument cues)."""
    kinds = _as_lexicon(lexicon, load_instruments)
    others = [] if isinstance(lexicon, list) else load_non_instruments(lexicon)
    ids = [k.id for k in kinds]
    text, offsets = _report_text(report)
    sentences = report.sentences
    starts = [offsets[p] + s for p, s in zip(sentences["paragraph"], sentence_starts(report))]
    occurrences = text.occurrences(frozenset(w for k in [*kinds, *others] for w in k.keywords))
    finds = {k.id: text.finds(k.keywords, occurrences) for k in kinds}
    found = {k: _counts(finds[k], starts) for k in ids}
    weights = np.array([_weighted_column(k, found[k.id], len(starts)) for k in kinds],
                       dtype=float).reshape(len(kinds), len(starts)).T
    against = np.zeros(len(starts))
    for other in others:
        against += _weighted_column(other, _counts(text.finds(other.keywords, occurrences), starts), len(starts))
    first = np.array([_first(finds[k], starts) for k in ids], dtype=np.int64).reshape(len(ids), len(starts)).T
    columns = {c: sentences[c].array for c in SENTENCE_POSITION + ["text"]}  # arrays: their dtypes kept
    columns.update(zip(ids, weights.T))
    columns["instrument"] = _classify(weights, first, against, ids)
    cues = [""] * len(starts)
    for i in set().union(*found.values()) & set(range(len(starts))):  # the sentences with a cue
        cues[i] = "、".join(word for k in ids for word in found[k].get(i, {}))
    columns["cues"] = cues
    return pd.DataFrame(columns)


def instrument_mix(instruments: pd.DataFrame, by: str | None = "section") -> pd.DataFrame:
    """Share of each instrument type among the classified sentences of each section, part
    (by="part") or the whole report (by=None), with the number of classified sentences."""
    columns = list(instruments.columns)
    kinds = columns[columns.index("text") + 1 : columns.index("instrument")]
    classified = instruments[instruments["instrument"] != ""]
    keys = classified[by] if by else pd.Series("report", index=classified.index)
    counts = pd.crosstab(keys, classified["instrument"])
    counts = counts.reindex(index=list(dict.fromkeys(keys)), columns=kinds, fill_value=0)
    frame = counts.div(counts.sum(axis=1), axis=0)
    frame.insert(0, "sentences", counts.sum(axis=1))
    return frame.rename_axis(index=by or "scope", columns=None).reset_index()


# --- tables for figures: readable labels, one value per cell (notebook 03 draws these)

_ENUMERATOR = re.compile(r"^(?:（[一二三四五六七八九十]{1,3}）|[一二三四五六七八九十]{1,3}是|[一二三四五六七八九十]{1,3}、)")
_CLAUSE = re.compile(r"[，,；;：:]")
PREAMBLE = "开头"


def short_label(text: str, width: int = 14) -> str:
    """A section or part name short enough for an axis label: its enumerator (（一）, 一是, 一、)
    plus its last clause when the name is long (一年来，我们……，经济发展稳中有进 -> 经济发展稳中有进),
    cut to width characters with … when still too long."""
    match = _ENUMERATOR.match(text)
    prefix = match.group(0) if match else ""
    body = text[len(prefix):]
    clauses = [c for c in _CLAUSE.split(body) if c]
    if len(text) > width and len(clauses) > 1:
        body = clauses[-1]
    label = prefix + body
    return label if len(label) <= width else label[: width - 1] + "…"


TAIL = "·收尾"


def _places(frame: pd.DataFrame, tails: bool) -> list[tuple[str, str, bool]]:
    """Per row its place (part, section, tail): tail is True for a row outside any section that
    comes after a section of the same part (the paragraphs closing a part), when tails is set."""
    places, sectioned = [], set()
    for part, section in zip(frame["part"], frame["section"]):
        if section:
            sectioned.add(part)
        places.append((part, section, tails and not section and part in sectioned))
    return places


def section_labels(frame: pd.DataFrame, width: int = 14, tails: bool = False) -> pd.Series:
    """One short, unique label per row's place in the report (a row has part and section columns,
    rows in report order): the shortened section name; the part name for paragraphs of a part
    outside any section (a part's opening paragraphs); 开头 before the first part. With
    tails=True, paragraphs outside any section that follow a section of their part (the
    paragraphs closing a part: 各位代表！…, thanks, difficulties) get the part name + ·收尾
    instead of being merged with the part's opening. Distinct places that shorten to the same
    label get (2), (3) ... appended, so grouping by the label never merges two places."""
    places = _places(frame, tails)
    labels: dict[tuple[str, str, bool], str] = {}
    for key in dict.fromkeys(places):
        part, section, tail = key
        label = (short_label(section or part, width) or PREAMBLE) + (TAIL if tail else "")
        base, n = label, 1
        while label in labels.values():
            n += 1
            label = f"{base}({n})"
        labels[key] = label
    return pd.Series([labels[k] for k in places], index=frame.index, name="section")


def _names(ids: list[str], lexicon: Lexicon, loader: Loader) -> list[str]:
    """Chinese names of the given theme ids (an id the lexicon lacks keeps its id)."""
    names = {t.id: t.name_zh for t in _as_lexicon(lexicon, loader)}
    return [names.get(i, i) for i in ids]


def _theme_ids(scores: pd.DataFrame) -> list[str]:
    return [c for c in scores.columns if c not in PARAGRAPH_POSITION + ["tokens", "top_theme", "scope"]]


def theme_shares(scores: pd.DataFrame, lexicon: Lexicon = None) -> pd.DataFrame:
    """Theme shares of the whole report (aggregate_themes(scores, by=None)) as a tidy table:
    one row per theme with columns theme (id), name (Chinese) and share, largest share first."""
    whole = aggregate_themes(scores, by=None)
    ids = _theme_ids(whole)
    frame = pd.DataFrame({"theme": ids, "name": _names(ids, lexicon, load_themes),
                          "share": whole[ids].iloc[0].to_numpy(dtype=float)})
    return frame.sort_values("share", ascending=False, kind="stable").reset_index(drop=True)


def section_themes(scores: pd.DataFrame, lexicon: Lexicon = None, width: int = 14) -> pd.DataFrame:
    """The section x theme table behind a heatmap: one row per place in the report labelled by
    section_labels(tails=True) (report order), a tokens column, then one column per theme named in Chinese
    holding the token-weighted theme share (aggregate_themes by section)."""
    by_section = aggregate_themes(scores.assign(section=section_labels(scores, width, tails=True)), by="section")
    ids = _theme_ids(scores)
    frame = by_section.set_index("section")[["tokens", *ids]]
    frame.columns = ["tokens", *_names(ids, lexicon, load_themes)]
    return frame


PART_KINDS = {"review": "工作回顾", "five-year": "五年目标任务", "plan": "年度工作安排"}


def part_themes(scores: pd.DataFrame, lexicon: Lexicon = None, by: str = "part_kind") -> pd.DataFrame:
    """Theme shares of the kinds of part side by side (the loader's part_kind: the review of
    last year, the five-year goals, the plan for this year): one row per theme (index: Chinese
    name, lexicon order), one column per kind present, named as in PART_KINDS, in that order.
    The opening and appendices are left out. by="part": one column per named part instead."""
    if by == "part_kind":
        kept = scores[scores["part_kind"].isin(list(PART_KINDS))]
        order = [k for k in PART_KINDS if k in set(kept["part_kind"])]
        grouped = aggregate_themes(kept, by="part_kind").set_index("part_kind").loc[order]
        grouped.index = [PART_KINDS[k] for k in order]
    else:
        grouped = aggregate_themes(scores[scores["part"] != ""], by="part").set_index("part")
    ids = _theme_ids(scores)
    frame = grouped[ids].T
    frame.index = pd.Index(_names(ids, lexicon, load_themes), name="theme")
    frame.columns.name = None
    return frame


def section_instruments(instruments: pd.DataFrame, lexicon: Lexicon = None, width: int = 14) -> pd.DataFrame:
    """The policy-instrument mix per place in the report (instrument_mix by section, places
    labelled by section_labels): a sentences column (classified sentences), then the share of
    each instrument type, columns named in Chinese."""
    mix = instrument_mix(instruments.assign(section=section_labels(instruments, width, tails=True)), by="section")
    kinds = [c for c in mix.columns if c not in ("section", "sentences")]
    frame = mix.set_index("section")
    frame.columns = ["sentences", *_names(kinds, lexicon, load_instruments)]
    return frame


def lexicon_table(lexicon: Lexicon = None, examples: int = 6) -> pd.DataFrame:
    """The lexicon at a glance, one row per theme (or instrument type: pass load_instruments()):
    id, name_zh, name_en, the number of keywords and the first few of them."""
    themes = _as_lexicon(lexicon, load_themes)
    return pd.DataFrame(
        [[t.id, t.name_zh, t.name_en, len(t.keywords), "、".join(list(t.keywords)[:examples])] for t in themes],
        columns=["id", "name_zh", "name_en", "keywords", "examples"],
    )


def precision_recall(gold: pd.Series, predicted: pd.Series, classes: list[str]) -> pd.DataFrame:
    """Per class: gold (how many items the hand codes give it), predicted (how many the method
    gives it), correct (both), precision = correct / predicted and recall = correct / gold
    (0 when the denominator is 0)."""
    gold, predicted = pd.Series(gold).to_numpy(), pd.Series(predicted).to_numpy()
    rows = []
    for c in classes:
        n_gold, n_predicted = int((gold == c).sum()), int((predicted == c).sum())
        correct = int(((gold == c) & (predicted == c)).sum())
        rows.append([c, n_gold, n_predicted, correct,
                     correct / n_predicted if n_predicted else 0.0, correct / n_gold if n_gold else 0.0])
    return pd.DataFrame(rows, columns=["class", "gold", "predicted", "correct", "precision", "recall"])


HEADING_MARK = re.compile(r"^(?:——|[一二三四五六七八九十]{1,3}是|（[一二三四五六七八九十]{1,3}）|第[一二三四五六七八九十]{1,3}，)")


def headed_paragraph(report: Report, heading: str) -> int:
    """The number of the one paragraph whose text, without a leading mark (——, 一是, （一）, 第一，),
    starts with heading + 。 (how tests/data/themes_gold.csv names paragraphs); ReportError when
    there is not exactly one."""
    starts = report.paragraphs["text"].str.replace(HEADING_MARK, "", regex=True)
    hits = report.paragraphs.loc[starts.str.startswith(heading + "。").to_numpy(), "paragraph"]
    if len(hits) != 1:
        raise ReportError(report.path, f"heading {heading!r} found {len(hits)} times")
    return int(hits.iloc[0])
