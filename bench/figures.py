"""Figures: every figure in every format, one theme, in one process; and the CLI's start-up.

Targets: the whole figure set under 15 s; ``python cli.py list`` under 0.5 s.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from _common import PYTHON, cli, wall

from assets import catalogue, figure_render, jobs  # noqa: F401 - matplotlib loaded before timing


def main() -> None:
    bare = wall([PYTHON, "-c", "pass"], repeat=5)
    listing = wall(cli("list"), repeat=5)
    print(f"cli.py list: {listing:.3f} s (target < 0.5 s), {listing / bare:.1f}x a bare "
          f"'python -c pass' ({bare:.3f} s)")
    total = 0.0
    with tempfile.TemporaryDirectory() as out:
        for asset in catalogue.select("figure"):
            (job,) = jobs.plan([asset.id], out=Path(out))
            started = time.perf_counter()
            jobs.run(job)
            seconds = time.perf_counter() - started
            total += seconds
            print(f"  {asset.id:28s} {seconds:6.2f} s")
    count = len(catalogue.select("figure"))
    print(f"all {count} figures, PDF + SVG + PNG: {total:.1f} s (target < 15 s), "
          f"{total / count:.2f} s per figure")


if __name__ == "__main__":
    main()
