"""Each keyword figure re-drawn from its table: what the picture shows is what the table says."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pytest
from matplotlib.text import Text

import jxanalysis as jx


pytestmark = pytest.mark.usefixtures("figure_style")


@pytest.fixture(scope="module")
def freq(seed):
    return jx.word_frequencies(seed)


def test_top_bars_equal_the_frequency_table(freq):
    ax = jx.plots.bar_top_words(freq, n=30)
    bars = ax.patches
    k = jx.keywords.tie_cut(freq["count"], 30)
    assert k < 30  # the seed's 30th word sits in a 39-way tie at count 3: it is not cut through
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[::-1] == freq.word.head(k).tolist()
    assert [b.get_width() for b in bars][::-1] == freq["count"].head(k).tolist()
    nxt = freq["count"][k]
    assert f"另有 {int((freq['count'] == nxt).sum())} 个词各出现 {nxt} 次" in ax.get_xlabel()
    # colours follow the POS groups, and the legend names exactly the groups drawn
    groups = freq.pos.head(k).map(jx.plots.pos_group).tolist()
    colours = {}
    for bar, group in zip(bars[::-1], groups):
        colours.setdefault(group, set()).add(tuple(bar.get_facecolor()))
    assert all(len(c) == 1 for c in colours.values()) and len({min(c) for c in colours.values()}) == len(colours)
    assert {t.get_text() for t in ax.get_legend().get_texts()} == set(groups)
    assert groups[freq.word.head(k).tolist().index("进贤")] == "地名 place"


def test_every_tag_in_the_figures_is_in_the_legend_mapping(corpus_report, seed):
    """No tag reaches a group by default: every tag of the words drawn is listed in POS_GROUPS."""
    mapped = [tag for tags in jx.plots.keywords.POS_GROUPS.values() for tag in tags]
    assert sorted(mapped) == sorted(jx.pos.POS_TAGS)  # each tag of jieba's tag set in exactly one group
    for report in (seed, corpus_report):
        freq = jx.word_frequencies(report)
        assert set(freq.pos.head(150)) <= set(mapped)
        legend = jx.plots.pos_legend(freq, n=30)
        assert legend.words.sum() == jx.keywords.tie_cut(freq["count"], 30)
        assert (legend.meaning != "?").all()


def test_word_cloud_uses_the_frequencies(freq):
    ax = jx.plots.word_cloud(freq, n=150)
    image = ax.get_images()[0].get_array()
    assert image.shape[:2] == (550, 1000)
    # wordcloud's layout object is not kept by imshow; redo it with the same inputs
    from wordcloud import WordCloud

    from jxanalysis.style import cjk_font

    cloud = WordCloud(font_path=str(cjk_font()), width=1000, height=550, background_color="white",
                      colormap="viridis", random_state=7, prefer_horizontal=0.95)
    cloud.generate_from_frequencies(dict(zip(freq.word.head(150), freq["count"].head(150))))
    assert np.array_equal(np.asarray(cloud.to_image()), image)
    top = freq.iloc[0]
    assert cloud.words_[top.word] == 1.0
    assert set(cloud.words_) <= set(freq.word.head(150))


def _text_box(text) -> np.ndarray:
    """The drawn box of a text or annotation (without an annotation's leader line), display units."""
    return Text.get_window_extent(text, text.figure.canvas.get_renderer()).extents


def _overlaps(a: np.ndarray, b: np.ndarray) -> bool:
    return bool(a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def _overlapping_pairs(texts) -> list[tuple[str, str]]:
    boxes = [_text_box(t) for t in texts]
    return [(texts[i].get_text(), texts[j].get_text()) for i in range(len(boxes)) for j in range(i + 1, len(boxes))
            if _overlaps(boxes[i], boxes[j])]


@pytest.fixture(scope="module")
def phrased(seed):
    """The seed cut with its discovered names, as notebook 02 draws it."""
    return jx.with_phrases(seed)


def _network_parts(ax):
    """The drawn network: node names, positions and radii (display units), edge segments
    (display units), the labels and the note under it."""
    edges, nodes = ax.collections[:2]
    px = ax.figure.dpi / 72
    labels = [t for t in ax.texts if "未画出" not in t.get_text()]
    notes = [t.get_text() for t in ax.texts if "未画出" in t.get_text()]
    names = [t.get_text() for t in labels]
    xy = ax.transData.transform(nodes.get_offsets())
    assert np.allclose(ax.transData.transform([t.xy for t in labels]), xy)  # each label on its node
    segments = ax.transData.transform(np.reshape(edges.get_segments(), (-1, 2))).reshape(-1, 2, 2)
    return names, xy, np.sqrt(nodes.get_sizes()) / 2 * px, segments, labels, notes


def test_network_draws_the_graph(seed):
    graph = jx.cooccurrence_graph(seed, top=65)
    ax = jx.plots.network(graph)
    ax.figure.canvas.draw()
    names, xy, radii, segments, _, notes = _network_parts(ax)
    assert set(names) == {n for n in graph if graph.degree(n) > 0} and len(names) == len(set(names))
    assert len(segments) == graph.number_of_edges()
    at = dict(zip(names, map(tuple, xy.round(3))))
    drawn = {frozenset((tuple(a.round(3)), tuple(b.round(3)))) for a, b in segments}
    assert drawn == {frozenset((at[u], at[v])) for u, v in graph.edges}
    counts = [graph.nodes[n]["count"] for n in names]  # the larger count, the larger node
    pairs = [(i, j) for i in range(len(names)) for j in range(len(names)) if counts[i] != counts[j]]
    assert all((radii[i] > radii[j]) == (counts[i] > counts[j]) for i, j in pairs)
    # the words left out are counted under the figure
    isolated = sum(1 for n in graph if graph.degree(n) == 0)
    threshold = graph.graph["min_count"]
    assert isolated and notes == [f"另有 {isolated} 个词与任何词的共现都不到 {threshold} 次，未画出"]


def test_network_note_is_absent_when_every_word_has_an_edge(seed):
    graph = jx.cooccurrence_graph(seed, top=65)
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    ax = jx.plots.network(graph)
    assert not [t for t in ax.texts if "未画出" in t.get_text()] and len(ax.texts) == graph.number_of_nodes()


def test_network_of_notebook_02_is_readable(phrased):
    """The graph notebook 02 draws: components apart, no edge through a node it does not join,
    no label on another label, a node or an edge."""
    graph = jx.cooccurrence_graph(phrased, top=66, min_count=2)
    ax = jx.plots.network(graph)
    ax.figure.canvas.draw()
    names, xy, radii, segments, labels, _ = _network_parts(ax)
    ends = [np.linalg.norm(xy[None] - seg[:, None], axis=2).argmin(axis=1) for seg in segments]  # the nodes it joins
    assert sorted(tuple(sorted((names[a], names[b]))) for a, b in ends) == sorted(tuple(sorted(e)) for e in graph.edges)
    d = segments[:, 1] - segments[:, 0]
    for (a, b), (start, span) in zip(ends, zip(segments[:, 0], d)):
        t = np.clip((xy - start) @ span / (span @ span), 0, 1)
        gap = np.linalg.norm(xy - (start + t[:, None] * span), axis=1) - radii
        others = [k for k in range(len(names)) if k not in (a, b)]
        closest = names[others[np.argmin(gap[others])]]
        assert (gap[others] > 0).all(), f"the edge {names[a]}-{names[b]} passes through {closest}"
    component = {n: k for k, c in enumerate(nx.connected_components(graph)) for n in c}
    longest = np.linalg.norm(d, axis=1).max()
    apart = min(np.linalg.norm(xy[i] - xy[j]) for i in range(len(names)) for j in range(i)
                if component[names[i]] != component[names[j]])
    print(f"\nnotebook 02 network: nearest nodes of two components {apart:.0f} px apart, longest edge {longest:.0f} px")
    assert apart > longest  # a gap between components is wider than any edge
    assert _overlapping_pairs(labels) == []
    for label in labels:
        box = _text_box(label)
        assert not any(_overlaps(box, np.r_[p - r, p + r]) for p, r in zip(xy, radii)), label.get_text()
        along = segments[:, :1] + np.linspace(0, 1, 400)[None, :, None] * (segments[:, 1:] - segments[:, :1])
        inside = (along > box[:2]) & (along < box[2:])
        assert not inside.all(axis=2).any(), f"an edge crosses the label {label.get_text()}"


def test_keyness_bars_are_signed(corpus_report):
    table = jx.part_keyness(corpus_report, top=10)
    ax = jx.plots.keyness_bars(table, labels=("回顾", "计划"))
    widths = {t.get_text(): b.get_width() for t, b in zip(ax.get_yticklabels(), ax.patches)}
    assert widths == pytest.approx(dict(zip(table.word, table.log_likelihood)))
    assert [t.get_text() for t in ax.get_yticklabels()][::-1] == table.word.tolist()  # the table's order
    notes = sorted(t.get_text() for t in ax.texts)
    assert notes == sorted(f"{r.log_ratio:+.1f} ({r.target_count}:{r.reference_count})" for r in table.itertuples())
    dashed = sorted(line.get_xdata()[0] for line in ax.get_lines() if line.get_linestyle() == "--")
    assert dashed == [-jx.keywords.G2_P01, jx.keywords.G2_P01]


def test_keyness_bars_say_when_nothing_passes(seed):
    """An empty table (the seed has no passing word) draws its message and no line across it."""
    table = jx.part_keyness(seed)
    assert table.empty
    ax = jx.plots.keyness_bars(table, labels=("回顾", "计划"))
    ax.figure.canvas.draw()
    messages = [t for t in ax.texts if "没有词达到阈值" in t.get_text()]
    assert not ax.patches and len(messages) == 1 and f"{jx.keywords.G2_P01}" in messages[0].get_text()
    box = _text_box(messages[0])
    for line in ax.get_lines():  # straight lines: their drawn box is what they cover
        ends = line.get_transform().transform(line.get_xydata())
        assert not _overlaps(np.r_[ends.min(axis=0) - 0.5, ends.max(axis=0) + 0.5], box), "a line crosses the message"


def test_scatter_colours_are_the_top_lists(seed):
    """Blue points are exactly the words in both top-N lists; TextRank's unscored words are
    crosses below the axis, not points at 0."""
    table = jx.compare_keywords(seed, top=30)
    ax = jx.plots.scatter_keywords(table)
    both, one, filtered = ax.collections[:3]
    assert [c.get_facecolor()[0][:3].round(3).tolist() for c in (both, one)] != [[0, 0, 0]] * 2
    n_both, n_one = len(both.get_offsets()), len(one.get_offsets())
    texts = [t.get_text() for t in ax.texts]  # drawn in the same order as the three collections
    assert set(texts[:n_both]) == set(table.word[table.both])
    assert set(texts[n_both:n_both + n_one]) == set(table.word[~table.both & ~table.pos_filtered])
    assert set(texts[n_both + n_one:]) == set(table.word[table.pos_filtered]) and len(filtered.get_offsets())
    assert (filtered.get_offsets()[:, 1] < 0).all() and (both.get_offsets()[:, 1] > 0).all()
    scored = table[~table.pos_filtered].set_index("word")
    offsets = np.vstack([both.get_offsets(), one.get_offsets()])
    expected = scored.loc[texts[:n_both + n_one], ["tfidf", "textrank"]].fillna(0).to_numpy()
    assert np.allclose(offsets, expected)
    print(f"\nseed top 30: {table.both.sum()} words in both lists, {table.pos_filtered.sum()} never scored by TextRank")


@pytest.mark.parametrize("cut", ["seed", "phrased"])
def test_scatter_labels_stay_apart(cut, request):
    """No label covers another label, a point or the legend; each is anchored at its own point,
    near it or joined to it by a leader line, and on its own side of the dashed line."""
    table = jx.compare_keywords(request.getfixturevalue(cut), top=30)
    ax = jx.plots.scatter_keywords(table)
    ax.figure.canvas.draw()
    labels = ax.texts
    points = np.vstack([c.get_offsets() for c in ax.collections[:3]])
    assert np.allclose([t.xy for t in labels], points)
    assert _overlapping_pairs(labels) == []
    px = ax.figure.dpi / 72
    dots = ax.transData.transform(points)
    legend = ax.get_legend().get_window_extent(ax.figure.canvas.get_renderer()).extents
    band = ax.transData.transform([(0, line.get_ydata()[0]) for line in ax.get_lines()])[0, 1]  # the dashed line
    far = 0
    for k, (label, dot) in enumerate(zip(labels, dots)):
        box = _text_box(label)
        assert not _overlaps(box, legend), label.get_text()
        covered = [j for j, d in enumerate(dots) if j != k and _overlaps(box, np.r_[d - 2 * px, d + 2 * px])]
        assert not covered, label.get_text()
        assert (box[3] < band) if k >= len(table) - table.pos_filtered.sum() else (box[1] > band), label.get_text()
        gap = np.linalg.norm(np.clip(dot, box[:2], box[2:]) - dot) / px  # points from the point to its label
        far += gap > 4
        assert gap <= 4 or label.arrow_patch is not None, label.get_text()
    print(f"\n{cut}: {len(labels)} labels, {far} set off with a leader line")
    assert far < len(labels) / 3


def test_save_fig_is_deterministic(tmp_path, freq):
    ax = jx.plots.bar_top_words(freq, n=10)
    first = jx.save_fig(ax.figure, "99-check", folder=tmp_path).read_bytes()
    second = jx.save_fig(ax.figure, "99-check", folder=tmp_path).read_bytes()
    assert first == second
    assert b"Software" not in first and b"matplotlib" not in first.lower()
    with pytest.raises(ValueError):
        jx.save_fig(ax.figure, "Top Keywords")


def test_missing_glyph_is_an_error():
    """jx.setup() makes a glyph the font lacks fail instead of drawing an empty box."""
    fig, ax = plt.subplots()
    ax.set_title("\U0001D11E")  # a musical symbol no CJK font has
    with pytest.raises(UserWarning, match="Glyph"):
        fig.canvas.draw()


def test_chinese_glyphs_exist_in_the_font(seed):
    from matplotlib.font_manager import FontProperties, get_font

    from jxanalysis.style import cjk_font

    font = get_font(str(cjk_font()))
    text = "".join(sorted(set(seed.text)))
    missing = [c for c in text if not c.isspace() and font.get_char_index(ord(c)) == 0]
    assert missing == []
    assert FontProperties(fname=str(cjk_font())).get_name() == "Noto Sans CJK SC"
