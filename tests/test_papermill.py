"""Every report notebook runs for any report through its papermill `parameters` cell."""
from __future__ import annotations

import json

import papermill
import pytest

from conftest import CORPUS, ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("0[1-4]_*.ipynb"))
REPORT = CORPUS / "hailar-district-2016.gbk.txt"  # GBK, CRLF: the least like the seed


def test_every_notebook_has_a_parameters_cell():
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        tagged = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(tagged) == 1, path.name
        assert "report_path" in "".join(tagged[0]["source"]) or "report_paths" in "".join(tagged[0]["source"])


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_on_another_report(notebook, tmp_path, monkeypatch):
    monkeypatch.setenv("JXANALYSIS_FIGURES", str(tmp_path / "figures"))
    out = tmp_path / notebook.name
    papermill.execute_notebook(str(notebook), str(out), parameters={"report_path": str(REPORT)},
                               cwd=str(notebook.parent), kernel_name="python3", progress_bar=False)
    text = out.read_text(encoding="utf-8")
    assert "海拉尔区2016年政府工作报告" in text
    figures = sorted((tmp_path / "figures" / "hailar-district-2016-gbk").glob(f"{notebook.name[:2]}-*.png"))
    committed = sorted((ROOT / "figures").glob(f"{notebook.name[:2]}-*.png"))
    assert [f.name for f in figures] == [f.name for f in committed]  # the same figures, elsewhere
