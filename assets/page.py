"""``out/index.html``: one self-contained page with every figure and video, in the lecture's order.

No network: styles are inline, media are the files beside it. Light and dark
aware: the page follows the reader's colour scheme, and where a dark variant
of an asset has been built, figure or video, it is shown in dark mode.
"""
from __future__ import annotations

import html
import json
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import theme as theme_module
from assets import captions, options
from assets.catalogue import LECTURE, SUBTITLE
from assets.output import write_text

if TYPE_CHECKING:
    from assets.published import Published


def _style() -> str:
    light, dark = theme_module.LIGHT, theme_module.DARK
    return f"""
:root {{ color-scheme: light dark; --bg: {light.background}; --fg: {light.foreground};
        --muted: {light.muted}; }}
@media (prefers-color-scheme: dark) {{
  :root {{ --bg: {dark.background}; --fg: {dark.foreground}; --muted: {dark.muted}; }}
}}
body {{ background: var(--bg); color: var(--fg); font-family: "{theme_module.FONT_FAMILY}",
       system-ui, sans-serif; max-width: 70rem; margin: 2rem auto; padding: 0 1rem; }}
section {{ margin: 3rem 0; }}
img, video {{ width: 100%; height: auto; display: block; }}
.meta, details {{ color: var(--muted); }}
code {{ font-size: 0.95em; }}
.dark-only {{ display: none; }}
@media (prefers-color-scheme: dark) {{
  .dark-only {{ display: block; }}
  .light-only {{ display: none; }}
}}
"""


def _picture(name: str, alt: str, dark: str | None = None) -> str:
    """An <img>, inside a <picture> with the dark variant's file ``dark`` if there is one."""
    img = f'<img src="{html.escape(name)}" alt="{alt}">'
    if dark:
        return (f'<picture><source srcset="{html.escape(dark)}" '
                f'media="(prefers-color-scheme: dark)">{img}</picture>')
    return img


def data_url(vtt: bytes) -> str:
    """A track's file inlined: Chromium refuses a ``<track src>`` file from a page opened as
    ``file://`` ('file:' URLs are treated as unique security origins), and the page is opened
    that way; a ``data:`` URL loads from ``file://`` and over HTTP alike. Percent-encoded
    rather than base64, so the page's source still reads as the notes."""
    return "data:text/vtt;charset=utf-8," + quote(vtt)


def _tracks(out: Path, item: Published) -> str:
    """The ``<track>`` elements of a scene's captions and chapters, for those the build made.

    The notes are captions, not descriptions: HTML's captions are text "for when sound is
    unavailable", shown over the video, and these videos have no sound, the notes standing for
    the lecturer's words. A descriptions track is meant for speech synthesis for readers who
    cannot see the video; browsers neither show nor speak one (Chromium draws captions and
    subtitles only), so it would reach no one: WCAG lists it for SC 1.2.1 as advisory only
    (H96), and what meets that criterion is the notes as text on the page (``_steps``).
    ``default`` shows the captions and loads the chapters, which no browser draws: their cues
    are there for a player's list of steps.
    """
    notes, steps = captions.names(item.stem)
    tracks = []
    for name, kind, label in ((notes, "captions", "Notes"), (steps, "chapters", "Sections")):
        if name in item.entry["files"]:
            tracks.append(f'<track kind="{kind}" src="{data_url((out / name).read_bytes())}" srclang="en" '
                          f'label="{label}" default>')
    return "".join(tracks)


def _steps(out: Path, item: Published) -> str:
    """A scene's notes in order, as text on the page: the alternative to a video without sound
    that WCAG 2.2 SC 1.2.1 asks for, where a screen reader finds it (a track's cues it does not
    read). From the sidecar's sections, where the render wrote captions from them: a scene
    rendered before sections had notes has neither (its sidecar's sections are bare names)."""
    if captions.names(item.stem)[0] not in item.entry["files"]:
        return ""
    steps = json.loads((out / f"{item.stem}.json").read_text(encoding="utf-8"))["sections"]
    lines = "".join(f"<li><strong>{html.escape(s['name'])}</strong>: {html.escape(s['note'])}</li>"
                    for s in steps)
    return f"\n<details><summary>Notes, step by step</summary><ol>{lines}</ol></details>"


def _video(out: Path, item: Published, alt: str, shown: str = "") -> str:
    """A <video> of the scene's MP4 and/or WebM, with its tracks; "" if neither was rendered.
    ``shown``: "light-only" or "dark-only", for a page that switches with the colour scheme."""
    movies = [(name, f"video/{fmt}") for fmt in ("mp4", "webm") if (name := item.file(fmt))]
    if not movies:
        return ""
    poster = item.file("png-poster")
    poster_attr = f' poster="{html.escape(poster)}"' if poster else ""
    class_attr = f' class="{shown}"' if shown else ""
    sources = "".join(f'<source src="{html.escape(name)}" type="{kind}">' for name, kind in movies)
    # the browser plays the first source it can
    return (f'<video controls preload="metadata"{class_attr}{poster_attr} aria-label="{alt}">'
            f'{sources}{_tracks(out, item)}</video>')


def still(item: Published) -> str | None:
    """What shows a scene without a video: its GIF (it moves), poster or last deck frame."""
    return item.file("gif") or item.file("png-poster") or item.last_deck_frame()


def _media(out: Path, item: Published, dark: Published | None) -> str:
    """The figure or scene, switching to ``dark`` (its dark variant, if built) in dark mode."""
    alt = html.escape(item.alt, quote=True)
    if item.asset.kind == "figure":
        name = item.file("svg") or item.file("png")
        dark_name = dark and (dark.file("svg") or dark.file("png"))
        return _picture(name, alt, dark_name) if name else (
            "<p>Rendered without an SVG or PNG: build it with --format svg to show it here.</p>")
    if movie := _video(out, item, alt):
        dark_movie = dark and _video(out, dark, alt, "dark-only")
        return (_video(out, item, alt, "light-only") + dark_movie) if dark_movie else movie
    shown = still(item)
    return _picture(shown, alt, dark and still(dark)) if shown else ""


def write_page(out: Path, items: list[Published], theme: str, aspect: str,
               dark: dict[str, Published] | None = None) -> Path:
    """The page of one theme and aspect: ``index.html`` for light 16:9, ``index-dark.html``,
    ``index-4x3.html``... for the others. ``dark``: item id → its dark variant, shown in dark
    mode (the light pages)."""
    dark = dark or {}
    sections = []
    for item in items:
        a = item.asset
        sections.append(f"""<section id="{item.id}">
<h2>{html.escape(item.title)}</h2>
<p class="meta"><code>{item.id}</code> · {a.kind} · slide: {html.escape(a.slide)}</p>
{_media(out, item, dark.get(item.id))}
<p>{html.escape(a.caption)}</p>
<details><summary>Alt text</summary><p>{html.escape(a.alt)}</p></details>{_steps(out, item)}
</section>""")
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{LECTURE} — {SUBTITLE.lower()}</title>
<style>{_style()}</style>
</head>
<body>
<h1>{LECTURE}</h1>
<p class="meta">{SUBTITLE}, in the lecture's order.</p>
{chr(10).join(sections)}
</body>
</html>
"""
    path = out / f"index{options.stem('', theme, aspect)}.html"
    write_text(path, page)
    return path
