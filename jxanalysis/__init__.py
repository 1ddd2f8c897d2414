"""jxanalysis: analyse Chinese government work reports (政府工作报告)."""
from . import plots
from .keywords import word_frequencies
from .loading import ReportError
from .report import Report, load_report, split_sentences
from .style import save_fig, setup
from .themes import (
    aggregate_themes,
    instrument_mix,
    load_themes,
    policy_instruments,
    theme_browser,
    theme_scores,
    theme_words,
)
from .tokens import compare_segmentation, segment, tokenize, tokenize_pos

__all__ = [
    "aggregate_themes",
    "instrument_mix",
    "load_themes",
    "plots",
    "policy_instruments",
    "theme_browser",
    "theme_scores",
    "theme_words",
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
