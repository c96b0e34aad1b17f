"""Render one scene in this process: ``python -m assets.scene_worker '<json spec>'``.

Sets Manim's process-global config from the spec, renders the scene once
(every requested video format written from the same frames, see
``assets.video``), saves the last frame as the poster, and prints one JSON
line: the files produced, the frames and seconds played, the timed sections.
"""
from __future__ import annotations

import contextlib
import importlib
import json
import sys
from pathlib import Path
from types import SimpleNamespace

from assets import cairo_camera, clips, frame_writer, options, sections, tex_cache, video
from assets.scene_render import USER_ERROR_EXIT
from sim.errors import SimError

FRAME_HEIGHT = 8.0  # Manim units; the width follows the aspect ratio


def configure(spec: dict) -> None:
    from manim import config

    import theme as theme_module

    width, height = options.pixel_size(spec["quality"], spec["aspect"])
    config.pixel_width, config.pixel_height = width, height
    config.frame_rate = spec["fps"] or options.QUALITIES[spec["quality"]][1]
    config.frame_height = FRAME_HEIGHT
    config.frame_width = FRAME_HEIGHT * options.ASPECT_RATIOS[spec["aspect"]]
    config.background_color = theme_module.THEMES[spec["theme"]].background
    config.media_dir = spec["media_dir"]
    config.output_file = spec["stem"]
    config.disable_caching = True  # each job has a fresh media dir: hashing would only cost time
    config.progress_bar = "none"
    config.verbosity = "WARNING"
    tex_cache.share(Path(spec["tex_cache"]))


def scene_class(spec: dict):
    """The declared scene class, bound to this job's parameters, seed and theme."""
    import theme as theme_module

    base = getattr(importlib.import_module(spec["module"]), spec["cls"])
    return type(base.__name__, (base,), {
        "params": SimpleNamespace(**spec["params"]), "seed": spec["seed"],
        "theme": theme_module.THEMES[spec["theme"]]})


def renderer(fanout=None):
    """Manim's Cairo renderer with this project's camera and, when frames are recorded, a file
    writer that hands them to ``fanout`` (assets/)."""
    from manim import CairoRenderer
    from manim.scene.scene_file_writer import SceneFileWriter

    writer = frame_writer.writer_class(fanout) if fanout else SceneFileWriter
    return CairoRenderer(file_writer_class=writer, camera_class=cairo_camera.camera_class())


def outputs(spec: dict, videos: list[str]) -> tuple[list[video.Output], dict[str, Path]]:
    """One output per requested format (the MP4 and WebM share one), plus the deck's frames, in
    the job's media folder; and the path of each format's file or folder."""
    from manim import config

    size = (config.pixel_width, config.pixel_height, config.frame_rate)
    media = Path(spec["media_dir"])
    paths = {fmt: media / (spec["stem"] + options.SUFFIXES[fmt])
             for fmt in [*videos, options.DECK_FRAMES]}
    made = []
    try:
        movies = {fmt: path for fmt, path in paths.items() if fmt in video.Movie.CODECS}
        if movies:
            made.append(video.Movies(movies, *size, options.VIDEO_ENCODER_OPTIONS))
        if "gif" in paths:
            made.append(video.Gif(paths["gif"], *size))
        for fmt in ("png-sequence", options.DECK_FRAMES):
            if fmt in paths:
                deck = fmt == options.DECK_FRAMES
                made.append(video.Stills(paths[fmt], *size, deck=deck,
                                         deck_fps=spec.get("deck_fps") if deck else None))
    except BaseException:
        with contextlib.suppress(Exception):
            video.Fanout(made).close()
        raise
    return made, paths


def rendered(spec: dict, fanout: video.Fanout | None = None):
    """The scene of ``spec`` after rendering it: every recorded frame goes to ``fanout``; without
    one, Manim skips the animations and draws the last frame only (cheap: tests use it)."""
    from manim import config

    configure(spec)
    config.format = "mp4" if fanout else "png"
    scene = scene_class(spec)(renderer=renderer(fanout))
    try:
        scene.render()
    except BaseException:
        if fanout:  # stop the outputs' threads; the render's own error is the one to tell
            with contextlib.suppress(BaseException):
                fanout.close()
        raise
    if fanout:
        fanout.close()  # done by Manim already when the scene played anything
    return scene


def render(spec: dict) -> dict:
    """Render the scene of ``spec`` once; every requested format is written from its frames."""
    from manim import config
    from PIL import Image

    configure(spec)
    videos = [f for f in spec["formats"] if f in options.VIDEO_FORMATS]
    made, paths = outputs(spec, videos) if videos else ([], {})
    fanout = video.Fanout(made) if videos else None
    scene = rendered(spec, fanout)
    files = {fmt: str(path) for fmt, path in paths.items()}
    if "png-poster" in spec["formats"]:
        poster = Path(spec["media_dir"]) / "poster.png"
        Image.fromarray(scene.renderer.get_frame()).convert("RGB").save(poster)
        files["png-poster"] = str(poster)
    if not videos:  # the poster alone: no frames, no timing
        return {"files": files}
    fps = config.frame_rate
    timed = sections.timed(scene.marks, fanout.frames, fps)
    if "mp4" in paths:
        folder = Path(spec["media_dir"]) / (spec["stem"] + options.SUFFIXES[options.SECTION_CLIPS])
        clips.cut(paths["mp4"], timed, folder)
        files[options.SECTION_CLIPS] = str(folder)
    (deck,) = [o for o in made if isinstance(o, video.Stills) and o.deck]
    return {"files": files, "fps": fps, "frames": fanout.frames, "duration": fanout.frames / fps,
            "sections": timed, "deck": deck.record()}


def main() -> None:
    try:
        result = render(json.loads(sys.argv[1]))
    except SimError as err:
        print(err, file=sys.stderr)
        sys.exit(USER_ERROR_EXIT)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
