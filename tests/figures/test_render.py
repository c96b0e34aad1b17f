"""Every catalogue figure renders in every format and theme, byte-identically twice."""
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

import theme as theme_module
from assets import jobs, options
from tests.conftest import FIGURES


def render(asset_id, out, **kw):
    (job,) = jobs.plan([asset_id], out=out, **kw)
    return jobs.run(job)


@pytest.mark.parametrize("theme", options.THEMES)
@pytest.mark.parametrize("aspect", options.ASPECTS)
@pytest.mark.parametrize("asset_id", FIGURES)
def test_renders_every_format(asset_id, theme, aspect, tmp_path):
    files = {f.suffix: f for f in render(asset_id, tmp_path, theme=theme, aspect=aspect)}
    assert sorted(files) == [".json", ".pdf", ".png", ".svg"]  # the sidecar too
    assert files[".pdf"].read_bytes().startswith(b"%PDF")
    assert ET.parse(files[".svg"]).getroot().tag.endswith("svg")
    width, height = theme_module.FIGURE_SIZE[aspect]
    with Image.open(files[".png"]) as png:
        assert png.size == (round(width * theme_module.PNG_DPI), round(height * theme_module.PNG_DPI))
        corner = png.convert("RGB").getpixel((0, 0))
    assert "#{:02X}{:02X}{:02X}".format(*corner) == theme_module.THEMES[theme].background
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left


@pytest.mark.parametrize("asset_id", FIGURES)
def test_two_renders_are_byte_identical(asset_id, tmp_path):
    first = render(asset_id, tmp_path / "a", seed=7)
    second = render(asset_id, tmp_path / "b", seed=7)
    for a, b in zip(first, second):
        assert Path(a).read_bytes() == Path(b).read_bytes(), a.name
    assert (tmp_path / "a" / f"{asset_id}.json").read_text() == \
        (tmp_path / "b" / f"{asset_id}.json").read_text()


def test_tex_labels_render_every_format_reproducibly(tmp_path):
    first = render("gradient-level-sets", tmp_path / "a", tex=True)
    second = render("gradient-level-sets", tmp_path / "b", tex=True)
    plain = render("gradient-level-sets", tmp_path / "c")
    for a, b, c in zip(first, second, plain):
        assert a.read_bytes() == b.read_bytes(), a.name
        if a.suffix == ".pdf":
            assert a.read_bytes() != c.read_bytes()  # really typeset differently


def test_mathtext_parses_are_shared_by_every_parser_of_one_output_type():
    import matplotlib
    from matplotlib.font_manager import FontProperties
    from matplotlib.ft2font import LoadFlags
    from matplotlib.mathtext import MathTextParser

    from assets import figure_render

    label, prop = r"$\nabla_\theta L = \frac{1}{n}\sum_i \ell_i(\theta)$", FontProperties(size=13.7)
    misses = figure_render._parse_for.cache_info().misses
    first = MathTextParser("path").parse(label, 72, prop)
    assert MathTextParser("path").parse(label, 72, prop) is first  # a new parser: no new parse
    assert figure_render._parse_for.cache_info().misses == misses + 1
    antialiased = matplotlib.rcParams["text.antialiased"]
    assert first == figure_render._parse(MathTextParser("path"), label, 72, prop, antialiased,
                                         LoadFlags.NO_HINTING)  # what matplotlib itself parses
    assert type(MathTextParser("agg").parse(label, 72, prop)).__name__ == "RasterParse"
