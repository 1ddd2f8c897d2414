"""index.html in headless Chromium (Debian's chromium + chromium-driver): Chinese text shows,
every image loads, the CJK web font loads, and the console stays free of errors.

Skipped, with the reason, where chromium or chromedriver is missing; CI (.ci/run) installs both
and sets JXANALYSIS_REQUIRE_BROWSER=1, so there a missing browser fails the run instead."""
from __future__ import annotations

import pytest

from browser import chrome  # noqa: E402  (skips this module where there is no browser)
from jxanalysis.cli import main  # noqa: E402

from conftest import CORPUS_FILES, ROOT  # noqa: E402


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = chrome(tmp_path_factory.mktemp("chromium"), "--window-size=1200,1600", "--allow-file-access-from-files",
                    logs=True)
    yield driver
    driver.quit()


@pytest.mark.parametrize("command", ["analyze", "compare"])
def test_page_shows_chinese_and_loads_everything(browser, tmp_path, command):
    seed = ROOT / "seeds" / "jinxian-2023-government-work-report.txt"
    reports = [seed] if command == "analyze" else [seed, *CORPUS_FILES]
    assert main([command, *map(str, reports), "--out", str(tmp_path)]) == 0
    browser.get((tmp_path / "index.html").as_uri())
    browser.execute_async_script("document.fonts.ready.then(arguments[arguments.length - 1]);")
    body = browser.find_element("tag name", "body").text
    assert ("进贤县2023年政府工作报告" if command == "analyze" else "报告比较") in body
    images = browser.execute_script(
        "return Array.from(document.images).map(i => [i.getAttribute('src'), i.complete && i.naturalWidth > 0]);")
    assert len(images) >= 2 and all(ok for _, ok in images), images
    fonts = browser.execute_script("return Array.from(document.fonts).map(f => [f.family, f.status]);")
    assert fonts == [["jxanalysis CJK", "loaded"]]
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    browser.save_screenshot(str(tmp_path / "screenshot.png"))
