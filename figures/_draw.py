"""Drawing helpers shared by figures: contour polylines from sim and right-angle marks."""
from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.patches import Polygon
from matplotlib.ticker import MultipleLocator

# The transpose, the lecture's ⊤, set close to its letters (mathtext spaces a bare ^{\top} apart).
T = r"^{\!\top}\!"


def widescreen(figure) -> bool:
    """Whether ``figure`` is drawn for a 16:9 slide (4:3 is 1.33 wide), where panels go side by
    side."""
    return figure.get_figwidth() / figure.get_figheight() > 1.5


def plane(ax, bounds) -> None:
    """Equal scaling on both axes (so right angles look right) over a problem's bounds."""
    (x0, x1), (y0, y1) = bounds
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_locator(MultipleLocator(0.5))
    ax.set_xlabel(r"$\theta_1$")
    ax.set_ylabel(r"$\theta_2$", rotation=0, labelpad=12)


def contours(ax, level_lines, color, linewidth=1.0, **kw) -> LineCollection:
    """Every polyline of a sim ``LevelLines`` as one collection: the same curves the scenes draw."""
    segments = [piece for pieces in level_lines.lines for piece in pieces]
    return ax.add_collection(LineCollection(segments, colors=color, linewidths=linewidth, **kw))


def right_angle(ax, corner, u, v, size, color, linewidth=1.5) -> Polygon:
    """The square mark between directions ``u`` and ``v`` at ``corner``.

    Drawn from the two measured directions themselves: if they were not
    perpendicular, the mark would visibly be a rhombus.
    """
    u = np.asarray(u) / np.linalg.norm(u)
    v = np.asarray(v) / np.linalg.norm(v)
    corner = np.asarray(corner)
    square = [corner + size * u, corner + size * (u + v), corner + size * v]
    return ax.add_patch(Polygon(square, closed=False, fill=False, edgecolor=color,
                                linewidth=linewidth))
