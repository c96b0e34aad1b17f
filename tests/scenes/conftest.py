"""Scenes constructed in this process (last frame only, animations skipped) for data-level checks,
and full low-quality videos rendered once per session."""
import pytest

from assets import jobs, scene_render, scene_worker
from scenes._base import LectureScene

TIMELINE_STEP = 0.1  # seconds between samples of a recorded timeline


@pytest.fixture
def constructed(tmp_path):
    """``constructed(ID, name=value, ...)`` → (scene, job): the scene after building its last
    frame."""

    def build(asset_id, seed=0, **params):
        (job,) = jobs.plan([asset_id], sets=[f"{k}={v}" for k, v in params.items()],
                           seed=seed, quality="low", formats=["png-poster"], out=tmp_path)
        spec = scene_render.worker_spec(job, tmp_path / "media")
        return scene_worker.rendered(spec), job

    return build


@pytest.fixture(scope="session")
def recorded(tmp_path_factory):
    """``recorded(ID, aspect)`` → the scene at its defaults, built with ``scene.timeline``
    recorded (animations skipped, stepped every TIMELINE_STEP s); built once per session, all
    in one output folder so that they share its TeX cache."""
    scenes, out = {}, tmp_path_factory.mktemp("recorded")

    def build(asset_id, aspect="16:9"):
        if (asset_id, aspect) not in scenes:
            (job,) = jobs.plan([asset_id], quality="low", formats=["png-poster"], aspect=aspect,
                               out=out)
            media = out / f"{job.stem}.media"
            LectureScene.timeline_step = TIMELINE_STEP
            try:
                scenes[asset_id, aspect] = scene_worker.rendered(
                    scene_render.worker_spec(job, media))
            finally:
                LectureScene.timeline_step = None
        return scenes[asset_id, aspect]

    return build


@pytest.fixture(scope="session")
def low_quality_video(tmp_path_factory):
    """``low_quality_video(ID)`` → (mp4 path, sidecar path): the scene rendered at low quality
    with its defaults and formats (MP4 and poster), once per session and ID (one output folder:
    one TeX cache)."""
    videos, out = {}, tmp_path_factory.mktemp("videos")

    def render(asset_id):
        if asset_id not in videos:
            (job,) = jobs.plan([asset_id], quality="low", out=out)
            files = jobs.run(job, out)
            videos[asset_id] = (next(f for f in files if f.suffix == ".mp4"),
                                next(f for f in files if f.suffix == ".json"))
        return videos[asset_id]

    return render
