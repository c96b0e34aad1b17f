"""The lecture's facts (ERRATA.md), each measured on the product's own code against an
independent computation.

Every check calls the ``sim`` functions the figures and scenes draw from (the
fitted θ, the drawn boundary segments and level lines, the chords, the
optimizers' iterates, the schedules) and compares what they return with a
computation written here without them: root-finding on a sigmoid written out,
finite differences of a loss written out, Gaussian densities from scipy, matrix
powers and eigen-decompositions, the schedules' formulas in plain ``math``. The
cases are chosen so a plausible mistake shows (a chord on a function with
negative values, logits 10⁴ apart, a step size exactly at 2/λ_max).

A check returns the error it measured and the tolerance it must stay within
(``passed`` is ``error ≤ tolerance``). For a claim that something *fails* (the
chord of a non-convex function dips under its graph) the measured quantity is
signed and the tolerance negative. A structural failure (a missing boundary, a
wrong count) is an infinite error. A check that raises is a failed ``Check``
carrying the exception's one-line message, so ``run_all()`` (what ``cli.py
verify`` reports) never raises.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from itertools import combinations

import numpy as np
from numpy.polynomial import Polynomial
from scipy.optimize import brentq
from scipy.special import ellipe, expit
from scipy.stats import multivariate_normal, norm

from sim.batching import epoch_plan
from sim.brain_vs_gpt4 import BRAIN_VS_GPT4, SOURCE
from sim.chain_rule import chain_rule_example
from sim.chord_pictures import chord_picture
from sim.convexity import Curve1D, chord, convex_curve, nonconvex_curve
from sim.directional import directional_derivatives
from sim.geometry import clip_line
from sim.gradient_geometry import gradient_field, level_set_walk, steepest_ascent
from sim.levels import level_set_frame, project_to_level, trace_level_set
from sim.logistic_geometry import (LEVELS, RESOLUTION, ProbabilityField, example_step,
                                   fitted_theta, level_segments, logistic_picture,
                                   probability_bands, rotated, window)
from sim.logit_descent import logit_descent, logit_states, loss_slices
from sim.multiclass import GaussianClasses, cross_entropy, cross_entropy_grad
from sim.optimizers import (gradient_descent, minibatch_sgd, minibatch_sgd_ensemble, sgd,
                            stability_threshold)
from sim.problems import (BoundedSaddle, DoubleWell, Himmelblau, Quadratic, Saddle, classify,
                          refine_critical_points)
from sim.references import gd_closed_form, gradient_flow, gradient_flow_closed_form
from sim.regression import LinReg, LogReg, loss_curves
from sim.schedules import (SCHEDULES, Constant, Cosine, GrowingBatch, InverseTime, StepDecay,
                           batch_sizes, formula, parse_schedule)
from sim.tanh_regression import TanhReg


@dataclass(frozen=True)
class Check:
    """One verified claim: what was measured, how far off it was, and the allowed error.

    ``message`` is empty for a check that ran; for one that raised it is the
    exception's type and first line (``error`` is then NaN).
    """

    name: str
    claim: str
    error: float
    tolerance: float
    passed: bool
    message: str = ""


def _fact(name: str, tolerance: float, claim: str):
    """Make a function returning a measured error into a check returning a ``Check``.

    The check never raises: an exception becomes a failed ``Check`` whose
    message is the exception's type and the first line of its text.
    """
    def wrap(measure):
        @functools.wraps(measure)
        def check() -> Check:
            try:
                error = float(measure())
            except Exception as err:  # noqa: BLE001 (any fault in sim is a failed fact)
                text = str(err).strip().splitlines()
                message = type(err).__name__ + (f": {text[0]}" if text else "")
                return Check(name=name, claim=claim, error=math.nan, tolerance=float(tolerance),
                             passed=False, message=message)
            return Check(name=name, claim=claim, error=error, tolerance=float(tolerance),
                         passed=bool(error <= tolerance))  # NaN fails
        return check
    return wrap


def _worst(*errors) -> float:
    """The largest of the errors measured; a NaN (a measurement that went wrong, which
    Python's ``max`` would drop unless it came first) counts as infinite."""
    values = [float(e) for e in errors]
    return math.inf if any(math.isnan(v) for v in values) else max(values)


def _unit(v):
    v = np.asarray(v, dtype=float)
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def _relative(have, want) -> float:
    """Largest |have − want| / (1 + |want|); infinite when the shapes differ."""
    have, want = np.asarray(have, dtype=float), np.asarray(want, dtype=float)
    if have.shape != want.shape:
        return math.inf
    return float(np.max(np.abs(have - want) / (1.0 + np.abs(want)), initial=0.0))


def _line_fit(points):
    """(unit direction, straightness residual σ_min/σ_max) of a point set, by SVD."""
    centred = points - points.mean(axis=0)
    _, sigma, vt = np.linalg.svd(centred)
    return vt[0], sigma[-1] / sigma[0]


def _sine(u, v) -> float:
    """|sin| of the angle between two 2-D vectors."""
    u, v = _unit(u), _unit(v)
    return abs(float(u[0] * v[1] - u[1] * v[0]))


# ---------------------------------------------------------------- logistic regression


def _p(theta, x):
    """σ(θ⊤x) written out, independent of ``sim.regression.logistic_probability``."""
    x = np.asarray(x, dtype=float)
    with np.errstate(over="ignore"):  # far out, exp(−θ⊤x) = ∞ gives p = 0 exactly
        return 1.0 / (1.0 + np.exp(-(theta[0] * x[..., 0] + theta[1] * x[..., 1])))


def _logistic_losses(theta, X, y):
    """−y log σ(θ⊤x) − (1 − y) log(1 − σ(θ⊤x)) per example, written out as log(1 + e^(∓θ⊤x));
    shape (n,)."""
    z = X[:, 0] * theta[0] + X[:, 1] * theta[1]
    return np.where(y == 1, np.log1p(np.exp(-z)), np.log1p(np.exp(z)))


def _level_points(theta, q: float, xs) -> np.ndarray:
    """Points with σ(θ⊤x) = q, by root-finding in x2 along vertical lines x1 = const."""
    points = []
    for x1 in xs:
        def gap(x2, x1=x1):
            return _p(theta, np.array([x1, x2])) - q
        points.append([x1, brentq(gap, -1e3, 1e3, xtol=1e-14, rtol=4 * np.finfo(float).eps)])
    return np.array(points)


def _logistic_scene():
    """(problem, fitted θ, plot bounds, the picture the figures and scenes draw of it)."""
    problem = LogReg()
    theta = fitted_theta(problem)
    bounds = window(problem.X)
    return problem, theta, bounds, logistic_picture(theta, bounds)


def _boundary_direction(picture):
    """The drawn boundary segment as a vector from its first end to its second."""
    return picture.boundary[1] - picture.boundary[0]


def _frames(points, bounds, pad: float) -> bool:
    """Whether ``bounds`` hold ``points`` with pad to pad + ½ on every side, edges on halves."""
    (x0, x1), (y0, y1) = bounds
    margins = np.r_[(points - [x0, y0]).min(axis=0), ([x1, y1] - points).min(axis=0)]
    return (bool(np.all((margins >= pad) & (margins <= pad + 0.5)))
            and all(2 * edge == round(2 * edge) for edge in (x0, x1, y0, y1)))


def _on_border(point, bounds) -> float:
    (x0, x1), (y0, y1) = bounds
    return min(abs(point[0] - x0), abs(point[0] - x1), abs(point[1] - y0), abs(point[1] - y1))


@_fact("logistic-boundary-perpendicular", 1e-9,
       "the drawn decision boundary of the fitted logistic regression is perpendicular to θ: "
       "|cos| between θ and the segment, σ(θ⊤x) − ½ at its ends, distance of root-found points "
       "of σ(θ⊤x) = ½ from it, its ends on the plot's edge; the plot window holds every "
       "example, ½ to 1 inside its edges, which lie on the half-unit grid, and the loss "
       "surface's window the origin and θ̂, 1.5 to 2 inside")
def logistic_boundary_perpendicular():
    problem, theta, bounds, picture = _logistic_scene()
    ends, along = picture.boundary, _boundary_direction(picture)
    (x0, x1), (y0, y1) = bounds
    start_and_fit = np.array([np.zeros(2), theta])  # what the loss-surface plots hold
    if (not _frames(problem.X, bounds, 0.5) or not _frames(
            start_and_fit, problem.bounds, max(1.5, 0.5 * np.abs(start_and_fit).max()))):
        return math.inf
    found = _level_points(theta, 0.5, np.linspace(x0, x1, 13))
    off = np.abs(along[0] * (found[:, 1] - ends[0, 1]) - along[1] * (found[:, 0] - ends[0, 0]))
    return _worst(abs(_unit(along) @ _unit(theta)), float(np.abs(_p(theta, ends) - 0.5).max()),
                  float(off.max() / np.linalg.norm(along)) / math.hypot(x1 - x0, y1 - y0),
                  *(_on_border(end, bounds) for end in ends))


@_fact("logistic-theta-points-to-class-1", 1e-9,
       "θ points where p(1 | x) grows (into p > 1/2, class 1's side): 1 − cos between θ and ∇ₓp "
       "by finite differences along the drawn boundary; class 1's data lie on θ's side")
def logistic_theta_points_to_class_1():
    problem, theta, _, picture = _logistic_scene()
    ends = picture.boundary
    boundary = ends[0] + np.linspace(0.0, 1.0, 7)[:, None] * (ends[1] - ends[0])
    h = 1e-5
    rise = np.stack([(_p(theta, boundary + s) - _p(theta, boundary - s)) / (2 * h)
                     for s in np.eye(2) * h], axis=-1)
    means = [problem.X[problem.y == k].mean(axis=0) for k in (0, 1)]
    if theta @ (means[1] - means[0]) <= 0:
        return math.inf
    return float(np.max(1.0 - _unit(rise) @ _unit(theta)))


@_fact("logistic-fit-maximises-likelihood", 1e-8,
       "the θ the figures draw is the maximum-likelihood fit: the gradient of the mean "
       "log-loss, by central differences of the loss written out, vanishes there; the θ the "
       "scene turns about the origin by φ degrees are the complex products θ·e^{iφ}")
def logistic_fit_maximises_likelihood():
    problem, theta, _, _ = _logistic_scene()
    h = 1e-5
    slope = [(_logistic_losses(theta + e, problem.X, problem.y).mean()
              - _logistic_losses(theta - e, problem.X, problem.y).mean()) / (2 * h)
             for e in np.eye(2) * h]
    angles = np.array([0.0, 90.0, 30.0, -45.0, 200.0])
    turned = complex(*theta) * np.exp(1j * np.radians(angles))
    return _worst(float(np.linalg.norm(slope)),
                  _relative(rotated(theta, angles), np.c_[turned.real, turned.imag]),
                  _relative(rotated(theta, 30.0), [turned[2].real, turned[2].imag]))


def _box_chord(normal, offset: float, bounds):
    """The two ends of the chord of n⊤x + c = 0 across the box ``bounds`` (None if it misses),
    from the line's crossings of the four edge lines that lie on the box."""
    (x0, x1), (y0, y1) = bounds
    (a, b), ends = normal, set()
    for x in (x0, x1):
        if b != 0 and y0 <= -(offset + a * x) / b <= y1:
            ends.add((x, -(offset + a * x) / b))
    for y in (y0, y1):
        if a != 0 and x0 <= -(offset + b * y) / a <= x1:
            ends.add((-(offset + b * y) / a, y))
    ends = sorted(ends)
    return None if len(ends) < 2 else np.array([ends[0], ends[-1]])


@_fact("logistic-level-sets-parallel", 1e-9,
       "the level sets of p(1 | x) are straight lines parallel to the decision boundary: the "
       "closed-form level segments the scenes draw (|sin| to the boundary, σ(θ⊤x) − q at their "
       "ends) and root-found points of σ(θ⊤x) = q (|sin|, bend); a line's segment in the "
       "window is its chord across it, also for lines along the axes, on an edge, missing it or "
       "touching only a corner")
def logistic_level_sets_parallel():
    _, theta, bounds, picture = _logistic_scene()
    worst = 0.0
    for q, segment in zip(LEVELS, level_segments(theta, bounds, LEVELS), strict=True):
        direction, bend = _line_fit(_level_points(theta, q, np.linspace(-3, 3, 13)))
        boundary = _boundary_direction(picture)
        worst = _worst(worst, _sine(segment[1] - segment[0], boundary), _sine(direction, boundary),
                       bend, float(np.abs(_p(theta, segment) - q).max()))
    (x0, x1), (y0, y1) = bounds
    lines = [(theta, 0.3), ((0.0, 1.0), -0.25), ((1.0, 0.0), 0.5), ((0.0, 2.0), -2 * y0),
             ((0.6, 0.8), -0.1), ((1.0, 0.0), -x1 - 1.0),  # level, across, on an edge, unit, out
             ((1.0, 1.0), -x1 - y1)]  # touching one corner: no segment
    for normal, offset in lines:
        drawn, want = clip_line(normal, offset, bounds), _box_chord(normal, offset, bounds)
        if (drawn is None) != (want is None):
            return math.inf
        if want is not None:
            worst = _worst(worst, min(_relative(drawn, want), _relative(drawn[::-1], want)))
    return worst


@_fact("logistic-level-lines-drawn", 1e-3,
       "the contoured level lines and shaded bands of p(1 | x) that the figures draw follow "
       "σ(θ⊤x): |σ − q| on every contour point, |sin| to the boundary, a band vertex outside "
       "its range of p, or a gap in the bands' cover of the window (relative area); the shaded "
       "grid is σ(θ⊤x) at its points, which span the window in cells square to half a cell, "
       f"{RESOLUTION} along the longer side; the bands have equal widths k/24 of p, and with an "
       "overlap each reaches exactly that far past its upper edge, or to the window's edge")
def logistic_level_lines_drawn():
    _, theta, bounds, picture = _logistic_scene()
    worst, boundary = 0.0, _boundary_direction(picture)
    (x0, x1), (y0, y1) = bounds
    xs, ys = picture.xs, picture.ys
    dx, dy = np.diff(xs).mean(), np.diff(ys).mean()
    tall = ProbabilityField(theta, ((0.0, 1.0), (1.0, 4.0))).grid(31)  # cells of 3/30 = 0.1
    if (max(len(xs), len(ys)) != RESOLUTION or picture.bounds != bounds
            or (len(tall[0]), len(tall[1])) != (11, 31)
            or picture.probability.shape != (len(ys), len(xs))
            or max(len(xs), len(ys)) * abs(dx - dy) > 0.5 * dx):  # square to half a cell
        return math.inf
    worst = _worst(_relative([xs[0], xs[-1], ys[0], ys[-1]], [x0, x1, y0, y1]),
                   _relative(picture.theta, theta),
                   _relative(picture.probability, _p(theta, np.stack(np.meshgrid(xs, ys), -1))))
    for q, lines in zip(picture.lines.levels, picture.lines.lines, strict=True):
        points = np.concatenate(lines)
        direction, bend = _line_fit(points)
        worst = _worst(worst, float(np.abs(_p(theta, points) - q).max()),
                       _sine(direction, boundary), bend)
    bands = probability_bands(theta, bounds)  # the default: 24 bands
    area = 0.0
    worst = _worst(worst, _relative(bands.edges, np.arange(25) / 24))
    for low, high, polygon in zip(bands.edges[:-1], bands.edges[1:], bands.polygons, strict=True):
        if polygon.shape[1:] != (2,):
            return math.inf
        if len(polygon):
            p = _p(theta, polygon)
            worst = _worst(worst, float(np.max(low - p)), float(np.max(p - high)))
            x, y = polygon.T
            area += 0.5 * abs(float(x @ np.roll(y, -1) - y @ np.roll(x, -1)))
    whole = (x1 - x0) * (y1 - y0)
    flat = probability_bands(np.zeros(2), bounds, 24)  # θ = 0: p = ½ everywhere
    x, y = flat.polygons[12].T
    if any(len(polygon) or polygon.shape != (0, 2)
           for k, polygon in enumerate(flat.polygons) if k != 12):
        return math.inf
    reach = 0.1 * np.linalg.norm(theta)
    corners = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]]) @ theta
    for high, polygon in zip(bands.edges[1:-1], probability_bands(theta, bounds, 24, 0.1).polygons):
        if len(polygon):  # each band reaches 0.1 (in x units) past its upper edge, no further
            top = min(math.log(high / (1.0 - high)) + reach, corners.max())
            worst = _worst(worst, abs(float((polygon @ theta).max()) - top))
    return _worst(worst, abs(area / whole - 1.0), _relative(flat.edges, bands.edges),
                  abs(0.5 * abs(float(x @ np.roll(y, -1) - y @ np.roll(x, -1))) / whole - 1.0))


@_fact("logistic-gradient-finite-differences", 1e-6,
       "L_i = −y_i log σ(θ⊤x_i) − (1 − y_i) log(1 − σ(θ⊤x_i)) and ∇θ L_i = (σ(θ⊤x_i) − y_i) x_i "
       "match the loss written out and its central differences; L and ∇L are their means, "
       "a mini-batch's gradient the mean over its examples")
def logistic_gradient_finite_differences():
    problem = LogReg()
    rng = np.random.default_rng(1)
    h = 1e-6
    worst = 0.0
    for theta in rng.normal(scale=3.0, size=(10, 2)):
        losses = _logistic_losses(theta, problem.X, problem.y)
        analytic = problem.example_grads(theta)  # (n, 2)
        numeric = np.stack([(_logistic_losses(theta + e, problem.X, problem.y)
                             - _logistic_losses(theta - e, problem.X, problem.y)) / (2 * h)
                            for e in np.eye(2) * h], axis=-1)
        scale = np.linalg.norm(analytic, axis=-1, keepdims=True) + 1e-3
        batch = rng.permutation(problem.n)[:7]  # a mini-batch: its examples' gradients, mean
        if analytic.shape != numeric.shape:
            return math.inf
        worst = _worst(worst, float(np.max(np.abs(numeric - analytic) / scale)),
                       _relative(problem.example_grads(theta, batch), analytic[batch]),
                       _relative(problem.batch_grad(theta, batch), analytic[batch].mean(axis=0)),
                       _relative(problem.example_losses(theta), losses),
                       _relative(problem.value(theta), losses.mean()),
                       _relative(problem.grad(theta), numeric.mean(axis=0)))
    return worst


@_fact("logistic-update-sign", 1e-12,
       "the SGD step the figures draw, −ε(σ(θ⊤x) − y)x, moves θ along +x for a class-1 point and "
       "along −x for a class-0 point, raising that point's margin (1 − cos to ±x, and its size "
       "against the step written out)")
def logistic_update_sign():
    problem, theta_hat, _, _ = _logistic_scene()
    theta, lr = 0.5 * theta_hat, 0.1
    error = 0.0
    for i in range(problem.n):
        step = example_step(problem, theta, i, lr)
        x, y = problem.X[i], problem.y[i]
        sign = 1.0 if y == 1 else -1.0
        want = -lr * (_p(theta, x) - y) * x
        if (step.index, step.y, step.lr) != (i, y, lr):
            return math.inf
        error = _worst(error, 1.0 - _unit(step.update) @ _unit(sign * x), _relative(step.x, x),
                       _relative(step.theta, theta), _relative(step.p, _p(theta, x)),
                       _relative(step.gradient, want / -lr),
                       _relative(step.update, want), _relative(step.theta_after, theta + want),
                       _relative(step.coefficient * x, want))
        if sign * (step.theta_after @ x) <= sign * (theta @ x):  # must move toward its class
            return math.inf
    return error


# ---------------------------------------------------------------- Gaussian classes, softmax

_PRIORS = np.array([0.5, 0.3, 0.2])
_CLASS_BOUNDS = ((-5.0, 5.0), (-4.0, 5.0))


def _bayes_posterior(model, x):
    """π_k N(x; μ_k, Σ) / Σ_j π_j N(x; μ_j, Σ) from scipy's densities, shape (m, K)."""
    joint = np.stack([p * multivariate_normal(m, model.cov).pdf(x)
                      for m, p in zip(model.means, model.priors)], axis=-1)
    return joint / joint.sum(axis=-1, keepdims=True)


@_fact("softmax-is-gaussian-posterior", 1e-12,
       "softmax(w_k⊤x + b_k) with w_k = Σ⁻¹μ_k, b_k = −½μ_k⊤Σ⁻¹μ_k + log π_k equals the Bayes "
       "posterior π_k N(x; μ_k, Σ) / Σ_j π_j N(x; μ_j, Σ), with given priors (also given as "
       "plain lists) and with the default, equal ones")
def softmax_is_gaussian_posterior():
    axis = np.linspace(-5, 5, 41)
    grid = np.stack(np.meshgrid(axis, axis), axis=-1).reshape(-1, 2)
    worst = 0.0
    given = GaussianClasses(priors=_PRIORS)
    as_lists = GaussianClasses(means=given.means.tolist(), cov=given.cov.tolist(),
                               priors=_PRIORS.tolist())  # as a scene or the CLI writes them
    for model in (given, as_lists, GaussianClasses()):  # default: equal priors
        if len(model.priors) != len(model.means):
            return math.inf
        worst = _worst(worst, np.abs(model.posterior(grid) - _bayes_posterior(model, grid)).max())
    if (not all(isinstance(a, np.ndarray) for a in (as_lists.means, as_lists.cov, as_lists.priors))
            or not np.array_equal(given.priors, _PRIORS)):
        return math.inf  # stored as arrays, the priors as given
    return _worst(worst, _relative(GaussianClasses().priors, np.full(3, 1 / 3)))


@_fact("softmax-boundaries-straight", 1e-9,
       "with a shared Σ the drawn boundaries are straight segments on which the two classes' "
       "Bayes posteriors (from the densities) tie and lead, and every change of the most "
       "probable class on a grid lies next to one (posterior gap; distance beyond one cell)")
def softmax_boundaries_straight():
    model = GaussianClasses(priors=_PRIORS)
    pieces = model.boundaries(_CLASS_BOUNDS)
    worst = 0.0
    ts = np.linspace(0.0, 1.0, 21)[:, None]
    for k, j, segment in pieces:
        points = segment[0] + ts * (segment[1] - segment[0])
        posterior = _bayes_posterior(model, points)
        others = np.delete(posterior, [k, j], axis=-1)
        worst = _worst(worst, float(np.abs(posterior[:, k] - posterior[:, j]).max()),
                       float(np.max(others - posterior[:, [k]], initial=0.0)))
    (x0, x1), (y0, y1) = _CLASS_BOUNDS
    cell = (x1 - x0) / 100
    xs, ys = np.arange(x0, x1 + cell / 2, cell), np.arange(y0, y1 + cell / 2, cell)
    grid = np.stack(np.meshgrid(xs, ys), axis=-1)
    label = _bayes_posterior(model, grid.reshape(-1, 2)).argmax(axis=-1).reshape(grid.shape[:2])
    drawn = {frozenset((k, j)): segment for k, j, segment in pieces}
    for a, b, first, second in ((label[:, :-1], label[:, 1:], grid[:, :-1], grid[:, 1:]),
                                (label[:-1], label[1:], grid[:-1], grid[1:])):
        change = a != b
        for pair in {frozenset(p) for p in zip(a[change], b[change])}:
            if pair not in drawn:
                return math.inf
            where = change & (np.minimum(a, b) == min(pair)) & (np.maximum(a, b) == max(pair))
            middle = 0.5 * (first[where] + second[where])
            start, end = drawn[pair]
            t = np.clip((middle - start) @ (end - start) / ((end - start) @ (end - start)), 0, 1)
            gap = np.linalg.norm(start + t[:, None] * (end - start) - middle, axis=-1)
            worst = _worst(worst, float(np.max(gap - cell, initial=0.0)))
    return worst


# ---------------------------------------------------------------- chain rule


@_fact("chain-rule-equals-brute-force", 1e-13,
       "for u = (z1 + z2)²/2, z1 = x1 sin x2, z2 = sin² x2, the chain rule through the graph's "
       "local derivatives equals differentiating the substituted closed form")
def chain_rule_equals_brute_force():
    x = np.random.default_rng(2).uniform(-3, 3, size=(2000, 2))
    example = chain_rule_example(x)
    scale = 1.0 + np.abs(example.grad_brute)
    return _worst(np.max(np.abs(example.grad_chain - example.grad_brute) / scale),
                  np.max(np.abs(example.u - example.u_brute) / (1.0 + np.abs(example.u_brute))))


@_fact("chain-rule-finite-differences", 1e-7,
       "∂u/∂x1 = (z1 + z2) sin x2 and ∂u/∂x2 = (z1 + z2)(x1 cos x2 + 2 sin x2 cos x2) match "
       "central differences of u written out, and the graph's forward values z1, z2, u")
def chain_rule_finite_differences():
    x = np.random.default_rng(3).uniform(-3, 3, size=(500, 2))
    x1, s, c = x[:, 0], np.sin(x[:, 1]), np.cos(x[:, 1])

    def u(points):
        return 0.5 * (points[:, 0] * np.sin(points[:, 1]) + np.sin(points[:, 1]) ** 2) ** 2
    h = 1e-6
    numeric = np.stack([(u(x + e) - u(x - e)) / (2 * h) for e in np.eye(2) * h], axis=-1)
    example = chain_rule_example(x)
    expected = np.stack([(x1 * s + s**2) * s, (x1 * s + s**2) * (x1 * c + 2 * s * c)],
                        axis=-1)  # the lecture's formulas, as ERRATA.md states them
    local = {("x1", "z1"): s, ("x2", "z1"): x1 * c, ("x1", "z2"): 0 * x1, ("x2", "z2"): 2 * s * c,
             ("z1", "u"): x1 * s + s**2, ("z2", "u"): x1 * s + s**2}  # each edge's ∂b/∂a
    adjoints = {"u": 1 + 0 * x1, "z1": x1 * s + s**2, "z2": x1 * s + s**2,
                "x1": expected[:, 0], "x2": expected[:, 1]}  # ∂u/∂node
    if set(example.local) != set(local) or set(example.adjoints) != set(adjoints):
        return math.inf
    return _worst(_relative(example.grad_chain, numeric), _relative(example.grad_chain, expected),
                  _relative(example.z1, x1 * s), _relative(example.z2, s**2),
                  _relative(example.u, u(x)), _relative(example.x, x),
                  *(_relative(example.local[edge], local[edge]) for edge in local),
                  *(_relative(example.adjoints[node], adjoints[node]) for node in adjoints))


# ---------------------------------------------------------------- gradient geometry


def _ellipse(hessian, height: float) -> tuple[float, float]:
    """Area πab and perimeter 4a·E(1 − b²/a²) of the ellipse {½d⊤Hd = height}."""
    low, high = np.linalg.eigvalsh(hessian)
    a, b = math.sqrt(2.0 * height / low), math.sqrt(2.0 * height / high)
    return math.pi * a * b, 4.0 * a * ellipe(1.0 - (b / a) ** 2)


def _shoelace(points) -> float:
    x, y = np.asarray(points).T
    return 0.5 * abs(float(x @ np.roll(y, -1) - y @ np.roll(x, -1)))


@_fact("gradient-perpendicular-to-level-set", 1e-3,
       "along a path θ(t) inside a level set, ∇f(θ(t))⊤θ′(t) = 0: |cos| between ∇f and the "
       "tangent measured from traced level sets, the level-set frames and walks the figures and "
       "scenes draw, with their points' |f − c| relative to the level; points 0.05 off a level "
       "set are projected onto it to rounding in a few Newton steps; each walk starts at its "
       "point, steps 0.005 apart (at most twice that, shorter where ∇f would turn by more than "
       "0.02 rad), is unit-speed with t its arc length, keeps "
       "higher f on its right, closes around the quadratics' ellipses (area πab, perimeter "
       "4aE(e²), relative) and runs past both edges of the plot on an open level set, or is "
       "its chord when it leaves the plot within a step (a point with ∇f turned by 90° before "
       "its first); a loop 2.3 steps across closes, the unit circle has area π, perimeter 2π "
       "and tangents ⟂ the radius to rounding, a walk stops at its point budget; the "
       "bowl's frame spreads its 6 points evenly along the ellipse")
def gradient_perpendicular_to_level_set():
    data = LinReg()
    hessian = data.X.T @ data.X / data.n
    bowl = Quadratic(1.0, 10.0, angle=30.0)
    cases = [(bowl, (1.0, 0.3), bowl.matrix, np.zeros(2)), (Himmelblau(), (3.5, 2.0), None, None),
             (DoubleWell(), (0.0, 0.5), None, None),
             (data, (0.0, 0.0), hessian, np.linalg.solve(hessian, data.X.T @ data.y / data.n))]
    worst, spacing = 0.0, 0.005
    for problem, through, matrix, centre in cases:
        level = float(problem.value(np.asarray(through, dtype=float)))
        walk = level_set_walk(problem, through, spacing=spacing)
        frame = level_set_frame(problem, level)
        trace = walk.trace
        for points, tangents in ((walk.points, walk.velocities), (frame.points, frame.tangents),
                                 (trace.points, trace.tangents)):
            gradients = problem.grad(points)
            right = tangents[:, 1] * gradients[:, 0] - tangents[:, 0] * gradients[:, 1]
            if points is not frame.points and right.min() <= 0:  # higher f on the right
                return math.inf
            worst = _worst(worst, float(np.abs(np.sum(tangents * _unit(gradients), axis=-1)).max()),
                           float(np.abs(problem.value(points) - level).max()) / (1.0 + abs(level)),
                           float(np.abs(np.linalg.norm(tangents, axis=-1) - 1.0).max()))
        counted, ring = _Counting(problem), np.linspace(0.0, 2 * math.pi, 9)[:-1]
        near = np.asarray(through) + 0.05 * np.stack([np.cos(ring), np.sin(ring)], axis=-1)
        onto = project_to_level(counted, near, level)  # Newton along ∇f: a few steps, then stop
        whole = project_to_level(problem, np.array([[1, 1]]), level)  # integers in, floats out
        if (counted.grads > 6 or np.abs(problem.value(np.r_[onto, whole]) - level).max()
                > 1e-13 * max(1.0, abs(level))):
            return math.inf
        gaps = np.linalg.norm(np.diff(walk.points, axis=0), axis=1)
        start = int(np.argmin(np.linalg.norm(trace.points - through, axis=1)))
        steps = [start + 1] if trace.closed else [start - 1, start + 1]  # its first step each way
        if np.linalg.norm(trace.points[steps] - through, axis=1).max() > 1.001 * spacing:
            return math.inf
        normals = _unit(problem.grad(trace.points))
        turns = np.arccos(np.clip(np.sum(normals[1:] * normals[:-1], axis=-1), -1.0, 1.0))
        if (walk.level != level or frame.level != level or trace.level != level
                or turns.max() > 0.0201  # steps shrink in bends: ∇f turns ≤ 0.02 rad a step
                or trace.closed != (matrix is not None or isinstance(problem, Himmelblau))
                or gaps.max() > 2 * spacing or abs(np.median(gaps) / spacing - 1.0) > 1e-3):
            return math.inf
        cosines = np.sum(_unit(walk.gradients) * walk.velocities, axis=-1)
        worst = _worst(worst, float(np.abs(walk.rates / np.linalg.norm(walk.gradients, axis=-1))
                                    .max()), float(np.abs(walk.angles - 90.0).max()) / 90.0,
                       _relative(walk.angles, np.degrees(np.arccos(cosines))),
                       float(np.linalg.norm(trace.points - through, axis=1).min()),
                       _relative(walk.times, np.r_[0.0, np.cumsum(gaps)]),
                       _relative(walk.gradients, problem.grad(walk.points)),
                       _relative(frame.gradients, problem.grad(frame.points)))
        if matrix is not None:  # an ellipse about the minimiser
            area, perimeter = _ellipse(matrix, level - float(problem.value(centre)))
            worst = _worst(worst, abs(_shoelace(walk.points[:-1]) / area - 1.0),
                           abs(walk.times[-1] / perimeter - 1.0))
            if problem is bowl:  # its frame: arc positions along the walk, 1/6 of it apart
                arcs = np.sort([walk.times[np.argmin(np.linalg.norm(walk.points - q, axis=1))]
                                for q in frame.points])
                apart = np.diff(np.r_[arcs, arcs[0] + walk.times[-1]])
                if np.abs(apart / (perimeter / 6) - 1.0).max() > 0.02:  # 0.005 of 0.93 apart
                    return math.inf
        elif not trace.closed:  # ends just past the window: within 5 % of its size
            (x0, x1), (y0, y1) = problem.bounds
            for x, y in trace.points[[0, -1]]:
                past = max((x0 - x) / (x1 - x0), (x - x1) / (x1 - x0), (y0 - y) / (y1 - y0),
                           (y - y1) / (y1 - y0))
                if not 0 < past <= 0.05 + spacing / min(x1 - x0, y1 - y0):
                    return math.inf
    corner = Quadratic(1.0, 10.0, angle=30.0, bounds=((0.998, 1.03), (0.27, 0.319)))
    short = trace_level_set(corner, (1.0, 0.3))  # leaves this small plot after one step
    chord = _unit(short.points[-1] - short.points[0])
    bend = np.abs(np.sum(short.tangents * _unit(corner.grad(short.points)), axis=-1)).max()
    if len(short.points) != 2 or short.closed or bend > 0.02:  # a chord is off by its bend
        return math.inf
    three = Quadratic(1.0, 10.0, angle=30.0, bounds=((0.985, 1.03), (0.27, 0.32)))
    bent = trace_level_set(three, (1.0, 0.3))  # three points: its chord is 0.02 off ∇f's normal
    if len(bent.points) != 3:
        return math.inf
    worst = _worst(worst, float(np.abs(np.sum(bent.tangents * _unit(three.grad(bent.points)),
                                              axis=-1)).max()))
    small = trace_level_set(bowl, (0.1, 0.0), spacing=0.12)  # 2.3 steps across: it closes
    capped = trace_level_set(bowl, (1.0, 0.3), max_points=10)  # 10 points each way, then stop
    unit = trace_level_set(Quadratic(1.0, 1.0), (1.0, 0.0))  # |∇f| is exactly 1 at its start
    ring = np.r_[unit.points, unit.points[:1]]
    if (not small.closed or capped.closed or len(capped.points) != 19 or not unit.closed
            or np.abs(np.sum(unit.tangents * unit.points, axis=-1)).max() > 1e-9):
        return math.inf  # three points of a circle: the stencil's tangent is exact, ⟂ the radius
    worst = _worst(worst, abs(_shoelace(unit.points) / math.pi - 1.0),  # the unit circle
                   abs(np.linalg.norm(np.diff(ring, axis=0), axis=1).sum() / (2 * math.pi) - 1.0))
    tiny = Quadratic(1.0, 10.0, angle=30.0, bounds=((0.999, 1.001), (0.299, 0.301)))
    single = trace_level_set(tiny, (1.0, 0.3))  # leaves the plot before its first step
    (tx, ty), (gx, gy) = single.tangents[0], _unit(tiny.grad(single.points))[0]
    if len(single.points) != 1 or not ty * gx - tx * gy > 0:  # higher f on the right
        return math.inf
    return _worst(worst, _relative(short.tangents, [chord, chord]),
                  abs(tx * gx + ty * gy), abs(math.hypot(tx, ty) - 1.0))


def _steepest_measured():
    """Per surface and point: the product's directional derivatives over 3600 unit directions,
    the same slopes by central differences of f, and the product's steepest ascent."""
    h = 1e-6
    for problem, point in ((Quadratic(**_BOWL), (1.0, 0.3)), (Himmelblau(), (1.0, -1.0)),
                           (DoubleWell(), (0.4, 0.5)), (LogReg(), (1.0, 2.0)),
                           (_SADDLE, (0.7, -0.9)), (_WALLED, (0.7, 0.4))):
        point = np.asarray(point, dtype=float)
        derivatives = directional_derivatives(problem, point, 3600)
        u = derivatives.directions
        slopes = (problem.value(point + h * u) - problem.value(point - h * u)) / (2 * h)
        yield derivatives, slopes, steepest_ascent(problem, point)


def _field_off(problem, columns: int) -> float:
    """How far the arrows the figures draw are from ∇f at the centres of cells tiling the window,
    ``columns`` across (relative); infinite unless the cells are square to half a cell over the
    window and exactly the arrows with ‖∇f‖ < 10⁻³ are left out."""
    field = gradient_field(problem, columns)
    (x0, x1), (y0, y1) = problem.bounds
    rows = len(np.unique(field.points[:, 1]))
    width, height = (x1 - x0) / columns, (y1 - y0) / rows
    centres = np.stack(np.meshgrid(x0 + width * (np.arange(columns) + 0.5),
                                   y0 + height * (np.arange(rows) + 0.5)), axis=-1).reshape(-1, 2)
    shown = centres[np.linalg.norm(problem.grad(centres), axis=-1) >= 1e-3]
    if rows * abs(height - width) > 0.5 * width or field.points.shape != shown.shape:
        return math.inf
    return _worst(_relative(field.points, shown), _relative(field.gradients, problem.grad(shown)),
                  _relative(field.spacing, width))


def _angle_gap(a, b) -> float:
    return abs((a - b + math.pi) % (2 * math.pi) - math.pi)


@_fact("steepest-ascent-direction", 2 * math.pi / 3600,
       "among 3600 unit directions u the directional derivative (by finite differences of f) is "
       "largest at the steepest-ascent direction the figures draw, ∇f/‖∇f‖ (a unit vector), and "
       "least at its opposite; the directions are evenly spaced, 2πk/3600 (angle off, radians; "
       "tolerance one spacing); the drawn arrow grid is ∇f at the centres of square cells "
       "tiling the plot, none where ‖∇f‖ < 10⁻³")
def steepest_ascent_direction():
    worst = 0.0
    for derivatives, slopes, steepest in _steepest_measured():
        angles = np.arctan2(derivatives.directions[:, 1], derivatives.directions[:, 0])
        worst = _worst(worst, _angle_gap(angles[np.argmax(slopes)], steepest.angle),
                       _angle_gap(angles[np.argmin(slopes)], steepest.descent_angle),
                       _angle_gap(math.atan2(*steepest.direction[::-1]), steepest.angle),
                       _relative(steepest.direction,
                                 steepest.gradient / np.linalg.norm(steepest.gradient)),
                       float(np.max(np.abs(angles % (2 * math.pi) - derivatives.angles))))
        if np.abs(derivatives.angles - 2 * math.pi * np.arange(3600) / 3600).max() > 1e-12:
            return math.inf
    return _worst(worst, _field_off(Quadratic(**_BOWL), 9))  # its minimum, a centre, left out


@_fact("steepest-ascent-value", 1e-6,
       "the directional derivatives the figures draw, ∇f⊤u, match finite differences of f, and "
       "the largest of them equals the drawn ‖∇f‖ (relative to ‖∇f‖)")
def steepest_ascent_value():
    worst = 0.0
    for derivatives, slopes, steepest in _steepest_measured():
        u = derivatives.directions[[0, 900]]  # along θ1 and θ2
        gradient = np.linalg.solve(u, slopes[[0, 900]])
        worst = _worst(worst, _relative(steepest.gradient, gradient) / steepest.norm,
                       _relative(derivatives.gradient, gradient) / steepest.norm,
                       _relative(steepest.point, derivatives.point), float(np.abs(
                        np.linalg.norm(derivatives.directions, axis=-1) - 1.0).max()),
                       float(np.abs(derivatives.derivatives - slopes).max()) / steepest.norm,
                       abs(slopes.max() - steepest.norm) / steepest.norm,
                       abs(float(np.linalg.norm(derivatives.steepest)) - 1.0))
    return worst


# ---------------------------------------------------------------- gradient descent, gradient flow

_BOWL = dict(a=1.0, b=10.0, angle=30.0)
_SADDLE = Saddle(a=2.0, b=0.5)  # f = θ1² − ¼θ2², unbounded below along θ2
_WALLED = BoundedSaddle(a=2.0, b=3.0, quartic=0.75)  # the saddle scene's, minima (0, ±2), f = −3
_START = np.array([-1.8, 1.0])


def _top_eigen(matrix):
    """(λ_max, its unit eigenvector) of a symmetric matrix, by numpy's eigh."""
    values, vectors = np.linalg.eigh(matrix)
    return values[-1], vectors[:, -1]


@_fact("gd-closed-form", 1e-12,
       "gradient descent on f = ½θ⊤Aθ is θ_t = (I − εA)^t θ_0: the optimizer's iterates and "
       "losses ½θ_t⊤Aθ_t, and the eigenbasis reference (also about a moved centre), against "
       "repeated multiplication by I − εA")
def gd_closed_form_check():
    problem = Quadratic(**_BOWL)
    steps, lr = 200, 0.15
    run = gradient_descent(problem, _START, lr, steps)
    path = run.iterates
    if (not np.array_equal(run.epochs, np.arange(steps + 1)) or len(run.batches) != steps + 1
            or any(len(batch) for batch in run.batches)):  # on a surface a step is no epoch
        return math.inf
    step = np.eye(2) - lr * problem.matrix
    exact = [_START]
    for _ in range(steps):
        exact.append(step @ exact[-1])
    exact = np.array(exact)
    reference = gd_closed_form(problem.matrix, _START, lr, steps)
    centre = np.array([0.5, -0.25])  # the bowl moved: θ_t − c = (I − εA)^t (θ_0 − c)
    moved = gd_closed_form(problem.matrix, _START + centre, lr, steps, centre=centre)
    return _worst(_relative(path, exact), _relative(reference, exact),
                  _relative(moved, exact + centre),
                  _relative(run.losses, 0.5 * np.einsum("ti,ij,tj->t", exact, problem.matrix,
                                                        exact)))


@_fact("gd-convergence-threshold", 1e-9,
       "gradient descent on ½θ⊤Aθ converges at ε = 0.99·2/λ_max and diverges at 1.01·2/λ_max; "
       "the threshold read off the iterates' rate, and the one the optimizer reports, equal "
       "2/λ_max from A's eigenvalues; a diverging run (least squares, ε = 1.5·2/λ_max) stops "
       "at the first iterate farther than 10⁶ × max(the start's distance, the window's "
       "diagonal/1000) from the minimiser, and says at which step; on a saddle, which has no "
       "minimum, farther than 10⁶ × the start's distance from the origin, and says so")
def gd_convergence_threshold():
    problem = Quadratic(**_BOWL)
    threshold = stability_threshold(problem)
    exact = 2.0 / _top_eigen(problem.matrix)[0]
    below = gradient_descent(problem, _START, 0.99 * exact, 1000)  # |1 − ελ_max|^1000 ≈ 2·10⁻⁹
    above = gradient_descent(problem, _START, 1.01 * exact, 1000)  # 1.02^1000 ≈ 4·10⁸ > 10⁶
    norms = np.linalg.norm(below.iterates, axis=-1)
    if (below.diverged or below.messages or not above.diverged
            or not norms[-1] < 1e-6 * norms[0]):
        return math.inf
    rate = (norms[-1] / norms[-101]) ** (1 / 100)  # |1 − ελ_max|, hence λ_max
    measured = 2.0 * 0.99 * exact / (1.0 + rate)
    data = LinReg()  # least squares: ∇L = Hθ − b, minimiser θ̂ = H⁻¹b
    hessian, target = data.X.T @ data.X / data.n, data.X.T @ data.y / data.n
    best, lr = np.linalg.solve(hessian, target), 3.0 / np.linalg.eigvalsh(hessian).max()
    (x0, x1), (y0, y1) = data.bounds
    for start in (np.zeros(2), best + 1e-6):  # far from θ̂, and nearer than the floor
        radius = 1e6 * max(np.linalg.norm(start - best), math.hypot(x1 - x0, y1 - y0) / 1000)
        theta, k = start, 0
        while np.linalg.norm(theta - best) <= radius:
            theta, k = theta - lr * (hessian @ theta - target), k + 1
        run = gradient_descent(data, start, lr, k + 5)
        if (run.diverged_at != k or run.steps != k - 1 or not np.isfinite(run.losses).all()
                or not any(f"diverged at step {k}:" in m and "lower the learning rate" in m
                           for m in run.messages)):
            return math.inf
    start = np.array([-1.8, 0.01])  # on the saddle, no minimum: it escapes along θ2
    theta, k = start, 0
    while np.linalg.norm(theta) <= 1e6 * np.linalg.norm(start):  # from the origin, then
        theta, k = theta - 0.5 * np.array([2.0, -0.5]) * theta, k + 1
    run = gradient_descent(_SADDLE, start, 0.5, k + 5)
    if run.diverged_at != k or _SADDLE.minima().shape != (0, 2) or not any(
            "no minimum" in m and "origin" in m for m in run.messages):
        return math.inf
    return _worst(abs(measured - exact), abs(threshold - exact)) / exact


@_fact("gd-at-threshold-neither", 1e-9,
       "at exactly ε = 2/λ_max gradient descent on ½θ⊤Aθ neither converges nor diverges: the "
       "component along λ_max's eigenvector flips sign at constant size for 400 steps while "
       "the rest decays, no divergence is reported and the optimizer warns that ε ≥ 2/λ_max "
       "(relative drift)")
def gd_at_threshold_neither():
    problem = Quadratic(**_BOWL)
    _, top = _top_eigen(problem.matrix)
    threshold = stability_threshold(problem)
    run = gradient_descent(problem, _START, threshold, 400)
    if run.diverged or run.steps != 400 or not any(
            f"≥ 2/λ_max = {threshold:.6g}" in message for message in run.messages):
        return math.inf
    along = run.iterates @ top
    rest = run.iterates - along[:, None] * top
    return _worst(float(np.abs(np.abs(along) / abs(along[0]) - 1.0).max()),
                  float(np.abs(along[1:] + along[:-1]).max()) / abs(along[0]),
                  float(np.linalg.norm(rest[-1]) / np.linalg.norm(rest[0])))


@_fact("gd-approaches-gradient-flow", 1e-3,
       "as ε → 0 gradient descent approaches gradient flow exp(−At)θ_0, to first order in ε "
       "(distance at t = 2 with ε = 2·10⁻³, a tenth of that with ε = 2·10⁻²)")
def gd_approaches_gradient_flow():
    problem = Quadratic(**_BOWL)
    time = 2.0
    exact = gradient_flow_closed_form(problem.matrix, _START, [time])[0]
    errors = [np.linalg.norm(gradient_descent(problem, _START, time / n, n).iterates[-1] - exact)
              for n in (100, 1000)]
    first_order = 8.0 < errors[0] / errors[1] < 12.0
    return errors[1] / np.linalg.norm(_START) if first_order else math.inf


@_fact("gradient-flow-ode-matches-expm", 1e-8,
       "gradient flow solved as an ODE at 31 times from 0 to 3, with its losses, and the "
       "matrix-exponential reference (also about a moved centre), equal V exp(−Λt) V⊤ θ_0 from "
       "A's eigen-decomposition")
def gradient_flow_ode_matches_expm():
    problem = Quadratic(**_BOWL)
    flow = gradient_flow(problem, _START, 3.0, 31)
    values, vectors = np.linalg.eigh(problem.matrix)
    exact = (np.exp(-np.outer(flow.times, values)) * (vectors.T @ _START)) @ vectors.T
    reference = gradient_flow_closed_form(problem.matrix, _START, flow.times)
    centre = np.array([0.5, -0.25])  # the bowl moved: θ(t) − c = exp(−At)(θ_0 − c)
    moved = gradient_flow_closed_form(problem.matrix, _START + centre, flow.times, centre=centre)
    losses = 0.5 * np.einsum("ti,ij,tj->t", exact, problem.matrix, exact)
    return _worst(np.abs(flow.points - exact).max(), np.abs(reference - exact).max(),
                  np.abs(moved - centre - exact).max()) / np.linalg.norm(_START) \
        + _worst(_relative(flow.times, np.linspace(0.0, 3.0, 31)), _relative(flow.losses, losses))


# ---------------------------------------------------------------- SGD and mini-batches


@_fact("sgd-epoch-visits-each-once", 0,
       "SGD without replacement uses every example exactly once per epoch (count of examples "
       "missed or repeated over 4 epochs); it is mini-batch SGD with b = 1 and the same seed")
def sgd_epoch_visits_each_once():
    problem = LinReg(n=37)
    path = sgd(problem, (0.0, 0.0), 0.01, 4, seed=5)
    same = minibatch_sgd(problem, (0.0, 0.0), 0.01, 4, 1, seed=5)  # SGD: batches of one
    wrong = sum(not np.array_equal(a, b) for a, b in zip(path.batches, same.batches, strict=True))
    for epoch in range(1, 5):
        used = np.concatenate([b for b, e in zip(path.batches, path.epochs) if e == epoch])
        if len(used) != problem.n:
            wrong += problem.n
        else:
            wrong += int(np.sum(np.sort(used) != np.arange(problem.n)))
    return wrong


@_fact("minibatch-updates-per-epoch", 0,
       "mini-batches of size b give ⌊n/b⌋ updates per epoch, each example at most once, in the "
       "optimizer and in the epoch the figures draw (count of wrong epochs, batches or counts)")
def minibatch_updates_per_epoch():
    wrong = 0
    for n, b in ((37, 5), (40, 8), (37, 37), (37, 1), (10, 3)):
        path = minibatch_sgd(LinReg(n=n), (0.0, 0.0), 0.01, 3, b, seed=n + b)
        for epoch in range(1, 4):
            batches = [batch for batch, e in zip(path.batches, path.epochs) if e == epoch]
            used = np.concatenate(batches)
            wrong += abs(len(batches) - n // b) + (len(np.unique(used)) != (n // b) * b)
            wrong += sum(len(batch) != b for batch in batches)
        plan = epoch_plan(n, b, seed=n + b)
        first = np.stack([batch for batch, e in zip(path.batches, path.epochs) if e == 1])
        wrong += (plan.updates != n // b) + (len(plan.dropped) != n % b)
        wrong += (plan.n, plan.batch_size) != (n, b)
        wrong += int(not np.array_equal(np.sort(plan.permutation), np.arange(n)))
        wrong += int(not np.array_equal(np.concatenate([plan.batches.ravel(), plan.dropped]),
                                        plan.permutation))
        wrong += int(not np.array_equal(plan.batches, first))
    return wrong


@_fact("minibatch-gradient-is-batch-mean", 1e-12,
       "a mini-batch update is θ − ε·mean of the batch's per-example gradients −(y_i − θ⊤x_i)x_i; "
       "with b = n it is gradient descent, each step an epoch over every example; an ensemble "
       "of seeds run at once is its members run one by one, also when they diverge")
def minibatch_gradient_is_batch_mean():
    problem = LinReg(n=23)
    path = minibatch_sgd(problem, (0, 0), 0.05, 2, 4, seed=7)  # a start in whole numbers
    worst = 0.0
    for k in range(1, path.steps + 1):
        theta = path.iterates[k - 1]
        grads = [-(problem.y[i] - theta @ problem.X[i]) * problem.X[i] for i in path.batches[k]]
        expected = theta - path.lrs[k] * np.mean(grads, axis=0)
        worst = _worst(worst, float(np.abs(path.iterates[k] - expected).max()))
    full = minibatch_sgd(problem, (0.0, 0.0), 0.05, 5, problem.n, seed=7).iterates
    gd = gradient_descent(problem, (0.0, 0.0), 0.05, 5)
    everyone = np.arange(problem.n)
    if (len(gd.batches[0]) or any(not np.array_equal(np.ravel(b), everyone) for b in gd.batches[1:])
            or not np.array_equal(gd.epochs, np.arange(6)) or len(gd.batches) != 6):
        return math.inf  # each step of gradient descent is one epoch over every example
    worst = _worst(worst, float(np.abs(full - gd.iterates).max()),
                   _relative(gd.losses, problem.value(gd.iterates)))
    top = np.linalg.eigvalsh(problem.hessian(np.zeros(2))).max()
    for lr in (0.05, 6.0 / top):  # every member converges; each diverges at its own step
        seeds = (3, 4, 5, 6)
        ensemble = minibatch_sgd_ensemble(problem, (0.0, 0.0), lr, 8, 4, seeds)
        for i, seed in enumerate(seeds):
            member, alone = ensemble.member(i), minibatch_sgd(problem, (0.0, 0.0), lr, 8, 4, seed)
            if (member.diverged_at != alone.diverged_at
                    or len(member.batches) != len(alone.batches)
                    or not all(map(np.array_equal, member.batches, alone.batches))):
                return math.inf
            worst = _worst(worst, _relative(member.iterates, alone.iterates),
                           _relative(member.losses, alone.losses))
    return worst


# ---------------------------------------------------------------- cross-entropy


def _cross_entropy_by_hand(z, y) -> np.ndarray:
    """−log softmax(z)_y = max z − z_y + log Σ_j exp(z_j − max z), row by row with math.fsum."""
    out = []
    for row, label in zip(np.asarray(z, dtype=float), np.asarray(y)):
        top = max(row)
        out.append(top - row[label] + math.log(math.fsum(math.exp(v - top) for v in row)))
    return np.array(out)


def _logits(seed: int, classes: int = 5):
    """Logits at scales 0.1 … 10⁴ (the large ones overflow a naive exp) with labels."""
    rng = np.random.default_rng(seed)
    z = np.concatenate([rng.normal(scale=s, size=(20, classes)) for s in (0.1, 1.0, 10.0, 1e4)])
    return z, rng.integers(0, classes, size=len(z))


@_fact("cross-entropy-value", 1e-12,
       "L = −log softmax(z)_y from the product (the loss, the logit states and the loss slices "
       "the scenes draw) equals max z − z_y + log Σ exp(z − max z) summed exactly, for logits "
       "up to 10⁴ apart; softmax(z) equals exp(z − max z) normalised (relative error)")
def cross_entropy_value():
    z, y = _logits(8)
    want = _cross_entropy_by_hand(z, y)
    worst = _relative(cross_entropy(z, y), want)
    label = 2
    states, one = logit_states(z, label), logit_states(z[25], label)  # many, and one alone
    labels = np.full(len(z), label)
    shifted = np.exp(z - z.max(axis=-1, keepdims=True))
    if states.label != label or np.shape(one.losses) != ():
        return math.inf
    worst = _worst(worst, _relative(states.losses, _cross_entropy_by_hand(z, labels)),
                   _relative(states.probabilities, shifted / shifted.sum(axis=-1, keepdims=True)),
                   _relative(states.target, np.eye(z.shape[1])[label]), _relative(states.logits, z),
                   _relative(one.losses, _cross_entropy_by_hand(z[25:26], [label])[0]))
    deltas = np.linspace(-3.0, 3.0, 13)
    slices = loss_slices(z[25], label, deltas)
    worst = _worst(worst, _relative(slices.deltas, deltas))
    for k in range(z.shape[1]):
        moved = z[25] + deltas[:, None] * np.eye(z.shape[1])[k]
        worst = _worst(worst, _relative(slices.per_logit[k],
                                     _cross_entropy_by_hand(moved, np.full(len(deltas), label))))
    flat = _cross_entropy_by_hand(z[25:26], [label])[0]
    return _worst(worst, _relative(slices.all_logits, np.full(len(deltas), flat)))


@_fact("cross-entropy-gradient-finite-differences", 1e-7,
       "∇z(−log softmax(z)_y) = softmax(z) − onehot(y), from the loss and from the logit states "
       "the scenes draw, matches central differences of the loss written out")
def cross_entropy_gradient_finite_differences():
    rng = np.random.default_rng(4)
    h = 1e-6
    worst = 0.0
    for scale in (0.1, 1.0, 10.0):
        z = rng.normal(scale=scale, size=(50, 5))
        y = rng.integers(0, 5, size=50)
        numeric = np.stack([(_cross_entropy_by_hand(z + e, y) - _cross_entropy_by_hand(z - e, y))
                            / (2 * h) for e in np.eye(5) * h], axis=-1)
        worst = _worst(worst, float(np.abs(numeric - cross_entropy_grad(z, y)).max()))
        ones = y == 1
        states = logit_states(z[ones], 1)
        worst = _worst(worst, float(np.abs(numeric[ones] - states.gradients).max(initial=0.0)))
    return worst


@_fact("cross-entropy-gradient-sums-to-zero", 1e-12,
       "the entries of softmax(z) − onehot(y) sum to zero (true class pulled up by as much as "
       "the others are pushed down), so descent on the logits, as the scenes draw it, keeps "
       "their mean; each drawn step is z − ε(softmax(z) − onehot(y))")
def cross_entropy_gradient_sums_to_zero():
    rng = np.random.default_rng(5)
    z = np.concatenate([rng.normal(scale=s, size=(200, 7)) for s in (0.1, 1.0, 100.0, 1e4)])
    y = rng.integers(0, 7, size=len(z))
    worst = float(np.abs(cross_entropy_grad(z, y).sum(axis=-1)).max())
    start, label, lr = np.array([1.5, -0.5, 0.3, 2.0]), 2, 0.7
    path = logit_descent(start, label, lr, 12)
    shifted = np.exp(path.logits[:-1] - path.logits[:-1].max(axis=-1, keepdims=True))
    step = shifted / shifted.sum(axis=-1, keepdims=True) - np.eye(4)[label]
    return _worst(worst, _relative(path.logits[1:], path.logits[:-1] - lr * step),
                  float(np.abs(path.logits.mean(axis=-1) - start.mean()).max()),
                  _relative(path.logits[0], start), _relative(path.gradients[:-1], step))


# ---------------------------------------------------------------- convexity


def _random_pairs(bounds, count: int, seed: int):
    rng = np.random.default_rng(seed)
    if np.ndim(bounds) == 1:
        return rng.uniform(*bounds, size=(count, 2))
    low, high = np.array(bounds).T
    return rng.uniform(low, high, size=(count, 2, 2))


def _chord_gaps(f, pairs, ts):
    """Per pair, the product's chord: the deepest gap and how far its line is from
    t f(θ1) + (1−t) f(θ2) written out (relative)."""
    deepest, off = [], 0.0
    for a, b in pairs:
        drawn = chord(f, a, b, ts)
        deepest.append(drawn.gap.min())
        off = _worst(off, _relative(drawn.chord, ts * f(a) + (1.0 - ts) * f(b)),
                     _relative(drawn.values,
                               f(np.multiply.outer(ts, a) + np.multiply.outer(1 - ts, b))))
    return np.array(deepest), off


_TS = np.linspace(0.0, 1.0, 51)


def _curve_is(curve, f, derivative) -> float:
    """How far a product curve's value, f′ and f″ (central differences of f′) are from the
    formulas its docstring states, over its bounds (relative)."""
    xs, h = np.linspace(*curve.bounds, 101), 1e-5
    return _worst(_relative(curve.value(xs), f(xs)),
                  _relative(curve.derivative(xs), derivative(xs)),
                  1e-6 * _relative(curve.second_derivative(xs),
                                   (derivative(xs + h) - derivative(xs - h)) / (2 * h)))


def _picture_off(picture, curve) -> float:
    """How far a chord picture's graph, ends and critical points are from the curve's own
    (relative); infinite when its chord is not sampled over t ∈ [0, 1] or its kinds differ."""
    critical, kinds = curve.critical_points()
    ts = picture.chord.ts
    if picture.kinds != kinds or ts[0] != 0.0 or ts[-1] != 1.0 or len(ts) < 100:
        return math.inf
    return _worst(_relative(picture.xs[[0, -1]], curve.bounds), _relative(picture.values,
                                                                        curve.value(picture.xs)),
                  _relative(picture.critical, critical),
                  _relative(picture.critical_values, curve.value(critical)),
                  _relative(picture.chord.points[[0, -1]], [picture.theta2, picture.theta1]),
                  _relative(chord(curve.value, picture.theta1, picture.theta2).ts,
                         np.linspace(0.0, 1.0, 101)))


@_fact("convexity-holds-for-convex", 1e-12,
       "f(tθ1 + (1−t)θ2) ≤ t f(θ1) + (1−t) f(θ2) on convex functions (the 1-D polynomial the "
       "figures draw, a quadratic, the linear- and logistic-regression losses): largest "
       "violation, or mismatch of the drawn chord and its 'dips under' flag; a chord picture "
       "has the graph and chord sample counts asked for")
def convexity_holds_for_convex():
    curve = convex_curve()
    worst = _curve_is(curve, lambda x: 0.5 * x**2 + x**4 / 20, lambda x: x + x**3 / 5)
    for theta1, theta2 in _random_pairs(curve.bounds, 40, 6):
        picture = chord_picture(curve, theta1, theta2)
        if picture.dips_under:
            return math.inf
        worst = _worst(worst, -float(picture.chord.gap.min()), _picture_off(picture, curve),
                       _relative(picture.chord.chord, picture.chord.ts * curve.value(theta1)
                              + (1.0 - picture.chord.ts) * curve.value(theta2)))
    sized = chord_picture(curve, 1.0, -0.5, samples=77, chord_samples=33)  # the counts asked
    if len(sized.xs) != 77 or len(sized.values) != 77:
        return math.inf
    worst = _worst(worst, _relative(sized.chord.ts, np.linspace(0.0, 1.0, 33)))
    for problem in (Quadratic(**_BOWL), LinReg(), LogReg()):
        pairs = _random_pairs(problem.bounds, 100, 6)
        deepest, off = _chord_gaps(problem.value, pairs, _TS)
        scale = 1.0 + np.abs(problem.value(pairs)).max()
        worst = _worst(worst, float(-deepest.min()) / scale, off)
    return worst


@_fact("convexity-fails-for-nonconvex", -1e-3,
       "on each non-convex function (the 1-D polynomial the figures draw, double well, "
       "Himmelblau, the tanh network's loss) some chord dips under the graph: the shallowest of "
       "their deepest dips is < −10⁻³ (the drawn chords agree with the chord written out)")
def convexity_fails_for_nonconvex():
    curve = nonconvex_curve()
    deepest = []
    if _curve_is(curve, lambda x: x**6 / 6 - 2 * x**5 / 5 - x**4 / 4 + 2 * x**3 / 3,
                 lambda x: x**2 * (x + 1) * (x - 1) * (x - 2)) > 1e-12:
        return math.inf
    for theta1, theta2 in _random_pairs(curve.bounds, 40, 7):
        picture = chord_picture(curve, theta1, theta2)
        if _picture_off(picture, curve) > 1e-12:
            return math.inf
        line = _TS * curve.value(theta1) + (1.0 - _TS) * curve.value(theta2)
        below = float(np.min(np.interp(_TS, picture.chord.ts, picture.chord.chord)
                             - curve.value(_TS * theta1 + (1.0 - _TS) * theta2)))
        if picture.dips_under != (picture.chord.gap.min() < 0) or \
                _relative(np.interp(_TS, picture.chord.ts, picture.chord.chord), line) > 1e-12:
            return math.inf
        deepest.append(below)
    shallowest = float(np.min(deepest))
    for problem in (DoubleWell(), Himmelblau(), TanhReg()):
        gaps, off = _chord_gaps(problem.value, _random_pairs(problem.bounds, 100, 7), _TS)
        if off > 1e-12:
            return math.inf
        shallowest = _worst(shallowest, float(gaps.min()))
    return shallowest


@_fact("convexity-needs-t", 1e-12,
       "the chord the product draws is t f(θ1) + (1−t) f(θ2), and on the convex f = ½θ² − 1 "
       "(negative values) it never dips, while the inequality as printed, without t, fails "
       "(chord mismatch and dip; infinite if the printed form held)")
def convexity_needs_t():
    def f(x):
        return 0.5 * np.asarray(x) ** 2 - 1.0  # convex, and negative on (−√2, √2)
    pairs = _random_pairs((-1.0, 1.0), 200, 8)
    deepest, off = _chord_gaps(f, pairs, _TS)
    printed = min(float(np.min(f(a) + (1 - _TS) * f(b) - f(_TS * a + (1 - _TS) * b)))
                  for a, b in pairs)
    return _worst(off, -float(deepest.min()), 0.0 if printed < -1e-3 else math.inf)


def _kind(hessian) -> str:
    """A critical point's kind from its 2×2 Hessian's eigenvalues in closed form: a minimum
    only where both are > 0, a maximum only where both are < 0 (a zero one decides nothing)."""
    (a, b), (_, d) = 0.5 * (hessian + np.transpose(hessian))
    mid, radius = 0.5 * (a + d), math.hypot(0.5 * (a - d), b)
    return "minimum" if mid - radius > 0 else "maximum" if mid + radius < 0 else "saddle"


class _Hessians:
    """A stand-in surface whose Hessians at k points are k given matrices (for ``classify``)."""

    def __init__(self, matrices):
        self.matrices = np.array(matrices, dtype=float)

    def hessian(self, points):
        return self.matrices[: len(points)]


class _Counting:
    """A surface that counts how often its gradient and Hessian are asked for (iterations)."""

    def __init__(self, surface):
        self.surface, self.grads, self.hessians = surface, 0, 0

    def value(self, theta):
        return self.surface.value(theta)

    def grad(self, theta):
        self.grads += 1
        return self.surface.grad(theta)

    def hessian(self, theta):
        self.hessians += 1
        return self.surface.hessian(theta)


def _grid_minimum(problem, count: int = 4000, seed: int = 9) -> float:
    """The least value of ``problem`` over random points of its bounds (a 2-D problem)."""
    low, high = np.array(problem.bounds).T
    return float(problem.value(np.random.default_rng(seed).uniform(low, high, (count, 2))).min())


@_fact("convex-local-minima-global", 1e-9,
       "every local minimum of a convex function is global: the minima the product finds on "
       "the convex curve, the quadratic, linear and logistic regression are minima (Hessian) "
       "and no sampled point is lower (Himmelblau's four minima, four saddles and maximum and "
       "the double well's two minima and saddle, a plain saddle's saddle and the walled saddle's "
       "(minima (0, ±√(b/q)) of value −b²/4q) classified as their "
       "Hessians by finite "
       "differences say, a minimum only for a positive definite Hessian; Newton's method "
       "refines rough guesses in a few steps); on the non-convex curve f′ = x²(x+1)(x−1)(x−2) the "
       "product's critical points and kinds are the factored ones, and the local minimum at −1 "
       "is not global; on f′ = (x + 1.3)²(x − 0.45)(x − 1.7)(x² − 2x + 2) they are a stationary "
       "inflection at −1.3, a maximum at 0.45 and a minimum at 1.7")
def convex_local_minima_global():
    worst = 0.0
    curve = convex_curve()
    xs = np.linspace(*curve.bounds, 20001)
    points, kinds = curve.critical_points()
    if "minimum" not in kinds:
        return math.inf
    for x, kind in zip(points, kinds):
        if kind == "minimum":
            worst = _worst(worst, float(curve.value(x) - curve.value(xs).min()))
    points, kinds = nonconvex_curve().critical_points()
    if kinds != ("minimum", "saddle", "maximum", "minimum"):
        return math.inf
    values = nonconvex_curve().value(points)
    worst = _worst(worst, _relative(points, [-1.0, 0.0, 1.0, 2.0]),
                   0.0 if values[0] > values[3] + 0.1 else math.inf)
    # f′ = (x + 1.3)²(x − 0.45)(x − 1.7)(x² − 2x + 2): a stationary inflection, a maximum and
    # a minimum off the integers, and a complex pair 1 ± i that is no critical point
    slope = Polynomial.fromroots([-1.3, -1.3, 0.45, 1.7]) * Polynomial([2.0, -2.0, 1.0])
    points, kinds = Curve1D(slope.integ(), (-2.0, 2.5)).critical_points()
    if kinds != ("saddle", "maximum", "minimum"):
        return math.inf
    worst = _worst(worst, _relative(points, [-1.3, 0.45, 1.7]))
    h = 1e-5
    for surface, want in ((Himmelblau(), ("minimum",) * 4 + ("saddle",) * 4 + ("maximum",)),
                          (DoubleWell(), ("minimum", "saddle", "minimum")),
                          (_SADDLE, ("saddle",)), (_WALLED, ("minimum", "saddle", "minimum"))):
        points = surface.critical_points()
        kinds = classify(surface, points)
        if kinds != want:
            return math.inf
        if surface is _WALLED:  # ½(aθ1² − bθ2²) + ¼qθ2⁴: θ2 = ±√(b/q), f = −b²/4q there
            worst = _worst(worst, _relative(points, [[0.0, -2.0], [0.0, 0.0], [0.0, 2.0]]),
                           _relative(surface.minima(), points[[0, 2]]),
                           _relative(surface.value(points), [-3.0, 0.0, -3.0]))
        for point, kind in zip(points, kinds, strict=True):
            hessian = np.stack([(surface.grad(point + e) - surface.grad(point - e)) / (2 * h)
                                for e in np.eye(2) * h])
            if kind != _kind(hessian):
                return math.inf
            worst = _worst(worst, float(np.linalg.norm(surface.grad(point))) * 1e-3,
                           _relative(surface.hessian(point), hessian) * 1e-3)
    counted = _Counting(Himmelblau())
    points = counted.surface.critical_points()
    refined = refine_critical_points(counted, np.round(points, 1))  # guesses up to 0.05 off
    if counted.hessians > 8:  # Newton converges quadratically and stops at a zero step
        return math.inf
    worst = _worst(worst, _relative(refined, points) * 1e3)
    rotation = np.array([[0.6, -0.8], [0.8, 0.6]])
    matrices = [rotation @ np.diag(d) @ rotation.T for d in
                ((2.0, 3.0), (-1.0, -2.0), (1.0, -1.0), (-1.0, 0.5))]
    matrices += [np.diag(d) for d in ((0.0, 1.0), (-1.0, 0.0))]  # semidefinite, exactly
    if classify(_Hessians(matrices), np.zeros((len(matrices), 2))) != tuple(map(_kind, matrices)):
        return math.inf
    for problem in (Quadratic(**_BOWL), LinReg(), LogReg()):
        minima = problem.minima()
        if len(minima) == 0 or set(classify(problem, minima)) != {"minimum"}:
            return math.inf
        lowest = _grid_minimum(problem)
        worst = _worst(worst, float(np.max(problem.value(minima) - lowest)) / (1.0 + abs(lowest)))
    return worst


@_fact("strictly-convex-one-minimiser", 1e-6,
       "a strictly convex function has at most one minimiser: the convex curve (f″ > 0, by "
       "finite differences of f) has one critical point, a minimum; the logistic loss (Hessian "
       "by finite differences positive definite at sampled θ) and the quadratic have one "
       "minimiser (second-derivative mismatch, relative); every surface's Hessian of a batch "
       "of θ is the Hessians of its θ one by one")
def strictly_convex_one_minimiser():
    curve = convex_curve()
    xs = np.linspace(*curve.bounds, 401)
    h = 1e-4
    second = (curve.value(xs + h) - 2 * curve.value(xs) + curve.value(xs - h)) / h**2
    points, kinds = curve.critical_points()
    if kinds != ("minimum",) or second.min() <= 0:
        return math.inf
    worst = _worst(abs(float(points[0])), _relative(curve.second_derivative(xs), second))
    problem = LogReg()
    thetas = np.random.default_rng(10).normal(scale=2.0, size=(8, 2))
    for theta in thetas:
        numeric = np.stack([(problem.grad(theta + e) - problem.grad(theta - e)) / (2 * h)
                            for e in np.eye(2) * h])
        if np.linalg.eigvalsh(0.5 * (numeric + numeric.T)).min() <= 0:
            return math.inf
        worst = _worst(worst, _relative(problem.hessian(theta), numeric))
    if len(problem.minima()) != 1 or len(Quadratic(**_BOWL).minima()) != 1:
        return math.inf
    for surface in (Quadratic(**_BOWL), LinReg(), problem, TanhReg(), Himmelblau(), DoubleWell(),
                    _SADDLE):
        batch = _random_pairs(surface.bounds, 3, 14)  # (3, 2, 2): a batch of θ, and its rows
        one_by_one = [[surface.hessian(theta) for theta in row] for row in batch]
        worst = _worst(worst, _relative(surface.hessian(batch), one_by_one))
    return worst


@_fact("convex-minimisers-set-or-none", 1e-12,
       "a convex function may have a whole set of minimisers or none: the product's chords "
       "never dip on max(|θ| − 1, 0)² (flat bottom of width 2) or e^θ (no minimum); on "
       "separable classes the logistic loss has no minimiser (the product reports none and its "
       "loss keeps falling along a separating θ written out)")
def convex_minimisers_set_or_none():
    def valley(x):
        return np.maximum(np.abs(x) - 1.0, 0.0) ** 2

    worst = 0.0
    for f, bounds in ((valley, (-3.0, 3.0)), (np.exp, (-4.0, 2.0))):
        deepest, off = _chord_gaps(f, _random_pairs(bounds, 100, 11), _TS)
        worst = _worst(worst, -float(deepest.min()), off)
    xs = np.linspace(-3.0, 3.0, 6001)
    flat = xs[valley(xs) == valley(xs).min()]
    if abs(flat.max() - flat.min() - 2.0) > 1e-9 or not np.all(np.diff(np.exp(xs)) > 0):
        return math.inf
    separable, overlapping = LogReg(separation=8.0), LogReg()
    means = [separable.X[separable.y == k].mean(axis=0) for k in (0, 1)]
    theta = means[1] - means[0]
    margins = (2 * separable.y - 1) * (separable.X @ theta)
    if margins.min() <= 0:
        return math.inf  # the data did not separate along the means: pick other data
    losses = [separable.value(s * theta) for s in 2.0 ** np.arange(6)]
    falls = np.all(np.diff(losses) < 0) and losses[-1] > 0
    if (separable.minima().shape != (0, 2) or not separable.separable or overlapping.separable
            or not falls):
        return math.inf
    by_hand = [_logistic_losses(s * theta, separable.X, separable.y).mean()
               for s in 2.0 ** np.arange(3)]
    return _worst(worst, _relative(losses[:3], by_hand))


# ---------------------------------------------------------------- the lecture's data problems


@_fact("linreg-loss-squared-residual", 1e-9,
       "the linear-regression loss is the squared residual: L_i = ½(y_i − θ⊤x_i)², σ² times the "
       "Gaussian negative log-likelihood less its constant; L its mean, ∇L its central "
       "differences, θ̂ the normal equations' solution, the Hessian X⊤X/n; the per-example "
       "curves the figures draw are these losses, their sum least at the drawn minimiser (within "
       "2√eps, relative, of the root of its derivative); L of a "
       "batch of θ is L at each (none for none); the plot holds the origin and θ̂, 1.5 to 2 "
       "inside its edges")
def linreg_loss_squared_residual():
    problem, sigma = LinReg(), 0.7
    X, y = problem.X, problem.y
    worst = 0.0
    h = 1e-6
    for theta in np.random.default_rng(12).normal(scale=2.0, size=(6, 2)):
        residual = y - (X[:, 0] * theta[0] + X[:, 1] * theta[1])
        nll = -norm.logpdf(y, loc=y - residual, scale=sigma) - 0.5 * math.log(2 * math.pi
                                                                              * sigma**2)
        losses = problem.example_losses(theta)
        numeric = [(0.5 * (y - X @ (theta + e)) ** 2 - 0.5 * (y - X @ (theta - e)) ** 2).mean()
                   / (2 * h) for e in np.eye(2) * h]
        worst = _worst(worst, _relative(losses, 0.5 * residual**2),
                       _relative(losses, sigma**2 * nll), _relative(problem.value(theta),
                                                                 np.mean(0.5 * residual**2)),
                       _relative(problem.grad(theta), numeric),
                       _relative(problem.example_grads(theta), -residual[:, None] * X),
                       _relative(problem.example_grads(theta, [3, 1]), -residual[[3, 1], None]
                                 * X[[3, 1]]))
    best = np.linalg.solve(X.T @ X, X.T @ y)
    shown = np.array([np.zeros(2), best])  # the usual start and the minimiser
    if (not _frames(shown, problem.bounds, max(1.5, 0.5 * np.abs(shown).max()))
            or problem.value(np.zeros((0, 2))).shape != (0,)):
        return math.inf
    grid = _random_pairs(problem.bounds, 3, 15)  # (3, 2, 2): a batch of θ, and its rows
    worst = _worst(worst, _relative(problem.minima()[0], best),
                   _relative(problem.hessian(np.zeros(2)), X.T @ X / problem.n),
                   _relative(problem.value(grid), [list(map(problem.value, row)) for row in grid]))
    thetas = np.linspace(-2.0, 3.0, 101)
    for kind in ("linreg", "logreg"):
        curves = (loss_curves(thetas, kind=kind, n=5, seed=3) if kind == "logreg"
                  else loss_curves(thetas, n=5, seed=3))  # squared residuals by default
        if not np.array_equal(curves.thetas, thetas):
            return math.inf
        x, yy = curves.x[:, None], curves.y[:, None]
        z = np.multiply.outer(curves.x, thetas)
        want = (0.5 * (yy - z) ** 2 if kind == "linreg"
                else np.where(yy == 1, np.log1p(np.exp(-z)), np.log1p(np.exp(z))))
        m = curves.minimiser
        total = [np.sum(0.5 * (curves.y - t * curves.x) ** 2) if kind == "linreg"
                 else _logistic_losses([t, 0.0], np.c_[curves.x, 0 * x[:, 0]], curves.y).sum()
                 for t in (m - 1e-4, m, m + 1e-4)]
        slope = abs(total[2] - total[0]) / 2e-4
        root = brentq(lambda t: float(np.sum((t * curves.x - curves.y if kind == "linreg"
                                              else expit(t * curves.x) - curves.y) * curves.x)),
                      thetas[0], thetas[-1], xtol=1e-15)  # L'(θ) = 0
        if abs(m - root) > 2 * math.sqrt(np.finfo(float).eps) * (1 + abs(root)):
            return math.inf  # as close as a search on loss values gets: √eps, relative
        worst = _worst(worst, _relative(curves.per_example, want),
                       _relative(curves.total, want.sum(axis=0)), slope * 1e-3)
    return worst


def _tanh_losses(theta, x, y):
    """½(y_i − θ2 tanh(θ1 x_i))² written out, shape (n,)."""
    return 0.5 * (y - theta[1] * np.tanh(theta[0] * x)) ** 2


@_fact("tanh-gradient", 1e-6,
       "the tanh network's per-example gradient (θ2(1 − tanh²)x, tanh)·residual, its mean and "
       "its Hessian match central differences of the loss written out; the minima ±θ* are "
       "stationary, mirror images with equal loss, and no sampled θ is lower; the profile is "
       "the loss at the θ2 where it is least for each θ1; on data where L has no minimiser "
       "none is reported, and its infimum is least squares on sign x")
def tanh_gradient():
    problem = TanhReg()
    x, y = problem.x, problem.y
    h = 1e-6
    worst = 0.0
    for theta in np.random.default_rng(13).normal(scale=1.5, size=(8, 2)):
        numeric = np.stack([(_tanh_losses(theta + e, x, y) - _tanh_losses(theta - e, x, y))
                            / (2 * h) for e in np.eye(2) * h], axis=-1)
        hessian = np.stack([(problem.grad(theta + e) - problem.grad(theta - e)) / (2 * h)
                            for e in np.eye(2) * h])
        worst = _worst(worst, _relative(problem.example_grads(theta), numeric),
                       _relative(problem.example_grads(theta, [4, 0]), numeric[[4, 0]]),
                       _relative(problem.batch_grad(theta, [4, 0]), numeric[[4, 0]].mean(axis=0)),
                       _relative(problem.grad(theta), numeric.mean(axis=0)),
                       _relative(problem.value(theta), _tanh_losses(theta, x, y).mean()),
                       _relative(problem.hessian(theta), hessian))
    minima = problem.minima()
    for theta in minima:
        slope = [(_tanh_losses(theta + e, x, y).mean() - _tanh_losses(theta - e, x, y).mean())
                 / (2 * h) for e in np.eye(2) * h]
        worst = _worst(worst, float(np.linalg.norm(slope)))
    weights = np.linspace(0.3, 3.0, 7)  # the profile: L least over θ2 for each θ1
    values, fits = problem.profile(weights)
    for w, value, fit in zip(weights, values, fits, strict=True):
        along = [_tanh_losses((w, fit + s), x, y).mean() for s in (-h, 0.0, h)]
        worst = _worst(worst, _relative(value, along[1]),
                       abs(along[2] - along[0]) / (2 * h), float(min(along) < along[1]))
    falling = TanhReg(n=10, noise=3.0, seed=3)  # data on which L has no minimiser
    signs = np.sign(falling.x)
    limit = np.mean(0.5 * (falling.y - signs * (signs @ falling.y) / (signs @ signs)) ** 2)
    if falling.minima().shape != (0, 2) or len(falling.critical_points()) != 1:
        return math.inf  # it falls toward least squares on sign x as θ1 → ∞
    worst = _worst(worst, _relative(falling.infimum, limit))
    lowest = _grid_minimum(problem)
    return _worst(worst, _relative(minima[1], -minima[0]),
                  _relative(problem.value(minima), np.full(2, problem.value(minima[0]))),
                  float(np.max(problem.value(minima) - lowest, initial=0.0)))


# ---------------------------------------------------------------- schedules


def _schedule_cases(lr: float, total: int):
    """(schedule, its formula ε_t in plain math) for every step-size schedule."""
    return [
        (Constant(lr), lambda t: lr),
        (InverseTime(lr, tau=7.0), lambda t: lr / (1.0 + t / 7.0)),
        (StepDecay(lr, every=5, factor=0.3), lambda t: lr * 0.3 ** (t // 5)),
        (Cosine(lr, total=40, floor=0.01),
         lambda t: 0.01 + 0.5 * (lr - 0.01) * (1.0 + math.cos(math.pi * min(t, 40) / 40))),
        (parse_schedule("inverse-time", lr, total), lambda t: lr / (1.0 + t / (total / 10))),
        (parse_schedule("step-decay:factor=0.25", lr, total),
         lambda t: lr * 0.25 ** (t // (total // 4))),
        (parse_schedule("cosine:floor=0.02", lr, total),
         lambda t: 0.02 + 0.5 * (lr - 0.02) * (1.0 + math.cos(math.pi * min(t, total) / total))),
        (parse_schedule("constant", lr, total), lambda t: lr),
        (parse_schedule("step-decay", lr, total), lambda t: lr * 0.5 ** (t // (total // 4))),
        (parse_schedule(" step-decay: every = 7, factor=0.8 ", lr, total),
         lambda t: lr * 0.8 ** (t // 7)),
        # a short run of N = 5 updates: the defaults' floors max(1, …) decide
        (parse_schedule("inverse-time", lr, 5), lambda t: lr / (1.0 + t)),
        (parse_schedule("step-decay", lr, 5), lambda t: lr * 0.5 ** t),
        (parse_schedule("cosine", lr, 1),
         lambda t: 0.5 * lr * (1.0 + math.cos(math.pi * min(t, 1)))),
    ]


@_fact("lr-schedules-formulas", 1e-12,
       "every step-size schedule gives its formula (constant ε₀, ε₀/(1 + t/τ), "
       "ε₀·factor^⌊t/every⌋, floor + ½(ε₀ − floor)(1 + cos(π min(t, T)/T))), also as parsed "
       "from the command line, with the defaults for N updates τ = max(1, N/10), every = "
       "max(1, ⌊N/4⌋), factor = ½, T = max(1, N), floor = 0, and the optimizer steps with it; "
       "a growing batch "
       "gives min(n, ⌊b₀·factor^⌊e/every⌋⌋) per epoch, also after thousands of epochs; each "
       "schedule's printed formula is one line, ε_t = … (relative error)")
def lr_schedules_formulas():
    lr, total = 0.15, 60  # below 2/λ_max of the bowl, so the optimizer runs every step
    ts = np.arange(90)
    worst = 0.0
    for schedule, written in _schedule_cases(lr, total):
        worst = _worst(worst, _relative(schedule(ts), [written(int(t)) for t in ts]))
        run = gradient_descent(Quadratic(**_BOWL), _START, schedule, 30)
        worst = _worst(worst, _relative(run.lrs[1:], [written(t) for t in range(30)]))
    growing, n = GrowingBatch(start=2, factor=1.5, every=2), 37
    sizes = [min(n, math.floor(2 * 1.5 ** (e // 2))) for e in range(12)]
    run = minibatch_sgd(LinReg(n=n), (0.0, 0.0), 0.01, 12, growing, seed=1)
    used = [len(b) for b, e in zip(run.batches, run.epochs) if e >= 1]
    want = [size for size in sizes for _ in range(n // size)]
    if (batch_sizes(growing, 12, n) != sizes or used != want or batch_sizes(5, 3, n) != [5] * 3
            or growing.size(6000, n) != n):  # 1.5^3000 overflows a float: n, not an error
        return math.inf
    if any("\n" in formula(cls) or not formula(cls).startswith("ε_t = ")
           for cls in SCHEDULES.values()):  # the formula --help and the README print
        return math.inf
    return worst


# ---------------------------------------------------------------- brain vs GPT-4

_LECTURE_SAYS = (
    "Figure: human brain:  $10^{11}$  neurons,  $10^{15}$  synapses",
    "Figure: GPT-4: 10<sup>6</sup> neurons, 10<sup>11</sup> parameters (weights), 100 layers",
)
"""The two sentences of the lecture (gradient-descent-and-backpropagation-1.md) that state the
comparison, verbatim: the numbers are read from them, not typed again."""


def _counts(sentence: str) -> list[tuple[float, str]]:
    """(count, what) for each '10^{k} what', '10<sup>k</sup> what' or 'N what' in a sentence."""
    found = []
    pattern = r"(?:\$?10(?:\^\{(\d+)\}|<sup>(\d+)</sup>)\$?|\b(\d+))\s+([a-z]+(?: \(\w+\))?)"
    for power, sup, plain, what in re.findall(pattern, sentence.split(":", 2)[-1]):
        found.append((10.0 ** int(power or sup) if plain == "" else float(plain), what))
    return found


@_fact("brain-vs-gpt4-numbers", 1e-12,
       "the numbers and labels the figure draws are the lecture's own sentences: brain 10¹¹ "
       "neurons, 10¹⁵ synapses; GPT-4 10⁶ neurons, 10¹¹ parameters (weights), 100 layers, read "
       "from the lecture's text and flagged as its estimates (largest |log₁₀ ratio|)")
def brain_vs_gpt4_numbers():
    brain, network = (_counts(s) for s in _LECTURE_SAYS)
    drawn_brain = [(q.brain, q.brain_label) for q in BRAIN_VS_GPT4 if q.brain is not None]
    drawn_network = [(q.network, q.network_label) for q in BRAIN_VS_GPT4 if q.network is not None]
    if ([w for _, w in drawn_brain] != [w for _, w in brain]
            or [w for _, w in drawn_network] != [w for _, w in network]
            or not all(q.estimate for q in BRAIN_VS_GPT4) or "estimate" not in SOURCE):
        return math.inf
    return max(abs(math.log10(have / want))
               for (have, _), (want, _) in zip(drawn_brain + drawn_network, brain + network))


CHECKS = (
    convexity_needs_t, convexity_holds_for_convex, convexity_fails_for_nonconvex,
    convex_local_minima_global, strictly_convex_one_minimiser, convex_minimisers_set_or_none,
    linreg_loss_squared_residual,
    logistic_boundary_perpendicular, logistic_theta_points_to_class_1,
    logistic_fit_maximises_likelihood, logistic_level_sets_parallel, logistic_level_lines_drawn,
    logistic_gradient_finite_differences, logistic_update_sign,
    softmax_is_gaussian_posterior, softmax_boundaries_straight,
    chain_rule_equals_brute_force, chain_rule_finite_differences,
    gradient_perpendicular_to_level_set, steepest_ascent_direction, steepest_ascent_value,
    gd_closed_form_check, gd_convergence_threshold, gd_at_threshold_neither,
    gd_approaches_gradient_flow, gradient_flow_ode_matches_expm,
    sgd_epoch_visits_each_once, minibatch_updates_per_epoch, minibatch_gradient_is_batch_mean,
    lr_schedules_formulas,
    cross_entropy_value, cross_entropy_gradient_finite_differences,
    cross_entropy_gradient_sums_to_zero,
    tanh_gradient,
    brain_vs_gpt4_numbers,
)
"""The checks in the order of ERRATA.md: its corrections, then its list of facts."""


def run_all() -> tuple[Check, ...]:
    """Every fact check, measured now; a check that raises is a failed ``Check``, never an error."""
    return tuple(check() for check in CHECKS)
