"""Scene text readable from the back row, in one family.

The measure: a capital letter or digit is 0.00709 Manim units tall per font point (checked below),
and Manim keeps each typeset text's font size in step with its height, through every scaling. Every
text on screen between two plays (``scene.timeline``, scenes/_base.py), in both aspects, is held
to a capital height of at least theme.MIN_SCENE_TEXT of the frame height (font size 22.6 on the
8-unit frame; a readout by its smaller part). Text is set upright: a rotated label would be
measured by its slanted extent. Sub- and superscripts are LaTeX's fixed fractions of their text
and are not measured separately.
"""
import pytest
from manim import MarkupText, MathTex, Text

import theme
from scenes._base import capital_height
from scenes._numbers import Number, Readout
from tests.conftest import SCENES


def too_small(scene) -> list[str]:
    """Every text on a composed frame whose capital letters fall under the smallest size."""
    least = theme.MIN_SCENE_TEXT * scene.camera.frame_height
    return [f"{type(s.mobject).__name__} {getattr(s.mobject, 'tex_string', '')!r}: capitals "
            f"{min(s.heights) / scene.camera.frame_height:.2%} of the frame height"
            for s in scene.timeline.shown.values() if s.composed and min(s.heights) < least]


@pytest.mark.parametrize("aspect", theme.ASPECTS)
@pytest.mark.parametrize("asset_id", SCENES)
def test_every_text_is_at_least_the_smallest_scene_size(asset_id, aspect, recorded):
    assert too_small(recorded(asset_id, aspect)) == []


@pytest.mark.parametrize("asset_id", SCENES)
def test_scene_text_is_set_by_latex_only(asset_id, recorded):
    pango = {type(s.mobject).__name__ for s in recorded(asset_id).timeline.shown.values()
             if isinstance(s.mobject, (Text, MarkupText))}
    assert pango == set()


@pytest.mark.parametrize("tex", ["H", "0", "7"])
def test_the_capital_height_is_what_a_capital_or_digit_measures(tex):
    for size in (theme.SCENE_FONT_SMALL, theme.SCENE_FONT):
        glyph = MathTex(tex, font_size=size)
        assert capital_height(glyph) == pytest.approx(glyph.height, rel=0.03)
        assert capital_height(glyph.scale(0.5)) == pytest.approx(glyph.height, rel=0.03)
        height = glyph.height
        glyph.add_background_rectangle(opacity=1, buff=0.1)  # a label's margin is not text
        assert capital_height(glyph) == pytest.approx(height, rel=0.03)


def test_a_readout_is_as_small_as_its_smaller_part_and_a_small_one_is_found():
    readout = Readout("t =", font_size=theme.SCENE_FONT)
    readout.number.scale(0.5)
    assert capital_height(readout) == pytest.approx(capital_height(readout.number))
    assert capital_height(Number(3.0, font_size=20)) < theme.MIN_SCENE_TEXT * 8.0
    smallest = Number(3.0, font_size=theme.SCENE_FONT_SMALL)
    assert capital_height(smallest) >= theme.MIN_SCENE_TEXT * 8.0
