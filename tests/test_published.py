"""Publishing is a view of out/: every variant out/ holds gets decks and a page listing every asset
out/ holds; unchanged variants are not written again; the page's videos follow dark mode."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assets import options, outdir
from assets.catalogue import ROOT
from assets.published import published, publish, variants
from tests.conftest import run_build

FIGURE, SCENE = "gradient-level-sets", "level-set-walk"
DECKS = {"beamer/lecture{}.tex": r"\begin{frame}{", "index{}.html": "<section",
         "slides/index{}.html": None, "lecture{}.pptx": None}


def _render(out, *args):
    result = subprocess.run([sys.executable, "cli.py", "render", *args, "--quality", "low",
                             "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Light 16:9: a figure and a scene; dark: the figure alone (``--theme dark --kind figure``
    dropped every animation from the decks), and the scene in dark 4:3."""
    out = tmp_path_factory.mktemp("out")
    assert run_build(out, "--only", f"{FIGURE},{SCENE}").returncode == 0
    _render(out, FIGURE, "--theme", "dark")
    _render(out, SCENE, "--theme", "dark", "--aspect", "4:3")
    return out


def test_every_variant_gets_every_asset_out_holds_in_its_nearest_form(built):
    assert variants(built) == [("light", "16:9"), ("dark", "16:9"), ("dark", "4:3")]
    stems = {v: [i.stem for i in published(built, *v)] for v in variants(built)}
    assert stems == {("light", "16:9"): [FIGURE, SCENE],  # the lecture's order
                     ("dark", "16:9"): [f"{FIGURE}-dark", SCENE],  # the other theme
                     ("dark", "4:3"): [f"{FIGURE}-dark", f"{SCENE}-dark-4x3"]}  # other aspect
    for theme, aspect in variants(built):
        suffix = options.stem("", theme, aspect)
        for pattern in DECKS:
            assert (built / pattern.format(suffix)).is_file(), (pattern, suffix)
    dark_deck = (built / "beamer" / "lecture-dark.tex").read_text()
    assert f"{SCENE}-deck/" in dark_deck and f"{FIGURE}-dark.pdf" in dark_deck
    slides = (built / "slides" / "index-dark.html").read_text()
    assert f"{SCENE}-sections/01.mp4" in slides and f"{FIGURE}-dark.svg" in slides


def test_a_variant_is_written_again_only_when_something_it_shows_changed(built):
    record = json.loads((built / outdir.PUBLISHED).read_text())
    assert set(record) == {"light/16:9", "dark/16:9", "dark/4:3"}
    pptx = built / "lecture.pptx"
    before = {p: p.stat().st_mtime_ns for p in built.rglob("*") if p.is_file()}
    publish(built, "light", "16:9")
    assert {p: p.stat().st_mtime_ns for p in before} == before  # nothing written
    pptx.unlink()  # a deck the lecturer deleted comes back
    publish(built, "light", "16:9")
    assert pptx.is_file()
    publish(built, "light", "16:9", video="poster")  # another deck mode: written again
    assert r"\href{run:" in (built / "beamer" / "lecture.tex").read_text()
    assert (built / "beamer" / "lecture-dark.tex").stat().st_mtime_ns > before[
        built / "beamer" / "lecture-dark.tex"]
    publish(built, "light", "16:9")


def test_the_light_pages_videos_switch_with_dark_mode(built, tab):
    page, console = tab
    html = (built / "index-4x3.html")
    assert not html.exists()  # only the dark 4:3 scene: its light page is not made up
    index = (built / "index.html").read_text()
    assert index.count("<video") == 1  # no dark 16:9 scene: one video, shown in both modes
    # the dark 4:3 page's scene is its own; a light 4:3 render gives its page both
    _render(built, SCENE, "--aspect", "4:3")
    light43 = (built / "index-4x3.html").read_text()
    assert light43.count("<video") == 2
    for scheme, shown in (("light", f"{SCENE}-4x3.mp4"), ("dark", f"{SCENE}-dark-4x3.mp4")):
        page.emulate_media(color_scheme=scheme)
        page.goto((built / "index-4x3.html").as_uri())
        visible = page.eval_on_selector_all(
            "video", "vs => vs.filter(v => v.offsetParent !== null)"
                     ".map(v => v.querySelector('source').getAttribute('src'))")
        assert visible == [shown], scheme
    assert not [m for m in console if "error" in m[0].lower()]


def test_a_scene_without_video_shows_its_last_deck_frame_everywhere(tmp_path):
    # The deck's frame folder holds its timeline beside the JPEGs: counting its files named a
    # frame past the last one (the page's image did not load).
    _render(tmp_path, SCENE, "--format", "png-sequence")
    (item,) = published(tmp_path, "light", "16:9")
    last = item.last_deck_frame()
    jpegs = sorted((tmp_path / item.file(options.DECK_FRAMES)).glob("*.jpg"))
    assert last == f"{item.file(options.DECK_FRAMES)}/{jpegs[-1].name}"
    assert f'src="{last}"' in (tmp_path / "index.html").read_text()
    assert f'data-src="media/{last}"' in (tmp_path / "slides" / "index.html").read_text()
    assert (tmp_path / "slides" / "media" / last).is_file()
    from pptx import Presentation
    pictures = [shape.image.blob for slide in Presentation(tmp_path / "lecture.pptx").slides
                for shape in slide.shapes if shape.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
    assert pictures == [jpegs[-1].read_bytes()]
