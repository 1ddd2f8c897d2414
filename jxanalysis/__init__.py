"""jxanalysis: analyse Chinese government work reports (政府工作报告)."""
from . import compare, datafiles, plots
from .keywords import (
    compare_keywords,
    cooccurrence_graph,
    edge_table,
    keyness,
    kwic,
    part_keyness,
    textrank_keywords,
    tfidf_keywords,
    word_frequencies,
)
from .indicator_tables import (
    amounts_by_section,
    attach_ranks,
    export_indicators,
    headline_indicators,
    kinds_by_section,
    read_indicators,
)
from .indicators import extract_indicators
from .targets import attainment_panel, extract_targets, strength_shares, target_attainment, targets_panel, targets_passage
from .errors import RemovedTextWarning
from .loading import ReportError
from .corpus import analyze_many
from .report import Report, load_report, seed_reports, split_sentences
from .style import figures_dir, save_fig, setup
from .themes import (
    aggregate_themes,
    instrument_mix,
    load_themes,
    policy_instruments,
    theme_browser,
    theme_scores,
    theme_words,
)
from .term_index import TermIndex, load_dictionary, term_index
from .phrases import confident_phrases, discover_phrases, with_phrases
from .lexicon import reload_lexicons
from .tokens import compare_segmentation, report_tokens, segment, tokenize, tokenize_pos

__all__ = [
    "Report",
    "RemovedTextWarning",
    "ReportError",
    "TermIndex",
    "aggregate_themes",
    "amounts_by_section",
    "attach_ranks",
    "attainment_panel",
    "analyze_many",
    "compare",
    "compare_keywords",
    "compare_segmentation",
    "confident_phrases",
    "cooccurrence_graph",
    "datafiles",
    "discover_phrases",
    "edge_table",
    "export_indicators",
    "extract_indicators",
    "extract_targets",
    "figures_dir",
    "headline_indicators",
    "instrument_mix",
    "kinds_by_section",
    "keyness",
    "kwic",
    "load_report",
    "load_dictionary",
    "load_themes",
    "part_keyness",
    "plots",
    "policy_instruments",
    "read_indicators",
    "reload_lexicons",
    "report_tokens",
    "save_fig",
    "seed_reports",
    "segment",
    "setup",
    "split_sentences",
    "strength_shares",
    "target_attainment",
    "targets_panel",
    "targets_passage",
    "term_index",
    "textrank_keywords",
    "tfidf_keywords",
    "theme_browser",
    "theme_scores",
    "theme_words",
    "tokenize",
    "tokenize_pos",
    "with_phrases",
    "word_frequencies",
]
