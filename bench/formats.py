"""Every video format from one render: the time for MP4 + WebM + GIF over the time for MP4 alone.

Each scene is rendered at the lecture's default quality (720p30) first with the default formats
(MP4 and poster, plus the deck's frames every video render writes), then with WebM and GIF too,
alternating, in one run. Target: at most 1.3x (a second Manim render per format cost 2x and
more). LaTeX is compiled once beforehand, as every build after a folder's first finds it in
``out/.tex-cache``. ``python bench/formats.py ID ...`` measures those scenes.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from _common import cli, wall

from assets import jobs, options

SCENES = ("gd-vs-sgd", "level-set-walk", "epoch-shuffle")
ALL = ("mp4", "webm", "gif", "png-poster")
REPEAT = 2  # each variant twice, alternating; the faster of each is compared (a shared machine)


def seconds(asset_id: str, out: Path, formats) -> float:
    (job,) = jobs.plan([asset_id], out=out, formats=formats)
    started = time.perf_counter()
    jobs.run(job)
    return time.perf_counter() - started


def main() -> None:
    chosen = sys.argv[1:] or SCENES
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        wall(cli("build", "--only", ",".join(chosen), "--format", "png-poster", "--out", str(out)))
        alone_total = every_total = 0.0
        for asset_id in chosen:
            alone, every = [], []
            for _ in range(REPEAT):
                alone.append(seconds(asset_id, out, options.DEFAULT_FORMATS["scene"]))
                every.append(seconds(asset_id, out, ALL))
            alone_s, every_s = min(alone), min(every)
            alone_total, every_total = alone_total + alone_s, every_total + every_s
            print(f"  {asset_id:22s} MP4 {alone_s:5.1f} s, MP4 + WebM + GIF {every_s:5.1f} s: "
                  f"{every_s / alone_s:4.2f}x")
        print(f"all {len(chosen)} scenes: MP4 {alone_total:.1f} s, MP4 + WebM + GIF "
              f"{every_total:.1f} s: {every_total / alone_total:.2f}x (target <= 1.3x)")


if __name__ == "__main__":
    main()
