"""Bytes to text: read a report file, detect its encoding, fail with a clear error."""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from .cleaning import HAN


class ReportError(ValueError):
    """A report file that cannot be analysed; the message names the file and the problem."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")

    def __reduce__(self):  # picklable, so it crosses process boundaries (joblib workers)
        return type(self), (self.path, self.problem)


_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_HAN = re.compile(f"[{HAN}]")
_MIN_HAN = 200  # the shortest real report has thousands; fewer is "not a report"


def decode(data: bytes, path: str | Path = "<bytes>") -> str:
    """Decode report bytes: a BOM decides, else strict UTF-8, else strict GB18030 (covers GBK)."""
    if not data.strip():
        raise ReportError(path, "the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as err:
                raise ReportError(path, f"cannot be decoded as {encoding}: {err.reason}") from None
    if b"\x00" in data[:4096]:
        raise ReportError(path, "looks binary (NUL bytes), not a text report")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReportError(path, "cannot be decoded: not UTF-8, GB18030/GBK, or UTF-16 with a BOM")


def read_text(path: str | Path) -> str:
    """Read and decode a report file, checking that it holds Chinese text."""
    path = Path(path)
    if not path.exists():
        raise ReportError(path, "no such file")
    if path.is_dir():
        raise ReportError(path, "is a folder, not a report file")
    try:
        data = path.read_bytes()
    except OSError as err:  # no permission, an I/O error: the file, not the program, is at fault
        raise ReportError(path, f"cannot be read ({err.strerror or err})") from None
    text = decode(data, path)
    if _control_share(text) > 0.01:
        raise ReportError(path, "looks binary (control characters), not a text report")
    han = len(_HAN.findall(text))
    if han == 0:
        raise ReportError(path, "has no Chinese text, so it is not a report")
    if han < _MIN_HAN:
        raise ReportError(path, f"has only {han} Chinese characters, too short to be a report")
    return text


def _control_share(text: str) -> float:
    """Share of characters that are control characters other than whitespace."""
    if not text:
        return 0.0
    bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return bad / len(text)
