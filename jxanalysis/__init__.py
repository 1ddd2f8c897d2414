"""jxanalysis: analyse Chinese government work reports (政府工作报告)."""
from .keywords import word_frequencies
from .loading import ReportError
from .report import Report, load_report, split_sentences
from .style import save_fig, setup
from .tokens import compare_segmentation, segment, tokenize, tokenize_pos

__all__ = [
    "Report",
    "ReportError",
    "compare_segmentation",
    "load_report",
    "save_fig",
    "segment",
    "setup",
    "split_sentences",
    "tokenize",
    "tokenize_pos",
    "word_frequencies",
]
