"""How rendered frames leave Manim: the file writer the scene worker hands to its renderer.

Two changes to Manim's own writer, both about what a lecture scene spends
most frames on (holding still, or moving a little):

- A video segment takes Manim's RGBA frame without copying it and converts
  it to the encoder's pixel format once, however many frames it is held.
  Manim copies it into a new ``av.VideoFrame`` and converts it again for
  every frame of a ``wait``: at 1080p that was 8 ms of a 10-20 ms frame.
- An image sequence gets a held frame once per frame it is held. Manim
  writes a frozen frame (a ``wait``) only once, which shortens every pause
  when LaTeX's animate package plays the frames at a fixed rate.

Manim is imported inside the functions so that importing this module stays cheap.
"""
from __future__ import annotations

import functools
from fractions import Fraction


@functools.cache
def encoder_class():
    import av
    from av.video.reformatter import VideoReformatter
    from manim.scene.video_segment_encoder import VideoSegmentEncoder

    class SegmentEncoder(VideoSegmentEncoder):
        def __init__(self, *, target, spec):
            super().__init__(target=target, spec=spec)
            self._reformatter = VideoReformatter()
            self._time_base = Fraction(spec.frame_rate.denominator, spec.frame_rate.numerator)

        def write_frame(self, pixels, *, repeat=1):
            self._validate_frame(pixels, repeat)
            spec = self.spec
            try:
                # the encode job owns ``pixels`` (Manim's contract), so wrapping them is safe
                frame = self._reformatter.reformat(
                    av.VideoFrame.from_numpy_buffer(pixels, format="rgba"), spec.width,
                    spec.height, spec.pixel_format, threads=self._stream.codec_context.thread_count)
                frame.time_base = self._time_base
                for _ in range(repeat):  # the picture never changes, only its time stamp
                    frame.pts = self._next_pts
                    self._next_pts += 1
                    for packet in self._stream.encode(frame):
                        self._container.mux(packet)
            except BaseException as error:
                raise self._operation_error("encode", error) from error

    return SegmentEncoder


@functools.cache
def writer_class():
    from manim.scene.scene_file_writer import SceneFileWriter
    from PIL import Image

    class FrameWriter(SceneFileWriter):
        def _create_segment_encoder(self, target):
            return encoder_class()(target=target, spec=self.video_encoder)

        def write_frame(self, pixels, *, repeat=1):
            if not self.output_spec.is_image_sequence:
                return super().write_frame(pixels, repeat=repeat)
            image = Image.fromarray(pixels)
            for _ in range(repeat):
                self.output_image(image)

    return FrameWriter
