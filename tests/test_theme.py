"""The colours figures and scenes share are computed in one place, and computed right."""
import numpy as np
import pytest
from matplotlib.colors import to_rgb

import theme


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
    assert all(np.allclose(theme.rgb(c), to_rgb(c)) for c in theme.OKABE_ITO.values())
