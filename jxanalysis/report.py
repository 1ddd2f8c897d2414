"""The Report: a cleaned report with its title, date and structure as tables."""
from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from . import arguments
from .cleaning import Footnote, clean
from .errors import RemovedTextWarning
from .loading import ReportError
from .readers import read_document
from .metadata import read_metadata
from .patterns import (
    APPENDIX_HEADING,
    GLOSSARY_HEADING,
    HAN,
    HAN_CHAR,
    count_han,
    NUMBERED_SECTION,
    NUMERALS,
    PART_HEADING,
    PLAN_PERIOD,
    SENTENCE_END,
    UNNUMBERED_PART,
)

# Package data (byte-identical to the checkout's seeds/), so the seed loads from an installed wheel.
SEED = Path(__file__).resolve().parent / "data" / "seeds" / "jinxian-2023-government-work-report.txt"

_NUM = NUMERALS
_LEAD_MARK = re.compile(rf"^(?:——|[{_NUM}]{{1,3}}是|（[{_NUM}]{{1,3}}）|第[{_NUM}]{{1,3}}，)")
_SENTENCE = re.compile(r"[^。！？；]+(?:[。！？；]+[”’」』）]*)?")
_END = SENTENCE_END
METADATA = ["title", "date", "year", "place", "level", "speaker", "office", "subtitle"]
PARAGRAPH_POSITION = ["paragraph", "part", "part_kind", "section", "heading"]
REMOVED_COLUMNS = ["rule", "offset", "text", "replacement"]
PROGRESS_CHARS = 2_000_000  # show a progress bar while cleaning a text longer than this
REMOVED_WARNING = 0.05  # warn when the rules removed more than this share of the Chinese characters
_CHINESE_RUN = re.compile(rf"[{HAN}]{{4,}}")  # cleaning leaves such runs as they are


def seed_reports() -> list[Path]:
    """Every report in seeds/ (as shipped in the package): the first report and the small comparison corpus."""
    return sorted(SEED.parent.glob("*.txt"))


def folder_name(path: Path) -> str:
    """A report's own folder name for its outputs: its file name without extension, dots as
    hyphens (hailar-district-2016.gbk.txt -> hailar-district-2016-gbk)."""
    return path.stem.replace(".", "-")


def split_sentences(text: str) -> list[str]:
    """Split Chinese text into sentences after 。！？；, keeping closing quotes with their sentence."""
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def _lead(sentences: list[str]) -> str:
    """The paragraph's lead heading (经济运行总体平稳), or "" when its first sentence is not one."""
    if len(sentences) < 2 or not sentences[0].endswith("。"):
        return ""
    first = sentences[0]
    marked = _LEAD_MARK.match(first)
    if marked or (len(first) <= 25 and "，" not in first):
        body = first[marked.end() :] if marked else first
        return body.rstrip("。").strip()
    return ""


# What a part is, from its heading: the year under review, this year's plan, five-year goals
_PART_KINDS = [
    ("appendix", re.compile(r"^附件|名词解释|附录")),
    ("review", re.compile(r"回顾|总结|过去|^[^目任]*成就[^目任]*$")),
    ("plan", re.compile(r"(?:\d{4}年|今年|本年).*(?:重点工作|工作安排|任务|目标|要求|建议|部署)")),
    ("plan", re.compile(r"开好局|起好步|开局之年")),  # the first year of a five-year plan: this year's work
    ("five-year", re.compile(rf"{PLAN_PERIOD}|五年|规划|远景")),
]
# A heading without any of those cues (一年接着一年干，新福建建设持续取得新进展新成效) is read by how
# its first paragraph begins: the year before the report's (2025年是…), the plan period, or this year.
_OPENS_FIVE_YEAR = re.compile(rf"^(?:“?{PLAN_PERIOD}”?时期|今后五年|未来五年)")
_OPENS_REVIEW = re.compile(r"^[^。]{0,30}(?:一年来|过去一年|过去的一年|刚刚过去的)")
PART_KINDS = ["opening", "review", "plan", "five-year", "appendix"]
# A paragraph that closes a part rather than continuing its last section: the salutation again
# (各位代表！刚刚过去的2022年…), the thanks, the difficulties still faced.
_CLOSING = re.compile(r"^各位代表|衷心(?:的)?感谢|诚挚(?:的)?(?:谢意|感谢)|成绩的取得|清醒(?:地)?(?:看到|认识到)|在肯定成绩的同时")


_SENTENCES_KEY = "_jx_paragraph_sentences"  # Report.paragraphs leaves each paragraph's sentences here


@lru_cache(maxsize=1024)
def part_kind(heading: str, opening: str = "", year: int | None = None) -> str:
    """review, plan, five-year or appendix, from a part's heading; "opening" before the first part.

    A heading with no cue is read by its first paragraph (`opening`): it begins with the year
    before the report's `year` or says 一年来 (review), begins with the plan period (“十五五”时期,
    five-year); anything else is plan."""
    if not heading:
        return "opening"
    kind = next((kind for kind, pattern in _PART_KINDS if pattern.search(heading)), "")
    if kind:
        return kind
    if _OPENS_FIVE_YEAR.match(opening):
        return "five-year"
    if (year and opening.startswith(f"{year - 1}年")) or _OPENS_REVIEW.match(opening):
        return "review"
    return "plan"


def summarise_removed(removed: pd.DataFrame) -> pd.DataFrame:
    """A report.removed table summed by rule: rule, characters, chinese (removals only, not changes)."""
    removed = removed[removed.replacement == ""]
    counts = removed.assign(characters=removed.text.str.len(), chinese=removed.text.str.count(f"[{HAN}]"))
    return counts.groupby("rule", as_index=False)[["characters", "chinese"]].sum().sort_values(
        "characters", ascending=False, ignore_index=True)


def _is_part(line: str) -> bool:
    return bool((PART_HEADING.match(line) and len(line) <= 40) or UNNUMBERED_PART.match(line))


def _is_section(line: str, sentences: list[str], numbered: bool) -> bool:
    """A line that opens a section: （一）…, or a standalone short line (一年来，我们…稳中有进;
    这是…的五年。) in a part whose sections are not numbered."""
    if NUMBERED_SECTION.match(line):
        return True
    if numbered:
        return False
    return len(sentences) == 1 and len(line) <= 40 and line[-1] not in "：:！!"


@dataclass
class Report:
    """A government work report: metadata, cleaned text and structure tables."""

    path: Path
    raw: str = field(repr=False)
    title: str = ""
    date: dt.date | None = None
    subtitle: str = ""
    speaker: str = ""  # the person: 李克强
    office: str = ""  # 国务院总理, 省长, 代区长 ...
    year: int | None = None  # the year the report is delivered
    place: str = ""  # 国务院, 广东省, 呼伦贝尔市海拉尔区 (jxanalysis.gazetteer)
    level: str = ""  # national, province, prefecture, county
    footnotes: list[Footnote] = field(default_factory=list, repr=False)
    body: list[str] = field(default_factory=list, repr=False)
    front: list[str] = field(default_factory=list, repr=False)
    audit: list[dict] = field(default_factory=list, repr=False)
    #: extra words its tokenizer keeps whole (set by `jxanalysis.phrases.with_phrases`)
    phrases: tuple[str, ...] = field(default=(), repr=False)

    @property
    def removed(self) -> pd.DataFrame:
        """Everything the loader dropped or changed: rule, offset in the raw text (where a dropped line
        starts; for a span inside a line, its position, give or take the few characters that earlier
        rules removed from that line), text, replacement (empty for a removal). With `front` and
        `text` it accounts for every Chinese character."""
        return pd.DataFrame(self.audit, columns=REMOVED_COLUMNS)

    def removed_summary(self) -> pd.DataFrame:
        """Characters and Chinese characters removed, by rule."""
        return summarise_removed(self.removed)

    @property
    def text(self) -> str:
        """The cleaned body text, one paragraph (or heading line) per line."""
        return "\n".join(self.body)

    @property
    def truncated(self) -> bool:
        """True when the body stops mid-sentence (the page was cut off)."""
        return bool(self.body) and self.body[-1][-1] not in _END

    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        """One row per paragraph with its position: paragraph, part, part_kind (review, plan,
        five-year, appendix, or opening before the first part), section, heading, text.

        Paragraphs after a part's last section that close the part (各位代表！…, the thanks,
        the difficulties) belong to no section, like the part's opening paragraphs."""
        rows, part, section, in_appendix, closing = [], "", "", False, False
        kinds: dict[str, str] = {}  # each part's kind, from its heading and its first paragraph
        pieces: list[list[str]] = []  # each paragraph's sentences, for self.sentences
        # parts without numbers (2022年工作回顾) make the numbered lines (一、…) their sections
        unnumbered = any(UNNUMBERED_PART.match(line) for line in self.body)
        for line in self.body:
            if APPENDIX_HEADING.match(line) or GLOSSARY_HEADING.match(line) and not in_appendix:
                part, section, in_appendix, closing = line, "", True, False
                continue
            if (UNNUMBERED_PART.match(line) if unnumbered else _is_part(line)) and not in_appendix:
                part, section, closing = line, "", False
                continue
            if unnumbered and _is_part(line) and not in_appendix:
                section, closing = line, False
                continue
            sentences = split_sentences(line)
            if part and _is_section(line, sentences, bool(NUMBERED_SECTION.match(section))):
                section, closing = sentences[0].rstrip("。"), False
                if len(sentences) == 1:
                    continue
            elif section and not in_appendix and (closing or _CLOSING.search(line[:30])):
                closing = True
            if part not in kinds:
                kinds[part] = "appendix" if in_appendix else part_kind(part, line, self.year)
            rows.append((part, kinds[part], "" if closing else section,
                         _lead(sentences), line))
            pieces.append(sentences)
        if not rows:  # every column of no rows has the object dtype
            frame = pd.DataFrame([], columns=PARAGRAPH_POSITION[1:] + ["text"])
            frame.insert(0, "paragraph", range(0))
        else:  # built from columns: faster than from one dict per row
            frame = pd.DataFrame({"paragraph": np.arange(len(rows)),
                                  **dict(zip(PARAGRAPH_POSITION[1:] + ["text"], map(list, zip(*rows))))})
        self.__dict__[_SENTENCES_KEY] = pieces
        return frame

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence, with the position columns of its paragraph and a sentence_id."""
        paragraphs = self.paragraphs
        pieces = self.__dict__.pop(_SENTENCES_KEY, None) or [split_sentences(t) for t in paragraphs["text"].tolist()]
        texts = [sentence for sentences in pieces for sentence in sentences]
        if not texts:  # every column of no rows has the object dtype
            frame = pd.DataFrame([], columns=PARAGRAPH_POSITION + ["text"])
            frame.insert(len(PARAGRAPH_POSITION), "sentence_id", range(0))
            return frame
        # each paragraph's position repeated for its sentences (taken from the arrays: dtypes kept)
        of_paragraph = np.repeat(np.arange(len(pieces)), np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces)))
        return pd.DataFrame({**{c: paragraphs[c].array.take(of_paragraph) for c in PARAGRAPH_POSITION},
                             "sentence_id": np.arange(len(texts)), "text": texts})

    @property
    def parts(self) -> list[str]:
        """The report's top-level parts in order (一、… 二、… and appendices)."""
        return list(dict.fromkeys(p for p in self.paragraphs["part"] if p))

    def outline(self) -> pd.DataFrame:
        """The report's structure: one row per (part, section) with paragraph and character counts."""
        paras = self.paragraphs.assign(characters=self.paragraphs["text"].str.len(),
                                       headed=self.paragraphs["heading"] != "")
        return paras.groupby(["part", "section"], sort=False, as_index=False).agg(
            paragraphs=("paragraph", "size"), headed=("headed", "sum"), characters=("characters", "sum"))

    def before_after(self, needles: list[str], width: int = 12) -> pd.DataFrame:
        """For each needle of the raw text, the raw passage around it and the same passage cleaned.

        The cleaned passage is found through the first run of four or more Chinese characters
        from the needle on, which cleaning leaves as it is.
        """
        rows = []
        for needle in needles:
            at = self.raw.find(needle)
            start = max(at - width, 0)
            raw = self.raw[start : at + len(needle) + width] if at >= 0 else ""
            run = _CHINESE_RUN.search(self.raw, at) if at >= 0 else None
            found = self.text.find(run.group()) if run else -1
            cleaned = ""
            if found >= 0:
                begin = max(found - (run.start() - start), 0)
                cleaned = self.text[begin : begin + len(raw)]
            rows.append({"needle": needle, "raw": raw.replace("\n", "⏎"), "cleaned": cleaned.replace("\n", "⏎")})
        return pd.DataFrame(rows)

    def __str__(self) -> str:
        date = self.date.isoformat() if self.date else "date unknown"
        note = ", truncated" if self.truncated else ""
        return f"{self.title} ({date}): {len(self.text)} characters, {len(self.paragraphs)} paragraphs{note}"


def load_report(path: str | Path | None = None, data: bytes | None = None) -> Report:
    """Load and clean a report file: text (UTF-8, GB18030/GBK, Big5, UTF-16/32), a web page, a
    Word .docx or a PDF with a text layer; None loads the seed. data: the file's bytes when they
    were read already (a pipe can be read only once).

    Warns (UserWarning) when the cleaning rules removed more than 5% of the file's Chinese
    characters; `report.removed` lists every removal (offset -1: page furniture the web-page
    reader left out of the text)."""
    arguments.report_path(path)  # report text, "" or another object: a clear TypeError/ReportError
    path = Path(path) if path is not None else SEED
    document = read_document(path, data)
    raw = document.text
    cleaned = clean(raw, progress=len(raw) > PROGRESS_CHARS)
    cleaned.removed[:0] = [{"rule": f"{document.kind}-furniture", "offset": -1, "text": line, "replacement": ""}
                           for line in document.dropped]
    if not cleaned.front and not cleaned.body:
        raise ReportError(path, "has no report text once web boilerplate is removed")
    if not cleaned.body:
        raise ReportError(path, "has a title but no report body")
    report = Report(path=path, raw=raw, footnotes=cleaned.footnotes, body=cleaned.body,
                    front=cleaned.front, audit=cleaned.removed)
    meta = read_metadata(cleaned.front, cleaned.body, path)
    for name in METADATA:
        setattr(report, name, getattr(meta, name))
    _warn_if_much_removed(report)
    return report


def _warn_if_much_removed(report: Report) -> None:
    lost = sum(len(HAN_CHAR.findall(row["text"])) for row in report.audit if row["replacement"] == "")
    if not lost:  # the usual case: nothing Chinese removed, no need to count the raw text
        return
    total = count_han(report.raw)
    if total and lost / total > REMOVED_WARNING:
        removed = report.removed_summary()
        rules = ", ".join(f"{r.rule} {r.chinese}" for r in removed.itertuples() if r.chinese)
        warnings.warn(f"{report.path}: the loader removed {lost} of {total} Chinese characters "
                      f"({lost / total:.0%}; {rules}); see report.removed", RemovedTextWarning, stacklevel=3)
