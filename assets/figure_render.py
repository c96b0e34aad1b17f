"""Figure jobs: compute with sim, draw with matplotlib, save every format byte-reproducibly."""
from __future__ import annotations

import importlib
from pathlib import Path
from types import SimpleNamespace

import matplotlib
from matplotlib.backends.backend_pdf import PdfFile
from matplotlib.figure import Figure

import theme as theme_module
from assets import options
from assets.errors import AssetError
from assets.output import atomic_path, write_json, write_sidecar
from sim.errors import SimError

# No dates and no per-run ids in the files: the same parameters give the same bytes.
METADATA = {
    "pdf": {"CreationDate": None, "Creator": "gd-lecture"},
    "svg": {"Date": None, "Creator": "gd-lecture"},
    "png": {"Software": "gd-lecture"},
}

# matplotlib 3.11 names the Type-1 font subsets of --tex PDFs by hashing a dict view, whose
# hash is its memory address: name them by the glyphs they hold, so the bytes are reproducible.
_subset_prefix = PdfFile._get_subset_prefix
PdfFile._get_subset_prefix = staticmethod(lambda charset: _subset_prefix(frozenset(charset)))


def styled(job):
    """The rcParams context a job is drawn and saved in (fonts, colours, svg.hashsalt)."""
    rc = theme_module.matplotlib_rc(theme_module.THEMES[job.theme], job.aspect)
    return matplotlib.rc_context({**rc, "text.usetex": job.tex})


def build(job):
    """Compute and draw a job inside ``styled(job)``: the (unsaved) Figure and the sim data it drew."""
    module = importlib.import_module(job.asset.module)
    try:
        data = module.compute(SimpleNamespace(**job.params), job.seed)
    except SimError as err:
        raise AssetError(f"{job.asset.id}: {err}") from None
    figure = Figure(layout="constrained")
    module.draw(figure, data, theme_module.THEMES[job.theme])
    return figure, data


def render(job) -> list[Path]:
    files = []
    with styled(job):
        figure, data = build(job)
        for fmt in job.formats:
            target = job.out / (job.stem + options.EXTENSIONS[fmt])
            with atomic_path(target) as tmp:
                figure.savefig(tmp, format=fmt, metadata=METADATA[fmt])
            files.append(target)
    if job.data:
        files.append(job.out / f"{job.stem}.data.json")
        write_json(files[-1], data)
    sidecar = job.out / f"{job.stem}.json"
    write_sidecar(sidecar, job.asset, job.params, job.seed, job.theme,
                  job.aspect, files)
    return [*files, sidecar]
