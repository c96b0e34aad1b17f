"""Every format from one stream of frames (assets.video), checked on small synthetic frames by
reading the files back as players and browsers do (tests/video_checks.py)."""
import subprocess
import sys
import threading

import av
import numpy as np
import pytest
from PIL import Image

import theme as theme_module
from assets import options, video
from tests import video_checks
from tests.conftest import ROOT

WIDTH, HEIGHT, FPS = 160, 96, 15
KEYS = (0, 7, 19)  # frames that start a section (each the first of a held run)


def _palette_frames():
    """(RGBA frame, repeat, keyframe): flat blocks of the theme's colours, a block moving each
    frame, some frames held for several frames as a ``wait`` holds them."""
    colours = [theme_module.LIGHT.background, *(getattr(theme_module.LIGHT, m)
                                                 for m in ("gd", "sgd", "minibatch", "gradient",
                                                           "update", "foreground"))]
    rgb = [tuple(int(c[k:k + 2], 16) for k in (1, 3, 5)) for c in colours]
    frames, index = [], 0
    for step, repeat in enumerate((1, 3, 1, 1, 1, 5, 1, 1, 4, 1, 2, 1, 3, 1, 1)):
        pixels = np.zeros((HEIGHT, WIDTH, 4), np.uint8)
        pixels[..., 3] = 255
        pixels[..., :3] = rgb[0]
        for k, colour in enumerate(rgb[1:]):
            x = (20 * k + 3 * step) % (WIDTH - 24)
            pixels[16 + 8 * (k % 3):64 + 8 * (k % 3), x:x + 24, :3] = colour
        frames.append((pixels, repeat, index in KEYS))
        index += repeat
    return frames


FRAMES = _palette_frames()
COUNT = sum(repeat for _, repeat, _ in FRAMES)
assert set(KEYS) <= {sum(r for _, r, _ in FRAMES[:k]) for k in range(len(FRAMES))}


def _write(outputs):
    fanout = video.Fanout(outputs)
    for pixels, repeat, keyframe in FRAMES:
        fanout.write(pixels.copy(), repeat, keyframe)
    fanout.close()
    assert fanout.frames == COUNT
    return outputs


def _movie(tmp_path, fmt, name="clip"):
    path = tmp_path / f"{name}.{fmt}"
    _write([video.Movies({fmt: path}, WIDTH, HEIGHT, FPS, options.VIDEO_ENCODER_OPTIONS)])
    return path


def _expanded():
    """The frames as a player shows them, one per frame time, RGB."""
    return [pixels[..., :3] for pixels, repeat, _ in FRAMES for _ in range(repeat)]


@pytest.mark.parametrize("fmt", ["mp4", "webm"])
def test_videos_are_tagged_bt709_limited_range_and_hold_every_frame(tmp_path, fmt):
    path = _movie(tmp_path, fmt)
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        context = stream.codec_context
        tags = (context.color_primaries, context.color_trc, context.colorspace,
                context.color_range)
        decoded = list(container.decode(stream))
    assert tags == (video.BT709, video.BT709, video.BT709, video.LIMITED)
    assert len(decoded) == COUNT
    assert [f.pts * f.time_base for f in decoded] == [pytest.approx(i / FPS, abs=1e-3)
                                                           for i in range(COUNT)]  # WebM: ms


@pytest.mark.parametrize("fmt", ["mp4", "webm"])
def test_theme_colours_decoded_as_a_browser_does_are_the_drawn_ones(tmp_path, fmt):
    path = _movie(tmp_path, fmt)
    with av.open(str(path)) as container:
        decoded = [video_checks.browser_rgb(f) for f in container.decode(video=0)]
    errors = []
    for shown, drawn in zip(decoded, _expanded()):
        inside = video_checks.flat(drawn)
        errors.append(np.abs(shown[inside] - drawn[inside]).mean())
    assert max(errors) < 2.0, errors


def test_the_browser_decode_tells_bt601_from_bt709():
    # the check above can fail: BT.601 (Manim's converter), read as BT.709, shifts bluish green
    green = np.zeros((32, 32, 4), np.uint8)
    green[...] = (0, 0x9E, 0x73, 255)
    frame = av.VideoFrame.from_ndarray(green, format="rgba")
    for space, worst in ((av.video.reformatter.Colorspace.ITU601, 5.0),
                         (av.video.reformatter.Colorspace.ITU709, 2.0)):
        yuv = frame.reformat(format="yuv420p", dst_colorspace=space,
                             dst_color_range=av.video.reformatter.ColorRange.MPEG)
        error = np.abs(video_checks.browser_rgb(yuv) - green[..., :3]).max()
        assert (error < worst) == (space == av.video.reformatter.Colorspace.ITU709), error


def test_the_mp4_index_comes_before_the_media(tmp_path):
    boxes = video_checks.top_level_boxes(_movie(tmp_path, "mp4"))
    assert boxes.index("moov") < boxes.index("mdat"), boxes
    # the check can fail: FFmpeg's default puts the index at the end
    plain = tmp_path / "plain.mp4"
    with av.open(str(plain), "w") as container:
        stream = container.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        for index, pixels in enumerate(_expanded()):
            frame = av.VideoFrame.from_ndarray(pixels, format="rgb24").reformat(format="yuv420p")
            frame.pts = index
            container.mux(stream.encode(frame))
        container.mux(stream.encode())
    boxes = video_checks.top_level_boxes(plain)
    assert boxes.index("moov") > boxes.index("mdat")


def test_each_section_starts_on_an_idr_frame(tmp_path):
    idr = video_checks.idr_frames(_movie(tmp_path, "mp4"))
    assert set(KEYS) <= set(idr), idr
    assert set(KEYS) <= set(video_checks.keyframes(_movie(tmp_path, "webm")))


def test_without_a_section_no_keyframe_is_forced(tmp_path):
    # the marks are what puts the keyframes there: x264 alone opens with one only
    global FRAMES
    kept = FRAMES
    FRAMES = [(pixels, repeat, index == 0) for index, (pixels, repeat, _) in enumerate(kept)]
    try:
        idr = video_checks.idr_frames(_movie(tmp_path, "mp4"))
    finally:
        FRAMES = kept
    assert idr == [0]


def test_the_gif_palette_is_made_from_the_frames(tmp_path):
    path = tmp_path / "clip.gif"
    _write([video.Gif(path, WIDTH, HEIGHT, FPS)])
    shown = [frame for frame, delay in video_checks.gif_frames(path)
             for _ in range(round(delay * FPS / 1000))]
    # eight flat colours: a palette from the frames holds each exactly (a fixed one would not)
    for gif, drawn in zip(shown, _expanded()):
        assert np.array_equal(gif, drawn)


def test_the_gif_keeps_the_exact_frame_rate(tmp_path):
    path = tmp_path / "clip.gif"
    _write([video.Gif(path, WIDTH, HEIGHT, FPS)])
    delays = [delay for _, delay in video_checks.gif_frames(path)]
    assert len(delays) == len(FRAMES)  # a held frame is one GIF frame, shown as long as held
    starts = np.cumsum([0, *delays])
    expected = [sum(r for _, r, _ in FRAMES[:k]) * 1000 / FPS for k in range(len(FRAMES) + 1)]
    assert np.abs(starts - expected).max() <= 5  # hundredths of a second, rounded once
    assert starts[-1] == pytest.approx(COUNT * 1000 / FPS, abs=5)
    # 15 fps is 66.7 ms a frame: whole hundredths per frame would drift to 70 ms (14.3 fps)
    assert set(delays) != {70}


@pytest.mark.parametrize("fps", [60, 120])
def test_a_fast_render_gives_a_gif_browsers_play_at_its_speed(tmp_path, fps):
    # At 60 fps the running total gave delays of 2, 2, 1 hundredths: browsers show 1 as 10
    path = tmp_path / "fast.gif"
    _write([video.Gif(path, WIDTH, HEIGHT, fps)])
    delays = [delay for _, delay in video_checks.gif_frames(path)]
    assert min(delays) >= 20
    assert sum(delays) == pytest.approx(COUNT * 1000 / fps, abs=10)


def test_frame_sequences_hold_each_frame_as_long_as_it_is_shown(tmp_path):
    # the deck's JPEGs and their timeline: tests/test_beamer.py
    png = tmp_path / "frames"
    (sequence,) = _write([video.Stills(png, WIDTH, HEIGHT, FPS, deck=False)])
    files = sorted(png.glob("*.png"))
    assert len(files) == sequence.written == COUNT
    for path, drawn in zip(files, _expanded()):
        assert np.array_equal(np.asarray(Image.open(path).convert("RGB")), drawn)


def _every_format(folder):
    """The three encoded formats of the test frames in ``folder`` (run in a process of its own)."""
    folder.mkdir()
    _write([video.Movies({"mp4": folder / "a.mp4", "webm": folder / "a.webm"}, WIDTH, HEIGHT,
                         FPS, options.VIDEO_ENCODER_OPTIONS),
            video.Gif(folder / "a.gif", WIDTH, HEIGHT, FPS)])


def test_every_format_twice_gives_identical_files(tmp_path):
    # each render runs in a process of its own, as the build runs them: within one long-lived
    # process, x264 has been seen to vary the first group of pictures after other encodes
    def once(folder):
        subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                        "from tests.test_video import _every_format; "
                        "_every_format(Path(sys.argv[1]))", str(folder)],
                       cwd=ROOT, check=True)
        return [(folder / name).read_bytes() for name in ("a.mp4", "a.webm", "a.gif")]

    assert once(tmp_path / "one") == once(tmp_path / "two")


def test_an_output_that_fails_stops_the_render_with_its_error_and_no_thread_left(tmp_path):
    folder = tmp_path / "frames"
    outputs = [video.Stills(folder, WIDTH, HEIGHT, FPS, deck=False),
               video.Movies({"mp4": tmp_path / "a.mp4"}, WIDTH, HEIGHT, FPS,
                            options.VIDEO_ENCODER_OPTIONS)]
    folder.rmdir()  # the folder goes away under the writer
    fanout = video.Fanout(outputs)
    with pytest.raises(FileNotFoundError):
        for pixels, repeat, keyframe in FRAMES:
            fanout.write(pixels.copy(), repeat, keyframe)
        fanout.close()
    fanout.close()  # closing again is harmless
    assert not [t for t in threading.enumerate() if t.name.startswith("output-")]
