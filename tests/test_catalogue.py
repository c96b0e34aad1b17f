"""The catalogue reads declarations without importing, and they agree with the imported code."""
import importlib
import re
from dataclasses import replace

import pytest

from assets import catalogue
from assets.params import Param


def test_order_lists_exactly_the_declared_assets_once():
    declared = list(catalogue.catalogue())  # raises if a declared id is missing from ORDER
    assert declared == list(catalogue.ORDER)
    assert len(set(catalogue.ORDER)) == len(catalogue.ORDER)


@pytest.mark.parametrize("asset", catalogue.select(), ids=lambda a: a.id)
def test_declaration_read_from_source_equals_the_imported_one(asset):
    module = importlib.import_module(asset.module)
    imported = getattr(module, asset.cls).ASSET if asset.cls else module.ASSET
    assert imported == replace(asset, module="", cls=None, source=None)


@pytest.mark.parametrize("asset", catalogue.select(), ids=lambda a: a.id)
def test_declaration_is_complete_and_defaults_are_valid(asset):
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", asset.id)
    assert asset.title and asset.slide and asset.caption.endswith(".") and asset.alt
    for p in asset.params:
        assert isinstance(p.default, p.type) and p.help
        assert p.check(p.default) == p.default


def test_param_parsing_and_errors():
    lr = Param("lr", float, 0.1, (0.001, 1.0), "step size")
    assert lr.parse("0.5") == 0.5
    with pytest.raises(catalogue.AssetError, match="not a valid float"):
        lr.parse("fast")
    with pytest.raises(catalogue.AssetError, match=r"out of bounds; expected float in \[0.001, 1\]"):
        lr.parse("2")
    flag = Param("grid", bool, True, help="draw a grid")
    assert flag.parse("no") is False and flag.parse("TRUE") is True
    with pytest.raises(catalogue.AssetError):
        flag.parse("maybe")


def test_a_broken_declaration_is_one_clear_line(tmp_path, monkeypatch):
    (tmp_path / "figures").mkdir()
    (tmp_path / "scenes").mkdir()
    (tmp_path / "figures" / "broken.py").write_text("ASSET = FigureAsset(id='x',\n")
    monkeypatch.setattr(catalogue, "ROOT", tmp_path)
    catalogue.catalogue.cache_clear()
    try:
        with pytest.raises(catalogue.CatalogueError, match=r"figures/broken.py line 1"):
            catalogue.catalogue()
        (tmp_path / "figures" / "broken.py").write_text("ASSET = FigureAsset(id=WHO)\n")
        catalogue.catalogue.cache_clear()
        with pytest.raises(catalogue.CatalogueError, match="must use only literals"):
            catalogue.catalogue()
    finally:
        catalogue.catalogue.cache_clear()
