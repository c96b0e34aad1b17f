"""What ``out/`` holds, in the lecture's order: the input of every deck, the page and the snippets.

Publishing is a view of ``out/``, not of the last build: each theme and aspect that ``out/``
holds gets its own decks and page, listing every asset ``out/`` holds. Where an asset was not
rendered in a variant, that variant shows the nearest one there is (the other theme first,
then the other aspect), so a ``--theme dark --kind figure`` build still leaves a dark deck
with every animation in it, in light. The sweep variants ``out/`` holds of an asset
(``ID@lr=0.1``, ``assets.sweeps``) follow it, by value, each shown by the same rule.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from assets import catalogue, clips, deck, manifest, options, outdir, page, sweeps
from assets.catalogue import ROOT, Asset
from assets.output import regular, write_json
from assets.sweeps import Variant


@dataclass(frozen=True)
class Section:
    """One step of a scene's story (``LectureScene.next_section``), as its render timed it.

    ``start``/``end`` are seconds, ``first_frame``/``last_frame`` frame numbers of the whole
    video at ``fps``; ``clip`` and ``poster`` are the section's MP4 clip and its first frame as a
    PNG, paths relative to ``out/`` (None where no MP4 was rendered).
    """
    number: int
    name: str
    note: str
    start: float
    end: float
    first_frame: int
    last_frame: int
    fps: float
    clip: str | None
    poster: str | None

    @property
    def frames(self) -> int:
        return self.last_frame - self.first_frame + 1


@dataclass(frozen=True)
class Published:
    asset: Asset
    stem: str
    entry: dict
    out: Path
    variant: Variant = ()  # a sweep's values, () for the asset's default
    beside: Variant = ()  # the default shown with variants: its values of what they vary

    @property
    def id(self) -> str:
        """What names the item in decks, notes and the page: ``ID`` or ``ID@lr=0.1``."""
        return sweeps.variant_id(self.asset.id, self.variant)

    @property
    def title(self) -> str:
        """The asset's title, a variant's with its values: ``GD vs SGD — ε = 0.1``; the
        default's with its own values of them when variants follow it."""
        return sweeps.title(self.asset, self.variant or self.beside)

    @property
    def caption(self) -> str:
        """The asset's caption; a variant's says it describes the defaults."""
        return sweeps.caption(self.asset, self.variant)

    @property
    def alt(self) -> str:
        """The asset's alt text; a variant's says it describes the defaults."""
        return sweeps.alt(self.asset, self.variant)

    def file(self, fmt: str) -> str | None:
        """The file name of a format if this build made it, else None."""
        name = self.stem + options.SUFFIXES[fmt]
        return name if name in self.entry["files"] else None

    @functools.cached_property
    def sidecar(self) -> dict:
        """``out/STEM.json``: parameters, seed, caption, and for a scene its timing."""
        return json.loads((self.out / f"{self.stem}.json").read_text(encoding="utf-8"))

    def last_deck_frame(self) -> str | None:
        """The last JPEG of the Beamer deck's frames (``STEM-deck/NNNN.jpg``), relative to
        ``out/``, as the sidecar counts them; None for a render without them."""
        folder = self.file(options.DECK_FRAMES)
        return f"{folder}/{self.sidecar['deck']['frames'] - 1:04d}.jpg" if folder else None

    def sections(self) -> list[Section]:
        """The scene's sections in order, with their clips where the render cut them; [] for a
        figure, a poster-only render, or a scene rendered before sections carried notes."""
        timed = self.sidecar.get("sections", [])
        if not all(isinstance(s, dict) for s in timed):
            return []
        folder = self.file(options.SECTION_CLIPS)
        found = []
        for number, s in enumerate(timed, 1):
            clip, poster = (f"{folder}/{name}" for name in clips.names(number)) if folder else (
                None, None)
            found.append(Section(number, s["name"], s["note"], s["start"], s["end"],
                                 s["first_frame"], s["last_frame"], self.sidecar["fps"], clip,
                                 poster))
        return found


THEME_ASPECT_ORDER = [(t, a) for t in options.THEMES for a in options.ASPECTS]


def _intact_entries(out: Path) -> dict[str, dict]:
    """The manifest's entries whose files are all in place with their recorded content."""
    return {stem: entry for stem, entry in manifest.load(out).items()
            if entry.get("files") and manifest.intact(out, entry)}


def variants(out: Path, entries: dict[str, dict] | None = None) -> list[tuple[str, str]]:
    """Every (theme, aspect) of which ``out`` holds at least one asset, light 16:9 first."""
    entries = _intact_entries(out) if entries is None else entries
    held = {(e.get("theme"), e.get("aspect")) for e in entries.values()}
    return [variant for variant in THEME_ASPECT_ORDER if variant in held]


def _with_sweeps(entries: dict[str, dict]):
    """(asset, ()) for every asset in the lecture's order, each followed by (asset, variant)
    for the sweep variants of it that ``entries`` hold, by value."""
    ids = {entry.get("id") for entry in entries.values()}
    for asset in catalogue.catalogue().values():
        for swept in [(), *sweeps.held(asset, ids)]:
            yield asset, swept


def swept(out: Path) -> dict[str, list[tuple[Variant, list[tuple[str, str]]]]]:
    """Asset id → the sweep variants ``out`` holds of it, by value, each with the (theme,
    aspect) pairs it is held in: what ``list --out`` and ``show --out`` tell."""
    entries = _intact_entries(out)
    found = {}
    for asset, variant in _with_sweeps(entries):
        if variant:
            item_id = sweeps.variant_id(asset.id, variant)
            where = [v for v in THEME_ASPECT_ORDER if options.stem(item_id, *v) in entries]
            found.setdefault(asset.id, []).append((variant, where))
    return found


def _nearest(theme: str, aspect: str) -> list[tuple[str, str]]:
    """The variants to show an asset in, best first: itself, the other theme, the other aspect."""
    return sorted(THEME_ASPECT_ORDER, key=lambda v: (v[1] != aspect, v[0] != theme))


def published(out: Path, theme: str, aspect: str,
              entries: dict[str, dict] | None = None) -> list[Published]:
    """Every asset ``out`` holds, in the lecture's order, each in this theme and aspect or, if
    not rendered so, in the nearest variant that was (``Published.stem`` tells which); after
    each, the sweep variants of it that ``out`` holds, by value."""
    entries = _intact_entries(out) if entries is None else entries
    found = []
    for asset, swept in _with_sweeps(entries):
        for variant in _nearest(theme, aspect):
            stem = options.stem(sweeps.variant_id(asset.id, swept), *variant)
            if stem in entries:
                found.append(Published(asset, stem, entries[stem], out, swept))
                break
    return [_beside(item, found) for item in found]


def _beside(item: Published, items: list[Published]) -> Published:
    """A default shown with variants of it, told its values of what they vary, so that its
    slide says "ε = 0.2" between "ε = 0.01" and "ε = 0.5"."""
    varied = {name for other in items if other.asset.id == item.asset.id
              for name, _ in other.variant}
    params = item.entry.get("params") or {}
    if item.variant or not varied or not varied <= params.keys():
        return item
    return dataclasses.replace(item, beside=tuple(
        (p.name, params[p.name]) for p in item.asset.params if p.name in varied))


def _dark(items: list[Published], entries: dict[str, dict]) -> dict[str, Published]:
    """Item id → the dark variant of each light item, where ``out`` holds one: a light page
    shows it in dark mode."""
    found = {}
    for item in items:
        if item.entry.get("theme") == "light":
            stem = options.stem(item.id, "dark", item.entry["aspect"])
            if stem in entries:
                found[item.id] = Published(item.asset, stem, entries[stem], item.out,
                                           item.variant)
    return found


def _digest(items: list[Published], variant: tuple[str, str], video: str) -> str:
    """What a variant's decks are written from: its items' files and titles (a sweep variant's
    names a parameter's symbol from the catalogue), the deck mode, and the sources of every
    writer (with the reveal.js that package-lock.json pins)."""
    from assets import build

    sources = sorted(build.closure(Path(__file__))) + [ROOT / "package-lock.json"]
    payload = {"variant": variant, "video": video,
               "items": [[item.stem, item.title, item.entry["files"]] for item in items],
               "sources": [hashlib.sha256(p.read_bytes()).hexdigest() for p in sources]}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _record(out: Path) -> dict:
    """``out/.published.json``: variant → the digest its decks were written from, and their
    files; {} if missing or unreadable (then every deck is written again)."""
    path = out / outdir.PUBLISHED
    try:
        record = json.loads(path.read_bytes()) if regular(path) else {}
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def _up_to_date(out: Path, done, digest: str) -> bool:
    return (isinstance(done, dict) and done.get("digest") == digest
            and isinstance(done.get("files"), list)
            and all(regular(out / name) for name in done["files"]))


class Decks(NamedTuple):
    """What the build's own variant was published as, for its summary."""
    beamer: Path
    page: Path
    slides: Path
    pptx: Path
    pdf_bytes: int  # the Beamer deck's size once compiled (``deck.estimated_pdf_bytes``)


def publish(out: Path, theme: str, aspect: str, video: str = "animate") -> Decks:
    """Write the Beamer deck, the snippets, the HTML page, the browser deck and the PowerPoint
    deck of every variant ``out`` holds; returns those of ``theme`` and ``aspect`` (the build's
    own)."""
    from assets import pptx_deck, slides  # they build on this module's Published

    entries = _intact_entries(out)
    record, written = _record(out), {}
    own_variant = (theme, aspect)  # written even when empty: the summary names its files
    for variant in sorted({*variants(out, entries), own_variant}, key=THEME_ASPECT_ORDER.index):
        items = published(out, *variant, entries)
        if variant == own_variant:
            pdf_bytes = deck.estimated_pdf_bytes(out, items, video)
        own = [item for item in items if item.stem == options.stem(item.id, *variant)]
        dark = _dark(own, entries)
        key = "/".join(variant)
        digest = _digest(items + list(dark.values()), variant, video)
        if _up_to_date(out, record.get(key), digest) and slides.intact(out, *variant):
            # (the PowerPoint deck takes seconds)
            written[key] = record[key]
            continue
        frames = deck.deck_frames(out, items)
        files = [deck.write_deck(out, items, *variant, video, frames),
                 page.write_page(out, items, *variant, dark),
                 slides.write_slides(out, items, *variant),
                 pptx_deck.write_pptx(out, items, *variant)]
        deck.write_snippets(out, own, video, frames, variant[1])
        files += [out / "snippets" / f"{item.stem}.tex" for item in own]
        written[key] = {"digest": digest, "files": [str(f.relative_to(out)) for f in files]}
        write_json(out / outdir.PUBLISHED, {**record, **written})  # after its files: kill-safe
    return Decks(*(out / name for name in written["/".join(own_variant)]["files"][:4]), pdf_bytes)
