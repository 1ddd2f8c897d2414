"""Benchmark (make bench): tokenizer throughput, the full analysis of one core, cold start.

Not a test: it prints each figure next to its target and the same run's bare tokenizer speed.
Targets: jx.tokenize within 25% of bare jieba; the rjieba backend (the default, same tokens)
at least 5x the jieba backend; the full analysis (frequencies, themes, instruments,
indicators, from file bytes) at least 2 MB/s per core; cold start (import, then first load
and analysis) under 2 s.
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import jieba

import jxanalysis as jx
from jxanalysis import tokens

ROOT = Path(__file__).resolve().parent.parent
FILES = [jx.report.SEED, *sorted(p for p in (ROOT / "seeds").glob("*.txt") if p.name != jx.report.SEED.name)]


def best_of(fn, arg, runs: int = 5) -> float:
    """Best wall time of fn(arg) over a few runs, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn(arg)
        times.append(time.perf_counter() - start)
    return min(times)


def analyse(paths: list[Path]) -> None:
    for path in paths:
        report = jx.load_report(path)
        jx.word_frequencies(report), jx.theme_scores(report), jx.policy_instruments(report)
        jx.extract_indicators(report)


def main() -> None:
    text = "\n".join(jx.load_report(f).text for f in FILES)
    megabytes = len(text.encode("utf-8")) / 1e6
    jieba.lcut("预热"), jx.tokenize("预热", backend="jieba"), jx.tokenize("预热")  # dictionaries loaded
    bare = best_of(jieba.lcut, text)
    ours = best_of(lambda t: jx.tokenize(t, backend="jieba"), text)
    print(f"text: {megabytes:.2f} MB of cleaned text in UTF-8 ({len(FILES)} reports)")
    print(f"bare jieba.lcut           : {megabytes / bare:6.3f} MB/s")
    print(f"jx.tokenize(backend=jieba): {megabytes / ours:6.3f} MB/s  (overhead {ours / bare - 1:+.1%}, target < +25%)")
    fast = best_of(lambda t: jx.tokenize(t, backend="rjieba"), text)
    raw = best_of(tokens.rjieba_tokenizer().cut, text)
    print(f"bare rjieba cut           : {megabytes / raw:6.3f} MB/s")
    print(f"jx.tokenize (rjieba)      : {megabytes / fast:6.3f} MB/s  ({ours / fast:.1f}x the jieba backend, target >= 5x)")
    file_mb = sum(f.stat().st_size for f in FILES) / 1e6
    full = best_of(analyse, FILES, runs=3)
    print(f"full analysis, 1 core     : {file_mb / full:6.3f} MB/s of report files ({file_mb:.2f} MB; "
          f"frequencies, themes, instruments, indicators; target >= 2 MB/s; bare rjieba above)")
    code = "import time; t=time.perf_counter(); import jxanalysis as jx; print(time.perf_counter()-t)"
    cold = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    print(f"cold start: import jxanalysis                  {cold:.2f} s (target < 2 s)")
    code = ("import time; t=time.perf_counter(); import jxanalysis as jx; r=jx.load_report(); "
            "jx.word_frequencies(r); jx.theme_scores(r); jx.policy_instruments(r); jx.extract_indicators(r); "
            "print(time.perf_counter()-t)")
    first = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    print(f"cold start: import + first load and analysis  {first:.2f} s (target < 2 s; dictionary caches warm)")


if __name__ == "__main__":
    main()
