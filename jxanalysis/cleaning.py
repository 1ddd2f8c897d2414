"""Cleaning rules for report text as found on the web.

Each rule is a small function on a string; `clean_lines` applies them in order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

HAN = r"\u4e00-\u9fff"
_URL = re.compile(r"(?:https?://|www\.)[\w\-./?%&=#:~+]+", re.I)
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
# Lines of site boilerplate (disclaimers, reposting notes); matched anywhere in a line.
_BOILERPLATE = re.compile(
    "本文内容由互联网用户|该文观点仅代表作者|本站仅提供信息存储|如若转载|请注明出处|"
    "如发现本站|涉嫌抄袭侵权|版权归原作者|免责声明|责任编辑[:：]|扫一扫|分享到"
)
_DATELINE = re.compile(rf"^[{HAN}]{{2,6}}社[{HAN}]{{2,4}}\d{{1,2}}月\d{{1,2}}日电\s*")
_PARA_BREAK = re.compile("[\u3000\u00a0]{2,}|\r\n?|\n")

_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
# A half-width mark with a Chinese character (or Chinese punctuation) on one side.
_CJK_SIDE = rf"[{HAN}“”‘’、，。：；！？（）《》]"
_PUNCT = re.compile(rf"(?<={_CJK_SIDE})\s*([,:;!?()])|([,:;!?()])(?=\s*{_CJK_SIDE})")

# A line that continues the previous one: the page broke it inside a phrase.
_ENDS_OPEN = re.compile(r"[A-Za-z的届、，“（]$")
_STARTS_CLOSED = re.compile(r"^[，。、：；）”%]|^是[:：]")
_BARE_NUMBER = re.compile(r"^[0-9.]+$")


@dataclass(frozen=True)
class Footnote:
    """A note number the web copy left inline after a quoted term."""

    marker: int
    term: str


def split_lines(raw: str) -> list[str]:
    """Split raw text into stripped, non-empty lines (full-width double spaces break lines too)."""
    lines = (line.strip(" \t\u3000\u00a0\ufeff") for line in _PARA_BREAK.split(raw))
    return [line for line in lines if line]


def join_broken_lines(lines: list[str]) -> list[str]:
    """Re-join lines the page broke inside a phrase (PM / 2.5 / 年平均浓度)."""
    out: list[str] = []
    after_number = False
    for line in lines:
        bare = bool(_BARE_NUMBER.match(line))
        if out and (bare or after_number or _ENDS_OPEN.search(out[-1]) or _STARTS_CLOSED.search(line)):
            out[-1] += line
        else:
            out.append(line)
        after_number = bare
    return out


def strip_boilerplate(lines: list[str]) -> list[str]:
    """Drop site disclaimer lines; remove URLs, e-mail addresses and a news dateline."""
    kept = []
    for line in lines:
        if _BOILERPLATE.search(line):
            continue
        line = _DATELINE.sub("", _EMAIL.sub("", _URL.sub("", line))).strip()
        if line:
            kept.append(line)
    return kept


def normalise_punctuation(text: str) -> str:
    """Half-width , : ; ! ? ( ) next to Chinese become full-width; 4.5%, 1-11月, S104 stay."""
    text = _PUNCT.sub(lambda m: _HALF_TO_FULL[m.group(1) or m.group(2)], text)
    # Spaces between two Chinese characters are layout (政 府 工 作 报 告), not text.
    return re.sub(rf"(?<=[{HAN}])[ \u3000]+(?=[{HAN}])", "", text)


_NOTE = re.compile(rf"”([{HAN}]{{0,4}}?)(\d+)")


def remove_footnote_markers(text: str) -> tuple[str, list[Footnote]]:
    """Remove inline note numbers that count up 1, 2, 3 ... after quoted terms.

    A candidate is a run of digits after a closing quote (and up to four more
    Chinese characters, as in “八类”项目8审批). It is note n only if the run starts
    with n, the next expected number; the rest of the run is a real number and
    stays (“孺子书房”124家 is note 12 then 4家). Fewer than two notes in sequence
    means the text has no notes, and nothing is removed.
    """
    notes: list[Footnote] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        expected = str(len(notes) + 1)
        match = next((m for m in _NOTE.finditer(text, pos) if m.group(2).startswith(expected)), None)
        if match is None:
            break
        start = match.start(2)
        quote_open = text.rfind("“", 0, match.start())
        term = text[quote_open : match.end(1)] if quote_open >= 0 else text[match.start() : match.end(1)]
        notes.append(Footnote(int(expected), term))
        spans.append((start, start + len(expected)))
        pos = start + len(expected)
    if len(notes) < 2:
        return text, []
    for start, end in reversed(spans):
        text = text[:start] + text[end:]
    return text, notes


def clean_lines(raw: str) -> list[str]:
    """Apply the line-level rules: split, drop boilerplate, re-join, normalise punctuation."""
    lines = join_broken_lines(strip_boilerplate(split_lines(raw)))
    return [normalise_punctuation(line) for line in lines]
