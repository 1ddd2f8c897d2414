"""Which report is it: title, date, year, place, level, speaker and office from the front matter."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import cn2an

from .patterns import FULL_WIDTH, HAN, INVISIBLE, NUMERALS
from .gazetteer import NATIONAL, lookup

_PIECES = re.compile(r"\t|\s{2,}|(?<=报告)(?=[—―─\-]{2})")  # tabs, wide gaps, 报告——2019年…
_SALUTATION = re.compile(r"各位(?:人大)?代表[：:，,！!].*$")
_KEY = re.compile(r"^(标题|题目|发文单位|发文时间|报告人|来源URL|来源|时间|发表时间|发布时间|正文|作者|编辑|阅读量|浏览次数)[：:]\s*(.*)$")
_DASHES = re.compile(r"^(?:[—―─━－\-–‐~～]+|[（(])\s*")
_CN_DIGIT = "〇○零一二三四五六七八九"
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
                   rf"|([{_CN_DIGIT}]{{4}})年([{NUMERALS}]{{1,3}})月([{NUMERALS}]{{1,3}})日")
_TITLE_DATE = re.compile(r"[（(]\s*(\d{4})(\d{2})(\d{2})\s*[)）]")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_SESSION = rf"(?:第?[\d{NUMERALS}]+届|[\d{NUMERALS}]+届人大)"
_PLACE_IN_SESSION = re.compile(rf"在\s*(?!第)([{HAN}]+?)\s*{_SESSION}")
_SUFFIX = r"(?:特别行政区|自治区|自治州|自治县|自治旗|地区|林区|特区|新区|省|市|州|盟|县|区|旗)"
_PLACE_IN_TITLE = re.compile(rf"^([{HAN}]{{1,20}}?{_SUFFIX})(?:人民)?政府工作报告")
_OFFICE = r"国务院总理|代理?(?:省长|市长|区长|县长|旗长|州长|盟长|主席|专员)|省长|市长|区长|县长|旗长|州长|盟长|主席|专员|总理"
_NAME = rf"[{HAN}][{HAN}·•\s]{{1,16}}?"
_SPEAKER = re.compile(rf"(?P<office>{_OFFICE})[\s:：]*(?P<name>{_NAME})\s*(?:同志)?(?:作(?:政府)?工作报告.*)?$")
_SPEAKER_LEAD = re.compile(rf"(?P<office>{_OFFICE})(?P<name>[{HAN}·]{{2,12}}?)(?:同志)?(?:在|作政府工作报告)")
_PLACE_BEFORE_OFFICE = re.compile(rf"^([{HAN}]+?)(?:人民政府|政府)?(?:{_OFFICE})")
_WE_REPRESENT = re.compile(rf"我代表([{HAN}]+?)(?:人民政府|，|,|向)")
_CAPTION = re.compile(r"摄|记者|本报讯|新华社|。")
_GENERIC = {"省", "市", "区", "县", "旗", "州", "盟", "自治区", "自治州", "自治县", "自治旗", "本", "全", "我"}
_REVIEW = re.compile(r"回顾|成就|主要工作|工作总结")
_PLAN = re.compile(r"工作安排|主要任务|工作任务|总体要求|目标任务|重点工作|工作建议|主要目标")
_BARE_TITLE = "政府工作报告"


@dataclass
class Metadata:
    """What a report is: title, delivery date and year, place and its level, speaker and office."""

    title: str = ""  # <place as written><year>年政府工作报告 when place and year are known
    date: dt.date | None = None
    year: int | None = None
    place: str = ""
    level: str = ""
    speaker: str = ""
    office: str = ""
    subtitle: str = ""


def _normalise(line: str) -> str:
    return INVISIBLE.sub("", line).translate(FULL_WIDTH)


def _pieces(front: list[str]) -> list[str]:
    """Front lines split at tabs and wide gaps, zero-width characters and a glued salutation removed."""
    pieces = []
    for line in front:
        for piece in _PIECES.split(_normalise(line)):
            piece = _SALUTATION.sub("", piece.strip()).strip()
            if piece:
                pieces.append(piece)
    return pieces


def _date(text: str) -> dt.date | None:
    """The first 2019年3月5日 / 二〇一九年三月五日 of the text as a date; None when it is no valid date."""
    found = _DATE.search(text)
    if not found:
        return None
    try:
        if found.group(1):
            year, month, day = (int(g) for g in found.groups()[:3])
        else:
            digits = found.group(4).replace("○", "〇")
            year = int(cn2an.cn2an(digits, "smart"))
            month, day = (int(cn2an.cn2an(g, "smart")) for g in found.groups()[4:])
        return dt.date(year, month, day) if 1949 <= year <= 2100 else None
    except ValueError:  # 2023年13月45日, 二〇一九年十十月: digits that are no date
        return None


def _is_subtitle(piece: str) -> bool:
    dashed = bool(_DASHES.match(piece))
    rest = _DASHES.sub("", piece)
    dated = _DATE.match(rest)
    if dated:
        after = rest[dated.end():].lstrip()
        return dashed or after.startswith("在")
    return rest.startswith("在") and "会议" in rest and (dashed or "人民代表大会" in rest or "人大" in rest)


def _subtitle(pieces: list[str]) -> tuple[str, int, int, str]:
    """The subtitle (2019年3月5日在…会议上) without dashes, its first and last piece, and any text
    glued after it (a speaker line merged into the same paragraph)."""
    for at, piece in enumerate(pieces):
        if not _is_subtitle(piece):
            continue
        text, end = _DASHES.sub("", piece), at
        while "会议" not in text and end + 1 < len(pieces) and not _SPEAKER.search(pieces[end + 1]) and (
                "会议" in pieces[end + 1] or pieces[end + 1].startswith("在")):
            end += 1
            text += pieces[end]
        text = re.sub(r"\s+", "", text).rstrip("）)")
        cut = re.match(r"(.*?会议上)(.*)$", text) or re.match(r"(.*?会议)(.*)$", text)
        return (cut.group(1), at, end, cut.group(2)) if cut else (text, at, end, "")
    return "", -1, -1, ""


def _compact(text: str) -> str:
    """政 府 工 作 报 告 -> 政府工作报告 (one character between spaces)."""
    return re.sub(r"\s+", "", text) if re.fullmatch(rf"(?:[{HAN}]\s+)+[{HAN}]", text) else text


def _speaker(lines: list[str]) -> tuple[str, str]:
    """(name, office) from a speaker line, or a line and the next (区长 / 杜联合)."""
    usable = [line for line in lines if not _CAPTION.search(line) and len(line) <= 60]
    pairs = [a + b for a, b in zip(usable, usable[1:])]
    for line in usable + pairs:
        found = _SPEAKER.search(line)
        if found:
            name = re.sub(r"\s+", "", found.group("name")).replace("•", "·")
            if 2 <= len(name) <= 4 or ("·" in name and len(name) <= 16):
                return name, found.group("office")
    return "", ""


def _speaker_in_lead(lines: list[str]) -> tuple[str, str]:
    """(name, office) from a news lead or caption: 市长闫继红在市十六届人大七次会议上作政府工作报告."""
    for line in lines:
        found = _SPEAKER_LEAD.search(line)
        if found and ("报告" in line or "人民代表大会" in line or "人大" in line):
            return found.group("name"), found.group("office")
    return "", ""


def _title_line(pieces: list[str], keys: dict[str, str], skip: set[int]) -> str:
    """The title as the text gives it: a 标题： field, else the first short line that names a report."""
    if keys.get("标题") or keys.get("题目"):
        return keys.get("标题") or keys["题目"]
    for at, piece in enumerate(pieces):
        if at in skip or _CAPTION.search(piece) or _KEY.match(piece) or "作政府工作报告" in piece:
            continue
        joined = piece + pieces[at + 1] if at + 1 < len(pieces) else piece
        for text in (_compact(piece), _compact(joined)):  # 政府工作报 / 告 broken over two lines
            if "报告" in text and len(text) <= 40 and not _SPEAKER.search(text):
                return text
    return ""


def _year_from_body(body: list[str]) -> int | None:
    """The year a report is delivered, from what its review part looks back on (2022年工作回顾 -> 2023)."""
    head = [_normalise(line).strip() for line in body[:60]]
    for line in head:
        years = [int(y) for y in _YEAR.findall(line)]
        if not years or len(line) > 40 or line[-1] in "。；！":  # headings only
            continue
        if _REVIEW.search(line):
            return max(years) + 1
        if _PLAN.search(line):
            return max(years)
    for line in head[:30]:
        found = re.search(r"(?:刚刚过去的|^)((?:19|20)\d{2})年(?:是|，|,)", line)
        if found:
            return int(found.group(1)) + 1
    counts = Counter(int(y) for line in head[:30] for y in _YEAR.findall(line))
    return max(counts, key=lambda y: (counts[y], y)) + 1 if counts else None


def _written_place(subtitle: str, pieces: list[str], keys: dict[str, str], title: str,
                   lead: list[str], office: str) -> str:
    """The place as the text writes it (海拉尔区, 广东省, 国务院), or ""."""
    text = subtitle + "".join(pieces)
    opening = "".join(lead)
    if "全国人民代表大会" in subtitle or office == "国务院总理" or "国务院总理" in text or "我代表国务院" in opening:
        return NATIONAL
    bare = _YEAR.sub("", _TITLE_DATE.sub("", title)).strip()
    candidates = [m.group(1) for m in _PLACE_IN_SESSION.finditer(subtitle)]
    candidates += [m.group(1) for m in map(_PLACE_IN_TITLE.match, [bare]) if m]
    candidates += [m.group(1) for p in pieces for m in _PLACE_IN_SESSION.finditer(p)]
    candidates += [m.group(1) for p in pieces if not _CAPTION.search(p) for m in [_PLACE_BEFORE_OFFICE.match(p)] if m]
    speaker_key = keys.get("报告人", "")
    candidates += [m.group(1) for m in [_PLACE_BEFORE_OFFICE.match(speaker_key)] if m]
    candidates += [m.group(1) for m in [re.match(rf"([{HAN}]+?)人民政府", keys.get("发文单位", ""))] if m]
    candidates += [m.group(1) for m in _WE_REPRESENT.finditer(opening)]
    return next((c for c in candidates if c not in _GENERIC), "")


def _leading_short_lines(body: list[str]) -> list[str]:
    """Body lines before the first paragraph or salutation: front matter the split left in the body."""
    lines = []
    for line in body[:15]:
        text = _normalise(line).strip()
        if text.startswith("各位") or (len(text) > 60 and text[-1] in "。：:！"):
            break
        lines.append(line)
    return lines


def read_metadata(front: list[str], body: list[str], path: str | Path | None = None) -> Metadata:
    """Read a report's metadata from its front matter (the lines before the body) and first body lines.

    front holds the title, subtitle (——2019年3月5日在…会议上), speaker line and any web furniture;
    body the report's paragraphs. path is a last resort for the year and the title.
    """
    extra = _leading_short_lines(body)
    pieces, lead = _pieces(front + extra), [_normalise(line).strip() for line in body[len(extra):][:3]]
    keys = {m.group(1): m.group(2).strip() for m in map(_KEY.match, pieces) if m}
    plain = [p for p in pieces if not _KEY.match(p)]
    subtitle, first, last, glued = _subtitle(plain)
    skip = set(range(first, last + 1)) if first >= 0 else set()
    title = _title_line(plain, keys, skip)
    title_date = _TITLE_DATE.search(title)
    title = _TITLE_DATE.sub("", title).strip()

    meta = Metadata(subtitle=subtitle)
    date_lines = [p for p in plain if _DATE.fullmatch(_DASHES.sub("", p).strip("（）() "))]  # 2019年1月10日 alone
    meta.date = _date(subtitle + glued) or (_date(date_lines[0]) if date_lines else None)
    if meta.date is None and title_date:
        meta.date = _date("{}年{}月{}日".format(*title_date.groups()))
    # an impossible date (2023年13月45日) still says its year
    title_years = _YEAR.findall(subtitle) + _YEAR.findall(title) + (list(title_date.groups()[:1]) if title_date else [])
    if meta.date:
        meta.year = meta.date.year
    elif title_years:
        meta.year = int(title_years[0])
    else:
        meta.year = _year_from_body(body)
    if meta.year is None and path is not None:
        found = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", Path(path).name)
        meta.year = int(found.group(1)) if found else None

    speaker_lines = ([glued] if glued else []) + [p for i, p in enumerate(plain) if i not in skip]
    speaker_lines += [keys["报告人"]] if keys.get("报告人") else []
    meta.speaker, meta.office = _speaker(speaker_lines)
    if not meta.speaker:
        meta.speaker, meta.office = _speaker_in_lead(plain + lead)
    if meta.office == "总理":
        meta.office = "国务院总理"

    written = _written_place(subtitle, plain + ([glued] if glued else []), keys, title, lead, meta.office)
    if written:
        place = lookup(written, context=subtitle + "".join(pieces))
        meta.place, meta.level = place.full, place.level
    if meta.date is None and meta.year:  # a news lead: 2月4日，市长…作政府工作报告
        for line in plain + lead:
            found = re.search(r"(\d{1,2})月(\d{1,2})日[，,]?.{0,40}?(?:政府工作报告|人民代表大会|人大)", line)
            if found:
                meta.date = _date(f"{meta.year}年{found.group(1)}月{found.group(2)}日")
                break

    if (not title or _BARE_TITLE in title) and meta.year and written:  # one form for every report
        title = f"{written}{meta.year}年{_BARE_TITLE}"
    meta.title = title or (Path(path).stem if path is not None else _BARE_TITLE)
    return meta
