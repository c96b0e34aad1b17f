"""Closed levels really close inside the window; windows hold their points; edge minima by brute force."""
import numpy as np
import pytest
from scipy.optimize import minimize_scalar

from sim.contour_levels import closed_levels, edge_minimum, ring_view, window_around, window_lines
from sim.errors import SimError
from sim.levels import level_lines
from sim.problems import Quadratic
from sim.regression import LinReg


def edge_minimum_exact(problem, bounds):
    """min of f over each of the four edges by bounded scalar minimisation (f is convex on a line)."""
    (x0, x1), (y0, y1) = bounds
    edges = [(lambda s, y=y: np.array([s, y]), (x0, x1)) for y in (y0, y1)] + \
            [(lambda s, x=x: np.array([x, s]), (y0, y1)) for x in (x0, x1)]
    return min(minimize_scalar(lambda s, at=at: float(problem.value(at(s))), bounds=span,
                               method="bounded", options={"xatol": 1e-12}).fun for at, span in edges)


@pytest.mark.parametrize("problem, bounds", [
    (Quadratic(a=1.0, b=10.0, angle=30.0), None),
    (LinReg(n=50), None),
    (LinReg(n=50), ((1.0, 2.25), (-1.75, -0.25))),
])
def test_closed_levels_give_closed_curves_strictly_inside_the_window(problem, bounds):
    window = problem.bounds if bounds is None else bounds
    levels = closed_levels(problem, count=8, bounds=bounds)
    assert np.all(np.diff(levels) > 0)
    assert levels[0] > problem.value(problem.minima()).min()
    assert levels[-1] < edge_minimum_exact(problem, window)
    lines = window_lines(problem, levels, window)
    (x0, x1), (y0, y1) = window
    for pieces in lines.lines:
        assert len(pieces) == 1
        ring = pieces[0]
        np.testing.assert_allclose(ring[0], ring[-1])  # closed
        assert x0 < ring[:, 0].min() and ring[:, 0].max() < x1
        assert y0 < ring[:, 1].min() and ring[:, 1].max() < y1


def test_quadratic_spacing_makes_the_rings_of_a_bowl_evenly_spaced():
    bowl = Quadratic(a=1.0, b=1.0, bounds=((-2.0, 2.0), (-2.0, 2.0)))
    levels = closed_levels(bowl, count=5)
    radii = np.sqrt(2 * levels)  # ½ r² = c
    np.testing.assert_allclose(np.diff(radii), radii[0] * 1.0, rtol=1e-9)


def test_edge_minimum_matches_minimisation_along_the_edges():
    problem = LinReg(n=40, seed=2)
    bounds = ((0.5, 2.5), (-2.0, 0.0))
    assert edge_minimum(problem, bounds, resolution=2001) == pytest.approx(
        edge_minimum_exact(problem, bounds), rel=1e-6)


def test_a_window_that_reaches_below_the_minimum_value_is_an_error():
    problem = Quadratic()
    with pytest.raises(SimError, match="widen the window"):
        closed_levels(problem, bounds=((0.0, 1.0), (-1.0, 1.0)))  # the minimum lies on the edge


def test_window_around_holds_the_points_with_their_pad_on_a_grid_of_steps():
    points = np.array([[0.13, -0.42], [1.71, 0.04], [np.nan, np.nan]])
    (x0, x1), (y0, y1) = window_around(points, pad=0.2, step=0.25)
    assert (x0, x1, y0, y1) == (-0.25, 2.0, -0.75, 0.25)


def test_window_lines_are_level_lines_over_the_window():
    problem = LinReg(n=30)
    bounds = ((0.0, 2.0), (-2.0, 0.5))
    lines = window_lines(problem, [0.5, 1.0], bounds)
    assert lines.levels.tolist() == [0.5, 1.0]
    for level, pieces in zip(lines.levels, lines.lines):
        for piece in pieces:
            np.testing.assert_allclose(problem.value(piece), level, rtol=2e-3)
    whole = level_lines(problem, [0.5])
    assert not np.array_equal(whole.lines[0][0], lines.lines[0][0])


def test_ring_view_is_the_window_around_the_points_with_its_closed_rings():
    problem = LinReg(n=50)
    points = np.array([[0.0, 0.0], [1.4, -0.9], [2.1, -1.6]])
    view = ring_view(problem, points, pad=0.3, step=0.25, count=6)
    assert view.bounds == window_around(points, 0.3, 0.25)
    expected = window_lines(problem, closed_levels(problem, 6, view.bounds), view.bounds)
    np.testing.assert_array_equal(view.lines.levels, expected.levels)
    for got, want in zip(view.lines.lines, expected.lines):
        np.testing.assert_array_equal(got[0], want[0])


def test_levels_to_a_point_end_on_its_level_set_and_space_a_quadratics_rings_evenly():
    from sim.contour_levels import levels_to
    from sim.regression import LinReg

    problem = LinReg(n=50, noise=0.5, seed=0)
    start = LinReg.DEFAULT_START
    levels = levels_to(problem, start, count=8)
    assert levels[-1] == pytest.approx(problem.value(np.asarray(start, dtype=float)), rel=1e-12)
    minimum = problem.value(problem.minima()).min()
    assert np.all(np.diff(levels) > 0) and levels[0] > minimum
    # a quadratic's rings: √(level − m) grows by equal steps
    np.testing.assert_allclose(np.diff(np.sqrt(levels - minimum)),
                               np.sqrt(levels[-1] - minimum) / 8, rtol=1e-9)
    with pytest.raises(SimError, match="at the minimum value"):
        levels_to(problem, problem.minima()[0])
