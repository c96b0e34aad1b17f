"""The output folder's rules: where an output folder may be, which names in it are the build's
own, and that every write stays inside it.

The build deletes only what it made: names of the pattern ``.NAME.PID.tmp``
(a file being written), ``.NAME.PID.old`` (a folder being replaced) and
``.STEM.PID.stage`` (a render's private folder), and only as regular files
or real folders, never through a link. It writes only inside ``--out``: a
folder of its own (``beamer``, ``logs``...) that is a link, or a lock file
that is one, is refused, not followed.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
import stat
from pathlib import Path

from assets.catalogue import ROOT
from assets.errors import AssetError, RenderError

LOCK = ".build.lock"
TEX_CACHE = ".tex-cache"
# Folders the build writes into, below the output folder.
OWN_FOLDERS = (TEX_CACHE, "beamer", "beamer/frames", "snippets", "logs")
LEFTOVER = re.compile(r"^\..+\.\d+\.(tmp|old|stage)$")


def scratch(target: Path, kind: str, pid: int | None = None) -> Path:
    """The scratch name beside ``target`` of process ``pid`` (default: this one):
    ``.NAME.PID.KIND``, kind ``tmp``, ``old`` or ``stage``."""
    return target.with_name(f".{target.name}.{pid or os.getpid()}.{kind}")


def check_root(out: Path) -> Path:
    """``out``, resolved, if it may be an output folder; ``AssetError`` (exit 2) for the root of the
    file system, the home folder, and this repository's root or any folder holding it."""
    resolved = Path(out).expanduser().resolve()
    refused = {Path("/"): "the root of the file system", Path.home().resolve(): "your home folder"}
    for place in (ROOT, *ROOT.parents):
        refused.setdefault(place, "the repository's root" if place == ROOT
                           else "a folder that holds this repository")
    if resolved in refused:
        raise AssetError(f"--out {str(out) or repr('')} is {refused[resolved]}; the build keeps "
                         "its files in a folder of their own: use e.g. --out out")
    if resolved.exists() and not resolved.is_dir():
        raise AssetError(f"--out {out} is a file, not a folder; choose a folder")
    return resolved


def _link_error(path: Path, out: Path) -> AssetError:
    return AssetError(f"{path} is a link (to {os.path.realpath(path)}); the build writes only "
                      f"inside {out}: remove the link, or choose another --out")


def check_folders(out: Path) -> None:
    """Refuse an output folder whose own sub-folders or lock file are links (or not folders)."""
    for name in (*OWN_FOLDERS, LOCK):
        path = out / name
        if path.is_symlink():
            raise _link_error(path, out)
        if name != LOCK and path.exists() and not path.is_dir():
            raise AssetError(f"{path} is in the way: the build keeps a folder there; "
                             "move it, or choose another --out")


def inside(out: Path, name: str) -> Path:
    """``out/name`` for a write, refusing a path that a link would lead outside ``out``."""
    root = Path(out).resolve()
    target = root / name
    parent = target.parent.resolve()
    if parent != root and root not in parent.parents:
        raise AssetError(f"{Path(out) / name} would be written outside {out} through a link; "
                         "remove the link, or choose another --out")
    return target


def _own(path: Path) -> bool:
    """A leftover of the build: its name pattern, and a regular file or a real folder."""
    if not LEFTOVER.match(path.name):
        return False
    mode = os.lstat(path).st_mode
    return stat.S_ISREG(mode) or stat.S_ISDIR(mode)


def sweep(out: Path) -> list[Path]:
    """Remove what killed builds left behind in ``out`` and its own folders; returns what went.

    Only the build's own names (``LEFTOVER``), only as regular files or real
    folders; folders that are links are not entered (``check_folders`` refuses them).
    """
    removed = []
    for folder in (out, *(out / name for name in OWN_FOLDERS)):
        if folder.is_symlink() or not folder.is_dir():
            continue
        for path in folder.iterdir():
            if _own(path):
                if stat.S_ISDIR(os.lstat(path).st_mode):
                    shutil.rmtree(path)  # never follows links inside
                else:
                    path.unlink()
                removed.append(path)
    return removed


# errno → (exit code, what to do): a place that cannot take the files is bad input (2);
# a write that fails part-way is a failed write (1).
_ADVICE = {
    errno.ENOSPC: (1, "the disk is full: free some space or choose another --out"),
    errno.EDQUOT: (1, "the disk quota is used up: free some space or choose another --out"),
    errno.EIO: (1, "the disk reported an input/output error"),
    errno.EACCES: (2, "no permission: choose a folder you can write to"),
    errno.EPERM: (2, "no permission: choose a folder you can write to"),
    errno.EROFS: (2, "the file system is read-only: choose a writable folder"),
    errno.ENOTDIR: (2, "a part of the path is a file, not a folder"),
    errno.EISDIR: (2, "it is a folder, not a file"),
    errno.ENAMETOOLONG: (2, "the name is too long: choose a shorter path"),
    errno.ELOOP: (2, "it is a link, which the build does not follow"),
    errno.ENOENT: (2, "a folder on the way does not exist"),
}


def os_error(error: BaseException) -> OSError | None:
    """The ``OSError`` behind ``error``, itself or in its chain of causes (a library may raise
    something else while cleaning up after a full disk), else None."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, OSError) and error.errno in _ADVICE:
            return error
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return None


def write_error(err: OSError, place: Path | None = None) -> AssetError | RenderError:
    """The one-line error, with the right exit code, for an ``OSError`` met while writing
    ``err.filename`` (else into ``place``)."""
    code, advice = _ADVICE.get(err.errno, (1, err.strerror or "the write failed"))
    where = err.filename or place
    target = f" {where}" if where and where == err.filename else f" into {where}" if where else ""
    return (AssetError if code == 2 else RenderError)(f"cannot write{target}: {advice}")
