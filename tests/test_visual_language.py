"""Each asset shows each colour with one meaning, and tells its colours apart in every vision.

The meanings an asset uses are recorded while it is drawn (figures) or
constructed to its last frame (scenes), from a theme that notes every meaning
read from it: no list to keep in step with the drawing code.
"""
import ast
import itertools
import re
from unittest import mock

import pytest
from matplotlib.colors import is_color_like

import theme
from assets import catalogue, figure_render, jobs, scene_render, scene_worker
from tests import palette
from tests.conftest import FIGURES, ROOT, SCENES


def meanings_used(asset_id: str, out) -> set[str]:
    """The theme meanings ``asset_id`` reads when drawn with its defaults (light theme)."""
    used: set[str] = set()
    kind = catalogue.get(asset_id).kind
    (job,) = jobs.plan([asset_id], sets=[], seed=0, quality="low",
                       formats=["png"] if kind == "figure" else ["png-poster"], out=out)
    with mock.patch.dict(theme.THEMES, light=palette.recording(theme.LIGHT, used)):
        if kind == "figure":
            with figure_render.styled(job):
                figure_render.build(job)
        else:
            scene_worker.rendered(scene_render.worker_spec(job, out / "media"))
    return used


@pytest.fixture(scope="module")
def meanings(tmp_path_factory):
    cache = {}

    def get(asset_id):
        if asset_id not in cache:
            cache[asset_id] = meanings_used(asset_id, tmp_path_factory.mktemp(asset_id))
        return cache[asset_id]

    return get


def test_the_recorder_sees_what_a_figure_reads(meanings):
    assert {"gd", "sgd", "minibatch", "level"} <= meanings("gd-sgd-minibatch")


def clashes(meanings) -> list[str]:
    """Every pair of ``meanings`` that share a colour or differ by less than MIN_DELTA_E in some
    vision, in some theme."""
    found = []
    for th in theme.THEMES.values():
        for a, b in itertools.combinations(sorted(meanings), 2):
            ca, cb = getattr(th, a), getattr(th, b)
            if ca == cb:
                found.append(f"{th.name}: {a} and {b} are both {ca}")
                continue
            for vision in palette.VISIONS:
                difference = palette.delta_e(ca, cb, vision)
                if difference < palette.MIN_DELTA_E:
                    found.append(f"{th.name}, {vision}: {a} {ca} and {b} {cb} differ by "
                                 f"ΔE00 {difference:.1f}")
    return found


def test_a_clash_is_found():
    # GD and class 1 share a hue by design (they never meet); black and near-black nearly merge
    assert any("are both" in c for c in clashes({"gd", "class1"}))
    assert clashes({"foreground", "boundary"})
    assert not clashes({"gd", "sgd"})


@pytest.mark.parametrize("asset_id", FIGURES + SCENES)
def test_one_asset_shows_each_colour_with_one_meaning_and_tells_them_apart(asset_id, meanings):
    assert clashes(meanings(asset_id) - set(theme.INK)) == []


COLOUR_KEYWORDS = {"color", "colors", "c", "facecolor", "edgecolor", "facecolors", "edgecolors",
                   "mfc", "mec", "markerfacecolor", "markeredgecolor", "fill_color",
                   "stroke_color", "background_color", "colour"}
MANIM_COLOURS = re.compile(r"^(WHITE|BLACK|GR[AE]Y|RED|BLUE|GREEN|YELLOW|ORANGE|PURPLE|PINK|TEAL|"
                           r"GOLD|MAROON|LIGHT_\w+|DARK_\w+|PURE_\w+)(_[A-E])?$")


def colour_literals(source: str) -> list[str]:
    """Colours written into drawing code instead of read from a theme: hex strings anywhere, a
    named colour passed to a colour keyword, Manim's colour constants."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and re.search(r"#[0-9A-Fa-f]{6}\b", node.value):
            found.append((node.lineno, repr(node.value)))
        elif isinstance(node, ast.keyword) and node.arg in COLOUR_KEYWORDS \
                and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str) \
                and node.value.value != "none" and is_color_like(node.value.value):
            found.append((node.lineno, f"{node.arg}={node.value.value!r}"))
        elif isinstance(node, ast.Name) and MANIM_COLOURS.match(node.id):
            found.append((node.lineno, node.id))
    return [f"line {line}: {what}" for line, what in sorted(found)]


def test_a_colour_literal_is_found():
    assert colour_literals('plot(x, color="red")\nText("a", color=WHITE)\nc = "#901A5F"\n') == [
        "line 1: color='red'", "line 2: WHITE", "line 3: '#901A5F'"]
    assert colour_literals('fill(x, facecolor="none")\nrc = {"loc": "left"}\n') == []


@pytest.mark.parametrize("path", sorted((ROOT / "figures").glob("*.py"))
                         + sorted((ROOT / "scenes").glob("*.py")), ids=lambda p: p.name)
def test_drawing_code_takes_every_colour_from_the_theme(path):
    assert colour_literals(path.read_text()) == []
