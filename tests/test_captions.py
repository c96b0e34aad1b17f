"""Captions and chapters: WebVTT tracks timed from a scene's sections, read back by webvtt-py and
by Chromium from the page, opened as a file and over HTTP."""
import html
import json
from fractions import Fraction
from urllib.parse import unquote_to_bytes

import av
import numpy as np
import pytest
import webvtt
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from assets import captions, manifest, options, page, published, sections
from tests.conftest import run_build
from tests.test_publish import serve

SCENE = "gd-vs-sgd"
FPS = 15
FRAMES = 31  # 2.067 s: the end is not a whole millisecond
NOTES = [("start", "Watch the loss 𝓛 & its gradient ∇f: steps < 1 --> the minimum."),
         ("noise", "SGD's steps <b>scatter</b>;\n  each uses one example.\n"),
         ("result", "Both reach the minimum, SGD after more steps.")]
FIRST_FRAMES = [0, 7, 20]


def made_sections(notes=NOTES, first_frames=FIRST_FRAMES, frames=FRAMES, fps=FPS):
    marks = [sections.Mark(name, note, first) for (name, note), first in zip(notes, first_frames)]
    return sections.timed(marks, frames, fps)


def read(text: str) -> list:
    return list(webvtt.from_string(text))


def test_one_cue_per_section_with_its_note_then_its_name():
    assert captions.captions_text(made_sections()) == (
        "WEBVTT\n\n"
        "1\n00:00:00.000 --> 00:00:00.467\n"
        "Watch the loss 𝓛 &amp; its gradient ∇f: steps &lt; 1 --&gt; the minimum.\n\n"
        "2\n00:00:00.467 --> 00:00:01.334\n"
        "SGD's steps &lt;b&gt;scatter&lt;/b&gt;; each uses one example.\n\n"
        "3\n00:00:01.334 --> 00:00:02.067\n"
        "Both reach the minimum, SGD after more steps.\n")
    assert [c.text for c in read(captions.chapters_text(made_sections()))] == [
        "start", "noise", "result"]


def test_webvtt_py_reads_back_the_notes_names_and_times():
    timed = made_sections()
    for text, key in ((captions.captions_text(timed), "note"),
                      (captions.chapters_text(timed), "name")):
        cues = read(text)
        assert [c.identifier for c in cues] == ["1", "2", "3"]
        assert [html.unescape(c.raw_text) for c in cues] == [" ".join(s[key].split())
                                                           for s in timed]
        assert [(c.start, c.end) for c in cues] == [
            ("00:00:00.000", "00:00:00.467"), ("00:00:00.467", "00:00:01.334"),
            ("00:00:01.334", "00:00:02.067")]


@given(st.lists(st.integers(1, 400), min_size=1, max_size=12),
       st.sampled_from([15, 24, 25, 30, 50, 60, 120, 30000 / 1001, 60000 / 1001]),
       st.lists(st.text(min_size=1, max_size=40), min_size=12, max_size=12))
def test_cues_tile_like_the_sections_and_start_on_the_sections_first_frames(lengths, fps,
                                                                             texts):
    firsts = [sum(lengths[:k]) for k in range(len(lengths))]
    notes = [(f"step {k}", texts[k]) for k in range(len(lengths))]
    timed = made_sections(notes, firsts, sum(lengths), fps)
    cues = read(captions.captions_text(timed))
    assert len(cues) == len(timed)
    starts = [c.start_time.in_milliseconds() for c in cues]
    ends = [c.end_time.in_milliseconds() for c in cues]
    assert starts[0] == 0 and starts[1:] == ends[:-1]  # no gap, no overlap, as written
    frame = Fraction(1000) / Fraction(fps)  # ms, of the frame rate as the float says
    noise = Fraction(1, 1000)  # 1 µs: 30 frames at 30000/1001 fps are 1001 ms, as a float more
    for section, start, end in zip(timed, starts, ends):
        first = section["first_frame"] * frame  # the section's first frame is on screen ...
        assert first - noise <= start < first + frame  # ... at its cue's start, and only it
        assert end >= (section["last_frame"] + 1) * frame - noise
    for cue, (_name, note) in zip(cues, notes):
        assert html.unescape(cue.raw_text) == " ".join(note.split())


@pytest.mark.parametrize("change, message", [
    (lambda s: s[0].update(start=0.1), "start at 0"),
    (lambda s: s[1].update(start=s[1]["start"] + 0.01), "does not start where"),
    (lambda s: s.clear(), "start at 0"),
])
def test_sections_that_do_not_tile_are_refused(change, message):
    timed = made_sections()
    change(timed)
    with pytest.raises(ValueError, match=message):
        captions.captions_text(timed)


def test_a_section_shorter_than_a_millisecond_is_refused():
    # at 2500 fps, sections starting at 0.4 ms and 0.8 ms would both start at 1 ms as written
    timed = made_sections(NOTES, [0, 1, 2], 5, 2500)
    with pytest.raises(ValueError, match="less than a millisecond"):
        captions.captions_text(timed)


def test_write_puts_both_tracks_beside_the_video(tmp_path):
    paths = captions.write(tmp_path, SCENE, made_sections())
    assert [p.name for p in paths] == [f"{SCENE}.vtt", f"{SCENE}.chapters.vtt"]
    assert paths[0].read_text() == captions.captions_text(made_sections())
    assert paths[1].read_text() == captions.chapters_text(made_sections())
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)


def tiny_video(path, first_frames=FIRST_FRAMES, frames=FRAMES, fps=FPS):
    """An H.264 MP4 of ``frames`` solid frames, a new grey at each section's first frame."""
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = 64, 36, "yuv420p"
        for index in range(frames):
            grey = 60 * sum(first <= index for first in first_frames)
            frame = av.VideoFrame.from_ndarray(np.full((36, 64, 3), grey, np.uint8), "rgb24")
            container.mux(stream.encode(frame))
        container.mux(stream.encode())


def fake_out(out, tracks=True):
    """An ``out/`` as a build of SCENE leaves it: video, poster, tracks, sidecar, manifest."""
    out.mkdir(exist_ok=True)
    stem = options.stem(SCENE, "light", "16:9")
    timed = made_sections()
    tiny_video(out / f"{stem}.mp4")
    Image.new("RGB", (64, 36)).save(out / f"{stem}.png")  # the poster
    files = [out / f"{stem}.mp4", out / f"{stem}.png"]
    files += captions.write(out, stem, timed) if tracks else []
    sidecar = {"fps": FPS, "frames": FRAMES, "duration": FRAMES / FPS, "sections": timed,
               "files": sorted(f.name for f in files)}
    (out / f"{stem}.json").write_text(json.dumps(sidecar))
    files.append(out / f"{stem}.json")
    manifest.save(out, {stem: {"id": SCENE, "kind": "scene", "status": "done",
                               "files": {f.name: manifest.describe(f) for f in files}}})
    page.write_page(out, published.published(out, "light", "16:9"), "light", "16:9")
    return timed


def test_the_page_carries_both_tracks_inline_and_the_notes_as_text(tmp_path):
    timed = fake_out(tmp_path)
    document = BeautifulSoup((tmp_path / "index.html").read_text(), "html.parser")
    video = document.find("video")
    tracks = video.find_all("track")
    assert [(t["kind"], t["srclang"], t["label"], t.has_attr("default")) for t in tracks] == [
        ("captions", "en", "Notes", True), ("chapters", "en", "Sections", True)]
    for track, name in zip(tracks, captions.names(SCENE)):
        prefix, _, data = track["src"].partition(",")
        assert prefix == "data:text/vtt;charset=utf-8"
        assert unquote_to_bytes(data) == (tmp_path / name).read_bytes()
    steps = document.find("summary", string="Notes, step by step").find_next("ol")
    assert [li.get_text() for li in steps.find_all("li")] == [f"{s['name']}: {s['note']}"
                                                               for s in timed]


def test_a_scene_rendered_without_tracks_has_none(tmp_path):
    fake_out(tmp_path, tracks=False)
    document = BeautifulSoup((tmp_path / "index.html").read_text(), "html.parser")
    assert document.video.find("source") and not document.video.find_all("track")
    assert not document.find("summary", string="Notes, step by step")


READ_TRACKS = """async () => {
  const video = document.querySelector("video");
  const elements = [...video.querySelectorAll("track")];
  await Promise.all(elements.map(t => t.readyState >= 2 ? null :
    new Promise(done => { t.addEventListener("load", done); t.addEventListener("error", done); })));
  if (video.readyState < 1) await new Promise(done => video.addEventListener("loadedmetadata", done));
  return {duration: video.duration, states: elements.map(t => t.readyState),
          tracks: [...video.textTracks].map(t => ({kind: t.kind, mode: t.mode, label: t.label,
            cues: [...t.cues].map(c => ({id: c.id, start: c.startTime, end: c.endTime,
                                          text: c.getCueAsHTML().textContent}))}))};
}"""

SEEK = """async (time) => {
  const video = document.querySelector("video");
  const seeked = new Promise(done => video.addEventListener("seeked", done, {once: true}));
  video.currentTime = time;
  await seeked;  // a seek updates the active cues before it fires "seeked"
  return {time: video.currentTime, active: [...video.textTracks[0].activeCues].map(c => c.id)};
}"""


@pytest.mark.parametrize("opened", ["file", "http"])
def test_chromium_loads_the_captions_and_the_chapters(tab, tmp_path, opened):
    # From file:// Chromium refused a track's file ("'file:' URLs are treated as unique security
    # origins"): the page inlines the tracks.
    tab, console = tab
    timed = fake_out(tmp_path)
    if opened == "http":
        server = serve(tmp_path)
        try:
            tab.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html")
            found = tab.evaluate(READ_TRACKS)
        finally:
            server.shutdown()
    else:
        tab.goto((tmp_path / "index.html").as_uri())
        found = tab.evaluate(READ_TRACKS)
    console = [m for m in console if not m[1].endswith("/favicon.ico")]  # asked of any server
    assert found["states"] == [2, 2] and console == []  # both loaded, nothing refused
    assert found["duration"] == pytest.approx(FRAMES / FPS, abs=0.001)
    notes, names = found["tracks"]
    assert (notes["kind"], notes["mode"], notes["label"]) == ("captions", "showing", "Notes")
    assert (names["kind"], names["label"]) == ("chapters", "Sections")
    assert names["mode"] in ("hidden", "showing")  # loaded; HTML says hidden, Chromium "showing"
    for track, key in ((notes, "note"), (names, "name")):
        assert [c["text"] for c in track["cues"]] == [" ".join(s[key].split()) for s in timed]
        assert [c["id"] for c in track["cues"]] == ["1", "2", "3"]
        assert [c["start"] for c in track["cues"]] == [0, 0.467, 1.334]
        assert [c["end"] for c in track["cues"]] == [0.467, 1.334, 2.067]


def test_chromium_shows_the_note_of_the_section_on_screen(tab, tmp_path):
    """Seeking into each section's first frame and to its middle shows its note and no other.
    (From file://: Python's HTTP server answers no range request, so Chromium cannot seek.)
    Not at the boundary itself: there Chromium 156 shows both notes, keeping a cue active at its
    end time, where HTML makes it inactive (WebKit fixed the same in 2022)."""
    tab, _console = tab
    timed = fake_out(tmp_path)
    tab.goto((tmp_path / "index.html").as_uri())
    tab.evaluate(READ_TRACKS)
    for number, section in enumerate(timed, start=1):
        for time in (section["start"] + 0.5 / FPS, (section["start"] + section["end"]) / 2):
            seen = tab.evaluate(SEEK, time)
            assert seen == {"time": pytest.approx(time, abs=1e-6), "active": [str(number)]}


@pytest.mark.slow
def test_a_built_scene_has_tracks_that_agree_with_its_sidecar_its_video_and_its_page(tab,
                                                                                     tmp_path):
    tab, console = tab
    result = run_build(tmp_path, "--only", SCENE)
    assert result.returncode == 0, result.stderr
    sidecar = json.loads((tmp_path / f"{SCENE}.json").read_text())
    entry = manifest.load(tmp_path)[SCENE]
    timed = sidecar["sections"]
    for name, key in zip(captions.names(SCENE), ("note", "name")):
        assert name in sidecar["files"] and name in entry["files"]
        cues = read((tmp_path / name).read_text())
        assert [html.unescape(c.raw_text) for c in cues] == [s[key] for s in timed]
        assert [c.start_time.in_milliseconds() for c in cues] == [
            captions.milliseconds(s["start"]) for s in timed]
    with av.open(str(tmp_path / f"{SCENE}.mp4")) as container:
        stream = container.streams.video[0]
        frames = sum(1 for _ in container.decode(stream))
        duration = float(stream.duration * stream.time_base)
    assert frames == sidecar["frames"] == timed[-1]["last_frame"] + 1
    assert cues[-1].end_time.in_milliseconds() / 1000 == pytest.approx(duration,
                                                                       abs=1 / sidecar["fps"])
    tab.goto((tmp_path / "index.html").as_uri())
    found = tab.evaluate(READ_TRACKS)
    assert found["states"] == [2, 2] and console == []
    assert [[c["text"] for c in t["cues"]] for t in found["tracks"]] == [
        [s["note"] for s in timed], [s["name"] for s in timed]]
