"""A scene's sections: the steps of its story, where a lecturer stops to talk.

A scene marks each step with ``next_section(name, note)``; the worker turns
the marks into timed sections that tile the video exactly, frame by frame.
The sidecar, the captions, and the decks all read these timed sections.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mark:
    """Where a section starts: its name, its speaker note, and the index of its first frame."""

    name: str
    note: str
    first_frame: int


def timed(marks: list[Mark], frames: int, fps: float) -> list[dict]:
    """The sections of a video of ``frames`` frames at ``fps``: name, note, start and end in
    seconds, first and last frame index. They tile the video: the first starts at frame 0, each
    ends where the next begins, the last ends on the last frame.

    Raises ValueError if the marks do not start at frame 0, leave a section without a frame, or
    lie past the end of the video.
    """
    if not marks or marks[0].first_frame != 0:
        raise ValueError("the first section must start at the first frame "
                         "(call next_section before the first recorded play)")
    ends = [m.first_frame for m in marks[1:]] + [frames]
    sections = []
    for mark, end in zip(marks, ends):
        if end <= mark.first_frame:
            raise ValueError(f"section {mark.name!r} holds no frame")
        sections.append({"name": mark.name, "note": mark.note,
                         "start": mark.first_frame / fps, "end": end / fps,
                         "first_frame": mark.first_frame, "last_frame": end - 1})
    return sections
