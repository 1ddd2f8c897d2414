"""A Word .docx file: its paragraphs in order, tables' cells among them (python-docx)."""
from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from ..errors import ReportError


def read_docx(data: bytes, path: str | Path) -> str:
    """The document's text, one paragraph a line; each table cell's paragraphs once, row by row."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        return "\n".join(_lines(document))
    except Exception as err:  # noqa: BLE001 - any parser failure on a bad file is a bad file
        raise ReportError(path, f"is a damaged Word .docx file ({type(err).__name__}: {err}): "
                                "open it in Word or WPS and save it again as .docx or .txt") from None


def _lines(container) -> Iterator[str]:
    """Paragraph texts of a document or a table cell, nested tables included, in reading order."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if not isinstance(block, Table):
            yield block.text
            continue
        seen = []  # a merged cell appears once per grid position it spans
        for row in block.rows:
            for cell in row.cells:
                if not any(cell._tc is tc for tc in seen):
                    seen.append(cell._tc)
                    yield from _lines(cell)
