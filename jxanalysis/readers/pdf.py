"""A PDF with a text layer: its lines as extracted (pypdf), page after page."""
from __future__ import annotations

import io
import logging
from pathlib import Path

from ..errors import ReportError

NO_TEXT_LAYER = "has no text layer (a scanned PDF?): run OCR or convert to .docx/.txt"


def read_pdf(data: bytes, path: str | Path) -> str:
    """The text of every page, hard-wrapped lines as they are; refuses encrypted, damaged and scanned PDFs."""
    if b"%%EOF" not in data[-4096:]:
        raise ReportError(path, "is a truncated PDF (no %%EOF at its end): download it again")
    import pypdf
    from pypdf.errors import DependencyError

    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.ERROR)  # a damaged file gets one ReportError, not a screen of pypdf warnings
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and reader.decrypt("") == pypdf.PasswordType.NOT_DECRYPTED:
            raise ReportError(path, "is a password-protected PDF: open it with its password, "
                                    "save a copy without protection, or convert it to .docx/.txt")
        text = "\n".join(page.extract_text() or "" for page in reader.pages).replace("\x00", "")
    except ReportError:
        raise
    except DependencyError as err:
        raise ReportError(path, f"is an encrypted PDF that pypdf cannot open here ({err}): "
                                "save a copy without encryption or convert it to .docx/.txt") from None
    except Exception as err:  # noqa: BLE001 - any parser failure on a bad file is a bad file
        raise ReportError(path, f"is a damaged PDF ({type(err).__name__}: {err}): "
                                "download it again or convert it to .docx/.txt") from None
    finally:
        log.setLevel(level)
    if not text.strip():
        raise ReportError(path, NO_TEXT_LAYER)
    return text
