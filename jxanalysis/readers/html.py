"""A web page saved from a browser: its main text (trafilatura), and the visible lines it left out."""
from __future__ import annotations

import codecs
import difflib
import re
from pathlib import Path

from ..errors import ReportError
from ..patterns import INVISIBLE
from .text import detect

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_HIDDEN = "//script|//style|//noscript|//template|//head|//svg|//iframe|//object"
_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "option", "p", "pre", "section", "table", "td", "th", "tr", "ul",
}


def decode_page(data: bytes, path: str | Path) -> str:
    """The page as text: a BOM, else the <meta charset> when the bytes decode with it, else detection."""
    found = _META_CHARSET.search(data[:4096])
    if found and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            name = codecs.lookup(found.group(1).decode("ascii")).name
            return data.decode("gb18030" if name in {"gb2312", "gbk"} else name)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect instead
    return detect(data, path)[0]


def read_html(data: bytes, path: str | Path) -> tuple[str, list[str]]:
    """(main text, one paragraph a line; the visible lines of the page that are not in it)."""
    page = _XML_DECLARATION.sub("", decode_page(data, path))
    import trafilatura

    try:
        found = trafilatura.bare_extraction(
            page, favor_recall=True, include_tables=True, include_comments=False, with_metadata=True)
    except Exception as err:  # noqa: BLE001 - any parser failure on a bad page is a bad file
        raise ReportError(path, f"is a web page that cannot be parsed ({type(err).__name__}: {err})") from None
    body = (found.text or "") if found else ""
    if not body.strip():
        raise ReportError(path, "is a web page in which no main text was found: "
                                "copy the report's text into a .txt file")
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    dropped = _dropped(page, lines)
    title = _norm(found.title or "")
    heading = min((line for line in dropped if title and title in line), key=len, default=None)
    if heading and not any(title in _norm(line) for line in lines[:5]):
        lines.insert(0, heading)  # the page's visible heading, which trafilatura keeps as metadata only
        dropped.remove(heading)
    return "\n".join(lines), dropped


def visible_lines(page: str) -> list[str]:
    """The text a browser shows, one block (paragraph, cell, list item, <br>-line) a line."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        tree = lxml.html.document_fromstring(page)
    except (ParserError, ValueError):
        return []
    for hidden in tree.xpath(_HIDDEN):
        hidden.drop_tree()
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    return [line for line in map(_norm, tree.text_content().split("\n")) if line]


def _dropped(page: str, kept: list[str]) -> list[str]:
    """Visible lines of the page that the extracted text does not hold: the two line sequences are
    aligned (difflib), so a menu word that also occurs in the body still counts as dropped; a visible
    line that the extractor merged with its neighbours, or split, counts as kept."""
    shown, text = visible_lines(page), [_norm(line) for line in kept]
    dropped = []
    matcher = difflib.SequenceMatcher(None, shown, text, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in {"delete", "replace"}:
            region = "".join(text[j1:j2]).replace(" ", "")
            dropped += [line for line in shown[i1:i2] if line.replace(" ", "") not in region]
    return dropped


def _norm(line: str) -> str:
    """Whitespace runs as one space, zero-width characters gone: as trafilatura writes its text."""
    return " ".join(INVISIBLE.sub("", line).split())
