"""The notebooks as a reader uses them: JupyterLab (started the way `make lab` starts it) in headless
Chromium (Debian's chromium + chromium-driver) opens each numbered notebook, runs all cells, and
no cell shows an error; the rendered Chinese has glyphs (the bundled CJK font of jxanalysis.lab),
not empty boxes; notebook 02's KWIC search box answers a keyword typed into it.

JupyterLab serves a copy of notebooks/, figures/, seeds/ and tests/data/ in a temporary folder,
so that running the cells never writes into the checkout. Skipped, with the reason, where chromium
or chromedriver is missing; CI (.ci/run) installs both and sets JXANALYSIS_REQUIRE_BROWSER=1, so
there a missing browser fails the run instead."""
from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import time
import urllib.request

import pytest

from browser import chrome  # noqa: E402  (skips this module where there is no browser)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from jxanalysis import lab as jxlab  # noqa: E402
from jxanalysis.style import system_font  # noqa: E402

from conftest import ROOT  # noqa: E402

NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

# Runs every cell of the open notebook and reports what each code cell shows.
RUN_ALL = """
const done = arguments[arguments.length - 1];
(async () => {
  const app = window.jupyterapp;
  await app.restored;
  let panel = null;
  for (let i = 0; i < 600 && !(panel && panel.content && panel.content.model); i++) {
    panel = app.shell.currentWidget;
    await new Promise(r => setTimeout(r, 100));
  }
  await panel.context.ready;
  await panel.sessionContext.ready;
  for (let i = 0; i < 600 && panel.sessionContext.session?.kernel?.status !== 'idle'; i++)
    await new Promise(r => setTimeout(r, 100));
  const started = performance.now();
  await app.commands.execute('notebook:run-all-cells');
  const seconds = (performance.now() - started) / 1000;
  const cells = panel.model.toJSON().cells.filter(c => c.cell_type === 'code').map(c => ({
    count: c.execution_count,
    outputs: c.outputs.map(o => ({
      type: o.output_type, name: o.name || '',
      text: o.output_type === 'error' ? `${o.ename}: ${o.evalue}`
            : [].concat(o.text || (o.data && o.data['text/plain']) || '').join('').slice(0, 300)})),
  }));
  return {seconds, cells, kernel: panel.sessionContext.session.kernel.status};
})().then(done, e => done({error: String(e && e.stack || e)}));
"""

# For each element: its font, and whether two different CJK characters of its text draw two
# different, non-blank shapes in that font (empty boxes all look alike).
GLYPHS = """
const done = arguments[arguments.length - 1];
(async () => {
  await document.fonts.ready;
  const results = [];
  for (const el of arguments[0]) {
    const cs = getComputedStyle(el);
    const font = `${cs.fontStyle} ${cs.fontWeight} 32px ${cs.fontFamily}`;
    const chars = [...new Set((el.value || el.textContent).match(/[\\u4e00-\\u9fff]/g))].slice(0, 2);
    await document.fonts.load(font, chars.join(''));
    const draw = ch => {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 48;
      const ctx = canvas.getContext('2d');
      ctx.font = font;
      ctx.fillText(ch, 4, 38);
      return Array.from(ctx.getImageData(0, 0, 48, 48).data.filter((_, i) => i % 4 === 3)).join(',');
    };
    const shapes = chars.map(draw);
    results.push({family: cs.fontFamily, chars: chars.join(''),
                  inked: shapes.every(s => /[1-9]/.test(s)), distinct: new Set(shapes).size === chars.length});
  }
  const faces = Array.from(document.fonts).map(f => [f.family.replace(/"/g, ''), f.status]);
  return {results, faces};
})().then(done, e => done({error: String(e && e.stack || e)}));
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab with jxanalysis.lab's config on a free local port, serving a copy of the project."""
    tmp = tmp_path_factory.mktemp("lab")
    root = tmp / "project"
    shutil.copytree(ROOT / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copytree(ROOT / "figures", root / "figures")
    (root / "tests").mkdir()
    (root / "seeds").symlink_to(ROOT / "seeds")
    (root / "tests" / "data").symlink_to(ROOT / "tests" / "data")
    config = tmp / "config"
    jxlab.write_config(config)
    isolated = {name: str(tmp / name.lower()) for name in
                ["JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"]}
    news = tmp / "jupyterlab_settings_dir" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    news.parent.mkdir(parents=True)
    news.write_text('{"fetchNews": "false"}')  # no pop-up asking to fetch Jupyter news
    env = jxlab.environment(config, {
        **os.environ, **isolated, "JUPYTER_CONFIG_DIR": str(tmp / "user-config"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "JXANALYSIS_FIGURES": str(root / "figures"),  # the kernels save figures into the copy
    })
    port, token = _free_port(), secrets.token_hex(16)
    log = open(tmp / "jupyter.log", "w")
    server = subprocess.Popen(jxlab.command([
        "--no-browser", "--ServerApp.open_browser=False", "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True",
        "--LabApp.extension_manager=readonly", "--LabApp.news_url=None", "--allow-root",  # CI runs as root
    ]), cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                assert server.poll() is None, (tmp / "jupyter.log").read_text()
                time.sleep(0.25)
        else:
            raise AssertionError("JupyterLab did not start in 60 s:\n" + (tmp / "jupyter.log").read_text())
        yield {"url": url, "token": token, "root": root, "config": config}
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = chrome(tmp_path_factory.mktemp("chromium"), "--window-size=1400,1000")
    driver.set_script_timeout(300)
    yield driver
    driver.quit()


def test_custom_css_and_font_are_served(lab):
    with urllib.request.urlopen(f"{lab['url']}/custom/custom.css?token={lab['token']}") as r:
        css = r.read().decode()
    assert f'font-family: "{jxlab.FAMILY}"' in css and "--jp-content-font-family" in css
    font = jxlab.bundled_font().name
    with urllib.request.urlopen(f"{lab['url']}/custom/{font}?token={lab['token']}") as r:
        assert r.read(4) == b"OTTO"  # an OpenType font with CFF outlines


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_in_jupyterlab_and_shows_chinese(lab, browser, name, tmp_path):
    started = time.perf_counter()
    browser.get(f"{lab['url']}/lab/tree/notebooks/{name}?reset&token={lab['token']}")
    WebDriverWait(browser, 120).until(lambda d: d.execute_script("return !!window.jupyterapp"))
    run = browser.execute_async_script(RUN_ALL)
    assert "error" not in run, run.get("error")
    problems = [(i, o["type"], o["name"], o["text"]) for i, cell in enumerate(run["cells"]) for o in cell["outputs"]
                if o["type"] == "error" or o["name"] == "stderr"]
    assert problems == [], f"{name}: cells show errors or stderr"
    unrun = [i for i, cell in enumerate(run["cells"]) if cell["count"] is None]
    assert unrun == [], f"{name}: code cells not run"
    assert run["kernel"] == "idle"

    fields = []
    if name.startswith("02_"):
        fields.append(_check_kwic_box(browser))
        browser.save_screenshot(str(tmp_path / "02-kwic-search-box.png"))

    # The narrative (markdown, the content font) and a table or printed output (the code font).
    browser.execute_script("window.jupyterapp.shell.currentWidget.content.scrollToItem?.(0)")
    elements = browser.execute_script("""
        const node = window.jupyterapp.shell.currentWidget.content.node;
        const cjk = el => /[\\u4e00-\\u9fff].*[\\u4e00-\\u9fff]/.test(el.textContent);
        return [node.querySelector('.jp-RenderedMarkdown h1'),
                [...node.querySelectorAll('.jp-RenderedMarkdown p')].find(cjk),
                [...node.querySelectorAll('.jp-OutputArea-output pre, .jp-OutputArea-output td')].find(cjk)];""")
    assert all(elements), elements
    glyphs = browser.execute_async_script(GLYPHS, elements + fields)
    assert "error" not in glyphs, glyphs.get("error")
    browser.save_screenshot(str(tmp_path / f"{name}.png"))
    for shown in glyphs["results"]:
        assert len(shown["chars"]) == 2 and shown["inked"] and shown["distinct"], f"empty boxes: {shown}"
        assert jxlab.FAMILY in shown["family"], shown
    if system_font() is None:  # no CJK font on this machine: the glyphs can only come from ours
        assert [jxlab.FAMILY, "loaded"] in glyphs["faces"], glyphs["faces"]
    print(f"\n{name}: all cells {run['seconds']:.1f} s in the kernel, {time.perf_counter() - started:.1f} s in all; "
          f"glyphs: {', '.join(s['chars'] for s in glyphs['results'])}")


def _check_kwic_box(browser):
    """Type a keyword into notebook 02's KWIC search box: the lines containing it appear below.
    Returns the box, whose typed Chinese must show too."""
    boxes = browser.find_elements(By.CSS_SELECTOR, ".jp-Notebook .widget-text input")
    assert len(boxes) == 1, "notebook 02 shows one KWIC search box"
    box = boxes[0]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.send_keys("高标准农田", Keys.ENTER)
    area = box.find_element(By.XPATH, "ancestor::div[contains(@class, 'jp-OutputArea-child')]/..")

    def answered(_):
        text = area.text
        return text.count("高标准农田") >= 2 and text

    WebDriverWait(browser, 60).until(answered)
    return box
