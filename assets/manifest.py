"""``out/manifest.json``: what each output is, what made it, and its cache key.

Written atomically after every finished asset, so at any moment it describes
only files that are completely in place.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from assets import outdir
from assets.errors import AssetError
from assets.output import regular, write_json

NAME = "manifest.json"
ASIDE = "manifest.unreadable.json"  # where an unreadable manifest is moved, for a look


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


def _valid_files(files) -> bool:
    return isinstance(files, dict) and all(
        isinstance(name, str) and name == Path(name).name and name not in ("", ".", "..")
        and isinstance(info, dict) and isinstance(info.get("sha256"), str)
        and isinstance(info.get("size"), int) for name, info in files.items())


def _valid(entry) -> bool:
    """An entry the build can trust: a dict whose files are plain names with size and SHA-256."""
    return (isinstance(entry, dict) and _valid_files(entry.get("files", {}))
            and all(isinstance(entry.get(k, ""), str) for k in ("id", "key", "status")))


def load(out: Path, warn=lambda message: None) -> dict:
    """The manifest's entries by stem. A manifest that cannot be read is set aside as
    ``manifest.unreadable.json`` and counts as empty; entries that make no sense are dropped
    (both rebuilt, with one ``warn`` line). Raises ``AssetError`` if it cannot be set aside."""
    path = out / NAME
    if not path.is_symlink() and not path.exists():
        return {}
    try:
        if not regular(path):
            raise OSError("not a regular file")
        assets = json.loads(path.read_bytes().decode("utf-8"))["assets"]
        if not isinstance(assets, dict):
            raise TypeError("assets is not an object")
    except (OSError, ValueError, KeyError, TypeError, RecursionError) as err:
        aside = out / ASIDE
        try:
            outdir.remove(aside)  # an older one, set aside by the build before
            os.replace(path, aside)
        except OSError as failed:
            raise AssetError(f"{path} cannot be read ({err.__class__.__name__}) nor set aside "
                             f"({failed.strerror}); move it away and build again") from None
        warn(f"warning: {path} could not be read ({err.__class__.__name__}); set aside as "
             f"{aside}, everything will be rendered again")
        return {}
    kept = {stem: entry for stem, entry in assets.items() if _valid(entry)}
    if len(kept) < len(assets):
        warn(f"warning: {len(assets) - len(kept)} of the {len(assets)} entries of {path} "
             "could not be read; those assets will be rendered again")
    return kept


def save(out: Path, entries: dict) -> None:
    write_json(out / NAME, {"assets": entries})


def _plain(path: Path) -> bool:
    """A regular file, or a real folder of regular files (a frame sequence): nothing that could
    block a read (a pipe) or lead elsewhere (a link)."""
    if regular(path):
        return True
    return (not path.is_symlink() and path.is_dir()
            and all(regular(f) for f in path.iterdir()))


def intact(out: Path, entry: dict) -> bool:
    """Every file the entry lists is in place with its recorded content (SHA-256, not only size)."""
    for name, info in entry.get("files", {}).items():
        path = out / name
        if not _plain(path) or describe(path)["sha256"] != info["sha256"]:
            return False
    return True
