"""Keyword plots: frequency bars, TF-IDF vs TextRank, word cloud, co-occurrence network, keyness."""
from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
from adjustText import adjust_text
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from wordcloud import WordCloud

from ..style import cjk_font
from .common import PALETTE, axes as _axes

# Part-of-speech groups for colouring word bars (jieba tags).
POS_GROUPS = {"政策术语 policy term": ("nz", "l", "j"), "名词 noun": ("n", "ns", "nt", "nr", "vn", "an"),
              "动词 verb": ("v", "vd"), "其他 other": ()}


def pos_group(tag: str) -> str:
    """The colour group of a jieba POS tag."""
    return next((g for g, tags in POS_GROUPS.items() if tag in tags), "其他 other")


def bar_top_words(freq: pd.DataFrame, n: int = 30, ax: Axes | None = None) -> Axes:
    """Horizontal bars of the n most frequent words, coloured by part-of-speech group."""
    top = freq.head(n).iloc[::-1]
    ax = _axes(ax, (8, 0.28 * n + 1.2))
    groups = top["pos"].map(pos_group)
    colours = dict(zip(POS_GROUPS, PALETTE))
    ax.barh(top["word"], top["count"], color=groups.map(colours))
    handles = [Patch(color=colours[g], label=g) for g in POS_GROUPS if (groups == g).any()]
    ax.legend(handles=handles, loc="lower right", frameon=False)
    ax.set_xlabel("出现次数 count")
    ax.margins(y=0.01)
    return ax


def scatter_keywords(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Words placed by their TF-IDF (x) and TextRank (y) scores; 0 where a method missed a word."""
    ax = _axes(ax, (9, 7))
    data = table.fillna({"tfidf": 0, "textrank": 0})
    both = (data["tfidf"] > 0) & (data["textrank"] > 0)
    ax.scatter(data["tfidf"], data["textrank"], c=np.where(both, PALETTE[0], PALETTE[2]), s=18)
    labels = [ax.text(row.tfidf, row.textrank, row.word, fontsize=9) for row in data.itertuples()]
    # adjustText moves labels apart; a fixed iteration count (not its default time limit) keeps the PNG reproducible
    adjust_text(labels, ax=ax, iter_lim=500, arrowprops={"arrowstyle": "-", "color": "#9e9e9e", "lw": 0.5})
    ax.set_xlabel("TF-IDF")
    ax.set_ylabel("TextRank")
    ax.set_title("蓝色：两种方法都选中；橙色：只有一种方法选中")
    return ax


def word_cloud(freq: pd.DataFrame, n: int = 150, ax: Axes | None = None, seed: int = 7) -> Axes:
    """A word cloud of the n most frequent words, drawn with the CJK font, fixed random_state."""
    ax = _axes(ax, (10, 5.5))
    cloud = WordCloud(font_path=str(cjk_font()), width=1000, height=550, background_color="white",
                      colormap="viridis", random_state=seed, prefer_horizontal=0.95)
    cloud.generate_from_frequencies(dict(zip(freq["word"].head(n), freq["count"].head(n))))
    ax.imshow(cloud, interpolation="bilinear")
    ax.set_axis_off()
    return ax


def network(graph: nx.Graph, ax: Axes | None = None) -> Axes:
    """A co-occurrence network: node size by count, edge width by weight (Kamada-Kawai layout).

    Words without an edge are left out of the drawing.
    """
    ax = _axes(ax, (13, 10))
    graph = graph.subgraph(sorted(n for n in graph if graph.degree(n) > 0))
    pos = nx.kamada_kawai_layout(graph)
    counts = np.array([graph.nodes[n].get("count", 1) for n in graph])
    weights = np.array([graph.edges[e].get("weight", 1) for e in graph.edges])
    nx.draw_networkx_edges(graph, pos, ax=ax, width=0.3 + 3 * weights / max(weights.max(initial=1), 1),
                           edge_color="#9e9e9e", alpha=0.6)
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_size=200 + 900 * counts / max(counts.max(initial=1), 1),
                           node_color="#e3eef8", edgecolors=PALETTE[0], linewidths=0.8)
    for node, (x, y) in pos.items():
        ax.text(x, y, node, ha="center", va="center", fontsize=10)
    ax.set_axis_off()
    return ax


def keyness_bars(table: pd.DataFrame, labels: tuple[str, str], ax: Axes | None = None) -> Axes:
    """Diverging bars of signed log-likelihood keyness (G², positive = over-used in the target)."""
    data = table.assign(signed=table["log_likelihood"]).sort_values(["signed", "word"])
    ax = _axes(ax, (8, 0.3 * len(data) + 1.2))
    ax.barh(data["word"], data["signed"], color=np.where(data["signed"] >= 0, PALETTE[0], PALETTE[2]))
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel(f"← 偏向{labels[1]}    对数似然 G²    偏向{labels[0]} →")
    return ax
