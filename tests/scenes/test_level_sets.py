"""The walk on screen is sim's level-set trace, and the ∂t f readout it shows stays at zero."""
from types import SimpleNamespace

import numpy as np
import pytest

from scenes._base import texts_in, visible_glyphs
from scenes.level_sets import walk_of
from sim.levels import trace_level_set
from sim.problems import SURFACES
from tests.scenes.test_convexity import at_opening

CASES = [("double-well", -1.42, 0.0), ("quadratic", 1.0, 0.5)]


@pytest.fixture(params=CASES, ids=[c[0] for c in CASES])
def walked(request, constructed):
    surface, x, y = request.param
    scene, job = constructed("level-set-walk", surface=surface, through_x=x, through_y=y)
    return scene, SimpleNamespace(**job.params)


def test_travelled_path_is_sims_trace_mapped_through_the_axes(walked):
    scene, params = walked
    problem = SURFACES[params.surface]()
    trace = trace_level_set(problem, (params.through_x, params.through_y), spacing=0.01)
    axes, path = scene.traces["level-set"]
    corners = np.vstack([path.get_start_anchors(), path.get_end_anchors()[-1:]])
    assert trace.closed
    np.testing.assert_allclose(corners[:-1], axes.coords_to_point(trace.points), atol=1e-9)
    np.testing.assert_allclose(corners[-1], corners[0], atol=1e-9)  # once around, back home
    np.testing.assert_allclose(problem.value(trace.points), trace.level, atol=1e-12)


def test_the_dt_f_readout_stays_at_zero_all_the_way(walked):
    scene, params = walked
    problem, walk = walk_of(params)
    axes = scene.axes
    visited = set()
    for progress in np.linspace(0.0, 1.0, 301):
        k = scene.walk_to(progress)
        visited.add(k)
        shown = scene.rate.get_value()
        assert round(shown, 3) == round(walk.rates[k], 3)  # the digits on screen are sim's
        assert abs(walk.rates[k]) < 5e-4 * np.linalg.norm(walk.gradients[k])
        assert scene.rate._get_num_string(shown) == "0.000"  # what the viewer reads
        assert round(scene.angle.get_value(), 1) == round(walk.angles[k], 1) == 90.0
        np.testing.assert_allclose(scene.dot.get_center(), axes.coords_to_point(*walk.points[k]),
                                   atol=1e-9)
        # the arrows drawn are at a right angle on screen (equal scaling keeps it one)
        v = scene.velocity.get_end() - scene.velocity.get_start()
        g = scene.gradient.get_end() - scene.gradient.get_start()
        assert abs(v @ g) / (np.linalg.norm(v) * np.linalg.norm(g)) < 2e-3
        assert v[0] * g[1] - v[1] * g[0] < 0  # uphill (∇f) is on the right of the travel
    assert len(visited) > 250  # the readout really was sampled along the whole walk


@pytest.mark.parametrize("surface, x, y", CASES)
def test_the_readout_is_the_derivative_of_f_along_the_path(surface, x, y):
    """∂t f(θ(t)) taken directly, by differences of f over the arc length t, is 0; the chain-rule
    value the readout shows agrees with it to the digits it displays."""
    _, walk = walk_of(SimpleNamespace(surface=surface, through_x=x, through_y=y))
    f = SURFACES[surface]().value(walk.points)
    direct = (f[2:] - f[:-2]) / (walk.times[2:] - walk.times[:-2])
    np.testing.assert_allclose(direct, 0.0, atol=1e-9)
    np.testing.assert_allclose(walk.rates, 0.0, atol=5e-4)


def test_the_right_angle_mark_stays_small_beside_both_arrows(walked):
    """Near a saddle ∇f is short; the mark shrinks with it, so it never covers the arrow it marks,
    and stays large enough to see."""
    scene, _ = walked
    for progress in np.linspace(0.0, 1.0, 101):
        scene.walk_to(progress)
        first, corner = scene.mark.get_start_anchors()[:2]
        side = np.linalg.norm(corner - first)
        for arrow in (scene.gradient, scene.velocity):
            assert side <= 0.4 * np.linalg.norm(arrow.get_end() - arrow.get_start()) + 1e-9
        assert side >= 0.1  # screen units: 9 px at 720p


def test_the_first_frame_shows_the_chain_rule_complete(constructed, monkeypatch):
    """The video opens on ∂t f(θ(t)) = ∇f(θ(t))⊤θ′(t), not on a header ending in a bare "=": the
    "=" comes with its value, at the point it is taken at."""
    def shown(scene):
        texts = [t for t in texts_in(scene.mobjects) if visible_glyphs(t)]
        return ([t.get_tex_string() for t in texts if hasattr(t, "get_tex_string")],
                any(t is scene.rate for t in texts))

    seen = at_opening(monkeypatch, shown)
    constructed("level-set-walk")
    ((strings, rate_shown),) = seen
    assert any(s.startswith(r"\partial_t f") and s.endswith(r"\theta'(t)") for s in strings)
    assert not rate_shown and not any(s.rstrip().endswith("=") for s in strings)
