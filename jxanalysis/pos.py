"""Parts of speech: jieba's dictionary tag of each word, corrected where it misleads a reader
(the report's own place names, a hand-made corrections file, division names of the gazetteer)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jieba

from . import datafiles, gazetteer
from .lexicon import derived, policy_terms
from .memo import Memo

PHRASE_TAG = "nz"  # a name discovered in the report (jxanalysis.phrases): a proper term

#: jieba's part-of-speech tags (the ICTCLAS / PKU tag set of its dict.txt), with what they mean.
POS_TAGS = {
    "n": "名词 noun", "nr": "人名 person name", "nrt": "音译人名 transliterated name", "nrfg": "人名 name",
    "ns": "地名 place name", "nt": "机构名 organisation", "nz": "其他专名 proper term (policy terms, discovered names)",
    "ng": "名语素 noun morpheme", "vn": "名动词 verbal noun", "an": "名形词 adjectival noun",
    "v": "动词 verb", "vd": "副动词 adverbial verb", "vi": "不及物动词 intransitive verb",
    "vg": "动语素 verb morpheme", "vq": "动词 verb", "a": "形容词 adjective", "ad": "副形词 adverbial adjective",
    "ag": "形语素 adjective morpheme", "b": "区别词 distinguishing word (省级, 新型)", "c": "连词 conjunction",
    "d": "副词 adverb", "df": "副词 adverb", "dg": "副语素 adverb morpheme", "e": "叹词 interjection",
    "f": "方位词 locality word", "g": "语素 morpheme", "h": "前缀 prefix", "i": "成语 idiom",
    "j": "简称 abbreviation (县政协)", "k": "后缀 suffix", "l": "习用语 set phrase (全面完成)",
    "m": "数词 numeral", "mg": "数语素 numeral morpheme", "mq": "数量词 numeral + measure word",
    "o": "拟声词 onomatopoeia", "p": "介词 preposition", "q": "量词 measure word", "r": "代词 pronoun",
    "rg": "代语素 pronoun morpheme", "rr": "人称代词 personal pronoun", "rz": "指示代词 demonstrative",
    "s": "处所词 place word", "t": "时间词 time word", "tg": "时语素 time morpheme",
    "u": "助词 particle", "ud": "助词 particle", "ug": "助词 particle", "uj": "助词 particle (的)",
    "ul": "助词 particle (了)", "uv": "助词 particle (地)", "uz": "助词 particle (着)",
    "y": "语气词 modal particle", "z": "状态词 descriptive word", "zg": "状态语素 descriptive morpheme",
    "eng": "英文 Latin word", "x": "未登录词 not in the dictionary (cut by jieba's HMM)",
}


@derived
@lru_cache(maxsize=1)
def pos_corrections() -> dict[str, str]:
    """Hand corrections of jieba's dictionary tags (data/pos_corrections.txt): word -> tag."""
    return {line.split()[0]: line.split()[1] for line in datafiles.lines("pos_corrections.txt")}


@derived
@lru_cache(maxsize=1)
def _policy_words() -> frozenset[str]:
    return frozenset(w for w, _, _ in policy_terms())


@lru_cache(maxsize=None)
def own_places(place: str) -> frozenset[str]:
    """The names of a report's own place and the divisions above it, full and short:
    南昌市进贤县 -> 进贤县, 进贤, 南昌市, 南昌, 江西省, 江西. Empty for the national level."""
    found = gazetteer.lookup(place)
    if not found.code:
        return frozenset()
    rows = {row.code: row for row in gazetteer._rows()}  # noqa: SLF001 (the gazetteer's own table)
    names, code = set(), found.code
    while code in rows:
        row = rows[code]
        names |= {row.name, row.short} - {""}
        code = row.parent
    return frozenset(names)


def word_tag(word: str, tag: str, places: frozenset[str] = frozenset()) -> str:
    """A word's part of speech as jxanalysis shows it: jieba's dictionary tag, corrected.

    In order: a name of the report's own place or the divisions above it (`places`, e.g. 进贤,
    which jieba's dictionary tags as the verb "promote the worthy") is ns; a hand correction from
    data/pos_corrections.txt (荣获 v, not nr); a policy-lexicon word keeps its lexicon tag; any other
    division name of three or more characters in the gazetteer (海拉尔, 呼伦贝尔, 进贤县) is ns.
    Two-character short forms of other places keep jieba's tag, because many are ordinary words
    (资源, 合作, 和平, 新建, 通道 are also county names).
    """
    if word in places:
        return "ns"
    if word in pos_corrections():
        return pos_corrections()[word]
    if word in _policy_words() or tag == "ns":
        return tag
    return "ns" if len(word) >= 3 and word in gazetteer.place_names() else tag


def pos_tags(lexicon: bool = True) -> dict[str, str]:
    """The POS tag of every dictionary word: jieba's dict.txt, then the policy lexicon's tags
    (the table jieba.posseg looks words up in)."""
    return _pos_tags(bool(lexicon))


@derived
@lru_cache(maxsize=None)
def _pos_tags(lexicon: bool) -> dict[str, str]:
    tags, names = {}, {}  # one string per tag name shared by all its words: 20 MB less
    with open(Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME, encoding="utf-8") as lines:
        for line in lines:
            word, _, tag = line.rstrip("\n").split(" ")
            tags[word] = names.setdefault(tag, tag)
    if lexicon:
        tags.update({word: tag for word, _, tag in policy_terms()})
    return tags


@derived
@lru_cache(maxsize=None)
def _corrected(lexicon: bool) -> Memo:
    """word_tag of each word met so far, with its dictionary tag ("x" when none) and no report's
    places: a small table in front of the large one, looked up in C by map()."""
    table = pos_tags(lexicon)
    return Memo(lambda word: word_tag(word, table.get(word, "x")))


def corrected_tags(words: list[str], lexicon: bool = True, places: frozenset[str] = frozenset(),
                   phrases: tuple[str, ...] = ()) -> list[str]:
    """The tag `word_tag` gives each word: its dictionary tag ("x" when none), corrected; a
    phrase added to the report's tokenizer (a discovered name) is nz, unless it is a place."""
    tags = list(map(_corrected(bool(lexicon)).__getitem__, words))
    if not places and not phrases:
        return tags
    own = {**dict.fromkeys(phrases, PHRASE_TAG), **dict.fromkeys(places, "ns")}
    return list(map(own.get, words, tags))  # the report's own words first, else the corrected tag
