"""The Beamer deck's frames (assets.video.Stills, deck=True): only changed frames, each held as
long as the video holds it, a pause at the end of every section; on synthetic frames."""
import numpy as np
import pytest
from PIL import Image

from assets import video
from tests.test_video import COUNT, FPS, FRAMES, HEIGHT, KEYS, WIDTH


def _deck(tmp_path, fps=FPS, deck_fps=FPS, frames=FRAMES, height=HEIGHT):
    stills = video.Stills(tmp_path / "deck", WIDTH, height, fps, deck=True, deck_fps=deck_fps)
    fanout = video.Fanout([stills])
    for pixels, repeat, keyframe in frames:
        fanout.write(pixels, repeat, keyframe)
    fanout.close()
    return stills


def _timeline(stills):
    """(pause, rate, image) per line of the timeline file."""
    lines = (stills.path / video.DECK_TIMELINE).read_text().splitlines()
    return [(pause == "*", float(rate), int(image))
            for pause, rate, image in (line.split(":") for line in lines)]


def test_every_drawn_frame_once_held_as_long_as_the_video_with_a_pause_per_section(tmp_path):
    stills = _deck(tmp_path)
    shots = sorted(stills.path.glob("*.jpg"))
    assert len(shots) == stills.written == len(FRAMES)  # a held frame is one image
    lines = _timeline(stills)
    assert [image for _, _, image in lines] == list(range(len(FRAMES)))
    assert [FPS / rate for _, rate, _ in lines] == pytest.approx([r for _, r, _ in FRAMES])
    assert sum(FPS / rate for _, rate, _ in lines) == pytest.approx(COUNT)
    starts = np.cumsum([0] + [r for _, r, _ in FRAMES])
    ends_a_section = [k for k in range(len(FRAMES)) if starts[k + 1] in KEYS]
    assert [k for k, (pause, _, _) in enumerate(lines) if pause] == ends_a_section == [4, 9]
    record = stills.record()
    assert record["frames"] == len(shots) and record["timeline"] == video.DECK_TIMELINE
    assert (record["width"], record["height"]) == Image.open(shots[0]).size
    drawn = Image.open(shots[2]).convert("RGB")
    assert np.abs(np.asarray(drawn, float) - FRAMES[2][0][..., :3]).mean() < 3  # JPEG's loss


def test_an_unchanged_frame_is_not_written_again(tmp_path):
    pixels, repeat, _ = FRAMES[1]
    twice = [FRAMES[0], (pixels, repeat, False), (pixels.copy(), 2, False), FRAMES[2]]
    lines = _timeline(_deck(tmp_path, frames=twice))
    assert [FPS / rate for _, rate, _ in lines] == pytest.approx([1, repeat + 2, 1])


def test_a_lower_deck_rate_keeps_every_section_start_and_the_total_time(tmp_path):
    stills = _deck(tmp_path, deck_fps=None)  # the default: a DECK_STEP-th of the render's rate
    assert stills.step == video.DECK_STEP > 1 and stills.rate == FPS / video.DECK_STEP
    assert _deck(tmp_path / "set", deck_fps=FPS / 3).step == 3
    lines = _timeline(stills)
    assert len(lines) < len(FRAMES)
    assert sum(FPS / rate for _, rate, _ in lines) == pytest.approx(COUNT)
    assert sum(pause for pause, _, _ in lines) == len(KEYS) - 1  # still one per section end
    starts = np.cumsum([0] + [FPS / rate for _, rate, _ in lines])
    assert set(KEYS) <= set(np.round(starts).astype(int))


def test_the_frames_follow_the_render_up_to_the_decks_height(tmp_path):
    assert _deck(tmp_path / "a").size == (WIDTH, HEIGHT)
    tall = [(np.repeat(p, 10, axis=0), r, k) for p, r, k in FRAMES[:2]]
    stills = _deck(tmp_path / "b", frames=tall, height=HEIGHT * 10)
    assert stills.size[1] == video.DECK_MAX_HEIGHT
    assert Image.open(stills.path / "0000.jpg").size == stills.size


def test_each_section_has_its_own_timeline_of_its_images_from_zero(tmp_path):
    # the deck plays one section a page (assets.deck): its images alone, for as long as before
    stills = _deck(tmp_path)
    whole = _timeline(stills)
    sections = stills.record()["sections"]
    assert len(sections) == len(KEYS)
    assert [s["first"] for s in sections] == [0, *(k + 1 for k, (p, _, _) in enumerate(whole)
                                                   if p)]
    assert sections[-1]["last"] == stills.written - 1
    rates = []
    for section in sections:
        lines = (stills.path / section["timeline"]).read_text().splitlines()
        parts = [line.split(":") for line in lines]
        assert [int(image) for _, _, image in parts] == list(
            range(section["last"] - section["first"] + 1))
        assert all(pause == "" for pause, _, _ in parts)  # it ends where the section does
        rates += [float(rate) for _, rate, _ in parts]
    assert rates == [rate for _, rate, _ in whole]


def test_a_render_without_sections_is_one_section(tmp_path):
    frames = [(pixels, repeat, False) for pixels, repeat, _ in FRAMES[:3]]
    stills = _deck(tmp_path, frames=frames)
    assert stills.section_images() == [(0, 2)]
    empty = _deck(tmp_path / "empty", frames=[])
    assert empty.record()["sections"] == []
