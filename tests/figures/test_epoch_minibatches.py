"""The batches drawn are sim's epoch plan: ⌊n/b⌋ of them, the n mod b remainder shown as dropped."""
import numpy as np
import pytest

from assets import jobs
from assets.errors import AssetError
from assets.figure_render import build, styled
from sim.batching import epoch_plan


def drawn(n, b, seed=0, aspect="16:9"):
    (job,) = jobs.plan(["epoch-minibatches"], sets=[f"n={n}", f"b={b}"], seed=seed, aspect=aspect)
    with styled(job):
        figure, _ = build(job)
    ax = figure.axes[0]
    cells = [t for t in ax.texts if (t.get_gid() or "").startswith(("index", "batch-", "dropped"))
             and not t.get_gid().endswith("-label")]
    return ax, cells


def labels(texts, gid):
    """The 1-based example numbers drawn with this gid, left to right."""
    chosen = sorted((t for t in texts if t.get_gid() == gid), key=lambda t: t.get_position()[0])
    return [int(t.get_text()) for t in chosen]


@pytest.mark.parametrize("n, b, seed", [(18, 4, 0), (22, 5, 3), (7, 7, 1), (10, 1, 2), (13, 6, 9)])
def test_the_drawn_batches_are_the_sims_and_the_remainder_is_dropped(n, b, seed):
    ax, texts = drawn(n, b, seed)
    plan = epoch_plan(n, b, seed)
    batch_gids = sorted({t.get_gid() for t in texts if t.get_gid().startswith("batch-")},
                        key=lambda g: int(g.split("-")[1]))
    assert len(batch_gids) == n // b == plan.updates
    for k, gid in enumerate(batch_gids):
        assert labels(texts, gid) == (plan.batches[k] + 1).tolist()
    assert labels(texts, "dropped") == (plan.dropped + 1).tolist()
    assert len(labels(texts, "dropped")) == n % b

    # each example at most once in the shuffled row, and every example once in index order
    shuffled = sum((labels(texts, g) for g in batch_gids), []) + labels(texts, "dropped")
    assert sorted(shuffled) == list(range(1, n + 1))
    assert labels(texts, "index") == list(range(1, n + 1))

    # the shuffled row reads, left to right, as the permutation
    row = sorted((t for t in texts if t.get_gid() != "index"), key=lambda t: t.get_position()[0])
    assert [int(t.get_text()) for t in row] == (plan.permutation + 1).tolist()

    # one bracket per update, and one for the remainder when there is one
    brackets = [line for line in ax.lines if line.get_gid() == "bracket"]
    assert len(brackets) == plan.updates
    assert len([line for line in ax.lines if line.get_gid() == "dropped-bracket"]) == (n % b > 0)


@pytest.mark.parametrize("n, b", [(18, 4), (21, 4), (3, 2), (22, 21)])
def test_each_shuffle_line_joins_an_example_to_its_place_in_the_permutation(n, b):
    ax, texts = drawn(n, b, aspect="4:3")
    plan = epoch_plan(n, b, 0)
    lines = [line for line in ax.lines if line.get_gid() == "shuffle"]
    index = {int(t.get_text()): t.get_position()[0] for t in texts if t.get_gid() == "index"}
    shuffled = {round(t.get_position()[0], 9): int(t.get_text())
                for t in texts if t.get_gid() != "index"}
    assert len(lines) == n
    for line in lines:
        (x_top, x_bottom) = line.get_xdata()
        example = shuffled[round(x_bottom, 9)]
        assert x_top == pytest.approx(index[example])
    assert sorted(shuffled.values()) == sorted((plan.permutation + 1).tolist())


@pytest.mark.parametrize("n, b, aspect", [(21, 4, "4:3"), (18, 4, "16:9"), (3, 2, "16:9"),
                                          (22, 21, "4:3"), (22, 3, "4:3"), (11, 1, "16:9")])
def test_bracket_labels_do_not_overlap_and_stay_on_the_page(n, b, aspect):
    ax, _ = drawn(n, b, aspect=aspect)
    figure = ax.figure
    figure.canvas.draw()  # lays out, so the words have their final extents
    words = [t for t in ax.texts if (t.get_gid() or "").endswith("bracket-label")]
    assert len(words) == n // b + (n % b > 0)
    boxes = [t.get_window_extent() for t in words]
    for i, first in enumerate(boxes):
        for second in boxes[i + 1:]:
            assert not first.overlaps(second)
    assert np.all([box.x1 <= figure.bbox.x1 and box.x0 >= 0 for box in boxes])


def test_a_batch_larger_than_the_data_is_a_user_error():
    with pytest.raises(AssetError, match="b=6 and n=5 break b <= n"):
        drawn(5, 6)
