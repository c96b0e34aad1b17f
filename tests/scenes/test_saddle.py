"""The saddle-escape scene draws sim's runs point for point and says where each ended as sim classifies it."""
from types import SimpleNamespace

import numpy as np
import pytest

from sim.optimizers import gradient_descent, noisy_gradient_descent
from sim.problems import BoundedSaddle, classify


def corners(path):
    return np.vstack([path.get_start_anchors(), path.get_end_anchors()[-1:]])


@pytest.mark.parametrize("seed, params", [(0, {}), (4, {"steps": 30, "lr": 0.2, "noise": 1.5, "offset": 0.01})])
def test_drawn_paths_and_loss_curves_are_the_sim_runs(constructed, seed, params):
    scene, job = constructed("saddle-escape", seed=seed, **params)
    p = SimpleNamespace(**job.params)
    problem = BoundedSaddle()
    start = (-1.8, p.offset)
    runs = {"gd": gradient_descent(problem, start, p.lr, p.steps),
            "sgd": noisy_gradient_descent(problem, start, p.lr, p.steps, p.noise, seed)}
    lowest = problem.value(problem.minima()).min()
    for name, run in runs.items():
        axes, path = scene.traces[name]
        np.testing.assert_allclose(corners(path), axes.coords_to_point(run.iterates), atol=1e-9)
        axes, curve = scene.traces[f"{name}-loss"]
        expected = np.column_stack([np.arange(p.steps + 1), problem.value(run.iterates) - lowest])
        np.testing.assert_allclose(corners(curve), axes.coords_to_point(expected), atol=1e-9)
        assert len(run.iterates) == p.steps + 1
    assert not np.allclose(runs["gd"].iterates, runs["sgd"].iterates)


def test_at_the_defaults_gd_ends_at_the_saddle_and_sgd_at_a_minimum(constructed):
    scene, job = constructed("saddle-escape")
    p = SimpleNamespace(**job.params)
    problem = BoundedSaddle()
    points = problem.critical_points()
    kinds = classify(problem, points)
    ends = {name: scene.traces[name][1].get_end_anchors()[-1] for name in ("gd", "sgd")}
    axes = scene.traces["gd"][0]
    nearest = {}
    for name, end in ends.items():
        theta = np.array(axes.point_to_coords(end))[:2]
        distances = np.linalg.norm(points - theta, axis=1)
        nearest[name] = (kinds[distances.argmin()], distances.min())
    assert nearest["gd"][0] == "saddle" and nearest["gd"][1] < 0.05
    assert nearest["sgd"][0] == "minimum" and nearest["sgd"][1] < 0.6
    # the readouts end on the last step and GD's vanishing gradient there
    gd = gradient_descent(problem, (-1.8, p.offset), p.lr, p.steps)
    assert scene.step_counter.get_value() == p.steps
    assert scene.gd_gradient.get_value() == pytest.approx(np.linalg.norm(problem.grad(gd.iterates[-1])))
    assert scene.gd_gradient.get_value() < 0.05


def texts_of(scene):
    from manim import Tex

    return [m.tex_string for top in scene.mobjects for m in top.get_family() if isinstance(m, Tex)]


def test_the_end_labels_say_what_sim_classified(constructed):
    scene, _ = constructed("saddle-escape", offset=0.3, noise=0.0)  # far off the stable direction
    texts = texts_of(scene)
    assert "GD: escaped to a minimum" in texts and "SGD: escaped to a minimum" in texts
    scene, _ = constructed("saddle-escape", offset=0.0)  # on the stable direction: θ2 stays 0
    assert "GD: stuck at the saddle" in texts_of(scene)


@pytest.mark.parametrize("params", [{}, {"steps": 40, "lr": 0.2}, {"offset": 1e-8, "steps": 100}])
def test_gd_near_the_saddle_is_said_to_leave_it_when_it_does(constructed, params):
    """GD's gradient at the end of the run is small but growing, so "stuck" would be false: the
    label names the step at which GD, followed on (written out here), first lies nearest a minimum."""
    scene, job = constructed("saddle-escape", **params)
    p = SimpleNamespace(**job.params)
    theta = np.array([-1.8, p.offset])
    norms, step = [], 0
    while abs(theta[1]) < 0.5:  # nearer the saddle (0, 0) than the minima (0, ±1)
        norms.append(np.hypot(theta[0], -theta[1] + theta[1] ** 3))
        theta = theta - p.lr * np.array([theta[0], -theta[1] + theta[1] ** 3])
        step += 1
    assert step > p.steps  # still near the saddle when the run ends ...
    assert norms[p.steps] > min(norms[:p.steps + 1])  # ... its gradient already growing again
    assert f"GD: near the saddle until step {step}" in texts_of(scene)
