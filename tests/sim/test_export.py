"""``cli.py path`` from the library side: output shape, determinism, and every bad input."""
import csv
import io
import json

import numpy as np
import pytest

from sim.errors import SimError
from sim.export import CSV_HEADER, DEFINITIONS, LOSS_MEANING, export_path, parse_assignments
from sim.optimizers import DIVERGENCE_FACTOR
from sim.registry import make_problem
from sim.regression import LinReg
from sim.schedules import SCHEDULE_HELP


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_one_row_per_iterate():
    result = export_path("quadratic", {"angle": "30"}, lr=0.1, steps=7)
    lines = result.text.splitlines()
    assert lines[0] == CSV_HEADER == "step,epoch,lr,loss,theta1,theta2"
    table = rows(result.text)
    assert len(table) == 8 and [int(r["step"]) for r in table] == list(range(8))
    assert table[0]["lr"] == "" and table[0]["epoch"] == "0"
    assert (float(table[0]["theta1"]), float(table[0]["theta2"])) == (-1.8, 1.0)  # default start
    path = result.trajectory.iterates
    assert [float(r["theta1"]) for r in table] == path[:, 0].tolist()  # repr precision round-trips
    assert result.text.endswith("\n") and result.warnings == ()


def test_json_for_a_data_problem_holds_data_settings_and_batches():
    result = export_path("linreg", {"n": "10", "noise": 0.2}, optimizer="minibatch", lr=0.1,
                         epochs=2, batch_size=3, seed=4, start="0.5,-0.5",
                         lr_schedule="inverse-time:tau=3", fmt="json")
    doc = json.loads(result.text)
    assert list(doc) == ["definitions", "problem", "optimizer", "data", "steps", "diverged",
                         "diverged_at", "warnings"]
    assert doc["problem"] == {"name": "linreg", "params": {"n": 10, "noise": 0.2, "seed": 0}}
    optimizer = doc["optimizer"]
    assert optimizer["name"] == "minibatch" and optimizer["batch_size"] == 3 and optimizer["seed"] == 4
    assert optimizer["epochs"] == 2 and optimizer["updates"] == 6 and optimizer["steps"] is None
    assert optimizer["start"] == [0.5, -0.5]
    assert optimizer["lr_schedule"] == {"name": "inverse-time", "lr": 0.1, "tau": 3.0}
    problem = LinReg(n=10, noise=0.2)
    np.testing.assert_array_equal(doc["data"]["X"], problem.X)
    np.testing.assert_array_equal(doc["data"]["y"], problem.y)
    steps = doc["steps"]
    assert len(steps) == 1 + 2 * 3
    assert steps[0] == {"step": 0, "epoch": 0, "lr": None, "loss": steps[0]["loss"],
                        "theta": [0.5, -0.5], "batch": []}
    assert [s["epoch"] for s in steps] == [0, 1, 1, 1, 2, 2, 2]
    assert all(len(s["batch"]) == 3 for s in steps[1:])
    assert len(set(sum((s["batch"] for s in steps[1:4]), []))) == 9  # one epoch, no repeats
    np.testing.assert_allclose([s["lr"] for s in steps[1:]], 0.1 / (1 + np.arange(6) / 3))
    # the batch of step k produced iterate k from iterate k-1
    k = 2
    theta = np.array(steps[k - 1]["theta"])
    expected = theta - steps[k]["lr"] * problem.batch_grad(theta, np.array(steps[k]["batch"]))
    np.testing.assert_allclose(steps[k]["theta"], expected, rtol=1e-15)
    assert doc["diverged"] is False and doc["diverged_at"] is None


def test_json_for_a_surface_has_no_data_and_records_noise():
    doc = json.loads(export_path("double-well", optimizer="sgd", noise=0.5, lr=0.05, steps=5,
                                 seed=2, fmt="json").text)
    assert "data" not in doc
    assert doc["optimizer"]["noise"] == 0.5 and doc["optimizer"]["steps"] == 5
    assert doc["optimizer"]["epochs"] is None and doc["optimizer"]["batch_size"] is None
    assert all(s["batch"] == [] for s in doc["steps"])


def test_gd_and_sgd_on_data_count_updates_per_epoch():
    gd = json.loads(export_path("logreg", {"n": 20}, lr=0.5, epochs=3, fmt="json").text)
    assert len(gd["steps"]) == 4 and all(s["batch"] == list(range(20)) for s in gd["steps"][1:])
    assert gd["optimizer"]["seed"] is None and gd["optimizer"]["batch_size"] == 20
    sgd = rows(export_path("logreg", {"n": 20}, optimizer="sgd", lr=0.5, epochs=3).text)
    assert len(sgd) == 1 + 3 * 20 and sgd[-1]["epoch"] == "3"


def test_output_is_deterministic():
    settings = dict(optimizer="minibatch", lr=0.05, epochs=3, batch_size=7, seed=9,
                    lr_schedule="cosine")
    for fmt in ("csv", "json"):
        first = export_path("logreg", {"n": "50"}, fmt=fmt, **settings).text
        assert first == export_path("logreg", {"n": 50}, fmt=fmt, **settings).text
    assert (export_path("logreg", optimizer="sgd", lr=0.1, epochs=1, seed=1).text
            != export_path("logreg", optimizer="sgd", lr=0.1, epochs=1, seed=2).text)


def test_divergence_and_the_threshold_reach_the_output():
    result = export_path("quadratic", lr=0.3, steps=500, fmt="json")
    doc = json.loads(result.text)
    assert doc["diverged"] is True and doc["diverged_at"] == len(doc["steps"])
    assert any("2/λ_max = 0.2" in w for w in result.warnings)
    assert doc["warnings"] == list(result.warnings)
    assert all(np.isfinite(s["loss"]) for s in doc["steps"])


def test_json_says_what_loss_and_diverged_mean():
    surface = json.loads(export_path("quadratic", lr=0.1, steps=3, fmt="json").text)
    assert surface["definitions"] == {"loss": LOSS_MEANING["surface"], **DEFINITIONS}
    data = json.loads(export_path("linreg", {"n": 12}, lr=0.1, epochs=2, fmt="json").text)
    assert data["definitions"]["loss"].startswith("the mean over the n examples")
    assert f"10^{round(np.log10(DIVERGENCE_FACTOR))} ×" in DEFINITIONS["diverged"]
    problem = make_problem("linreg", {"n": 12})
    for step in data["steps"]:  # the exported loss is the mean, not the lecture's sum
        losses = problem.example_losses(np.array(step["theta"]))
        assert step["loss"] == pytest.approx(losses.mean(), rel=1e-12)
        assert step["loss"] != pytest.approx(losses.sum())


def test_csv_stays_plain_rows_under_its_header():
    """The meanings live in the JSON and in path --help: no comment line a CSV reader trips on."""
    text = export_path("logreg", {"n": 8}, lr=0.5, epochs=2).text
    assert text.startswith(CSV_HEADER + "\n") and not any(line.startswith("#")
                                                           for line in text.splitlines())


def test_cosine_floor_zero_warns_when_the_path_freezes():
    result = export_path("quadratic", lr=0.1, steps=100, lr_schedule="cosine:total=50",
                         fmt="json")
    (warning,) = result.warnings
    assert "step size is 0 from update t = 50" in warning and "floor > 0" in warning
    doc = json.loads(result.text)
    assert doc["warnings"] == [warning]
    assert [s["theta"] for s in doc["steps"][51:]] == [doc["steps"][50]["theta"]] * 50  # frozen


@pytest.mark.parametrize("schedule", ["constant", "cosine", "cosine:total=50,floor=0.001",
                                      "inverse-time:tau=0.001", "step-decay:factor=0.01"])
def test_a_schedule_that_keeps_a_positive_step_does_not_warn(schedule):
    assert export_path("quadratic", lr=0.1, steps=100, lr_schedule=schedule).warnings == ()


def test_a_step_decay_that_underflows_to_zero_warns():
    result = export_path("linreg", lr=0.1, epochs=5, lr_schedule="step-decay:every=1,factor=1e-300")
    assert any("step size is 0 from update t = 2" in w and "underflowed" in w
               for w in result.warnings)


def test_path_help_gives_every_formula_and_what_the_numbers_mean():
    from click.testing import CliRunner

    from cli import cli
    result = CliRunner().invoke(cli, ["path", "--help"], terminal_width=80)
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert " ".join(SCHEDULE_HELP.split()) in text
    assert "the loss is the mean over the n examples" in text
    assert f"10^{round(np.log10(DIVERGENCE_FACTOR))} × the start's distance" in text


def test_parse_assignments():
    assert parse_assignments(["n=200", " seed = 3 "]) == {"n": "200", "seed": "3"}
    with pytest.raises(SimError, match="KEY=VALUE"):
        parse_assignments(["n200"])
    with pytest.raises(SimError, match="twice"):
        parse_assignments(["n=1", "n=2"])


BAD = [
    (dict(problem="valley", lr=0.1), "unknown problem 'valley'; choose one of: quadratic, saddle"),
    (dict(problem="quadratic", params={"c": "1"}, lr=0.1), "unknown parameter 'c' for quadratic; valid: a, b, angle"),
    (dict(problem="himmelblau", params={"a": 1}, lr=0.1), "takes no parameters"),
    (dict(problem="quadratic", params={"a": "one"}, lr=0.1), "parameter a must be a number"),
    (dict(problem="quadratic", params={"a": "nan"}, lr=0.1), "finite"),
    (dict(problem="linreg", params={"n": "2.5"}, lr=0.1), "n must be a whole number"),
    (dict(problem="quadratic", params={"b": "-2"}, lr=0.1), "b must be a positive number"),
    (dict(problem="quadratic"), "missing --lr"),
    (dict(problem="quadratic", lr=0), "--lr must be positive"),
    (dict(problem="quadratic", lr=-0.1), "--lr must be positive"),
    (dict(problem="quadratic", lr="fast"), "--lr must be a number"),
    (dict(problem="quadratic", lr=0.1, optimizer="adam"), "unknown optimizer 'adam'; choose one of: gd, sgd, minibatch"),
    (dict(problem="quadratic", lr=0.1, fmt="xml"), "unknown format 'xml'; choose one of: csv, json"),
    (dict(problem="quadratic", lr=0.1, steps=0), "--steps must be at least 1"),
    (dict(problem="quadratic", lr=0.1, steps=2.5), "--steps must be a whole number"),
    (dict(problem="quadratic", lr=0.1, epochs=3), "no epochs; use --steps"),
    (dict(problem="linreg", lr=0.1, steps=3), "--epochs N, not --steps"),
    (dict(problem="linreg", lr=0.1, epochs=0), "--epochs must be at least 1"),
    (dict(problem="linreg", lr=0.1, optimizer="minibatch"), "needs --batch-size"),
    (dict(problem="linreg", lr=0.1, optimizer="minibatch", batch_size=101), "larger than the data set (n=100)"),
    (dict(problem="linreg", lr=0.1, optimizer="minibatch", batch_size=0), "--batch-size must be at least 1"),
    (dict(problem="linreg", lr=0.1, optimizer="sgd", batch_size=5), "sgd uses batches of 1"),
    (dict(problem="linreg", lr=0.1, noise=0.3), "--noise applies to analytic surfaces only"),
    (dict(problem="quadratic", lr=0.1, optimizer="minibatch", batch_size=4), "no examples to batch"),
    (dict(problem="quadratic", lr=0.1, optimizer="sgd"), "give --noise"),
    (dict(problem="quadratic", lr=0.1, optimizer="sgd", noise=-1), "--noise must be positive"),
    (dict(problem="quadratic", lr=0.1, noise=0.5), "use --optimizer sgd --noise"),
    (dict(problem="quadratic", lr=0.1, start=(1.0,)), "--start needs 2 coordinates"),
    (dict(problem="quadratic", lr=0.1, start="1,2,3"), "--start needs 2 coordinates"),
    (dict(problem="quadratic", lr=0.1, start="1,x"), "--start coordinate must be a number"),
    (dict(problem="linreg", lr=0.1, optimizer="sgd", epochs=1, seed=-1), "--seed must be ≥ 0"),
    (dict(problem="linreg", lr=0.1, optimizer="sgd", epochs=1, seed="a"), "--seed must be a number"),
    (dict(problem="quadratic", lr=0.1, lr_schedule="warmup"), "unknown lr schedule 'warmup'"),
    (dict(problem="quadratic", lr=0.1, lr_schedule="step-decay:gamma=2"), "key one of: every, factor"),
    (dict(problem="linreg", lr=0.1, optimizer="sgd", epochs=20_000), "more than the limit"),
    (dict(problem="rosenbrock", lr=0.1, start=(1e200, 1e200)), "not finite"),
]


@pytest.mark.parametrize("kwargs,message", BAD, ids=[m for _, m in BAD])
def test_bad_input_is_one_line_saying_what_and_how(kwargs, message):
    with pytest.raises(SimError) as error:
        export_path(**kwargs)
    text = str(error.value)
    assert message in text
    assert "\n" not in text
