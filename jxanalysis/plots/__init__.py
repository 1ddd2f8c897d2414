"""Plotting functions: each takes the table it draws (and ax=None) and returns the Axes.

One module per analysis; all functions are re-exported here (jx.plots.bar_top_words ...).
"""
from .compare import bar_indicator_density, heatmap_keyword_trends, heatmap_report_themes
from .keywords import bar_top_words, keyness_bars, network, pos_group, pos_legend, scatter_keywords, word_cloud
from .indicators import bar_amounts_by_section, bar_headline_growth, bar_kinds_by_section
from .targets import bar_strength_shares, target_outcome
from .themes import bar_instrument_mix, bar_part_themes, bar_theme_shares, heatmap_themes

__all__ = ["bar_top_words", "keyness_bars", "network", "pos_group", "pos_legend", "scatter_keywords", "word_cloud"]
__all__ += ["bar_instrument_mix", "bar_part_themes", "bar_theme_shares", "heatmap_themes"]
__all__ += ["bar_amounts_by_section", "bar_headline_growth", "bar_kinds_by_section"]
__all__ += ["bar_indicator_density", "heatmap_keyword_trends", "heatmap_report_themes"]
__all__ += ["bar_strength_shares", "target_outcome"]
