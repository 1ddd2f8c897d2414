"""Keyword plots: frequency bars, TF-IDF vs TextRank, word cloud, co-occurrence network, keyness."""
from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from ..keywords import G2_P01, TEXTRANK_POS, tie_cut
from ..pos import POS_TAGS
from ..style import cjk_font
from .common import PALETTE, place_labels, axes as _axes

# Colour groups of jieba's POS tags (keywords.POS_TAGS says what each tag means). Every tag of
# jieba's tag set is listed, so no tag falls into a group by default.
POS_GROUPS = {
    "地名 place": ("ns",),
    "专名与术语 proper term": ("nz", "l", "j", "i"),
    "名词 noun": ("n", "nr", "nrt", "nrfg", "nt", "ng", "vn", "an", "s", "f"),
    "动词 verb": ("v", "vd", "vi", "vg", "vq"),
    "其他 other": ("a", "ad", "ag", "b", "c", "d", "df", "dg", "e", "g", "h", "k", "m", "mg", "mq", "o", "p", "q",
                 "r", "rg", "rr", "rz", "t", "tg", "u", "ud", "ug", "uj", "ul", "uv", "uz", "y", "z", "zg",
                 "eng", "x"),
}
_GROUP_COLOURS = dict(zip(POS_GROUPS, ["#2ca25f", PALETTE[0], PALETTE[1], PALETTE[2], PALETTE[3]]))


def pos_group(tag: str) -> str:
    """The colour group of a jieba POS tag ("其他 other" for a tag outside jieba's tag set)."""
    return next((g for g, tags in POS_GROUPS.items() if tag in tags), "其他 other")


def pos_legend(freq: pd.DataFrame, n: int = 30) -> pd.DataFrame:
    """The tags of the words `bar_top_words(freq, n)` draws (the first n, cut at a tie boundary):
    columns tag, meaning, group, words (how many of them have the tag), examples (up to four)."""
    top = freq.head(tie_cut(freq["count"], n))
    rows = [(tag, POS_TAGS.get(tag, "?"), pos_group(tag), len(words), "、".join(words.head(4)))
            for tag, words in top.groupby("pos", sort=False)["word"]]
    table = pd.DataFrame(rows, columns=["tag", "meaning", "group", "words", "examples"])
    return table.sort_values(["words", "tag"], ascending=[False, True], ignore_index=True)


def bar_top_words(freq: pd.DataFrame, n: int = 30, ax: Axes | None = None) -> Axes:
    """Horizontal bars of the most frequent words, coloured by part-of-speech group.

    At most n bars, cut at a tie boundary (`keywords.tie_cut`): a count shared by the n-th and the
    next word is left out whole, and the x label says how many words share the next count.
    """
    k = tie_cut(freq["count"], n)
    top = freq.head(k).iloc[::-1]
    ax = _axes(ax, (8, 0.28 * k + 1.4))
    groups = top["pos"].map(pos_group)
    ax.barh(top["word"], top["count"], color=groups.map(_GROUP_COLOURS))
    handles = [Patch(color=_GROUP_COLOURS[g], label=g) for g in POS_GROUPS if (groups == g).any()]
    ax.legend(handles=handles, loc="lower right", frameon=False)
    label = "出现次数 count"
    if k < len(freq):
        nxt = freq["count"].iloc[k]
        tied = int((freq["count"] == nxt).sum())
        label += f"\n（在并列处截断：前 {k} 个词出现 {freq['count'].iloc[k - 1]} 次以上；另有 {tied} 个词各出现 {nxt} 次，未画出）"
    ax.set_xlabel(label)
    ax.margins(y=0.01)
    return ax


def scatter_keywords(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Words of `compare_keywords` placed by their TF-IDF (x) and TextRank (y) scores.

    Blue: in both methods' top lists (table.both); orange: in one top list only. Words TextRank
    never scores because of its POS filter (table.pos_filtered) are grey crosses in a band below
    0, not points at 0. The three groups are drawn as three labelled collections in that order,
    then their labels in the same order, set by `place_labels` so that no two overlap (a label
    moved away from its point has a leader line), each on its side of the dashed line.
    """
    ax = _axes(ax, (9, 7.5))
    scored = table[~table["pos_filtered"]].fillna({"tfidf": 0, "textrank": 0})
    filtered = table[table["pos_filtered"]]
    band = -0.12
    groups = [
        (scored[scored["both"]], "o", PALETTE[0], "两种方法的前列都有 in both top lists"),
        (scored[~scored["both"]], "o", PALETTE[2], "只在一种方法的前列 in one top list"),
        (filtered, "x", PALETTE[3], f"TextRank 不打分：词性不在 {'/'.join(TEXTRANK_POS)} 中"),
    ]
    xy, words, colours, regions = [], [], [], []
    for rows, marker, colour, label in groups:
        y = np.full(len(rows), band) if rows is filtered else rows["textrank"].to_numpy(float)
        ax.scatter(rows["tfidf"], y, c=colour, s=22, marker=marker, label=f"{label} ({len(rows)})")
        xy += list(zip(rows["tfidf"], y))
        words += list(rows["word"])
        colours += ["#555555" if rows is filtered else "black"] * len(rows)
        below, above = (-np.inf, -np.inf, np.inf, band / 2), (-np.inf, band / 2, np.inf, np.inf)
        regions += [below if rows is filtered else above] * len(rows)
    ax.axhline(band / 2, color="#cccccc", linewidth=0.8, linestyle="--")
    ax.set_ylim(band - 0.08, 1.08)
    ax.set_yticks(np.linspace(0, 1, 6))
    ax.set_xlabel("TF-IDF")
    ax.set_ylabel("TextRank（虚线下方：未打分）")
    legend = ax.legend(loc="center right", frameon=False, fontsize=9)
    ax.set_xlim(*ax.get_xlim())  # fixed before the labels are set in points from their points
    place_labels(ax, np.array(xy).reshape(-1, 2), words, color=colours, fontsize=9, regions=regions,
                 avoid=[legend.get_window_extent(ax.figure.canvas.get_renderer())])
    return ax


def word_cloud(freq: pd.DataFrame, n: int = 150, ax: Axes | None = None, seed: int = 7) -> Axes:
    """A word cloud of the n most frequent words, drawn with the CJK font, fixed random_state."""
    ax = _axes(ax, (10, 5.5))
    from wordcloud import WordCloud  # imported here: only this figure needs it

    cloud = WordCloud(font_path=str(cjk_font()), width=1000, height=550, background_color="white",
                      colormap="viridis", random_state=seed, prefer_horizontal=0.95)
    cloud.generate_from_frequencies(dict(zip(freq["word"].head(n), freq["count"].head(n))))
    ax.imshow(cloud, interpolation="bilinear")
    ax.set_axis_off()
    return ax


def _ordered_subgraph(graph: nx.Graph, nodes: list) -> nx.Graph:
    """A copy of graph restricted to nodes, nodes and edges in sorted order (networkx's subgraph
    views iterate in set order, which changes between runs and so would the layout)."""
    keep = set(nodes)
    sub = nx.Graph()
    sub.add_nodes_from((n, graph.nodes[n]) for n in sorted(keep))
    sub.add_edges_from((*sorted((u, v)), d) for u, v, d in sorted(graph.edges(data=True), key=lambda e: sorted(e[:2]))
                       if u in keep and v in keep)
    return sub


def _component_layout(graph: nx.Graph, row_width: float = 12.0) -> dict:
    """Kamada-Kawai positions per connected component, components packed in rows (largest first)."""
    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    pos, x, y, row_height = {}, 0.0, 0.0, 0.0
    for nodes in components:
        size = 0.55 * len(nodes) ** 0.75 if len(nodes) > 1 else 0.3
        local = nx.kamada_kawai_layout(_ordered_subgraph(graph, nodes), scale=size) if len(nodes) > 1 else {nodes[0]: np.zeros(2)}
        if x > 0 and x + 2 * size > row_width:
            x, y, row_height = 0.0, y - row_height - 0.8, 0.0
        for node, (px, py) in local.items():
            pos[node] = np.array([x + size + px, y - size + py])
        x, row_height = x + 2 * size + 0.8, max(row_height, 2 * size)
    return pos


def network(graph: nx.Graph, ax: Axes | None = None) -> Axes:
    """A co-occurrence network: node size by count, edge width by weight.

    Words without an edge are left out of the drawing. Each connected component is laid out
    on its own (Kamada-Kawai, deterministic) and the components are set side by side, largest first.
    """
    graph = _ordered_subgraph(graph, [n for n in graph if graph.degree(n) > 0])
    pos = _component_layout(graph)
    xy = np.array(list(pos.values())) if pos else np.zeros((1, 2))
    extent = np.ptp(xy, axis=0) + 1.2  # in layout units; about an inch each, less for a large graph
    inches = min(1.0, 12 / extent[0], 12 / extent[1])
    ax = _axes(ax, (float(max(extent[0] * inches, 4)), float(max(extent[1] * inches, 3))))
    ax.set_aspect("equal")
    counts = np.array([graph.nodes[n].get("count", 1) for n in graph])
    weights = np.array([graph.edges[e].get("weight", 1) for e in graph.edges])
    nx.draw_networkx_edges(graph, pos, ax=ax, width=0.5 + 4 * weights / max(weights.max(initial=1), 1),
                           edge_color="#9e9e9e", alpha=0.7)
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_size=300 + 1200 * counts / max(counts.max(initial=1), 1),
                           node_color="#e3eef8", edgecolors=PALETTE[0], linewidths=0.8)
    for node, (x, y) in pos.items():
        ax.text(x, y, node, ha="center", va="center", fontsize=11)
    ax.set_axis_off()
    ax.margins(0.08)
    return ax


def keyness_bars(table: pd.DataFrame, labels: tuple[str, str], ax: Axes | None = None,
                 threshold: float = G2_P01) -> Axes:
    """Diverging bars of signed log-likelihood keyness (G², positive = over-used in the target).

    Dashed lines mark ±threshold; each bar is annotated with its effect size, the log ratio
    (log2 of the ratio of relative frequencies), and its two counts (target:reference). An empty
    table draws no bars and no lines, only a message naming the threshold.
    """
    data = table.assign(signed=table["log_likelihood"]).iloc[::-1]  # the table's order, top first
    ax = _axes(ax, (8, 0.3 * max(len(data), 4) + 1.4))
    span = max(data["signed"].abs().max() if len(data) else 0, threshold * 1.5)
    ax.set_xlim(-1.45 * span, 1.45 * span)
    axis = f"← 偏向{labels[1]}    对数似然 G²"
    if data.empty:
        ax.text(0.5, 0.5, f"没有词达到阈值 no word passes |G²| ≥ {threshold}", transform=ax.transAxes,
                ha="center", va="center")
        ax.set_yticks([])
        ax.set_xlabel(f"{axis}    偏向{labels[0]} →")
        return ax
    ax.barh(data["word"], data["signed"], color=np.where(data["signed"] >= 0, PALETTE[0], PALETTE[2]))
    ax.axvline(0, color="black", linewidth=0.8)
    for x in (-threshold, threshold):
        ax.axvline(x, color="#9e9e9e", linewidth=0.8, linestyle="--")
    for row in data.itertuples():
        note = f"{row.log_ratio:+.1f} ({row.target_count}:{row.reference_count})"
        ax.text(row.signed + (0.02 if row.signed >= 0 else -0.02) * span, row.word, note, va="center",
                ha="left" if row.signed >= 0 else "right", fontsize=8, color="#555555")
    ax.set_xlabel(f"{axis}（虚线：±{threshold}）    偏向{labels[0]} →\n"
                  "条旁数字：对数比 log2 ratio（效应量）与两部分的次数")
    return ax
