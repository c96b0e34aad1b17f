"""``out/beamer/lecture.tex`` and ``out/snippets/ID.tex``: the outputs, ready for LaTeX.

Figures go in as vector PDFs. Animations go in through the animate package, from the JPEG
frames and timeline their render wrote beside the MP4 (JavaScript viewers: Acrobat, Okular,
PDF-XChange, Foxit): in the deck one page (overlay) per section, which plays that section when
it opens and holds its last image, so that → or a clicker's PageDown plays the next one (other
viewers show each section's last image, a page each); or, with ``video="poster"``, as the
poster image linked to the MP4. A slide shows the title and the picture; the caption and the
section's note are beamer's notes (``\\note``), for the lecturer's second screen.
"""
from __future__ import annotations

import itertools
import unicodedata
from pathlib import Path
from textwrap import indent
from typing import TYPE_CHECKING

import theme as theme_module
from assets import catalogue, options
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


# The largest a picture gets under the frame title: \deckmedia, set by \deckfit from the frame's
# title (a line less when it takes two); in a snippet, a share of the user's slide.
DECK_MEDIA = "\n".join([
    r"\newlength\deckmedia",
    r"\newcommand\deckfit{\setlength\deckmedia{0.88\textheight}%",
    r"  \sbox0{\usebeamerfont{frametitle}\insertframetitle}%",
    r"  \ifdim\wd0>\textwidth\addtolength\deckmedia{-0.09\textheight}\fi}",
])
MEDIA_HEIGHT = {"deck": r"\deckmedia", "snippet": r"0.75\textheight"}
# animate: no control bar (it takes a line of the slide; a click plays and pauses), the last
# frame where no JavaScript runs and on paper, and played when the page opens; it does not
# loop, so it holds its last image, and a click then plays it again
ANIMATE = "autoplay,poster=last"
# Each slide's note (caption, id, sections) on a page of its own, small enough for the longest.
NOTES = "\n".join([
    r"\setbeamertemplate{note page}[plain]",
    r"\setbeamerfont{note page}{size=\scriptsize}",
    r"% the notes beside the slides, for a second screen (pdfpc, dspdfviewer): uncomment both",
    r"% \usepackage{pgfpages}",
    r"% \setbeameroption{show notes on second screen=right}",
])
MIME = {"mp4": "video/mp4", "webm": "video/webm"}
# What a compiled deck holds besides its pictures (fonts, pages, animate's objects): with the
# pictures' own bytes, the estimate came 0.5-5 % above the PDFs of full low and medium builds,
# animate and poster (animate stores identical frames once).
PDF_BASE_BYTES = 60_000


def figure_size(aspect: str) -> str:
    """The width a figure is shown at, the one its type scale is drawn for (theme.py)."""
    return f"width={theme_module.BEAMER_FIGURE_WIDTH[aspect]:g}in"


def _figure_file(item: Published) -> str | None:
    """The file a figure is shown from: the vector PDF, else the PNG (a ``--format png``
    build); None for an SVG alone."""
    return item.file("pdf") or item.file("png")


def _movie(item: Published) -> str | None:
    """The video file a poster links to: the MP4, else the WebM."""
    return item.file("mp4") or item.file("webm")


def _media(item: Published, video: str, frames: dict[str, dict], prefix: str, aspect: str,
           height: str) -> str:
    """The LaTeX that shows one asset, with paths starting at ``prefix``, ``height`` high at
    most: a figure at the width its type is drawn for, an animation or poster as wide as that
    allows."""
    if item.asset.kind == "figure":
        size = f"{figure_size(aspect)},height={height},keepaspectratio"
        image = _figure_file(item)
        if image is None:  # only an SVG: nothing pdflatex can show
            return rf"\fbox{{{latex_text(item.title)}: no PDF or PNG rendered}}"
        return rf"\includegraphics[{size}]{{{prefix}{image}}}"
    made = frames.get(item.stem)
    size = rf"width=\linewidth,height={height},keepaspectratio"
    if video == "animate" and made:
        folder = f"{prefix}{item.stem}{options.SUFFIXES[options.DECK_FRAMES]}/"
        # braced: keyval would split a sweep variant's path at its '=' and ','
        timeline = f",timeline={{{folder}{made['timeline']}}}" if made.get("timeline") else ""
        return (rf"\animategraphics[{ANIMATE}{timeline},{size}]{{{made['fps']:g}}}"
                rf"{{{folder}}}{{0000}}{{{made['frames'] - 1:04d}}}")
    # the still: the poster, else the deck's last frame (a render without png-poster)
    still = item.file("png-poster") or item.last_deck_frame()
    if still is None:  # only a GIF, WebM or frame sequence: nothing LaTeX can show
        return rf"\fbox{{{latex_text(item.title)}: no poster or frames rendered}}"
    image = rf"\includegraphics[{size}]{{{prefix}{still}}}"
    movie = _movie(item)
    return rf"\href{{run:{prefix}{movie}}}{{{image}}}" if movie else image


def _embedded(item: Published, prefix: str) -> str:
    """The poster's video inside the PDF (its attachments), for a PDF moved away from out/."""
    movie = _movie(item)
    if movie is None:
        return ""
    kind = MIME[movie.rsplit(".", 1)[1]]
    return (rf"\embedfile[filespec={{{movie}}},mimetype={kind},"
            rf"desc={{{latex_text(item.title)}}}]{{{prefix}{movie}}}")


def deck_frames(out: Path, items: list[Published]) -> dict[str, dict]:
    """stem → the sidecar's record of the JPEG frames each animation's render wrote for the
    deck (``STEM-deck/``: "frames", "fps", "timeline", "sections"..., see
    ``assets.video.Stills.record``)."""
    return {item.stem: item.sidecar["deck"] for item in items
            if item.asset.kind == "scene" and item.file(options.DECK_FRAMES)}


def _overlays(item: Published, made: dict, prefix: str, height: str) -> list[str]:
    """One ``\\only<k>`` per section: an animation of section k's images alone, each shown for
    as long as the video shows it (the section's own timeline), played once when page k opens
    and holding its last image. animate embeds a file it has seen before only once."""
    folder = f"{prefix}{item.stem}{options.SUFFIXES[options.DECK_FRAMES]}/"
    size = rf"width=\linewidth,height={height},keepaspectratio"
    return [rf"\only<{number}>{{\animategraphics[{ANIMATE},timeline={{{folder}{s['timeline']}}},"
            rf"{size}]{{{made['fps']:g}}}{{{folder}}}{{{s['first']:04d}}}{{{s['last']:04d}}}}}%"
            for number, s in enumerate(made["sections"], 1)]


def estimated_pdf_bytes(out: Path, items: list[Published], video: str = "animate") -> int:
    """The size in bytes of the compiled deck of ``items``: what it embeds (figure PDFs, the
    deck's JPEGs, or posters and videos), as pdfTeX copies them, and a measured overhead."""
    total = PDF_BASE_BYTES
    for item in items:
        files = item.entry["files"]
        if item.asset.kind == "figure":
            total += files[_figure_file(item)]["size"] if _figure_file(item) else 0
        elif video == "animate" and item.file(options.DECK_FRAMES):
            total += files[item.file(options.DECK_FRAMES)]["size"]  # the JPEGs and timeline
        else:
            total += sum(files[name]["size"] for name in (item.file("png-poster"), _movie(item))
                         if name)
    return total


def _note(item: Published, video: str) -> str:
    """The lecturer's note: the caption, the id, and an animation's sections in order."""
    parts = [latex_text(item.caption), rf"\texttt{{{latex_text(item.id)}}}"]
    sections = item.sections() if item.asset.kind == "scene" else []
    if sections:
        steps = "".join(rf"\item \textbf{{{latex_text(s.name)}}}: {latex_text(s.note)}"
                        for s in sections)
        clicks = (" A click on the animation plays the next section." if video == "animate"
                  else " A click on the picture opens the video.")
        parts.append(rf"\begin{{enumerate}}{steps}\end{{enumerate}}{clicks}")
    return r"\note{" + " ".join(parts) + "}"


def _section_notes(item: Published, count: int) -> list[str]:
    """The note of each of an animation's ``count`` pages: its section's name and note first
    (what the lecturer is about to say), then the caption and the id."""
    sections = item.sections()
    after = rf"{latex_text(item.caption)} \texttt{{{latex_text(item.id)}}}"
    notes = []
    for number in range(1, count + 1):
        head = ""
        if len(sections) == count:
            s = sections[number - 1]
            head = (rf"\textbf{{{number}/{count} {latex_text(s.name)}}}: "
                    rf"{latex_text(s.note)}\par ")
        notes.append(rf"\note<{number}>{{{head}{after}}}%")  # "%": no space, no empty line
    return notes


def write_deck(out: Path, items: list[Published], theme: str, aspect: str, video: str,
               frames: dict[str, dict]) -> Path:
    """The Beamer deck of one theme and aspect, one frame per asset in the lecture's order (an
    animation's frame has a page per section, see ``_overlays``):
    ``beamer/lecture.tex`` for light 16:9, ``lecture-dark.tex``, ``lecture-4x3.tex``... for the
    others, so that a dark or 4:3 build never replaces the light deck; returns its path.

    With ``video="poster"`` each poster links to its video beside the deck (``../ID.mp4``:
    played in place by pdfpc, opened by Okular, evince and Acrobat) and the video is embedded
    too, so that the PDF still carries it when moved away from ``out/``.
    """
    ratio = "169" if aspect == "16:9" else "43"
    body = []
    for item in items:
        lines = [rf"\begin{{frame}}{{{latex_text(item.title)}}}", r"\centering",
                 r"\deckfit"]
        made = frames.get(item.stem, {}) if video == "animate" else {}
        if made.get("sections"):
            lines += [*_overlays(item, made, "../", MEDIA_HEIGHT["deck"]),
                      *_section_notes(item, len(made["sections"]))]
        else:  # a figure, a poster, or a render before sections had timelines: one animation
            lines.append(_media(item, video, frames, "../", aspect, MEDIA_HEIGHT["deck"]))
            if video == "poster" and item.asset.kind == "scene":  # "%": no space, no 2nd line
                lines[-1] += "%"
                lines.append(_embedded(item, "../"))
            lines.append(_note(item, video))
        body.append("\n".join([lines[0], *(indent(line, "  ") for line in lines[1:]),
                                r"\end{frame}"]))
    deck = "\n".join([
        rf"\documentclass[aspectratio={ratio}]{{beamer}}",
        FONTS,
        r"\usepackage{graphicx}",
        r"\usepackage{animate}" if video == "animate" else r"\usepackage{embedfile}",
        r"\setbeamertemplate{navigation symbols}{}",
        NOTES,
        DECK_MEDIA,
        _colours(theme),
        rf"\title{{{latex_text(catalogue.LECTURE)}}}",
        rf"\subtitle{{{latex_text(catalogue.SUBTITLE)}}}",
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
                   frames: dict[str, dict], aspect: str) -> None:
    """``out/snippets/STEM.tex``: the lines that put one asset on a slide of your own deck.

    Their paths start with ``\\lectureout``, ``OUT/`` (the output folder's name) unless the
    deck defines it first: a deck in another folder sets ``\\newcommand\\lectureout{../out/}``.

    An animation stays one animate animation that pauses at the end of each section (a click
    plays the next), not the deck's page per section: a snippet is a part of the user's frame,
    and ``\\only<k>`` overlays in it would step the whole frame, the user's own text and
    overlay numbers too, through as many pages as the animation has sections.
    """
    root = f"\\{SNIPPET_ROOT}"
    for item in items:
        line = _media(item, video, frames, root + " ", aspect, MEDIA_HEIGHT["snippet"])
        comment = f"% {item.id}: {item.caption}"
        if item.asset.kind == "scene":
            comment += "\n% needs \\usepackage{animate} (frames) or hyperref (video link)"
            if video == "animate":
                comment += ("\n% plays one section when its slide opens, then a section a "
                            "click (JavaScript viewers: Acrobat, Okular, PDF-XChange, Foxit); "
                            "-> turns the page")
        comment += (f"\n% paths start at {root}, {out.name}/ unless your deck sets it first, "
                    f"e.g. \\newcommand{root}{{../{out.name}/}}")
        write_text(out / "snippets" / f"{item.stem}.tex",
                   f"{comment}\n\\providecommand{root}{{{out.name}/}}%\n{line}\n")
