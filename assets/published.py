"""What a build has put in ``out/``, in the lecture's order: the input of the deck, page and snippets."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assets import catalogue, deck, manifest, options, page
from assets.catalogue import Asset


@dataclass(frozen=True)
class Published:
    asset: Asset
    stem: str
    entry: dict

    def file(self, fmt: str) -> str | None:
        """The file name of a format if this build made it, else None."""
        name = self.stem + options.SUFFIXES[fmt]
        return name if name in self.entry["files"] else None


def published(out: Path, theme: str, aspect: str) -> list[Published]:
    """Every asset of this theme and aspect with all its files in place, in the lecture's order."""
    entries = manifest.load(out)
    found = []
    for asset in catalogue.catalogue().values():
        stem = options.stem(asset.id, theme, aspect)
        entry = entries.get(stem)
        if entry and entry.get("files") and manifest.intact(out, entry):
            found.append(Published(asset, stem, entry))
    return found


def publish(out: Path, theme: str, aspect: str, video: str = "animate") -> list[Path]:
    """Write the Beamer deck, the snippets and the HTML page of one theme and aspect for what
    ``out`` holds (each variant has its own deck and page; see ``deck.write_deck``)."""
    items = published(out, theme, aspect)
    frames = deck.deck_frames(out, items)
    deck_path = deck.write_deck(out, items, theme, aspect, video, frames)
    deck.write_snippets(out, items, video, frames, aspect)
    page_path = page.write_page(out, items, theme, aspect)
    if theme != "light":  # the light page shows dark variants in dark mode: now these too
        page.write_page(out, published(out, "light", aspect), "light", aspect)
    return [deck_path, page_path]
