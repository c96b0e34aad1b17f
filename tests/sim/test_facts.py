"""Every lecture fact holds, and the checks are able to fail."""
import dataclasses

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
