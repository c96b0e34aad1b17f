"""The floor a scene is measured against: its own poster held still for its whole duration.

Every frame is still rasterized and encoded (``frozen_frame=False``), by the same
camera, writer and outputs (the MP4 and the deck's frames) as the scenes, so this
costs what any scene of that length and size must cost, with nothing moving.
Run as ``python bench/floor.py POSTER SECONDS QUALITY MEDIA_DIR``.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from _common import ROOT  # noqa: F401 - puts the project on sys.path

from manim import ImageMobject, Scene, config

from assets import options, scene_worker, video


class Floor(Scene):
    poster: str
    seconds: float

    def construct(self):
        self.add(ImageMobject(self.poster).set(height=config.frame_height))
        self.wait(self.seconds, frozen_frame=False)


def main() -> None:
    poster, seconds, quality, media = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
    Path(media).mkdir(parents=True, exist_ok=True)
    media = tempfile.mkdtemp(dir=media)  # a fresh folder for each floor's files
    config.pixel_width, config.pixel_height = options.pixel_size(quality, "16:9")
    config.frame_rate = options.QUALITIES[quality][1]
    config.format = "mp4"
    config.media_dir = media
    config.disable_caching = True
    config.progress_bar = "none"
    config.verbosity = "WARNING"
    Floor.poster, Floor.seconds = poster, seconds
    made, _ = scene_worker.outputs({"media_dir": media, "stem": "floor"}, ["mp4"])
    fanout = video.Fanout(made)
    Floor(renderer=scene_worker.renderer(fanout)).render()  # drawn and encoded as scenes are


if __name__ == "__main__":
    main()
