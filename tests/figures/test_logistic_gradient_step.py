"""What logistic-gradient-step draws: the update −ε(p − y)x from θ's tip, one panel per class."""
import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.quiver import Quiver

import theme as theme_module
from assets import jobs
from assets.figure_render import build, styled
from figures._draw import T
from sim.logistic_geometry import example_step
from sim.regression import LogReg

THEME = theme_module.LIGHT


def drawn(**sets):
    (job,) = jobs.plan(["logistic-gradient-step"], sets=[f"{k}={v}" for k, v in sets.items()])
    with styled(job):
        figure, data = build(job)
    return figure.axes, data, job.params


def arrows(ax):
    """{colour: (tail, vector)} of the quiver arrows in one panel."""
    found = {}
    for quiver in (c for c in ax.collections if isinstance(c, Quiver)):
        found[tuple(quiver.get_facecolor()[0])] = (np.array([quiver.X[0], quiver.Y[0]]),
                                                   np.array([quiver.U[0], quiver.V[0]]))
    return found


def circled(ax):
    (ring,) = [ln for ln in ax.lines if ln.get_marker() == "o"]
    return np.asarray(ring.get_xydata())[0]


def dashed_theta(ax):
    """The tip of the dashed θ' arrow (an annotation from the origin in the foreground colour)."""
    (arrow,) = [t for t in ax.texts if t.arrow_patch is not None
                and to_rgba(t.arrow_patch.get_edgecolor()) == to_rgba(THEME.foreground)]
    assert tuple(arrow.xyann) == (0.0, 0.0)
    return np.asarray(arrow.xy)


@pytest.fixture(scope="module", params=[{}, {"lr": 1.3, "start_x": -1.0, "start_y": 2.0}],
                ids=["default", "other-start"])
def panels(request):
    return drawn(**request.param)


def test_drawn_update_is_minus_epsilon_times_the_gradient_from_thetas_tip(panels):
    axes, _, params = panels
    problem = LogReg(n=params["n"], separation=params["separation"])
    theta = np.array([params["start_x"], params["start_y"]])
    for ax, label in zip(axes, (1, 0)):
        drawn_arrows = arrows(ax)
        tail, update = drawn_arrows[to_rgba(THEME.update)]
        origin, theta_drawn = drawn_arrows[to_rgba(THEME.foreground)]
        np.testing.assert_array_equal(origin, [0.0, 0.0])
        np.testing.assert_allclose(theta_drawn, theta)
        np.testing.assert_allclose(tail, theta_drawn)  # drawn from θ's tip
        # the circled point is an example of this panel's class, and the update is sim's −ε ∇L_i
        x = circled(ax)
        (index,) = np.flatnonzero(np.all(problem.X == x, axis=1))
        assert problem.y[index] == label
        np.testing.assert_allclose(update, -params["lr"] * problem.batch_grad(theta, [index]),
                                   rtol=1e-14)
        # ... and, independently, −ε(σ(θ⊤x) − y)x
        p = 1.0 / (1.0 + np.exp(-theta @ x))
        np.testing.assert_allclose(update, -params["lr"] * (p - label) * x, rtol=1e-12)
        np.testing.assert_allclose(dashed_theta(ax), theta + update, rtol=1e-14)


def test_class_1_moves_theta_along_plus_x_and_class_0_along_minus_x(panels):
    axes, _, params = panels
    theta = np.array([params["start_x"], params["start_y"]])
    for ax, sign in zip(axes, (1.0, -1.0)):
        x = circled(ax)
        _, update = arrows(ax)[to_rgba(THEME.update)]
        cosine = update @ x / (np.linalg.norm(update) * np.linalg.norm(x))
        assert cosine == pytest.approx(sign, abs=1e-12)
        assert sign * ((theta + update) @ x) > sign * (theta @ x)  # the point's margin rises


def test_new_boundary_is_perpendicular_to_the_new_theta(panels):
    axes, _, _ = panels
    for ax in axes:
        (line,) = [ln for ln in ax.lines if ln.get_linestyle() == "--"]
        ends = np.asarray(line.get_xydata())
        new_theta = dashed_theta(ax)
        direction = ends[1] - ends[0]
        cosine = direction @ new_theta / (np.linalg.norm(direction) * np.linalg.norm(new_theta))
        assert abs(cosine) < 1e-12


def test_titles_state_sims_p_and_coefficient(panels):
    axes, data, params = panels
    problem = LogReg(n=params["n"], separation=params["separation"])
    theta = np.array([params["start_x"], params["start_y"]])
    for ax, step in zip(axes, data.steps):
        again = example_step(problem, theta, step.index, params["lr"])
        title = ax.get_title()
        assert f"= {again.p:.2f}$" in title and f"\\theta {again.coefficient:+.2f}" in title


def test_circled_points_are_the_worst_classified_of_their_class():
    axes, _, params = drawn()
    problem = LogReg()
    losses = problem.example_losses(np.array([params["start_x"], params["start_y"]]))
    for ax, label in zip(axes, (1, 0)):
        x = circled(ax)
        (index,) = np.flatnonzero(np.all(problem.X == x, axis=1))
        assert losses[index] == losses[problem.y == label].max()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_from_theta_zero_only_the_new_boundary_is_drawn(theme):
    """The issue's input (start_x=0, start_y=0) ended in an AttributeError: θ = 0, the usual start
    of logistic regression, has no boundary (p = 1/2 everywhere). Each panel shows θ = 0 as a
    point, the update −ε(1/2 − y)x from the origin and the dashed boundary of θ' only."""
    (job,) = jobs.plan(["logistic-gradient-step"], sets=["start_x=0", "start_y=0"], theme=theme)
    th = theme_module.THEMES[theme]
    with styled(job):
        figure, data = build(job)
    problem = LogReg(n=job.params["n"], separation=job.params["separation"])
    assert data.picture.boundary is None
    np.testing.assert_array_equal(data.picture.probability, 0.5)
    for ax, step in zip(figure.axes, data.steps):
        x, y = problem.X[step.index], problem.y[step.index]
        (tail, vector), = [v for k, v in arrows(ax).items() if k == to_rgba(th.update)]
        np.testing.assert_array_equal(tail, [0.0, 0.0])
        np.testing.assert_allclose(vector, -job.params["lr"] * (0.5 - y) * x, rtol=1e-12)
        boundaries = [ln for ln in ax.lines
                      if ln.get_color() == th.boundary and ln.get_linestyle() != "None"]
        assert [ln.get_linestyle() for ln in boundaries] == ["--"]
        assert any(t.get_text() == r"$\theta = 0$" for t in ax.texts)
    assert [t.get_text() for t in figure.legends[0].get_texts()] == [
        rf"update $-\epsilon\,(p - y)\,x$, $p = \sigma(\theta{T}x)$", r"boundary of $\theta'$"]


def test_by_default_theta_its_update_and_theta_prime_are_clearly_apart():
    """The update is drawn over θ's head and over half θ's length, and θ' turns away from θ
    by more than 20°."""
    axes, data, _ = drawn()
    for ax, step in zip(axes, data.steps):
        found = arrows(ax)
        update = [q for q in ax.collections if isinstance(q, Quiver)
                  and to_rgba(q.get_facecolor()[0]) == to_rgba(THEME.update)]
        theta = [q for q in ax.collections if isinstance(q, Quiver)
                 and to_rgba(q.get_facecolor()[0]) == to_rgba(THEME.foreground)]
        assert update[0].get_zorder() > theta[0].get_zorder()
        _, vector = found[to_rgba(THEME.update)]
        assert np.linalg.norm(vector) > 0.5 * np.linalg.norm(step.theta)
        cosine = step.theta @ step.theta_after / (np.linalg.norm(step.theta)
                                                  * np.linalg.norm(step.theta_after))
        assert np.degrees(np.arccos(cosine)) > 20
