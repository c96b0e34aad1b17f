"""Parameter sweeps: a variant per value (``ID@lr=0.1``) with its own files, sidecar, manifest
entry and snippet, refused up front when any value is wrong, and shown after its asset's
default in every deck, the page and ``list``/``show --out``."""
import json
import re
import shutil
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from pptx import Presentation

from assets import jobs, manifest, sweeps
from assets.catalogue import get
from assets.published import publish
from tests.conftest import ROOT, run_build, states
from tests.test_cli import one_line_error
from tests.test_publish import pdflatex

FIGURE, SCENE = "gradient-level-sets", "gd-vs-sgd"
FIGURE_SWEEP = f"{FIGURE}.level=1.2,0.30"  # given out of order, one value not canonical
FIGURE_VARIANTS = [f"{FIGURE}@level=0.3", f"{FIGURE}@level=1.2"]  # shown by value
SCENE_VARIANT = f"{SCENE}@lr=0.1,batch_size=4"
SCENE_LABEL = "ε\u00a0=\u00a00.1, b\u00a0=\u00a04"  # no-break spaces: a title wraps between pairs
# what the module's render makes of that sweep with --set seconds=2: a --set value off the
# default is named too (it was not, and a sweep without it would have taken its files)
RENDERED = f"{SCENE_VARIANT},seconds=2"
RENDERED_LABEL = f"{SCENE_LABEL}, seconds\u00a0=\u00a02"
LEVELS = ["level\u00a0=\u00a00.3", "level\u00a0=\u00a01.2"]
DEFAULT_LEVEL = "level\u00a0=\u00a00.6"  # the default's slide states its own value beside them


@pytest.mark.parametrize("value, text", [
    (0.1, "0.1"), (0.10, "0.1"), (2.0, "2"), (-0.0, "0"), (1e-05, "1e-05"),
    (0.1 + 0.2, "0.30000000000000004"), (4, "4"), (True, "true"), ("double-well", "double-well")])
def test_each_value_has_one_canonical_text(value, text):
    assert sweeps.canonical(value) == text


def test_a_sweep_adds_a_job_per_value_after_its_assets_default():
    planned = jobs.plan([FIGURE, SCENE], sweeps=[f"{SCENE}.lr=0.10,0.5"], sets=[f"{SCENE}.lr=0.05"])
    assert [j.id for j in planned] == [FIGURE, SCENE, f"{SCENE}@lr=0.1", f"{SCENE}@lr=0.5"]
    assert [j.params["lr"] for j in planned[1:]] == [0.05, 0.1, 0.5]  # the sweep wins for lr
    assert planned[2].stem == f"{SCENE}@lr=0.1" and planned[2].variant == (("lr", 0.1),)
    dark = jobs.plan([SCENE], sweeps=["lr=0.1"], theme="dark", aspect="4:3", defaults=False)
    assert [j.stem for j in dark] == [f"{SCENE}@lr=0.1-dark-4x3"]  # render: the variants only


def test_several_sweeps_give_the_product_named_in_parameter_order():
    planned = jobs.plan([SCENE], sweeps=["batch_size=4,8", "lr=0.1,0.2"], defaults=False)
    assert [j.id for j in planned] == [f"{SCENE}@lr={lr},batch_size={b}"
                                       for lr in ("0.1", "0.2") for b in (4, 8)]
    assert planned[1].params == {**get(SCENE).defaults(), "lr": 0.1, "batch_size": 8}


def test_a_value_giving_the_assets_own_values_is_the_asset_not_a_variant():
    # sweeping the default rendered a copy of the default, shown twice in every deck
    default = get(SCENE).defaults()["lr"]
    assert [j.id for j in jobs.plan([SCENE], sweeps=[f"{SCENE}.lr=0.1,{default}"])] == [
        SCENE, f"{SCENE}@lr=0.1"]
    rendered = jobs.plan([SCENE], sweeps=[f"lr=0.1,{default}"], defaults=False)
    assert [j.id for j in rendered] == [SCENE, f"{SCENE}@lr=0.1"]
    with_set = jobs.plan([SCENE], sets=["lr=0.05"], sweeps=[f"{SCENE}.lr=0.05,{default}"])
    assert [(j.id, j.params["lr"]) for j in with_set] == [(SCENE, 0.05),
                                                          (f"{SCENE}@lr={default:g}", default)]


def test_a_set_value_off_the_default_is_named_in_a_variants_id():
    # --set n=100 --sweep lr=0.1 was gd-vs-sgd@lr=0.1, the id of the same sweep without --set
    planned = jobs.plan([SCENE], sets=[f"{SCENE}.n=100"], sweeps=[f"{SCENE}.lr=0.1"])
    assert [j.id for j in planned] == [SCENE, f"{SCENE}@lr=0.1,n=100"]
    assert planned[1].params["n"] == 100 and planned[1].params["lr"] == 0.1
    assert sweeps.parse_id(get(SCENE), planned[1].id) == planned[1].variant


def test_an_id_names_one_variant_and_nothing_else():
    asset = get(SCENE)
    variant = (("lr", 0.1), ("batch_size", 4))
    assert sweeps.parse_id(asset, SCENE_VARIANT) == variant
    for other in (SCENE, f"{SCENE}@lr=0.10", f"{SCENE}@batch_size=4,lr=0.1", f"{SCENE}@eta=1",
                  f"{FIGURE}@level=0.3", f"{SCENE}@lr=x"):
        assert sweeps.parse_id(asset, other) is None, other
    held = sweeps.held(asset, [f"{SCENE}@lr=0.5", SCENE, SCENE_VARIANT, f"{SCENE}@lr=0.01"])
    assert [sweeps.variant_id(SCENE, v) for v in held] == [
        f"{SCENE}@lr=0.01", f"{SCENE}@lr=0.1,batch_size=4", f"{SCENE}@lr=0.5"]
    assert sweeps.title(asset, variant) == f"{asset.title} — {SCENE_LABEL}"


@pytest.mark.parametrize("args, message", [
    (["build", "--sweep", f"{SCENE}.lr=0.1,0.9"], "--sweep gd-vs-sgd.lr: lr=0.9 is out of bounds"),
    (["build", "--sweep", f"{SCENE}.batch_size=10,50"],
     "gd-vs-sgd@batch_size=50: batch_size=50 and n=50 break batch_size < n"),
    (["build", "--sweep", f"{SCENE}.lx=0.1"],
     "gd-vs-sgd has no parameter 'lx' (did you mean 'lr'?)"),
    (["build", "--sweep", "gd-vs-sgt.lr=0.1"], "unknown asset 'gd-vs-sgt' (did you mean"),
    (["build", "--sweep", "lr=0.1"], "--sweep lr=0.1: say which asset, as ID.NAME=V1,V2"),
    (["build", "--only", FIGURE, "--sweep", f"{SCENE}.lr=0.1"],
     "gd-vs-sgd is not among the assets requested"),
    (["build", "--sweep", f"{SCENE}.lr=0.1,0.10"], "0.1 and 0.10 are the same value"),
    (["build", "--sweep", f"{SCENE}.lr=0.1,,0.2"], "expected values separated by commas"),
    (["build", "--sweep", f"{SCENE}.lr=0.1", "--sweep", f"{SCENE}.lr=0.2"], "is given twice"),
    (["build", "--sweep", f"{SCENE}.lr=" + ",".join(f"0.{k:02d}" for k in range(1, 10)),
      "--sweep", f"{SCENE}.epochs=" + ",".join(map(str, range(2, 10)))],
     "the sweeps ask for 72 variants; at most 64"),
    (["render", FIGURE, SCENE, "--sweep", "lr=0.1"], "say which asset"),
    (["render", FIGURE, "--sweep", "points=0,3"], "points=0 is out of bounds"),
])
def test_a_wrong_sweep_is_one_line_exit_2_and_writes_nothing(runner, cli, tmp_path, args,
                                                              message):
    out = tmp_path / "out"
    line = one_line_error(runner.invoke(cli, [*args, "--out", str(out)]))
    assert message in line, line
    assert not out.exists()


@pytest.fixture(scope="module")
def swept(tmp_path_factory):
    """A figure with two variants (build) and a scene variant of two parameters (render),
    at low quality: the second build's result too."""
    out = tmp_path_factory.mktemp("out")
    first = run_build(out, "--only", FIGURE, "--sweep", FIGURE_SWEEP)
    assert first.returncode == 0, first.stderr
    render = subprocess.run([sys.executable, "cli.py", "render", SCENE, "--sweep", "lr=0.1",
                             "--sweep", "batch_size=4", "--set", "seconds=2", "--quality", "low",
                             "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert render.returncode == 0, render.stderr
    return out, run_build(out, "--only", FIGURE, "--sweep", f"{FIGURE}.level=0.3,1.2")


SHOWN = [FIGURE, *FIGURE_VARIANTS, RENDERED]  # the order of every deck and the page


def test_each_variant_has_its_own_files_sidecar_manifest_entry_and_snippet(swept):
    out, _ = swept
    entries = manifest.load(out)
    for variant_id, level, label in zip(FIGURE_VARIANTS, (0.3, 1.2), LEVELS):
        assert {p.name for p in out.glob(f"{variant_id}.*")} == {
            f"{variant_id}.{ext}" for ext in ("pdf", "svg", "png", "json")}
        sidecar = json.loads((out / f"{variant_id}.json").read_text())
        assert (sidecar["id"], sidecar["asset"], sidecar["variant"]) == (
            variant_id, FIGURE, {"level": level})
        assert sidecar["params"]["level"] == entries[variant_id]["params"]["level"] == level
        assert entries[variant_id]["id"] == variant_id
        assert f"{variant_id}.pdf" in (out / "snippets" / f"{variant_id}.tex").read_text()
        assert f"— {label}</title>" in (out / f"{variant_id}.svg").read_text()
    sidecar = json.loads((out / f"{RENDERED}.json").read_text())
    assert sidecar["variant"] == {"lr": 0.1, "batch_size": 4, "seconds": 2} and sidecar["sections"]
    assert sidecar["caption"].startswith(f"{RENDERED_LABEL}. Written for the defaults (ε\u00a0="
                                         "\u00a00.2, b\u00a0=\u00a05, seconds\u00a0=\u00a016): ")
    assert {f"{RENDERED}{s}" for s in (".mp4", ".png", "-deck", "-sections", ".vtt")} <= {
        p.name for p in out.iterdir()}
    assert SCENE not in entries  # render --sweep renders the variants, not the default


def test_a_second_identical_build_renders_nothing(swept):
    _, second = swept
    assert set(states(second).values()) == {"cached"}
    assert "0 rendered, 3 up to date" in second.stdout


def test_the_browser_deck_shows_each_variant_after_its_default_with_its_values(swept):
    out, _ = swept
    page = BeautifulSoup((out / "slides" / "index.html").read_text(), "html.parser")
    slides = page.select(".slides > section[data-asset]")
    assert list(dict.fromkeys(s["data-asset"] for s in slides)) == SHOWN
    headings = [s.h2.get_text() for s in slides]
    assert headings[:3] == [f"{get(FIGURE).title} — {label}" for label in (DEFAULT_LEVEL, *LEVELS)]
    assert headings[3].startswith(f"{get(SCENE).title} — {RENDERED_LABEL} — ")  # and the section
    for img in page.select("img[data-src]"):
        assert (out / "slides" / img["data-src"]).is_file(), img["data-src"]


def test_the_page_and_the_powerpoint_deck_list_the_variants_in_order(swept):
    out, _ = swept
    page = BeautifulSoup((out / "index.html").read_text(), "html.parser")
    assert [s["id"] for s in page.select("section")] == SHOWN
    assert page.select("section")[1].h2.get_text().endswith(f"— {LEVELS[0]}")
    deck = Presentation(out / "lecture.pptx")
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides][1:]
    expected = [f"{get(FIGURE).title} — {label}" for label in (DEFAULT_LEVEL, *LEVELS)]
    assert titles[:3] == expected
    assert set(titles[3:]) == {f"{get(SCENE).title} — {RENDERED_LABEL}"}


@pytest.mark.parametrize("video", ["animate", "poster"])
def test_a_beamer_deck_with_variants_compiles(swept, tmp_path, video):
    out = tmp_path / swept[0].name
    shutil.copytree(swept[0], out)
    publish(out, "light", "16:9", video=video)
    tex = (out / "beamer" / "lecture.tex").read_text()
    titles = re.findall(r"\\begin\{frame\}\{(.*)\}", tex)
    assert titles == [*(f"{get(FIGURE).title} --- level~=~{v}" for v in ("0.6", "0.3", "1.2")),
                      r"Gradient descent vs SGD vs mini-batch SGD --- \ensuremath{\epsilon}~=~0.1, "
                      "b~=~4, seconds~=~2"]
    assert r"\texttt{gd-vs-sgd@lr=0.1,batch\_size=4,seconds=2}" in tex
    result = pdflatex(out / "beamer")
    assert result.returncode == 0, result.stdout[-2000:]
    assert "Overfull" not in (out / "beamer" / "lecture.log").read_text()


def test_list_and_show_with_out_name_the_variants_held_there(runner, cli, swept):
    out, _ = swept
    listed = runner.invoke(cli, ["list", "--out", str(out)]).output.splitlines()
    start = next(i for i, line in enumerate(listed) if line.startswith(FIGURE + " "))
    assert [line.split()[0] for line in listed[start:start + 3]] == [FIGURE, *FIGURE_VARIANTS]
    assert listed[start + 1].startswith("  ") and listed[start + 1].endswith(f"— {LEVELS[0]}")
    scenes = runner.invoke(cli, ["list", "--out", str(out), "--kind", "scene"]).output
    assert RENDERED in scenes
    assert "@" not in runner.invoke(cli, ["list"]).output  # without --out, as before
    shown = runner.invoke(cli, ["show", SCENE, "--out", str(out)]).output
    assert shown.endswith(f"variants in {out}:\n  {RENDERED}  {RENDERED_LABEL}  (light 16:9)\n")
    assert runner.invoke(cli, ["show", "convexity", "--out", str(out)]).output.endswith(
        f"no variants in {out}\n")
