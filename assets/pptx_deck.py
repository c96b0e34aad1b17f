"""The PowerPoint deck, ``out/lecture.pptx``: every asset ``out/`` holds, in the lecture's order.

A title slide, then one slide per figure (its 200-dpi PNG, as large as fits under the title) and,
for each animation, one slide per section playing that section's clip (cut at its keyframes,
no re-encode) as the slide comes in and holding its last frame, so that each click continues the
story. The notes pane holds the section's note and the caption; pictures and movies carry the
asset's alt text. The same inputs give the same bytes.
"""
from __future__ import annotations

import datetime
import io
import math
import zipfile
from pathlib import Path

from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml import parse_xml
from pptx.util import Emu, Inches, Pt

import theme as theme_module
from assets import options
from assets.catalogue import LECTURE, SUBTITLE
from assets.output import write_bytes
from assets.published import Published


SLIDE_HEIGHT = Inches(7.5)  # PowerPoint's own 16:9 (13.333 x 7.5 in) and 4:3 (10 x 7.5 in)
TITLE_SIZE = Pt(32)  # legible from the back of a lecture hall (28 pt is the usual floor)
TITLE_LINE = 1.2  # line height over font size
TITLE_CHAR = 0.55  # a generous mean glyph width over font size, to count a title's lines
MARGIN = Inches(0.25)  # around the title and below the media
# The timestamps of docProps/core.xml: fixed, so that a rebuild gives the same bytes
FIXED_TIME = datetime.datetime(2000, 1, 1)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
STORED = (".mp4", ".png", ".jpeg", ".jpg")  # already compressed: deflating only costs time

P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
# What PowerPoint writes for a video set to "Start: Automatically": a media call in the slide's
# main sequence that begins with the sequence (onBegin of time node 2) after the previous effect
# (none), plus the video node. Every node holds (fill="hold"), none rewinds: the last frame stays.
AUTOPLAY = """<p:timing xmlns:p="{ns}"><p:tnLst><p:par>
<p:cTn id="1" dur="indefinite" restart="never" nodeType="tmRoot"><p:childTnLst>
<p:seq concurrent="1" nextAc="seek"><p:cTn id="2" dur="indefinite" nodeType="mainSeq"><p:childTnLst>
<p:par><p:cTn id="3" fill="hold"><p:stCondLst><p:cond delay="indefinite"/>
<p:cond evt="onBegin" delay="0"><p:tn val="2"/></p:cond></p:stCondLst><p:childTnLst>
<p:par><p:cTn id="4" fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>
<p:par><p:cTn id="5" presetID="1" presetClass="mediacall" presetSubtype="0" fill="hold"
 nodeType="afterEffect"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>
<p:cmd type="call" cmd="playFrom(0.0)"><p:cBhvr><p:cTn id="6" dur="{ms}" fill="hold"/>
<p:tgtEl><p:spTgt spid="{spid}"/></p:tgtEl></p:cBhvr></p:cmd>
</p:childTnLst></p:cTn></p:par></p:childTnLst></p:cTn></p:par></p:childTnLst></p:cTn></p:par>
</p:childTnLst></p:cTn>
<p:prevCondLst><p:cond evt="onPrev" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond>
</p:prevCondLst>
<p:nextCondLst><p:cond evt="onNext" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond>
</p:nextCondLst>
</p:seq>
<p:video><p:cMediaNode vol="80000"><p:cTn id="7" fill="hold" display="0"><p:stCondLst>
<p:cond delay="indefinite"/></p:stCondLst></p:cTn><p:tgtEl><p:spTgt spid="{spid}"/></p:tgtEl>
</p:cMediaNode></p:video>
</p:childTnLst></p:cTn></p:par></p:tnLst></p:timing>"""

LAYOUT_TITLE, LAYOUT_TITLE_ONLY = 0, 5  # in python-pptx's default template


def slide_size(aspect: str) -> tuple[Emu, Emu]:
    """(width, height) of a slide in EMU for an aspect in ``options.ASPECTS``."""
    return Emu(round(SLIDE_HEIGHT * options.ASPECT_RATIOS[aspect])), SLIDE_HEIGHT


def write_pptx(out: Path, items: list[Published], theme: str, aspect: str) -> Path:
    """Write ``out/lecture{suffix}.pptx`` (suffix from ``options.stem``) atomically for the
    ``items`` in the lecture's order, in ``theme``'s colours at ``aspect``; returns its path.

    Raises ``OSError`` if it cannot be written.
    """
    deck = Presentation()
    template_width = deck.slide_width
    deck.slide_width, deck.slide_height = slide_size(aspect)
    colours = theme_module.THEMES[theme]
    _master(deck, colours, deck.slide_width / template_width)
    _title_slide(deck, colours)
    for item in items:
        for slide in _slides(out, item):
            _add(deck, colours, item, *slide)
    properties = deck.core_properties
    properties.title, properties.subject = LECTURE, SUBTITLE
    properties.author = properties.last_modified_by = ""
    properties.created = properties.modified = FIXED_TIME
    properties.revision = 1
    buffer = io.BytesIO()
    deck.save(buffer)
    path = out / f"lecture{options.stem('', theme, aspect)}.pptx"
    write_bytes(path, _repacked(buffer.getvalue()))
    return path


def _slides(out: Path, item: Published) -> list[tuple[str, Path | None, Path | None, int, str]]:
    """(kind, media, poster, duration in ms, notes) of each slide of one asset: "picture" (media
    is the image, or None if none was rendered) or "movie" (a section's clip and poster)."""
    caption = item.caption
    if item.asset.kind == "figure":
        png = item.file("png")
        return [("picture", out / png if png else None, None, 0, caption)]
    sections = item.sections()
    if sections and all(section.clip for section in sections):
        return [("movie", out / section.clip, out / section.poster if section.poster else None,
                 round((section.end - section.start) * 1000),
                 f"Section {section.number}/{len(sections)}, {section.name}: {section.note}"
                 f"\n\n{caption}")
                for section in sections]
    return [("picture", _still(out, item), None, 0, caption)]


def _still(out: Path, item: Published) -> Path | None:
    """An animation rendered without an MP4: its poster, else the deck's last frame, else None."""
    still = item.file("png-poster") or item.last_deck_frame()
    return out / still if still else None


def _master(deck, colours, stretch: float) -> None:
    """The slide master and its layouts at the deck's width and in its colours, so that a slide
    a lecturer adds matches the rest (python-pptx's template is 4:3 and light)."""
    master = deck.slide_master
    for shape in [*master.shapes, *(s for layout in deck.slide_layouts for s in layout.shapes)]:
        if shape._element.xpath("./p:spPr/a:xfrm"):  # else it inherits the master's place
            shape.left, shape.width = round(shape.left * stretch), round(shape.width * stretch)
    _background(master, colours)
    if sum(theme_module.rgb(colours.background)) < 1.5:  # text in the light scheme colour
        master._element.xpath("./p:clrMap")[0].attrib.update(
            {"bg1": "dk1", "tx1": "lt1", "bg2": "dk2", "tx2": "lt2"})


def _title_slide(deck, colours) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[LAYOUT_TITLE])
    _background(slide, colours)
    width, height = deck.slide_width, deck.slide_height
    title, subtitle = slide.placeholders[0], slide.placeholders[1]
    title.left, title.top, title.width, title.height = (
        MARGIN, int(height * 0.25), width - 2 * MARGIN, int(height * 0.3))
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = (
        MARGIN, int(height * 0.58), width - 2 * MARGIN, int(height * 0.15))
    _text(title, LECTURE, Pt(40), colours.foreground)
    _text(subtitle, SUBTITLE, TITLE_SIZE, colours.muted)


def _add(deck, colours, item: Published, kind: str, media: Path | None, poster: Path | None,
         duration: int, notes: str) -> None:
    """One slide: the asset's title on top, its media as large as fits below, centred."""
    slide = deck.slides.add_slide(deck.slide_layouts[LAYOUT_TITLE_ONLY])
    _background(slide, colours)
    width, height = deck.slide_width, deck.slide_height
    title = slide.shapes.title
    lines = _title_lines(item.title, width - 2 * MARGIN)
    band = int(lines * TITLE_SIZE * TITLE_LINE) + 2 * MARGIN
    title.left, title.top, title.width, title.height = MARGIN, 0, width - 2 * MARGIN, band
    _text(title, item.title, TITLE_SIZE, colours.foreground)
    slide.notes_slide.notes_text_frame.text = notes
    if media is None:
        _missing(slide, colours, item, band, width)
        return
    box_width, box_height = _fit(poster or media, width, height - band - MARGIN)
    left, top = (width - box_width) // 2, band
    if kind == "movie":
        shape = slide.shapes.add_movie(str(media), left, top, box_width, box_height,
                                       poster_frame_image=str(poster) if poster else None,
                                       mime_type="video/mp4")
        _autoplay(slide, shape.shape_id, duration)
    else:
        shape = slide.shapes.add_picture(str(media), left, top, box_width, box_height)
    name = shape._element.xpath("./*[1]/p:cNvPr")[0]  # the shape's non-visual properties
    name.set("descr", item.alt)
    name.set("title", item.title)


def _missing(slide, colours, item: Published, top: int, width: int) -> None:
    """The body of a slide whose asset has no image in ``out/``: say so, and how to get one."""
    box = slide.shapes.add_textbox(MARGIN, top, width - 2 * MARGIN, Inches(1))
    fmt = "png" if item.asset.kind == "figure" else "mp4"
    _text(box, f"{item.id}: no {fmt} rendered (build it with --format {fmt})", Pt(20),
          colours.muted)


def _title_lines(text: str, width: int) -> int:
    """How many lines ``text`` takes at the title size in a box ``width`` EMU wide (an upper
    estimate: a title never runs into the media below it)."""
    per_line = max(1, int(width / (TITLE_SIZE * TITLE_CHAR)))
    return max(1, math.ceil(len(text) / per_line))


def _fit(image: Path, width: int, height: int) -> tuple[int, int]:
    """(width, height) of ``image`` scaled to fit ``width`` x ``height``, its aspect kept."""
    with Image.open(image) as opened:
        pixels_wide, pixels_high = opened.size
    scale = min(width / pixels_wide, height / pixels_high)
    return round(pixels_wide * scale), round(pixels_high * scale)


def _autoplay(slide, spid: int, duration: int) -> None:
    """Replace python-pptx's play-on-click timing with PowerPoint's "Start: Automatically"."""
    sld = slide._element
    for timing in sld.xpath("./p:timing"):
        sld.remove(timing)
    timing = parse_xml(AUTOPLAY.format(ns=P_NS, ms=max(duration, 1), spid=spid))
    # p:timing comes after p:clrMapOvr and p:transition, before p:extLst
    extensions = sld.xpath("./p:extLst")
    if extensions:
        extensions[0].addprevious(timing)
    else:
        sld.append(timing)


def _background(slide, colours) -> None:
    fill = slide.background.fill
    fill.solid()
    fill.fore_color.rgb = RGBColor.from_string(colours.background.lstrip("#"))


def _text(shape, text: str, size: Pt, colour: str) -> None:
    """Set a shape's text in one run of ``size`` and ``colour``."""
    frame = shape.text_frame
    frame.text = text
    frame.word_wrap = True
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = size
            run.font.color.rgb = RGBColor.from_string(colour.lstrip("#"))


def _repacked(data: bytes) -> bytes:
    """The zip ``data`` with every entry's time fixed (python-pptx stamps the clock on each):
    the same deck gives the same bytes. Media go in stored, the XML deflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=ZIP_TIME)
            fixed.compress_type = (zipfile.ZIP_STORED if entry.filename.endswith(STORED)
                                   else zipfile.ZIP_DEFLATED)
            target.writestr(fixed, source.read(entry))
    return buffer.getvalue()

