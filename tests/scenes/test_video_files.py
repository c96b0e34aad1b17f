"""The video files of real renders: sections that tile the decoded video and start on IDR frames,
colours as a browser shows them, the MP4 index first, and every format of one render agreeing
with the others and with the sidecar."""
import json

import av
import numpy as np
import pytest
from PIL import Image

from assets import jobs, options, video
from tests import video_checks
from tests.conftest import SCENES

pytestmark = pytest.mark.slow
EVERY = "level-set-walk"  # rendered once in every format


@pytest.fixture(scope="module")
def every_format(tmp_path_factory):
    """(out folder, sidecar) of one low-quality render in every scene format."""
    out = tmp_path_factory.mktemp("every-format")
    (job,) = jobs.plan([EVERY], quality="low", out=out, formats=options.SCENE_FORMATS)
    jobs.run(job)
    return out, json.loads((out / f"{EVERY}.json").read_text())


def _decoded(path):
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = list(container.decode(stream))
        if stream.duration:
            return frames, float(stream.duration * stream.time_base)
        return frames, container.duration / av.time_base  # WebM: only the container's


@pytest.mark.parametrize("asset_id", SCENES)
def test_sections_tile_the_decoded_video_and_each_starts_on_an_idr_frame(asset_id,
                                                                          low_quality_video):
    movie, sidecar = low_quality_video(asset_id)
    played = json.loads(sidecar.read_text())
    frames, duration = _decoded(movie)
    sections, fps = played["sections"], played["fps"]
    assert len(frames) == played["frames"] and duration == pytest.approx(played["duration"])
    assert sections[0]["start"] == 0 and sections[0]["first_frame"] == 0
    assert sections[-1]["last_frame"] == len(frames) - 1
    assert sections[-1]["end"] == pytest.approx(duration)
    for before, after in zip(sections, sections[1:]):
        assert after["first_frame"] == before["last_frame"] + 1 and after["start"] == before["end"]
    for section in sections:
        assert section["start"] == pytest.approx(section["first_frame"] / fps)
        assert section["end"] == pytest.approx((section["last_frame"] + 1) / fps)
        assert section["note"] and section["name"]
    idr = video_checks.idr_frames(movie)
    assert {s["first_frame"] for s in sections} <= set(idr), idr


@pytest.mark.parametrize("asset_id", SCENES)
def test_a_browser_shows_the_posters_colours_and_can_play_before_the_whole_file_arrives(
        asset_id, low_quality_video):
    movie, _ = low_quality_video(asset_id)
    boxes = video_checks.top_level_boxes(movie)
    assert boxes.index("moov") < boxes.index("mdat"), boxes
    frames, _ = _decoded(movie)
    context = av.open(str(movie)).streams.video[0].codec_context
    assert (context.color_primaries, context.color_trc, context.colorspace,
            context.color_range) == (video.BT709, video.BT709, video.BT709, video.LIMITED)
    poster = np.asarray(Image.open(movie.with_suffix(".png")).convert("RGB"))
    shown = video_checks.browser_rgb(frames[-1])
    inside = video_checks.flat(poster)
    assert inside.mean() > 0.5  # mostly flat colour: background, fills, thick marks
    assert np.abs(shown[inside] - poster[inside]).mean() < 2.0


def test_a_refused_value_is_one_line_and_exit_2_whatever_the_formats(runner, cli, tmp_path):
    # With a GIF asked for, the GIF's finishing without frames replaced the mathematics' message
    # with a TypeError (exit 1)
    args = ["render", EVERY, "--quality", "low", "--set", "surface=quadratic", "--set",
            "through_x=0", "--set", "through_y=0", "--out", str(tmp_path)]
    for formats in (["mp4"], ["gif"], list(options.SCENE_FORMATS)):
        result = runner.invoke(cli, [*args, *(x for f in formats for x in ("--format", f))])
        assert result.exit_code == 2, result.output + result.stderr
        assert "critical point" in result.stderr and "Traceback" not in result.stderr
        assert not list(tmp_path.glob(f"{EVERY}*"))


def test_a_poster_alone_claims_no_frames_or_sections(tmp_path):
    (job,) = jobs.plan([EVERY], quality="low", out=tmp_path, formats=["png-poster"])
    jobs.run(job)
    played = json.loads((tmp_path / f"{EVERY}.json").read_text())
    assert played["files"] == [f"{EVERY}.png"]
    assert not {"frames", "duration", "fps", "sections", "deck"} & set(played)


def test_every_format_lists_itself_in_the_sidecar(every_format):
    out, played = every_format
    stem = EVERY
    assert set(played["files"]) == {f"{stem}.mp4", f"{stem}.webm", f"{stem}.gif", f"{stem}.png",
                                     f"{stem}-frames", f"{stem}-deck", f"{stem}-sections",
                                     f"{stem}.vtt", f"{stem}.chapters.vtt"}
    assert all((out / name).exists() for name in played["files"])


def test_the_webm_has_the_mp4s_frames_colours_and_section_keyframes(every_format):
    out, played = every_format
    webm, webm_duration = _decoded(out / f"{EVERY}.webm")
    mp4, _ = _decoded(out / f"{EVERY}.mp4")
    assert len(webm) == len(mp4) == played["frames"]
    assert webm_duration == pytest.approx(played["duration"], abs=1e-3)
    context = av.open(str(out / f"{EVERY}.webm")).streams.video[0].codec_context
    assert (context.color_primaries, context.colorspace, context.color_range) == (
        video.BT709, video.BT709, video.LIMITED)
    starts = {s["first_frame"] for s in played["sections"]}
    assert starts <= set(video_checks.keyframes(out / f"{EVERY}.webm"))
    for index in sorted(starts | {len(mp4) - 1}):
        a, b = video_checks.browser_rgb(webm[index]), video_checks.browser_rgb(mp4[index])
        assert np.abs(a - b).mean() < 2.0, index


def test_the_gif_shows_the_mp4s_frames_at_the_same_times(every_format):
    out, played = every_format
    mp4, _ = _decoded(out / f"{EVERY}.mp4")
    gif = video_checks.gif_frames(out / f"{EVERY}.gif")
    fps, start = played["fps"], 0
    assert sum(delay for _, delay in gif) == pytest.approx(played["duration"] * 1000, abs=10)
    for picture, delay in gif:
        index = round(start * fps / 1000)  # the frame shown when this GIF frame starts
        start += delay
        assert index < len(mp4)
        shown = video_checks.browser_rgb(mp4[index])
        inside = video_checks.flat(picture)
        # a palette of the frames' own colours: flat areas as the MP4 shows them
        assert np.abs(picture[inside] - shown[inside]).mean() < 3.0, index
    assert start == pytest.approx(len(mp4) * 1000 / fps, abs=10)


def test_the_frame_sequences_hold_the_render_frame_by_frame(every_format):
    out, played = every_format
    pngs = sorted((out / f"{EVERY}-frames").glob("*.png"))
    assert len(pngs) == played["frames"]
    poster = np.asarray(Image.open(out / f"{EVERY}.png").convert("RGB"))
    assert np.array_equal(np.asarray(Image.open(pngs[-1]).convert("RGB")), poster)
    assert len(list((out / f"{EVERY}-deck").glob("*.jpg"))) == played["deck"]["frames"]
