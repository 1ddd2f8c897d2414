"""Plotting functions: each takes the table it draws (and ax=None) and returns the Axes.

One module per analysis; all functions are re-exported here (jx.plots.bar_top_words ...).
"""
from .keywords import bar_top_words, keyness_bars, network, pos_group, scatter_keywords, word_cloud

__all__ = ["bar_top_words", "keyness_bars", "network", "pos_group", "scatter_keywords", "word_cloud"]
