"""Chord pictures against closed forms: the curves' formulas, convex combinations, f′ = 0."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.chord_pictures import chord_picture
from sim.convexity import convex_curve, nonconvex_curve
from sim.errors import SimError


def convex_closed_form(x):
    return 0.5 * x**2 + x**4 / 20.0


def nonconvex_closed_form(x):
    return x**6 / 6.0 - 2.0 * x**5 / 5.0 - x**4 / 4.0 + 2.0 * x**3 / 3.0


def test_graph_and_chord_are_the_closed_forms():
    picture = chord_picture(convex_curve(), 2.2, -1.2)
    np.testing.assert_allclose(picture.values, convex_closed_form(picture.xs), atol=1e-12)
    t = picture.chord.ts
    np.testing.assert_allclose(picture.chord.points, t * 2.2 + (1 - t) * -1.2)
    np.testing.assert_allclose(picture.chord.chord, t * convex_closed_form(2.2)
                               + (1 - t) * convex_closed_form(-1.2))
    np.testing.assert_allclose(picture.chord.values, convex_closed_form(picture.chord.points))


@settings(max_examples=40, deadline=None)
@given(st.floats(-1.5, 2.5), st.floats(-1.5, 2.5))
def test_a_convex_curve_never_has_its_chord_below(theta1, theta2):
    if theta1 == theta2:
        return
    picture = chord_picture(convex_curve(), theta1, theta2)
    assert picture.chord.gap.min() >= -1e-12
    assert not picture.dips_under


def test_the_default_chord_dips_under_the_nonconvex_curve_and_rises_above_it():
    picture = chord_picture(nonconvex_curve(), 2.2, -1.2)
    assert picture.dips_under
    assert picture.chord.gap.min() < -0.3 and picture.chord.gap.max() > 0.05
    np.testing.assert_allclose(picture.values, nonconvex_closed_form(picture.xs), atol=1e-12)


def test_critical_points_have_zero_slope_and_the_right_kind():
    picture = chord_picture(nonconvex_curve(), 2.2, -1.2)
    h = 1e-6
    x = picture.critical
    slope = (nonconvex_closed_form(x + h) - nonconvex_closed_form(x - h)) / (2 * h)
    np.testing.assert_allclose(slope, 0.0, atol=1e-8)
    np.testing.assert_allclose(picture.critical_values, nonconvex_closed_form(x), atol=1e-12)
    np.testing.assert_allclose(x, [-1.0, 0.0, 1.0, 2.0], atol=1e-9)
    # the kind from the values just beside the point, not from derivatives
    d = 1e-2
    left, right = nonconvex_closed_form(x - d) - picture.critical_values, \
        nonconvex_closed_form(x + d) - picture.critical_values
    expected = tuple("minimum" if a > 0 and b > 0 else "maximum" if a < 0 and b < 0 else "saddle"
                     for a, b in zip(left, right))
    assert picture.kinds == expected == ("minimum", "saddle", "maximum", "minimum")


@pytest.mark.parametrize("theta1, theta2, message", [(1.0, 1.0, "single point"),
                                                     (3.0, 0.0, "outside the curve's domain")])
def test_degenerate_or_outside_chords_are_refused(theta1, theta2, message):
    with pytest.raises(SimError, match=message):
        chord_picture(nonconvex_curve(), theta1, theta2)


@pytest.mark.parametrize("curve", [convex_curve(), nonconvex_curve()], ids=["convex", "nonconvex"])
def test_the_window_shows_every_critical_point_and_both_chord_ends(curve):
    picture = chord_picture(curve, 2.2, -1.2)
    (x0, x1), (y0, y1) = picture.window
    for x, y in [*zip(picture.critical, picture.critical_values),
                 *zip(picture.chord.points[[0, -1]], picture.chord.chord[[0, -1]])]:
        assert x0 <= x <= x1 and y0 < y < y1
    inside = (picture.xs >= x0) & (picture.xs <= x1)
    assert picture.values[inside].max() <= y1  # the graph leaves through the top, not the sides
