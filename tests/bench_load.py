"""Benchmark: loading (read, decode, clean, structure) a 50 MB report file, then the full analysis.

Prints load throughput and the peak memory of loading alone, then of loading and analysing
(frequencies, themes, instruments, indicators) in a fresh process, next to the same run's bare
tokenizer speed (jieba on the same text, no loader), because machines are noisy. Target: loading
and analysing under 500 MB of memory, with a progress bar while cleaning (on stderr).

    .venv/bin/python tests/bench_load.py [--mb 50]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_common import PEAK

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted((ROOT / "tests" / "data" / "reports").glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))
MEMORY_TARGET_MB = 500

CHILD = PEAK + """
import sys, time, warnings

warnings.simplefilter("ignore")  # a replicated file repeats its paragraphs, and the loader says so
import jxanalysis as jx
start = time.perf_counter()
report = jx.load_report(sys.argv[1])
paragraphs = len(report.paragraphs)
seconds = time.perf_counter() - start
peak = peak_mb()
if sys.argv[2] == "analyse":
    jx.word_frequencies(report), jx.theme_scores(report), jx.policy_instruments(report), jx.extract_indicators(report)
    seconds = time.perf_counter() - start
    peak = peak_mb()
print(seconds, peak, paragraphs)
"""


def build(folder: Path, megabytes: float) -> Path:
    """A file of about `megabytes` MB: the repository's reports, one after another, repeated."""
    from jxanalysis.loading import read_text

    texts = "\n".join(read_text(path) for path in REPORTS)
    path = folder / "big.txt"
    with open(path, "w", encoding="utf-8") as out:
        written = 0
        while written < megabytes * 1e6:
            out.write(texts)
            written += len(texts.encode("utf-8"))
    return path


def bare_tokenizer_mb_s(text: str) -> float:
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    start = time.perf_counter()
    for _ in tokenizer.cut(text):
        pass
    return len(text.encode("utf-8")) / 1e6 / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="size of the file to load (MB)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = build(Path(folder), args.mb)
        size = path.stat().st_size / 1e6
        runs = {what: subprocess.run([sys.executable, "-c", CHILD, str(path), what], capture_output=True,
                                     text=True, check=True).stdout.split() for what in ("load", "analyse")}
        sample = path.read_text(encoding="utf-8")[:2_000_000]
    reference = bare_tokenizer_mb_s(sample)
    print(f"load average {os.getloadavg()[0]:.1f}; bare jieba tokenizer in the same run: {reference:.2f} MB/s")
    for what, (seconds, peak, paragraphs) in runs.items():
        label = "load" if what == "load" else "load and analyse (frequencies, themes, instruments, indicators)"
        print(f"{label} {size:.1f} MB ({int(paragraphs)} paragraphs after cleaning): {float(seconds):.1f} s = "
              f"{size / float(seconds):.2f} MB/s, peak memory {float(peak):.0f} MB "
              f"(target < {MEMORY_TARGET_MB} MB: {'met' if float(peak) < MEMORY_TARGET_MB else 'NOT met'})")


if __name__ == "__main__":
    main()
