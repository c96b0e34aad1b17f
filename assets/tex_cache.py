"""TeX typeset once per output folder, not once per scene render.

Each scene renders in a fresh media folder (Manim's config is global to a
process), so Manim's own TeX cache starts empty every time and LaTeX runs
again for every label: seconds per scene. Manim names each SVG by a hash of
its whole LaTeX source, so SVGs can be shared between renders: a render
compiles in its own folder and publishes the SVG to the shared folder by an
atomic rename, so renders running side by side never read half a file.
"""
from __future__ import annotations

import functools
import shutil
from pathlib import Path
from xml.etree import ElementTree

from assets.outdir import TEX_CACHE as FOLDER  # noqa: F401 - where scene renders share it
from assets.output import atomic_path, regular


def _readable(svg: Path) -> bool:
    """A cached SVG that is a regular file, parses, and draws something: an ``<svg>`` holding a
    path or a use of one, as dvisvgm writes them (anything else is remade)."""
    try:
        root = ElementTree.parse(svg).getroot() if regular(svg) else None
    except (ElementTree.ParseError, OSError, RecursionError):
        return False
    return (root is not None and root.tag.rpartition("}")[2] == "svg"
            and any(e.tag.rpartition("}")[2] in ("path", "use") for e in root.iter()))


def _shared_svg(cache: Path, expression: str, environment=None, tex_template=None) -> Path:
    from manim import config
    from manim.utils import tex_file_writing

    template = tex_template or config.tex_template
    source = tex_file_writing.generate_tex_file(expression, environment, template)
    private = source.with_suffix(".svg")  # where Manim itself would compile it, in this render
    shared = cache / private.name
    if not _readable(shared):
        compiled = tex_file_writing.tex_to_svg_file(expression, environment, template)
        with atomic_path(shared) as tmp:
            shutil.copyfile(compiled, tmp)
    elif not private.exists():
        shutil.copyfile(shared, private)
    # Manim parses an SVG through a scratch file beside it with a fixed name: renders
    # side by side must never parse from the shared folder.
    return private


def share(cache: Path) -> None:
    """Make every Tex and MathTex of this process look in ``cache`` before running LaTeX."""
    from manim.mobject.text import tex_mobject

    tex_mobject.tex_to_svg_file = functools.partial(_shared_svg, Path(cache))
