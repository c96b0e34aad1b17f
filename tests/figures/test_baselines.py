"""Each figure's PNG against its stored baseline (light, 16:9), under a small RMS tolerance.

After an intended visual change: ``make baselines``, look at tests/figures/baseline/, commit.
"""
from pathlib import Path

import pytest

from assets import jobs
from tests.conftest import FIGURES

BASELINES = Path(__file__).parent / "baseline"


@pytest.mark.parametrize("asset_id", FIGURES)
def test_figure_matches_baseline(asset_id, tmp_path, matches_reference):
    (job,) = jobs.plan([asset_id], formats=["png"], out=tmp_path)
    png, _sidecar = jobs.run(job)
    matches_reference(png, BASELINES / f"{asset_id}.png", tol=2.0)
