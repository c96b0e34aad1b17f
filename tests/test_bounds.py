"""Every parameter inside its declared bounds renders: the sim step of every asset and every
``path`` problem, over the bounds' corners and random interior points with seeds, returns finite
numbers or raises the project's one-line error (SimError, AssetError); never anything else.

Only the compute step runs (figures' ``compute``, scenes' ``compute``), not the drawing, and the
parameters that only set how long a run is (epochs, cloud members, averaged runs) are capped in
the random draws, so the whole file stays within seconds; their upper corners run once each.
"""
from __future__ import annotations

import dataclasses
import importlib
import json
import math
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assets import catalogue, jobs
from assets.errors import AssetError
from sim.errors import SimError
from sim.export import export_path
from sim.registry import DATA_PROBLEMS, PROBLEMS, parameters

ASSETS = list(catalogue.catalogue().values())
CAPS = {"epochs": 6, "members": 30, "runs": 10, "steps": 120}  # run length only, in random draws
SLOW_CORNERS = {"gd-sgd-minibatch": {"epochs": 10}}  # 200 epochs of 1000 examples: 40 s


def compute_step(asset):
    module = importlib.import_module(asset.module)
    return module.compute if asset.cls is None else getattr(module, asset.cls).compute


def finite(value, seen=None) -> None:
    """Every number reachable from ``value`` (dataclasses, containers, arrays) is finite; NaN only
    where sim documents it: past the end of a run that stopped, and as the step size of step 0."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, (bool, str, type(None))):
        return
    if isinstance(value, (int, float, np.number)):
        assert math.isfinite(value), value
    elif isinstance(value, np.ndarray):
        if value.dtype.kind in "fc":
            assert np.all(np.isfinite(value)), value
    elif dataclasses.is_dataclass(value):
        if getattr(value, "diverged", None) is True:  # a stopped run: NaN after its last iterate
            return
        for f in dataclasses.fields(value):
            field = getattr(value, f.name)
            finite(field[1:] if f.name == "lrs" else field, seen)
    elif isinstance(value, dict):
        for item in value.values():
            finite(item, seen)
    elif isinstance(value, (tuple, list)):
        for item in value:
            finite(item, seen)


def check(asset, values: dict, seed: int) -> None:
    """Plan the job (declared bounds and rules), then compute: finite, or a one-line error."""
    try:
        (job,) = jobs.plan([asset.id], sets=[f"{k}={v}" for k, v in values.items()], seed=seed)
        finite(compute_step(asset)(SimpleNamespace(**job.params), job.seed))
    except (SimError, AssetError) as err:
        assert "\n" not in str(err) and str(err), repr(err)


def value_strategy(param, cap=True):
    if param.choices:
        return st.sampled_from(param.choices)
    if param.type is bool:
        return st.booleans()
    low, high = param.bounds
    if cap and param.name in CAPS:
        high = min(high, CAPS[param.name])
    if param.type is int:
        return st.integers(int(low), int(high))
    return st.floats(low, high, allow_nan=False)


def corner(asset, high: bool) -> dict:
    values = {}
    for p in asset.params:
        if p.choices:
            values[p.name] = p.choices[-1 if high else 0]
        elif p.type is bool:
            values[p.name] = high
        else:
            values[p.name] = p.bounds[1 if high else 0]
    return {**values, **(SLOW_CORNERS.get(asset.id, {}) if high else {})}


@pytest.mark.parametrize("high", [False, True], ids=["low", "high"])
@pytest.mark.parametrize("asset", ASSETS, ids=lambda a: a.id)
def test_every_corner_computes_or_says_why_in_one_line(asset, high):
    check(asset, corner(asset, high), seed=0)


@pytest.mark.parametrize("asset", ASSETS, ids=lambda a: a.id)
def test_random_points_inside_the_bounds_compute_or_say_why_in_one_line(asset):
    strategy = st.fixed_dictionaries({p.name: value_strategy(p) for p in asset.params})

    @settings(max_examples=12, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(values=strategy, seed=st.integers(0, 2**31 - 1))
    def run(values, seed):
        check(asset, values, seed)

    run()


# The failing inputs this test class stands for, kept as explicit examples.
@pytest.mark.parametrize("asset_id, values, seed", [
    ("gd-sgd-minibatch", {"n": 10, "noise": 3.0}, 3),  # tanh loss without a minimiser
    ("logistic-gradient-step", {"start_x": 0.0, "start_y": 0.0}, 0),  # θ = 0 has no boundary
    ("logistic-sgd", {"start_x": 0.0, "start_y": 0.0}, 0),
])
def test_the_issues_inputs_compute(asset_id, values, seed):
    asset = catalogue.get(asset_id)
    (job,) = jobs.plan([asset_id], sets=[f"{k}={v}" for k, v in values.items()], seed=seed)
    finite(compute_step(asset)(SimpleNamespace(**job.params), seed))


def problem_strategy(name):
    """Values across each parameter's valid range (data problems: n up to 300 for speed)."""
    known = parameters(name)
    ranges = {"n": st.integers(3 if name != "tanh" else 2, 300), "seed": st.integers(0, 2**31 - 1),
              "noise": st.floats(0.0, 5.0), "separation": st.floats(0.0, 5.0),
              "angle": st.floats(-720.0, 720.0), "a": st.floats(1e-3, 100.0),
              "b": st.floats(1e-3, 100.0), "quartic": st.floats(1e-3, 100.0),
              "tilt": st.floats(-1.5, 1.5)}
    return st.fixed_dictionaries({k: ranges[k] for k in known})


@pytest.mark.parametrize("name", list(PROBLEMS))
def test_every_path_problem_exports_finite_numbers_or_says_why_in_one_line(name):
    optimizers = ("gd", "sgd", "minibatch") if name in DATA_PROBLEMS else ("gd",)

    @settings(max_examples=15, deadline=None, derandomize=True, database=None)
    @given(params=problem_strategy(name), optimizer=st.sampled_from(optimizers),
           lr=st.floats(1e-4, 2.0), seed=st.integers(0, 2**31 - 1))
    def run(params, optimizer, lr, seed):
        counts = {"epochs": 2} if name in DATA_PROBLEMS else {"steps": 30}
        batch = {"batch_size": 2} if optimizer == "minibatch" else {}
        try:
            exported = export_path(name, params, optimizer=optimizer, lr=lr, seed=seed,
                                   fmt="json", **counts, **batch)
        except SimError as err:
            assert "\n" not in str(err) and str(err), repr(err)
            return
        document = json.loads(exported.text, parse_constant=lambda c: pytest.fail(c))
        assert all(math.isfinite(s["loss"]) for s in document["steps"])

    run()


def test_the_issues_tanh_path_exports():
    exported = export_path("tanh", {"n": "5", "seed": "29865", "noise": "2.81"}, lr=0.001,
                           epochs=3, fmt="csv")
    rows = [line.split(",") for line in exported.text.splitlines()[1:]]
    assert len(rows) == 4 and all(math.isfinite(float(v)) for row in rows for v in row[3:])


@pytest.mark.parametrize("asset_id, sets, named", [
    ("gd-sgd-minibatch", ["batch_size=60"], "batch_size=60 and n=50"),  # the issue's b > n
    ("loss-as-sum", ["theta_min=3", "theta_max=-1"], "theta_min=3 and theta_max=-1"),
    ("epoch-shuffle", ["n=5", "b=6"], "b=6 and n=5"),
    ("convexity-chord", ["theta1=1", "theta2=1"], "theta1=1 and theta2=1"),  # one of our own
])
def test_rules_between_parameters_fail_the_plan_before_anything_renders(asset_id, sets, named,
                                                                         runner, cli, tmp_path):
    with pytest.raises(AssetError, match=named):
        jobs.plan([asset_id], sets=sets)
    result = runner.invoke(cli, ["render", asset_id, "--out", str(tmp_path / "out"),
                                 *(a for s in sets for a in ("--set", s))])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert named in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_a_rule_naming_no_parameter_is_a_catalogue_error(tmp_path):
    from assets.errors import CatalogueError

    source = catalogue.ROOT / "figures" / "loss_as_sum.py"
    asset = catalogue.FigureAsset(id="x", title="", slide="", caption="", alt="",
                                  params=catalogue.get("loss-as-sum").params,
                                  rules=(catalogue.Rule("theta_min", "<", "thetamax", "typo"),))
    with pytest.raises(CatalogueError, match="thetamax"):
        catalogue._checked_rules(asset, source, 1)
