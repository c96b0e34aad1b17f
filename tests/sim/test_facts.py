"""Every lecture fact holds, and the checks are able to fail."""
import dataclasses
import math

import numpy as np
import pytest

from sim import facts


@pytest.fixture(scope="module")
def results():
    """run_all() once for the module: every check measured in one pass."""
    return facts.run_all()


def test_run_all_runs_every_check_once(results):
    assert len(results) == len(facts.CHECKS) >= 20
    assert len({r.name for r in results}) == len(results)
    assert all(dataclasses.is_dataclass(r) and isinstance(r, facts.Check) for r in results)


@pytest.mark.parametrize("index", range(len(facts.CHECKS)), ids=[c.__name__ for c in facts.CHECKS])
def test_fact_holds(results, index):
    result = results[index]
    assert result.name and result.claim
    assert result.passed, f"{result.name}: error {result.error:.3g} > tolerance {result.tolerance:.3g}"
    assert result.passed == (result.error <= result.tolerance)


def test_a_wrong_cross_entropy_gradient_is_caught(monkeypatch):
    from sim.multiclass import softmax

    monkeypatch.setattr(facts, "cross_entropy_grad", lambda z, y: softmax(z))  # onehot forgotten
    assert not facts.cross_entropy_gradient_finite_differences().passed
    assert not facts.cross_entropy_gradient_sums_to_zero().passed


def test_sampling_with_replacement_is_caught(monkeypatch):
    import sim.optimizers

    def with_replacement(seed, epochs, n):
        return np.random.default_rng(seed).integers(0, n, size=(epochs, n))

    monkeypatch.setattr(sim.optimizers, "permutations", with_replacement)
    assert not facts.sgd_epoch_visits_each_once().passed


def test_a_wrong_logistic_gradient_is_caught(monkeypatch):
    from sim.regression import LogReg

    monkeypatch.setattr(LogReg, "_slopes", staticmethod(lambda z, y: y - 1 / (1 + np.exp(-z))))
    assert not facts.logistic_gradient_finite_differences().passed
    assert not facts.logistic_update_sign().passed


def test_a_wrong_local_derivative_is_caught(monkeypatch):
    import sim.chain_rule

    original = sim.chain_rule.chain_rule_example

    def broken(x):
        example = original(x)
        return dataclasses.replace(example, grad_chain=example.grad_chain * [1.0, 1.0 + 1e-6])

    monkeypatch.setattr(facts, "chain_rule_example", broken)
    assert not facts.chain_rule_equals_brute_force().passed


def test_a_wrong_threshold_is_caught(monkeypatch):
    monkeypatch.setattr(facts, "stability_threshold", lambda problem: 2.2 / max(problem.a, problem.b))
    assert not facts.gd_convergence_threshold().passed


def test_a_gradient_off_the_normal_is_caught(monkeypatch):
    from sim.problems import Himmelblau

    grad = Himmelblau.grad
    turn = np.array([[np.cos(0.1), -np.sin(0.1)], [np.sin(0.1), np.cos(0.1)]])
    monkeypatch.setattr(Himmelblau, "grad", lambda self, theta: grad(self, theta) @ turn.T)
    assert not facts.steepest_ascent_direction().passed


# Each check fails on a plausible mistake in the sim code it measures (issue 12 §5), and a
# check that raises is a failed row, never an exception.


def test_a_raising_check_is_a_failed_row_with_its_message(monkeypatch):
    def broken(problem):
        raise ValueError("no fit here\nsecond line")

    monkeypatch.setattr(facts, "fitted_theta", broken)
    result = facts.logistic_boundary_perpendicular()
    assert not result.passed and np.isnan(result.error)
    assert result.message == "ValueError: no fit here"
    assert result.name == "logistic-boundary-perpendicular" and result.claim


def test_a_root_finder_that_cannot_bracket_fails_the_check_instead_of_raising(monkeypatch):
    # θ = 0 has no boundary: brentq finds no sign change, which used to end verify in a traceback
    monkeypatch.setattr(facts, "fitted_theta", lambda problem: np.zeros(2))
    checks = {c.name: c for c in facts.run_all()}
    assert not checks["logistic-boundary-perpendicular"].passed
    assert not checks["logistic-level-sets-parallel"].passed
    assert checks["logistic-level-sets-parallel"].message


def test_verify_prints_fail_and_exits_1_without_a_traceback(monkeypatch):
    from click.testing import CliRunner

    import cli

    def broken(problem):
        raise RuntimeError("boom")

    monkeypatch.setattr(facts, "fitted_theta", broken)
    monkeypatch.setattr(facts, "CHECKS", (facts.logistic_theta_points_to_class_1,
                                          facts.brain_vs_gpt4_numbers))
    result = CliRunner().invoke(cli.cli, ["verify"])
    assert result.exit_code == 1, result.output
    assert "FAIL  logistic-theta-points-to-class-1" in result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, RuntimeError)


def _chord_without_t(f, theta1, theta2, ts=None):
    from sim.convexity import Chord

    ts = np.linspace(0.0, 1.0, 101) if ts is None else np.asarray(ts, dtype=float)
    theta1, theta2 = np.asarray(theta1, dtype=float), np.asarray(theta2, dtype=float)
    t = ts.reshape(ts.shape + (1,) * theta1.ndim)
    points = t * theta1 + (1.0 - t) * theta2
    values = f(points)
    line = f(theta1) + (1.0 - ts) * f(theta2)  # the misprint: t dropped
    return Chord(ts=ts, points=points, values=values, chord=line, gap=line - values)


def test_a_chord_without_t_is_caught(monkeypatch):
    import sim.chord_pictures

    monkeypatch.setattr(facts, "chord", _chord_without_t)
    monkeypatch.setattr(sim.chord_pictures, "chord", _chord_without_t)
    for check in (facts.convexity_needs_t, facts.convexity_holds_for_convex,
                  facts.convexity_fails_for_nonconvex, facts.convex_minimisers_set_or_none):
        assert not check().passed, check.__name__


def test_boundaries_without_the_priors_are_caught(monkeypatch):
    from sim.multiclass import GaussianClasses

    weights = GaussianClasses.weights

    def no_priors(self):
        w, b = weights(self)
        return w, b - np.log(self.priors)

    monkeypatch.setattr(GaussianClasses, "weights", no_priors)
    assert not facts.softmax_boundaries_straight().passed
    assert not facts.softmax_is_gaussian_posterior().passed


def test_a_changed_brain_number_is_caught(monkeypatch):
    import dataclasses as dc

    rows = list(facts.BRAIN_VS_GPT4)
    rows[1] = dc.replace(rows[1], network=1e12)
    monkeypatch.setattr(facts, "BRAIN_VS_GPT4", tuple(rows))
    assert not facts.brain_vs_gpt4_numbers().passed


def test_a_cosine_schedule_that_restarts_is_caught(monkeypatch):
    from sim.schedules import Cosine

    def restarts(self, t):
        phase = np.asarray(t, dtype=float) / self.total  # no stop at the floor after `total`
        return self.floor + 0.5 * (self.lr - self.floor) * (1.0 + np.cos(np.pi * phase))

    monkeypatch.setattr(Cosine, "__call__", restarts)
    assert not facts.lr_schedules_formulas().passed


def test_a_threshold_a_little_high_is_caught_at_the_threshold(monkeypatch):
    monkeypatch.setattr(facts, "stability_threshold",
                        lambda problem: 2.0002 / max(problem.a, problem.b))
    assert not facts.gd_at_threshold_neither().passed


def test_a_naive_cross_entropy_is_caught(monkeypatch):
    def naive(z, y):
        z = np.asarray(z, dtype=float)
        p = np.exp(z) / np.exp(z).sum(axis=-1, keepdims=True)  # overflows for logits 10⁴ apart
        return -np.log(np.take_along_axis(p, np.asarray(y)[..., None], axis=-1)[..., 0])

    monkeypatch.setattr(facts, "cross_entropy", naive)
    with np.errstate(all="ignore"):
        assert not facts.cross_entropy_value().passed


def test_a_loss_without_the_square_or_the_half_is_caught(monkeypatch):
    from sim.regression import LinReg

    monkeypatch.setattr(LinReg, "_losses", staticmethod(lambda z, y: (y - z) ** 2))
    assert not facts.linreg_loss_squared_residual().passed


def test_a_tanh_gradient_missing_the_chain_factor_is_caught(monkeypatch):
    from sim.tanh_regression import TanhReg

    def grads(self, theta, idx=None):
        _, a, x, y, t = self._unit(theta, idx)
        residual = a * t - y
        return np.stack([residual * a * x, residual * t], axis=-1)  # (1 − tanh²) forgotten

    monkeypatch.setattr(TanhReg, "example_grads", grads)
    assert not facts.tanh_gradient().passed


def test_level_lines_at_the_wrong_logit_are_caught(monkeypatch):
    from sim.geometry import clip_line

    def flipped(theta, bounds, levels=facts.LEVELS):
        return tuple(clip_line(theta, np.log(q / (1 - q)), bounds) for q in levels)

    monkeypatch.setattr(facts, "level_segments", flipped)
    assert not facts.logistic_level_sets_parallel().passed


def test_a_minimum_classified_wrongly_is_caught(monkeypatch):
    monkeypatch.setattr(facts, "classify", lambda problem, points: ("saddle",) * len(points))
    assert not facts.convex_local_minima_global().passed


def test_a_minimiser_reported_for_separable_classes_is_caught(monkeypatch):
    from sim.regression import LogReg

    monkeypatch.setattr(LogReg, "minima", lambda self: self._minimiser[None, :])
    with np.errstate(all="ignore"):
        assert not facts.convex_minimisers_set_or_none().passed


# The checks added to close mutation-testing gaps (README, "Mutation score of `verify`"):
# each fails on the mistake it was added for.


def test_a_field_left_unset_is_caught_not_dropped_by_max(monkeypatch):
    # a None field reads as NaN, which Python's max() drops unless it comes first
    import sim.logistic_geometry

    original = sim.logistic_geometry.example_step
    monkeypatch.setattr(facts, "example_step",
                        lambda *args: dataclasses.replace(original(*args), p=None))
    assert not facts.logistic_update_sign().passed
    assert facts._worst(0.0, float("nan"), 1.0) == np.inf


def test_a_semidefinite_hessian_called_a_minimum_is_caught(monkeypatch):
    def lenient(problem, points):
        eigenvalues = np.linalg.eigvalsh(problem.hessian(np.asarray(points, dtype=float)))
        return tuple("minimum" if low >= 0 else "maximum" if high < 0 else "saddle"
                     for low, high in np.atleast_2d(eigenvalues))

    monkeypatch.setattr(facts, "classify", lenient)
    assert not facts.convex_local_minima_global().passed


def test_newton_that_never_stops_is_caught(monkeypatch):
    def fifty_steps(problem, guesses, iterations=50):
        points = np.array(guesses, dtype=float)
        for _ in range(iterations):  # no stopping rule
            points = points - np.linalg.solve(problem.hessian(points),
                                              problem.grad(points)[..., None])[..., 0]
        return points

    monkeypatch.setattr(facts, "refine_critical_points", fifty_steps)
    assert not facts.convex_local_minima_global().passed


@pytest.mark.parametrize("defaults", [
    {"inverse-time": {"tau": 2.0}},  # max(2, N/10) for max(1, N/10)
    {"step-decay": {"every": 2, "factor": 0.5}},
    {"cosine": {"total": 1, "floor": 0.1}},
])
def test_a_wrong_schedule_default_is_caught(monkeypatch, defaults):
    import sim.schedules

    original = sim.schedules.schedule_defaults

    def changed(name, total):
        return dict(defaults[name]) if name in defaults and total <= 5 else original(name, total)

    monkeypatch.setattr(sim.schedules, "schedule_defaults", changed)
    assert not facts.lr_schedules_formulas().passed


def test_a_window_without_its_margin_is_caught(monkeypatch):
    import sim.logistic_geometry

    monkeypatch.setattr(facts, "window",
                        lambda points: sim.logistic_geometry.window(points, pad=0.0))
    assert not facts.logistic_boundary_perpendicular().passed


def test_bands_that_fall_short_of_their_overlap_are_caught(monkeypatch):
    import sim.logistic_geometry

    original = sim.logistic_geometry.probability_bands

    def short(theta, bounds, count=24, overlap=0.0):
        return original(theta, bounds, count, overlap / 2)

    monkeypatch.setattr(facts, "probability_bands", short)
    assert not facts.logistic_level_lines_drawn().passed


def test_a_walk_that_stops_early_is_caught(monkeypatch):
    import sim.gradient_geometry

    original = sim.gradient_geometry.trace_level_set

    def short(problem, through, spacing=0.02, max_points=5000):
        return original(problem, through, spacing, max_points=300)  # stops part way round

    monkeypatch.setattr(sim.gradient_geometry, "trace_level_set", short)
    assert not facts.gradient_perpendicular_to_level_set().passed


def test_a_divergence_reported_a_step_late_is_caught(monkeypatch):
    import sim.optimizers

    monkeypatch.setattr(sim.optimizers, "DIVERGENCE_FACTOR", 1e7)
    assert not facts.gd_convergence_threshold().passed


def test_a_mini_batch_gradient_over_every_example_is_caught(monkeypatch):
    from sim.tanh_regression import TanhReg

    grads = TanhReg.example_grads
    monkeypatch.setattr(TanhReg, "example_grads", lambda self, theta, idx=None: grads(self, theta))
    assert not facts.tanh_gradient().passed


def test_a_clip_that_drops_a_line_along_an_edge_is_caught(monkeypatch):
    import sim.geometry

    def strict(normal, offset, bounds, keep=()):
        segment = sim.geometry.clip_line(normal, offset, bounds, keep)
        (x0, x1), (y0, y1) = bounds
        on_edge = segment is not None and np.all(np.isin(segment[:, 1], (y0, y1)))
        return None if on_edge else segment  # a line lying on the window's edge is dropped

    monkeypatch.setattr(facts, "clip_line", strict)
    assert not facts.logistic_level_sets_parallel().passed


def test_a_hessian_of_a_batch_taken_at_its_first_theta_is_caught(monkeypatch):
    from sim.problems import DoubleWell

    hessian = DoubleWell.hessian
    monkeypatch.setattr(DoubleWell, "hessian", lambda self, theta: hessian(
        self, np.broadcast_to(np.reshape(theta, (-1, 2))[0], np.shape(theta))))
    assert not facts.strictly_convex_one_minimiser().passed


def test_critical_points_rounded_to_whole_numbers_are_caught(monkeypatch):
    from sim.convexity import Curve1D

    points = Curve1D.critical_points

    def rounded(self):
        xs, kinds = points(self)
        return np.round(xs), kinds

    monkeypatch.setattr(Curve1D, "critical_points", rounded)
    assert not facts.convex_local_minima_global().passed


def test_a_printed_formula_of_several_lines_is_caught(monkeypatch):
    monkeypatch.setattr(facts, "formula", lambda cls: cls.__doc__)
    assert not facts.lr_schedules_formulas().passed


def _run_with(monkeypatch, old: str, new: str) -> None:
    """Replace the optimizers' shared loop by its source with one statement changed."""
    import inspect

    import sim.optimizers

    source = inspect.getsource(sim.optimizers._run)
    assert old in source
    namespace = dict(vars(sim.optimizers))
    exec(source.replace(old, new), namespace)
    monkeypatch.setattr(sim.optimizers, "_run", namespace["_run"])


def test_an_ensemble_that_measures_all_members_together_is_caught(monkeypatch):
    _run_with(monkeypatch, "np.linalg.norm(new - reference[rows], axis=-1)",
              "np.linalg.norm(new - reference[rows])")  # one norm for all members
    assert not facts.minibatch_gradient_is_batch_mean().passed


def test_a_walk_that_does_not_shorten_its_steps_in_bends_is_caught(monkeypatch):
    import functools

    import sim.levels

    monkeypatch.setattr(sim.levels, "_walk", functools.partial(sim.levels._walk, max_turn=1.0))
    assert not facts.gradient_perpendicular_to_level_set().passed


def test_a_projection_that_never_stops_early_is_caught(monkeypatch):
    import sim.levels

    def fifty(problem, points, level, iterations=50):
        points = np.array(points, dtype=float)
        for _ in range(iterations):  # no stop once f = c
            g = problem.grad(points)
            points -= ((problem.value(points) - level) / np.sum(g * g, axis=-1))[..., None] * g
        return points

    monkeypatch.setattr(facts, "project_to_level", fifty)
    assert not facts.gradient_perpendicular_to_level_set().passed


def test_a_data_window_without_room_around_the_minimiser_is_caught(monkeypatch):
    from sim.regression import LinReg

    monkeypatch.setattr(LinReg, "bounds", property(lambda self: ((-1.0, 2.0), (-1.5, 0.5))))
    assert not facts.linreg_loss_squared_residual().passed


def test_gaussian_classes_that_keep_lists_are_caught(monkeypatch):
    from sim.multiclass import GaussianClasses

    original = GaussianClasses.__post_init__

    def keeps_lists(self):
        given = {"means": self.means, "cov": self.cov}
        original(self)
        for name, value in given.items():
            if isinstance(value, list):
                object.__setattr__(self, name, value)  # not turned into arrays

    monkeypatch.setattr(GaussianClasses, "__post_init__", keeps_lists)
    assert not facts.softmax_is_gaussian_posterior().passed


def test_a_saddle_reported_as_a_minimum_is_caught(monkeypatch):
    from sim.problems import Saddle

    monkeypatch.setattr(Saddle, "minima", lambda self: np.zeros((1, 2)))
    assert not facts.gd_convergence_threshold().passed
    monkeypatch.setattr(Saddle, "hessian", lambda self, theta: np.broadcast_to(
        np.diag([self.a, self.b]), np.shape(theta)[:-1] + (2, 2)).copy())  # sign of b lost
    assert not facts.convex_local_minima_global().passed


def test_a_start_in_whole_numbers_kept_as_integers_is_caught(monkeypatch):
    _run_with(monkeypatch, "starts = np.array(starts, dtype=float)", "starts = np.array(starts)")
    assert not facts.minibatch_gradient_is_batch_mean().passed


def test_a_two_point_trace_with_a_wrong_chord_is_caught(monkeypatch):
    import sim.levels

    tangents = sim.levels._curve_tangents

    def wrong_chord(points, closed):
        if len(points) >= 3:
            return tangents(points, closed)
        chord = points[-1] + points[0]  # a sum where the difference belongs
        return np.broadcast_to(chord / np.linalg.norm(chord), points.shape).copy()

    monkeypatch.setattr(sim.levels, "_curve_tangents", wrong_chord)
    assert not facts.gradient_perpendicular_to_level_set().passed


def test_the_wrong_limit_as_the_tanh_infimum_is_caught(monkeypatch):
    from sim.tanh_regression import TanhReg

    monkeypatch.setattr(TanhReg, "infimum", property(lambda self: self.limits[0]))  # on x
    assert not facts.tanh_gradient().passed


def test_a_one_point_trace_with_a_nan_tangent_is_caught(monkeypatch):
    trace_level_set = facts.trace_level_set

    def from_points_alone(problem, through, spacing=0.02, max_points=5000):
        trace = trace_level_set(problem, through, spacing, max_points)
        if len(trace.points) > 1:
            return trace
        return dataclasses.replace(trace, tangents=np.full((1, 2), np.nan))  # the old 0/0

    monkeypatch.setattr(facts, "trace_level_set", from_points_alone)
    assert not facts.gradient_perpendicular_to_level_set().passed


def test_a_three_point_trace_drawn_as_its_chord_is_caught(monkeypatch):
    import sim.levels

    tangents = sim.levels._curve_tangents

    def chord_up_to_three(points, closed):
        if len(points) > 3 or closed:
            return tangents(points, closed)
        chord = points[-1] - points[0]
        return np.broadcast_to(chord / np.linalg.norm(chord), points.shape).copy()

    monkeypatch.setattr(sim.levels, "_curve_tangents", chord_up_to_three)
    assert not facts.gradient_perpendicular_to_level_set().passed


def test_a_grid_whose_cell_ignores_a_tall_window_off_the_origin_is_caught(monkeypatch):
    import sim.logistic_geometry

    def grid(self, resolution=sim.logistic_geometry.RESOLUTION):
        (x0, x1), (y0, y1) = self.bounds
        cell = max(x1 - x0, y1 + y0) / (resolution - 1)  # a sum where the width belongs
        xs = np.linspace(x0, x1, round((x1 - x0) / cell) + 1)
        ys = np.linspace(y0, y1, round((y1 - y0) / cell) + 1)
        return xs, ys, self.value(np.stack(np.meshgrid(xs, ys), axis=-1))

    monkeypatch.setattr(sim.logistic_geometry.ProbabilityField, "grid", grid)
    assert not facts.logistic_level_lines_drawn().passed


def test_a_growing_batch_that_overflows_at_factor_two_or_less_is_caught(monkeypatch):
    def only_above_two(self, epoch, n):
        growths = epoch // self.every
        if self.factor > 2 and growths * np.log(self.factor) >= np.log(n / self.start):
            return n
        return min(n, int(self.start * self.factor**growths))  # OverflowError past 1e308

    monkeypatch.setattr(facts.GrowingBatch, "size", only_above_two)
    assert not facts.lr_schedules_formulas().passed


def test_a_trace_past_its_point_budget_is_caught(monkeypatch):
    trace_level_set = facts.trace_level_set

    def one_more(problem, through, spacing=0.02, max_points=5000):
        return trace_level_set(problem, through, spacing, max_points + 1)

    monkeypatch.setattr(facts, "trace_level_set", one_more)
    assert not facts.gradient_perpendicular_to_level_set().passed


def test_a_walk_that_closes_only_after_three_steps_away_is_caught(monkeypatch):
    import inspect

    import sim.levels

    source = inspect.getsource(sim.levels._walk)
    old = "farthest > 2.0 * spacing"
    assert old in source
    namespace = dict(vars(sim.levels))
    exec(source.replace(old, "farthest > 3.0 * spacing"), namespace)
    monkeypatch.setattr(sim.levels, "_walk", namespace["_walk"])
    assert not facts.gradient_perpendicular_to_level_set().passed


@pytest.mark.parametrize("ignored", ["samples", "chord_samples"])
def test_a_chord_picture_that_ignores_a_sample_count_is_caught(monkeypatch, ignored):
    chord_picture = facts.chord_picture

    def default_count(curve, theta1, theta2, **counts):
        counts.pop(ignored, None)
        return chord_picture(curve, theta1, theta2, **counts)

    monkeypatch.setattr(facts, "chord_picture", default_count)
    assert not facts.convexity_holds_for_convex().passed


def test_a_heading_lost_where_the_gradient_has_unit_length_is_caught(monkeypatch):
    import sim.levels

    heading = sim.levels._heading

    def lost_at_one(problem, point, sign):
        return None if np.linalg.norm(problem.grad(point)) == 1.0 else heading(problem, point, sign)

    monkeypatch.setattr(sim.levels, "_heading", lost_at_one)
    assert not facts.gradient_perpendicular_to_level_set().passed


def test_a_loss_curve_minimiser_found_to_scipy_s_default_tolerance_is_caught(monkeypatch):
    import sim.regression

    minimize_scalar = sim.regression.minimize_scalar

    def default_tolerance(fun, bounds, method, options):
        return minimize_scalar(fun, bounds=bounds, method=method)  # xatol 1e-5

    monkeypatch.setattr(sim.regression, "minimize_scalar", default_tolerance)
    assert not facts.linreg_loss_squared_residual().passed


def test_a_closed_trace_with_one_sided_tangents_at_its_seam_is_caught(monkeypatch):
    import sim.levels

    tangents = sim.levels._curve_tangents
    monkeypatch.setattr(sim.levels, "_curve_tangents",
                        lambda points, closed: tangents(points, False))  # as if it were open
    assert not facts.gradient_perpendicular_to_level_set().passed


def test_a_line_touching_a_corner_drawn_as_a_point_segment_is_caught(monkeypatch):
    clip_line = facts.clip_line

    def point_at_corner(normal, offset, bounds, keep=()):
        (x0, x1), (y0, y1) = bounds
        corner = np.array([x1, y1])
        if np.isclose(np.dot(normal, corner) + offset, 0.0) and clip_line(normal, offset,
                                                                         bounds) is None:
            return np.stack([corner, corner])  # low == high taken for a segment
        return clip_line(normal, offset, bounds, keep)

    monkeypatch.setattr(facts, "clip_line", point_at_corner)
    assert not facts.logistic_level_sets_parallel().passed


def test_a_walled_saddle_with_a_wrong_wall_is_caught(monkeypatch):
    import sim.problems

    monkeypatch.setattr(sim.problems.BoundedSaddle, "grad", lambda self, theta: np.stack(
        [self.a * theta[..., 0], -self.b * theta[..., 1] + 3.0 * self.quartic * theta[..., 1] ** 3],
        axis=-1))  # the Hessian's 3 in the gradient
    assert not facts.steepest_ascent_value().passed


def test_walled_saddle_minima_at_the_wrong_height_are_caught(monkeypatch):
    import sim.problems

    monkeypatch.setattr(sim.problems.BoundedSaddle, "critical_points", lambda self: np.array(
        [[0.0, -math.sqrt(self.quartic / self.b)], [0.0, 0.0],
         [0.0, math.sqrt(self.quartic / self.b)]]))  # √(q/b) for √(b/q)
    assert not facts.convex_local_minima_global().passed


@pytest.mark.parametrize("mistake", ["rows at the column spacing", "the minimum kept"])
def test_a_wrong_arrow_grid_is_caught(monkeypatch, mistake):
    from sim.gradient_geometry import GradientField

    def field(problem, columns=9, min_norm=1e-3):
        (x0, x1), (y0, y1) = problem.bounds
        spacing = (x1 - x0) / columns
        rows = round((y1 - y0) / spacing)
        step = spacing if mistake == "rows at the column spacing" else (y1 - y0) / rows
        xs = x0 + spacing * (np.arange(columns) + 0.5)
        points = np.stack(np.meshgrid(xs, y0 + step * (np.arange(rows) + 0.5)), -1).reshape(-1, 2)
        keep = np.linalg.norm(problem.grad(points), axis=1) >= (
            min_norm if mistake == "rows at the column spacing" else 0.0)
        return GradientField(points=points[keep], gradients=problem.grad(points[keep]),
                             spacing=spacing)

    monkeypatch.setattr(facts, "gradient_field", field)
    assert not facts.steepest_ascent_direction().passed


def test_a_theta_turned_clockwise_is_caught(monkeypatch):
    rotated = facts.rotated
    monkeypatch.setattr(facts, "rotated",
                        lambda theta, degrees: rotated(theta, -np.asarray(degrees)))
    assert not facts.logistic_fit_maximises_likelihood().passed
