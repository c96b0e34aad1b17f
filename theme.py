"""The project's one visual identity: palette, semantic colours, fonts and sizes.

Plain data plus two small adapters (to matplotlib rcParams and to Manim
settings) that return plain dicts, so importing this module costs nothing.
Colours come from the Okabe–Ito palette, which stays distinguishable under
the common forms of colour blindness. No colour literal lives anywhere else.
"""
from __future__ import annotations

from dataclasses import dataclass

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

FONT_FAMILY = "DejaVu Sans"  # ships with matplotlib and Debian, so figures look the same everywhere
FONT_SIZE = 16  # body text at slide size, points
FONT_SIZE_SMALL = 14  # ticks and legends: the smallest text any asset draws
FONT_SIZE_TITLE = 20

# Figure labels set by LaTeX (--tex): Latin Modern, the deck's font, has every text symbol (×, ±,
# ° from TS1) as an outline font at every size, which Computer Modern has only with the full
# cm-super (else TeX makes bitmap fonts matplotlib cannot read); amssymb gives \mathbb.
TEX_PREAMBLE = r"\usepackage{amssymb}\usepackage{lmodern}"

# Figure size in inches at slide size: what a projected slide shows at 100 %.
FIGURE_SIZE = {"16:9": (10.0, 5.625), "4:3": (8.0, 6.0)}
PNG_DPI = 200

PROBABILITY_SHADE = 0.45  # at p = 0 and 1, how far the shading goes from background to class
LOGISTIC_MARK = 0.45  # side of the right-angle mark at θ on the logistic input plane, in x units


def rgb(colour: str) -> tuple[float, float, float]:
    """``#RRGGBB`` as three floats in [0, 1]."""
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))


@dataclass(frozen=True)
class Theme:
    """Colours by meaning, for one background."""

    name: str
    background: str
    foreground: str
    muted: str  # axes, ticks, secondary text
    level: str  # contour lines
    gd: str
    sgd: str
    minibatch: str
    class0: str
    class1: str
    class2: str  # a third class, for multiclass pictures
    gradient: str
    tangent: str
    boundary: str
    curve: str  # the graph of a function
    chord: str  # chords, secants, comparison lines
    highlight: str  # the one thing the eye should find first (current point, active unit)
    positive: str  # signed quantities: pushed up / increases
    negative: str  # signed quantities: pushed down / decreases

    def logit_colours(self, label: int, classes: int) -> list[str]:
        """Each class in the colour of what descent does to its logit: the true class up
        (``positive``), the others down (``negative``)."""
        return [self.positive if k == label else self.negative for k in range(classes)]

    def probability_rgb(self) -> list[tuple[float, float, float]]:
        """RGB at p = 0, 1/2, 1: a tint of class 0, the background, a tint of class 1."""
        background = rgb(self.background)

        def tint(colour: str) -> tuple[float, float, float]:
            return tuple(b + PROBABILITY_SHADE * (c - b) for b, c in zip(background, rgb(colour)))

        return [tint(self.class0), background, tint(self.class1)]

    def semantic(self) -> dict[str, str]:
        """The meaning → colour map, for legends and tests."""
        return {k: v for k, v in self.__dict__.items() if k not in ("name", "background")}


LIGHT = Theme(
    name="light", background="#FFFFFF", foreground="#1A1A1A", muted="#5C5C5C", level="#A8A8A8",
    gd=OKABE_ITO["blue"], sgd=OKABE_ITO["vermillion"], minibatch=OKABE_ITO["bluish_green"],
    class0=OKABE_ITO["orange"], class1=OKABE_ITO["sky_blue"], class2=OKABE_ITO["bluish_green"],
    gradient=OKABE_ITO["reddish_purple"], tangent=OKABE_ITO["bluish_green"],
    boundary="#1A1A1A", curve=OKABE_ITO["blue"], chord=OKABE_ITO["vermillion"],
    highlight=OKABE_ITO["orange"], positive=OKABE_ITO["bluish_green"],
    negative=OKABE_ITO["vermillion"],
)

DARK = Theme(
    name="dark", background="#14161A", foreground="#EDEDED", muted="#A6A6A6", level="#5E6269",
    gd=OKABE_ITO["yellow"], sgd=OKABE_ITO["vermillion"], minibatch=OKABE_ITO["bluish_green"],
    class0=OKABE_ITO["orange"], class1=OKABE_ITO["sky_blue"], class2=OKABE_ITO["bluish_green"],
    gradient=OKABE_ITO["reddish_purple"], tangent=OKABE_ITO["bluish_green"],
    boundary="#EDEDED", curve=OKABE_ITO["sky_blue"], chord=OKABE_ITO["vermillion"],
    highlight=OKABE_ITO["yellow"], positive=OKABE_ITO["bluish_green"],
    negative=OKABE_ITO["vermillion"],
)

THEMES = {t.name: t for t in (LIGHT, DARK)}
ASPECTS = tuple(FIGURE_SIZE)


def matplotlib_rc(theme: Theme, aspect: str) -> dict:
    """rcParams for one figure: theme colours, slide-size fonts, deterministic vector output."""
    return {
        "figure.figsize": FIGURE_SIZE[aspect],
        "figure.facecolor": theme.background,
        "savefig.facecolor": theme.background,
        "axes.facecolor": theme.background,
        "axes.edgecolor": theme.muted,
        "axes.labelcolor": theme.foreground,
        "axes.titlecolor": theme.foreground,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.linewidth": 1.0,
        "xtick.color": theme.muted,
        "ytick.color": theme.muted,
        "xtick.labelcolor": theme.foreground,
        "ytick.labelcolor": theme.foreground,
        "text.color": theme.foreground,
        "legend.facecolor": theme.background,
        "legend.edgecolor": theme.muted,
        "legend.labelcolor": theme.foreground,
        "legend.framealpha": 0.9,
        "font.family": FONT_FAMILY,
        "font.size": FONT_SIZE,
        "axes.labelsize": FONT_SIZE,
        "axes.titlesize": FONT_SIZE_TITLE,
        "xtick.labelsize": FONT_SIZE_SMALL,
        "ytick.labelsize": FONT_SIZE_SMALL,
        "legend.fontsize": FONT_SIZE_SMALL,
        "mathtext.fontset": "dejavusans",
        "text.latex.preamble": TEX_PREAMBLE,  # read only with text.usetex (--tex)
        "lines.linewidth": 2.0,
        "savefig.dpi": PNG_DPI,
        "pdf.fonttype": 42,  # TrueType: text stays text in the PDF
        "svg.fonttype": "none",  # text as <text>, editable and searchable
        "svg.hashsalt": "gd-lecture",  # fixed ids: identical SVG bytes on every render
    }


def manim_style(theme: Theme) -> dict:
    """What a Manim scene needs from the theme: the background and the default ink."""
    return {"background_color": theme.background, "ink": theme.foreground,
            "font": FONT_FAMILY}
