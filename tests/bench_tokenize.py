"""Benchmark (make bench): jx.tokenize throughput against bare jieba.lcut, and cold start.

Not a test: it prints figures. Overhead target: jx.tokenize within 25% of bare jieba;
the optional rjieba backend (same tokens) at least 5x jx.tokenize's throughput.
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import jieba

import jxanalysis as jx

ROOT = Path(__file__).resolve().parent.parent
FILES = [None, *sorted(p for p in (ROOT / "seeds").glob("*.txt") if p.name != jx.report.SEED.name)]


def best_of(fn, text: str, runs: int = 7) -> float:
    """Best wall time of fn(text) over a few runs, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn(text)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    text = "\n".join(jx.load_report(f).text for f in FILES if f is None or f.exists())
    megabytes = len(text.encode("utf-8")) / 1e6
    jieba.lcut("预热"), jx.tokenize("预热")  # dictionaries loaded before timing
    bare = best_of(jieba.lcut, text)
    ours = best_of(jx.tokenize, text)
    print(f"text: {megabytes:.2f} MB ({len(FILES)} reports)")
    print(f"bare jieba.lcut : {megabytes / bare:6.3f} MB/s")
    print(f"jx.tokenize     : {megabytes / ours:6.3f} MB/s  (overhead {ours / bare - 1:+.1%}, target < +25%)")
    try:
        jx.tokenize("预热", backend="rjieba")
    except ImportError as err:
        print(f"rjieba backend  : not measured ({err})")
    else:
        fast = best_of(lambda t: jx.tokenize(t, backend="rjieba"), text)
        print(f"jx.tokenize(backend='rjieba'): {megabytes / fast:6.3f} MB/s  ({ours / fast:.1f}x jieba backend, target >= 5x)")
    code = "import time; t=time.perf_counter(); import jxanalysis as jx; jx.tokenize('营商环境持续优化'); print(time.perf_counter()-t)"
    cold = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    print(f"cold import + first tokenize: {cold:.2f} s (dictionary cache warm)")


if __name__ == "__main__":
    main()
