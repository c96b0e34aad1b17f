"""Section clips: the MP4 cut at its section keyframes, without re-encoding (assets/clips.py)."""
from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction

import av
import numpy as np
import pytest

from assets import clips, options
from assets.catalogue import ROOT

SCENE = "level-set-walk"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = subprocess.run([sys.executable, "cli.py", "render", SCENE, "--quality", "low",
                             "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out, json.loads((out / f"{SCENE}.json").read_text())


def _frames(path):
    with av.open(str(path)) as container:
        return [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]


def _packets(path):
    with av.open(str(path)) as container:
        return [bytes(p) for p in container.demux(video=0) if p.size]


def test_each_clip_is_its_sections_frames_and_the_movies_packets(rendered):
    out, sidecar = rendered
    folder = out / (SCENE + options.SUFFIXES[options.SECTION_CLIPS])
    movie_frames, movie_packets = _frames(out / f"{SCENE}.mp4"), _packets(out / f"{SCENE}.mp4")
    assert len(sidecar["sections"]) >= 2
    packets = []
    for number, section in enumerate(sidecar["sections"], 1):
        clip, poster = (folder / name for name in clips.names(number))
        frames = _frames(clip)
        first, last = section["first_frame"], section["last_frame"]
        assert len(frames) == last - first + 1
        # a player that stops at the clip's end holds the section's last frame
        assert np.array_equal(frames[0], movie_frames[first])
        assert np.array_equal(frames[-1], movie_frames[last])
        with av.open(str(clip)) as container:
            stream = container.streams.video[0]
            duration = container.duration / 1e6
            assert stream.codec_context.name == "h264"
        assert duration == pytest.approx(section["end"] - section["start"], abs=1e-3)
        packets += _packets(clip)
        assert clip.read_bytes().find(b"mdat") > clip.read_bytes().find(b"moov")  # faststart
        # the poster is the clip's first frame, read as BT.709 like the browser does
        from PIL import Image
        shown = np.asarray(Image.open(poster).convert("RGB"), dtype=int)
        assert np.abs(shown - frames[0].astype(int)).mean() < 1.5
    assert packets == movie_packets  # not re-encoded: the movie's own bytes, each once
    entry = json.loads((out / "manifest.json").read_text())["assets"][SCENE]
    assert entry["files"][folder.name]["frames"] == 2 * len(sidecar["sections"])


def test_a_section_that_does_not_start_on_an_idr_frame_is_refused(tmp_path):
    # The failing input: an MP4 with one keyframe, so its second section would need the first
    # section's frames to decode.
    movie = tmp_path / "one-gop.mp4"
    with av.open(str(movie), "w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=Fraction(10))
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        stream.codec_context.gop_size = 100
        for i in range(20):
            frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), i * 10, np.uint8), "rgb24")
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    sections = [{"first_frame": 0, "last_frame": 9}, {"first_frame": 10, "last_frame": 19}]
    with pytest.raises(ValueError, match="section 2 does not start on an IDR frame"):
        clips.cut(movie, sections, tmp_path / "clips")
    with pytest.raises(ValueError, match="packets for frames"):
        clips.cut(movie, [{"first_frame": 0, "last_frame": 25}], tmp_path / "more")
