"""Render one scene in this process: ``python -m assets.scene_worker '<json spec>'``.

Sets Manim's process-global config from the spec, renders each requested
video format, saves the last frame as the poster, and prints one JSON line:
the files produced, the frames and seconds played.
"""
from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from types import SimpleNamespace

from assets import cairo_camera, frame_writer, options, tex_cache
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


def renderer():
    """Manim's Cairo renderer with this project's camera and frame writer (assets/)."""
    from manim import CairoRenderer

    return CairoRenderer(file_writer_class=frame_writer.writer_class(),
                         camera_class=cairo_camera.camera_class())


def rendered(spec: dict, fmt: str):
    """The scene of ``spec`` after rendering it to ``fmt`` (``png``: the last frame only, cheap)."""
    from manim import config

    configure(spec)
    config.format = fmt
    config.video_encoder_options = options.VIDEO_ENCODER_OPTIONS.get(fmt, {})
    scene = scene_class(spec)(renderer=renderer())
    scene.render()
    return scene


def render(spec: dict) -> dict:
    from manim import config
    from PIL import Image

    videos = [f for f in spec["formats"] if f != "png-poster"]
    files, scene = {}, None
    for fmt in videos or ["png"]:  # with no video wanted, Manim skips animations: cheap
        scene = rendered(spec, fmt)
        writer = scene.renderer.file_writer
        if fmt == "png-sequence":
            files[fmt] = str(writer.image_sequence_directory)
        elif fmt != "png":
            files[fmt] = str(writer.movie_file_path)
    if "png-poster" in spec["formats"]:
        poster = Path(spec["media_dir"]) / "poster.png"
        Image.fromarray(scene.renderer.get_frame()).convert("RGB").save(poster)
        files["png-poster"] = str(poster)
    fps = config.frame_rate
    return {"files": files, "fps": fps, "duration": scene.renderer.time,
            "frames": round(scene.renderer.time * fps) if videos else 0,
            "sections": [s.name for s in scene.renderer.file_writer.sections if s.name]}


def main() -> None:
    try:
        result = render(json.loads(sys.argv[1]))
    except SimError as err:
        print(err, file=sys.stderr)
        sys.exit(USER_ERROR_EXIT)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
