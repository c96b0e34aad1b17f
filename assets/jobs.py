"""A render job: one asset with validated parameters and output choices, checked before any work."""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assets import catalogue, options
from assets.catalogue import Asset
from assets.errors import AssetError
from assets.params import split_assignment
from assets.sweeps import Variant, checked_count, combinations, named, split_sweeps, variant_id

TEX_PACKAGES = "texlive-latex-base texlive-latex-extra texlive-fonts-recommended dvisvgm"
LABEL_TEX_PACKAGES = "texlive-latex-base cm-super-minimal dvipng"


@dataclass(frozen=True)
class Job:
    asset: Asset
    params: dict[str, Any]
    seed: int
    theme: str
    aspect: str
    quality: str
    formats: tuple[str, ...]
    out: Path
    fps: int | None = None  # scenes: overrides the quality's frame rate
    data: bool = False  # figures: also write the plotted arrays as ID.data.json
    tex: bool = False  # figures: typeset labels with the system LaTeX instead of mathtext
    deck_fps: float | None = None  # scenes: frame rate of the Beamer deck's frames (None: default)
    variant: Variant = ()  # a sweep's (name, value) pairs, already in ``params``

    @property
    def id(self) -> str:
        """The id its files, manifest entry and messages go by: ``ID`` or ``ID@name=value``."""
        return variant_id(self.asset.id, self.variant)

    @property
    def stem(self) -> str:
        return options.stem(self.id, self.theme, self.aspect)


def _formats_for(asset: Asset, requested: tuple[str, ...]) -> tuple[str, ...]:
    if not requested:
        return options.DEFAULT_FORMATS[asset.kind]
    fitting = tuple(f for f in requested if f in options.FORMATS[asset.kind])
    if not fitting:
        raise AssetError(f"{asset.id} is a {asset.kind}; its formats are "
                         + ", ".join(options.FORMATS[asset.kind]))
    return fitting


def plan(ids, *, sets=(), sweeps=(), defaults=True, formats=(), seed=0, theme="light",
         aspect="16:9", quality=options.DEFAULT_QUALITY, out=Path("out"), fps=None, data=False,
         tex=False, deck_fps=None) -> list[Job]:
    """Validate a whole request up front, so nothing is rendered when any part of it is wrong.

    ``NAME=VALUE`` applies to every requested asset that has that parameter
    and must name a parameter of at least one of them; ``ID.NAME=VALUE``
    applies to that asset only. Each asset's values must keep its ``rules``
    (e.g. batch size < n): AssetError otherwise, before any job is made.
    ``sweeps`` (``[ID.]NAME=V1,V2``, see ``assets.sweeps``) add a job per combination of
    values right after their asset's, which ``defaults=False`` leaves out (``render``).
    """
    assets = [catalogue.get(i) for i in ids]
    unknown_formats = [f for f in formats if f not in options.EXTENSIONS]
    if unknown_formats:
        raise AssetError(f"unknown format {unknown_formats[0]!r}; figures: "
                         f"{', '.join(options.FIGURE_FORMATS)}; scenes: "
                         f"{', '.join(options.SCENE_FORMATS)}")
    assignments = [split_assignment(s) for s in sets]
    values = [a.defaults() for a in assets]
    for name, text in assignments:
        target, dot, name = name.rpartition(".")
        candidates = [(a, v) for a, v in zip(assets, values) if not dot or a.id == target]
        if dot and not candidates:
            catalogue.get(target)  # unknown id: raises with a suggestion
            raise AssetError(f"--set {target}.{name}: {target} is not among the assets requested")
        owners = [(a, v) for a, v in candidates if name in v]
        if not owners:
            candidates[0][0].param(name)  # raises with the parameter list and a suggestion
        for asset, vals in owners:
            vals[name] = asset.param(name).parse(text)
    swept = split_sweeps(sweeps, assets)
    variants = {a.id: combinations(a, swept[a.id]) if a.id in swept else [] for a in assets}
    checked_count(sum(map(len, variants.values())))
    job_list = []
    for asset, vals in zip(assets, values):
        # a combination that gives the asset's own values is the asset itself, not a variant
        own = [v for v in variants[asset.id] if {**vals, **dict(v)} != vals]
        mine = defaults or not variants[asset.id] or len(own) < len(variants[asset.id])
        for variant in [()] * mine + [named(asset, vals, v) for v in own]:
            params = {**vals, **dict(variant)}
            asset.check_rules(params, variant_id(asset.id, variant))
            job_list.append(Job(asset=asset, params=params, seed=seed, theme=theme, aspect=aspect,
                                quality=quality, formats=_formats_for(asset, tuple(formats)),
                                out=Path(out), fps=fps, data=data, tex=tex, deck_fps=deck_fps,
                                variant=variant))
    for job in job_list:
        confined(job.out, job.stem)
    return job_list


def confined(out: Path, name: str) -> Path:
    """``out/name``, refusing any name that would land outside the output folder."""
    root = Path(out).resolve()
    target = (root / name).resolve()
    if target.parent != root:
        raise AssetError(f"{name!r} would be written outside {out}; asset ids are plain names")
    return target


def _require(tool: str, found: bool, why: str, packages: str) -> None:
    if not found:
        raise AssetError(f"{tool} not found, and {why}; install it with "
                         f"'sudo apt-get install --no-install-recommends {packages}'")


def check_tools(jobs: list[Job]) -> None:
    """Find the TeX tools a request needs before any render starts, and name the install line."""
    if any(j.asset.kind == "scene" for j in jobs):
        for tool in ("latex", "dvisvgm"):
            _require(tool, shutil.which(tool) is not None, "scenes need it for MathTex",
                     TEX_PACKAGES + " (or run 'make setup')")
    if any(j.tex and j.asset.kind == "figure" for j in jobs):
        why = "--tex needs it to set figure labels"
        for tool in ("latex", "dvipng", "kpsewhich"):
            _require(tool, shutil.which(tool) is not None, why, LABEL_TEX_PACKAGES)
        found = subprocess.run(["kpsewhich", "type1ec.sty"], capture_output=True).returncode == 0
        _require("cm-super (type1ec.sty)", found, why, LABEL_TEX_PACKAGES)


def run(job: Job, dest: Path | None = None) -> list[Path]:
    """Render one job into ``dest`` (default: its output folder; the build passes a private
    folder and moves the files into place itself) and return the files written."""
    dest = Path(dest or job.out)
    dest.mkdir(parents=True, exist_ok=True)
    if job.asset.kind == "figure":
        from assets import figure_render
        return figure_render.render(job, dest)
    from assets import scene_render
    return scene_render.render(job, dest)
