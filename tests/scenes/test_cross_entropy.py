"""The last frame's bars are sim's logits, softmax and gradient after the gradient steps."""
import numpy as np
import pytest

from assets import catalogue
from sim.multiclass import cross_entropy, cross_entropy_grad, softmax
from tests.scenes.test_convexity import at_opening

SETTINGS = [{}, {"z1": -1.0, "z2": 0.5, "z3": 3.0, "z4": 1.0, "label": 4, "lr": 0.4, "steps": 7,
                 "slow": 0}]


def independent_descent(z, y, lr, steps):
    """z ← z − ε (softmax(z) − onehot(y)), written out here, apart from sim.logit_descent."""
    z = np.array(z, dtype=float)
    for _ in range(steps):
        z = z - lr * (softmax(z) - np.eye(len(z))[y])
    return z


def drawn_values(scene, name):
    """Bar heights read back from the screen: each bar's (k + w/2, value) corner, via its axes."""
    axes, bars = scene.bars[name]
    return np.array([axes.p2c(bar.get_vertices()[2])[1] for bar in bars])


@pytest.mark.parametrize("sets", SETTINGS)
def test_last_frame_bars_are_sims_softmax_and_gradient_at_the_final_logits(constructed, sets):
    scene, job = constructed("cross-entropy-bars", **sets)
    p = job.params
    z0, y = np.array([p["z1"], p["z2"], p["z3"], p["z4"]]), p["label"] - 1
    z = independent_descent(z0, y, p["lr"], p["steps"])
    np.testing.assert_allclose(drawn_values(scene, "logits"), z, atol=1e-9)
    np.testing.assert_allclose(drawn_values(scene, "softmax"), softmax(z), atol=1e-9)
    gradient = drawn_values(scene, "gradient")
    np.testing.assert_allclose(gradient, cross_entropy_grad(z, y), atol=1e-9)
    assert abs(gradient.sum()) < 1e-9
    assert scene.readouts["t"].get_value() == p["steps"]
    assert scene.readouts["L"].get_value() == pytest.approx(cross_entropy(z, y), abs=1e-12)
    # the true logit was pulled up, every other one pushed down
    moved = drawn_values(scene, "logits") - z0
    assert moved[y] > 0 and np.all(np.delete(moved, y) < 0)


def test_the_sum_readout_is_sims_and_the_arrow_legend_lives_as_long_as_the_arrows(constructed):
    scene, job = constructed("cross-entropy-bars")
    total = scene.readouts["sum"]
    assert total.get_value() == pytest.approx(drawn_values(scene, "gradient").sum(), abs=1e-12)
    assert total._get_num_string(total.get_value()) == "0.000"  # what the viewer reads
    states = scene.compute(scene.params, scene.seed)
    for t, arrows_shown in ((0.0, True), (float(job.params["steps"]), False)):
        scene.point_steps(scene.arrows, states, t)
        shown = [arrow.get_stroke_opacity() > 0.5 for arrow in scene.arrows]
        assert any(shown) == arrows_shown
        assert (scene.legend.get_fill_opacity() > 0.5) == arrows_shown


def test_scene_starts_where_the_figure_stands():
    figure, scene = catalogue.get("cross-entropy-softmax"), catalogue.get("cross-entropy-bars")
    shared = ("z1", "z2", "z3", "z4", "label")
    assert [figure.param(n).default for n in shared] == [scene.param(n).default for n in shared]


def test_the_first_frame_shows_the_starting_logits_and_their_softmax(constructed, monkeypatch):
    """The video opens on the bars at z_0, not on empty charts; the gradient chart comes later,
    whole, with its bars."""
    def shown(scene):
        family = {id(m) for m in scene.get_mobject_family_members()}
        return {name: drawn_values(scene, name) if all(
                    id(bar) in family and bar.get_fill_opacity() > 0.5 for bar in bars)
                else None for name, (axes, bars) in scene.bars.items()
                if id(axes) in family}

    seen = at_opening(monkeypatch, shown)
    _, job = constructed("cross-entropy-bars")
    p = job.params
    z0 = np.array([p["z1"], p["z2"], p["z3"], p["z4"]])
    (opening,) = seen
    assert set(opening) == {"logits", "softmax"}
    np.testing.assert_allclose(opening["logits"], z0, atol=1e-9)
    np.testing.assert_allclose(opening["softmax"], softmax(z0), atol=1e-9)
