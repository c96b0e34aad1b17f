"""Writing outputs: atomic renames and the sidecar JSON beside each asset's files."""
from __future__ import annotations

import contextlib
import dataclasses
import errno
import json
import os
import stat
from importlib import metadata
from pathlib import Path

import numpy as np

from assets import outdir, sweeps

KEY_LIBRARIES = ("manim", "matplotlib", "numpy", "scipy")


@contextlib.contextmanager
def atomic_path(target: Path):
    """Yield a temporary path beside ``target``; rename it into place only if the block succeeds.

    A reader of ``target`` (a slide, a browser) sees the old file or the new
    one, never half of one, and a failed render leaves the old file intact.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = outdir.scratch(target, "tmp")
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def regular(path: Path) -> bool:
    """``path`` is a regular file (not a link, a folder, a pipe or a device)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except FileNotFoundError:
        return False


def write_bytes(target: Path, data: bytes) -> None:
    """Write ``data`` atomically; an unchanged file is left alone (a no-op build touches nothing)."""
    target = Path(target)
    if regular(target) and target.stat().st_size == len(data) and target.read_bytes() == data:
        return
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: Path, text: str) -> None:
    write_bytes(target, text.encode("utf-8"))


def write_user_file(target: Path, text: str) -> None:
    """Write where a user pointed (``path -o``): a pipe, a device or a terminal is written
    straight into, never read and never replaced; a file atomically (through a link, the
    file it points to). Raises ``OSError`` naming ``target`` for a folder or an unwritable place."""
    target = Path(target)
    try:
        _write_user_file(target, text)
    except OSError as err:  # name the user's file, not the scratch file beside it
        raise type(err)(err.errno, err.strerror, str(target)) from None


def _write_user_file(target: Path, text: str) -> None:
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder")
    if mode is not None and not stat.S_ISREG(mode):
        with open(target, "w", encoding="utf-8") as stream:
            stream.write(text)
        return
    real = Path(os.path.realpath(target))
    if not real.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no such folder")
    write_text(real, text)


def replace_dir(source: Path, target: Path) -> None:
    """Put the folder ``source`` at ``target``, dropping what was there only once the new one is in."""
    old = outdir.scratch(target, "old")
    if target.is_symlink() or target.exists():
        os.replace(target, old)
    os.replace(source, target)
    outdir.remove(old)


def to_jsonable(value):
    """Dataclasses of numpy arrays → plain JSON values (NaN → null), for data exports."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, np.ndarray):
        return to_jsonable(value.tolist())
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        return to_jsonable(value.item())
    if isinstance(value, float) and not np.isfinite(value):
        return None
    return value


def write_json(target: Path, value) -> None:
    write_text(target, json.dumps(to_jsonable(value), indent=1, sort_keys=True,
                                  allow_nan=False) + "\n")


def versions() -> dict[str, str]:
    """Versions of the libraries that shape the pixels, for sidecars and cache keys."""
    return {name: metadata.version(name) for name in KEY_LIBRARIES}


def write_sidecar(target: Path, job, files: list[Path], **extra) -> None:
    """The JSON beside a job's files: what it is, how it was made, how to describe it. A sweep
    variant's names its asset and the values that make it one (``assets.sweeps``)."""
    asset = job.asset
    variant = {"asset": asset.id, "variant": dict(job.variant)} if job.variant else {}
    record = {
        "id": job.id, "kind": asset.kind, "title": sweeps.title(asset, job.variant),
        "slide": asset.slide, "caption": sweeps.caption(asset, job.variant),
        "alt": sweeps.alt(asset, job.variant), "params": job.params, "seed": job.seed,
        "theme": job.theme, "aspect": job.aspect, "files": sorted(f.name for f in files),
        "versions": versions(), **variant, **extra,
    }
    write_json(target, record)
