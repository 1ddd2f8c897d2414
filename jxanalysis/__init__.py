"""jxanalysis: analyse Chinese government work reports (政府工作报告)."""
from .keywords import word_frequencies
from .loading import ReportError
from .report import Report, load_report, split_sentences
from .tokens import segment, tokenize, tokenize_pos

__all__ = [
    "Report",
    "ReportError",
    "load_report",
    "segment",
    "split_sentences",
    "tokenize",
    "tokenize_pos",
    "word_frequencies",
]
