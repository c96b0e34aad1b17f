"""Level-set traces: a trace that leaves the plot before its first step."""
import warnings

import numpy as np

from sim.levels import trace_level_set
from sim.problems import Quadratic


def test_a_one_point_trace_has_a_unit_tangent_along_the_level_set():
    tiny = Quadratic(1.0, 10.0, angle=30.0, bounds=((0.999, 1.001), (0.299, 0.301)))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the old 0/0 warned and gave NaN
        trace = trace_level_set(tiny, (1.0, 0.3))
    assert trace.points.shape == trace.tangents.shape == (1, 2) and not trace.closed
    tangent, gradient = trace.tangents[0], tiny.grad(trace.points[0])
    assert np.isclose(np.linalg.norm(tangent), 1.0)
    assert abs(tangent @ gradient) < 1e-12 * np.linalg.norm(gradient)
    assert tangent[1] * gradient[0] - tangent[0] * gradient[1] > 0  # higher f on the right
