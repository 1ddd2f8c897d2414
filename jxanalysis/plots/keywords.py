"""Keyword plots: frequency bars, TF-IDF vs TextRank, word cloud, co-occurrence network, keyness."""
from __future__ import annotations

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from ..keywords import G2_P01, TEXTRANK_POS, tie_cut
from ..pos import POS_TAGS
from ..style import cjk_font
from .common import BELOW_FIRST, PALETTE, place_labels, axes as _axes

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


def _segment_distance(points: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Distances of points (rows) from the segment a-b."""
    d = b - a
    t = np.clip((points - a) @ d / max(d @ d, 1e-12), 0, 1)
    return np.linalg.norm(points - (a + t[:, None] * d), axis=1)


def _layout_faults(graph: nx.Graph, pos: dict) -> tuple[int, int, int]:
    """What makes a layout (scaled to unit mean edge length) hard to read, worst first: edges
    passing within 0.3 of a node they do not join, pairs of nodes closer than 0.6, edge crossings."""
    nodes = list(graph)
    xy = np.array([pos[n] for n in nodes])
    edges = [(nodes.index(u), nodes.index(v)) for u, v in graph.edges]
    near = sum(int((np.delete(_segment_distance(xy, xy[u], xy[v]), [u, v]) < 0.3).sum()) for u, v in edges)
    gaps = np.linalg.norm(xy[:, None] - xy[None], axis=2)[np.triu_indices(len(xy), 1)]

    def side(p, q, r):
        return np.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]))

    crossings = sum(1 for k, (a, b) in enumerate(edges) for c, d in edges[k + 1:] if not {a, b} & {c, d}
                    and side(xy[a], xy[b], xy[c]) * side(xy[a], xy[b], xy[d]) < 0
                    and side(xy[c], xy[d], xy[a]) * side(xy[c], xy[d], xy[b]) < 0)
    return near, int((gaps < 0.6).sum()), crossings


def _unit_layout(graph: nx.Graph, tries: int = 4, largest: int = 30) -> dict:
    """Positions of a connected graph with mean edge length 1, centred, long side horizontal.

    Kamada-Kawai from its default start; while the layout has faults (`_layout_faults`), again
    from tries - 1 fixed-seed spring layouts and then a circle (only for up to `largest` nodes:
    a larger graph has faults anyway). The first layout with the fewest faults wins.
    """
    nodes = list(graph)
    if len(nodes) == 1:
        return {nodes[0]: np.zeros(2)}
    layouts = [lambda: nx.kamada_kawai_layout(graph)]
    if len(nodes) <= largest:
        layouts += [lambda seed=seed: nx.kamada_kawai_layout(graph, pos=nx.spring_layout(graph, seed=seed))
                    for seed in range(tries - 1)] + [lambda: nx.circular_layout(graph)]
    best, best_faults = None, None
    for layout in layouts:
        pos = layout()
        xy = np.array([pos[n] for n in nodes])
        xy -= xy.mean(axis=0)
        xy /= np.mean([np.linalg.norm(pos[u] - pos[v]) for u, v in graph.edges])
        _, vectors = np.linalg.eigh(xy.T @ xy)  # principal axes, the longer one last
        xy = xy @ vectors[:, ::-1]
        faults = _layout_faults(graph, dict(zip(nodes, xy)))
        if best_faults is None or faults < best_faults:
            best, best_faults = dict(zip(nodes, xy)), faults
        if faults == (0, 0, 0):
            break
    return best


def _component_layout(graph: nx.Graph, margin: float = 0.45, gap: float = 0.7) -> tuple[dict, np.ndarray]:
    """Each connected component laid out on its own (`_unit_layout`, unit mean edge length) in
    its own cell, cells packed in rows (largest component first, rows centred), margin around each
    component's nodes and gap between cells, so components never read as one. Returns the
    positions and the extent (width, height)."""
    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    cells = []
    for nodes in components:
        local = _unit_layout(_ordered_subgraph(graph, nodes))
        xy = np.array(list(local.values()))
        low, size = xy.min(axis=0) - margin, np.ptp(xy, axis=0) + 2 * margin
        cells.append(({n: p - low for n, p in local.items()}, size))
    if not cells:
        return {}, np.zeros(2)
    width = max(max(size[0] for _, size in cells), 1.3 * sum(size.prod() for _, size in cells) ** 0.5)
    rows, row = [], []
    for cell in cells:
        if row and sum(size[0] + gap for _, size in row) + cell[1][0] > width:
            rows.append(row)
            row = []
        row.append(cell)
    rows.append(row)
    pos, top = {}, 0.0
    for row in rows:
        height = max(size[1] for _, size in row)
        x = (width - sum(size[0] for _, size in row) - gap * (len(row) - 1)) / 2
        for local, size in row:
            for node, p in local.items():
                pos[node] = p + [x, top - height + (height - size[1]) / 2]
            x += size[0] + gap
        top -= height + gap
    return pos, np.array([width, -top - gap])


def network(graph: nx.Graph, ax: Axes | None = None) -> Axes:
    """A co-occurrence network: node area by count, edge width by weight, each word's label beside
    its node.

    Each connected component is laid out on its own in its own cell (`_component_layout`), so
    components stay apart; labels are set by `place_labels` off the nodes, edges and each other.
    Words without an edge are not drawn: a note under the figure says how many there are.
    """
    isolated = sum(1 for n in graph if graph.degree(n) == 0)
    threshold = graph.graph.get("min_count")
    graph = _ordered_subgraph(graph, [n for n in graph if graph.degree(n) > 0])
    pos, extent = _component_layout(graph)
    unit = min(1.1, 13 / max(extent[0], 1), 13 / max(extent[1], 1))  # inches per unit edge length
    if ax is None:
        ax = plt.figure(figsize=tuple(np.maximum(extent * unit, (4, 1)))).add_axes((0, 0, 1, 1))
    ax.set_aspect("equal")
    ax.set_xlim(0, max(extent[0], 1e-9))
    ax.set_ylim(-max(extent[1], 1e-9), 0)
    ax.set_axis_off()
    nodes = list(graph)
    xy = np.array([pos[n] for n in nodes]).reshape(-1, 2)
    counts = np.array([graph.nodes[n].get("count", 1) for n in nodes])
    weights = np.array([graph.edges[e].get("weight", 1) for e in graph.edges])
    areas = 100 + 600 * counts / max(counts.max(initial=1), 1)  # points squared
    nx.draw_networkx_edges(graph, pos, ax=ax, width=0.5 + 4 * weights / max(weights.max(initial=1), 1),
                           edge_color="#9e9e9e", alpha=0.7, node_size=0)
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_size=areas, node_color="#e3eef8", edgecolors=PALETTE[0],
                           linewidths=0.8)
    ax.apply_aspect()
    segments = ax.transData.transform(np.array([[pos[u], pos[v]] for u, v in graph.edges]).reshape(-1, 2))
    place_labels(ax, xy, nodes, start=np.sqrt(areas) / 2 + 1, directions=BELOW_FIRST,
                 segments=segments.reshape(-1, 4), steps=(0, 4, 9, 15, 22, 30), fontsize=10)
    if isolated:
        why = f"与任何词的共现都不到 {threshold} 次" if threshold else "没有边"
        note = f"{'另有 ' if nodes else ''}{isolated} 个词{why}，未画出"
        ax.annotate(note, (0.5, 0), xycoords="axes fraction", xytext=(0, -4), textcoords="offset points",
                    ha="center", va="top", fontsize=10, color="#555555")
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
