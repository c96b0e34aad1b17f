"""How rendered frames leave Manim: the file writer the scene worker hands to its renderer.

Manim's own writer encodes each animation to a segment file in one format and
joins the segments at the end; a second format is a second render. This
writer hands every recorded frame once to an ``assets.video.Fanout`` (every
requested format from the same frames) and marks the first frame after each
``next_section`` as a keyframe.

Manim is imported inside the function so that importing this module stays cheap.
"""
from __future__ import annotations


def writer_class(fanout):
    """A Manim file writer class that writes the recorded frames to ``fanout``
    (an ``assets.video.Fanout``) and finishes it when the scene ends."""
    from manim.scene.scene_file_writer import SceneFileWriter

    class FrameWriter(SceneFileWriter):
        recording = False  # inside a recorded play (Manim writes nothing for a skipped one)
        cut = True  # the next frame starts a section

        def begin_animation(self, allow_write=False, *, animation_index, file_path=None):
            self.recording = allow_write

        def end_animation(self, allow_write=False):
            self.recording = False

        def next_section(self, name, type_, skip_animations):
            super().next_section(name, type_, skip_animations)
            self.cut = True

        def write_frame(self, pixels, *, repeat=1):
            if self.recording:
                fanout.write(pixels, repeat, keyframe=self.cut)
                self.cut = False

        def finish(self):
            fanout.close()

    return FrameWriter
