"""Writing tables for spreadsheet users."""
from __future__ import annotations

from pathlib import Path

import pandas as pd


def write_csv(table: pd.DataFrame, path: str | Path) -> Path:
    """Write table to path as CSV in UTF-8 with a BOM (so Excel reads the Chinese), no index,
    '\\n' line ends; the folder is created if missing. Returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")
    return path
