"""The output folder: the build deletes only its own leftovers, refuses folders that are not for
output, never writes through a link, and says in one line when a place cannot take its files."""
import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assets import outdir
from tests.conftest import ROOT, consistent
from tests.test_cli import one_line_error

FIGURE = "gradient-level-sets"


def render(out, *args):
    return subprocess.run([sys.executable, "cli.py", "render", FIGURE, "--format", "pdf",
                           "--out", str(out), *args], cwd=ROOT, capture_output=True, text=True)


def one_line(result, code: int) -> str:
    """The single 'error:' line on stderr of a finished process with exit code ``code``."""
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def snapshot(folder: Path) -> dict:
    """Every entry below ``folder`` (links not followed): name → bytes, link target or 'dir'."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        found[key] = (f"-> {os.readlink(path)}" if path.is_symlink()
                      else "dir" if path.is_dir() else path.read_bytes())
    return found


DEAD = 999_999_999  # above any pid_max: a process that cannot be running


def test_a_folder_holding_files_the_build_did_not_make_is_refused(tmp_path):
    # The leftovers sweep removed every hidden entry of --out: .ssh, .git and .bashrc went.
    # Now such a folder is not taken at all: the build keeps a folder of its own.
    out = tmp_path / "out"
    user = {".ssh/id_ed25519": b"key", ".git/HEAD": b"ref: refs/heads/main", ".bashrc": b"rc",
            "index.html": b"<h1>my site</h1>", "manifest.json": b'{"name": "my package"}'}
    for name, data in user.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    before = snapshot(out)
    line = one_line(render(out), 2)
    assert "holds files the build did not make" in line and "choose a new or empty" in line
    assert snapshot(out) == before


def test_files_the_build_did_not_make_survive_a_render_in_its_own_folder(tmp_path):
    # Files added to the build's own folder later (a .git to version the slides, notes), and
    # names that only look like the build's scratch names, are never swept.
    out, outside = tmp_path / "out", tmp_path / "outside"
    assert render(out).returncode == 0  # a new folder: the build's own from now on
    user = {".ssh/id_ed25519": b"key", ".git/HEAD": b"ref: refs/heads/main", ".bashrc": b"rc",
            ".thesis.2023.old/chapters/ch1.tex": b"work", ".env.1.tmp": b"mine",
            "snippets/.draft.2.tmp": b"mine", ".notes.gdl-x.tmp": b"mine",
            "beamer/.hidden": b"mine", ".tex-cache/.mine": b"mine"}
    for name, data in user.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    outside.mkdir()
    (outside / ".secret").write_bytes(b"keep")
    (out / f".link.gdl-{DEAD}.tmp").symlink_to(outside)  # the pattern, but a link: left alone
    live = out / f".{FIGURE}.pdf.gdl-{os.getpid()}.tmp"  # a running process's: left alone
    live.write_text("")
    own = [out / f".{FIGURE}.pdf.gdl-{DEAD}.tmp", out / f".{FIGURE}.gdl-{DEAD}.stage",
           out / f".gd-vs-sgd-deck.gdl-{DEAD}.old", out / "beamer" / f".lecture.tex.gdl-{DEAD}.tmp",
           out / ".tex-cache" / f".a.svg.gdl-{DEAD}.tmp"]
    for path in own:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.mkdir() if path.suffix in (".stage", ".old") else path.write_text("")
    result = render(out)
    assert result.returncode == 0, result.stderr
    assert {name: (out / name).read_bytes() for name in user} == user
    assert not [path for path in own if path.exists()] and live.exists()
    assert (out / f".link.gdl-{DEAD}.tmp").is_symlink()
    assert snapshot(outside) == {".secret": b"keep"}


@pytest.mark.parametrize("where, message", [
    ("", "the repository's root"), (".", "the repository's root"), ("/", "root of the file"),
    ("..", "holds this repository"), ("HOME", "your home folder"), ("HOME/", "your home folder"),
    ("LINK", "root of the file"),  # a link to / is / (a case of our own)
    ("~/a/../..", "the repository's root"),  # a literal ~: what is checked is what is written
])
def test_folders_that_are_not_for_output_are_refused(runner, cli, tmp_path, monkeypatch,
                                                     where, message):
    # --out '' from the repository's root deleted .git, .ci and .gitignore; --out / was accepted.
    home = tmp_path / "home"
    home.mkdir()
    (tmp_path / "link").symlink_to("/")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(ROOT)
    where = where.replace("HOME", str(home)).replace("LINK", str(tmp_path / "link"))
    before = {p: snapshot(p) if p != Path("/") else sorted(os.listdir("/"))
              for p in (home, ROOT / ".ci")} | {"root": sorted(os.listdir(ROOT))}
    line = one_line_error(runner.invoke(cli, ["render", FIGURE, "--out", where]))
    assert message in line and "--out" in line
    assert before == {p: snapshot(p) for p in (home, ROOT / ".ci")} | {
        "root": sorted(os.listdir(ROOT))}
    assert not Path("/", outdir.LOCK).exists()


@pytest.mark.parametrize("name", [*outdir.OWN_FOLDERS, outdir.LOCK, outdir.PUBLISHED])
def test_a_link_in_the_output_folder_is_refused_not_followed(tmp_path, name):
    # Links inside out/ (beamer, snippets, .build.lock, .tex-cache) were written through, or swept.
    out, outside = tmp_path / "out", tmp_path / "outside"
    outdir.claim(out)
    outside.mkdir()
    for hidden in (".ssh", ".bashrc", "lecture.tex"):
        (outside / hidden).write_text("mine")
    (out / name).parent.mkdir(parents=True, exist_ok=True)
    is_file = name in (outdir.LOCK, outdir.PUBLISHED)
    (out / name).symlink_to(outside / ".bashrc" if is_file else outside)
    before = snapshot(outside)
    line = one_line(render(out), 2)
    assert "is a link" in line and name.split("/")[-1] in line
    assert snapshot(outside) == before


def test_leftovers_deep_in_the_browser_deck_are_swept_through_no_link(tmp_path):
    # The browser deck keeps media in sub-folders (slides/media/ID-sections/); a build killed
    # while placing one left its scratch file there for good: the sweep looked one level deep.
    out, outside = tmp_path / "out", tmp_path / "outside"
    outdir.claim(out)
    deep = out / "slides" / "media" / "level-set-walk-sections"
    deep.mkdir(parents=True)
    leftover = deep / f".01.mp4.gdl-{DEAD}.tmp"
    leftover.write_bytes(b"half a clip")
    (deep / "01.mp4").write_bytes(b"a clip")
    outside.mkdir()
    (outside / f".x.gdl-{DEAD}.tmp").write_text("not the build's to delete")
    (out / "slides" / "media" / "elsewhere").symlink_to(outside)
    before = snapshot(outside)
    assert outdir.sweep(out) == [leftover]
    assert (deep / "01.mp4").exists() and snapshot(outside) == before


def test_an_output_file_that_is_a_link_is_replaced_not_written_through(tmp_path):
    # A case of our own in the same class: the link itself gives way to the new file.
    out, thesis = tmp_path / "out", tmp_path / "thesis.pdf"
    outdir.claim(out)
    thesis.write_bytes(b"my thesis")
    (out / f"{FIGURE}.pdf").symlink_to(thesis)
    assert render(out).returncode == 0
    assert thesis.read_bytes() == b"my thesis"
    assert not (out / f"{FIGURE}.pdf").is_symlink()
    consistent(out)


def test_a_place_that_cannot_hold_files_is_one_line(tmp_path):
    # --out under a regular file, a 300-character name, --out that is a file: tracebacks once.
    (tmp_path / "file").write_text("x")
    assert "not a folder" in one_line(render(tmp_path / "file" / "out"), 2)
    assert "too long" in one_line(render(tmp_path / ("a" * 300)), 2)
    assert "file" in one_line(render(tmp_path / "file"), 2)


@contextlib.contextmanager
def tmpfs(path: Path, size: str, read_only=False):
    """A small tmpfs at ``path`` (needs root and mount(2); skips the test where either is missing)."""
    path.mkdir()
    options = f"size={size}" + (",ro" if read_only else "")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=True)


def test_a_read_only_output_folder_is_one_line(tmp_path):
    # A read-only --out, and `path -o` into a read-only folder: tracebacks once.
    with tmpfs(tmp_path / "ro", "1m", read_only=True) as out:
        assert "read-only" in one_line(render(out), 2)
        assert "read-only" in one_line(render(out / "sub"), 2)
        exported = subprocess.run([sys.executable, "cli.py", "path", "quadratic", "--lr", "0.1",
                                   "-o", str(out / "gd.csv")], cwd=ROOT, capture_output=True,
                                  text=True)
        assert "read-only" in one_line(exported, 2)


@pytest.mark.parametrize("free_kb", [0, 24, 60])
def test_a_full_disk_is_one_line_and_leaves_nothing_half_written(tmp_path, free_kb):
    # A 3 MB tmpfs, filled up to free_kb: a traceback once; now one line, exit code 1, no
    # temporary files, and a manifest (if any) that describes only complete files.
    with tmpfs(tmp_path / "disk", "3m") as disk:
        out = disk / "out"
        out.mkdir()
        filler = disk / "filler"
        with open(filler, "wb") as handle:
            with contextlib.suppress(OSError):
                handle.write(b"\0" * (3 << 20))
        with open(filler, "r+b") as handle:
            handle.truncate(max(0, filler.stat().st_size - free_kb * 1024))
        result = subprocess.run([sys.executable, "cli.py", "render", FIGURE, "--out", str(out)],
                                cwd=ROOT, capture_output=True, text=True)
        assert "disk is full" in one_line(result, 1)
        leftovers = [p for p in out.rglob("*") if outdir.LEFTOVER.match(p.name)]
        assert not leftovers
        consistent(out)


def test_a_crash_log_replaces_a_link_at_its_name(tmp_path):
    # A failed figure wrote its log through a link at out/logs/ID.log, over a file outside.
    from assets import build, jobs

    outdir.claim(tmp_path)
    (job,) = jobs.plan([FIGURE], out=tmp_path)
    victim, link = tmp_path.parent / f"{tmp_path.name}-victim", tmp_path / "logs" / f"{FIGURE}.log"
    victim.write_text("secret")
    link.parent.mkdir()
    link.symlink_to(victim)
    try:
        raise RuntimeError("boom")
    except RuntimeError as err:
        message = build._message(job, err)
    assert victim.read_text() == "secret" and not link.is_symlink()
    assert "RuntimeError: boom" in message and "Traceback" in link.read_text()


def test_a_pipe_at_an_output_name_is_rendered_over_not_read(tmp_path):
    # A FIFO where the manifest records a file made every build (and the page) hang forever.
    assert render(tmp_path).returncode == 0
    pdf = tmp_path / f"{FIGURE}.pdf"
    pdf.unlink()
    os.mkfifo(pdf)
    result = subprocess.run([sys.executable, "cli.py", "build", "--kind", "figure", "--only",
                             FIGURE, "--format", "pdf", "--out", str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert pdf.is_file() and not pdf.is_symlink()
    consistent(tmp_path)


def test_a_folder_in_the_way_of_an_output_is_named(tmp_path):
    # The line named the scratch file in the stage folder, not the folder in the way.
    outdir.claim(tmp_path)
    (tmp_path / f"{FIGURE}.pdf" / "sub").mkdir(parents=True)
    line = one_line(render(tmp_path), 2)
    assert f"cannot write {tmp_path / f'{FIGURE}.pdf'}: a folder is in the way" in line
