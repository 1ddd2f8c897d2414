"""Cleaning rules for report text as found on the web, in Word or in a PDF.

`clean(raw)` applies them in order and returns the front matter (title, subtitle, speaker ...),
the body lines, the footnote markers and the audit trail: one record for every span the rules
dropped or changed (rule, line, offset in the raw text, text, replacement). Nothing is dropped
without a record.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from tqdm import tqdm

from .patterns import (
    APPENDIX_HEADING,
    EMAIL,
    FULL_WIDTH,
    FULL_WIDTH_RUN,
    HAN,
    INVISIBLE,
    INVISIBLE_CHARS,
    NUMBERED_SECTION,
    PART_HEADING,
    SALUTATION,
    SPACE,
    UNNUMBERED_PART,
    URL,
)

_DATELINE = re.compile(rf"^[{HAN}]{{2,6}}社[{HAN}]{{2,4}}\d{{1,2}}月\d{{1,2}}日电\s*")
# Site disclaimers and reposting notes: dropped where they stand, at the page's edges only.
_DISCLAIMER = re.compile(
    "本文内容由互联网用户|该文观点仅代表作者|本站仅提供信息存储|如若转载|请注明出处|"
    "如发现本站|涉嫌抄袭侵权|版权归原作者|免责声明|版权所有|主办单位[:：]|承办单位[:：]|网站标识码|ICP备|公网安备|"
    "联系地址[:：]|技术支持[:：]|本作品是中华人民共和国的|公有领域|维基文库|Public domain"
)
# Page furniture: a short line made only of navigation items (打印本页 关闭窗口), a byline
# (编辑：张三) or a hash. Recognised by the shape of the whole line, so 推行政务服务“扫一扫”办理 stays.
_ITEM = (
    r"(?:(?:责任)?编辑|来源|作者|审核|校对|[初复终]审|发布(?:时间|日期)|浏览(?:次数)?|点击(?:数|量)?|阅读(?:量|数)?|信息来源)"
    r"[:：]\s*[^。；]{0,30}"
    r"|[（(](?:责任)?编辑[:：][^）)]{0,12}[）)]"
    r"|相关(?:报道|附件|链接|阅读|新闻|文章|稿件|文档)[:：]?\s*(?:>>|》》|>|》)?"
    r"|打印本页|关闭窗口|打印|关闭|返回顶部|返回|收藏|下载|全屏|加大|还原|减小|网站地图|联系我们|[【】\[\]]|"
    r"分享到[:：]?|扫一扫(?:[^。，]{0,16})?|您是第\s*\d*\s*位访客|[【\[]?字号[:：]|"
    r"[【\[]?字(?:体|号)[:：]?\s*[【\[]?大\s*[】\]]?\s*[【\[]?中\s*[】\]]?\s*[【\[]?小[】\]]?[】\]]?|"
    r"上一篇[:：]?[^。]{0,40}|下一篇[:：]?[^。]{0,40}|[【\[（(]\s*(?:打印|关闭|完)\s*[】\]）)]|"
    r"[0-9a-fA-F]{16,}|[-=_*·|｜]{3,}|[×✕]|》》[^。]{0,20}《《"
)
_FURNITURE = re.compile(rf"^(?:{_ITEM})(?:[\s|｜/]*(?:{_ITEM}))*$")
_FURNITURE_MAX = 60
_FOOTER_LINE = 80  # a page footer has no line longer than this

_SPACE = SPACE + "\ufeff"
# (each starts with a lookahead on its first character: the same matches, found twice as fast)
_PARA_BREAK = re.compile(r"(?=[\n\t\u3000\u00a0])(?:\n|\t|[\u3000\u00a0]{2,})")
_BLANK_LINE = re.compile(rf"(?=[\n\t\u3000\u00a0])(?:\n[{SPACE}]*\n[\n{SPACE}]*|\t|[\u3000\u00a0]{{2,}})")
_BLANK_AFTER_TEXT = re.compile(r"\n(?<=\S\n)[ \t\u3000]*\n")  # \S\n[ \t\u3000]*\n, 20 times faster
_LONG_LINE = 1500  # a line this long holding many paragraphs: the one-line layout
_INNER_SPACE = re.compile(rf"[{SPACE}]+")
_BREAK_AFTER = "。！？：；!?:"  # in the one-line layout, a space after these ends a paragraph

_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
# A half-width mark with a Chinese character (or Chinese punctuation) on one side (with a lookahead
# on the first character, like the patterns above).
_CJK_SIDE = rf"[{HAN}“”‘’、，。：；！？（）《》]"
_PUNCT = re.compile(rf"(?=[\s,:;!?()])(?:(?<={_CJK_SIDE})\s*([,:;!?()])|([,:;!?()])(?=\s*{_CJK_SIDE}))")
_HALF_MARK = re.compile(r"[,:;!?()]")
_LAYOUT_SPACE = re.compile(rf"(?<=[{HAN}])[ \u3000]+(?=[{HAN}])")

# A line that continues the previous one: the page broke it inside a phrase.
_ENDS_OPEN = re.compile(r"[A-Za-z的届、，“（]$")
_STARTS_CLOSED = re.compile(r"^[，。、：；）”%]|^是[:：]")
_BARE_NUMBER = re.compile(r"^[0-9.]+$")

# Front matter: title, subtitle, speaker, date, source, a photo caption; a few short lines.
_FRONT_MAX_LINES = 30
_FRONT_MAX_CHARS = 60
_CAPTION = re.compile(r"摄$|新华社|记者|^(?:来源|时间|发表时间|发布时间|标题|正文|发文单位|发文时间|报告人)[:：]")
_CAPTION_MAX = 200
_SENTENCE_FINAL = "。！？；!?"


@dataclass(slots=True)
class Line:
    """One line of the report with the offset in the raw text where it starts."""

    text: str
    offset: int
    indent: bool = False


@dataclass(frozen=True)
class Footnote:
    """A note number the web copy left inline after a quoted term."""

    marker: int
    term: str


@dataclass
class Cleaned:
    """The result of the cleaning rules."""

    front: list[str]
    body: list[str]
    footnotes: list[Footnote]
    removed: list[dict] = field(default_factory=list)


class Audit(list):
    """The audit trail: one dict per dropped or changed span."""

    def add(self, rule: str, line: Line, text: str, replacement: str = "", at: int = 0) -> None:
        """Record text dropped (or replaced) at position `at` of the line."""
        self.append({"rule": rule, "offset": line.offset + at, "text": text, "replacement": replacement})


def _pieces(raw: str, start: int, end: int, soft: bool = False, indent: bool = False) -> list[Line]:
    """The lines of raw[start:end], a stretch between paragraph breaks; a very long stretch holding
    many paragraphs separated by single spaces (the one-line layout) is split at those spaces.
    soft: single line ends inside the stretch are not breaks (they are removed)."""
    piece = raw[start:end]
    if soft and "\n" in piece:  # join, except before a "label：value" line (来源：…)
        piece = re.sub(rf"[{SPACE}]*\n[{SPACE}]*(?![{HAN}A-Za-z]{{2,8}}[:：])", "", piece)
        if "\n" in piece:
            return [line for part in piece.split("\n") for line in _pieces(part, 0, len(part))]
    stripped = piece.lstrip(_SPACE)
    offset = start + len(piece) - len(stripped)
    stripped = stripped.rstrip(_SPACE)
    if not stripped:
        return []
    indent = indent or offset > start
    if len(stripped) < _LONG_LINE or len(re.findall(r"[。！？：][ \u3000\u00a0]", stripped)) < 3:
        return [Line(stripped, offset, indent)]
    lines, pos = [], 0
    for space in _INNER_SPACE.finditer(stripped):
        before, after = stripped[pos : space.start()], stripped[space.end() :]
        if before[-1:] in _BREAK_AFTER or _is_heading(before) or _is_heading(after[:12].split()[0] if after.strip() else ""):
            lines.append(Line(before, offset + pos, True))
            pos = space.end()
    lines.append(Line(stripped[pos:], offset + pos, True))
    return [line for line in lines if line.text]


def split_lines(raw: str, audit: Audit | None = None) -> list[Line]:
    """Split raw text into stripped, non-empty lines: at line ends, tabs and double full-width
    spaces, and inside a one-line report at the single spaces between its paragraphs.

    Where paragraphs are separated by blank lines, a single line end is not a paragraph break
    (a wiki copy puts each linked word on a line of its own). Zero-width characters go first."""
    audit = Audit() if audit is None else audit
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if any(ch in raw for ch in INVISIBLE_CHARS):  # str.find per character: 5 times faster than the pattern
        for match in INVISIBLE.finditer(raw):
            audit.add("invisible", Line("", match.start()), match.group())
        raw = INVISIBLE.sub("", raw)
    blank = len(_BLANK_AFTER_TEXT.findall(raw))
    soft = blank >= 20 and blank >= 2 * len(re.findall(r"\S\n[ \t\u3000]*\S", raw))
    lines, pos, indent = [], 0, False
    for start, end, space in _breaks(raw, soft):
        lines += _pieces(raw, pos, start, soft, indent)
        pos, indent = end, space
    return lines + _pieces(raw, pos, len(raw), soft, indent)


def _breaks(raw: str, soft: bool) -> Iterator[tuple[int, int, bool]]:
    """The paragraph breaks of raw: start, end, and whether the break ends with a space (the next
    line is indented). Text with no tab and no full-width or no-break space, read without soft
    line ends, breaks at each line end: found by str.find, ten times faster than the pattern."""
    if soft or "\t" in raw or "\u3000" in raw or "\u00a0" in raw:
        for brk in (_BLANK_LINE if soft else _PARA_BREAK).finditer(raw):
            yield brk.start(), brk.end(), brk.group()[-1] in _SPACE
        return
    at = raw.find("\n")
    while at >= 0:
        yield at, at + 1, False
        at = raw.find("\n", at + 1)


def _printed(text: str) -> int:
    """A line's printed width in Chinese-character units: ASCII letters and digits take about half."""
    return round(len(text) - 0.45 * len(text.encode("ascii", "ignore")))  # the ASCII characters, counted in C


def _wrap_width(lines: list[Line]) -> tuple[int, Callable[[str], int]]:
    """The width text was hard-wrapped at and how width is measured: in characters (an editor's
    wrap) or in printed width (a PDF's); width 0 when the text was not hard-wrapped."""
    best = (0.0, 0, len)
    for measure in (len, _printed):
        widths = Counter(measure(line.text) for line in lines if len(line.text) >= 15)
        if sum(widths.values()) < 20:
            continue
        width, _ = widths.most_common(1)[0]
        near = sum(n for w, n in widths.items() if width - 2 <= w <= width + 2) / len(lines)
        best = max(best, (near, width, measure), key=lambda b: b[0])
    near, width, measure = best
    return (width, measure) if near >= 0.4 else (0, measure)


def reflow(lines: list[Line]) -> list[Line]:
    """Re-join lines hard-wrapped at a fixed width into paragraphs: a line that reaches the width
    continues on the next, unless the next is indented (where the text indents paragraphs) or is
    a heading. A paragraph whose last line happens to reach the width is joined to the next one
    when the text does not indent paragraphs: the measured cost is a few percent of paragraphs."""
    width, measure = _wrap_width(lines)
    if not width:
        return lines
    indents = sum(line.indent for line in lines) >= 0.1 * len(lines)
    out: list[Line] = []
    full = False  # the previous physical line ran to the full width
    for line in lines:
        if full and not (indents and line.indent) and not _is_heading(line.text) and not SALUTATION.match(line.text):
            out[-1].text += line.text
        else:
            out.append(Line(line.text, line.offset, line.indent))
        # a line that reaches the margin continues; one that ends a sentence must reach it exactly
        full = measure(line.text) >= (width if line.text[-1] in _SENTENCE_FINAL else width - 1)
    return out


def _is_heading(text: str) -> bool:
    return bool(PART_HEADING.match(text) or NUMBERED_SECTION.match(text) or APPENDIX_HEADING.match(text))


def _ends_open(text: str) -> bool:
    """The line ends inside a phrase (_ENDS_OPEN), searched for at its end only ($: the end or a final newline)."""
    return _ENDS_OPEN.search(text, max(0, len(text) - 2)) is not None


def join_broken_lines(lines: list[Line]) -> list[Line]:
    """Re-join lines the page broke inside a phrase (PM / 2.5 / 年平均浓度)."""
    out: list[Line] = []
    after_number = False
    for line in lines:
        bare = bool(_BARE_NUMBER.match(line.text))
        if out and (bare or after_number or _ends_open(out[-1].text) or _STARTS_CLOSED.search(line.text)):
            out[-1].text += line.text
        else:
            out.append(Line(line.text, line.offset, line.indent))
        after_number = bare
    return out


def is_furniture(text: str) -> bool:
    """A line of page furniture: short and made only of navigation items, bylines or hashes."""
    return len(text) <= _FURNITURE_MAX and bool(_FURNITURE.match(text))


_WWW = re.compile(r"www\.", re.I)
_FULL_WIDTH_CHARS = "０１２３４５６７８９．％"  # the characters of FULL_WIDTH_RUN
# Each span rule with a cheap test that a line may hold such a span (a URL needs :// or www.).
_SPANS = [
    ("url", URL, lambda text: "://" in text or "." in text and _WWW.search(text) is not None),
    ("email", EMAIL, lambda text: "@" in text),
    ("dateline", _DATELINE, lambda text: "社" in text[2:7]),  # anchored: 2 to 6 characters, then 社
]


def strip_spans(lines: list[Line], audit: Audit) -> list[Line]:
    """Remove URLs, e-mail addresses and a news dateline inside lines; full-width digits become ASCII."""
    kept = []
    whole = "".join(line.text for line in lines)
    full_width = any(ch in whole for ch in _FULL_WIDTH_CHARS)  # most texts have none: no search per line
    for line in lines:
        text = line.text
        for rule, pattern, may_hold in _SPANS:
            matches = list(pattern.finditer(text)) if may_hold(text) else []
            if matches:  # most lines hold none: no sub, no copy
                for match in matches:
                    audit.add(rule, line, match.group(), at=match.start())
                text = pattern.sub("", text)
        runs = list(FULL_WIDTH_RUN.finditer(text)) if full_width else []
        for match in runs:
            audit.add("full-width-digits", line, match.group(), match.group().translate(FULL_WIDTH), at=match.start())
        text = (text.translate(FULL_WIDTH) if runs else text).strip(_SPACE)
        if text:  # a line that held only a URL is recorded above
            kept.append(Line(text, line.offset, line.indent))
    return kept


def strip_furniture(lines: list[Line], audit: Audit) -> list[Line]:
    """Drop page furniture anywhere, site disclaimers before the report, and the page footer:
    from the first disclaimer after which no paragraph of text follows, together with the
    short lines (a list of links) just before it."""
    # the page's tail: after the last line of text, a run of short lines among which is furniture
    last_text = max((i for i, line in enumerate(lines) if not is_furniture(line.text) and not _link_like(line.text)),
                    default=-1)
    tail_is_page = any(is_furniture(line.text) for line in lines[last_text + 1 :])
    kept = []
    for i, line in enumerate(lines):
        if is_furniture(line.text):
            audit.add("furniture", line, line.text)
        elif tail_is_page and i > last_text:
            audit.add("page-footer", line, line.text)
        else:
            kept.append(line)
    first = next((i for i, line in enumerate(kept) if not _DISCLAIMER.search(line.text)), len(kept))
    for line in kept[:first]:
        audit.add("disclaimer", line, line.text)
    kept = kept[first:]
    footer = len(kept)
    for i in range(len(kept) - 1, -1, -1):
        if _DISCLAIMER.search(kept[i].text):
            footer = i
        elif len(kept[i].text) > _FOOTER_LINE:
            break
    if footer < len(kept):
        while footer > 0 and _link_like(kept[footer - 1].text):
            footer -= 1
        for line in kept[footer:]:
            audit.add("page-footer", line, line.text)
    return kept[:footer]


def _link_like(text: str) -> bool:
    """A short line with no sentence in it: a link, a label, a number."""
    return len(text) <= 20 and not re.search("[。！？；，、,.;!?]", text) and not _is_heading(text)


def normalise_punctuation(text: str) -> str:
    """Half-width , : ; ! ? ( ) next to Chinese become full-width; 4.5%, 1-11月, S104 stay."""
    if _HALF_MARK.search(text):  # a cheap test first: most lines hold no half-width mark
        text = _PUNCT.sub(lambda m: _HALF_TO_FULL[m.group(1) or m.group(2)], text)
    # Spaces between two Chinese characters are layout (政 府 工 作 报 告), not text.
    return _LAYOUT_SPACE.sub("", text) if " " in text or "\u3000" in text else text


def _front_like(text: str) -> bool:
    """A line that can be front matter: short, not a heading, not a sentence of report text."""
    if _is_heading(text) or UNNUMBERED_PART.match(text):
        return False
    if _CAPTION.search(text):
        return len(text) <= _CAPTION_MAX
    return len(text) <= _FRONT_MAX_CHARS and text[-1] not in _SENTENCE_FINAL


def split_front(lines: list[Line], audit: Audit) -> tuple[list[Line], list[Line]]:
    """Split the front matter (a few short lines) from the body.

    The body starts at the opening salutation (各位代表：), even when it is glued to the line
    before it (…新华社记者 刘卫兵 摄各位代表：, 国务院总理 李克强各位代表：); without one, at the
    first line that is not short. Front matter never swallows paragraphs of report text.
    """
    for n, line in enumerate(lines[:_FRONT_MAX_LINES]):
        glued = SALUTATION.search(line.text)
        if glued and glued.start() == 0:
            return lines[:n], lines[n:]
        head = line.text[: glued.start()] if glued else ""
        if glued and (len(head) <= _FRONT_MAX_CHARS or _CAPTION.search(head)):
            rest = Line(line.text[glued.start():], line.offset + glued.start(), line.indent)
            return lines[:n] + [Line(head, line.offset)], [rest] + lines[n + 1 :]
        if not _front_like(line.text):
            return lines[:n], lines[n:]
    if len(lines) <= _FRONT_MAX_LINES:  # all short lines: the report is the lines after the first
        return lines[:1], lines[1:]
    return lines[:_FRONT_MAX_LINES], lines[_FRONT_MAX_LINES:]


def drop_repeats(front: list[Line], body: list[Line], audit: Audit) -> list[Line]:
    """Drop body lines that repeat a front-matter line (the title again) or an earlier long line,
    and an opening summary the page shows again in full further down."""
    seen = {line.text for line in front}
    kept: list[Line] = []
    for i, line in enumerate(body):
        text = line.text
        if text in seen and (len(text) >= 30 or i < 5 and not SALUTATION.match(text)):
            audit.add("repeated", line, text)
        elif i < 5 and len(text) >= 30 and any(text in later.text for later in body[i + 1 :]):
            audit.add("repeated-opening", line, text)
        else:
            kept.append(line)
            if len(text) >= 30:
                seen.add(text)
    return kept


_NOTE = re.compile(rf"”([{HAN}]{{0,4}}?)(\d+)")


def remove_footnote_markers(text: str) -> tuple[str, list[Footnote], list[tuple[int, int]]]:
    """Remove inline note numbers that count up 1, 2, 3 ... after quoted terms.

    A sure marker is the whole digit run right after a closing quote (“2+1+N”1产业体系). A marker
    with characters between the quote and it (“八类”项目8审批), or followed by more digits
    (“孺子书房”124家: note 12, then 4家), is accepted only between two sure neighbours n-1 and
    n+1, and only if the digits left are a well-formed number (no 03场, no 018年). Fewer than three
    sure markers in sequence means the text has no notes, and nothing is removed.
    Returns the text, the notes and the (start, end) spans removed.
    """
    sure: dict[int, int] = {}  # note number -> position of its digits
    candidates = []
    for m in _NOTE.finditer(text):
        digits, start = m.group(2), m.start(2)
        candidates.append((m, digits, start))
        if not m.group(1) and int(digits) not in sure and digits[0] != "0":
            sure.setdefault(int(digits), start)
    chain: list[tuple[int, int, str]] = []  # (number, start, term)
    n, pos = 1, -1
    while True:
        at = sure.get(n)
        if at is not None and at > pos:
            found = at
        else:
            found = _weak_marker(candidates, n, pos, sure.get(n + 1))
            if found is None:
                break
        match = next(c[0] for c in candidates if c[2] == found)
        quote_open = text.rfind("“", 0, match.start())
        term = text[quote_open : match.end(1)] if quote_open >= 0 else text[match.start() : match.end(1)]
        chain.append((n, found, term))
        n, pos = n + 1, found
    if sum(1 for number, start, _ in chain if sure.get(number) == start) < 3:
        return text, [], []
    spans = [(start, start + len(str(number))) for number, start, _ in chain]
    for start, end in reversed(spans):
        text = text[:start] + text[end:]
    return text, [Footnote(number, term) for number, _, term in chain], spans


def _weak_marker(candidates, n: int, after: int, before: int | None) -> int | None:
    """The position of note n that is not a sure marker: between note n-1 and a sure note n+1,
    and leaving a well-formed number behind."""
    if before is None:
        return None
    expected = str(n)
    for m, digits, start in candidates:
        if after < start < before and digits.startswith(expected):
            rest = digits[len(expected):]
            if rest[:1] != "0" and not (len(digits) == 4 and m.string.startswith("年", m.end(2))):
                return start
    return None


def clean(raw: str, progress: bool = False) -> Cleaned:
    """Apply every rule: split lines, re-flow, remove spans and furniture, separate the front
    matter, drop repeats, normalise punctuation and remove footnote markers.
    progress: a tqdm bar over these steps on stderr (for big files)."""
    audit = Audit()
    with tqdm(total=6, desc="cleaning", unit="step", disable=not progress, leave=False) as bar:
        lines = split_lines(raw, audit)
        bar.update()
        lines = strip_furniture(strip_spans(lines, audit), audit)
        bar.update()
        lines = join_broken_lines(reflow(lines))
        for line in lines:
            line.text = normalise_punctuation(line.text)
        bar.update()
        front, body = split_front(lines, audit)
        body = drop_repeats(front, body, audit)
        bar.update()
        text, notes, spans = remove_footnote_markers("\n".join(line.text for line in body))
        bar.update()
        starts = _line_starts(body)
        for (start, _), note in zip(spans, notes):
            i = bisect.bisect_right(starts, start) - 1
            audit.add("footnote-marker", body[i], str(note.marker), at=start - starts[i])
        bar.update()
    return Cleaned([line.text for line in front], text.split("\n") if text else [], notes, list(audit))


def _line_starts(lines: list[Line]) -> list[int]:
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line.text) + 1
    return starts
