"""The Report: a cleaned report with its title, date and structure as tables."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from .cleaning import HAN, Footnote, clean_lines, remove_footnote_markers
from .loading import ReportError, read_text

SEED = Path(__file__).resolve().parent.parent / "seeds" / "jinxian-2023-government-work-report.txt"

_NUM = "一二三四五六七八九十"
_PART = re.compile(rf"^[{_NUM}]{{1,3}}、")
_NUMBERED_SECTION = re.compile(rf"^（[{_NUM}]{{1,3}}）")
_APPENDIX = re.compile(r"^附件\s*[0-9一二三四五六七八九十]*[:：]?$")
_LEAD_MARK = re.compile(rf"^(?:——|[{_NUM}]{{1,3}}是|（[{_NUM}]{{1,3}}）|第[{_NUM}]{{1,3}}，)")
_SENTENCE = re.compile(r"[^。！？；]+(?:[。！？；]+[”’」』）]*)?")
_END = "。！？；…”’」』）!?"
_SALUTATION = re.compile(r"^各位代表")
_TITLE_DATE = re.compile(r"[（(](\d{4})(\d{2})(\d{2})[)）]")
_SUB_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_PLACE = re.compile(rf"在([{HAN}]+?)第[{_NUM}]+届")
_SPEAKER = re.compile(rf"(?:总理|省长|市长|区长|县长|州长|旗长|主席)[\s\u3000]*[{HAN}·]{{2,4}}$")
POSITION = ["paragraph", "part", "section", "heading"]
_CHINESE_RUN = re.compile(rf"[{HAN}]{{4,}}")  # cleaning leaves such runs as they are


def seed_reports() -> list[Path]:
    """Every report in seeds/: the first report and the small comparison corpus."""
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


def _is_section(line: str, sentences: list[str], numbered: bool) -> bool:
    """A line that opens a section: （一）…, or a standalone short line (一年来，我们…稳中有进;
    这是…的五年。) in a part whose sections are not numbered."""
    if _NUMBERED_SECTION.match(line):
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
    speaker: str = ""
    footnotes: list[Footnote] = field(default_factory=list, repr=False)
    body: list[str] = field(default_factory=list, repr=False)

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
        """One row per paragraph with its position: paragraph, part, section, heading, text."""
        rows, part, section, in_appendix = [], "", "", False
        for line in self.body:
            if _APPENDIX.match(line):
                part, section, in_appendix = line, "", True
                continue
            if _PART.match(line) and len(line) <= 40 and not in_appendix:
                part, section = line, ""
                continue
            sentences = split_sentences(line)
            if part and _is_section(line, sentences, bool(_NUMBERED_SECTION.match(section))):
                section = sentences[0].rstrip("。")
                if len(sentences) == 1:
                    continue
            rows.append({"part": part, "section": section, "heading": _lead(sentences), "text": line})
        frame = pd.DataFrame(rows, columns=POSITION[1:] + ["text"])
        frame.insert(0, "paragraph", range(len(frame)))
        return frame

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence, with the position columns of its paragraph and a sentence_id."""
        rows = [
            {**{c: p[c] for c in POSITION}, "text": s}
            for p in self.paragraphs.to_dict("records")
            for s in split_sentences(p["text"])
        ]
        frame = pd.DataFrame(rows, columns=POSITION + ["text"])
        frame.insert(4, "sentence_id", range(len(frame)))
        return frame

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


def load_report(path: str | Path | None = None) -> Report:
    """Load and clean a report file (UTF-8, UTF-8 with BOM, GB18030/GBK, UTF-16); None loads the seed."""
    path = Path(path) if path is not None else SEED
    raw = read_text(path)
    lines = clean_lines(raw)
    if not lines:
        raise ReportError(path, "has no report text once web boilerplate is removed")
    start = next((i for i, line in enumerate(lines) if _SALUTATION.match(line)), None)
    if start is None:  # no salutation: the first line is taken as the title
        start = 1 if "报告" in lines[0] and len(lines[0]) <= 40 else 0
    front, body = lines[:start], lines[start:]
    title_line = next((line for line in front if "报告" in line), front[0] if front else "")
    body = [line for line in body if line != title_line]
    if not body:
        raise ReportError(path, "has a title but no report body")
    text, notes = remove_footnote_markers("\n".join(body))
    report = Report(path=path, raw=raw, footnotes=notes, body=text.split("\n"))
    _read_front_matter(report, front, title_line)
    return report


def _read_front_matter(report: Report, front: list[str], title_line: str) -> None:
    """Fill title, date, subtitle and speaker from the lines before the salutation."""
    subtitle = next((line for line in front if line.startswith("——")), "")
    report.subtitle = subtitle.lstrip("—").strip()
    # the page may break "区长　　杜联合" over two lines: try each line and each pair of lines
    candidates = front + [a + b for a, b in zip(front, front[1:])]
    report.speaker = next((line for line in candidates if _SPEAKER.search(line)), "")
    found = _TITLE_DATE.search(title_line) or _SUB_DATE.search(subtitle)
    if found:
        try:
            report.date = dt.date(*map(int, found.groups()))
        except ValueError:  # (00000000), 2023年13月45日: digits that are no date
            report.date = None
    title = _TITLE_DATE.sub("", title_line).strip() or report.path.stem
    if title == "政府工作报告" and report.date:
        place = _PLACE.search(subtitle)
        who = place.group(1) if place else "国务院" if "全国人民代表大会" in subtitle else ""
        title = f"{who}{report.date.year}年政府工作报告"
    report.title = title
