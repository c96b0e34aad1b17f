"""Shared fixtures: the project root on sys.path, a CLI runner, and the catalogue by kind."""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assets import catalogue, manifest  # noqa: E402

FIGURES = [a.id for a in catalogue.select("figure")]
SCENES = [a.id for a in catalogue.select("scene")]


def run_build(out, *args, wait=True):
    """``cli.py build`` at low quality in a process of its own (``wait=False``: a Popen, in its
    own session, to be killed)."""
    command = [sys.executable, "cli.py", "build", "--out", str(out), "--quality", "low", *args]
    if not wait:
        return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, start_new_session=True)
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


def wait_for(predicate, timeout=120.0):
    """``predicate()``'s first true value, polled every 50 ms; AssertionError after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError("timed out")


def states(result) -> dict:
    """'stem: state (...)' lines of the non-terminal progress output."""
    assert result.returncode == 0, result.stdout + result.stderr
    found = {}
    for line in result.stdout.splitlines():
        stem, sep, rest = line.partition(": ")
        if sep and rest.split()[0] in ("cached", "done", "failed"):
            found[stem] = rest.split()[0]
    return found


def consistent(out: Path) -> None:
    """Every file the manifest lists is in place with its recorded hash."""
    for stem, entry in manifest.load(out).items():
        for name, info in entry["files"].items():
            assert manifest.describe(out / name)["sha256"] == info["sha256"], (stem, name)


# Debian's Chromium, headless, quiet: no first-run work and no network of its own
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:  # Debian's Chromium: Playwright's own is never fetched
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def tab(chromium):
    """A new tab, and the (text, url) of what it writes to its console, where a refused track
    is reported."""
    tab, console = chromium.new_page(), []
    tab.on("console", lambda message: console.append((message.text, message.location["url"])))
    yield tab, console
    tab.close()


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()


@pytest.fixture
def cli():
    import cli as cli_module

    return cli_module.cli


def pytest_addoption(parser):
    parser.addoption("--regenerate-baselines", action="store_true",
                     help="Overwrite the stored baseline/control images with fresh renders "
                          "(after an intended visual change; look at them before committing).")


@pytest.fixture
def matches_reference(request):
    """Compare a rendered PNG with its stored reference under an RMS tolerance, or store it anew.

    The references are real renders, committed; ``make baselines`` rewrites them.
    """
    import shutil

    from matplotlib.testing.compare import compare_images

    def check(actual: Path, reference: Path, tol: float) -> None:
        if request.config.getoption("--regenerate-baselines"):
            reference.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(actual, reference)
            return
        assert reference.exists(), (f"no reference {reference.name}; "
                                    "run 'make baselines' and look at it")
        failure = compare_images(str(reference), str(actual), tol=tol)
        assert failure is None, failure

    return check


@pytest.fixture(autouse=True)
def own_manim_media(tmp_path):
    """Each test that builds Manim text does it in its own media folder: Manim parses every SVG
    through a scratch file with a fixed name, which tests running side by side would share."""
    if "manim" not in sys.modules:
        yield
        return
    from manim import tempconfig

    with tempconfig({"media_dir": str(tmp_path / "manim-media")}):
        yield
