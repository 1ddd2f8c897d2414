"""Bytes to text: a BOM decides, else strict UTF-8, else charset detection checked for mojibake."""
from __future__ import annotations

import codecs
import re
from functools import cache
from pathlib import Path

import numpy as np

from ..errors import ReportError

# UTF-32 first: its little-endian BOM begins with UTF-16's
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_WIDE = ["utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"]
_FAMILY = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "big5": "cp950", "cp950": "cp950",
           "big5hkscs": "cp950"}
_FALLBACK = ["gb18030", "cp950", "big5hkscs"]
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SAMPLE = 200_000  # characters checked for mojibake; mojibake shows everywhere in a file
_MIN_COMMON = 0.8  # real reports: >= 0.99 of Chinese characters are common ones; GB-read Big5: ~0.5
_MIN_PRINTABLE = 0.95


def decode(data: bytes, path: str | Path = "<bytes>") -> str:
    """Decode report bytes (see detect); a ReportError names the file, the problem and the byte offset."""
    return detect(data, path)[0]


def detect(data: bytes, path: str | Path = "<bytes>") -> tuple[str, str]:
    """(text, encoding): a BOM decides; else strict UTF-8; else GB18030; else charset-normalizer's
    guess and Big5; each accepted only when the text it gives is printable and its Chinese
    characters are common ones (Big5 read as GB18030 decodes without error, into rare characters)."""
    if not data.strip():
        raise ReportError(path, "the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError as err:
                raise ReportError(path, f"cannot be decoded as {encoding.upper()} (its BOM says so): "
                                        f"{err.reason} at byte offset {err.start + len(bom)}") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        utf8_error = err
        tried = [f"not UTF-8 ({_bad_byte(data, err)})"]
    if b"\x00" not in data:  # most non-UTF-8 reports are GB: no need to ask the detector
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            pass
        else:
            if _plausible(text):
                return text, "gb18030"
    guess, language = _guess(data)
    candidates = [guess] if guess in _FAMILY or guess in _WIDE else []
    if b"\x00" in data:
        candidates += _WIDE
    candidates += _FALLBACK
    wide_error: tuple[str, UnicodeDecodeError] | None = None
    # GB18030 reads all GB encodings; Windows' Big5 (cp950) before HKSCS, which differs in the Eten symbols
    for encoding in dict.fromkeys(_FAMILY.get(c, c) for c in candidates):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            if encoding == "gb18030":
                tried.append(f"not GB18030/GBK ({_bad_byte(data, err)})")
            elif encoding in _WIDE and not wide_error:
                lenient = data.decode(encoding, errors="replace")
                if _HAN.search(lenient) and _plausible(lenient):
                    wide_error = encoding, err  # UTF-16/32 text but for a few bad bytes
            continue
        if _plausible(text):
            return text, encoding
        if encoding == "gb18030":
            tried.append("GB18030 decodes it only into rare characters (mojibake)")
    if _plausible(data.decode("utf-8", errors="replace")):
        raise ReportError(path, f"is UTF-8 text but for a {_bad_byte(data, utf8_error)} "
                                "(a damaged or cut-off file?): download or save it again")
    if wide_error:
        encoding, err = wide_error
        raise ReportError(path, f"looks like {encoding.upper()} text without a BOM but cannot be decoded as it: "
                                f"{err.reason} at byte offset {err.start}")
    if b"\x00" in data[:4096]:
        raise ReportError(path, "looks binary (NUL bytes), not a text report; nor is it UTF-16 or UTF-32 text")
    looks = f"; it looks like {guess} ({language}) text" if guess and guess not in candidates else ""
    raise ReportError(path, f"cannot be decoded: {', '.join(tried)}; nor Big5, UTF-16 or UTF-32{looks}. "
                            "Save it as UTF-8 and try again")


def _guess(data: bytes) -> tuple[str | None, str]:
    """charset-normalizer's best encoding (a Python codec name) and language, or (None, "")."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None, ""
    try:
        name = codecs.lookup(best.encoding).name
    except LookupError:
        name = best.encoding
    return name.replace("_", "-"), best.language or "unknown language"


def _bad_byte(data: bytes, err: UnicodeDecodeError) -> str:
    return f"bad byte 0x{data[err.start]:02X} at byte offset {err.start}"


def _plausible(text: str) -> bool:
    """Printable text whose Chinese characters are mostly common ones (GB2312 level 1 or Big5 level 1)."""
    sample = text[:_SAMPLE]
    if not sample:
        return False
    # each distinct character is looked at once (counted in numpy: Counter(sample) is 5 times slower)
    codes, numbers = np.unique(np.frombuffer(sample.encode("utf-32-le", "surrogatepass"), dtype=np.uint32),
                               return_counts=True)
    counts = dict(zip(map(chr, codes.tolist()), numbers.tolist()))
    printable = sum(n for ch, n in counts.items() if (ch.isprintable() or ch.isspace()) and ch != "\ufffd")
    if printable / len(sample) < _MIN_PRINTABLE:
        return False
    han = {ch: n for ch, n in counts.items() if _HAN.match(ch)}
    common = _common_han()
    total = sum(han.values())
    return not han or sum(n for ch, n in han.items() if ch in common) / total >= _MIN_COMMON


@cache
def _common_han() -> frozenset[str]:
    """The common Chinese characters of the two national standards: GB2312 level 1 (3755 simplified,
    bytes B0A1-D7F9) and Big5 level 1 (5401 traditional, bytes A440-C67E)."""
    chars = set()
    for codec, leads, trails in [
        ("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)),
        ("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)]),
    ]:
        for lead in leads:
            for trail in trails:
                try:
                    chars.add(bytes([lead, trail]).decode(codec))
                except UnicodeDecodeError:
                    pass
    return frozenset(chars)
