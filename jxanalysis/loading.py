"""Report file to text: the names other modules import; `jxanalysis.readers` does the work."""
from __future__ import annotations

from .errors import ReportError
from .readers import Document, decode, read_document, read_text

__all__ = ["Document", "ReportError", "decode", "read_document", "read_text"]
