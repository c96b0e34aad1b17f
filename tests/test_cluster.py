"""Builds on a Dask cluster (``build --scheduler``), against LocalClusters on loopback: the same
files and cache as a local build, workers with other sources refused, a killed worker's task
run again elsewhere, a killed build taking its local cluster along."""
import os
import signal
from pathlib import Path

import psutil
import pytest

from assets import build, jobs, manifest
from tests.conftest import consistent, run_build, states, wait_for

FIGURES = ("gradient-level-sets", "convexity", "loss-as-sum")
SCENE = "gd-vs-sgd"


def _files(out: Path) -> dict[str, bytes]:
    """Every output file below ``out`` except the build's bookkeeping, by relative name."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.parent.name != "logs" and p.name != "manifest.json"
            and not p.name.startswith(".") and not p.parent.name.startswith(".")}


def _entries(out: Path) -> dict:
    """The manifest without the render times, which no two builds share."""
    return {stem: {k: v for k, v in entry.items() if k != "seconds"}
            for stem, entry in manifest.load(out).items()}


def test_cluster_build_writes_what_a_local_build_writes_and_shares_its_cache(tmp_path):
    only = ",".join((*FIGURES, SCENE))
    here, there = tmp_path / "local" / "out", tmp_path / "cluster" / "out"  # snippets name it
    local = run_build(here, "--only", only, "--jobs", "2")
    assert states(local) == dict.fromkeys((*FIGURES, SCENE), "done")
    remote = run_build(there, "--only", only, "--scheduler", "local:2")
    assert states(remote) == dict.fromkeys((*FIGURES, SCENE), "done")
    consistent(there)
    local_files, cluster_files = _files(here), _files(there)
    assert sorted(cluster_files) == sorted(local_files)
    differ = [name for name in local_files if local_files[name] != cluster_files[name]]
    assert not differ, differ
    assert _entries(there) == _entries(here)

    again = run_build(there, "--only", only)  # the local build: nothing to do
    assert states(again) == dict.fromkeys((*FIGURES, SCENE), "cached")


def test_a_worker_with_other_sources_refuses_in_one_line(tmp_path, monkeypatch):
    """The build's theme.py differs from the workers' (as on a worker left at another commit)."""
    honest = build.Keys.digest
    monkeypatch.setattr(build.Keys, "digest", lambda self, path: "0" * 64
                        if path.name == "theme.py" else honest(self, path))
    job_list = jobs.plan([FIGURES[0]], out=tmp_path)
    (outcome,) = build.build(job_list, tmp_path, workers=1, report=lambda *_: None,
                             scheduler="local:1")
    assert outcome.state == "failed" and outcome.exit_code == 2
    assert "runs other sources than this build: theme.py differs" in outcome.message
    assert "\n" not in outcome.message
    assert FIGURES[0] not in manifest.load(tmp_path)  # nothing written, nothing recorded
    assert not any(p.name.startswith(FIGURES[0]) for p in tmp_path.iterdir())


@pytest.mark.parametrize("address, why", [
    ("local:0", "local:N"), ("nowhere", "tcp://HOST:PORT"),
    ("tcp://127.0.0.1:9", "no Dask scheduler answers at tcp://127.0.0.1:9"),
])
def test_a_bad_or_silent_scheduler_is_one_line(tmp_path, address, why):
    result = run_build(tmp_path, "--only", FIGURES[0], "--scheduler", address)
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and why in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def _scene_render(build_process: psutil.Process) -> psutil.Process | None:
    """The Manim process rendering the scene, below the build's cluster."""
    for child in build_process.children(recursive=True):
        try:
            if "assets.scene_worker" in " ".join(child.cmdline()):
                return child
        except psutil.NoSuchProcess:
            continue
    return None


def test_a_worker_killed_mid_render_has_its_task_run_again_elsewhere(tmp_path):
    running = run_build(tmp_path, "--only", f"{FIGURES[0]},{SCENE}", "--scheduler", "local:2",
                        wait=False)
    process = psutil.Process(running.pid)
    render = wait_for(lambda: _scene_render(process))
    worker = render.parent()  # the Dask worker process running the task
    worker.send_signal(signal.SIGKILL)
    stdout, stderr = running.communicate(timeout=600)
    assert running.returncode == 0, stdout + stderr
    assert not render.is_running() or render.status() == psutil.STATUS_ZOMBIE
    entries = manifest.load(tmp_path)
    assert {s: e["status"] for s, e in entries.items()} == {FIGURES[0]: "done", SCENE: "done"}
    consistent(tmp_path)
    listed = {name for e in entries.values() for name in e["files"]}
    made = {p.name for p in tmp_path.iterdir() if p.name.startswith((FIGURES[0], SCENE))}
    assert made == listed  # nothing lost, nothing twice, no stage folder left


def test_a_killed_build_takes_its_local_cluster_along_and_the_next_build_finishes(tmp_path):
    running = run_build(tmp_path, "--only", SCENE, "--scheduler", "local:1", wait=False)
    process = psutil.Process(running.pid)
    wait_for(lambda: _scene_render(process))
    family = process.children(recursive=True)
    os.kill(running.pid, signal.SIGKILL)
    running.communicate()
    gone, alive = psutil.wait_procs(family, timeout=30)
    assert not alive, [p.cmdline() for p in alive]
    consistent(tmp_path)
    finished = run_build(tmp_path, "--only", SCENE, "--scheduler", "local:1")
    assert states(finished) == {SCENE: "done"}
    consistent(tmp_path)
