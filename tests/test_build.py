"""The lecture build: cache, parameter changes, --force, interruption, the lock, confinement."""
import fcntl
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from assets import build, catalogue, jobs, manifest, outdir, tex_cache
from assets.errors import AssetError
from tests.conftest import ROOT, consistent, run_build, states, wait_for

FIGURE, SCENE = "gradient-level-sets", "gd-vs-sgd"


def test_rebuild_skips_then_one_parameter_change_rerenders_one_asset(tmp_path):
    first = run_build(tmp_path, "--only", f"{FIGURE},{SCENE}")
    assert first.returncode == 0, first.stderr
    assert states(first) == {FIGURE: "done", SCENE: "done"}
    mtimes = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir() if p.is_file()}

    again = run_build(tmp_path, "--only", f"{FIGURE},{SCENE}")
    assert states(again) == {FIGURE: "cached", SCENE: "cached"}
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir() if p.is_file()} == mtimes

    changed = run_build(tmp_path, "--only", f"{FIGURE},{SCENE}", "--set", f"{FIGURE}.points=4")
    assert states(changed) == {FIGURE: "done", SCENE: "cached"}
    assert manifest.load(tmp_path)[FIGURE]["params"]["points"] == 4

    forced = run_build(tmp_path, "--only", FIGURE, "--set", f"{FIGURE}.points=4", "--force")
    assert states(forced) == {FIGURE: "done"}
    consistent(tmp_path)


def test_cache_key_follows_sources_params_and_choices(tmp_path):
    figure, scene = jobs.plan([FIGURE, SCENE], out=tmp_path)
    keys = build.Keys()
    base = {j.stem: keys.key(j) for j in (figure, scene)}
    assert base == {j.stem: build.Keys().key(j) for j in (figure, scene)}  # stable

    edited_theme = build.Keys()
    edited_theme._digests[ROOT / "theme.py"] = "edited"
    assert all(edited_theme.key(j) != base[j.stem] for j in (figure, scene))

    edited_scene = build.Keys()
    edited_scene._digests[scene.asset.source] = "edited"
    assert edited_scene.key(figure) == base[figure.stem]
    assert edited_scene.key(scene) != base[scene.stem]

    (dark,) = jobs.plan([FIGURE], out=tmp_path, theme="dark")
    (seeded,) = jobs.plan([FIGURE], out=tmp_path, seed=1)
    assert len({base[FIGURE], keys.key(dark), keys.key(seeded)}) == 3


def _scene_worker_pid(out: Path):
    listing = subprocess.run(["pgrep", "-f", f"assets.scene_worker.*{out}"],
                             capture_output=True, text=True).stdout.split()
    return int(listing[0]) if listing else None


def test_killed_render_leaves_files_intact_and_the_next_build_finishes(tmp_path):
    assert run_build(tmp_path, "--only", FIGURE).returncode == 0
    figure_files = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()
                    and p.name.startswith(FIGURE)}

    running = run_build(tmp_path, "--only", f"{FIGURE},{SCENE}", "--force", "--jobs", "1",
                        wait=False)
    os.kill(wait_for(lambda: _scene_worker_pid(tmp_path)), signal.SIGKILL)
    stdout, stderr = running.communicate(timeout=300)
    assert running.returncode == 1
    assert f"error: {SCENE}: render failed" in stderr and "Traceback" not in stderr
    consistent(tmp_path)
    assert not (tmp_path / f"{SCENE}.mp4").exists()
    assert manifest.load(tmp_path)[SCENE]["status"] == "failed"

    # now kill the whole build mid-render, then let the next one finish
    running = run_build(tmp_path, "--only", f"{FIGURE},{SCENE}", "--jobs", "1", wait=False)
    wait_for(lambda: _scene_worker_pid(tmp_path))
    os.killpg(running.pid, signal.SIGKILL)
    running.communicate(timeout=60)
    consistent(tmp_path)

    final = run_build(tmp_path, "--only", f"{FIGURE},{SCENE}")
    assert final.returncode == 0, final.stderr
    assert states(final)[SCENE] == "done"
    consistent(tmp_path)
    # lock, shared TeX (no leftovers), stamp, what the decks were published from
    kept = (build.LOCK, tex_cache.FOLDER, outdir.STAMP, outdir.PUBLISHED)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".") and p.name not in kept]
    assert not list((tmp_path / tex_cache.FOLDER).glob(".*"))
    for name, content in figure_files.items():
        assert (tmp_path / name).read_bytes() == content


def test_second_build_waits_for_the_first(tmp_path):
    tmp_path.mkdir(exist_ok=True)
    with open(tmp_path / build.LOCK, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        waiting = run_build(tmp_path, "--only", FIGURE, wait=False)
        time.sleep(2.0)
        assert waiting.poll() is None  # still waiting, nothing written
        assert not (tmp_path / f"{FIGURE}.pdf").exists()
        fcntl.flock(held, fcntl.LOCK_UN)
    stdout, _ = waiting.communicate(timeout=120)
    assert waiting.returncode == 0
    assert "waiting for another build" in stdout and (tmp_path / f"{FIGURE}.pdf").exists()


def test_outputs_cannot_leave_the_output_folder(tmp_path):
    asset = catalogue.get(FIGURE)
    evil = jobs.Job(**{**jobs.plan([FIGURE], out=tmp_path)[0].__dict__,
                       "asset": type(asset)(**{**asset.__dict__, "id": "../escape"})})
    with pytest.raises(AssetError, match="outside"):
        jobs.confined(evil.out, evil.stem)
    result = run_build(tmp_path, "--only", "../escape")
    assert result.returncode == 2 and "unknown asset" in result.stderr


def test_manifest_records_hashes_params_and_versions(tmp_path):
    assert run_build(tmp_path, "--only", FIGURE).returncode == 0
    entry = json.loads((tmp_path / "manifest.json").read_text())["assets"][FIGURE]
    assert entry["status"] == "done" and entry["versions"]["matplotlib"]
    assert set(entry["files"]) == {f"{FIGURE}.{e}" for e in ("pdf", "svg", "png", "json")}
    assert entry["params"] == catalogue.get(FIGURE).defaults()


def _processes_using(out: Path) -> list[str]:
    """Command lines of live processes (other than pgrep) that name ``out``."""
    listing = subprocess.run(["pgrep", "-af", str(out)], capture_output=True, text=True).stdout
    return [line for line in listing.splitlines() if "pgrep" not in line]


def _workers_of(pid: int) -> list[int]:
    """The build's forked render workers (not multiprocessing's resource tracker)."""
    listing = subprocess.run(["pgrep", "-P", str(pid), "-f", "cli.py build"],
                             capture_output=True, text=True).stdout
    return [int(p) for p in listing.split()]


@pytest.mark.parametrize("delay", [0.0, 0.3, 1.0])
def test_a_build_killed_during_a_parameter_change_leaves_the_manifest_true(tmp_path, delay):
    # Workers outlived a build killed with SIGKILL and moved lr=0.05 files into place after
    # the manifest was last saved: the PDF said lr 0.05, the manifest lr 0.2 and the old hash.
    figure = "gd-sgd-minibatch"
    assert run_build(tmp_path, "--kind", "figure", "--only", figure).returncode == 0
    before = manifest.load(tmp_path)[figure]
    running = run_build(tmp_path, "--kind", "figure", "--only", figure, "--set", "lr=0.05",
                        wait=False)
    workers = wait_for(lambda: _workers_of(running.pid))
    time.sleep(delay)
    os.kill(running.pid, signal.SIGKILL)  # the build only: its workers must go with it
    running.wait(timeout=60)  # not communicate(): a surviving worker would hold its stdout open
    wait_for(lambda: not any(_alive(w) for w in workers), timeout=1.0)  # at once, not done
    time.sleep(1.0)  # what a surviving worker would have moved into place by now
    consistent(tmp_path)
    entry = manifest.load(tmp_path).get(figure, {})
    sidecar = json.loads((tmp_path / f"{figure}.json").read_text())
    if entry.get("status") == "done":
        assert entry["params"]["lr"] == sidecar["params"]["lr"]
        assert entry["files"] == before["files"] or entry["params"]["lr"] == 0.05
    final = run_build(tmp_path, "--kind", "figure", "--only", figure, "--set", "lr=0.05")
    assert final.returncode == 0, final.stderr
    consistent(tmp_path)
    assert json.loads((tmp_path / f"{figure}.json").read_text())["params"]["lr"] == 0.05
    assert not [p for p in tmp_path.iterdir() if outdir.LEFTOVER.match(p.name)]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = Path(f"/proc/{pid}/stat")
    return not (state.exists() and state.read_text().split(") ")[1].startswith("Z"))


def test_two_builds_on_one_folder_take_turns_publishing_included(tmp_path):
    # Deck frames were written outside the lock into a shared staging name, and one build
    # deleted it while the other wrote: a FileNotFoundError traceback, 3 of 3 rounds.
    # The first renders; the second finds it all done and publishes (deck frames) at once.
    args = ("--only", f"{SCENE},{FIGURE}", "--jobs", "1")
    first, second = run_build(tmp_path, *args, wait=False), run_build(tmp_path, *args, wait=False)
    for running in (first, second):
        stdout, stderr = running.communicate(timeout=300)
        assert running.returncode == 0, stdout + stderr
        assert "Traceback" not in stderr
    consistent(tmp_path)
    assert list((tmp_path / f"{SCENE}-deck").glob("*.jpg"))
    assert not [p for p in tmp_path.rglob(".*") if outdir.LEFTOVER.match(p.name)]


def test_input_the_mathematics_refuses_leaves_the_manifest_as_it_was(tmp_path):
    # A point outside the plotted window passes the bounds but not the mathematics: one line,
    # exit 2, and no failed manifest entry left behind (the previous files stay described).
    figure, args = "gradient-steepest-ascent", ("--kind", "figure", "--only")
    refused = run_build(tmp_path, *args, figure, "--set", "point_x=-5", "--set", "point_y=-5")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert refused.stderr.startswith(f"error: {figure}: the point (-5.0, -5.0) is outside")
    assert figure not in manifest.load(tmp_path)
    assert run_build(tmp_path, *args, figure).returncode == 0
    before = manifest.load(tmp_path)[figure]
    again = run_build(tmp_path, *args, figure, "--set", "point_x=-5", "--set", "point_y=-5")
    assert again.returncode == 2 and manifest.load(tmp_path)[figure] == before
    consistent(tmp_path)


def test_an_unforeseen_render_error_says_what_failed_in_one_line(tmp_path):
    # A failing LaTeX label was reported as its last traceback line, the LaTeX command's
    # "Transcript written on file.log.", never saying that LaTeX failed.
    outdir.claim(tmp_path)
    (job,) = jobs.plan([FIGURE], out=tmp_path)
    try:
        raise RuntimeError("latex was not able to process the following string:\nb'lp'\n\n"
                           "Here is the full command invocation and its output:\n\nlatex ...\n"
                           "Transcript written on file.log.")
    except RuntimeError as err:
        message = build._message(job, err)
    assert message.startswith(f"{FIGURE}: RuntimeError: latex was not able to process the "
                              "following string: b'lp' (full log: ")
