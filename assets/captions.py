"""A scene's WebVTT tracks: its sections' notes as captions, their names as chapters.

The videos have no sound; the notes stand for the narration a lecturer would give, so
``STEM.vtt`` is the text alternative a reader without a lecturer gets (WCAG 2.2 SC 1.2.1), and
``STEM.chapters.vtt`` lets a player list and seek to the steps. One cue per section, numbered
from 1 in both files (the cue identifier), in the sidecar's order.

A writer of our own rather than webvtt-py's: cue text is markup, so ``&``, ``<`` and ``>``
must be written as character references whichever writer is used (webvtt-py writes text as
given and refuses ``-->`` rather than escaping it), and the timing, where every section
boundary is rounded once so that cues tile like the sections, is ours either way. The tests
read the files back with webvtt-py and with Chromium.
"""
from __future__ import annotations

import math
from pathlib import Path

from assets.output import write_text

CAPTIONS = ".vtt"
CHAPTERS = ".chapters.vtt"


def names(stem: str) -> tuple[str, str]:
    """The file names of a scene's captions and chapters tracks."""
    return stem + CAPTIONS, stem + CHAPTERS


def milliseconds(seconds: float) -> int:
    """A section boundary in whole milliseconds: the first at or after it (to the nearest
    microsecond, against float noise such as 0.15 * 1000 = 150.00000000000003), so a player
    seeking to a cue's start shows the section's first frame, never the frame before it."""
    return math.ceil(round(seconds * 1000, 3))


def timestamp(ms: int) -> str:
    """``HH:MM:SS.mmm`` of a time in milliseconds (hours grow past two digits if they must)."""
    seconds, ms = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{ms:03d}"


def cue_text(text: str) -> str:
    """``text`` as one line of WebVTT cue text: whitespace runs (a line break would end the cue)
    as one space; ``&``, ``<``, ``>`` as character references, which also keeps ``-->`` out."""
    text = " ".join(text.split())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def boundaries(sections: list[dict]) -> list[int]:
    """The start of every section and the end of the last, in milliseconds: cue k runs from
    boundary k to boundary k + 1, so cues tile exactly as the sections do.

    Raises ValueError if there are no sections, the first does not start at 0, one does not
    start where the one before ends, or one would last less than a millisecond.
    """
    if not sections or sections[0]["start"] != 0:
        raise ValueError("the sections must start at 0 s")
    for before, after in zip(sections, sections[1:]):
        if before["end"] != after["start"]:
            raise ValueError(f"section {after['name']!r} does not start where "
                             f"{before['name']!r} ends")
    times = [milliseconds(s["start"]) for s in sections] + [milliseconds(sections[-1]["end"])]
    for section, start, end in zip(sections, times, times[1:]):
        if end <= start:
            raise ValueError(f"section {section['name']!r} lasts less than a millisecond")
    return times


def _track(sections: list[dict], texts: list[str]) -> str:
    times = boundaries(sections)
    cues = [f"{k}\n{timestamp(start)} --> {timestamp(end)}\n{cue_text(text)}\n"
            for k, (start, end, text) in enumerate(zip(times, times[1:], texts), start=1)]
    return "\n".join(["WEBVTT\n", *cues])


def captions_text(sections: list[dict]) -> str:
    """The captions track: one cue per section holding its note."""
    return _track(sections, [s["note"] for s in sections])


def chapters_text(sections: list[dict]) -> str:
    """The chapters track: one cue per section holding its name."""
    return _track(sections, [s["name"] for s in sections])


def write(dest: Path, stem: str, sections: list[dict]) -> list[Path]:
    """Write ``dest/STEM.vtt`` (captions: the notes) and ``dest/STEM.chapters.vtt`` (chapters:
    the names), each atomically, for the sections of a sidecar (``assets.sections.timed``).
    Returns both paths. Raises ValueError as ``boundaries`` does."""
    paths = [dest / name for name in names(stem)]
    texts = [captions_text(sections), chapters_text(sections)]  # both checked before writing
    for path, text in zip(paths, texts):
        write_text(path, text)
    return paths
