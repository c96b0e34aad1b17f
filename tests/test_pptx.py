"""The PowerPoint deck: reopened with python-pptx (slides, media, notes, alt text, autoplay) and
converted by LibreOffice (a PDF of one page per slide; its reading of the timing as autoplay)."""
import dataclasses
import re
import shutil
import subprocess
import time
import zipfile

import pytest
from PIL import Image, ImageChops, ImageFilter, ImageStat
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches

import theme
from assets import catalogue, options, pptx_deck, published
from tests.conftest import run_build

FIGURE, SCENE = "convexity", "level-set-walk"  # in the lecture's order
RT_VIDEO = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/video"
P14_MEDIA = ".//{http://schemas.microsoft.com/office/powerpoint/2010/main}media"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    """One figure and one scene at low quality, with the light 16:9 and dark 4:3 decks."""
    out = tmp_path_factory.mktemp("out")
    result = run_build(out, "--only", f"{FIGURE},{SCENE}")
    assert result.returncode == 0, result.stderr
    for variant in (("light", "16:9"), ("dark", "4:3")):
        pptx_deck.write_pptx(out, published.published(out, *variant), *variant)
    return out


@pytest.fixture(scope="module")
def items(out):
    return published.published(out, "light", "16:9")


@pytest.fixture(scope="module")
def deck(out):
    return Presentation(out / "lecture.pptx")


def title(slide) -> str:
    return slide.shapes.title.text_frame.text


def only(shapes, kind):
    found = [shape for shape in shapes if shape.shape_type == kind]
    assert len(found) == 1, [shape.shape_type for shape in shapes]
    return found[0]


def alt(shape) -> dict:
    """The descr and title attributes of a shape's non-visual properties (its alt text)."""
    props = shape._element.xpath("./*[1]/p:cNvPr")[0]
    return {"descr": props.get("descr"), "title": props.get("title")}


def video_blob(shape) -> bytes:
    """The bytes of the media part a movie shape plays, checking it is embedded as MP4."""
    part = shape.part.related_part(shape._element.xpath(".//a:videoFile")[0].get(
        "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}link"))
    assert part.content_type == "video/mp4"
    media = shape._element.find(P14_MEDIA)
    assert media is not None  # PowerPoint 2010+ plays the embedded part this points at
    return part.blob


def test_a_title_slide_then_a_slide_per_figure_and_one_per_section(deck, items):
    figure, scene = items
    sections = scene.sections()
    assert len(sections) == 5 and all(s.clip and s.poster for s in sections)
    assert len(deck.slides) == 1 + 1 + len(sections)
    assert [title(s) for s in deck.slides] == [
        catalogue.LECTURE, figure.asset.title, *[scene.asset.title] * len(sections)]


def test_the_figure_is_its_png_as_large_as_fits_under_the_title(out, deck, items):
    figure = items[0]
    slide = deck.slides[1]
    picture = only(slide.shapes, MSO_SHAPE_TYPE.PICTURE)
    assert picture.image.blob == (out / figure.file("png")).read_bytes()
    assert alt(picture) == {"descr": figure.asset.alt, "title": figure.asset.title}
    assert slide.notes_slide.notes_text_frame.text == figure.asset.caption
    heading = slide.shapes.title
    assert picture.top >= heading.top + heading.height  # under the title, not over it
    assert picture.top + picture.height <= deck.slide_height
    # as large as fits: it fills the slide's width or the height below the title
    assert (picture.width >= deck.slide_width - Inches(0.01)
            or picture.top + picture.height >= deck.slide_height - pptx_deck.MARGIN - Inches(0.01))
    with Image.open(out / figure.file("png")) as png:
        assert abs(picture.width / picture.height - png.width / png.height) < 0.01
    assert all(run.font.size.pt >= 28 for p in heading.text_frame.paragraphs for run in p.runs)


def test_each_section_slide_plays_its_clip_from_its_poster(out, deck, items):
    scene = items[1]
    for slide, section in zip(list(deck.slides)[2:], scene.sections(), strict=True):
        movie = only(slide.shapes, MSO_SHAPE_TYPE.MEDIA)
        assert video_blob(movie) == (out / section.clip).read_bytes()
        assert movie.poster_frame.blob == (out / section.poster).read_bytes()
        assert alt(movie) == {"descr": scene.asset.alt, "title": scene.asset.title}
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.index(section.note) < notes.index(scene.asset.caption)
        assert section.name in notes.split(section.note)[0]


def autoplays(slide_xml: bytes, spid: str) -> bool:
    """Whether a slide's timing starts movie ``spid`` by itself as the slide comes in (a media
    call in the main sequence, begun with the sequence) and nothing rewinds it."""
    found = re.search(
        rb'<p:cond evt="onBegin" delay="0"><p:tn val="2"/></p:cond>.*presetClass="mediacall"'
        rb'[^>]*nodeType="afterEffect".*cmd="playFrom\(0\.0\)".*<p:spTgt spid="' + spid.encode()
        + rb'"/>', slide_xml, re.S)
    return bool(found) and b'fill="remove"' not in slide_xml


def test_every_clip_starts_by_itself_and_holds_its_last_frame(out, deck):
    with zipfile.ZipFile(out / "lecture.pptx") as package:
        for number, slide in enumerate(deck.slides, 1):
            xml = package.read(f"ppt/slides/slide{number}.xml")
            movies = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.MEDIA]
            assert (b"<p:timing" in xml) == bool(movies)
            assert all(autoplays(xml, str(movie.shape_id)) for movie in movies)


def test_python_pptx_alone_would_play_on_click(out, tmp_path):
    """The autoplay check fails on what ``add_movie`` writes by itself."""
    section = published.published(out, "light", "16:9")[1].sections()[0]
    plain = Presentation()
    movie = plain.slides.add_slide(plain.slide_layouts[6]).shapes.add_movie(
        str(out / section.clip), 0, 0, Inches(4), Inches(2.25),
        poster_frame_image=str(out / section.poster), mime_type="video/mp4")
    plain.save(tmp_path / "plain.pptx")
    with zipfile.ZipFile(tmp_path / "plain.pptx") as package:
        assert not autoplays(package.read("ppt/slides/slide1.xml"), str(movie.shape_id))


def test_slide_size_and_colours_follow_aspect_and_theme(out):
    for variant, size in ((("light", "16:9"), (12192000, 6858000)),
                          (("dark", "4:3"), (9144000, 6858000))):
        deck = Presentation(out / f"lecture{options.stem('', *variant)}.pptx")
        assert (deck.slide_width, deck.slide_height) == size
        colours = theme.THEMES[variant[0]]
        for slide in deck.slides:
            assert str(slide.background.fill.fore_color.rgb) == colours.background.lstrip("#")
            runs = [r for p in slide.shapes.title.text_frame.paragraphs for r in p.runs]
            assert {str(r.font.color.rgb) for r in runs} == {colours.foreground.lstrip("#")}


def test_a_slide_the_lecturer_adds_matches_the_deck(out):
    """The master and layouts are stretched to the slide and coloured like it."""
    for variant in (("light", "16:9"), ("dark", "4:3")):
        deck = Presentation(out / f"lecture{options.stem('', *variant)}.pptx")
        added = deck.slides.add_slide(deck.slide_layouts[pptx_deck.LAYOUT_TITLE_ONLY])
        heading = added.shapes.title
        assert abs(heading.left + heading.width / 2 - deck.slide_width / 2) < Inches(0.01)
        assert heading.left + heading.width <= deck.slide_width
        master = deck.slide_master
        colours = theme.THEMES[variant[0]]
        assert str(master.background.fill.fore_color.rgb) == colours.background.lstrip("#")
        text = master._element.xpath("./p:clrMap")[0].get("tx1")
        assert text == ("lt1" if variant[0] == "dark" else "dk1")


def test_the_same_inputs_give_the_same_bytes(out, items, monkeypatch):
    before = (out / "lecture.pptx").read_bytes()
    (out / "lecture.pptx").unlink()
    clock = time.time
    monkeypatch.setattr(time, "time", lambda: clock() + 400 * 86400)  # python-pptx stamps this
    pptx_deck.write_pptx(out, items, "light", "16:9")
    monkeypatch.undo()
    assert (out / "lecture.pptx").read_bytes() == before


def test_a_scene_without_clips_shows_its_poster_or_last_deck_frame(out, items, tmp_path):
    scene = items[1]
    files = scene.entry["files"]
    clips = scene.file(options.SECTION_CLIPS)
    poster = scene.file("png-poster")

    def without(*names):
        entry = {**scene.entry, "files": {k: v for k, v in files.items() if k not in names}}
        return dataclasses.replace(scene, entry=entry)

    frames = scene.sidecar["deck"]["frames"]
    last = out / scene.file(options.DECK_FRAMES) / f"{frames - 1:04d}.jpg"
    for item, still in ((without(clips), out / poster), (without(clips, poster), last)):
        deck = Presentation(pptx_deck.write_pptx(out, [item], "light", "4:3"))
        assert len(deck.slides) == 2
        slide = deck.slides[1]
        picture = only(slide.shapes, MSO_SHAPE_TYPE.PICTURE)
        assert picture.image.blob == still.read_bytes()
        assert alt(picture)["descr"] == scene.asset.alt
        assert slide.notes_slide.notes_text_frame.text == scene.asset.caption
    deck = Presentation(pptx_deck.write_pptx(
        out, [without(clips, poster, scene.file(options.DECK_FRAMES))], "light", "4:3"))
    text = " ".join(s.text_frame.text for s in deck.slides[1].shapes if s.has_text_frame)
    assert "no mp4 rendered" in text and not any(
        s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in deck.slides[1].shapes)


def soffice(target_format, outdir, *sources):
    """LibreOffice headless, in a profile of its own (parallel runs would share one); the files
    it wrote."""
    result = subprocess.run(
        [shutil.which("soffice") or "soffice", f"-env:UserInstallation=file://{outdir}/profile",
         "--headless", "--convert-to", target_format, "--outdir", str(outdir), *map(str, sources)],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    converted = [outdir / source.with_suffix("." + target_format).name for source in sources]
    assert all(path.is_file() for path in converted), result.stdout + result.stderr
    return converted


@pytest.fixture(scope="module")
def pdfs(out, tmp_path_factory):
    """Both decks as LibreOffice prints them."""
    return soffice("pdf", tmp_path_factory.mktemp("pdf"), out / "lecture.pptx",
                   out / "lecture-dark-4x3.pptx")


def pdf_pages(pdf) -> int:
    result = subprocess.run(["gs", "-q", "-dNODISPLAY", "-dNOSAFER", "-c",
                             f"({pdf}) (r) file runpdfbegin pdfpagecount = quit"],
                            capture_output=True, text=True, check=True)
    return int(result.stdout)


def render_page(pdf, page) -> Image.Image:
    """One page of ``pdf`` at 60 dpi, saved beside it as PAGE.png (to look at)."""
    png = pdf.with_name(f"{pdf.stem}-{page}.png")
    subprocess.run(["gs", "-q", "-dBATCH", "-dNOPAUSE", "-sDEVICE=png16m", "-r60",
                    f"-dFirstPage={page}", f"-dLastPage={page}", f"-sOutputFile={png}", str(pdf)],
                   check=True, capture_output=True)
    with Image.open(png) as image:
        return image.convert("RGB")


def shown(page: Image.Image, shape) -> Image.Image:
    """The part of a page printed at 60 dpi that ``shape`` covers."""
    box = [round(v / 914400 * 60) for v in (shape.left, shape.top, shape.left + shape.width,
                                            shape.top + shape.height)]
    return page.crop(box)


def difference(image: Image.Image, source) -> float:
    """Mean absolute difference (0-255) between ``image`` and the picture file ``source`` at its
    size, both blurred by 2 px so that a print's half-pixel placement of thin lines is no
    difference (measured: 1.1-1.9 for the right picture, 14-16 for another)."""
    with Image.open(source) as opened:
        expected = opened.convert("RGB").resize(image.size, Image.Resampling.LANCZOS)
    blur = ImageFilter.GaussianBlur(2)
    return sum(ImageStat.Stat(ImageChops.difference(image.filter(blur),
                                                    expected.filter(blur))).mean) / 3


def test_libreoffice_prints_one_page_per_slide_showing_its_media(out, deck, items, pdfs):
    light, dark = pdfs
    assert pdf_pages(light) == len(deck.slides)
    figure = out / items[0].file("png")
    poster = out / items[1].sections()[0].poster
    page = render_page(light, 2)  # the figure
    assert page.size == (800, 450)  # 13.333 x 7.5 in
    picture = shown(page, only(deck.slides[1].shapes, MSO_SHAPE_TYPE.PICTURE))
    assert difference(picture, figure) < 5 < difference(picture, poster)
    page = render_page(light, 3)  # the first section's poster
    movie = shown(page, only(deck.slides[2].shapes, MSO_SHAPE_TYPE.MEDIA))
    assert difference(movie, poster) < 5 < difference(movie, figure)
    title = render_page(dark, 1)
    assert title.size == (600, 450)  # 10 x 7.5 in
    background = tuple(round(255 * c) for c in theme.rgb(theme.THEMES["dark"].background))
    assert title.getpixel((5, 5)) == background


def test_libreoffice_reads_each_clip_as_playing_when_its_slide_begins(out, tmp_path):
    odp, = soffice("odp", tmp_path, out / "lecture.pptx")
    with zipfile.ZipFile(odp) as package:
        content = package.read("content.xml").decode()
    pages = re.findall(r"<draw:page .*?</draw:page>", content, re.S)
    movies = [page for page in pages if "<draw:plugin" in page]
    assert len(pages) == 7 and len(movies) == 5
    for page in movies:
        frame = re.search(r'<draw:frame [^>]*draw:id="([^"]+)"[^>]*>\s*<draw:plugin', page)
        assert frame, page[:400]
        # a main-sequence effect that starts at once, after the previous (none): autoplay
        assert re.search(r'<anim:par smil:begin="0s"[^>]*presentation:node-type="after-previous"'
                         r' presentation:preset-class="media-call"[^>]*><anim:command [^>]*'
                         r'smil:targetElement="' + frame.group(1) + '" anim:command="play"',
                         page), page[-1500:]
