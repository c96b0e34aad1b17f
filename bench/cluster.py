"""Builds on a Dask cluster against the local build, and how a course-sized sweep scales.

Target: every figure, one scene and an 8-variant sweep of it at low quality, built with
``--scheduler local:2``, take at most 1.15x the time of the same build with ``--jobs 2``
(the cluster's start, its workers' imports and its per-task traffic are the overhead).
Then, on paper: the build time of a course (twelve such lectures) on W workers, from the
per-task times this run recorded, the cluster's start and the Dask scheduler's per-task
overhead, both measured here too.
"""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from _common import cli, wall

from assets import catalogue, manifest

SCENE = "gd-vs-sgd"
RATES = "0.01,0.02,0.05,0.1,0.15,0.2,0.3,0.5"  # learning rates ε of the sweep
QUALITY = "low"
LECTURES = 12  # a course
TRIVIAL_TASKS = 400


def _build(out: str, *how: str) -> list[str]:
    only = ",".join([a.id for a in catalogue.select("figure")] + [SCENE])
    return cli("build", "--quality", QUALITY, "--only", only, "--sweep", f"{SCENE}.lr={RATES}",
               "--out", out, *how)


def _task_seconds(out: str) -> list[float]:
    """Each asset's render seconds, as the build recorded them (the worker's own time)."""
    return [entry["seconds"] for entry in manifest.load(Path(out)).values()]


def _cluster_costs() -> tuple[float, float]:
    """(seconds to start a LocalCluster of 2 and connect, seconds the scheduler adds per task):
    the second from trivial tasks, two running at once."""
    from dask.distributed import Client, LocalCluster

    started = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        client.wait_for_workers(2)
        start = time.perf_counter() - started
        client.gather(client.map(abs, range(-10, 0), pure=False))  # connections made
        started = time.perf_counter()
        client.gather(client.map(abs, range(TRIVIAL_TASKS), pure=False))
        return start, 2 * (time.perf_counter() - started) / TRIVIAL_TASKS


def makespan(seconds: list[float], workers: int, start: float, per_task: float) -> float:
    """On paper: the cluster's start, then the tasks longest first on ``workers``
    (each as long as measured plus the scheduler's per-task overhead)."""
    finish = [0.0] * workers
    for task in sorted(seconds, reverse=True):
        finish[finish.index(min(finish))] += task + per_task
    return start + max(finish)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        local = wall(_build(f"{tmp}/local", "--jobs", "2"))
        remote = wall(_build(f"{tmp}/cluster", "--scheduler", "local:2"))
        tasks = _task_seconds(f"{tmp}/cluster")
    print(f"{len(tasks)} assets (every figure, {SCENE} and 8 variants of its learning rate, "
          f"{QUALITY} quality): --jobs 2 {local:.1f} s, --scheduler local:2 {remote:.1f} s, "
          f"ratio {remote / local:.2f}x (target <= 1.15x)")
    start, per_task = _cluster_costs()
    print(f"per task: median {statistics.median(tasks):.1f} s, longest {max(tasks):.1f} s, "
          f"{sum(tasks):.1f} s in all; a LocalCluster of 2 starts in {start:.1f} s; the scheduler "
          f"adds {1000 * per_task:.1f} ms a task ({TRIVIAL_TASKS} trivial tasks)")
    course = tasks * LECTURES
    one = makespan(course, 1, start, per_task)
    print(f"a course ({LECTURES} such lectures, {len(course)} tasks), on paper:")
    for workers in (1, 2, 4, 8, 16, 32, 64):
        took = makespan(course, workers, start, per_task)
        print(f"  {workers:2d} workers: {took:7.1f} s, speed-up {one / took:5.1f}x")


if __name__ == "__main__":
    main()
