"""The paths on screen are the sim trajectories, point for point, mapped through the axes."""
from types import SimpleNamespace

import numpy as np
import pytest

from scenes.sgd import trajectories


@pytest.mark.parametrize("surface, seed", [("quadratic", 0), ("double-well", 5)])
def test_drawn_paths_are_the_sim_trajectories(constructed, surface, seed):
    scene, job = constructed("gd-vs-sgd", seed=seed, surface=surface, steps=25)
    _, gd, sgd = trajectories(SimpleNamespace(**job.params), seed)
    for name, trajectory in (("gd", gd), ("sgd", sgd)):
        axes, path = scene.traces[name]
        corners = np.vstack([path.get_start_anchors(), path.get_end_anchors()[-1:]])
        np.testing.assert_allclose(corners, axes.coords_to_point(trajectory.iterates), atol=1e-9)
        assert len(corners) == 26
    assert not np.allclose(gd.iterates, sgd.iterates)  # the noise is really there
