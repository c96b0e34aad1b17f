"""The last frame of epoch-shuffle: the row reads as sim's permutation, ⌊n/b⌋ batches were used."""
import numpy as np
import pytest

from assets import catalogue
from sim.batching import epoch_plan


def reading(boxes):
    """(numbers, centres) of example boxes, left to right as they stand on screen."""
    centres = np.array([box.get_center() for box in boxes])
    order = np.argsort(centres[:, 0])
    return [int(boxes[k][1].tex_string) for k in order], centres[order]


@pytest.mark.parametrize("n, b, seed", [(18, 4, 0), (7, 3, 2), (6, 6, 5), (22, 2, 3)])
def test_final_order_is_the_permutation_and_one_update_per_batch(constructed, n, b, seed):
    scene, _ = constructed("epoch-shuffle", seed=seed, n=n, b=b)
    plan = epoch_plan(n, b, seed)
    numbers, centres = reading(scene.order)
    assert numbers == (plan.permutation + 1).tolist()
    np.testing.assert_allclose(centres[:, 1], centres[0, 1], atol=1e-9)  # one row, all landed
    assert np.all(np.diff(centres[:, 0]) > 0.9 * scene.order[0][0].width)  # no two overlap

    assert len(scene.consumed) == n // b == plan.updates
    assert scene.consumed == (plan.batches + 1).tolist()
    assert scene.counter.get_value() == n // b
    t_is, count, of_total = scene.readout  # "t = 11 of 11": the parts side by side, apart
    assert count.get_left()[0] - t_is.get_right()[0] > 0.1
    assert of_total.get_left()[0] - count.get_right()[0] > 0.1
    used = {i for batch in scene.consumed for i in batch}
    assert len(used) == (n // b) * b  # each example at most once
    assert sorted(set(range(1, n + 1)) - used) == sorted((plan.dropped + 1).tolist())
    assert len(plan.dropped) == n % b


def test_the_remainder_is_what_the_last_frame_highlights(constructed):
    scene, _ = constructed("epoch-shuffle", seed=1, n=11, b=4)
    plan = epoch_plan(11, 4, 1)
    highlight = scene.theme.highlight.lower()
    lit = [int(box[1].tex_string) for box in scene.order
           if box[1].get_color().to_hex().lower() == highlight]
    assert lit == (plan.dropped + 1).tolist() and len(lit) == 11 % 4


def test_scene_and_figure_share_their_defaults():
    figure, scene = catalogue.get("epoch-minibatches"), catalogue.get("epoch-shuffle")
    for name in ("n", "b"):
        assert figure.param(name).default == scene.param(name).default
        assert figure.param(name).bounds == scene.param(name).bounds


def test_the_last_frame_shows_every_number_in_full_ink_and_the_used_batches_filled(constructed):
    """The poster reads: used examples are filled in, not faded out (they were at 30 %)."""
    scene, _ = constructed("epoch-shuffle")
    plan = epoch_plan(18, 4, 0)
    assert all(glyph.get_fill_opacity() == 1.0
               for box in scene.order for glyph in box[1].family_members_with_points())
    used = scene.order[:plan.updates * plan.batch_size]
    assert all(box[0].get_stroke_opacity() == 1.0 and box[0].get_fill_opacity() >= 0.3
               for box in used)
