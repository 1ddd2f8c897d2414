"""Each keyword figure re-drawn from its table: what the picture shows is what the table says."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pytest

import jxanalysis as jx


pytestmark = pytest.mark.usefixtures("figure_style")


@pytest.fixture(scope="module")
def freq(seed):
    return jx.word_frequencies(seed)


def test_top_bars_equal_the_frequency_table(freq):
    ax = jx.plots.bar_top_words(freq, n=30)
    bars = ax.patches
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[::-1] == freq.word.head(30).tolist()
    assert [b.get_width() for b in bars][::-1] == freq["count"].head(30).tolist()
    colours = {tuple(b.get_facecolor()) for b in bars}
    assert len(colours) >= 3  # coloured by part-of-speech group


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


def test_network_draws_the_graph(seed):
    graph = jx.cooccurrence_graph(seed, top=40, min_weight=1)
    ax = jx.plots.network(graph)
    drawn = {t.get_text() for t in ax.texts}
    assert drawn == {n for n in graph if graph.degree(n) > 0}
    edges = ax.collections[0]  # LineCollection of edges
    assert len(edges.get_segments()) == graph.number_of_edges()


def test_keyness_bars_are_signed(seed):
    table = jx.part_keyness(seed, top=10)
    ax = jx.plots.keyness_bars(table, labels=("第一部分", "第二部分"))
    widths = {t.get_text(): b.get_width() for t, b in zip(ax.get_yticklabels(), ax.patches)}
    expected = dict(zip(table.word, table.log_likelihood))
    assert widths == pytest.approx(expected)
    assert min(widths.values()) < 0 < max(widths.values())


def test_scatter_places_words_by_both_scores(seed):
    table = jx.compare_keywords(seed, top=20)
    ax = jx.plots.scatter_keywords(table)
    offsets = ax.collections[0].get_offsets()
    assert np.allclose(offsets[:, 0], table.tfidf.fillna(0))
    assert np.allclose(offsets[:, 1], table.textrank.fillna(0))
    assert sorted(t.get_text() for t in ax.texts) == sorted(table.word)


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
