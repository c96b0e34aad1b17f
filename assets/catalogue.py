"""The catalogue: every figure and scene, found by convention, in the lecture's order.

An asset is declared once, where it is drawn: ``ASSET = FigureAsset(...)`` at
the top level of a module in ``figures/``, or ``ASSET = SceneAsset(...)`` in
the body of a scene class in ``scenes/``, with its parameters (``Param``) and
the relations between them (``Rule``), both checked before anything renders. The catalogue reads those
declarations from the source with ``ast`` instead of importing the modules, so
listing assets never imports Manim or matplotlib.
"""
from __future__ import annotations

import ast
import functools
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, ClassVar

from assets.errors import AssetError, CatalogueError
from assets.params import RELATIONS, Param, Rule, did_you_mean

ROOT = Path(__file__).resolve().parent.parent

# What every deck and the page are titled
LECTURE = "Gradient Descent and Backpropagation 1"
SUBTITLE = "Figures and animations"

# The lecture's order, slide by slide: builds, listings and decks follow it.
ORDER = (
    "logistic-geometry", "logistic-rotation",  # summary: logistic geometry
    "logistic-gradient-step", "logistic-sgd",  # summary: gradient of the logistic loss
    "softmax-gaussians",  # summary: softmax from Gaussians
    "single-layer-network", "single-layer-forward",  # single-layer networks
    "two-layer-network", "two-layer-forward",  # two-layer networks
    "architectures",  # complex architectures
    "brain-vs-gpt4",  # biological vs deep networks
    "convexity", "convexity-chord",  # convex and non-convex functions
    "gradient-steepest-ascent", "directional-derivative",  # the gradient
    "chain-rule-graph", "chain-rule-backward",  # the chain rule
    "gradient-level-sets", "level-set-walk",  # the geometrical meaning of the gradient
    "loss-as-sum",  # SGD I
    "gd-sgd-minibatch", "gd-vs-sgd",  # SGD II-III
    "sgd-noise-ball", "saddle-escape",  # SGD III: noise helps early, hurts late
    "epoch-minibatches", "epoch-shuffle",  # SGD III: one epoch
    "batching-schemes",  # SGD III: batching schemes
    "cross-entropy-softmax", "cross-entropy-bars",  # cross-entropy for multiclass
)


@dataclass(frozen=True)
class Asset:
    """What a lecturer needs to know about an asset, and where its code lives."""

    kind: ClassVar[str]
    id: str
    title: str
    slide: str
    caption: str
    alt: str
    params: tuple[Param, ...] = ()
    rules: tuple[Rule, ...] = ()  # relations between params, checked before rendering
    module: str = ""  # importable name, e.g. "figures.gradient_level_sets"
    cls: str | None = None  # the scene class inside ``module``
    source: Path | None = field(default=None, compare=False)

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        names = [p.name for p in self.params]
        known = ", ".join(names) if names else "none"
        raise AssetError(f"{self.id} has no parameter {name!r}{did_you_mean(name, names)}; "
                         f"its parameters: {known}")

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def check_rules(self, values: dict[str, Any], name: str | None = None) -> None:
        """Raise an AssetError for the first rule ``values`` break, naming the asset (or
        ``name``: a sweep variant's id)."""
        for rule in self.rules:
            rule.check(name or self.id, values)


@dataclass(frozen=True)
class FigureAsset(Asset):
    kind: ClassVar[str] = "figure"


@dataclass(frozen=True)
class SceneAsset(Asset):
    kind: ClassVar[str] = "scene"


_DECLARATION_NAMES = {"FigureAsset": FigureAsset, "SceneAsset": SceneAsset, "Param": Param,
                      "Rule": Rule, "float": float, "int": int, "bool": bool, "str": str}


def _evaluate(node: ast.expr, path: Path) -> Asset:
    """Evaluate one declaration expression with only the declaration vocabulary in scope."""
    code = compile(ast.Expression(node), str(path), "eval")
    try:
        return eval(code, {"__builtins__": {}}, dict(_DECLARATION_NAMES))  # noqa: S307 - our source
    except Exception as err:  # noqa: BLE001 - any mistake in a declaration, said in one line
        raise CatalogueError(f"{path.relative_to(ROOT)} line {node.lineno}: the ASSET "
                             f"declaration must use only literals, Param and FigureAsset/"
                             f"SceneAsset ({type(err).__name__}: {err})") from None


def _checked_rules(asset: Asset, path: Path, line: int) -> Asset:
    """``asset``, once every rule names two of its numeric parameters and a known relation."""
    numeric = {p.name for p in asset.params if p.type in (int, float)}
    for rule in asset.rules:
        if rule.relation not in RELATIONS or not {rule.left, rule.right} <= numeric:
            raise CatalogueError(f"{path.relative_to(ROOT)} line {line}: Rule({rule.left!r}, "
                                 f"{rule.relation!r}, {rule.right!r}) must relate two numeric "
                                 f"parameters of {asset.id} by one of {', '.join(RELATIONS)}")
    return asset


def _assigned_asset(body: list[ast.stmt]) -> ast.expr | None:
    for stmt in body:
        if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id == "ASSET"):
            return stmt.value
    return None


def _declared_in(path: Path, package: str):
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError as err:
        raise CatalogueError(f"{path.relative_to(ROOT)} line {err.lineno}: {err.msg}; "
                             "fix it to list or render anything") from None
    module = f"{package}.{path.stem}"
    node = _assigned_asset(tree.body)
    if node is not None:
        yield replace(_checked_rules(_evaluate(node, path), path, node.lineno), module=module,
                      source=path)
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        node = _assigned_asset(cls.body)
        if node is not None:
            yield replace(_checked_rules(_evaluate(node, path), path, node.lineno), module=module,
                          cls=cls.name, source=path)


@functools.cache
def catalogue() -> dict[str, Asset]:
    """Every declared asset by id, in the lecture's order."""
    found: dict[str, Asset] = {}
    for package in ("figures", "scenes"):
        for path in sorted((ROOT / package).glob("[!_]*.py")):
            for asset in _declared_in(path, package):
                if asset.id in found:
                    raise CatalogueError(f"asset id {asset.id!r} declared twice: "
                                         f"{found[asset.id].source} and {path}")
                found[asset.id] = asset
    unordered = sorted(set(found) - set(ORDER))
    if unordered:
        raise CatalogueError(f"add {unordered} to ORDER in assets/catalogue.py "
                             "(the lecture's order)")
    return {i: found[i] for i in ORDER if i in found}


def get(asset_id: str) -> Asset:
    """The asset with this id, or an error that names the closest id."""
    assets = catalogue()
    if asset_id not in assets:
        raise AssetError(f"unknown asset {asset_id!r}{did_you_mean(asset_id, assets)}; "
                         "run 'python cli.py list' to see them all")
    return assets[asset_id]


def select(kind: str | None = None) -> list[Asset]:
    """All assets, or those of one kind, in the lecture's order."""
    return [a for a in catalogue().values() if kind in (None, a.kind)]
