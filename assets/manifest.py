"""``out/manifest.json``: what each output is, what made it, and its cache key.

Written atomically after every finished asset, so at any moment it describes
only files that are completely in place.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from assets.output import write_json

NAME = "manifest.json"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def describe(path: Path) -> dict:
    """A file's (or a frame folder's) size and SHA-256, as the manifest records it."""
    if path.is_dir():
        frames = sorted(path.iterdir())
        digest = hashlib.sha256("".join(sha256(f) for f in frames).encode()).hexdigest()
        return {"sha256": digest, "size": sum(f.stat().st_size for f in frames),
                "frames": len(frames)}
    return {"sha256": sha256(path), "size": path.stat().st_size}


def load(out: Path) -> dict:
    """The manifest's entries by stem; an unreadable manifest counts as empty (all rebuilt)."""
    try:
        return json.loads((out / NAME).read_text(encoding="utf-8"))["assets"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def save(out: Path, entries: dict) -> None:
    write_json(out / NAME, {"assets": entries})


def intact(out: Path, entry: dict) -> bool:
    """Every file the entry lists is present with its recorded size (cheap: no hashing)."""
    for name, info in entry.get("files", {}).items():
        path = out / name
        if not path.exists():
            return False
        size = (sum(f.stat().st_size for f in path.iterdir()) if path.is_dir()
                else path.stat().st_size)
        if size != info["size"]:
            return False
    return True
