"""Figure jobs: compute with sim, draw with matplotlib, save every format byte-reproducibly."""
from __future__ import annotations

import functools
import importlib
import io
import struct
from pathlib import Path
from types import SimpleNamespace
from xml.sax.saxutils import escape

import matplotlib
from fontTools import subset
from fontTools.ttLib import newTable
from matplotlib.backends import _backend_pdf_ps
from matplotlib.backends.backend_pdf import PdfFile
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.mathtext import MathTextParser

import theme as theme_module
from assets import options, sweeps
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

# mathtext remembers its last 50 parses, per parser; the figure set has about 150 labels, parsed
# again for every format by parsers made anew for each save (PDF's and SVG's text-to-path are two),
# so most parses were repeats. A parse depends on its parser only through the output type, so the
# cache here is keyed by that: 454 parses instead of 946.
_parse = MathTextParser._parse_cached.__wrapped__


@functools.lru_cache(4096)
def _parse_for(output_type, *key):
    return _parse(MathTextParser("path" if output_type == "vector" else "agg"), *key)


MathTextParser._parse_cached = lambda self, *key: _parse_for(self._output_type, *key)


class _PdfGlyphSubset(subset.Options):
    """fontTools options for the TrueType fonts a PDF embeds, minus the OpenType layout tables.

    Subsetting GSUB/GPOS is two thirds of the time of saving a PDF, and a PDF
    places every glyph itself, so no viewer reads those tables.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.layout_features = []
        self.drop_tables = [*self.drop_tables, "GSUB", "GPOS", "GDEF"]


_UNIX_EPOCH = 0x7C259DC0  # 1970-01-01 in the head table's seconds since 1904-01-01


def _load_font(path, options):
    """fontTools' ``load_font``, with the head table's dates read the way fontTools reads them,
    minus its warning.

    matplotlib's BaKoMa Computer Modern fonts (mathtext's ``\\prime`` comes from one) store 0
    as their created and modified dates; fontTools takes a date before 1970 for a Unix time,
    adds the epoch and prints "'created' timestamp seems very low" at every PDF save. Adding it
    here first gives the same dates, so the same PDF bytes, and nothing on stderr.
    """
    font = subset.load_font(path, options)
    raw = font.reader["head"]
    dates = [d + _UNIX_EPOCH if d < _UNIX_EPOCH else d for d in struct.unpack(">QQ", raw[20:36])]
    head = newTable("head")
    head.decompile(raw[:20] + struct.pack(">QQ", *dates) + raw[36:], font)
    font["head"] = head
    return font


_backend_pdf_ps.subset = SimpleNamespace(Options=_PdfGlyphSubset, load_font=_load_font,
                                         Subsetter=subset.Subsetter)


def styled(job):
    """The rcParams context a job is drawn and saved in (fonts, colours, svg.hashsalt)."""
    rc = theme_module.matplotlib_rc(theme_module.THEMES[job.theme], job.aspect)
    return matplotlib.rc_context({**rc, "text.usetex": job.tex})


def build(job):
    """Compute, draw and lay out a job inside ``styled(job)``: the (unsaved) Figure and the sim
    data it drew."""
    module = importlib.import_module(job.asset.module)
    try:
        data = module.compute(SimpleNamespace(**job.params), job.seed)
    except SimError as err:
        raise AssetError(f"{job.id}: {err}") from None
    figure = Figure(dpi=theme_module.PNG_DPI)  # laid out with the text metrics of the PNG
    module.draw(figure, data, theme_module.THEMES[job.theme])
    # Laid out once, here: a figure that keeps its layout engine is laid out again, in an extra
    # draw, before every save, and every format then shares this one layout.
    ConstrainedLayoutEngine().execute(figure)
    return figure, data


def labelled_svg(figure, job) -> bytes:
    """The figure's SVG, named by the asset's title (a sweep variant's with its values) and
    described by its alt text.

    matplotlib writes the title (metadata "Title") as the root's first child and the alt text
    only into its RDF metadata, which no screen reader reads; so the <title> gets an id, a
    <desc> follows it, and the root gets role="img" with aria-labelledby/aria-describedby
    pointing at both, as SVG accessibility practice asks where browsers map <title>/<desc>
    unevenly. Ids carry the stem, so light and dark copies inlined in one page stay distinct.
    """
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={**METADATA["svg"],
                                                   "Title": sweeps.title(job.asset, job.variant),
                                                   "Description": sweeps.alt(job.asset, job.variant)})
    title, desc = f"{job.stem}-title", f"{job.stem}-desc"
    text = buffer.getvalue().decode()
    text = text.replace("<svg ", f'<svg role="img" aria-labelledby="{title}" '
                                 f'aria-describedby="{desc}" ', 1)
    text = text.replace("<title>", f'<title id="{title}">', 1)
    text = text.replace("</title>", f'</title>\n <desc id="{desc}">{escape(sweeps.alt(job.asset, job.variant))}'
                                     "</desc>", 1)
    return text.encode()


def render(job, dest: Path) -> list[Path]:
    """Draw ``job`` once and save each of its formats, its data and its sidecar into ``dest``."""
    files = []
    with styled(job):
        figure, data = build(job)
        for fmt in job.formats:
            target = dest / (job.stem + options.EXTENSIONS[fmt])
            with atomic_path(target) as tmp:
                if fmt == "svg":
                    tmp.write_bytes(labelled_svg(figure, job))
                else:
                    figure.savefig(tmp, format=fmt, metadata=METADATA[fmt])
            files.append(target)
    if job.data:
        files.append(dest / f"{job.stem}.data.json")
        write_json(files[-1], data)
    sidecar = dest / f"{job.stem}.json"
    write_sidecar(sidecar, job, files)
    return [*files, sidecar]
