"""Every figure, at both aspects, draws every mark whole and no text below the slide minimum.

What counts as cut. An artist drawn with clipping on (matplotlib's default
inside an axes) is cut wherever its extent leaves its clip box; one drawn
without clipping is cut only by the canvas. Curves, contour lines, fills and
images run off their axes on purpose (the axes window onto a function), so
only their visible part must lie on the canvas. Everything else is a mark that
must show whole: texts (tick labels, legends, annotations), arrows (quivers,
FancyArrowPatch), markers (of lines and scatters), patches (circles, boxes,
right-angle marks) and legends. A stroke's extent includes half its line
width, so an arrow's outline cut by the spine counts. TOLERANCE (one pixel
of the PNG) absorbs anti-aliasing and rounding: an overshoot that small does
not show.

Each figure is drawn once per aspect in the light theme (the themes change
colours only, never the layout), exactly as ``assets.figure_render`` draws it.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from matplotlib.axis import Axis
from matplotlib.backend_bases import GraphicsContextBase, RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import Collection, LineCollection, PolyCollection, QuadMesh
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.quiver import Quiver
from matplotlib.spines import Spine
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

import theme
from assets import figure_render, jobs
from tests.conftest import FIGURES

TOLERANCE = 1.0  # pixels of the PNG (theme.PNG_DPI): 0.36 pt


class _Recorder(RendererBase):
    """A renderer that draws nothing and notes the display extent of every path it is given
    (markers and collection members one by one), padded by half its line width."""

    def __init__(self, real, markers_only=False):
        super().__init__()
        self._real = real
        self._markers_only = markers_only  # a line's markers must show whole, its curve need not
        self._in_markers = False
        self.extents: list[Bbox] = []

    def points_to_pixels(self, points):
        return self._real.points_to_pixels(points)

    def get_canvas_width_height(self):
        return self._real.get_canvas_width_height()

    def get_text_width_height_descent(self, s, prop, ismath):
        return self._real.get_text_width_height_descent(s, prop, ismath)

    def new_gc(self):
        return GraphicsContextBase()

    def draw_markers(self, gc, marker_path, marker_trans, path, trans, rgbFace=None):
        self._in_markers = True
        super().draw_markers(gc, marker_path, marker_trans, path, trans, rgbFace)
        self._in_markers = False

    def draw_path(self, gc, path, transform, rgbFace=None):
        if self._markers_only and not self._in_markers:
            return
        box = path.get_extents(transform)
        stroked = gc.get_linewidth() > 0 and gc.get_rgb()[3] > 0
        pad = self.points_to_pixels(gc.get_linewidth()) / 2 if stroked else 0.0
        self.extents.append(box.padded(pad))

    def draw_image(self, gc, x, y, im, transform=None):
        self.extents.append(Bbox.from_bounds(x, y, im.shape[1], im.shape[0]))

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        pass  # texts are measured by their own window extent

    def draw_gouraud_triangles(self, gc, triangles_array, colors_array, transform):
        pass


def _visible_children(artist):
    """The children of ``artist`` that its draw actually draws."""
    if isinstance(artist, Axis):
        # _update_ticks: the ticks inside the view limits, the ones Axis.draw draws.
        ticks = artist._update_ticks()
        return [artist.label, artist.offsetText] + [c for t in ticks for c in t.get_children()]
    if isinstance(artist, Legend):
        return [*artist.get_texts(), artist.get_title()]
    children = list(artist.get_children())
    if hasattr(artist, "patch") and artist.patch in children:  # a figure's or axes' background
        children.remove(artist.patch)
    if hasattr(artist, "spines") and hasattr(artist, "axison"):  # an Axes (Axes.draw's rules)
        if not (artist.axison and artist.get_frame_on()):
            children = [c for c in children if not isinstance(c, Spine)]
        if not artist.axison:
            children = [c for c in children if not isinstance(c, Axis)]
    return children


def _drawn(artist, seen=None):
    """Every visible artist under ``artist`` (itself included) that draws something."""
    seen = set() if seen is None else seen
    if id(artist) in seen or not artist.get_visible():
        return
    seen.add(id(artist))
    yield artist
    if isinstance(artist, Annotation) and artist.arrow_patch is not None:
        yield artist.arrow_patch
    for child in _visible_children(artist):
        yield from _drawn(child, seen)


def _cut_on_purpose(artist) -> bool:
    """Curves, contour lines, fills and images: windows onto a function, cut by their axes;
    and bars, which grow out of their axis (their outline meets the spine)."""
    if isinstance(artist, Patch) and artist.axes is not None:
        if any(artist in container for container in artist.axes.containers):
            return True
    return (isinstance(artist, (LineCollection, QuadMesh, AxesImage, Spine))
            or (isinstance(artist, PolyCollection) and not isinstance(artist, Quiver)))


def _clip_box(artist) -> Bbox | None:
    """Where the renderer cuts ``artist`` (its clip box and clip path meet), or None."""
    if not artist.get_clip_on():
        return None
    boxes = []
    if artist.get_clip_box() is not None:
        boxes.append(artist.get_clip_box())
    if artist.get_clip_path() is not None:
        boxes.append(artist.get_clip_path().get_fully_transformed_path().get_extents())
    return Bbox.intersection(*boxes) if len(boxes) == 2 else (boxes[0] if boxes else None)


def _describe(artist) -> str:
    name = type(artist).__name__
    if isinstance(artist, Text):
        return f"{name} {artist.get_text()!r}"
    label = artist.get_label()
    return f"{name} {label!r}" if label and not label.startswith("_") else name


def _overshoot(box: Bbox, frame: Bbox) -> float:
    """How many pixels ``box`` reaches past ``frame`` on its worst side (≤ 0: inside)."""
    return max(frame.x0 - box.x0, box.x1 - frame.x1, frame.y0 - box.y0, box.y1 - frame.y1)


def _marks(artist, renderer) -> list[tuple[str, Bbox]]:
    """The parts of ``artist`` that must show whole, with their display extents."""
    if isinstance(artist, (Text, Legend)):
        if isinstance(artist, Text) and not artist.get_text():
            return []
        box = (Text.get_window_extent(artist, renderer) if isinstance(artist, Annotation)
               else artist.get_window_extent(renderer))
        if isinstance(artist, Text) and artist.get_bbox_patch() is not None:  # a boxed label
            box = Bbox.union([box, artist.get_bbox_patch().get_window_extent(renderer)])
        return [("", box)]
    if not isinstance(artist, (Line2D, Patch, Collection)):
        return []
    recorder = _Recorder(renderer, markers_only=isinstance(artist, Line2D))
    artist.draw(recorder)
    if isinstance(artist, Line2D):
        return [(f"marker {i}", box) for i, box in enumerate(recorder.extents)]
    if isinstance(artist, Patch) or len(recorder.extents) == 1:  # a patch is one mark (an
        return [("", Bbox.union(recorder.extents))] if recorder.extents else []  # arrow: 2 paths)
    return [(f"item {i}", box) for i, box in enumerate(recorder.extents)]


def _visible_extent(artist, renderer) -> Bbox | None:
    """The display extent of what ``artist`` draws, whatever its kind."""
    if isinstance(artist, (Text, Legend)):
        marks = _marks(artist, renderer)
        return marks[0][1] if marks else None
    if isinstance(artist, AxesImage):
        return artist.get_window_extent(renderer)
    if not isinstance(artist, (Line2D, Patch, Collection)):
        return None
    recorder = _Recorder(renderer)
    artist.draw(recorder)
    return Bbox.union(recorder.extents) if recorder.extents else None


def clipped(figure: Figure) -> list[str]:
    """Every mark cut by its clip box or the canvas, and every drawing that leaves the canvas."""
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    page = figure.bbox
    found = []
    for artist in _drawn(figure):
        if isinstance(artist, Annotation) and not artist._check_xy(renderer):
            found.append(f"{_describe(artist)}: not drawn, its point lies outside the axes")
            continue
        clip = _clip_box(artist)
        extent = _visible_extent(artist, renderer)
        if extent is not None:
            shown = Bbox.intersection(extent, clip) if clip is not None else extent
            off = _overshoot(shown, page) if shown is not None else 0.0
            if off > TOLERANCE:
                found.append(f"{_describe(artist)}: {off:.0f} px off the canvas")
        if clip is None or _cut_on_purpose(artist):
            continue
        for part, box in _marks(artist, renderer):
            if _overshoot(box, clip) > TOLERANCE:
                where = f" {part}" if part else ""
                found.append(f"{_describe(artist)}{where}: {_overshoot(box, clip):.0f} px "
                             "cut by its clip box")
    return found


def small_texts(figure: Figure, minimum: float = theme.FONT_SIZE_SMALL) -> list[str]:
    """Every drawn text set below ``minimum`` points."""
    FigureCanvasAgg(figure).draw()
    return [f"{_describe(a)}: {a.get_fontsize():g} pt"
            for a in _drawn(figure)
            if isinstance(a, Text) and a.get_text() and a.get_fontsize() < minimum - 1e-9]


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    """Each (figure, aspect) drawn once, as figure_render draws it, shared by both checks."""
    cache = {}

    def get(asset_id, aspect):
        if (asset_id, aspect) not in cache:
            (job,) = jobs.plan([asset_id], formats=["png"], aspect=aspect,
                               out=Path(tmp_path_factory.mktemp("layout")))
            with figure_render.styled(job):
                figure, _ = figure_render.build(job)
                cache[asset_id, aspect] = (figure, clipped(figure), small_texts(figure))
        return cache[asset_id, aspect]

    return get


@pytest.mark.parametrize("aspect", theme.ASPECTS)
@pytest.mark.parametrize("asset_id", FIGURES)
def test_no_mark_is_clipped(figures, asset_id, aspect):
    _, found, _ = figures(asset_id, aspect)
    assert not found, f"{asset_id} {aspect}:\n" + "\n".join(found)


@pytest.mark.parametrize("aspect", theme.ASPECTS)
@pytest.mark.parametrize("asset_id", FIGURES)
def test_no_text_is_smaller_than_the_slide_minimum(figures, asset_id, aspect):
    _, _, found = figures(asset_id, aspect)
    assert not found, f"{asset_id} {aspect}:\n" + "\n".join(found)


def _small_figure():
    figure = Figure(figsize=(3, 2), dpi=theme.PNG_DPI)
    ax = figure.add_axes((0.2, 0.2, 0.6, 0.6))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.tick_params(labelsize=theme.FONT_SIZE_SMALL)
    return figure, ax


def test_the_checks_pass_a_figure_that_fits():
    figure, ax = _small_figure()
    ax.annotate("", xy=(0.8, 0.5), xytext=(0.2, 0.5), arrowprops=dict(arrowstyle="->"))
    ax.quiver([0.2], [0.2], [0.5], [0.5], angles="xy", scale_units="xy", scale=1)
    ax.plot([0.5], [0.5], "o", ms=8)
    ax.plot([-1, 2], [-1, 2])  # a line running off the axes is cut on purpose
    ax.text(0.5, 0.8, "ok", fontsize=theme.FONT_SIZE_SMALL, ha="center")
    assert clipped(figure) == []
    assert small_texts(figure) == []


@pytest.mark.parametrize("draw, expected", [
    (lambda ax: ax.quiver([0.5], [0.5], [0.7], [0], angles="xy", scale_units="xy", scale=1),
     "Quiver: .* px cut by its clip box"),
    (lambda ax: ax.annotate("", xy=(1.1, 0.5), xytext=(0.5, 0.5), annotation_clip=False,
                            arrowprops=dict(arrowstyle="->", clip_on=True,
                                            clip_box=ax.bbox)),
     "FancyArrowPatch: .* px cut by its clip box"),
    (lambda ax: ax.plot([0.99], [0.5], "o", ms=10), "Line2D marker 0: .* cut by its clip box"),
    (lambda ax: ax.scatter([0.5, 1.0], [0.5, 0.5], s=80), "PathCollection.*cut by its clip box"),
    (lambda ax: ax.text(1.4, 0.5, "a long label past the edge", clip_on=False),
     "Text 'a long label past the edge': .* px off the canvas"),
    (lambda ax: ax.legend(handles=[Line2D([], [], label="legend")], loc="center left",
                          bbox_to_anchor=(1.2, 0.5)), "Legend: .* px off the canvas"),
    (lambda ax: ax.annotate("x", xy=(1.5, 0.5)), "Annotation 'x': not drawn"),
])
def test_a_clipped_mark_fails(draw, expected):
    figure, ax = _small_figure()
    draw(ax)
    found = clipped(figure)
    assert any(re.search(expected, line) for line in found), found


def test_a_text_below_the_minimum_fails():
    figure, ax = _small_figure()
    ax.text(0.5, 0.5, "small", fontsize=10)
    ax.set_title("title", fontsize=theme.FONT_SIZE_SMALL - 1)
    assert small_texts(figure) == ["Text 'small': 10 pt",
                                   f"Text 'title': {theme.FONT_SIZE_SMALL - 1:g} pt"]
    ax.tick_params(labelsize=12)
    assert any("12 pt" in line for line in small_texts(figure))


def test_the_recorder_measures_an_arrow_head():
    """The quiver arrow's extent reaches its tip: what the clip check relies on."""
    figure, ax = _small_figure()
    quiver = ax.quiver([0.2], [0.5], [0.6], [0], angles="xy", scale_units="xy", scale=1)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    box = _visible_extent(quiver, canvas.get_renderer())
    tip = ax.transData.transform((0.8, 0.5))
    assert np.isclose(box.x1, tip[0], atol=TOLERANCE)
