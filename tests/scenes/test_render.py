"""Full low-quality renders: the video decodes, and holds exactly the frames the scene played."""
import json

import av
import numpy as np
import pytest
from PIL import Image

from assets import options
from tests.conftest import SCENES


@pytest.mark.slow
@pytest.mark.parametrize("asset_id", SCENES)
def test_low_quality_render_matches_what_the_scene_played(asset_id, low_quality_video):
    video, sidecar = low_quality_video(asset_id)
    played = json.loads(sidecar.read_text())
    height, fps = options.QUALITIES["low"]

    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "h264"
        frames = [f.to_ndarray(format="rgb24") for f in container.decode(stream)]
        duration = float(stream.duration * stream.time_base)
    assert played["fps"] == fps and played["frames"] > 0
    assert len(frames) == played["frames"]
    assert duration == pytest.approx(played["duration"], abs=1.0 / fps)
    assert frames[-1].shape == (height, options.pixel_size("low", "16:9")[0], 3)
    assert played["sections"], "story steps are marked with next_section"

    # the poster is the last frame (up to H.264's loss)
    poster = np.asarray(Image.open(video.with_suffix(".png")).convert("RGB"), dtype=float)
    assert poster.shape == frames[-1].shape
    assert np.abs(poster - frames[-1]).mean() < 3.0
    assert np.abs(poster - frames[0]).mean() > np.abs(poster - frames[-1]).mean()


@pytest.mark.slow
def test_a_frame_sequence_holds_every_pause_for_its_whole_length(runner, cli, tmp_path):
    # LaTeX's animate package plays the frames at a fixed rate: a pause written once would vanish
    asset_id, fps = "level-set-walk", 4
    result = runner.invoke(cli, ["render", asset_id, "--quality", "low", "--fps", str(fps),
                                 "--format", "png-sequence", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output + result.stderr
    played = json.loads((tmp_path / f"{asset_id}.json").read_text())
    frames = sorted((tmp_path / f"{asset_id}-frames").glob("*.png"))
    assert len(frames) == played["frames"] == round(played["duration"] * fps)
