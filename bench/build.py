"""The lecture build: no-op rebuild, parallel speed-up, publishing the decks, and plain
``manim render`` for comparison.

Targets: a rebuild with nothing changed under 1 s and under 2 % of the full
build; ``--jobs 2`` at least 1.7x faster than ``--jobs 1`` on two cores. The
cores a ``--jobs 1`` build already keeps busy bound that speed-up; it is printed.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from _common import PYTHON, cli, cores_busy, wall

from assets import catalogue, outdir

QUALITY = "medium"  # the default lecture build


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        one, busy = cores_busy(cli("build", "--quality", QUALITY, "--jobs", "1",
                                   "--out", f"{tmp}/one"))
        two = wall(cli("build", "--quality", QUALITY, "--jobs", "2", "--out", f"{tmp}/two"))
        print(f"full build: --jobs 1 {one:.1f} s, --jobs 2 {two:.1f} s, speed-up {one / two:.2f}x "
              f"(target >= 1.7x); --jobs 1 already keeps {busy:.2f} cores busy (the encoders run "
              f"on threads beside the drawing), so two cores allow at most {2 / busy:.2f}x: "
              f"its CPU time spread over both cores would take {one * busy / 2:.1f} s")
        noop = wall(cli("build", "--quality", QUALITY, "--out", f"{tmp}/two"), repeat=5)
        print(f"no-op rebuild: {noop:.2f} s (target < 1 s), {100 * noop / two:.2f} % of the full "
              f"build (target < 2 %)")
        record = Path(tmp, "two", outdir.PUBLISHED)
        republish = []
        for _ in range(3):  # forget what was published: every deck and the page written again
            os.remove(record)
            republish.append(wall(cli("build", "--quality", QUALITY, "--out", f"{tmp}/two")))
        print(f"publishing every deck and the page again (a no-op build without "
              f"{outdir.PUBLISHED}): {min(republish):.2f} s, {min(republish) - noop:.2f} s more "
              f"than a no-op")
        commands = [[PYTHON, "-m", "manim", "render", "-qm", "--media_dir", f"{tmp}/manim",
                     str(Path(a.source)), a.cls] for a in catalogue.select("scene")]
        first = sum(wall(c) for c in commands)  # fills Manim's own partial-movie cache
        again = sum(wall(c) for c in commands)
        print(f"'manim render -qm' of every scene file: {first:.1f} s, then with nothing changed "
              f"{again:.1f} s (its own cache), {again / noop:.0f}x our no-op rebuild")


if __name__ == "__main__":
    main()
