"""Each scene's final frame at low quality (animations skipped: cheap) against a stored control.

After an intended visual change: ``make baselines``, look at tests/scenes/controls/, commit.
"""
from pathlib import Path

import pytest

from assets import jobs
from tests.conftest import SCENES

CONTROLS = Path(__file__).parent / "controls"


@pytest.mark.parametrize("asset_id", SCENES)
def test_final_frame_matches_control(asset_id, tmp_path, matches_reference):
    (job,) = jobs.plan([asset_id], formats=["png-poster"], quality="low", out=tmp_path)
    poster, _sidecar = jobs.run(job)
    matches_reference(poster, CONTROLS / f"{asset_id}.png", tol=3.0)
