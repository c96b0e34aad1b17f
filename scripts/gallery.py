"""Regenerate the README's gallery: every figure's PNG and every scene's poster, with captions.

Renders into a temporary folder, keeps downscaled PNGs in docs/gallery/, and
rewrites the README between the gallery markers from the catalogue, so the
captions shown are the ones declared with the assets. Run with ``make gallery``.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assets import catalogue, deck, jobs  # noqa: E402

GALLERY = ROOT / "docs" / "gallery"
WIDTH = 960  # pixels: sharp on a README page, small in the repository
START, END = "<!-- gallery:start -->", "<!-- gallery:end -->"


def embed_line(asset) -> str:
    if asset.kind == "figure":
        return rf"\includegraphics[{deck.figure_size('16:9')}]{{out/{asset.id}.pdf}}"
    return rf"\input{{out/snippets/{asset.id}.tex}}  % the animation, via the animate package"


def section(asset) -> str:
    kind = "figure" if asset.kind == "figure" else "animation, last frame"
    return "\n".join([
        f"### `{asset.id}` — {asset.title}",
        "",
        f"*Slide: {asset.slide} ({kind}).* {asset.caption}",
        "",
        f"![{asset.alt}](docs/gallery/{asset.id}.png)",
        "",
        "```latex",
        embed_line(asset),
        "```",
        "",
    ])


def render_pictures(assets) -> None:
    GALLERY.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for job in jobs.plan([a.id for a in assets], formats=["png", "png-poster"],
                             out=Path(tmp)):
            print(f"rendering {job.asset.id}")
            jobs.run(job)
            with Image.open(Path(tmp) / f"{job.stem}.png") as image:
                small = image.convert("RGB").resize(
                    (WIDTH, round(image.height * WIDTH / image.width)), Image.Resampling.LANCZOS)
                small.save(GALLERY / f"{job.asset.id}.png", optimize=True)


def rewrite_readme(assets) -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    body = "\n".join(section(a) for a in assets)
    readme.write_text(f"{head}{START}\n{body}{END}{tail}", encoding="utf-8")


def main() -> None:
    assets = catalogue.select()
    render_pictures(assets)
    for stale in set(GALLERY.glob("*.png")) - {GALLERY / f"{a.id}.png" for a in assets}:
        stale.unlink()
    rewrite_readme(assets)


if __name__ == "__main__":
    main()
