"""What a scene shows over time: it opens on a composed picture, never goes blank, holds every
text still long enough to be read aloud (theme.reading_time of its glyphs), and never morphs one
string point by point into another.

Holds are measured from ``scene.timeline`` (scenes/_base.py), recorded with animations skipped:
every text on screen after a play, with how long each look of it stayed unchanged. A text counts
when it is on screen between two plays (a copy that exists only inside one animation does not),
and must, at least once, stay still for the reading time of the most glyphs it shows at once.
Blank frames are looked for in the real low-quality video.
"""
import av
import numpy as np
import pytest
from manim import (DOWN, DecimalNumber, Dot, FadeIn, FadeOut, FadeTransform, MathTex,
                   Transform, Write)

import theme
from assets import jobs, scene_render, scene_worker
from scenes._base import LectureScene
from scenes._numbers import Number
from tests.conftest import SCENES

INK = 0.4  # a pixel is ink when it differs from the background by this share of the ink's contrast
BLANK = 0.001  # a frame with less than this share of ink pixels shows nothing


def short_holds(timeline) -> list[str]:
    """Every text on a composed frame that never stays still for its reading time."""
    short = []
    for shown in timeline.shown.values():
        if not shown.composed:
            continue
        held, glyphs = timeline.longest_hold(shown)
        if held < theme.reading_time(glyphs) - 1e-9:
            short.append(f"{describe(shown.mobject)}: still for {held:.2f} s at most, "
                         f"{glyphs} glyphs need {theme.reading_time(glyphs):.2f} s")
    return short


def describe(text) -> str:
    if isinstance(text, DecimalNumber):
        return f"{type(text).__name__} {text.get_value():.4g}"
    return f"{type(text).__name__} {getattr(text, 'tex_string', '')!r}"


@pytest.mark.parametrize("asset_id", SCENES)
def test_every_text_stays_still_for_its_reading_time(asset_id, recorded):
    scene = recorded(asset_id)
    assert scene.timeline.shown, "the timeline recorded the scene's texts"
    assert short_holds(scene.timeline) == []


@pytest.mark.parametrize("asset_id", SCENES)
def test_no_text_morphs_point_by_point_into_another_string(asset_id, recorded):
    # a cross-fade (FadeOut + FadeIn, FadeTransform) or a move of the same string reads; a
    # Transform from "x₁" to "−1.5" shows mangled glyphs for its whole run
    assert [f"{describe(a)} → {describe(b)}" for a, b in recorded(asset_id).timeline.morphs] == []


def ink_share(frame: np.ndarray, background: np.ndarray, contrast: float) -> float:
    """The share of a frame's pixels that stand out from the background as ink."""
    return float((np.abs(frame.astype(int) - background).max(axis=2) >= INK * contrast).mean())


@pytest.mark.slow
@pytest.mark.parametrize("asset_id", SCENES)
def test_a_video_opens_on_its_picture_and_never_goes_blank(asset_id, low_quality_video):
    video, _sidecar = low_quality_video(asset_id)
    background = np.array([round(255 * c) for c in theme.rgb(theme.LIGHT.background)])
    contrast = np.abs(np.array(theme.rgb(theme.LIGHT.foreground)) * 255 - background).max()
    with av.open(str(video)) as container:
        shares = [ink_share(f.to_ndarray(format="rgb24"), background, contrast)
                  for f in container.decode(video=0)]
    assert shares[0] >= BLANK, "the first frame (the slide's still until play) is blank"
    blank = [k for k, share in enumerate(shares) if share < BLANK]
    assert blank == [], f"blank frames at {[round(k / 15, 2) for k in blank[:5]]} s"


# A scene made to measure: a formula written in 1 s, held for ``hold`` s, then faded out, while a
# number changes during a 3-s play and then rests for ``rest`` s.
class Held(LectureScene):
    hold, rest = 2.0, 2.0

    def construct(self):
        self.play(FadeIn(Dot()))  # the opening picture
        formula = MathTex("a = b + c", font_size=theme.SCENE_FONT)
        count = Number(0.0, num_decimal_places=1, font_size=theme.SCENE_FONT).shift(2 * DOWN)
        self.play(Write(formula), FadeIn(count), run_time=1.0)
        self.wait(self.hold)
        self.play(count.animate.set_value(9.0), FadeOut(formula), run_time=3.0)
        self.wait(self.rest)


def timeline_of(tmp_path, cls="Held", **attributes):
    (job,) = jobs.plan(["level-set-walk"], quality="low", formats=["png-poster"], out=tmp_path)
    spec = {**scene_render.worker_spec(job, tmp_path / "media"), "module": __name__,
            "cls": cls, "params": {}}
    LectureScene.timeline_step = 0.1
    try:
        for name, value in attributes.items():
            setattr(Held, name, value)
        return scene_worker.rendered(spec)
    finally:
        LectureScene.timeline_step = None
        Held.hold, Held.rest = 2.0, 2.0


def test_holds_are_measured_from_the_first_frame_and_between_changes(tmp_path):
    scene = timeline_of(tmp_path, hold=2.5, rest=1.0)
    assert scene.clock == pytest.approx(1.0 + 2.5 + 3.0 + 1.0)  # the opening is not played
    longest = {describe(s.mobject): scene.timeline.longest_hold(s)
               for s in scene.timeline.shown.values() if s.composed}
    # the number's 0.0 was still through the hold; 9.0 only for the 1-s rest
    assert longest == {"MathTex 'a = b + c'": (pytest.approx(2.5), 5),
                       "Number 9": (pytest.approx(2.5), 3)}


@pytest.mark.parametrize("hold, rest, short", [
    (2.0, 2.0, []),
    (1.9, 2.0, ["MathTex 'a = b + c'"]),  # the formula is read only while it stays
    (1.9, 1.0, ["MathTex 'a = b + c'", "Number 9"]),  # the number: never 2 s still
])
def test_a_hold_shorter_than_the_reading_time_fails(tmp_path, hold, rest, short):
    found = short_holds(timeline_of(tmp_path, hold=hold, rest=rest).timeline)
    assert [line.split(":")[0] for line in found] == short


class Morphing(LectureScene):
    def construct(self):
        self.play(FadeIn(Dot()))
        name, value = MathTex("x_1"), Number(-1.5, num_decimal_places=1)
        self.add(name)
        self.play(Transform(name, value))  # mangled
        moved = name.copy().shift(2 * DOWN).set_color(theme.LIGHT.highlight)
        self.play(Transform(name, moved), FadeTransform(value.copy(), MathTex("y")))  # both read


def test_a_morph_between_two_strings_is_recorded_and_a_move_or_cross_fade_is_not(tmp_path):
    found = timeline_of(tmp_path, cls="Morphing").timeline.morphs
    assert [(describe(a), describe(b)) for a, b in found] == [("MathTex 'x_1'", "Number -1.5")]
