"""The one error a bad report file gets."""
from __future__ import annotations

from pathlib import Path


class ReportError(ValueError):
    """A report file that cannot be analysed; the message names the file and the problem."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")

    def __reduce__(self):  # picklable, so it crosses process boundaries (joblib workers)
        return type(self), (self.path, self.problem)


class RemovedTextWarning(UserWarning):
    """The loader removed more than a few percent of a file's Chinese characters (see report.removed)."""
