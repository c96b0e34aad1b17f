"""The project as an installed package (scripts/setup.sh installs it into .venv, editable): from a
folder outside the repository its modules are this clone's files, ``gd-lecture`` is ``cli.py``,
and what a new user tries — plain ``manim render``, a notebook's imports — works."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from matplotlib.testing.compare import compare_images
from PIL import Image

import cli
from tests.conftest import ROOT

BIN = Path(sys.prefix, "bin")  # the venv's commands: python, gd-lecture, manim
PYTHON = str(BIN / "python")
MODULES = {"sim": "sim/__init__.py", "assets": "assets/__init__.py",
           "scenes": "scenes/__init__.py", "figures": "figures/__init__.py",
           "theme": "theme.py", "cli": "cli.py"}


def run(command: list[str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """``command`` in ``cwd`` as a user's shell runs it: no PYTHONPATH, nothing of the tests'."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)


def test_modules_import_from_any_folder_as_this_clones_files(tmp_path):
    names = ", ".join(MODULES)
    result = run([PYTHON, "-c", f"import json, {names}; "
                  f"print(json.dumps({{m.__name__: m.__file__ for m in ({names})}}))"], tmp_path)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert {name: Path(path).resolve() for name, path in found.items()} == {
        name: (ROOT / path).resolve() for name, path in MODULES.items()}


def test_console_script_is_the_cli(tmp_path):
    script = run([BIN / "gd-lecture", "list"], tmp_path)
    reference = run([PYTHON, "cli.py", "list"], ROOT)
    assert script.returncode == reference.returncode == 0, script.stderr + reference.stderr
    assert script.stdout == reference.stdout
    assert "gradient-level-sets" in script.stdout
    as_module = run([PYTHON, "-m", "cli", "list"], tmp_path)
    assert (as_module.returncode, as_module.stdout) == (0, reference.stdout)


def test_console_script_names_itself_and_the_installed_version(tmp_path):
    helped = run([BIN / "gd-lecture", "--help"], tmp_path)
    assert helped.returncode == 0 and helped.stdout.startswith("Usage: gd-lecture "), helped.stdout
    versioned = run([BIN / "gd-lecture", "--version"], tmp_path)
    assert versioned.stdout == f"gd-lecture, version {cli.VERSION}\n"
    assert version("gd-lecture-assets") == cli.VERSION  # pyproject reads it from cli.py


def test_console_script_errors_are_one_line(tmp_path):
    result = run([BIN / "gd-lecture", "render", "gd-vs-sgt"], tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("error: unknown asset 'gd-vs-sgt' (did you mean 'gd-vs-sgd'?)")
    assert result.stderr.count("\n") == 1, result.stderr


def test_a_notebook_imports_a_scene_and_computes_at_the_defaults(tmp_path):
    from scenes.sgd import GDvsSGD

    result = run([PYTHON, "-c", "import json, scenes.sgd\n"
                  "from scenes.sgd import GDvsSGD\n"
                  "scene = GDvsSGD(); scene.setup()\n"
                  "race = GDvsSGD.compute(scene.params, scene.seed)\n"
                  "print(json.dumps({'file': scenes.sgd.__file__, 'params': vars(scene.params),"
                  " 'race': type(race).__name__}))"], tmp_path)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert Path(found["file"]).resolve() == (ROOT / "scenes/sgd.py").resolve()
    assert found["params"] == GDvsSGD.ASSET.defaults()
    assert found["race"] == "Race"


@pytest.fixture(scope="module")
def plain_render(tmp_path_factory):
    """``manim render <repo>/scenes/sgd.py GDvsSGD``, last frame at low quality, from a folder
    outside the repository: the scene unbound, at its declared defaults."""
    cwd = tmp_path_factory.mktemp("elsewhere")
    media = tmp_path_factory.mktemp("media")
    result = run([BIN / "manim", "render", ROOT / "scenes/sgd.py", "GDvsSGD", "-ql", "-s",
                  "--media_dir", media], cwd, timeout=300)
    return result, cwd, sorted(media.rglob("*.png"))


def test_plain_manim_render_works_from_any_folder(plain_render):
    result, cwd, pngs = plain_render
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert [png.name for png in pngs] == ["GDvsSGD_ManimCE_v0.22.0.png"]
    assert Image.open(pngs[0]).size == (854, 480)
    assert list(cwd.iterdir()) == []  # everything went to --media_dir


def test_plain_manim_render_looks_like_the_lecture(plain_render):
    """At the defaults and in the light theme, plain Manim draws the frame the build does."""
    _result, _cwd, pngs = plain_render
    control = ROOT / "tests/scenes/controls/gd-vs-sgd.png"
    assert compare_images(str(control), str(pngs[0]), tol=3.0) is None
