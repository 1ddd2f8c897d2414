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
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

from .report import POSITION, Report
from .tokens import segment, tokenize

SENTENCE_POSITION = POSITION + ["sentence_id"]


@dataclass(frozen=True)
class Theme:
    """One theme (or instrument type) of a lexicon: an id, names and weighted keywords."""

    id: str
    name_zh: str
    name_en: str
    description: str
    source: str
    keywords: dict[str, float]


def _read_lexicon(path: str | Path | None, default: str, key: str, words: str) -> list[Theme]:
    """Read a YAML lexicon; its words may be plain (weight 1) or {word: weight}."""
    if path is None:
        text = resources.files("jxanalysis").joinpath("data", default).read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    themes = []
    for entry in yaml.safe_load(text)[key]:
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
    return themes


def load_themes(path: str | Path | None = None) -> list[Theme]:
    """The theme lexicon: jxanalysis/data/themes.yaml, or a YAML file of the same shape."""
    return _read_lexicon(path, "themes.yaml", "themes", "keywords")


def load_instruments(path: str | Path | None = None) -> list[Theme]:
    """The policy-instrument cue lexicon: jxanalysis/data/instruments.yaml or a file like it."""
    return _read_lexicon(path, "instruments.yaml", "instruments", "cues")


Lexicon = str | Path | list[Theme] | None
Loader = Callable[[str | Path | None], list[Theme]]


def _as_lexicon(lexicon: Lexicon, loader: Loader) -> list[Theme]:
    """A lexicon given as themes, or read by loader from a path (None: the packaged file)."""
    return lexicon if isinstance(lexicon, list) else loader(lexicon)


def _token_ends(text: str) -> dict[int, int]:
    """For each character position of text, the end of the jieba token covering it."""
    ends, position = {}, 0
    for token in segment(text):
        for i in range(position, position + len(token)):
            ends[i] = position + len(token)
        position += len(token)
    return ends


def _find(text: str, keywords: dict[str, float], ends: dict[int, int], starts: set[int]) -> dict[str, int]:
    """Count keyword finds in text, given the token ends and token starts of its segmentation."""
    finds = [
        (m.start(), m.end(), word)
        for word in keywords
        for m in re.finditer(re.escape(word), text)
        if m.start() in starts or ends.get(m.start(), 0) >= m.end()
    ]
    finds.sort(key=lambda f: (f[0] - f[1], f[0]))  # longest first, then leftmost
    taken: set[int] = set()
    counts: dict[str, int] = {}
    for start, end, word in finds:
        if taken.isdisjoint(range(start, end)):
            taken.update(range(start, end))
            counts[word] = counts.get(word, 0) + 1
    return counts


def _finder(text: str) -> Callable[[dict[str, float]], dict[str, int]]:
    """Segment text once; return a function counting the finds of a keyword dict in it."""
    ends = _token_ends(text)
    starts = {0} | set(ends.values())
    return lambda keywords: _find(text, keywords, ends, starts)


def find_keywords(text: str, keywords: dict[str, float]) -> dict[str, int]:
    """How often each keyword is found in text: where it starts a token or lies inside one;
    overlapping finds keep the longest keyword."""
    return _finder(text)(keywords)


def _weighted(themes: list[Theme], found: dict[str, dict[str, int]]) -> dict[str, float]:
    """Weighted number of finds per theme."""
    return {t.id: float(sum(t.keywords[w] * n for w, n in found[t.id].items())) for t in themes}


def _score(text: str, themes: list[Theme]) -> tuple[int, dict[str, float], dict[str, dict[str, int]]]:
    """Content-token count, per-theme weighted share and per-theme keyword finds of one text."""
    n_tokens = len(tokenize(text))
    find = _finder(text)
    found = {t.id: find(t.keywords) for t in themes}
    shares = {k: v / n_tokens if n_tokens else 0.0 for k, v in _weighted(themes, found).items()}
    return n_tokens, shares, found


def _top(values: pd.DataFrame) -> list[str]:
    """Per row, the column with the highest value ("" when all are 0); ties go to the earlier column."""
    return [row.idxmax() if row.max() > 0 else "" for _, row in values.iterrows()]


def score_text(text: str, lexicon: Lexicon = None) -> pd.Series:
    """Theme shares of any text (a sentence, a paragraph, a whole report), one value per theme."""
    return pd.Series(_score(text, _as_lexicon(lexicon, load_themes))[1], dtype=float)


def theme_scores(report: Report, lexicon: Lexicon = None) -> pd.DataFrame:
    """One row per paragraph: position columns, tokens (content-token count), one column per
    theme (weighted share of the paragraph's tokens that hit the theme) and top_theme."""
    themes = _as_lexicon(lexicon, load_themes)
    ids = [t.id for t in themes]
    rows = []
    for p in report.paragraphs.to_dict("records"):
        n_tokens, shares, _ = _score(p["text"], themes)
        rows.append({**{c: p[c] for c in POSITION}, "tokens": n_tokens, **shares})
    frame = pd.DataFrame(rows, columns=POSITION + ["tokens"] + ids)
    frame["top_theme"] = _top(frame[ids])
    return frame


def theme_words(report: Report, lexicon: Lexicon = None) -> pd.DataFrame:
    """Which keywords triggered each theme in each paragraph (for a paragraph browser):
    one row per paragraph, theme and keyword, with its count and weight."""
    themes = _as_lexicon(lexicon, load_themes)
    rows = []
    for p in report.paragraphs.to_dict("records"):
        found = _score(p["text"], themes)[2]
        for t in themes:
            for word, count in sorted(found[t.id].items(), key=lambda wc: -wc[1]):
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
    ids = [c for c in scores.columns if c not in POSITION + ["tokens", "top_theme"]]
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
    ids = [c for c in scores.columns if c not in POSITION + ["tokens", "top_theme"]]
    keys = scores[by] if by else pd.Series("report", index=scores.index)
    hits = scores[ids].mul(scores["tokens"], axis=0).groupby(keys, sort=False).sum()
    tokens = scores["tokens"].groupby(keys, sort=False).sum()
    frame = hits.div(tokens.where(tokens > 0), axis=0).fillna(0.0)
    frame.insert(0, "tokens", tokens)
    frame["top_theme"] = _top(frame[ids])
    return frame.rename_axis(by or "scope").reset_index()


def policy_instruments(report: Report, lexicon: Lexicon = None) -> pd.DataFrame:
    """Classify each sentence as a supply-side, environment-side or demand-side policy
    instrument (Rothwell & Zegveld) by its cue words (data/instruments.yaml).

    One row per sentence: position columns, sentence_id, text, the weighted cue count of each
    instrument type, instrument (the type with most cues, "" when none; ties go to the type
    listed first) and cues (the cue words found)."""
    kinds = _as_lexicon(lexicon, load_instruments)
    ids = [k.id for k in kinds]
    rows = []
    for s in report.sentences.to_dict("records"):
        find = _finder(s["text"])
        found = {k.id: find(k.keywords) for k in kinds}
        position = {c: s[c] for c in SENTENCE_POSITION}
        cues = "、".join(word for k in kinds for word in found[k.id])
        rows.append({**position, "text": s["text"], **_weighted(kinds, found), "cues": cues})
    frame = pd.DataFrame(rows, columns=SENTENCE_POSITION + ["text"] + ids + ["cues"])
    frame.insert(len(frame.columns) - 1, "instrument", _top(frame[ids]))
    return frame


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
