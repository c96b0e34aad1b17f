"""``out/beamer/lecture.tex`` and ``out/snippets/ID.tex``: the outputs, ready for LaTeX.

Figures go in as vector PDFs. Animations go in through the animate package,
from the JPEG frames their render wrote beside the MP4 (plays in Okular,
Acrobat and PDF.js), or, with ``video="poster"``, as the poster image linked
to the MP4.
"""
from __future__ import annotations

import itertools
import json
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import theme as theme_module
from assets import options
from assets.output import write_text

if TYPE_CHECKING:
    from assets.published import Published

VIDEO_MODES = ("animate", "poster")
# Latin Modern: Computer Modern's look in T1 encoding, as outline fonts. T1 with the plain
# EC fonts falls back to 600 dpi bitmaps, made by METAFONT at the first compile.
FONTS = "\n".join([r"\usepackage[T1]{fontenc}", r"\usepackage{lmodern}"])

# Greek letters by their Unicode names: θ → \theta, Σ → \Sigma (LaTeX has only the capitals
# that differ from Latin ones); "lamda" is Unicode's spelling.
LATEX_CAPITALS = {"Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi",
                  "Psi", "Omega"}


def _greek() -> dict[str, str]:
    table = {}
    for code in [*range(0x391, 0x3AA), *range(0x3B1, 0x3CA)]:
        words = unicodedata.name(chr(code), "").split()
        if code == 0x3C2 or len(words) != 4:  # final sigma; unassigned code points
            continue
        name = words[-1].lower().replace("lamda", "lambda")
        if name == "omicron":
            continue
        if words[1] == "CAPITAL":
            name = name.title()
            if name not in LATEX_CAPITALS:
                continue
        table[chr(code)] = "\\" + name
    return table


# Unicode the captions use → LaTeX that pdflatex's default fonts can set.
UNICODE = {
    **_greek(), "∇": r"\nabla", "←": r"\leftarrow", "↦": r"\mapsto", "⇒": r"\Rightarrow",
    "∼": r"\sim", "∝": r"\propto", "∂": r"\partial", "⟂": r"\perp", "≤": r"\le", "≥": r"\ge",
    "≈": r"\approx", "≠": r"\neq", "→": r"\to", "×": r"\times", "·": r"\cdot", "‖": r"\|",
    "⌊": r"\lfloor", "⌋": r"\rfloor", "∈": r"\in", "∑": r"\sum", "∞": r"\infty",
    "√": r"\surd", "±": r"\pm", "ᵀ": r"^{\top}", "½": r"\frac{1}{2}", "¼": r"\frac{1}{4}",
    "≡": r"\equiv", "∀": r"\forall", "∘": r"\circ", "⊤": r"^{\top}", "∗": r"\ast", "′": "'",
    "𝓛": r"\mathcal{L}", "∓": r"\mp", "⋯": r"\cdots", "ŷ": r"\hat{y}",
    "−": "-",  # the minus sign: in maths, not text's hyphen
}
SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁽⁾ⁿ", "0123456789-+()n"))
SUBSCRIPTS = dict(zip("₀₁₂₃₄₅₆₇₈₉ₖᵢⱼₙ", "0123456789kijn"))
TEXT = {"–": "--", "—": "---", "’": "'", "‘": "`", "“": "``", "”": "''", "…": r"\dots{}",
        "\u00a0": "~"}
SPECIAL = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
           "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}


def _tokens(text: str):
    """(kind, LaTeX) per character: kind is "text", "math", "^" or "_"."""
    for char in text:
        if char in SPECIAL:
            yield "text", SPECIAL[char]
        elif char in TEXT:
            yield "text", TEXT[char]
        elif char in UNICODE:
            yield "math", UNICODE[char]
        elif char in SUPERSCRIPTS:
            yield "^", SUPERSCRIPTS[char]
        elif char in SUBSCRIPTS:
            yield "_", SUBSCRIPTS[char]
        else:
            yield "text", char if ord(char) < 128 or char.isalpha() else "?"


def latex_text(text: str) -> str:
    """Plain text (with the Unicode maths our captions use) → LaTeX source for pdflatex:
    each run of symbols becomes one ``\\ensuremath``, runs of ⁻¹ or ₁₂ become ^{-1} or _{12}."""
    out, maths = [], []
    for kind, group in itertools.groupby(_tokens(text), key=lambda t: t[0]):
        latex = "".join(t[1] for t in group)
        if kind == "text":
            if maths:
                out.append(rf"\ensuremath{{{''.join(maths)}}}")
                maths = []
            out.append(latex)
        else:
            maths.append(latex if kind == "math" else f"{kind}{{{latex}}}")
    if maths:
        out.append(rf"\ensuremath{{{''.join(maths)}}}")
    return "".join(out)


def _colours(theme_name: str) -> str:
    theme = theme_module.THEMES[theme_name]
    return "\n".join([
        rf"\definecolor{{deckbg}}{{HTML}}{{{theme.background[1:]}}}",
        rf"\definecolor{{deckfg}}{{HTML}}{{{theme.foreground[1:]}}}",
        rf"\definecolor{{deckmuted}}{{HTML}}{{{theme.muted[1:]}}}",
        r"\setbeamercolor{background canvas}{bg=deckbg}",
        r"\setbeamercolor{normal text}{fg=deckfg,bg=deckbg}",
        r"\setbeamercolor{frametitle}{fg=deckfg}",
        r"\setbeamercolor{title}{fg=deckfg}",
        r"\setbeamercolor{caption}{fg=deckmuted}",
    ])


MEDIA_SIZE = r"width=\linewidth,height=0.7\textheight,keepaspectratio"


def figure_size(aspect: str) -> str:
    """The width a figure is shown at, the one its type scale is drawn for (theme.py)."""
    return f"width={theme_module.BEAMER_FIGURE_WIDTH[aspect]:g}in"


def _media(item: Published, video: str, frames: dict[str, tuple[int, float]], prefix: str,
           aspect: str) -> str:
    """The LaTeX that shows one asset, with paths starting at ``prefix``."""
    if item.asset.kind == "figure":
        return rf"\includegraphics[{figure_size(aspect)}]{{{prefix}{item.file('pdf')}}}"
    folder = f"{prefix}{item.stem}{options.SUFFIXES[options.DECK_FRAMES]}/"
    if video == "animate" and item.stem in frames:
        count, rate = frames[item.stem]
        return (rf"\animategraphics[controls,poster=last,{MEDIA_SIZE}]{{{rate:g}}}"
                rf"{{{folder}}}{{0000}}{{{count - 1:04d}}}")
    # the still: the poster, else the deck's last frame (a render without png-poster)
    poster = item.file("png-poster")
    still = f"{prefix}{poster}" if poster else (
        f"{folder}{frames[item.stem][0] - 1:04d}.jpg" if item.stem in frames else None)
    if still is None:  # only a GIF, WebM or frame sequence: nothing LaTeX can show
        return rf"\fbox{{{latex_text(item.asset.title)}: no poster or frames rendered}}"
    image = rf"\includegraphics[{MEDIA_SIZE}]{{{still}}}"
    movie = item.file("mp4") or item.file("webm")
    return rf"\href{{run:{prefix}{movie}}}{{{image}}}" if movie else image


def deck_frames(out: Path, items: list[Published]) -> dict[str, tuple[int, float]]:
    """stem → (count, rate) of the JPEG frames each animation's render wrote for the deck
    (``STEM-deck/``, see ``assets.video.Stills``), as its sidecar records them."""
    found = {}
    for item in items:
        if item.asset.kind == "scene" and item.file(options.DECK_FRAMES):
            made = json.loads((out / f"{item.stem}.json").read_text())["deck"]
            found[item.stem] = (made["frames"], made["fps"])
    return found


def write_deck(out: Path, items: list[Published], theme: str, aspect: str, video: str,
               frames: dict[str, tuple[int, float]]) -> Path:
    """The Beamer deck of one theme and aspect, one frame per asset in the lecture's order:
    ``beamer/lecture.tex`` for light 16:9, ``lecture-dark.tex``, ``lecture-4x3.tex``... for the
    others, so that a dark or 4:3 build never replaces the light deck; returns its path."""
    ratio = "169" if aspect == "16:9" else "43"
    body = []
    for item in items:
        body.append("\n".join([
            rf"\begin{{frame}}{{{latex_text(item.asset.title)}}}",
            r"  \centering",
            "  " + _media(item, video, frames, "../", aspect),
            # the caption and id are for the lecturer: beamer's notes, off the projected slide
            rf"  \note{{{latex_text(item.asset.caption)} \texttt{{{item.asset.id}}}}}",
            r"\end{frame}",
        ]))
    deck = "\n".join([
        rf"\documentclass[aspectratio={ratio}]{{beamer}}",
        FONTS,
        r"\usepackage{graphicx}",
        r"\usepackage{animate}",
        r"\setbeamertemplate{navigation symbols}{}",
        _colours(theme),
        r"\title{Gradient Descent and Backpropagation 1}",
        r"\subtitle{Figures and animations}",
        r"\begin{document}",
        r"\begin{frame}\titlepage\end{frame}",
        *body,
        r"\end{document}",
        "",
    ])
    path = out / "beamer" / f"lecture{options.stem('', theme, aspect)}.tex"
    write_text(path, deck)
    return path


SNIPPET_ROOT = "lectureout"  # the macro every snippet's paths start with


def write_snippets(out: Path, items: list[Published], video: str,
                   frames: dict[str, tuple[int, float]], aspect: str) -> None:
    """``out/snippets/STEM.tex``: the lines that put one asset on a slide of your own deck.

    Their paths start with ``\\lectureout``, ``OUT/`` (the output folder's name) unless the
    deck defines it first: a deck in another folder sets ``\\newcommand\\lectureout{../out/}``.
    """
    root = f"\\{SNIPPET_ROOT}"
    for item in items:
        line = _media(item, video, frames, root + " ", aspect)
        comment = f"% {item.asset.id}: {item.asset.caption}"
        if item.asset.kind == "scene":
            comment += "\n% needs \\usepackage{animate} (frames) or hyperref (video link)"
        comment += (f"\n% paths start at {root}, {out.name}/ unless your deck sets it first, "
                    f"e.g. \\newcommand{root}{{../{out.name}/}}")
        write_text(out / "snippets" / f"{item.stem}.tex",
                   f"{comment}\n\\providecommand{root}{{{out.name}/}}%\n{line}\n")
