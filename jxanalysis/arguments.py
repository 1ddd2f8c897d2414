"""Checks of the public API's arguments, so that a wrong kind of argument gets a clear
TypeError saying what to pass instead, rather than a wrong result or an error from deep inside."""
from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .patterns import HAN_CHAR
_TEXT_MARKS = re.compile("[\n。，；：！？]")  # in report text, never in a file name anyone types


def _kind(value: Any) -> str:
    return "None" if value is None else f"a {type(value).__name__}"


def looks_like_text(value: str) -> bool:
    """True for a str that is report text rather than a path: no such file, and it holds a line
    break or Chinese punctuation, or is longer than any path."""
    return bool(value) and (len(value) > 4096 or (not os.path.exists(value) and bool(_TEXT_MARKS.search(value))))


def looks_like_path(value: str) -> bool:
    """True for a str that is a file path rather than text: one line, no Chinese character, and
    an existing file, a folder separator or a file extension."""
    return ("\n" not in value and not HAN_CHAR.search(value)
            and (os.path.exists(value) or "/" in value or os.sep in value or bool(Path(value).suffix)))


def report(value: Any, function: str) -> None:
    """A Report is wanted: anything else is a TypeError pointing at jx.load_report."""
    from .report import Report

    if not isinstance(value, Report):
        raise TypeError(f"{function}() takes a Report, not {_kind(value)}: "
                        f"pass jx.load_report(path) (a path string is not loaded for you)")


def text(value: Any, function: str) -> None:
    """A str of text is wanted: a Report is a TypeError pointing at report.text."""
    from .report import Report

    if isinstance(value, Report):
        raise TypeError(f"{function}() takes text, not a Report: pass report.text")
    if not isinstance(value, str):
        raise TypeError(f"{function}() takes text (a str), not {_kind(value)}")


def report_or_text(value: Any, function: str) -> None:
    """A Report or a str of text is wanted: a path string is a TypeError pointing at jx.load_report."""
    from .report import Report

    if isinstance(value, str) and looks_like_path(value):
        raise TypeError(f"{function}() takes a Report or report text, and {value!r} looks like a file path: "
                        f"pass jx.load_report({value!r})")
    if not isinstance(value, (Report, str)):
        raise TypeError(f"{function}() takes a Report or report text, not {_kind(value)}: "
                        "pass jx.load_report(path)")


def paths(value: Any, function: str) -> None:
    """A list of paths is wanted: one path (a str or Path) is a TypeError, since iterating over
    a str would give its characters."""
    if isinstance(value, (str, bytes, os.PathLike)):
        raise TypeError(f"{function}() takes a list of paths, not one path: pass [{str(value)!r}]")
    if not isinstance(value, Iterable):
        raise TypeError(f"{function}() takes a list of paths, not {_kind(value)}")


def report_path(value: Any) -> None:
    """The path argument of jx.load_report: report text, an empty string or another kind of
    object is refused with the reason."""
    from .loading import ReportError
    from .report import Report

    if value is None or isinstance(value, os.PathLike):
        return
    if isinstance(value, Report):
        raise TypeError("load_report() takes a path, and this is already a loaded Report")
    if not isinstance(value, str):
        raise TypeError(f"load_report() takes a path (a str or Path), not {_kind(value)}")
    if not value.strip():
        raise ReportError(repr(value), "is an empty path: pass the path of a report file (or nothing, for the seed)")
    if looks_like_text(value):
        raise TypeError("load_report() takes a path, not the report text: save the text to a file and pass its "
                        "path, or use jx.tokenize(text), jx.word_frequencies(text), jx.extract_indicators(text) for text")
