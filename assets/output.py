"""Writing outputs: atomic renames and the sidecar JSON beside each asset's files."""
from __future__ import annotations

import contextlib
import json
import os
from importlib import metadata
from pathlib import Path

KEY_LIBRARIES = ("manim", "matplotlib", "numpy", "scipy")


@contextlib.contextmanager
def atomic_path(target: Path):
    """Yield a temporary path beside ``target``; rename it into place only if the block succeeds.

    A reader of ``target`` (a slide, a browser) sees the old file or the new
    one, never half of one, and a failed render leaves the old file intact.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def write_text(target: Path, text: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


def versions() -> dict[str, str]:
    """Versions of the libraries that shape the pixels, for sidecars and cache keys."""
    return {name: metadata.version(name) for name in KEY_LIBRARIES}


def write_sidecar(target: Path, asset, params: dict, seed: int, theme: str, aspect: str,
                  files: list[Path], **extra) -> None:
    """The JSON beside an asset's files: what it is, how it was made, how to describe it."""
    record = {
        "id": asset.id, "kind": asset.kind, "title": asset.title, "slide": asset.slide,
        "caption": asset.caption, "alt": asset.alt, "params": params, "seed": seed,
        "theme": theme, "aspect": aspect, "files": sorted(f.name for f in files),
        "versions": versions(), **extra,
    }
    write_text(target, json.dumps(record, indent=2, sort_keys=True) + "\n")
