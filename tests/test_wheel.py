"""The package as a user installs it: a wheel built from this checkout, installed on its own
(outside the checkout), loads the seed it ships."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

from conftest import ROOT

CHECK = """
import jxanalysis as jx, sys
report = jx.load_report()
print(jx.__file__)
print(report.title, len(report.text), len(jx.seed_reports()))
"""


def test_wheel_ships_the_seed_and_loads_it(tmp_path):
    source, wheels, target = tmp_path / "source", tmp_path / "wheels", tmp_path / "site"
    # Built from a copy, so setuptools' build/ and *.egg-info stay out of the checkout; without
    # build isolation, the test environment's setuptools builds it and no network is needed.
    source.mkdir()
    for name in ["pyproject.toml", "README.md"]:
        shutil.copy(ROOT / name, source)
    shutil.copytree(ROOT / "jxanalysis", source / "jxanalysis", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(wheels), str(source)], check=True, cwd=tmp_path)
    [wheel] = wheels.glob("jxanalysis-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "jxanalysis/data/seeds/jinxian-2023-government-work-report.txt" in names
    # Installed into a folder of its own; its dependencies come from this environment.
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    "--target", str(target), str(wheel)], check=True, cwd=tmp_path)
    run = subprocess.run([sys.executable, "-c", CHECK], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
                              "XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert run.returncode == 0, run.stderr
    location, summary = run.stdout.splitlines()
    assert location.startswith(str(target)), location  # the installed copy, not this checkout
    assert summary == "进贤县2023年政府工作报告 5238 4"
