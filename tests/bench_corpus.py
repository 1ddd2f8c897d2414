"""Benchmark (make bench): jxanalysis.corpus.analyze_many on a replicated corpus.

Not a test: it prints figures. The seed and the three corpus reports in seeds/ are copied into a
temporary folder until the copies hold --mb megabytes (default 20); each copy gets one extra
line with its copy number, so every file has its own bytes and its own cache entry. Printed:

  * throughput (MB of report files per second) with 1 worker and with 2 workers, and the
    speed-up, on the first --compare-mb megabytes of the copies (default 20: all of them; about
    90 s on 1 worker on a 2-core machine; a smaller figure gives a quicker, rougher comparison);
  * the whole corpus with every core (the compared part already cached, its time added),
    then the cached re-run of the whole corpus (hash + read only);
  * `jxanalysis index` (jx.term_index, digital_economy) on one core: target >= 8 MB/s;
  * the peak memory (RSS, in a fresh process) of loading and analysing one --big-mb MB report
    (default 50, the seed's body repeated): target < 500 MB.

Each timed run starts from an empty cache folder in the temporary folder (the user's cache is
not touched). The worker processes are started (and timed) before the parallel runs.

    .venv/bin/python tests/bench_corpus.py [--mb 20] [--compare-mb 20] [--big-mb 50]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jxanalysis.corpus import analyze_many
from jxanalysis.report import SEED
from jxanalysis.term_index import term_index

from bench_common import PEAK
from jxanalysis.tokens import rjieba_tokenizer

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [SEED, *sorted(p for p in (ROOT / "seeds").glob("*.txt") if p.name != SEED.name)]


def _encoding(data: bytes) -> str:
    """The encoding to append a line in: the file's own (UTF-16 and GBK files exist)."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return encoding
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


def replicate(folder: Path, megabytes: float) -> list[Path]:
    """Copies of SOURCES, round after round, until they hold `megabytes` MB; each one unique."""
    originals = [(path, path.read_bytes()) for path in SOURCES]
    paths, total, n = [], 0, 0
    while total < megabytes * 1e6:
        for source, data in originals:
            n += 1
            copy = folder / f"{n:04d}-{source.name}"
            copy.write_bytes(data + f"\n副本{n}\n".encode(_encoding(data)))
            paths.append(copy)
            total += copy.stat().st_size
    return paths


def size_mb(paths: list[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 1e6


def timed(paths: list[Path], n_jobs: int, cache: Path) -> float:
    start = time.perf_counter()
    analyze_many(paths, n_jobs=n_jobs, cache_dir=cache, progress=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="size of the replicated corpus in MB (default 20)")
    parser.add_argument("--big-mb", type=float, default=50.0, help="size of the one large report (default 50)")
    parser.add_argument("--compare-mb", type=float, default=20.0,
                        help="MB used for the 1-worker/2-worker comparison (default 20: all of it)")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="jx-bench-") as tmp:
        folder = Path(tmp)
        (folder / "reports").mkdir()
        paths = replicate(folder / "reports", args.mb)
        total = size_mb(paths)
        print(f"corpus: {len(paths)} report files, {total:.2f} MB ({len(SOURCES)} originals replicated), "
              f"{cores} cores, load average {os.getloadavg()[0]:.1f} (other work on the machine slows the runs)")
        compare = paths
        if args.compare_mb < total:
            compare = paths[: max(2, int(len(paths) * args.compare_mb / total))]
        mb = size_mb(compare)

        analyze_many(paths[:1], n_jobs=1, cache_dir=folder / "warm", progress=False)  # dictionaries loaded
        one = timed(compare, 1, folder / "cache-1")
        print(f"1 worker : {mb:.2f} MB in {one:7.1f} s = {mb / one:.3f} MB/s")
        start = time.perf_counter()
        analyze_many(paths[1:3], n_jobs=2, cache_dir=folder / "warm", progress=False)
        print(f"worker start-up (2 processes, import + dictionaries): {time.perf_counter() - start:.1f} s")
        two = timed(compare, 2, folder / "cache-2")
        print(f"2 workers: {mb:.2f} MB in {two:7.1f} s = {mb / two:.3f} MB/s  (speed-up {one / two:.2f}x)")
        if compare is not paths:
            rest = timed(paths, cores, folder / "cache-2")  # the compared files are already cached
            every = two + rest
            print(f"{cores} workers, whole corpus: {total:.2f} MB in {every:7.1f} s = {total / every:.3f} MB/s "
                  f"(the first {mb:.2f} MB timed above, the rest {rest:.1f} s)")
        cached = timed(paths, cores, folder / "cache-2")
        print(f"cached re-run: {total:.2f} MB in {cached:.2f} s = {total / cached:.1f} MB/s (hash + read only)")
        bare = bare_tokenizer(paths[:len(SOURCES)])
        start = time.perf_counter()
        term_index(compare, "digital_economy", n_jobs=1, cache_dir=folder / "terms")
        index = time.perf_counter() - start
        print(f"jxanalysis index, 1 worker: {mb:.2f} MB in {index:.1f} s = {mb / index:.2f} MB/s "
              f"(target >= 8 MB/s; bare rjieba cut {bare:.1f} MB/s of report files)")
        print(f"full analysis per core: {mb / one:.2f} MB/s (target >= 2 MB/s; bare rjieba cut {bare:.1f} MB/s); 1 -> 2 workers: "
              f"{one / two:.2f}x (target >= 1.8x on an idle machine)")
        peak = peak_memory(folder / "big.txt", args.big_mb)
        print(f"one {args.big_mb:.0f} MB report, load and analyse: peak RSS {peak:.0f} MB (target < 500 MB)")
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")
        shutil.rmtree(folder / "reports")


def bare_tokenizer(paths: list[Path]) -> float:
    """rjieba's own cut of the texts of paths, in MB of report files per second."""
    from jxanalysis.loading import read_text

    texts = [read_text(p) for p in paths]
    rjieba_tokenizer().cut("预热")
    start = time.perf_counter()
    for text in texts:
        rjieba_tokenizer().cut(text)
    return size_mb(paths) / (time.perf_counter() - start)


BIG = PEAK + """
import sys, time
import jxanalysis as jx
start = time.perf_counter()
report = jx.load_report(sys.argv[1])
jx.word_frequencies(report), jx.theme_scores(report), jx.policy_instruments(report), jx.extract_indicators(report)
print(peak_mb(), time.perf_counter() - start)
"""


def peak_memory(path: Path, megabytes: float) -> float:
    """Peak RSS in MB of a fresh process loading and analysing one report of about `megabytes` MB."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    body = "\n".join(lines[3:]) + "\n"
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(lines[:3]) + "\n")
        for _ in range(int(megabytes * 1e6 / len(body.encode("utf-8"))) + 1):
            out.write(body)
    run = subprocess.run([sys.executable, "-c", BIG, str(path)], capture_output=True, text=True, check=True)
    peak, seconds = map(float, run.stdout.split())
    print(f"  ({path.stat().st_size / 1e6:.1f} MB analysed in {seconds:.0f} s)")
    return peak


if __name__ == "__main__":
    main()
