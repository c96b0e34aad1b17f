"""Scenes at 1080p60: render time, frames per second, and the ratio to each scene's floor.

The floor (bench/floor.py) is a scene of the same length that only holds a
still image: the cost of rasterizing and encoding alone. Target: every scene
within 3x of its floor; the whole set at 1080p60 under 5 minutes with both
cores used (``build --jobs 2``). ``python bench/scenes.py ID ...`` measures only those scenes
(and skips the whole-set build). LaTeX is compiled once beforehand, as every build after a
folder's first finds it in ``out/.tex-cache``: the floor has no LaTeX to compare with.
"""
from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from _common import PYTHON, ROOT, cli, wall

from assets import catalogue, jobs

QUALITY = "high"


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        chosen = sys.argv[1:]
        scenes = [a for a in catalogue.select("scene") if not chosen or a.id in chosen]
        warm = wall(cli("build", "--only", ",".join(a.id for a in scenes), "--format", "png-poster",
                        "--out", str(out)))
        print(f"LaTeX compiled for {len(scenes)} scenes (posters only): {warm:.0f} s")
        for asset in scenes:
            (job,) = jobs.plan([asset.id], out=out, quality=QUALITY)
            started = time.perf_counter()
            jobs.run(job)
            seconds = time.perf_counter() - started
            played = json.loads((out / f"{asset.id}.json").read_text())
            floor = wall([PYTHON, str(ROOT / "bench" / "floor.py"), str(out / f"{asset.id}.png"),
                          str(played["duration"]), QUALITY, str(out / "floor-media")])
            rows.append((asset.id, played["duration"], played["frames"], seconds, floor))
            print(f"  {asset.id:24s} {played['duration']:5.1f} s of video, {seconds:6.1f} s to "
                  f"render ({played['frames'] / seconds:5.1f} frames/s), floor {floor:5.1f} s, "
                  f"ratio {seconds / floor:4.2f}x (target <= 3x)")
        worst = max(rows, key=lambda r: r[3] / r[4])
        print(f"worst ratio: {worst[0]} {worst[3] / worst[4]:.2f}x")
        if chosen:
            return
        whole = wall(cli("build", "--kind", "scene", "--quality", QUALITY, "--jobs", "2",
                         "--force", "--out", str(out)))
        print(f"whole scene set at 1080p60, --jobs 2: {whole:.0f} s (target < 300 s); "
              f"one after the other: {sum(r[3] for r in rows):.0f} s")


if __name__ == "__main__":
    main()
