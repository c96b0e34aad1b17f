"""The colours figures and scenes share are computed in one place, and computed right."""
import re

import numpy as np
import pytest
from matplotlib.colors import to_rgb

import theme
from tests import palette
from tests.conftest import ROOT


@pytest.mark.parametrize("name", theme.THEMES)
def test_probability_shading_runs_from_a_class_tint_through_the_background(name):
    th = theme.THEMES[name]
    background = np.array(to_rgb(th.background))
    zero, half, one = np.array(th.probability_rgb())
    assert np.allclose(half, background)
    for end, colour in ((zero, th.class0), (one, th.class1)):
        tint = background + theme.PROBABILITY_SHADE * (to_rgb(colour) - background)
        assert np.allclose(end, tint)


def test_the_true_class_logit_goes_up_and_the_others_down():
    assert theme.LIGHT.logit_colours(2, 4) == [theme.LIGHT.negative] * 2 + [
        theme.LIGHT.positive, theme.LIGHT.negative]


@pytest.mark.parametrize("name", theme.THEMES)
def test_every_colour_reaches_the_wcag_contrast_for_what_it_draws(name):
    """Text colours 4.5:1, lines and marks that carry meaning 3:1, against the background."""
    th = theme.THEMES[name]
    for meaning, colour in th.semantic().items():
        need = theme.MARK_CONTRAST if meaning in theme.MARK_ONLY else theme.TEXT_CONTRAST
        assert palette.contrast(colour, th.background) >= need, (meaning, colour)


def test_the_contrast_measure_matches_wcag_examples():
    assert palette.contrast("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert palette.contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert palette.contrast("#E69F00", "#FFFFFF") == pytest.approx(2.25, abs=0.01)


def test_colour_difference_and_simulation_agree_with_known_values():
    # Sharma, Wu and Dalal (2005), CIEDE2000 test data, pair 1 is in Lab; here two sRGB colours
    # whose difference is plain: identical colours differ by 0, black and white by 100.
    assert palette.delta_e("#0072B2", "#0072B2") == 0
    assert palette.delta_e("#000000", "#FFFFFF") == pytest.approx(100.0, abs=0.01)
    # red and green, far apart to normal vision, nearly merge under deuteranopia
    assert palette.delta_e("#D00000", "#008000") > 50
    assert palette.delta_e("#D00000", "#008000", "deuteranopia") < \
        palette.delta_e("#D00000", "#008000") / 2


def test_every_meaning_is_a_theme_colour_and_the_docs_table_lists_each_once():
    fields = [f for f in theme.Theme.__dataclass_fields__ if f not in ("name", "background")]
    assert fields == list(theme.MEANINGS)
    table = (ROOT / "docs" / "visual-language.md").read_text()
    rows = re.findall(r"^\| `(\w+)` \| (.+?) \| `(#[0-9A-F]{6})` \| `(#[0-9A-F]{6})` \|$", table,
                      re.MULTILINE)
    assert [r[0] for r in rows] == list(theme.MEANINGS)
    for meaning, what, light, dark in rows:
        assert (what, light, dark) == (theme.MEANINGS[meaning], getattr(theme.LIGHT, meaning),
                                       getattr(theme.DARK, meaning))
