"""Headless Chromium for the browser tests (Debian's chromium + chromium-driver, never a browser a
tool downloads). Importing this module skips the test module, with the reason, where either is
missing; CI (.ci/run) installs both and sets JXANALYSIS_REQUIRE_BROWSER=1, so there a missing
browser fails the run instead."""
from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
if not (CHROMIUM and DRIVER):
    missing = " and ".join(name for name, found in [("chromium", CHROMIUM), ("chromedriver", DRIVER)] if not found)
    reason = f"{missing} not found: the browser test needs Debian's chromium and chromium-driver (make browser)"
    if os.environ.get("JXANALYSIS_REQUIRE_BROWSER") == "1":
        raise RuntimeError(reason)
    pytest.skip(reason, allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402


def chrome(profile, *flags: str, logs: bool = False) -> webdriver.Chrome:
    """A headless Chromium with a fresh profile folder; flags are added to the ones that work on a
    closed network (no background connections, no first-run pages)."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", *flags]:
        options.add_argument(flag)
    if logs:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(DRIVER), options=options)
