"""Any report file to text: the file's signature (magic bytes) decides its kind, its suffix second.

Plain text (.txt, any encoding `text.detect` accepts), web pages (.html/.htm), Word (.docx) and PDF
with a text layer are read; everything else gets one ReportError saying what the file is and what
to do. The file is read once, so a pipe or /dev/stdin works.
"""
from __future__ import annotations

import codecs
import io
import re
import stat
import zipfile
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from ..patterns import HAN
from ..errors import ReportError
from .text import decode, detect

__all__ = ["Document", "ReportError", "decode", "detect", "read_bytes", "read_document", "read_text"]


@dataclass(frozen=True)
class Document:
    """A report file's text; `dropped` lists the visible lines of a web page left out as page furniture."""

    text: str
    kind: str  # "text", "html", "docx" or "pdf"
    dropped: list[str] = field(default_factory=list)


_MIN_HAN = 200  # the shortest real report has thousands; fewer is "not a report"
_HAN = re.compile(f"[{HAN}]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")  # control characters but \t \n \v \f \r
_CONVERT = "open it in Word, WPS or LibreOffice and save it as .docx or .txt"
# signature -> what the file is and what to do; checked before the suffix
_REFUSED = [
    (b"\x89PNG\r\n\x1a\n", "is a PNG image (binary), not a text: run OCR on it, or get the report as text"),
    (b"\xff\xd8\xff", "is a JPEG image (binary), not a text: run OCR on it, or get the report as text"),
    (b"GIF87a", "is a GIF image (binary), not a text: run OCR on it, or get the report as text"),
    (b"GIF89a", "is a GIF image (binary), not a text: run OCR on it, or get the report as text"),
    (b"II*\x00", "is a TIFF image (binary), not a text: run OCR on it, or get the report as text"),
    (b"MM\x00*", "is a TIFF image (binary), not a text: run OCR on it, or get the report as text"),
    (b"{\\rtf", f"is an RTF document: {_CONVERT}"),
    (b"\x1f\x8b", "is a gzip archive: unpack it and load the report file inside"),
    (b"Rar!\x1a\x07", "is a RAR archive: unpack it and load the report file inside"),
    (b"7z\xbc\xaf\x27\x1c", "is a 7-Zip archive: unpack it and load the report file inside"),
]
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")
_HTML_START = re.compile(r"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b",
                         re.I | re.S)
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_HINT = {  # what to do when the text of a file of this kind is no report text
    "text": "",
    "html": ": copy the report's text into a .txt file",
    "docx": "",
    "pdf": " (fonts without a Unicode map?): run OCR or convert to .docx/.txt",
}


def read_text(path: str | Path) -> str:
    """Read a report file of any accepted kind and return its text, checked to be Chinese report text."""
    return read_document(path).text


def read_document(path: str | Path, data: bytes | None = None) -> Document:
    """Read a report file (or its bytes, already read) into a Document; bad input raises ReportError."""
    path = Path(path)
    if data is None:
        data = read_bytes(path)
    kind = _kind(data, path)
    dropped: list[str] = []
    if kind == "pdf":
        from .pdf import read_pdf

        text = read_pdf(data, path)
    elif kind == "docx":
        from .docx import read_docx

        text = read_docx(data, path)
    elif kind == "html":
        from .html import read_html

        text, dropped = read_html(data, path)
    else:
        text = decode(data, path)
    _check(text, path, kind)
    return Document(text=text, kind=kind, dropped=dropped)


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes, read once (a pipe or /dev/stdin has no second reading); ReportError if unreadable."""
    path = Path(path)
    try:
        if stat.S_ISDIR(path.stat().st_mode):
            raise ReportError(path, "is a folder, not a report file")
        with open(path, "rb") as handle:
            return handle.read()
    except (FileNotFoundError, NotADirectoryError):
        raise ReportError(path, "no such file") from None
    except PermissionError:
        raise ReportError(path, "cannot be read: permission denied (check the file's permissions)") from None
    except OSError as err:
        raise ReportError(path, f"cannot be read ({err.strerror or err})") from None


def _kind(data: bytes, path: Path) -> str:
    """text, html, docx or pdf, from the bytes' signature, then the suffix; a ReportError for the rest."""
    if not data.strip():
        raise ReportError(path, "the file is empty")
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data, path)
    if data.startswith(_OLE2):
        if _ENCRYPTED_OOXML in data:
            raise ReportError(path, "is a password-protected Office document: open it with its password "
                                    "and save a copy without one as .docx or .txt")
        raise ReportError(path, f"is a legacy Word .doc file (or another pre-2007 Office file): {_CONVERT}")
    for signature, problem in _REFUSED:
        if data.startswith(signature):
            raise ReportError(path, problem)
    suffix = path.suffix.lower()
    if _looks_like_html(data) or suffix in _HTML_SUFFIXES and data.lstrip()[:1] == b"<":
        return "html"
    if suffix in {".pdf", ".docx", ".doc"}:
        raise ReportError(path, f"is named {suffix} but is not a {suffix[1:].upper()} file "
                                "(its first bytes say otherwise): it is damaged or misnamed")
    return "text"


def _zip_kind(data: bytes, path: Path) -> str:
    """docx for a Word package; a ReportError naming any other zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            mimetype = archive.read("mimetype")[:80] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as err:
        raise ReportError(path, f"is a damaged zip or .docx file ({err}): download it again or {_CONVERT}") from None
    if "word/document.xml" in names:
        return "docx"
    if b"opendocument.text" in mimetype:
        raise ReportError(path, f"is an OpenDocument text (.odt): {_CONVERT}")
    if any(name.startswith("xl/") for name in names):
        raise ReportError(path, "is an Excel workbook (.xlsx), not a report text")
    if any(name.startswith("ppt/") for name in names):
        raise ReportError(path, "is a PowerPoint file (.pptx), not a report text")
    raise ReportError(path, "is a zip archive, not a Word .docx: unpack it and load the report file inside")


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048]
    for bom, encoding in [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")]:
        if head.startswith(bom):
            return bool(_HTML_START.match(head[len(bom):].decode(encoding, errors="ignore")))
    return bool(_HTML_START.match(head.decode("latin-1")))


def _check(text: str, path: Path, kind: str) -> None:
    """The text of a report: not binary, has Chinese, long enough."""
    what = "" if kind == "text" else f" (read as {kind})"
    if _control_share(text) > 0.01:
        raise ReportError(path, f"looks binary (control characters), not a text report{what}")
    han = sum(1 for _ in islice(_HAN.finditer(text), _MIN_HAN))  # counts no further than it needs
    if han == 0:
        raise ReportError(path, f"has no Chinese text, so it is not a report{_HINT[kind]}")
    if han < _MIN_HAN:
        raise ReportError(path, f"has only {han} Chinese characters, too short to be a report{what}")


def _control_share(text: str) -> float:
    """Share of characters that are control characters other than whitespace."""
    if not text:
        return 0.0
    return sum(1 for _ in _CONTROL.finditer(text)) / len(text)
