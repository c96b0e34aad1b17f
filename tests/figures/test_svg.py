"""Every figure's SVG stands on its own: glyphs drawn as paths (no font to lack), named and
described for screen readers, and in Chromium it looks as the PNG of the same figure does."""
import math
import re
import subprocess
import xml.etree.ElementTree as ET

import matplotlib
import numpy as np
import pytest
from PIL import Image
from scipy import ndimage

import theme as theme_module
from assets import jobs, options
from assets.figure_render import build, styled
from tests.conftest import FIGURES
from tests.test_publish import CHROMIUM

NS = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"
WIDTH, HEIGHT = (round(v * theme_module.PNG_DPI) for v in theme_module.FIGURE_SIZE["16:9"])

# Chromium fills the SVG's glyph outlines; Agg draws hinted glyphs, whose advances drift the end
# of a long label up to about 5 px (of 2000) from the outline's place, and edges antialias
# differently. So a pixel counts as off when one of its channels lies more than LEVELS outside
# the range of the other image's pixels within REACH px, either way round; a figure looks
# different when some BLOCK x BLOCK square holds more than MOST off pixels. Measured: right
# SVGs have at most 23 (softmax-gaussians' long legend text), a prime drawn as a superscript 0
# 70, text in fonts Chromium lacks (svg.fonttype "none") 67 to 128.
REACH, LEVELS, BLOCK, MOST = 6, 64, 16, 32


def render(asset_id, out, **kw):
    (job,) = jobs.plan([asset_id], out=out, **kw)
    return {f.suffix: f for f in jobs.run(job)}


def assert_self_contained(svg):
    root = ET.parse(svg).getroot()
    tags = {element.tag.removeprefix(NS) for element in root.iter()}
    assert not tags & {"text", "tspan", "font", "font-face"}, tags
    for element in root.iter():
        assert not [name for name in element.attrib if name.startswith("font")], element.attrib
        assert "font" not in element.get("style", ""), element.get("style")
        assert element.get(XLINK, "#").startswith(("#", "data:")), element.get(XLINK)
    assert not [s.text for s in root.iter(NS + "style") if "font" in s.text]
    return root


@pytest.mark.parametrize("asset_id", FIGURES)
def test_svg_draws_its_glyphs_and_is_named_and_described(asset_id, tmp_path):
    asset = jobs.plan([asset_id])[0].asset
    root = assert_self_contained(render(asset_id, tmp_path, formats=["svg"], theme="dark")[".svg"])
    title, desc = root[0], root[1]
    assert (title.tag, title.text, desc.tag, desc.text) == (NS + "title", asset.title,
                                                            NS + "desc", asset.alt)
    assert root.get("role") == "img"
    assert (root.get("aria-labelledby"), root.get("aria-describedby")) == (
        title.get("id"), desc.get("id")) == (f"{asset_id}-dark-title", f"{asset_id}-dark-desc")


@pytest.mark.parametrize("asset_id", ["loss-as-sum", "logistic-gradient-step"])
def test_tex_labels_are_paths_in_the_svg_too(asset_id, tmp_path):
    svg = render(asset_id, tmp_path, formats=["svg"], tex=True)[".svg"]
    assert_self_contained(svg)
    assert svg.read_text().count("<use ") > 20  # the labels' glyphs, placed


def screenshots(folder, stems, tmp_path):
    """Each ``folder/STEM.svg`` as Chromium draws it at its PNG's size: one page, one launch."""
    columns = math.ceil(math.sqrt(len(stems)))
    rows = math.ceil(len(stems) / columns)
    images = "".join(
        f'<img src="{stem}.svg" style="position:absolute;left:{i % columns * WIDTH}px;'
        f'top:{i // columns * HEIGHT}px;width:{WIDTH}px;height:{HEIGHT}px">'
        for i, stem in enumerate(stems))
    page, shot = folder / "__svgs__.html", tmp_path / "svgs.png"
    page.write_text(f'<!DOCTYPE html><html><body style="margin:0">{images}</body></html>')
    result = subprocess.run([*CHROMIUM, "--hide-scrollbars",
                             f"--user-data-dir={tmp_path / 'chromium'}",
                             f"--window-size={columns * WIDTH},{rows * HEIGHT}",
                             f"--screenshot={shot}", page.as_uri()],
                            capture_output=True, text=True, timeout=600)
    assert shot.exists(), result.stderr[-2000:]
    with Image.open(shot) as image:
        pixels = np.asarray(image.convert("RGB"), np.int16)
    return {stem: pixels[i // columns * HEIGHT:(i // columns + 1) * HEIGHT,
                         i % columns * WIDTH:(i % columns + 1) * WIDTH]
            for i, stem in enumerate(stems)}


def off(a, b):
    """Pixels of ``a`` more than LEVELS outside the range of ``b`` within REACH px."""
    size = (2 * REACH + 1, 2 * REACH + 1, 1)
    low, high = ndimage.minimum_filter(b, size), ndimage.maximum_filter(b, size)
    return ((a < low - LEVELS) | (a > high + LEVELS)).any(axis=2)


def worst_square(shown, png_path):
    """The most off pixels in one BLOCK-square, and where that square is (x, y in the PNG)."""
    with Image.open(png_path) as image:
        png = np.asarray(image.convert("RGB"), np.int16)
    assert shown.shape == png.shape
    both = off(shown, png) | off(png, shown)
    both = np.pad(both, [(0, -n % BLOCK) for n in both.shape])
    counts = both.reshape(both.shape[0] // BLOCK, BLOCK, -1, BLOCK).sum(axis=(1, 3))
    y, x = np.unravel_index(counts.argmax(), counts.shape)
    return int(counts[y, x]), (int(x) * BLOCK, int(y) * BLOCK)


@pytest.mark.parametrize("theme", options.THEMES)
def test_every_svg_looks_in_chromium_as_its_png(theme, tmp_path):
    out = tmp_path / "out"
    stems = []
    for asset_id in FIGURES:
        (job,) = jobs.plan([asset_id], formats=["svg", "png"], theme=theme, out=out)
        jobs.run(job)
        stems.append(job.stem)
    shown = screenshots(out, stems, tmp_path)
    different = {}
    for stem in stems:
        most, where = worst_square(shown[stem], out / f"{stem}.png")
        if most > MOST:
            Image.fromarray(shown[stem].astype(np.uint8)).save(tmp_path / f"{stem}.chromium.png")
            different[stem] = f"{most} px off in the square at {where}"
    assert not different, f"SVG in Chromium unlike the PNG (screenshots in {tmp_path}): {different}"


def test_chromium_comparison_catches_missing_fonts_and_a_wrong_glyph(tmp_path):
    """The comparison fails the SVGs this project once shipped: text set in matplotlib's own
    fonts, which Chromium lacks (𝓛 as boxes, θ′ as θ⁰), and a glyph's outline swapped."""
    out = tmp_path / "out"
    for asset_id in ("loss-as-sum", "logistic-gradient-step"):
        files = render(asset_id, out, formats=["svg", "png"])
        (job,) = jobs.plan([asset_id])
        with styled(job), matplotlib.rc_context({"svg.fonttype": "none"}):
            build(job)[0].savefig(out / f"{asset_id}-text.svg", format="svg")
        (out / f"{asset_id}-text.png").symlink_to(files[".png"])
    svg = (out / "logistic-gradient-step.svg").read_text()
    (prime,) = re.findall(r'<path id="(Cmsy10-\w+)" d="[^"]*"', svg)  # ′, from Computer Modern
    zero = re.search(r'<path id="DejaVuSans-13" d="([^"]*)"', svg)[1]  # the digit 0
    (out / "logistic-gradient-step-swapped.svg").write_text(
        re.sub(rf'(<path id="{prime}" d=")[^"]*', lambda m: m[1] + zero, svg))
    (out / "logistic-gradient-step-swapped.png").symlink_to(out / "logistic-gradient-step.png")

    stems = ["loss-as-sum", "logistic-gradient-step", "loss-as-sum-text",
             "logistic-gradient-step-text", "logistic-gradient-step-swapped"]
    shown = screenshots(out, stems, tmp_path)
    most = {stem: worst_square(shown[stem], out / f"{stem}.png")[0] for stem in stems}
    assert max(most[s] for s in stems[:2]) <= MOST < min(most[s] for s in stems[2:]), most
