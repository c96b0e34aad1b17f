"""The browser deck (``out/slides/``) in Chromium through Playwright, opened from ``file://``: every
asset in the lecture's order, every medium loads with no network and no console error, → plays
one section and stops on its last frame, ← replays, the notes are the speaker notes, theme and
aspect are the build's."""
import dataclasses
import json
import os
import shutil

import av
import numpy as np
import pytest
from bs4 import BeautifulSoup
from PIL import Image

import theme as theme_module
from assets import catalogue, clips, manifest, published, slides
from assets.errors import AssetError
from tests.conftest import run_build

SCENE, FIGURE = "level-set-walk", "convexity"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    """A low-quality build of one figure and one scene: its deck (``slides/index.html``, which
    the build writes and names), and a dark and a 4:3 deck of the same files."""
    out = tmp_path_factory.mktemp("slides") / "out"
    result = run_build(out, "--only", f"{FIGURE},{SCENE}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{out / 'slides' / 'index.html'} (browser)" in result.stdout
    for theme, aspect in (("dark", "16:9"), ("light", "4:3")):
        slides.write_slides(out, published.published(out, theme, aspect), theme, aspect)
    return out


@pytest.fixture(scope="module")
def sidecar(out):
    return json.loads((out / f"{SCENE}.json").read_text(encoding="utf-8"))


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# The frame each video last presented (requestVideoFrameCallback's mediaTime, the presentation
# time of the frame on screen), recorded from before the first plays.
WATCH = """() => { for (const video of document.querySelectorAll('video')) {
  const record = (now, meta) => { video.dataset.shown = meta.mediaTime;
                                  video.requestVideoFrameCallback(record); };
  video.requestVideoFrameCallback(record); } }"""
STATE = """() => { const slide = Reveal.getCurrentSlide(), video = slide.querySelector('video');
  return {section: Number(slide.dataset.section), time: video.currentTime, ended: video.ended,
          paused: video.paused, shown: Number(video.dataset.shown), fps: Number(slide.dataset.fps),
          frames: Number(slide.dataset.frames)}; }"""
ENDED = "() => Reveal.getCurrentSlide().querySelector('video').ended"


def open_deck(tab, path, slide=0):
    """Open a deck at a slide, refusing (and recording) every request that leaves file:// or
    data:."""
    left = []

    def route(request):
        if request.request.url.startswith(("file:", "data:")):
            return request.continue_()
        left.append(request.request.url)
        return request.abort()

    tab.route("**/*", route)
    tab.set_viewport_size({"width": 1280, "height": 720})
    tab.goto(f"{path.as_uri()}#/{slide}")
    tab.wait_for_function("() => window.Reveal && Reveal.isReady()")
    return left


def stops(state: dict, section: dict) -> list[str]:
    """What is wrong with a section's slide whose video has ended: it must be paused at the
    section's end (within half a frame) showing the section's last frame."""
    fps, frames = section["fps"], section["last_frame"] - section["first_frame"] + 1
    problems = []
    if not (state["ended"] and state["paused"]):
        problems.append("still playing")
    if abs(state["time"] - (section["end"] - section["start"])) >= 0.5 / fps:
        problems.append(f"stopped at {state['time']:.3f} s, not the section's end")
    if round(state["shown"] * fps) != frames - 1:
        problems.append(f"shows frame {round(state['shown'] * fps)}, not {frames - 1}")
    return problems


def test_the_deck_lists_every_asset_in_the_lectures_order(out, sidecar):
    page = soup(out / "slides" / "index.html")
    found = [(s.get("data-asset"), s.get("data-section")) for s in page.select(".slides > section")]
    held = {entry["id"] for entry in manifest.load(out).values()}
    expected = [(None, None)]  # the title
    for asset in catalogue.catalogue().values():
        if asset.id in held:
            count = len(sidecar["sections"]) if asset.kind == "scene" else 0
            expected += [(asset.id, str(k)) for k in range(1, count + 1)] or [(asset.id, None)]
    assert found == expected
    assert len(expected) == 2 + len(sidecar["sections"]) >= 4


def test_a_scenes_sections_follow_each_other_without_transition_and_play_muted_inline(out):
    steps = soup(out / "slides" / "index.html").select(f'section[data-asset="{SCENE}"]')
    ways = [s["data-transition"].split() for s in steps]
    assert all(way[1] == "none-out" for way in ways[:-1])  # into the next section
    assert all(way[0] == "none-in" for way in ways[1:])  # and back
    assert ways[0][0] != "none-in" and ways[-1][1] != "none-out"  # in and out of the scene
    for step in steps:
        video = step.select_one("video")
        assert {"data-autoplay", "muted", "playsinline"} <= set(video.attrs)
        assert video["poster"].endswith(".png") and video["data-src"].endswith(".mp4")


def test_the_deck_folder_holds_everything_it_loads(out):
    """Every URL of the deck is a file under ``slides/`` (or inline); nothing points outside."""
    folder = out / "slides"
    page = soup(folder / "index.html")
    urls = [el.get(attr) for attr in ("src", "data-src", "href", "poster")
            for el in page.find_all(attrs={attr: True})]
    assert len(urls) > 10
    for url in urls:
        if url.startswith("data:"):
            continue
        assert not url.startswith(("/", "..", "http:", "https:")), url
        assert (folder / url).is_file(), url


def test_every_slide_loads_its_media_from_file_with_no_network_and_no_console_error(out, tab):
    tab, console = tab
    left = open_deck(tab, out / "slides" / "index.html")
    total = tab.evaluate("() => Reveal.getTotalSlides()")
    loaded = 0
    for index in range(total):
        tab.evaluate(f"() => Reveal.slide({index})")
        tab.wait_for_function("""() => [...Reveal.getCurrentSlide().querySelectorAll('img, video')]
            .every(el => el.tagName === 'IMG' ? el.complete && el.naturalWidth > 0
                                              : el.readyState >= 2)""", timeout=10000)
        loaded += tab.evaluate("() => Reveal.getCurrentSlide().querySelectorAll('img, video')"
                               ".length")
    assert loaded == total - 1  # one picture or video on every slide but the title
    assert left == [] and console == []


def test_right_plays_each_section_and_stops_on_its_last_frame_and_left_replays(out, tab,
                                                                              sidecar):
    tab, console = tab
    open_deck(tab, out / "slides" / "index.html", slide=2)  # title, figure, then the scene
    tab.evaluate(WATCH)
    states = []
    for number, section in enumerate(sidecar["sections"], 1):
        if number > 1:
            tab.keyboard.press("ArrowRight")
        tab.wait_for_function(ENDED, timeout=30000)
        state = tab.evaluate(STATE)
        assert state["section"] == number
        assert stops(state, {**section, "fps": sidecar["fps"]}) == [], (number, state)
        states.append(state)
    rewound = tab.evaluate("""() => new Promise(done => setTimeout(() => done(Reveal.getSlides()
        [Reveal.getIndices().h - 1].querySelector('video').currentTime), 1500))""")
    assert rewound == 0  # the section left behind waits at its start, not on its last frame
    tab.keyboard.press("ArrowLeft")  # back: the section before plays again from its start
    tab.wait_for_function("() => !Reveal.getCurrentSlide().querySelector('video').paused")
    again = tab.evaluate(STATE)
    assert again["section"] == len(states) - 1 and again["time"] < 1 and not again["ended"]
    tab.wait_for_function(ENDED, timeout=30000)
    assert stops(tab.evaluate(STATE), {**sidecar["sections"][-2], "fps": sidecar["fps"]}) == []
    tab.keyboard.press("r")  # R: the section again, on the same slide
    tab.wait_for_function("() => !Reveal.getCurrentSlide().querySelector('video').paused")
    assert tab.evaluate(STATE)["time"] < 1
    assert console == []


def test_a_click_goes_on_and_the_address_keeps_the_slide(out, tab):
    tab, _ = tab
    open_deck(tab, out / "slides" / "index.html", slide=1)
    tab.mouse.click(640, 400)
    assert tab.evaluate("() => Reveal.getIndices().h") == 2
    tab.wait_for_function("() => location.hash === '#/2'")  # reveal writes it a moment later
    tab.reload()  # as a lecturer's F5 would
    tab.wait_for_function("() => window.Reveal && Reveal.isReady()")
    assert tab.evaluate("() => Reveal.getIndices().h") == 2


def last_frame(path, index=None):
    """A video's frame ``index`` (default: its last) as decoded RGB."""
    with av.open(str(path)) as video:
        frames = [f.to_ndarray(format="rgb24") for f in video.decode(video=0)]
    return len(frames), frames[-1 if index is None else index]


def test_each_clip_holds_its_sections_frames_and_ends_on_its_last(out, sidecar):
    media = out / "slides" / "media"
    count, _ = last_frame(out / f"{SCENE}.mp4")
    for number, section in enumerate(sidecar["sections"], 1):
        frames, shown = last_frame(media / f"{SCENE}-sections" / f"{number:02d}.mp4")
        assert frames == section["last_frame"] - section["first_frame"] + 1
        _, whole = last_frame(out / f"{SCENE}.mp4", section["last_frame"])
        assert np.array_equal(shown, whole), number
    assert count == sidecar["frames"]


def test_a_clip_cut_one_frame_late_is_caught_by_the_stop_check(out, tab, sidecar, tmp_path):
    """The failing input: section 1's clip ends on section 2's first frame."""
    deck = tmp_path / "slides"
    shutil.copytree(out / "slides", deck)  # copies: the build's own clips stay as they are
    first = dict(sidecar["sections"][0])
    late = {**first, "last_frame": first["last_frame"] + 1}
    clips.cut(out / f"{SCENE}.mp4", [late], tmp_path / "cut")
    os.replace(tmp_path / "cut" / "01.mp4", deck / "media" / f"{SCENE}-sections" / "01.mp4")
    tab, _ = tab
    open_deck(tab, deck / "index.html", slide=2)
    tab.evaluate(WATCH)
    tab.wait_for_function(ENDED, timeout=30000)
    problems = stops(tab.evaluate(STATE), {**first, "fps": sidecar["fps"]})
    assert any("not the section's end" in p for p in problems)
    assert any(f"shows frame {late['last_frame']}" in p for p in problems)


def test_the_speaker_notes_hold_the_section_note_then_the_caption(out, tab, sidecar):
    tab, console = tab
    open_deck(tab, out / "slides" / "index.html", slide=3)
    notes = tab.evaluate("() => Reveal.getSlideNotes()")
    caption = catalogue.catalogue()[SCENE].caption
    note = sidecar["sections"][1]["note"]
    text = BeautifulSoup(notes, "html.parser").get_text()
    assert note in text and caption in text and text.index(note) < text.index(caption)
    with tab.expect_popup() as opened:  # S: reveal's speaker view shows them
        tab.keyboard.press("s")
    speaker = opened.value
    speaker.wait_for_function(f"() => document.body.innerText.includes({json.dumps(note)})")
    current = speaker.frames[1]  # the speaker view's current slide, then the upcoming one
    current.wait_for_function("() => window.Reveal && Reveal.isReady() && "
                              "Reveal.getIndices().h === 3")
    current.wait_for_function("() => Reveal.getCurrentSlide().querySelector('video')"
                              ".currentTime > 0.2")  # the clip plays there too (it is muted)
    figure = soup(out / "slides" / "index.html").select_one(f'section[data-asset="{FIGURE}"]')
    assert figure.select_one("aside.notes").get_text() == catalogue.catalogue()[FIGURE].caption
    assert console == []


def test_captions_are_off_until_c_and_carry_the_sections_note(out, tab, sidecar):
    tab, _ = tab
    open_deck(tab, out / "slides" / "index.html", slide=2)
    tab.wait_for_function("() => Reveal.getCurrentSlide().querySelector('video').readyState >= 2")
    read = """() => { const t = Reveal.getCurrentSlide().querySelector('video').textTracks[0];
        return {mode: t.mode, cues: t.cues ? [...t.cues].map(c => [c.startTime, c.endTime, c.text])
                                           : null}; }"""
    assert tab.evaluate(read)["mode"] in ("disabled", "hidden")
    tab.keyboard.press("c")
    tab.wait_for_function(f"() => ({read})().cues?.length > 0")
    found = tab.evaluate(read)
    first = sidecar["sections"][0]
    assert found["mode"] == "showing"
    assert found["cues"] == [[0, pytest.approx(first["end"], abs=0.001), first["note"]]]


def background(tab) -> tuple[int, ...]:
    """The page's background colour as the browser paints it, (r, g, b)."""
    colour = tab.evaluate("() => getComputedStyle(document.querySelector('.reveal-viewport') || "
                          "document.body).backgroundColor")
    return tuple(int(v) for v in colour[colour.index("(") + 1:-1].split(",")[:3])


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_deck_takes_the_themes_colours(out, tab, theme):
    tab, _ = tab
    name = "index.html" if theme == "light" else "index-dark.html"
    open_deck(tab, out / "slides" / name, slide=1)
    expected = theme_module.rgb(theme_module.THEMES[theme].background)
    assert background(tab) == tuple(round(v * 255) for v in expected)


def test_the_4x3_deck_is_4_by_3(out, tab):
    tab, _ = tab
    open_deck(tab, out / "slides" / "index-4x3.html", slide=1)
    size = tab.evaluate("() => [Reveal.getConfig().width, Reveal.getConfig().height]")
    box = tab.evaluate("() => { const r = Reveal.getCurrentSlide().querySelector('.frame')"
                       ".getBoundingClientRect(); return [r.width, r.height]; }")
    assert size == [1024, 768]
    assert box[0] / box[1] == pytest.approx(4 / 3, rel=0.01)
    open_deck(tab, out / "slides" / "index.html", slide=1)
    assert tab.evaluate("() => Reveal.getConfig().width / Reveal.getConfig().height") == 16 / 9


def filled(path, colour: str, top: int) -> tuple[float, float]:
    """The share of a screenshot's width, and of its height below ``top``, that pixels unlike
    ``colour`` span there."""
    image = np.asarray(Image.open(path).convert("RGB")).astype(int)[top:]
    ink = np.abs(image - np.array(theme_module.rgb(colour)) * 255).sum(axis=2) > 60
    rows, columns = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return ((columns[-1] - columns[0]) / image.shape[1], (rows[-1] - rows[0]) / image.shape[0])


# the slide alone, as projected: no arrows, progress bar or slide number
BARE = "() => Reveal.configure({controls: false, progress: false, slideNumber: false})"
TITLE_BOTTOM = ("() => Math.ceil(Reveal.getCurrentSlide().querySelector('h2')"
                ".getBoundingClientRect().bottom)")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots_of_a_figure_and_an_animation_slide_fill_the_slide(out, tab, tmp_path,
                                                                      theme):
    """The figure and the video fill the slide below the title (the screenshots are in
    tmp_path to look at)."""
    tab, _ = tab
    name = "index.html" if theme == "light" else "index-dark.html"
    colour = theme_module.THEMES[theme].background
    open_deck(tab, out / "slides" / name, slide=1)
    tab.evaluate(BARE)
    tab.wait_for_function("() => Reveal.getCurrentSlide().querySelector('img').naturalWidth > 0")
    tab.screenshot(path=tmp_path / f"figure-{theme}.png")
    tops = [tab.evaluate(TITLE_BOTTOM)]
    tab.evaluate("() => Reveal.slide(3)")
    tab.wait_for_function(ENDED, timeout=30000)
    tab.screenshot(path=tmp_path / f"animation-{theme}.png")
    tops.append(tab.evaluate(TITLE_BOTTOM))
    for shot, top in zip(("figure", "animation"), tops):
        width, height = filled(tmp_path / f"{shot}-{theme}.png", colour, top)
        assert width > 0.8 or height > 0.85, (shot, width, height)


def own_copy(out, tmp_path):
    """A copy of the build to change (the media of its decks copied, not linked)."""
    return shutil.copytree(out, tmp_path / "out", symlinks=True)


def test_a_scene_without_clips_gets_one_slide_with_its_poster(out, tmp_path):
    out = own_copy(out, tmp_path)
    items = published.published(out, "light", "16:9")
    scene = next(i for i in items if i.asset.id == SCENE)
    files = {k: v for k, v in scene.entry["files"].items() if not k.endswith("-sections")}
    bare = dataclasses.replace(scene, entry={**scene.entry, "files": files})
    path = slides.write_slides(out, [bare], "dark", "4:3")
    slide, = soup(path).select(".slides > section[data-asset]")
    assert slide.select_one("img")["data-src"] == f"media/{SCENE}.png"
    assert slide.select_one("video") is None
    assert (out / "slides" / "media" / f"{SCENE}.png").is_file()


def test_media_no_deck_uses_goes_and_only_what_the_module_placed(out, tmp_path):
    out = own_copy(out, tmp_path)
    items = published.published(out, "light", "16:9")
    figure = [i for i in items if i.asset.kind == "figure"]
    media = out / "slides" / "media"
    mine = media / "mine.txt"
    mine.write_text("not the build's")
    slides.write_slides(out, figure, "light", "16:9")
    assert (media / f"{FIGURE}.svg").is_file() and mine.is_file()
    assert (media / f"{SCENE}-sections" / "01.mp4").is_file()  # the dark and 4:3 decks' still
    slides.write_slides(out, figure, "dark", "16:9")
    slides.write_slides(out, figure, "light", "4:3")
    assert not (media / f"{SCENE}-sections").exists()
    assert (media / f"{FIGURE}.svg").is_file() and mine.is_file()


def test_a_record_naming_other_files_deletes_none_of_them(out, tmp_path):
    out = own_copy(out, tmp_path)
    record = out / "slides" / slides.RECORD
    names = json.loads(record.read_text())
    names["index.html"] += ["../manifest.json", "media/../../manifest.json", "index-dark.html",
                            "/etc/hostname"]
    record.write_text(json.dumps(names))
    slides.write_slides(out, published.published(out, "light", "16:9"), "light", "16:9")
    assert (out / "manifest.json").is_file() and (out / "slides" / "index-dark.html").is_file()
    assert all(slides._ours(n) for n in json.loads(record.read_text())["index.html"])


def test_a_figure_without_svg_or_png_says_what_to_build(out, tmp_path):
    out = own_copy(out, tmp_path)
    figure = next(i for i in published.published(out, "light", "16:9") if i.asset.id == FIGURE)
    pdf_only = {k: v for k, v in figure.entry["files"].items() if k.endswith((".pdf", ".json"))}
    bare = dataclasses.replace(figure, entry={**figure.entry, "files": pdf_only})
    slide, = soup(slides.write_slides(out, [bare], "light", "16:9")).select("section[data-asset]")
    assert slide.select_one("img") is None and "--format svg" in slide.get_text()


def test_a_deck_rewritten_unchanged_touches_no_file(out):
    folder = out / "slides"
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}
    slides.write_slides(out, published.published(out, "light", "16:9"), "light", "16:9")
    assert {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()} == before


def test_a_deck_missing_a_file_is_not_intact(out, tmp_path):
    out = own_copy(out, tmp_path)
    assert slides.intact(out, "light", "16:9") and slides.intact(out, "dark", "16:9")
    assert not slides.intact(out, "dark", "4:3")  # never written
    (out / "slides" / "media" / f"{SCENE}-sections" / "02.mp4").unlink()
    assert not slides.intact(out, "light", "16:9")
    slides.write_slides(out, published.published(out, "light", "16:9"), "light", "16:9")
    assert slides.intact(out, "light", "16:9")


def test_the_media_are_links_to_the_builds_files_not_copies(out):
    placed = out / "slides" / "media" / f"{FIGURE}.svg"
    assert os.path.samefile(placed, out / f"{FIGURE}.svg")


def test_without_reveal_js_the_deck_says_how_to_install_it(out, tmp_path, monkeypatch):
    monkeypatch.setattr(slides, "REVEAL", tmp_path / "missing")
    with pytest.raises(AssetError, match=r"needs reveal.js: run 'make setup' \(npm ci\)"):
        slides.write_slides(out, [], "light", "16:9")
