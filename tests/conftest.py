"""Shared fixtures: the project root on sys.path, a CLI runner, and the catalogue by kind."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assets import catalogue  # noqa: E402

FIGURES = [a.id for a in catalogue.select("figure")]
SCENES = [a.id for a in catalogue.select("scene")]


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()


@pytest.fixture
def cli():
    import cli as cli_module

    return cli_module.cli
