"""Run one function over many inputs: in this process, in worker processes (joblib), or on a
Dask cluster (joblib's Dask backend), with a progress bar on stderr."""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from tqdm import tqdm


def run(
    function: Callable[..., Any],
    calls: Sequence[tuple],
    n_jobs: int | None = None,
    scheduler: str | None = None,
    progress: bool = True,
    desc: str = "",
    unit: str = "report",
) -> Iterator[Any]:
    """function(*args) for each args in calls, yielded in order.

    n_jobs: worker processes (None: every core; 1: in this process). scheduler: the address of
    a Dask scheduler (tcp://host:8786); the calls then run on its workers through joblib's Dask
    backend, which needs the `distributed` package. progress: a tqdm bar when there are two
    calls or more."""
    bar = tqdm(total=len(calls), unit=unit, desc=desc, disable=not progress or len(calls) < 2)
    with bar:
        for result in _results(function, calls, n_jobs, scheduler):
            bar.update()
            yield result


def _results(function: Callable[..., Any], calls: Sequence[tuple], n_jobs: int | None,
             scheduler: str | None) -> Iterator[Any]:
    if scheduler:
        import joblib  # imported here: `import jxanalysis` stays light
        try:
            from distributed import Client
        except ImportError as err:
            raise ImportError("--scheduler needs the distributed package: pip install 'dask[distributed]'") from err
        with Client(scheduler), joblib.parallel_backend("dask"):
            yield from joblib.Parallel(return_as="generator")(joblib.delayed(function)(*args) for args in calls)
        return
    import os

    n_jobs = min(n_jobs or os.cpu_count() or 1, len(calls)) if calls else 1
    if n_jobs == 1:
        yield from (function(*args) for args in calls)
        return
    import joblib

    yield from joblib.Parallel(n_jobs=n_jobs, return_as="generator")(joblib.delayed(function)(*args) for args in calls)
