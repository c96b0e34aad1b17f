"""The camera and file writer scenes render with draw and encode exactly what Manim's own would."""
from fractions import Fraction

import av
import numpy as np
from manim import RIGHT, Camera, Circle, Line, MathTex, Square, tempconfig
from manim._config.video_encoder import VideoEncoderSpec
from manim.scene.video_segment_encoder import VideoSegmentEncoder

from assets import cairo_camera, frame_writer, options


def _frame(camera, mobjects):
    camera.reset()
    camera.capture_mobjects(mobjects)
    return camera.pixel_array.copy()


def test_cached_paths_and_skipped_invisible_fills_draw_the_same_pixels():
    # explicit colours: other tests in this process may have changed Manim's defaults
    with tempconfig({"pixel_width": 320, "pixel_height": 180, "background_color": "#FFFFFF"}):
        ink = "#1A1A1A"
        shapes = [Square(color=ink, fill_opacity=0.5), Circle(color=ink, stroke_width=8),
                  MathTex(r"\theta_1", color=ink), Line([-3, -1, 0], [3, 1, 0], color=ink)]
        assert all(not s.get_fill_opacity() for s in shapes[1:2] + shapes[3:])  # fills skipped
        plain, cached = Camera(), cairo_camera.camera_class()()
        expected = _frame(plain, shapes)
        assert (expected[..., :3] < 128).any()  # something dark was drawn
        assert np.array_equal(_frame(cached, shapes), expected)
        assert np.array_equal(_frame(cached, shapes), expected)  # now from the kept paths
        shapes[0].shift(RIGHT)  # moved: its kept path must not be used
        assert np.array_equal(_frame(cached, shapes), _frame(plain, shapes))
        assert not np.array_equal(_frame(cached, shapes), expected)


def _encode(encoder_class, target, frames):
    spec = VideoEncoderSpec(container_format="mp4", codec="libx264", pixel_format="yuv420p",
                            width=64, height=48, frame_rate=Fraction(15),
                            options=tuple(options.H264_OPTIONS.items()))
    encoder = encoder_class(target=target, spec=spec)
    for pixels, repeat in frames:
        encoder.write_frame(pixels.copy(), repeat=repeat)
    encoder.finish()
    return target.read_bytes()


def test_held_frames_converted_once_encode_to_the_same_bytes_as_manims_encoder(tmp_path):
    rng = np.random.default_rng(0)
    frames = [(rng.integers(0, 256, (48, 64, 4), dtype=np.uint8), repeat) for repeat in (1, 7, 2)]
    ours = _encode(frame_writer.encoder_class(), tmp_path / "ours.mp4", frames)
    assert ours == _encode(VideoSegmentEncoder, tmp_path / "manim.mp4", frames)
    with av.open(str(tmp_path / "ours.mp4")) as video:
        decoded = [f.pts for f in video.decode(video=0)]
    assert len(decoded) == 10 and len(set(decoded)) == 10
