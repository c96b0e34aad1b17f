"""The camera the scenes render with draws exactly what Manim's own would."""
import numpy as np
from manim import RIGHT, Camera, Circle, Line, MathTex, Square, tempconfig

from assets import cairo_camera


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
