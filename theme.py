"""The project's one visual identity: palette, semantic colours, fonts and sizes.

Plain data plus one small adapter (to matplotlib rcParams) that returns a
plain dict, so importing this module costs nothing.
Colours are named by meaning (``MEANINGS``); tests hold every one to the WCAG
contrast thresholds in both themes and every set shown together in one asset
to a colour difference under simulated colour blindness. No colour literal
lives anywhere else. docs/visual-language.md is the readable version.
"""
from __future__ import annotations

from dataclasses import dataclass

FONT_FAMILY = "DejaVu Sans"  # ships with matplotlib and Debian, so figures look the same everywhere

# Figure size in inches as drawn, and the width the Beamer deck (and a snippet) shows it at: 0.94 of
# \textwidth (398 pt at 16:9, 307 pt at 4:3), which leaves room for the frame title. Every text
# size below is chosen for that display size.
FIGURE_SIZE = {"16:9": (10.0, 5.625), "4:3": (8.0, 6.0)}
BEAMER_FIGURE_WIDTH = {"16:9": 5.2, "4:3": 4.0}  # inches
PNG_DPI = 200

MIN_SLIDE_TEXT = 9.0  # points: the smallest text on a Beamer page (11-pt slide text beside it)
# The smallest size a figure may draw (ticks, legends, small labels), in points at FIGURE_SIZE:
# MIN_SLIDE_TEXT scaled up by how much the deck shrinks the figure, 17.3 pt at 16:9, 18 pt at 4:3.
FONT_SIZE_SMALL = 18.0
FONT_SIZE = 20.0  # body text and axis labels
FONT_SIZE_TITLE = 22.0  # panel titles

# Scenes: text sizes as Manim font sizes. A capital letter or digit is 0.00709 units per font
# point tall, so 24 gives 0.17 units, 2.1 % of the 8-unit frame (15 px at 720p): the smallest
# text any scene draws (ticks, edge labels, readouts), MIN_SCENE_TEXT of the frame height at least.
MIN_SCENE_TEXT = 0.02  # height of a capital letter or digit over the frame height
SCENE_FONT_SMALL = 24
SCENE_FONT = 30  # formulas, readouts and labels
SCENE_FONT_TITLE = 36

# Pacing: how long a scene holds still what a lecturer reads aloud. Every formula, readout or
# caption stays unchanged on screen, at least once, for max(HOLD_MIN, HOLD_PER_GLYPH × its glyphs)
# seconds: 2 s at least, 0.12 s a glyph (about 250 words a minute, read aloud and pointed at).
HOLD_MIN = 2.0
HOLD_PER_GLYPH = 0.12


def reading_time(glyphs: int) -> float:
    """Seconds a text of ``glyphs`` glyphs must stay still to be read aloud."""
    return max(HOLD_MIN, HOLD_PER_GLYPH * glyphs)


# Figure labels set by LaTeX (--tex): Latin Modern, the deck's font, has every text symbol (×, ±,
# ° from TS1) as an outline font at every size, which Computer Modern has only with the full
# cm-super (else TeX makes bitmap fonts matplotlib cannot read); amssymb gives \mathbb.
TEX_PREAMBLE = r"\usepackage{amssymb}\usepackage{lmodern}"

PROBABILITY_SHADE = 0.45  # at p = 0 and 1, how far the shading goes from background to class
LOGISTIC_MARK = 0.45  # side of the right-angle mark at θ on the logistic input plane, in x units

# WCAG 2.2 contrast thresholds against the theme's background: text (SC 1.4.3, AA) and the lines,
# marks and fills that carry meaning (SC 1.4.11).
TEXT_CONTRAST = 4.5
MARK_CONTRAST = 3.0

# What each colour means, the one table of the lecture's visual language (docs/visual-language.md
# shows it with the colours). Every asset takes its colours from a Theme by these names.
MEANINGS = {
    "foreground": "text, axes labels, and the ink of neutral drawing",
    "muted": "axes, ticks and secondary text",
    "curve": "the function being studied: f, the loss 𝓛, an activation",
    "term": "one term of a sum, such as an example's loss 𝓛_i (told apart by dash and label)",
    "boundary": "a decision boundary",
    "level": "level sets (contour lines)",
    "gd": "full-batch gradient descent",
    "sgd": "stochastic gradient descent, one example per update",
    "minibatch": "mini-batch SGD",
    "decay": "SGD with a decaying learning rate",
    "gradient": "the gradient +∇f, and backpropagated derivatives",
    "update": "an update step −ε∇𝓛 actually taken",
    "tangent": "a tangent line or plane",
    "chord": "a chord or secant",
    "violated": "a condition that fails",
    "class0": "class 0 (and the first of several classes)",
    "class1": "class 1",
    "class2": "class 2",
    "positive": "a signed quantity that is positive, pushed up",
    "negative": "a signed quantity that is negative, pushed down",
    "highlight": "the one thing to look at now: the current point, the active unit",
    "brain": "a quantity of the human brain",
    "model": "a quantity of an artificial network",
}
# The neutral inks: text and the object of study are drawn in them, and sharing them is not a clash.
INK = ("foreground", "muted", "curve", "term", "boundary")
# Meanings drawn only as thin context lines (never text): held to MARK_CONTRAST, not TEXT_CONTRAST.
MARK_ONLY = ("level",)


def rgb(colour: str) -> tuple[float, float, float]:
    """``#RRGGBB`` as three floats in [0, 1]."""
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))


@dataclass(frozen=True)
class Theme:
    """Colours by meaning (``MEANINGS``), for one background."""

    name: str
    background: str
    foreground: str
    muted: str
    curve: str
    term: str
    boundary: str
    level: str
    gd: str
    sgd: str
    minibatch: str
    decay: str
    gradient: str
    update: str
    tangent: str
    chord: str
    violated: str
    class0: str
    class1: str
    class2: str
    positive: str
    negative: str
    highlight: str
    brain: str
    model: str

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
        """The meaning → colour map, in ``MEANINGS`` order, for legends and tests."""
        return {meaning: getattr(self, meaning) for meaning in MEANINGS}


# Okabe–Ito's hues (blue, vermillion, bluish green, reddish purple, orange) and a violet, each moved
# the least CIELAB distance that gets it to TEXT_CONTRAST on its background and every two hues that
# meet in one asset apart by tests/palette.MIN_DELTA_E in every simulated vision (a search, run
# once; ΔE00 11.1 at worst), then the light violet turned to indigo, away from the purple it meets
# beside ∇f. Yellow is the dark theme's highlight. A hue serves several meanings only where they
# never meet in one asset: test_visual_language checks it.
_HUES = {
    "light": dict(blue="#00619B", vermillion="#C15000", green="#008761", purple="#901A5F",
                  violet="#4A44B5", orange="#A36200"),
    "dark": dict(blue="#6CC4FE", vermillion="#E36D2D", green="#20AE85", purple="#CD7AB1",
                 violet="#B39CEA", orange="#E69F00"),
}
_MEANING_HUES = dict(
    gd="blue", sgd="vermillion", minibatch="green", decay="purple", gradient="violet",
    update="purple", tangent="green", chord="purple", violated="vermillion", class0="orange",
    class1="blue", class2="green", positive="green", negative="vermillion", brain="purple",
    model="blue",
)


def _theme(name: str, *, background: str, foreground: str, muted: str, level: str,
           highlight: str) -> Theme:
    hues = _HUES[name]
    return Theme(name=name, background=background, foreground=foreground, muted=muted,
                 curve=foreground, term=muted, boundary=foreground, level=level,
                 highlight=highlight,
                 **{meaning: hues[hue] for meaning, hue in _MEANING_HUES.items()})


LIGHT = _theme("light", background="#FFFFFF", foreground="#1A1A1A", muted="#5C5C5C",
               level="#8C8C8C", highlight=_HUES["light"]["purple"])
DARK = _theme("dark", background="#14161A", foreground="#EDEDED", muted="#A6A6A6",
              level="#6E737B", highlight="#F0E442")

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
        "svg.fonttype": "path",  # glyphs as paths: the SVG looks the same without our fonts
        "svg.hashsalt": "gd-lecture",  # fixed ids: identical SVG bytes on every render
    }
