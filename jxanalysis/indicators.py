"""Quantitative indicators (地区生产总值375亿元, 增长4.5%, 列全市第一) as a tidy table.

The grammar is a handful of regular expressions and small rules, applied sentence by sentence
to the NFKC form of the sentence (so ３３．５万亿元 reads as 33.5万亿元):

1. A *quantity* is an optional approximation cue (近, 约, 超, 突破 …), a number, an optional
   余/多, an optional magnitude (万, 亿, 万亿), a unit from ``UNITS`` and an optional 以上/左右.
   Numbers are digits, or a Chinese numeral when a magnitude or 倍 follows (超百亿美元, 增长一倍):
   bare Chinese numerals are names far more often than quantities (三里乡, 四项指标, 一批).
   A number without a unit takes the unit of the next one in a list (1409万、1305万人次).
   A *rank* is 全市/全省/全国… followed by 第N or 首位.
2. Not indicators: numbers inside quotes and book titles (“5020”, “12345”, 《纲要(2022-2035年)》),
   ordinals (第九批), numbers touching Latin letters (S104, 5G, PM2.5), e-mail addresses, URLs and
   the item numbers of a glossary (20.2026年…). Years, dates and periods (2022年, 1-11月) never
   match because 年, 月 and 日 are not units.
3. kind: ``rank`` for ranks; ``growth`` when a change verb (增长, 下降 …) stands right before a %,
   倍 or 百分点 (negative for a fall); ``ratio`` for other percentages and multiples; ``amount``
   for everything else.
4. subject: the words before the number in its clause, without periods, leading action verbs
   (实现, 建成 …) and trailing links (达, 为, 分别 …). When nothing is left, the noun after the
   unit (162个县重大重点项目), or else the subject before it in the sentence (…，增长4.5%).
   分别 shares a list of subjects out over a list of values (城镇和农村居民…分别增长7.2%、6.8%).
5. period: the last period expression (1-11月, 前三季度, 预计全年, 2015年) before the number.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import compress

import cn2an
import numpy as np
import pandas as pd

from .patterns import EMAIL, HAN, HAN_CHAR, PLAN_PERIOD, URL
from .report import Report, split_sentences

COLUMNS = ["subject", "value", "unit", "kind", "approx", "raw", "period", "scope", "sentence"]
SCOPES = ["result", "target", "multi-year", "forecast"]
INDICATOR_POSITION = ["part", "part_kind", "section", "paragraph"]

MAGNITUDES = {"万亿": 10**12, "亿": 10**8, "万": 10**4}


def in_yi(yuan):
    """An amount of 元 (a number or a Series) in 亿元: the one conversion the tables and comparisons use."""
    return yuan / float(MAGNITUDES["亿"])

# unit as written -> base unit
UNITS = {
    "个百分点": "百分点", "百分点": "百分点", "%": "%", "‰": "‰", "倍": "倍", "成": "成",
    "平方公里": "平方公里", "平方米": "平方米", "立方米": "立方米", "公顷": "公顷", "亩": "亩",
    "微克/立方米": "微克/立方米", "公里": "公里", "千米": "千米", "米": "米",
    "千瓦时": "千瓦时", "千瓦": "千瓦", "吨": "吨", "公斤": "公斤", "斤": "斤",
    "美元": "美元", "港元": "港元", "欧元": "欧元", "元": "元",
    "人次": "人次", "户次": "户次", "架次": "架次", "批次": "批次", "场次": "场次", "标箱": "标箱",
    "个工作日": "工作日", "工作日": "工作日", "人口": "人",
    **{u: u for u in "人户家个件套台辆艘架条所座处项次场批轮眼间张名位支宗种款部本册头只株棵块篇门天岁"},
}
RATE_UNITS = {"%", "‰", "倍", "成", "百分点"}

_CN_DIGITS = "零〇一二两三四五六七八九十百千"
# 1409万、1305万人次 and 4.5-5%: a bare number before a list mark or a dash (the range's first end)
_BARE = re.compile(r"(?=\d)(?<![\d.A-Za-z第-])(?P<num>\d+(?:\.\d+)?)(?P<mag>万亿|亿|万)?(?=[、和]|[-—~](?=\d))")
# 1,192.3亿元, 12,345人: thousands separators (ASCII commas between digit groups) are dropped
_THOUSANDS = re.compile(r"(?<![\d.,])[0-9０-９]{1,3}(?:,[0-9０-９]{3})+(?![0-9０-９,])")
_RANK = re.compile(
    r"(?P<scope>全[市省国区县州盟旗]|全世界|全球|世界)"
    # an ordinal is digits or a well-formed Chinese numeral up to 九十九, never a mix (第一21, 第1一)
    rf"(?:第(?P<ord>\d+|[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])(?:位|名)?"
    rf"(?![\d个批届次项家{HAN}])|(?P<first>首位))"
)
_EXCLUDED = re.compile(
    r"“[^“”]{0,40}”|\"[^\"]{0,40}\"|《[^《》]*》|「[^「」]{0,40}」"
    rf"|{URL.pattern}|{EMAIL.pattern}"
    r"|^\s*\d{1,3}(?:\.(?=\d{4}年|\D)|、)"
)
_MAY_EXCLUDE = re.compile(r'[“"《「@]|https?://|www\.|^\s*\d')  # what every match of _EXCLUDED holds
_PERIOD = re.compile(
    r"(?=[预全前上下一二三四\d])"  # the first character a period can have: twice as fast
    r"(?:预计)?(?:全年|前三季度|上半年|下半年|[一二三四]季度|前\d{1,2}个月|\d{1,2}[-—~至]\d{1,2}月"
    r"|(?<![比较])(?:19|20)\d{2}年(?:末|底|上半年|前三季度)?)|预计"
)
_CLAUSE_END = ",;:。!?"
_CLAUSE_MARK = re.compile(f"[{_CLAUSE_END}]")
_LIST_MARK = re.compile("、")

# scope (see _scope): cues in the words before a number
_FORECAST = re.compile(r"预计")
_MULTI_CLAUSE = re.compile(r"年均|累计|五年|连续|是(?:19|20)\d{2}年的|比(?:19|20)\d{2}年(?:末|底)?|(?:由|从)(?:19|20)\d{2}年")
_MULTI_SENTENCE = re.compile(rf"五年|累计|“{PLAN_PERIOD}”(?:期间|以来)")
_FROM_TO = re.compile(r"(?:由|从)[^,;。]*(?:增加|提高|增长|扩大|上升|提升|下降|减少|降低|压减)(?:到|至)")
_TARGET_CUE = re.compile(r"力争|争取|目标是|目标为|计划|确保|预期")
_ACHIEVED = re.compile(r"过去五年|五年来|这五年|成就")
# a five-year review paragraph: its section or its opening says so (这是…的五年, 五年来…)
FIVE_YEAR_SECTION = re.compile(rf"五年|{PLAN_PERIOD}")
_FIVE_YEAR_OPENING = re.compile(rf"^(?:五年来|过去五年|这五年|“{PLAN_PERIOD}”(?:以来|时期))")
_YEAR_OPENING = re.compile(r"^(?:各位代表[,，！!]?)?(?:刚刚)?(?:过去的?|回顾)?(?:一年|(?:19|20)\d{2}年)|^一年来|^去年")
# verbs of things done (建成…个): in a five-year review such a count is a total over the years

_LIST_SPLIT = re.compile(r"[、和与及]")
_RANGE = ("-", "—", "~", "至", "到")  # 6%－6.5%: the second end shares the first one's kind and subject

GROWTH_VERBS = ("增长", "增加", "净增", "增", "提高", "提升", "上升", "上涨", "递增", "扩大")
FALL_VERBS = ("下降", "减少", "降低", "回落", "下滑", "下跌", "缩小", "压减", "削减", "精简", "降")
# a subject that only points back (总量突破90万亿元, 其中…): the subject of the clause before,
# or, when that subject was counted before in the sentence (新增…45家，总量1224家), its 总量
PRONOUNS = ("总量", "总额", "总数", "其中", "合计", "共计")

# words that end a subject phrase before its number (…收入增长, …总资产达, …标准分别提高至每月)
TRAILING = sorted(
    GROWTH_VERBS + FALL_VERBS + (
        "分别", "均", "都", "也", "已", "共", "累计", "年均", "同比", "比上年", "较上年",
        "达到", "达", "为", "稳定在", "保持在", "保持", "至", "到", "在", "了", "由", "从",
        "每月", "每年", "每人", "压缩", "缩短", "列", "居", "位居", "跃居", "稳居", "位列", "排名",
        "实际", "拟按", "按", "发展", "的", "要", "平均", "比去年", "新增",
        "涨幅", "增速", "增幅", "降幅", "控制在", "首次跃上", "跃上", "迈上",
    ),
    key=len, reverse=True,
)
_TRAILING_YEAR = re.compile(r"(?:比|较|由|从)?(?:19|20)\d{2}年(?:末|底)?$")  # 由2010年(的)
# words that open a clause before the subject
_LEADING = re.compile(r"^(?:其中|同时|此外|另外|今年|明年|先后|为|对|向|使|的|了|共|全[省市县区国]|[一二三四五六七八九十\d]+年来?)")
# action verbs: the subject is what follows the last of them (建成|高标准农田)
ACTIONS = (
    "实现", "完成", "建成", "建设", "新建", "新增", "改造", "提升", "开展", "发放", "投入", "争取",
    "培育", "认定", "备案入库", "创建", "打造", "办理", "办结", "组织", "扶持", "带动", "转移",
    "聘请", "解决", "建立", "实施", "消减", "盘活", "化解", "惠及", "整改", "新打", "引进", "划定",
    "处置", "节约", "吸引", "推出", "开通", "新设", "设立", "资助", "提供", "接待", "签约", "帮助",
    "动员", "获得", "拉动", "贡献", "组建", "修建", "铺设", "关停", "封停", "腾退",
    "促成", "推动", "吸纳", "覆盖", "用于",
)
_DONE_MORE = ("新改扩建", "扩建", "新建", "改建", "治理", "造林", "营造", "筹集", "获批", "取缔",
              "关停", "削减", "落地", "开工", "完成", "累计")
# words that end a noun read after the unit (162个县重大重点项目|完成…), with ACTIONS and TRAILING
_NOUN_STOPS_MORE = ("全部", "基本", "全面", "均", "已", "正式", "顺利", "获评", "入选", "开工", "投产", "的", "和", "与", "及")

_NOUN = re.compile(rf"(的?)([{HAN}“”‘’]{{0,16}})")


def reload_grammar() -> None:
    """Rebuild the patterns made from the tables UNITS, GROWTH_VERBS, FALL_VERBS, TRAILING and
    ACTIONS, so that a change to one of them counts at once, without a kernel restart and without
    editing this file (notebook 04's exercises), e.g.::

        jx.indicators.UNITS["兆瓦"] = "兆瓦"
        jx.indicators.reload_grammar()

    The change lasts for the session. Change verbs (GROWTH_VERBS, FALL_VERBS) also end subjects.
    """
    global _QUANTITY, _GROWTH, _GROWTH_SPAN, _TRAILING_SET, _TRAILING_LENGTHS, _DONE, _NOUN_STOPS, _NOUN_STOP, _ACTIONS_BY_FIRST
    unit = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
    _QUANTITY = re.compile(
        rf"(?=[\d超突接将约近逾{_CN_DIGITS}\-−])"  # the first character a quantity can have: 3 times faster
        r"(?P<pre>超过|突破|接近|将近|约|近|超|逾)?"
        rf"(?:(?<![\d.A-Za-z第])(?P<sign>(?<=[{HAN}])[-−](?=\d))?(?P<num>\d+(?:\.\d+)?)|(?<!第)(?P<cn>[{_CN_DIGITS}]+)(?=[余多]?(?:万|亿)|倍))"
        r"(?P<some>[余多])?(?P<mag>万亿|亿|万)?(?P<some2>[余多])?"
        rf"(?P<unit>{unit})(?P<per>/[日天月年])?(?![A-Za-z])"
        r"(?P<post>以上|左右)?"
    )
    verbs = tuple(GROWTH_VERBS) + tuple(FALL_VERBS)
    _GROWTH = re.compile(rf"(?:(?:{'|'.join(verbs)})(?:了)?|增速|增幅|涨幅|降幅)(?:为|达到|达|是|完成|控制在|保持在|稳定在)?$")
    # the longest match of _GROWTH (+1: $ also matches before a final newline): only a segment's end is searched
    _GROWTH_SPAN = max(map(len, (*verbs, "增速"))) + len("了") + len("控制在") + 1
    trailing = frozenset(TRAILING) | frozenset(verbs)
    _TRAILING_SET = trailing
    _TRAILING_LENGTHS = sorted({len(w) for w in trailing}, reverse=True)
    _DONE = re.compile("|".join(ACTIONS + _DONE_MORE))
    _ACTIONS_BY_FIRST = {}
    for action in ACTIONS:
        _ACTIONS_BY_FIRST.setdefault(action[0], []).append(action)
    _NOUN_STOPS = tuple(ACTIONS) + tuple(sorted((w for w in trailing if len(w) > 1), key=lambda w: (-len(w), w))) \
        + _NOUN_STOPS_MORE
    _NOUN_STOP = re.compile("|".join(map(re.escape, _NOUN_STOPS)))


reload_grammar()


@dataclass
class _Match:
    """One quantity or rank found in a normalised sentence."""

    start: int
    end: int
    value: float
    unit: str
    kind: str
    approx: bool


class _NFKC(dict):
    """str.translate table: each character's NFKC form, computed on first sight."""

    def __missing__(self, code: int) -> str:
        self[code] = form = unicodedata.normalize("NFKC", chr(code))
        return form


_NFKC_TABLE = _NFKC()


def _normalise(text: str) -> tuple[str, Sequence[int]]:
    """NFKC form of text (character by character) without thousands separators (1,192.3 -> 1192.3),
    and for each of its characters the index of the original character."""
    separators = {m.start() + i for m in _THOUSANDS.finditer(text) for i, ch in enumerate(m.group()) if ch == ","} \
        if "," in text else set()
    kept: Sequence[int] = [i for i in range(len(text)) if i not in separators] if separators else range(len(text))
    if separators:
        text = "".join(text[i] for i in kept)
    norm = text.translate(_NFKC_TABLE)
    if len(norm) == len(text):  # no form is empty, so every character kept its length of 1
        return norm, kept
    origin: list[int] = []
    for j, ch in enumerate(text):
        origin.extend([kept[j]] * len(_NFKC_TABLE[ord(ch)]))
    return norm, origin


# A sentence without a digit, 万, 亿, 倍, 第 or 首 (in NFKC form) holds no quantity and no rank.
_COUNTING_HAN = "万亿倍第首"
_MAY_COUNT = re.compile(rf"[\d{_COUNTING_HAN}]")
_COUNTING: dict[str, bool] = {}  # character -> its NFKC form holds one of _MAY_COUNT's characters


def _may_count(text: str) -> re.Pattern:
    """A pattern that finds, before normalising, the characters of text whose NFKC form _MAY_COUNT finds.

    A Chinese character (U+4E00-U+9FFF) is its own NFKC form, so of those only _COUNTING_HAN
    count: only the other characters of text (a few dozen) are looked at one by one."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    others = np.unique(codes[codes - 0x4E00 > 0x9FFF - 0x4E00])  # set(text) would be 8 times slower
    chars = set(map(chr, others.tolist()))
    for ch in chars.difference(_COUNTING):
        _COUNTING[ch] = bool(_MAY_COUNT.search(_NFKC_TABLE[ord(ch)]))
    return _counting_pattern(frozenset(compress(chars, map(_COUNTING.__getitem__, chars))) | frozenset(_COUNTING_HAN))


@lru_cache(maxsize=64)
def _counting_pattern(chars: frozenset[str]) -> re.Pattern:
    return re.compile(f"[{''.join(map(re.escape, sorted(chars)))}]" if chars else "(?!)")


def _number(number: str, magnitude: str | None = None) -> float:
    """The value of a number in digits or Chinese numerals with its magnitude: ("1.1", "万") -> 11000.0."""
    if number[0].isdigit():
        if not magnitude:
            return float(number)  # the same float as float(Decimal(number))
        value = Decimal(number)
    else:
        value = Decimal(cn2an.cn2an("一" + number if number[0] in "十百千" else number, "smart"))
    return float(value * MAGNITUDES.get(magnitude or "", 1))


def _quantities(s: str) -> list[_Match]:
    """Quantities and ranks in a normalised sentence, left to right, without the excluded ones."""
    excluded = [m.span() for m in _EXCLUDED.finditer(s)] if _MAY_EXCLUDE.search(s) else []
    found = []
    for m in _QUANTITY.finditer(s):
        g = m.groupdict()
        if g["unit"] == "岁" and HAN_CHAR.match(s, m.end()) or s.startswith("个月", m.end("unit") - 1):
            continue  # 65岁以上老年人 is a qualifier, 6个月 a duration: neither is a measure
        approx = bool(g["pre"] or g["some"] or g["some2"] or g["post"])
        try:
            value = _number(g["num"] or g["cn"], g["mag"]) * (-1 if g["sign"] else 1)
        except ValueError:  # Chinese numerals that do not form a number (一三十万) are not a quantity
            continue
        unit = UNITS[g["unit"]] + (g["per"] or "")
        found.append(_Match(m.start(), m.end(), value, unit, "", approx))
    by_start = {q.start: q for q in found}
    for m in _BARE.finditer(s) if found else ():  # 1409万、1305万人次: the first takes the unit of the second
        after = by_start.get(m.end() + 1)
        if after is not None:
            found.append(_Match(m.start(), m.end(), _number(m.group("num"), m.group("mag")), after.unit, "", False))
    for m in _RANK.finditer(s):
        rank = _number(m.group("ord")) if m.group("ord") else 1.0
        found.append(_Match(m.start(), m.end(), rank, "", "rank", False))
    kept: list[_Match] = []
    for q in sorted(found, key=lambda q: (q.start, -q.end)):
        inside = any(a <= q.start < b or a < q.end <= b for a, b in excluded)
        if not inside and (not kept or q.start >= kept[-1].end):
            kept.append(q)
    return kept


def _strip_trailing(text: str) -> str:
    """Remove link words at the end: 一般公共预算收入增长 -> 一般公共预算收入."""
    changed = True
    while changed and text:
        year = _TRAILING_YEAR.search(text)
        word = next((text[-n:] for n in _TRAILING_LENGTHS if text[-n:] in _TRAILING_SET), "")
        changed = bool(year or word)
        text = text[: year.start()] if year else text[: len(text) - len(word)]
    return text


def _strip_leading(text: str) -> str:
    """Remove periods and openers at the start: 预计全年实现… -> 实现…."""
    opener = _PERIOD.match(text) or _LEADING.match(text)
    while text and opener and opener.end():
        text = text[opener.end():]
        opener = _PERIOD.match(text) or _LEADING.match(text)
    return text


_PARENTHESIS = re.compile(r"\([^()]*\)")
_BASE = re.compile(r"是.*的?")
_OPEN_END = re.compile(r"[等和与及]$")


def _clean(phrase: str) -> str:
    """A phrase without its parenthesis, openers and trailing link words."""
    return _strip_leading(_strip_trailing(_PARENTHESIS.sub("", phrase).strip().lstrip("、")))


def _last_action(text: str) -> tuple[int, str]:
    """(offset, word) of the ACTIONS word that occurs last in text, (-1, "") when none does."""
    candidates = (v for c in _ACTIONS_BY_FIRST.keys() & set(text) for v in _ACTIONS_BY_FIRST[c] if v in text)
    return max(((text.rfind(v), v) for v in candidates), default=(-1, ""))


def _subject(segment: str, noun_after: str) -> str:
    """The measured phrase in the words before a number (预计全年实现地区生产总值 -> 地区生产总值),
    or the noun after it when the words before end with a verb or 等 (有效化解|103件|信访积案).
    noun_after keeps a leading 的 (183万人次|的历史性突破): such a noun is a fallback only."""
    text = _clean(segment)
    if _BASE.fullmatch(text):
        return ""  # 是2010年的2.7倍: the base of a comparison, not a subject
    if not text or _OPEN_END.search(text):
        return noun_after.lstrip("的")
    verb = _last_action(text)
    rest = _strip_leading(text[verb[0] + len(verb[1]):]) if verb[1] else text
    if len(rest) >= 3 or not verb[1]:
        return rest
    if rest:
        return text  # keep 目标完成率 and 新增学位 whole
    before = _clean(text[: verb[0]])  # 旅游收入完成|69亿元
    if noun_after.startswith("的"):
        return before or noun_after.lstrip("的")
    return noun_after or before


def _noun_after(s: str, pos: int) -> str:
    """The noun read right after a unit: 162个|县重大重点项目完成… -> 县重大重点项目, with its 的."""
    de, noun = _NOUN.match(s, pos).groups()
    if not noun or noun.startswith(_NOUN_STOPS):
        return ""
    stop = _NOUN_STOP.search(noun, 1)  # the noun does not start with a stop word: the first one found
    return de + noun[: stop.start() if stop else len(noun)]


def _shared_subjects(phrase: str) -> list[str]:
    """Subjects of a 分别 list: 城镇和农村居民人均可支配收入 -> [城镇居民人均…, 农村居民人均…]."""
    parts = [p for p in _LIST_SPLIT.split(phrase) if p]
    if len(parts) == 1 and phrase.startswith("城乡"):
        return ["城镇" + phrase[2:], "农村" + phrase[2:]]
    if len(parts) < 2:
        return parts
    first, last = parts[0], parts[-1]
    tail = last[len(first):] if len(last) > len(first) and first[-1] != last[-1] else ""
    return [p + tail for p in parts[:-1]] + [last]


def _ends(pattern: re.Pattern, s: str) -> list[int]:
    """The offsets just after each match of pattern (a clause or list mark) in s, in order."""
    return [m.end() for m in pattern.finditer(s)]


def _after_last(ends: list[int], pos: int) -> int:
    """Index just after the last mark before pos (ends: from _ends), 0 when none."""
    k = bisect_right(ends, pos)
    return ends[k - 1] if k else 0


def _next_mark(ends: list[int], pos: int, default: int) -> int:
    """Index of the first mark at or after pos (ends: from _ends), default when none."""
    k = bisect_left(ends, pos + 1)
    return ends[k] - 1 if k < len(ends) else default


def _period(s: str, periods: list[re.Match], pos: int) -> str:
    """The last period expression before s[pos] (what _PERIOD.finditer(s, 0, pos) finds last),
    from periods, the matches of _PERIOD in all of s."""
    period = ""
    for found in periods:
        if found.end() > pos:
            if found.start() < pos:  # the number cuts this one short: read the text before it alone
                for found in _PERIOD.finditer(s, 0, pos):
                    period = found.group()
            break
        period = found.group()
    return period


def _scope(s: str, start: int, clause: int, clause_end: int, kind: str, part_kind: str, five_year: bool) -> str:
    """What a number at s[start] is, in the clause s[clause:clause_end]: result, target, multi-year
    or forecast (see extract_indicators)."""
    before, in_clause, clause_text = s[:start], s[clause:start], s[clause:clause_end]
    multi = bool(_MULTI_CLAUSE.search(in_clause) or _MULTI_SENTENCE.search(before) or _FROM_TO.search(clause_text))
    if part_kind in ("plan", "appendix"):
        return "target"
    if part_kind == "five-year":
        return "multi-year" if _ACHIEVED.search(s) and not _TARGET_CUE.search(before) else "target"
    if _FORECAST.search(before):
        return "multi-year" if "年均" in in_clause else "forecast"
    if not part_kind and _TARGET_CUE.search(before):
        return "target"  # plain text: only the sentence's own cues
    if multi:
        return "multi-year"
    if five_year and (kind == "growth" and "同比" not in in_clause or kind == "amount" and _DONE.search(in_clause)):
        return "multi-year"  # 五年来…城镇新增就业50.2万人, …增速分别达到15.6%
    return "result"


def _sentence_rows(sentence: str, part_kind: str = "", five_year: bool = False) -> list[dict]:
    """All indicators in one sentence, as rows with the COLUMNS; part_kind and five_year (the
    sentence is in a five-year review paragraph) decide the scope with the sentence's cues."""
    s, origin = _normalise(sentence)
    rows: list[dict] = []
    if not _MAY_COUNT.search(s):
        return rows
    quantities = _quantities(s)
    if not quantities:
        return rows
    clause_ends, list_ends, periods = _ends(_CLAUSE_MARK, s), _ends(_LIST_MARK, s), list(_PERIOD.finditer(s))
    previous_end, previous_subject, shared, shared_index = 0, "", [], 0
    since_rank: list[str] = []
    for q in quantities:
        clause = _after_last(clause_ends, q.start)
        start = max(clause, _after_last(list_ends, q.start), previous_end if previous_end > clause else 0)
        segment = s[start:q.start]
        kind, sign = q.kind, 1
        if q.kind != "rank":
            verb = _GROWTH.search(segment, max(0, len(segment) - _GROWTH_SPAN))
            kind = "growth" if verb and q.unit in RATE_UNITS or q.unit == "百分点" else \
                "ratio" if q.unit in RATE_UNITS else "amount"
            sign = -1 if verb and verb.group().startswith(FALL_VERBS) else 1
        if rows and s[previous_end:q.start] in _RANGE and q.kind == rows[-1]["_kind"]:
            kind, subject = rows[-1]["kind"], previous_subject
            sign = -1 if rows[-1]["value"] < 0 else 1
        elif shared and s[previous_end:q.start] in ("、", "和") and q.kind == rows[-1]["_kind"]:
            shared_index += 1
            kind, sign = rows[-1]["kind"], (-1 if rows[-1]["value"] < 0 else 1)
            subject = shared[shared_index] if shared_index < len(shared) else previous_subject
        elif "分别" in s[clause:q.start]:
            phrase = _clean(s[clause:s.index("分别", clause)])
            shared, shared_index = _shared_subjects(phrase), 0
            subject = shared[0] if shared else previous_subject
        else:
            shared = []
            if "均" in segment:  # …可办率、“好差评”系统好评率均达100%: all of the list
                segment = s[max(clause, previous_end):q.start]
            continued = rows and start == previous_end and not _clean(segment)  # 从70元提高到|88元
            subject = _subject(segment, "" if q.kind == "rank" or continued else _noun_after(s, q.end))
            if q.kind == "rank" and not subject and "均" in segment:
                subject = "、".join(dict.fromkeys(since_rank))
            if subject in PRONOUNS and any(r["kind"] == "amount" and r["subject"] == previous_subject for r in rows):
                # 新登记经营主体320万户、总量2037.7万户: the stock of what was counted before
                subject = re.sub(r"^新(?:增|登记|建|设)?", "", previous_subject) + subject
            elif subject in PRONOUNS or not subject:
                subject = previous_subject  # 国内生产总值增长6.6%，总量突破90万亿元
        clause_end = _next_mark(clause_ends, q.start, len(s))
        rows.append({
            "subject": subject, "value": sign * q.value, "unit": q.unit, "kind": kind,
            "approx": q.approx, "raw": sentence[origin[q.start]: origin[q.end - 1] + 1],
            "period": _period(s, periods, q.start),
            "scope": _scope(s, q.start, clause, clause_end, kind, part_kind, five_year),
            "sentence": sentence, "_kind": q.kind,
        })
        since_rank = [] if q.kind == "rank" else since_rank + [subject]
        previous_end, previous_subject = q.end, subject
    for row in rows:
        del row["_kind"]
    return rows


def _five_year_paragraphs(report: Report) -> set[int]:
    """Paragraphs of review parts that review five years rather than the last one: their section
    says so (这是…的五年, “十四五”时期…), or they open with 五年来 / 过去五年, or they stand before
    the part's first section in a part about a five-year period and do not open on the last year
    (各位代表，刚刚过去的2015年…)."""
    found = set()
    paragraphs = report.paragraphs
    columns = [paragraphs[c].tolist() for c in ["paragraph", "part", "part_kind", "section", "text"]]
    for paragraph, part, kind, section, text in zip(*columns):
        if kind != "review":
            continue
        text = text.lstrip("—— ")
        if (FIVE_YEAR_SECTION.search(section) or _FIVE_YEAR_OPENING.match(text)
                or not section and FIVE_YEAR_SECTION.search(part) and not _YEAR_OPENING.match(text)):
            found.add(paragraph)
    return found


def extract_indicators(report_or_text: Report | str) -> pd.DataFrame:
    """One row per quantity in a Report (with part/section/paragraph) or in plain text.

    Columns: subject, value (in base units, 万/亿 applied, % kept as a number), unit, kind
    (amount, growth, ratio, rank), approx, raw (as written, a substring of sentence), period,
    scope, sentence, and for a Report the position columns part, part_kind, section, paragraph.

    scope says what the number is:
    - ``forecast``: an estimate for the year under review (预计全年…, 初步预计…) in a review part;
    - ``multi-year``: an average, total or change over several years (年均, 累计, 五年, 是2010年的…倍,
      比2010年…, both ends of 由…增加到…), a growth rate or a count of things done in a paragraph
      that reviews five years (五年来…, 这是…的五年), and five-year parts that state achievements;
    - ``target``: everything in plan parts and appendices (goals and planned work), five-year goals,
      and in plain text a number after 力争/争取/目标是/计划/确保;
    - ``result``: the rest: outcomes of the year under review, and levels reached.
    """
    if isinstance(report_or_text, str):
        rows = [row for sentence in split_sentences(report_or_text) for row in _sentence_rows(sentence)]
        return pd.DataFrame(rows, columns=COLUMNS)
    rows = []
    five_year = _five_year_paragraphs(report_or_text)
    sentences = report_or_text.sentences
    may_count = _may_count("".join(sentences["text"].tolist()))
    columns = [sentences[c].tolist() for c in ["text", *INDICATOR_POSITION]]
    for text, part, part_kind, section, paragraph in zip(*columns):
        if not may_count.search(text):  # no quantity in its NFKC form either: no need to normalise
            continue
        position = {"part": part, "part_kind": part_kind, "section": section, "paragraph": paragraph}
        found = _sentence_rows(text, part_kind, paragraph in five_year)
        rows.extend({**row, **position} for row in found)
    return pd.DataFrame(rows, columns=COLUMNS + INDICATOR_POSITION)
