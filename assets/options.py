"""The render choices every asset shares: formats, qualities, themes, aspects, file names."""
from __future__ import annotations

import theme as theme_module

FIGURE_FORMATS = ("pdf", "svg", "png")
SCENE_FORMATS = ("mp4", "gif", "webm", "png-poster", "png-sequence")
VIDEO_FORMATS = ("mp4", "webm", "gif", "png-sequence")  # written from the frames of one render
FORMATS = {"figure": FIGURE_FORMATS, "scene": SCENE_FORMATS}
DEFAULT_FORMATS = {"figure": FIGURE_FORMATS, "scene": ("mp4", "png-poster")}

# pixel height and frame rate; the width follows from the aspect ratio
QUALITIES = {"low": (480, 15), "medium": (720, 30), "high": (1080, 60), "4k": (2160, 60)}
DEFAULT_QUALITY = "medium"  # the lecture build: minutes on two cores, sharp enough to project

# H.264 tuned for flat synthetic graphics, measured on 1080p60 scenes: x264's "veryfast" preset,
# without the adaptive quantisation and psychovisual tuning meant for film texture, with the
# cheapest motion search and no sub-8x8 partitions. A third less encoder time than plain
# "veryfast" and higher PSNR at the same CRF (files 1.0-1.45x). One encoder thread: the
# encoder already runs beside the drawing, more threads only cost CPU, and x264's output
# then depends on the frames alone, not on the machine's cores. ``forced-idr``: the keyframe
# forced at each section is an IDR frame, where a clip can be cut and a player can seek.
H264_OPTIONS = {"preset": "veryfast", "threads": "1", "forced-idr": "1",
                "x264-params": "aq-mode=0:psy=0:me=dia:subme=1:partitions=none"}
# VP9 in libvpx's real-time mode at its fastest setting, constant quality, no look-ahead: the
# WebM costs about what the MP4 does to encode (its "good" mode took 6x as long). One thread,
# as for H.264.
VP9_OPTIONS = {"deadline": "realtime", "cpu-used": "8", "lag-in-frames": "0", "row-mt": "0",
               "threads": "1", "crf": "30", "b": "0"}
VIDEO_ENCODER_OPTIONS = {"mp4": H264_OPTIONS, "webm": VP9_OPTIONS}

THEMES = tuple(theme_module.THEMES)
ASPECTS = theme_module.ASPECTS
ASPECT_RATIOS = {"16:9": 16 / 9, "4:3": 4 / 3}

# File-name ending of each format (the poster is a PNG beside the video; a frame
# sequence is a folder of numbered PNGs, for LaTeX's animate package).
EXTENSIONS = {"pdf": ".pdf", "svg": ".svg", "png": ".png", "mp4": ".mp4", "gif": ".gif",
              "webm": ".webm", "png-poster": ".png", "png-sequence": "-frames"}
# Beside a scene's requested formats, every video render writes the frames the Beamer deck
# plays with LaTeX's animate package: a folder of JPEGs (assets.video.Stills).
DECK_FRAMES = "deck-frames"
# And every render with an MP4 cuts it into one clip per section, at the section's keyframes,
# without re-encoding: ``STEM-sections/NN.mp4`` with its first frame ``NN.png`` (assets.clips),
# the slides of the browser and PowerPoint decks.
SECTION_CLIPS = "section-clips"
SUFFIXES = {**EXTENSIONS, DECK_FRAMES: "-deck", SECTION_CLIPS: "-sections"}


def stem(asset_id: str, theme: str, aspect: str) -> str:
    """File name without extension: the id, marked only where it differs from light 16:9.

    Slides keep pointing at ``out/ID.pdf`` while dark and 4:3 variants sit beside it.
    """
    return asset_id + ("-dark" if theme == "dark" else "") + ("-4x3" if aspect == "4:3" else "")


def pixel_size(quality: str, aspect: str) -> tuple[int, int]:
    """(width, height) in pixels, the width rounded to even as H.264 requires."""
    height, _ = QUALITIES[quality]
    width = int(round(height * ASPECT_RATIOS[aspect] / 2)) * 2
    return width, height
