"""The per-user cache: where it lives, what its keys include, and entries checked before use.

A cache that cannot be written (read-only home or cache folder) is never an error: a warning
is given once per folder and the work is done without it. An entry is served only when its
header names the key it was asked for (the source file's sha256 and the fingerprint) and the
sha256 of its payload matches; anything else (a flipped byte, a truncated file, a pickle of
another object, another file's entry copied over it) is ignored, and the caller rewrites it.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import warnings
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from .lexicon import derived

_MAGIC = b"jxanalysis-cache-1"
# The libraries whose output ends up in a cached result: a new version may change it.
_LIBRARIES = ["jieba", "rjieba", "pandas", "cn2an", "stopwordsiso"]
_warned: set[str] = set()


class CacheWarning(RuntimeWarning):
    """The cache folder cannot be written: work goes on without a cache."""


def usable(folder: Path) -> bool:
    """True when folder can be created and written (tried with a temporary file, since
    permission bits say nothing when running as root); else warn once for it and return False."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
        return True
    except OSError as err:
        if str(folder) not in _warned:
            _warned.add(str(folder))
            warnings.warn(f"cannot write the cache folder {folder} ({err.strerror or err}); "
                          "working without a cache", CacheWarning, stacklevel=3)
        return False


def cache_dir() -> Path | None:
    """The per-user cache folder ($XDG_CACHE_HOME/jxanalysis or ~/.cache/jxanalysis), created
    if missing; None (after one warning) when it cannot be written."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    path = Path(base) / "jxanalysis"
    return path if usable(path) else None


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


@derived  # it hashes the data files
@lru_cache(maxsize=None)
def fingerprint() -> str:
    """Part of every cache key: jxanalysis's version, a hash of its code and data files, and the
    versions of the libraries that shape its results (jieba, rjieba, pandas, cn2an, stopwordsiso)."""
    digest = hashlib.sha256()
    package = resources.files("jxanalysis")
    files = [f for folder in ("", "readers", "plots") for f in package.joinpath(folder).iterdir() if f.name.endswith(".py")]
    files += [f for f in package.joinpath("data").iterdir() if f.is_file()]
    for item in sorted(files, key=lambda f: str(f)):
        digest.update(item.name.encode() + b"\0" + item.read_bytes())
    for name in _LIBRARIES:
        digest.update(f"{name}=={_version(name)}\0".encode())
    return f"{_version('jxanalysis')}-{digest.hexdigest()[:12]}"


def _header(key: str, payload: bytes) -> bytes:
    return b" ".join([_MAGIC, key.encode(), hashlib.sha256(payload).hexdigest().encode()]) + b"\n"


def read_entry(path: Path, key: str) -> Any | None:
    """The object stored at path under key; None when absent, unreadable, or not exactly what
    write_entry(path, key, ...) wrote."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header, _, payload = data.partition(b"\n")
    if header + b"\n" != _header(key, payload):
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # a checksummed payload that still fails: a class changed shape
        return None


def write_entry(path: Path, key: str, value: Any) -> None:
    """Store value at path under key, atomically (a temporary file renamed into place, so parallel
    runs never see half a file). A folder that cannot be written is skipped: the cache is optional."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(_header(key, payload) + payload)
        os.replace(temp, path)
    except OSError:
        Path(temp).unlink(missing_ok=True)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
