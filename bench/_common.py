"""Shared by the benchmarks: the project on sys.path, a wall clock for commands, a results line."""
from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable


def wall(command: list[str], repeat: int = 1, **kwargs) -> float:
    """Median wall time of a command over ``repeat`` runs, in seconds; fails loudly."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True, **kwargs)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def cores_busy(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and its children ÷ wall): how many cores it kept
    busy on average, the ceiling of what running it in parallel can gain."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = wall(command)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu / seconds


def cli(*args: str) -> list[str]:
    return [PYTHON, "cli.py", *args]
