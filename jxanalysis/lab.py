"""JupyterLab that shows Chinese on machines without a Chinese font (`make lab`).

A browser without a CJK font draws JupyterLab's Chinese text as empty boxes. JupyterLab started with
--LabApp.custom_css=True loads custom/custom.css from its config directory; `write_config` puts
there an @font-face for the font the figures are drawn with (Noto Sans CJK SC, shipped by mplfonts),
limited to CJK code points and appended to JupyterLab's font stacks after the usual system CJK fonts.
The config directory is the environment's own (sys.prefix/etc/jxanalysis-lab: .venv under `make
lab`), never ~/.jupyter; the user's config and lab settings stay in use.

    python -m jxanalysis.lab [jupyter lab arguments]

`StableOutputs` keeps notebooks (with widgets and print output) reproducible byte for byte under `make reproduce`.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from nbconvert.preprocessors.coalescestreams import CoalesceStreamsPreprocessor

from .style import bundled_font

CONFIG_DIR = Path(sys.prefix) / "etc" / "jxanalysis-lab"
FAMILY = "jxanalysis CJK"
# JupyterLab 4's default stacks (its light and dark themes), then CJK fonts a system may have, then ours.
_CJK = f'"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "{FAMILY}"'
_SANS = ('system-ui, -apple-system, blinkmacsystemfont, "Segoe UI", helvetica, arial, sans-serif, '
         f'{_CJK}, "Apple Color Emoji", "Segoe UI Emoji", "Segoe UI Symbol"')
_MONO = f'menlo, consolas, "DejaVu Sans Mono", monospace, {_CJK}'
# CJK radicals, punctuation, kana, ideographs (with extension A), compatibility and full-width forms,
# extensions B and later: Latin text keeps the theme's fonts.
_RANGES = "U+2E80-9FFF, U+F900-FAFF, U+FE30-FE4F, U+FF00-FFEF, U+20000-2FA1F"


def custom_css(font_url: str) -> str:
    """The custom.css: the font face, and the themes' font variables with it as the CJK fallback
    (form fields use the interface font).

    `:root:root` outranks the themes' `:root`; a font chosen in JupyterLab's theme settings (an
    inline style) still wins."""
    return (
        "/* written by jxanalysis.lab: the bundled CJK font as the fallback for Chinese text */\n"
        f'@font-face {{ font-family: "{FAMILY}"; src: url("{font_url}") format("opentype"); '
        f"unicode-range: {_RANGES}; font-display: block; }}\n"
        f":root:root {{\n  --jp-ui-font-family: {_SANS};\n  --jp-content-font-family: {_SANS};\n"
        f"  --jp-code-font-family-default: {_MONO};\n}}\n"
        # Form fields that no JupyterLab or widget rule gives a font (ipywidgets' text box) would keep
        # the browser's own; :where() has no specificity, so every JupyterLab rule still wins.
        ":where(input, textarea, select, button) { font-family: var(--jp-ui-font-family); }\n"
    )


def write_config(config_dir: str | Path = CONFIG_DIR) -> Path:
    """Write config_dir/custom/custom.css and a copy of the font beside it (Jupyter serves no
    symbolic link that leads out of the folder); return custom.css's path."""
    custom = Path(config_dir) / "custom"
    custom.mkdir(parents=True, exist_ok=True)
    font = bundled_font()
    copy = custom / font.name
    if not copy.is_file() or copy.stat().st_size != font.stat().st_size:
        shutil.copyfile(font, copy)
    css = custom / "custom.css"
    css.write_text(custom_css(font.name), encoding="utf-8")
    return css


def environment(config_dir: str | Path = CONFIG_DIR, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """base (default os.environ) with JUPYTER_CONFIG_DIR = config_dir; the user's own config
    directory stays on JUPYTER_CONFIG_PATH and keeps holding the lab settings and workspaces."""
    from jupyter_core.paths import jupyter_config_dir

    env = dict(os.environ if base is None else base)
    user = env.get("JUPYTER_CONFIG_DIR") or jupyter_config_dir()
    env.setdefault("JUPYTERLAB_SETTINGS_DIR", str(Path(user) / "lab" / "user-settings"))
    env.setdefault("JUPYTERLAB_WORKSPACES_DIR", str(Path(user) / "lab" / "workspaces"))
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(filter(None, [user, env.get("JUPYTER_CONFIG_PATH")]))
    env["JUPYTER_CONFIG_DIR"] = str(config_dir)
    return env


def command(args: Sequence[str] = ()) -> list[str]:
    """The jupyter lab command line, with custom.css switched on."""
    return [sys.executable, "-m", "jupyterlab", "--LabApp.custom_css=True", *args]


class StableOutputs(CoalesceStreamsPreprocessor):
    """nbconvert preprocessor for `make reproduce`: outputs that change from run to run are stored
    in a stable form. A displayed widget is stored as its text (`Text(value='', ...)`), without
    the random model id of its view and the notebook's widget state (running the cell in JupyterLab
    brings the live widget back); consecutive print outputs are merged into one, since how the
    kernel splits them into messages depends on timing."""

    def preprocess(self, nb, resources):
        nb.metadata.pop("widgets", None)
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                output.get("data", {}).pop("application/vnd.jupyter.widget-view+json", None)
        return super().preprocess(nb, resources)


def main(argv: Sequence[str] | None = None) -> int:
    write_config()
    return subprocess.call(command(sys.argv[1:] if argv is None else argv), env=environment())


if __name__ == "__main__":
    sys.exit(main())
