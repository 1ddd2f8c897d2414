"""The index.html summary page of `jxanalysis analyze` and `jxanalysis compare`."""
from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import quote

import pandas as pd
from fontTools import subset
from fontTools.ttLib import TTFont

from .style import bundled_font

_STYLE = """
@font-face { font-family: "jxanalysis CJK"; src: url("font.otf") format("opentype"); }
body { font-family: "jxanalysis CJK", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.6; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
.warning { background: #fff4e5; border-left: 4px solid #e6550d; padding: .5rem 1rem; }
table { border-collapse: collapse; font-size: .9rem; } td, th { border: 1px solid #ddd; padding: .2rem .5rem; }
th { background: #f3f6f9; } img { max-width: 100%; height: auto; display: block; margin: 1rem 0; }
.files a { margin-right: 1rem; }
"""


def page(title: str, blocks: list[str]) -> str:
    """A complete UTF-8 HTML page with the given title and body blocks."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{html.escape(title)}</h1>\n" + "\n".join(blocks) + "\n</body>\n</html>\n"
    )


def heading(text: str) -> str:
    return f"<h2>{html.escape(text)}</h2>"


def paragraph(text: str, css: str = "") -> str:
    klass = f' class="{css}"' if css else ""
    return f"<p{klass}>{html.escape(text)}</p>"


def table(frame: pd.DataFrame, rows: int = 30) -> str:
    """A DataFrame as an HTML table (its first rows), numbers rounded for reading."""
    return frame.head(rows).to_html(border=0, float_format=lambda v: f"{v:.4g}", na_rep="")


def href(path: Path, folder: Path) -> str:
    """path relative to the page's folder, as a URL: %-quoted, so that # ? % and spaces in file
    names still link to the file, then escaped for an HTML attribute."""
    return html.escape(quote(path.relative_to(folder).as_posix()))


def image(path: Path, folder: Path, alt: str) -> str:
    """An <img> whose src is relative to the page's folder."""
    return f'<img src="{href(path, folder)}" alt="{html.escape(alt)}">'


def links(paths: list[Path], folder: Path) -> str:
    items = " ".join(f'<a href="{href(p, folder)}">{html.escape(p.name)}</a>' for p in paths)
    return f'<p class="files">{items}</p>'


def listing(items: list[tuple[str, str]]) -> str:
    """A <ul> of (text, href) pairs; an empty href gives plain text."""
    rows = [f'<li><a href="{link}">{html.escape(text)}</a></li>' if link else f"<li>{html.escape(text)}</li>"
            for text, link in items]
    return f"<ul>{''.join(rows)}</ul>"


def write(folder: Path, title: str, blocks: list[str]) -> Path:
    """Write folder/index.html with font.otf beside it: the bundled CJK font cut down (fontTools)
    to the characters of the page, so Chinese shows on a machine without Chinese fonts."""
    text = page(title, blocks)
    font = subset.Subsetter()
    font.populate(text=text)
    with TTFont(bundled_font(), recalcTimestamp=False) as full:  # same bytes on every run
        font.subset(full)
        full.save(folder / "font.otf")
    path = folder / "index.html"
    path.write_text(text, encoding="utf-8")
    return path
