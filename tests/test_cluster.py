"""Builds on a Dask cluster (``build --scheduler``), against LocalClusters on loopback: the same
files and cache as a local build, workers with other sources refused, a killed worker's task
run again elsewhere, a killed build taking its local cluster along."""
import contextlib
import os
import signal
import socket
import subprocess
import sys
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
    ("tls://127.0.0.1:1", "tcp://HOST:PORT"),  # crashed in Dask (no TLS context)
    ("inproc://x", "tcp://HOST:PORT"), ("127.0.0.1:99999", "tcp://HOST:PORT"),
    ("tcp://127.0.0.1:9", "no Dask scheduler answers at tcp://127.0.0.1:9 (Connection refused)"),
])
def test_a_bad_or_silent_scheduler_is_one_line_and_writes_nothing(tmp_path, address, why):
    out = tmp_path / "out"
    result = run_build(out, "--only", FIGURES[0], "--scheduler", address)
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and why in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not out.exists()


def test_a_scheduler_without_workers_is_one_line(tmp_path):
    """It hung: tasks queued for workers that never came."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    scheduler = subprocess.Popen([str(Path(sys.executable).parent / "dask"), "scheduler",
                                  "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: _listening(port), timeout=60)
        result = run_build(tmp_path, "--only", FIGURES[0], "--scheduler",
                           f"tcp://127.0.0.1:{port}")
    finally:
        scheduler.kill()
        scheduler.wait()
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"error: the Dask scheduler at tcp://127.0.0.1:{port} has "
                                    "no workers")
    assert len(result.stderr.strip().splitlines()) == 1
    assert FIGURES[0] not in manifest.load(tmp_path)


def _listening(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        return True
    return False


def _scene_render(build_process: psutil.Process) -> psutil.Process | None:
    """The Manim process rendering the scene, below the build's cluster."""
    for child in build_process.children(recursive=True):
        try:
            if "assets.scene_worker" in " ".join(child.cmdline()):
                return child
        except psutil.NoSuchProcess:
            continue
    return None


def _kill_the_scene_worker(out: Path):
    """Start a cluster build of a figure and the scene, and kill the Dask worker rendering the
    scene; the build's Popen and the killed render's process."""
    running = run_build(out, "--only", f"{FIGURES[0]},{SCENE}", "--scheduler", "local:2",
                        wait=False)
    render = wait_for(lambda: _scene_render(psutil.Process(running.pid)))
    render.parent().send_signal(signal.SIGKILL)  # the Dask worker process running the task
    return running, render


def test_a_worker_killed_mid_render_has_its_task_run_again_elsewhere(tmp_path):
    running, render = _kill_the_scene_worker(tmp_path)
    stdout, stderr = running.communicate(timeout=600)
    assert running.returncode == 0, stdout + stderr
    assert not render.is_running() or render.status() == psutil.STATUS_ZOMBIE
    entries = manifest.load(tmp_path)
    assert {s: e["status"] for s, e in entries.items()} == {FIGURES[0]: "done", SCENE: "done"}
    consistent(tmp_path)
    listed = {name for e in entries.values() for name in e["files"]}
    made = {p.name for p in tmp_path.iterdir() if p.name.startswith((FIGURES[0], SCENE))}
    assert made == listed  # nothing lost, nothing twice, no stage folder left


def test_a_task_that_kills_every_worker_it_tries_fails_in_one_line(tmp_path, monkeypatch):
    """Dask's KilledWorker text was six lines in the table and the summary."""
    monkeypatch.setenv("DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES", "0")  # the first death
    running, _ = _kill_the_scene_worker(tmp_path)
    stdout, stderr = running.communicate(timeout=600)
    assert running.returncode == 1
    assert stderr == (f"error: {SCENE}: the worker rendering it died, 1 time (Dask's "
                      "allowed-failures); the workers' logs ('dask worker' output) say why\n")
    entries = manifest.load(tmp_path)
    assert {s: e["status"] for s, e in entries.items()} == {FIGURES[0]: "done", SCENE: "failed"}
    consistent(tmp_path)


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
