"""Scenes constructed in this process (last frame only, animations skipped) for data-level checks."""
import pytest

from assets import jobs, scene_render, scene_worker


@pytest.fixture
def constructed(tmp_path):
    """``constructed(ID, name=value, ...)`` → (scene, job): the scene after building its last frame."""

    def build(asset_id, seed=0, **params):
        (job,) = jobs.plan([asset_id], sets=[f"{k}={v}" for k, v in params.items()],
                           seed=seed, quality="low", formats=["png-poster"], out=tmp_path)
        spec = scene_render.worker_spec(job, tmp_path / "media")
        return scene_worker.rendered(spec, "png"), job

    return build
