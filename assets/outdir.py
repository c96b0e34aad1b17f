"""The output folder's rules: which folders the build may use, which names in them are its own,
and that every write stays inside.

An output folder is the build's own: it is new or empty when the build first
uses it, and from then on holds the stamp ``.gd-lecture`` (a folder an older
build made, with its ``.build.lock``, is stamped on first use). A folder that
holds anything else is refused, so the build's ``index.html``, ``manifest.json``,
``beamer/`` and ``snippets/`` never land on files of yours. Inside its folder
the build deletes only its own scratch names, ``.NAME.gdl-PID.tmp`` (a file
being written), ``.NAME.gdl-PID.old`` (a folder being replaced) and
``.STEM.gdl-PID.stage`` (a render's private folder), of processes no longer
running, as regular files or real folders, never through a link. A folder of
its own (``beamer``, ``logs``...) or lock file that is a link is refused, not
followed.
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

STAMP = ".gd-lecture"
STAMP_TEXT = ("This folder is the output of the lecture build (cli.py build / render): it\n"
              "rewrites and deletes files here. Keep your own files elsewhere.\n")
LOCK = ".build.lock"
PUBLISHED = ".published.json"  # what the decks and page of each variant were written from
TEX_CACHE = ".tex-cache"
# Folders the build writes into, below the output folder.
OWN_FOLDERS = (TEX_CACHE, "beamer", "snippets", "slides", "logs")
LEFTOVER = re.compile(r"^\..+\.gdl-(\d+)\.(tmp|old|stage)$")
NAME_KEPT = 100  # characters of a target's name kept in its scratch name (names stay < 255)


def scratch(target: Path, kind: str, pid: int | None = None) -> Path:
    """The scratch name beside ``target`` of process ``pid`` (default: this one):
    ``.NAME.gdl-PID.KIND``, kind ``tmp``, ``old`` or ``stage``."""
    return target.with_name(f".{target.name[:NAME_KEPT]}.gdl-{pid or os.getpid()}.{kind}")


def check_root(out: Path) -> Path:
    """``out``, resolved, if it may be an output folder; ``AssetError`` (exit 2) for the root of the
    file system, the home folder, this repository's root or any folder holding it, a file, and
    a folder holding files the build did not make (see ``claim``)."""
    resolved = Path(out).resolve()
    refused = {Path("/"): "the root of the file system", Path.home().resolve(): "your home folder"}
    for place in (ROOT, *ROOT.parents):
        refused.setdefault(place, "the repository's root" if place == ROOT
                           else "a folder that holds this repository")
    if resolved in refused:
        raise AssetError(f"--out {str(out) or repr('')} is {refused[resolved]}; the build keeps "
                         "its files in a folder of their own: use e.g. --out out")
    if resolved.exists() and not resolved.is_dir():
        raise AssetError(f"--out {out} is a file, not a folder; choose a folder")
    if resolved.is_dir() and not _own_folder(resolved):
        found = sorted(os.listdir(resolved))
        shown = ", ".join(found[:3]) + (", ..." if len(found) > 3 else "")
        raise AssetError(f"--out {out} holds files the build did not make ({shown}); it writes "
                         "index.html, manifest.json, beamer/ and snippets/ beside its figures, so "
                         f"it keeps a folder of its own: choose a new or empty one, e.g. --out "
                         f"{Path(out) / 'lecture-out'}")
    return resolved


def _own_folder(folder: Path) -> bool:
    """Stamped, empty, or made by an older build (its lock file is there)."""
    path = folder / STAMP
    if path.is_symlink():
        return False
    return path.is_file() or not any(folder.iterdir()) or (folder / LOCK).is_file()


def claim(out: Path) -> None:
    """Create ``out`` if needed and stamp it as the build's own (``check_root`` first)."""
    out.mkdir(parents=True, exist_ok=True)
    stamp = out / STAMP
    if not stamp.is_file():
        stamp.write_text(STAMP_TEXT, encoding="utf-8")


def _link_error(path: Path, out: Path) -> AssetError:
    return AssetError(f"{path} is a link (to {os.path.realpath(path)}); the build writes only "
                      f"inside {out}: remove the link, or choose another --out")


def check_folders(out: Path) -> None:
    """Refuse an output folder whose own sub-folders or lock file are links (or not folders)."""
    for name in (*OWN_FOLDERS, LOCK, PUBLISHED):
        path = out / name
        if path.is_symlink():
            raise _link_error(path, out)
        if name in OWN_FOLDERS and path.exists() and not path.is_dir():
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
    """A leftover of the build: its name pattern, a process no longer running, and a regular file
    or a real folder."""
    match = LEFTOVER.match(path.name)
    if not match or _running(int(match.group(1))):
        return False
    mode = os.lstat(path).st_mode
    return stat.S_ISREG(mode) or stat.S_ISDIR(mode)


def _running(pid: int) -> bool:
    """A live process has this pid (a zombie, dead but not yet reaped by its new parent, is not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except (OSError, IndexError):
        return True
    return state not in ("Z", "X")


def remove(path: Path) -> None:
    """Delete ``path`` if there: a real folder with what it holds, anything else (a file, a link)
    by its name alone; a link is never followed."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)  # never follows links inside
    elif path.is_symlink() or path.exists():
        path.unlink()


def sweep(out: Path) -> list[Path]:
    """Remove what killed builds left behind in ``out`` and its own folders; returns what went.

    Only the build's own names (``LEFTOVER``), only as regular files or real
    folders; folders that are links are not entered (``check_folders`` refuses them).
    """
    removed = []
    folders = [out, *(out / name for name in OWN_FOLDERS)]
    slides = out / "slides"  # the browser deck keeps its media in folders of their own
    if slides.is_dir() and not slides.is_symlink():
        folders += [Path(root) / d for root, dirs, _ in os.walk(slides) for d in dirs
                    if not (Path(root) / d).is_symlink()]
    for folder in folders:
        if folder.is_symlink() or not folder.is_dir():
            continue
        for path in folder.iterdir():
            if _own(path):
                remove(path)
                removed.append(path)
    return removed


# errno → (exit code, what to do): a place that cannot take the files is bad input (2);
# a write that fails part-way is a failed write (1).
_ADVICE = {
    errno.ENOSPC: (1, "the disk is full: free some space or write elsewhere"),
    errno.EDQUOT: (1, "the disk quota is used up: free some space or write elsewhere"),
    errno.EIO: (1, "the disk reported an input/output error"),
    errno.EACCES: (2, "no permission: choose a folder you can write to"),
    errno.EPERM: (2, "no permission: choose a folder you can write to"),
    errno.EROFS: (2, "the file system is read-only: choose a writable folder"),
    errno.ENOTDIR: (2, "a part of the path is a file, not a folder"),
    errno.EISDIR: (2, "a folder is in the way: move it, or choose another name"),
    errno.ENOTEMPTY: (2, "a folder is in the way: move it, or choose another name"),
    errno.ENAMETOOLONG: (2, "the name is too long: choose a shorter path"),
    errno.ELOOP: (2, "too many links on the way (a loop), or a link where the build allows none"),
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


def write_error(err: OSError, place: Path | str | None = None) -> AssetError | RenderError:
    """The one-line error, with the right exit code, for an ``OSError`` met while writing: it
    names the file written (a rename's target), else ``place``."""
    code, advice = _ADVICE.get(err.errno, (1, err.strerror or "the write failed"))
    named = err.filename2 or err.filename
    target = f" {named}" if named else f" into {place}" if place else ""
    return (AssetError if code == 2 else RenderError)(f"cannot write{target}: {advice}")
