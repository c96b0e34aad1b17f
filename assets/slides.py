"""``out/slides/index.html``: the lecture as a reveal.js deck that stops at every section.

A title slide, one slide per figure, and one slide per section of each animation, playing that
section's clip (``out/STEM-sections/NN.mp4``) and holding its last frame: →, space or a click
plays the next section, ← goes back and replays. Between a scene's sections there is no
transition, so the story continues seamlessly. The section's note and the caption are the
speaker notes (``S``). Everything the deck uses is linked or copied under ``out/slides/`` (reveal.js
too), so the folder works from ``file://`` with no network, on a lecture-hall PC or a USB stick.

Captions: each clip carries its note as a one-cue captions track, off by default (on a
projector the lecturer speaks; the notes are in the speaker view), ``C`` shows or hides them.
"""
from __future__ import annotations

import filecmp
import html
import json
import os
import shutil
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

import theme as theme_module
from assets import captions, options, outdir
from assets.catalogue import LECTURE, ROOT, SUBTITLE
from assets.errors import AssetError
from assets.output import atomic_path, regular, write_text
from assets.page import data_url, still

if TYPE_CHECKING:
    from assets.published import Published

FOLDER = "slides"
MEDIA = "media"  # below FOLDER: the media files, under their names in out/
REVEAL = ROOT / "node_modules" / "reveal.js" / "dist"
RECORD = ".published.json"  # below FOLDER: what each deck of this module placed there
REVEAL_THEME = {"light": "white", "dark": "black"}  # reveal's own, overridden with our colours
SIZE = {"16:9": (1280, 720), "4:3": (1024, 768)}  # reveal's slide size in CSS pixels
KEYS = ("→, space or a click: next · ←: back · R: replay · S: speaker notes · C: captions · "
        "F: full screen")


def _library(theme: str) -> list[str]:
    """reveal.js's files this deck loads, relative to its ``dist/`` (and to ``slides/reveal/``)."""
    return ["reset.css", "reveal.css", f"theme/{REVEAL_THEME[theme]}.css", "reveal.js",
            "plugin/notes.js"]


def _style(theme: str, aspect: str) -> str:
    colours = theme_module.THEMES[theme]
    _, height = SIZE[aspect]
    return f"""
:root {{ --r-background-color: {colours.background}; --r-main-color: {colours.foreground};
        --r-heading-color: {colours.foreground}; --r-link-color: {colours.foreground};
        --r-main-font: "{theme_module.FONT_FAMILY}", system-ui, sans-serif;
        --r-heading-font: "{theme_module.FONT_FAMILY}", system-ui, sans-serif;
        --r-heading-text-transform: none; --r-main-font-size: 34px; }}
.reveal .frame {{ height: {height}px; display: flex; flex-direction: column; }}
.reveal .frame h2 {{ font-size: 40px; margin: 0 0 12px; flex: none; text-align: left; }}
.reveal .frame h2 small {{ color: {colours.muted}; font-size: 0.7em; font-weight: normal;
        vertical-align: baseline; }}
.reveal .media {{ flex: 1; min-height: 0; }}
.reveal .media img, .reveal .media video {{ width: 100%; height: 100%; max-width: none;
        max-height: none; margin: 0; object-fit: contain; background: none; box-shadow: none; }}
.reveal .title h1 {{ font-size: 64px; margin-top: {height // 3}px; }}
.reveal .title p {{ color: {colours.muted}; }}
"""


# ← replays: reveal restarts a data-autoplay video from 0 whenever its slide is shown; a video
# left at its end is rewound once its slide is out of sight (after any transition), or coming
# back would show its last frame for a moment before the replay's first (manim-slides' HTML
# does, its issue #511). A click on a slide goes on as → does; R replays the section; C shows or
# hides the captions.
_SCRIPT = """
const revealOptions = %s;
Reveal.initialize({...revealOptions, plugins: [RevealNotes]});
document.querySelector('.reveal .slides').addEventListener('click', () => Reveal.next());
Reveal.on('slidechanged', event => {
  const left = event.previousSlide;
  setTimeout(() => {
    if (left && left !== Reveal.getCurrentSlide()) {
      for (const video of left.querySelectorAll('video')) video.currentTime = 0;
    }
  }, 1000);
});
Reveal.addKeyBinding({keyCode: 82, key: 'R', description: 'Replay the section'}, () => {
  const video = Reveal.getCurrentSlide().querySelector('video');
  if (video) { video.currentTime = 0; video.play(); }
});
let captionsShown = false;
Reveal.addKeyBinding({keyCode: 67, key: 'C', description: 'Show or hide the captions'}, () => {
  captionsShown = !captionsShown;
  for (const track of document.querySelectorAll('.reveal video track')) {
    track.track.mode = captionsShown ? 'showing' : 'hidden';
  }
});
"""


def _notes(*paragraphs: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs if p)
    return f'<aside class="notes">{body}</aside>'


def _slide(item: Published, heading: str, media: str, notes: str, attributes: str = "") -> str:
    return (f'<section data-asset="{item.id}"{attributes}><div class="frame">'
            f'<h2>{heading}</h2><div class="media">{media}</div></div>{notes}</section>')


class _Deck:
    """The slides of one deck and the files of ``out/`` they use."""

    def __init__(self, out: Path):
        self.out, self.slides = out, []
        self.used = []  # files of out/ placed under media/

    def media(self, name: str) -> str:
        """The deck's URL of ``out/NAME``, which is placed under ``slides/media/``."""
        self.used.append(name)
        return html.escape(f"{MEDIA}/{name}", quote=True)

    def figure(self, item: Published) -> None:
        name = item.file("svg") or item.file("png")
        alt = html.escape(item.alt, quote=True)
        media = (f'<img data-src="{self.media(name)}" alt="{alt}">' if name else
                 '<p>Rendered without an SVG or PNG: build it with --format svg to show it '
                 'here.</p>')
        self.slides.append(_slide(item, html.escape(item.title), media,
                                  _notes(html.escape(item.caption))))

    def scene(self, item: Published) -> None:
        steps = item.sections()
        if steps and all(s.clip for s in steps):
            for step in steps:
                self.section(item, step, len(steps))
            return
        alt = html.escape(item.alt, quote=True)
        if movie := item.file("webm"):  # no MP4, so no clips: the whole video, once
            media = f'<video data-autoplay muted playsinline data-src="{self.media(movie)}" ' \
                    f'aria-label="{alt}"></video>'
        else:
            shown = still(item)
            media = f'<img data-src="{self.media(shown)}" alt="{alt}">' if shown else ""
        notes = [f"<strong>{html.escape(s.name)}</strong>: {html.escape(s.note)}" for s in steps]
        self.slides.append(_slide(item, html.escape(item.title), media,
                                  _notes(*notes, html.escape(item.caption))))

    def section(self, item: Published, step, count: int) -> None:
        """One section's slide: its clip plays once and holds its last frame."""
        a = item.asset
        heading = f"{html.escape(item.title)} <small>— {html.escape(step.name)}</small>"
        poster = f' poster="{self.media(step.poster)}"' if step.poster else ""
        track = self.track(step)
        media = (f'<video data-autoplay muted playsinline preload="auto" '
                 f'data-src="{self.media(step.clip)}"{poster} '
                 f'aria-label="{html.escape(a.alt, quote=True)}">{track}</video>')
        into = "fade" if step.number == 1 else "none"  # no transition inside a scene
        out_of = "fade" if step.number == count else "none"
        attributes = (f' data-section="{step.number}" data-fps="{step.fps}"'
                      f' data-frames="{step.frames}"'
                      f' data-transition="{into}-in {out_of}-out"')
        notes = _notes(f"<strong>{html.escape(step.name)}</strong> ({step.number} of {count}): "
                       f"{html.escape(step.note)}", html.escape(a.caption))
        self.slides.append(_slide(item, heading, media, notes, attributes))

    def track(self, step) -> str:
        """The section's note as a one-cue captions track, inlined (Chromium refuses a track
        file from a page opened as ``file://``); off until ``C``."""
        if not step.note:
            return ""
        text = captions.captions_text([{"name": step.name, "note": step.note, "start": 0,
                                        "end": step.end - step.start}])
        url = data_url(text.encode("utf-8"))
        return f'<track kind="captions" src="{url}" srclang="en" label="Notes">'


def _place(source: Path, target: Path) -> None:
    """Link ``source`` at ``target`` (copy where linking fails), atomically; an unchanged
    file is left alone."""
    if regular(target) and (os.path.samefile(source, target)
                            or filecmp.cmp(source, target, shallow=False)):
        return
    with atomic_path(target) as tmp:
        try:
            os.link(source, tmp)
        except OSError:
            shutil.copy2(source, tmp)


def _record(folder: Path) -> dict[str, list[str]]:
    """Deck file name → the files under ``slides/`` it placed; what is not a name of ours
    (``reveal/...`` or ``media/...``, no ``..``) is dropped, so it is never deleted."""
    try:
        record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(record, dict):
        return {}
    return {page: [n for n in names if isinstance(n, str) and _ours(n)]
            for page, names in record.items() if isinstance(names, list)}


def _ours(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return len(parts) > 1 and parts[0] in ("reveal", MEDIA) and ".." not in parts


def _write_record(folder: Path, record: dict[str, list[str]]) -> None:
    write_text(folder / RECORD, json.dumps(record, indent=1, sort_keys=True) + "\n")


def _remove_stale(out: Path, stale: set[str]) -> None:
    """Delete files this module placed that no deck uses now, and the folders they leave empty
    (by name: a link is removed, never followed)."""
    for name in sorted(stale, reverse=True):
        path = outdir.inside(out, f"{FOLDER}/{name}")
        outdir.remove(path)
        for parent in path.parents:
            if parent == out / FOLDER:
                break
            try:
                parent.rmdir()  # only an empty real folder goes
            except OSError:
                break


def _page_name(theme: str, aspect: str) -> str:
    return f"index{options.stem('', theme, aspect)}.html"


def intact(out: Path, theme: str, aspect: str) -> bool:
    """The deck of this theme and aspect and every file it placed are in ``out/slides/`` (a
    publish that finds its inputs unchanged can skip it only then)."""
    folder = out / FOLDER
    page_name = _page_name(theme, aspect)
    names = _record(folder).get(page_name)
    return names is not None and all(regular(folder / n) for n in [page_name, *names])


def write_slides(out: Path, items: list[Published], theme: str, aspect: str) -> Path:
    """Write the deck of one theme and aspect, ``out/slides/index.html`` for light 16:9 and
    ``index-dark.html``, ``index-4x3.html``... for the others (``options.stem``), with
    reveal.js and every media file it shows under ``out/slides/``. Returns its path.

    ``items``: every asset ``out`` holds, in the lecture's order. Raises ``AssetError`` when
    reveal.js is not installed.
    """
    if not (REVEAL / "reveal.js").is_file():
        raise AssetError("the browser deck needs reveal.js: run 'make setup' (npm ci)")
    folder = out / FOLDER
    page_name = _page_name(theme, aspect)
    deck = _Deck(out)
    for item in items:
        (deck.figure if item.asset.kind == "figure" else deck.scene)(item)
    placed = [f"reveal/{name}" for name in _library(theme)] + [
        f"{MEDIA}/{name}" for name in deck.used]
    record = _record(folder)
    before = set(record.get(page_name, []))
    # recorded before they are placed: a crash part-way leaves nothing unrecorded behind
    _write_record(folder, {**record, page_name: sorted(before | set(placed))})
    for name in _library(theme):
        _place(REVEAL / name, outdir.inside(out, f"{FOLDER}/reveal/{name}"))
    for name in deck.used:
        _place(out / name, outdir.inside(out, f"{FOLDER}/{MEDIA}/{name}"))
    width, height = SIZE[aspect]
    settings = {"hash": True, "width": width, "height": height, "margin": 0.03, "center": False,
                "transition": "fade", "transitionSpeed": "fast", "controls": True,
                "progress": True, "slideNumber": "c/t"}
    path = folder / page_name
    write_text(path, _page(theme, aspect, deck.slides, settings))
    record[page_name] = sorted(set(placed))
    in_use = set().union(*record.values())
    _remove_stale(out, before - in_use)
    _write_record(folder, record)
    return path


def _page(theme: str, aspect: str, slides: list[str], settings: dict) -> str:
    links = "\n".join(f'<link rel="stylesheet" href="reveal/{name}">'
                      for name in _library(theme) if name.endswith(".css"))
    scripts = "\n".join(f'<script src="reveal/{name}"></script>'
                        for name in _library(theme) if name.endswith(".js"))
    title = f"""<section class="title" data-transition="fade"><div class="frame">
<h1>{LECTURE}</h1><p>{SUBTITLE}, in the lecture's order</p>
<p><small>{html.escape(KEYS)}</small></p></div></section>"""
    body = "\n".join([title, *slides])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{LECTURE}</title>
{links}
<style>{_style(theme, aspect)}</style>
</head>
<body>
<div class="reveal"><div class="slides">
{body}
</div></div>
{scripts}
<script>{_SCRIPT % json.dumps(settings)}</script>
</body>
</html>
"""
