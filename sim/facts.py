"""The lecture's facts (ERRATA.md), each measured against an independent computation.

Every check returns the error it measured and the tolerance it must stay
within (``passed`` is ``error ≤ tolerance``). For a claim that something
*fails* (the chord of a non-convex function dips under its graph) the
measured quantity is signed and the tolerance negative. Nothing here
compares a function with itself: boundaries come from root-finding on p(1|x),
gradients from finite differences of the loss, posteriors from the Gaussian
densities, threshold rates from the iterates, tangents from traced curves.
``run_all()`` is what ``cli.py verify`` reports.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq
from scipy.stats import multivariate_normal

from sim.brain_vs_gpt4 import BRAIN_VS_GPT4
from sim.chain_rule import chain_rule_example
from sim.convexity import chord, convex_curve, nonconvex_curve
from sim.levels import trace_level_set
from sim.multiclass import GaussianClasses, cross_entropy, cross_entropy_grad
from sim.optimizers import gradient_descent, minibatch_sgd, sgd, stability_threshold
from sim.problems import DoubleWell, Himmelblau, Quadratic
from sim.references import gd_closed_form, gradient_flow, gradient_flow_closed_form
from sim.regression import LinReg, LogReg, logistic_probability


@dataclass(frozen=True)
class Check:
    """One verified claim: what was measured, how far off it was, and the allowed error."""

    name: str
    claim: str
    error: float
    tolerance: float
    passed: bool


def _check(name: str, claim: str, error: float, tolerance: float) -> Check:
    error = float(error)
    return Check(name=name, claim=claim, error=error, tolerance=float(tolerance),
                 passed=bool(error <= tolerance))  # NaN fails


def _unit(v):
    v = np.asarray(v, dtype=float)
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def _line_fit(points):
    """(unit direction, straightness residual σ_min/σ_max) of a point set, by SVD."""
    centred = points - points.mean(axis=0)
    _, sigma, vt = np.linalg.svd(centred)
    return vt[0], sigma[-1] / sigma[0]


def _level_points(theta, q: float, xs) -> np.ndarray:
    """Points with p(1|x) = q, found by root-finding in x2 along vertical lines x1 = const."""
    points = []
    for x1 in xs:
        def gap(x2, x1=x1):
            return logistic_probability(theta, [x1, x2]) - q
        points.append([x1, brentq(gap, -1e3, 1e3, xtol=1e-14, rtol=4 * np.finfo(float).eps)])
    return np.array(points)


def _fitted_logistic():
    problem = LogReg()
    return problem, problem.minima()[0]


def logistic_boundary_perpendicular() -> Check:
    _, theta = _fitted_logistic()
    direction, _ = _line_fit(_level_points(theta, 0.5, np.linspace(-3, 3, 13)))
    return _check("logistic-boundary-perpendicular",
                  "the decision boundary {x : p(1|x) = 1/2} of the fitted logistic regression is "
                  "perpendicular to θ (|cos| of the angle between θ and the boundary)",
                  abs(direction @ _unit(theta)), 1e-9)


def logistic_theta_points_to_class_1() -> Check:
    problem, theta = _fitted_logistic()
    boundary = _level_points(theta, 0.5, np.linspace(-3, 3, 7))
    h = 1e-5
    steps = np.array([[h, 0.0], [0.0, h]])
    p = logistic_probability
    rise = np.stack([(p(theta, boundary + s) - p(theta, boundary - s)) / (2 * h) for s in steps],
                    axis=-1)  # ∇ₓp by central differences
    error = float(np.max(1.0 - _unit(rise) @ _unit(theta)))
    means = [problem.X[problem.y == k].mean(axis=0) for k in (0, 1)]
    if theta @ (means[1] - means[0]) <= 0:
        error = 2.0
    return _check("logistic-theta-points-to-class-1",
                  "θ points where p(1|x) grows (into p > 1/2, class 1's side): 1 − cos between θ "
                  "and ∇ₓp measured by finite differences; class 1's data lie on θ's side",
                  error, 1e-9)


def logistic_level_sets_parallel() -> Check:
    _, theta = _fitted_logistic()
    boundary, _ = _line_fit(_level_points(theta, 0.5, np.linspace(-3, 3, 13)))
    worst = 0.0
    for q in (0.05, 0.25, 0.75, 0.95):
        direction, bend = _line_fit(_level_points(theta, q, np.linspace(-3, 3, 13)))
        worst = max(worst, abs(direction[0] * boundary[1] - direction[1] * boundary[0]), bend)
    return _check("logistic-level-sets-parallel",
                  "the level sets of p(1|x) are straight lines parallel to the decision boundary "
                  "(largest |sin| of the angle to the boundary or bend of a level set)",
                  worst, 1e-9)


def logistic_gradient_finite_differences() -> Check:
    problem = LogReg()
    rng = np.random.default_rng(1)
    thetas = rng.normal(scale=3.0, size=(10, 2))
    h = 1e-6
    worst = 0.0
    for theta in thetas:
        analytic = problem.example_grads(theta)  # (n, 2)
        numeric = np.stack([(problem.example_losses(theta + e) - problem.example_losses(theta - e))
                            / (2 * h) for e in np.eye(2) * h], axis=-1)
        scale = np.linalg.norm(analytic, axis=-1, keepdims=True) + 1e-3
        worst = max(worst, float(np.max(np.abs(numeric - analytic) / scale)))
    return _check("logistic-gradient-finite-differences",
                  "∇θ L_i = (σ(θᵀx_i) − y_i) x_i matches central differences of the loss",
                  worst, 1e-6)


def logistic_update_sign() -> Check:
    problem, theta_hat = _fitted_logistic()
    theta, lr = 0.5 * theta_hat, 0.1
    error = 0.0
    for i in range(problem.n):
        x, y = problem.X[i], problem.y[i]
        step = -lr * problem.batch_grad(theta, np.array([i]))  # the update SGD makes on example i
        sign = 1.0 if y == 1 else -1.0
        error = max(error, 1.0 - _unit(step) @ _unit(sign * x))
        margin_before = sign * (theta @ x)
        if sign * ((theta + step) @ x) <= margin_before:  # the point must move toward its class
            error = 2.0
    return _check("logistic-update-sign",
                  "an SGD step moves θ along +x for a class-1 point with p < 1 and along −x for a "
                  "class-0 point with p > 0, raising that point's margin (1 − cos to ±x)",
                  error, 1e-12)


def softmax_is_gaussian_posterior() -> Check:
    model = GaussianClasses(priors=np.array([0.5, 0.3, 0.2]))
    axis = np.linspace(-5, 5, 41)
    grid = np.stack(np.meshgrid(axis, axis), axis=-1).reshape(-1, 2)
    joint = np.stack([p * multivariate_normal(m, model.cov).pdf(grid)
                      for m, p in zip(model.means, model.priors)], axis=-1)
    bayes = joint / joint.sum(axis=-1, keepdims=True)
    return _check("softmax-is-gaussian-posterior",
                  "softmax(w_kᵀx + b_k) with w_k = Σ⁻¹μ_k, b_k = −½μ_kᵀΣ⁻¹μ_k + log π_k equals the "
                  "Bayes posterior π_k N(x; μ_k, Σ) / Σ_j π_j N(x; μ_j, Σ)",
                  np.abs(model.posterior(grid) - bayes).max(), 1e-12)


def softmax_boundaries_straight() -> Check:
    model = GaussianClasses(priors=np.array([0.5, 0.3, 0.2]))
    densities = [multivariate_normal(m, model.cov) for m in model.means]
    worst = 0.0
    for k in range(model.classes):
        for j in range(k + 1, model.classes):
            def log_ratio(x):
                return (np.log(model.priors[k]) + densities[k].logpdf(x)
                        - np.log(model.priors[j]) - densities[j].logpdf(x))
            # along the line through μ_k and μ_j the log ratio changes sign; slide it sideways
            along = _unit(model.means[j] - model.means[k])
            side = np.array([-along[1], along[0]])
            points = []
            for offset in np.linspace(-3, 3, 9):
                def gap(s, offset=offset):
                    return log_ratio(model.means[k] + offset * side + s * along)
                s = brentq(gap, -50.0, 50.0, xtol=1e-14, rtol=4 * np.finfo(float).eps)
                points.append(model.means[k] + offset * side + s * along)
            worst = max(worst, _line_fit(np.array(points))[1])
    return _check("softmax-boundaries-straight",
                  "with a shared Σ the boundary between any two classes, p(k|x) = p(j|x) from the "
                  "densities, is a straight line (bend σ_min/σ_max of points on it)",
                  worst, 1e-9)


def chain_rule_equals_brute_force() -> Check:
    x = np.random.default_rng(2).uniform(-3, 3, size=(2000, 2))
    example = chain_rule_example(x)
    scale = 1.0 + np.abs(example.grad_brute)
    error = max(np.max(np.abs(example.grad_chain - example.grad_brute) / scale),
                np.max(np.abs(example.u - example.u_brute) / (1.0 + np.abs(example.u_brute))))
    return _check("chain-rule-equals-brute-force",
                  "for u = (z1 + z2)²/2, z1 = x1 sin x2, z2 = sin² x2, the chain rule through the "
                  "graph's local derivatives equals differentiating the substituted closed form",
                  error, 1e-13)


def chain_rule_finite_differences() -> Check:
    x = np.random.default_rng(3).uniform(-3, 3, size=(500, 2))
    h = 1e-6
    numeric = np.stack([(chain_rule_example(x + e).u - chain_rule_example(x - e).u) / (2 * h)
                        for e in np.eye(2) * h], axis=-1)
    analytic = chain_rule_example(x).grad_chain
    expected = np.stack([(np.sin(x[:, 1]) * (x[:, 0] * np.sin(x[:, 1]) + np.sin(x[:, 1]) ** 2)),
                         (x[:, 0] * np.sin(x[:, 1]) + np.sin(x[:, 1]) ** 2)
                         * (x[:, 0] * np.cos(x[:, 1]) + 2 * np.sin(x[:, 1]) * np.cos(x[:, 1]))],
                        axis=-1)  # the lecture's formulas, as ERRATA.md states them
    error = max(np.max(np.abs(numeric - analytic) / (1.0 + np.abs(analytic))),
                np.max(np.abs(expected - analytic) / (1.0 + np.abs(analytic))))
    return _check("chain-rule-finite-differences",
                  "∂u/∂x1 = (z1 + z2) sin x2 and ∂u/∂x2 = (z1 + z2)(x1 cos x2 + 2 sin x2 cos x2) "
                  "match central differences of u",
                  error, 1e-7)


def gradient_perpendicular_to_level_set() -> Check:
    cases = [(Quadratic(1.0, 10.0, angle=30.0), (1.0, 0.3)), (Himmelblau(), (3.5, 2.0)),
             (DoubleWell(), (0.0, 0.5)), (LinReg(), (0.0, 0.0))]
    worst = 0.0
    for problem, through in cases:
        trace = trace_level_set(problem, through, spacing=0.005)
        off = np.abs(np.sum(trace.tangents * _unit(trace.gradients), axis=-1))
        worst = max(worst, float(off.max()))
    return _check("gradient-perpendicular-to-level-set",
                  "along a path θ(t) inside a level set, ∇f(θ(t))ᵀθ′(t) = 0: |cos| between ∇f and "
                  "the tangent measured from traced level sets of four surfaces",
                  worst, 1e-3)


def _steepest_cases():
    return [(Quadratic(1.0, 10.0, angle=30.0), (1.0, 0.3)), (Himmelblau(), (1.0, -1.0)),
            (DoubleWell(), (0.4, 0.5)), (LogReg(), (1.0, 2.0))]


def _directional_by_differences(problem, point, count: int = 3600):
    angles = np.linspace(0.0, 2.0 * np.pi, count, endpoint=False)
    directions = np.stack([np.cos(angles), np.sin(angles)], axis=-1)
    h = 1e-6
    point = np.asarray(point, dtype=float)
    f = problem.value
    return angles, (f(point + h * directions) - f(point - h * directions)) / (2 * h)


def steepest_ascent_direction() -> Check:
    worst = 0.0
    count = 3600
    for problem, point in _steepest_cases():
        angles, slopes = _directional_by_differences(problem, point, count)
        g = problem.grad(np.asarray(point, dtype=float))
        gap = angles[np.argmax(slopes)] - math.atan2(g[1], g[0])
        worst = max(worst, abs((gap + math.pi) % (2 * math.pi) - math.pi))
    return _check("steepest-ascent-direction",
                  "among 3600 unit directions u the directional derivative (by finite differences "
                  "of f) is largest at u = ∇f/‖∇f‖ (angle off, radians; tolerance one spacing)",
                  worst, 2 * math.pi / count)


def steepest_ascent_value() -> Check:
    worst = 0.0
    for problem, point in _steepest_cases():
        _, slopes = _directional_by_differences(problem, point)
        norm = np.linalg.norm(problem.grad(np.asarray(point, dtype=float)))
        worst = max(worst, abs(slopes.max() - norm) / norm)
    return _check("steepest-ascent-value",
                  "the largest directional derivative over unit directions equals ‖∇f‖",
                  worst, 1e-6)


def gd_closed_form_check() -> Check:
    problem = Quadratic(1.0, 10.0, angle=30.0)
    start = np.array([-1.8, 1.0])
    path = gradient_descent(problem, start, 0.15, 200).iterates
    exact = gd_closed_form(problem.matrix, start, 0.15, 200)
    return _check("gd-closed-form",
                  "gradient descent on f = ½θᵀAθ is θ_t = (I − εA)^t θ_0 (computed in A's "
                  "eigenbasis)",
                  np.abs(path - exact).max() / np.linalg.norm(start), 1e-12)


def gd_convergence_threshold() -> Check:
    problem = Quadratic(1.0, 10.0, angle=30.0)
    start = np.array([-1.8, 1.0])
    threshold = stability_threshold(problem)
    below = gradient_descent(problem, start, 0.99 * threshold, 3000)
    above = gradient_descent(problem, start, 1.01 * threshold, 3000)
    norms = np.linalg.norm(below.iterates, axis=-1)
    if below.diverged or not above.diverged or not norms[-1] < 1e-20 * norms[0]:
        error = 1.0
    else:
        # the rate |1 − ελ_max| read off the iterates gives λ_max, hence the threshold
        rate = (norms[-1] / norms[-101]) ** (1 / 100)
        measured = 2.0 * 0.99 * threshold / (1.0 + rate)
        error = abs(measured - 2.0 / max(problem.a, problem.b)) / threshold
    return _check("gd-convergence-threshold",
                  "gradient descent on ½θᵀAθ converges at ε = 0.99·2/λ_max and diverges at "
                  "1.01·2/λ_max; the threshold read off the iterates' rate equals 2/λ_max",
                  error, 1e-9)


def gd_approaches_gradient_flow() -> Check:
    problem = Quadratic(1.0, 10.0, angle=30.0)
    start, time = np.array([-1.8, 1.0]), 2.0
    exact = gradient_flow_closed_form(problem.matrix, start, [time])[0]
    errors = [np.linalg.norm(gradient_descent(problem, start, time / n, n).iterates[-1] - exact)
              for n in (1000, 10000)]
    first_order = 8.0 < errors[0] / errors[1] < 12.0
    return _check("gd-approaches-gradient-flow",
                  "as ε → 0 gradient descent approaches gradient flow exp(−At)θ_0, to first order "
                  "in ε (distance at t = 2 with ε = 2·10⁻⁴)",
                  errors[1] / np.linalg.norm(start) if first_order else math.inf, 1e-3)


def gradient_flow_ode_matches_expm() -> Check:
    problem = Quadratic(1.0, 10.0, angle=30.0)
    start = np.array([-1.8, 1.0])
    flow = gradient_flow(problem, start, 3.0, 31)
    exact = gradient_flow_closed_form(problem.matrix, start, flow.times)
    return _check("gradient-flow-ode-matches-expm",
                  "gradient flow solved as an ODE equals the matrix exponential exp(−At)θ_0",
                  np.abs(flow.points - exact).max() / np.linalg.norm(start), 1e-8)


def sgd_epoch_visits_each_once() -> Check:
    problem = LinReg(n=37)
    path = sgd(problem, (0.0, 0.0), 0.01, 4, seed=5)
    wrong = 0
    for epoch in range(1, 5):
        used = np.concatenate([b for b, e in zip(path.batches, path.epochs) if e == epoch])
        if len(used) != problem.n:
            wrong += problem.n
        else:
            wrong += int(np.sum(np.sort(used) != np.arange(problem.n)))
    return _check("sgd-epoch-visits-each-once",
                  "SGD without replacement uses every example exactly once per epoch "
                  "(count of examples missed or repeated over 4 epochs)",
                  wrong, 0)


def minibatch_updates_per_epoch() -> Check:
    wrong = 0
    for n, b in ((37, 5), (40, 8), (37, 37), (37, 1), (10, 3)):
        path = minibatch_sgd(LinReg(n=n), (0.0, 0.0), 0.01, 3, b, seed=n + b)
        for epoch in range(1, 4):
            batches = [batch for batch, e in zip(path.batches, path.epochs) if e == epoch]
            used = np.concatenate(batches)
            wrong += abs(len(batches) - n // b) + (len(np.unique(used)) != (n // b) * b)
            wrong += sum(len(batch) != b for batch in batches)
    return _check("minibatch-updates-per-epoch",
                  "mini-batches of size b give ⌊n/b⌋ updates per epoch, each example at most once "
                  "(count of wrong epochs, batches or counts)",
                  wrong, 0)


def minibatch_gradient_is_batch_mean() -> Check:
    problem = LinReg(n=23)
    path = minibatch_sgd(problem, (0.0, 0.0), 0.05, 2, 4, seed=7)
    worst = 0.0
    for k in range(1, path.steps + 1):
        theta = path.iterates[k - 1]
        grads = [-(problem.y[i] - theta @ problem.X[i]) * problem.X[i] for i in path.batches[k]]
        expected = theta - path.lrs[k] * np.mean(grads, axis=0)
        worst = max(worst, float(np.abs(path.iterates[k] - expected).max()))
    full = minibatch_sgd(problem, (0.0, 0.0), 0.05, 5, problem.n, seed=7).iterates
    gd = gradient_descent(problem, (0.0, 0.0), 0.05, 5).iterates
    worst = max(worst, float(np.abs(full - gd).max()))
    return _check("minibatch-gradient-is-batch-mean",
                  "a mini-batch update is θ − ε·mean of the batch's per-example gradients "
                  "−(y_i − θᵀx_i)x_i; with b = n it is gradient descent",
                  worst, 1e-12)


def cross_entropy_gradient_finite_differences() -> Check:
    rng = np.random.default_rng(4)
    h = 1e-6
    worst = 0.0
    for scale in (0.1, 1.0, 10.0):
        z = rng.normal(scale=scale, size=(50, 5))
        y = rng.integers(0, 5, size=50)
        analytic = cross_entropy_grad(z, y)
        numeric = np.stack([(cross_entropy(z + e, y) - cross_entropy(z - e, y)) / (2 * h)
                            for e in np.eye(5) * h], axis=-1)
        worst = max(worst, float(np.abs(numeric - analytic).max()))
    return _check("cross-entropy-gradient-finite-differences",
                  "∇z(−log softmax(z)_y) = softmax(z) − onehot(y) matches central differences",
                  worst, 1e-7)


def cross_entropy_gradient_sums_to_zero() -> Check:
    rng = np.random.default_rng(5)
    z = np.concatenate([rng.normal(scale=s, size=(200, 7)) for s in (0.1, 1.0, 100.0, 1e4)])
    y = rng.integers(0, 7, size=len(z))
    return _check("cross-entropy-gradient-sums-to-zero",
                  "the entries of softmax(z) − onehot(y) sum to zero (true class pulled up by as "
                  "much as the others are pushed down)",
                  np.abs(cross_entropy_grad(z, y).sum(axis=-1)).max(), 1e-12)


def _chord_gaps(f, pairs, ts):
    return np.array([chord(f, a, b, ts).gap.min() for a, b in pairs])


def _random_pairs(bounds, count: int, seed: int):
    rng = np.random.default_rng(seed)
    if np.ndim(bounds) == 1:
        return rng.uniform(*bounds, size=(count, 2))
    low, high = np.array(bounds).T
    return rng.uniform(low, high, size=(count, 2, 2))


def convexity_holds_for_convex() -> Check:
    ts = np.linspace(0.0, 1.0, 51)
    worst = 0.0
    curve = convex_curve()
    for f, bounds in ((curve.value, curve.bounds), *[(p.value, p.bounds) for p in
                      (Quadratic(1.0, 10.0, angle=30.0), LinReg(), LogReg())]):
        pairs = _random_pairs(bounds, 200, 6)
        scale = 1.0 + np.abs(f(pairs)).max()
        worst = max(worst, float(-_chord_gaps(f, pairs, ts).min()) / scale)
    return _check("convexity-holds-for-convex",
                  "f(tθ1 + (1−t)θ2) ≤ t f(θ1) + (1−t) f(θ2) on convex functions (a 1-D polynomial, "
                  "a quadratic, the linear- and logistic-regression losses): largest violation",
                  worst, 1e-12)


def convexity_fails_for_nonconvex() -> Check:
    ts = np.linspace(0.0, 1.0, 51)
    curve = nonconvex_curve()
    cases = [(curve.value, curve.bounds), (DoubleWell().value, DoubleWell().bounds),
             (Himmelblau().value, Himmelblau().bounds)]
    deepest = max(float(_chord_gaps(f, _random_pairs(bounds, 200, 7), ts).min())
                  for f, bounds in cases)
    return _check("convexity-fails-for-nonconvex",
                  "on each non-convex function (1-D polynomial, double well, Himmelblau) some "
                  "chord dips under the graph: the shallowest of their deepest dips is < −10⁻³",
                  deepest, -1e-3)


def convexity_needs_t() -> Check:
    def f(x):
        return 0.5 * np.asarray(x) ** 2 - 1.0  # convex
    pairs = _random_pairs((-1.0, 1.0), 200, 8)
    ts = np.linspace(0.0, 1.0, 51)
    gaps = [(f(a) + (1 - ts) * f(b)) - f(ts * a + (1 - ts) * b) for a, b in pairs]
    return _check("convexity-needs-t",
                  "the inequality as printed, f(tθ1 + (1−t)θ2) ≤ f(θ1) + (1−t) f(θ2), is not the "
                  "definition: it fails for the convex f = ½θ² − 1 (deepest violation < 0)",
                  float(np.min(gaps)), -1e-3)


_LECTURE_NUMBERS = {"units": (1e11, 1e6), "connections": (1e15, 1e11), "depth": (None, 100.0)}


def brain_vs_gpt4_numbers() -> Check:
    error = 0.0
    rows = {q.name: q for q in BRAIN_VS_GPT4}
    if set(rows) != set(_LECTURE_NUMBERS):
        error = math.inf
    for name, stated in _LECTURE_NUMBERS.items():
        row = rows.get(name)
        if row is None:
            continue
        for have, want in zip((row.brain, row.network), stated):
            error = max(error, math.inf if (have is None) != (want is None)
                        else 0.0 if have is None else abs(math.log10(have / want)))
        error = max(error, 0.0 if row.estimate else math.inf)
    return _check("brain-vs-gpt4-numbers",
                  "brain 10¹¹ neurons, 10¹⁵ synapses; GPT-4 10⁶ neurons, 10¹¹ parameters, 100 "
                  "layers, "
                  "as the lecture states them, GPT-4's flagged as the lecture's estimates",
                  error, 1e-12)


CHECKS = (
    logistic_boundary_perpendicular, logistic_theta_points_to_class_1, logistic_level_sets_parallel,
    logistic_gradient_finite_differences, logistic_update_sign,
    softmax_is_gaussian_posterior, softmax_boundaries_straight,
    chain_rule_equals_brute_force, chain_rule_finite_differences,
    gradient_perpendicular_to_level_set, steepest_ascent_direction, steepest_ascent_value,
    gd_closed_form_check, gd_convergence_threshold, gd_approaches_gradient_flow,
    gradient_flow_ode_matches_expm,
    sgd_epoch_visits_each_once, minibatch_updates_per_epoch, minibatch_gradient_is_batch_mean,
    cross_entropy_gradient_finite_differences, cross_entropy_gradient_sums_to_zero,
    convexity_holds_for_convex, convexity_fails_for_nonconvex, convexity_needs_t,
    brain_vs_gpt4_numbers,
)
"""The checks in the order of ERRATA.md's list of facts."""


def run_all() -> tuple[Check, ...]:
    """Every fact check, measured now."""
    return tuple(check() for check in CHECKS)
