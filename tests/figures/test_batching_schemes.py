"""The curves drawn are sim's mean excess losses, over updates and over examples seen."""
import numpy as np
import pytest

from assets import jobs
from assets.figure_render import build, styled
from sim.batching_schemes import SCHEMES, batching_schemes

SMALL = {"n": 48, "epochs": 4, "runs": 5, "batch": 2, "factor": 2.0}


def drawn(seed=0, **sets):
    (job,) = jobs.plan(["batching-schemes"], sets=[f"{k}={v}" for k, v in sets.items()],
                       seed=seed)
    with styled(job):
        figure, data = build(job)
    by_updates, by_examples = figure.axes
    curves = {ax: {line.get_gid(): line for line in ax.lines} for ax in figure.axes}
    return figure, job, data, (by_updates, by_examples), curves


@pytest.mark.parametrize("seed, sets", [(0, SMALL), (4, {**SMALL, "n": 37, "batch": 3,
                                                           "factor": 1.5})])
def test_the_curves_are_sims_losses_over_updates_and_examples_seen(seed, sets):
    _, job, _, (by_updates, by_examples), curves = drawn(seed, **sets)
    p = job.params
    sim = batching_schemes(n=p["n"], noise=p["noise"], lr=p["lr"], batch=p["batch"],
                           epochs=p["epochs"], factor=p["factor"], runs=p["runs"], seed=seed)
    for name in SCHEMES:
        run = sim.run(name)
        over_updates, over_examples = curves[by_updates][name], curves[by_examples][name]
        # the losses: the mean over the seeds of each run's L(θ_t), less L(θ*)
        expected = (run.excess + sim.optimum).mean(axis=0) - sim.optimum
        np.testing.assert_allclose(over_updates.get_ydata(), expected, rtol=1e-9)
        np.testing.assert_array_equal(over_examples.get_ydata(), over_updates.get_ydata())
        # x counts updates one by one, and examples as the cumulative batch sizes
        np.testing.assert_array_equal(over_updates.get_xdata(), np.arange(len(expected)))
        sizes = [0] + [int(b) for b in run.batch_sizes for _ in range(p["n"] // int(b))]
        np.testing.assert_array_equal(over_examples.get_xdata(), np.cumsum(sizes))


def test_the_loss_axis_is_logarithmic_and_shared():
    _, _, _, (by_updates, by_examples), _ = drawn(**SMALL)
    assert by_updates.get_yscale() == by_examples.get_yscale() == "log"
    assert by_updates.get_ylim() == by_examples.get_ylim()
    assert "updates" in by_updates.get_xlabel() and "examples" in by_examples.get_xlabel()


def test_the_legend_names_each_scheme_with_its_numbers():
    figure, *_ = drawn(**{**SMALL, "factor": 1.5, "lr": 0.05})
    (legend,) = figure.legends
    texts = [t.get_text() for t in legend.get_texts()]
    assert texts[0].startswith("constant step") and r"\epsilon = 0.05" in texts[0]
    assert "decaying step" in texts[1] and "1.5^" in texts[1]
    assert "growing batch" in texts[2] and r"\lfloor 2 \cdot 1.5^" in texts[2]
