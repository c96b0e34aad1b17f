"""Benchmarks, measured in one run on this machine: CLI start-up and render times.

Prints each measurement with the ratio it is judged by, so results stay
comparable on a busy, shared machine. Run with ``make bench``.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assets import catalogue, jobs  # noqa: E402


def wall(command: list[str], repeat: int = 5) -> float:
    """Median wall time of a command, in seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def startup() -> None:
    bare = wall([sys.executable, "-c", "pass"])
    listing = wall([sys.executable, "cli.py", "list"])
    print(f"cli.py list: {listing:.3f} s (target < 0.5 s); bare python: {bare:.3f} s; "
          f"ratio {listing / bare:.1f}x")


def renders() -> None:
    with tempfile.TemporaryDirectory() as out:
        for kind, quality in (("figure", "medium"), ("scene", "medium")):
            total = 0.0
            for asset in catalogue.select(kind):
                (job,) = jobs.plan([asset.id], out=Path(out), quality=quality)
                started = time.perf_counter()
                jobs.run(job)
                seconds = time.perf_counter() - started
                total += seconds
                print(f"{kind} {asset.id}: {seconds:.2f} s")
            print(f"all {kind}s: {total:.2f} s")


if __name__ == "__main__":
    startup()
    renders()
