"""Into slides: the Beamer deck compiles, snippets name real files, the page loads in Chromium."""
import functools
import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
import zlib

import numpy as np
import pytest

import theme
from assets import catalogue, deck
from tests.conftest import ROOT

FIGURE, SCENE = "gradient-level-sets", "level-set-walk"
CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = subprocess.run([sys.executable, "cli.py", "build", "--only", f"{FIGURE},{SCENE}",
                             "--quality", "low", "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


def pdflatex(tex_dir, name="lecture.tex"):
    """Two passes, as the animate package needs; the second pass's result."""
    for _ in range(2):
        result = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", name],
                                cwd=tex_dir, capture_output=True, text=True, timeout=600)
        if result.returncode:
            break
    return result


def pdf_bytes(path) -> bytes:
    """A PDF's bytes with every Flate stream inflated after them (object streams included), for
    regular expressions over its dictionaries and JavaScript."""
    data = path.read_bytes()
    parts = [data]
    for start in re.finditer(rb"stream\r?\n", data):
        try:
            parts.append(zlib.decompressobj().decompress(data[start.end():]))
        except zlib.error:  # a JPEG or another stream that is not Flate
            continue
    return b"\n".join(parts)


@pytest.fixture(scope="module")
def compiled(built):
    """The light 16:9 deck, compiled in out/beamer/: (pdflatex's result, the PDF's path)."""
    return pdflatex(built / "beamer"), built / "beamer" / "lecture.pdf"


def _sections(out, stem=SCENE):
    return json.loads((out / f"{stem}.json").read_text())["sections"]


def test_beamer_deck_compiles_with_one_frame_per_asset(built, compiled):
    tex = (built / "beamer" / "lecture.tex").read_text()
    assert tex.index(FIGURE + ".pdf") < tex.index(f"{SCENE}-deck/")  # the lecture's order
    frames = sorted((built / f"{SCENE}-deck").glob("*.jpg"))
    assert frames and f"{{{len(frames) - 1:04d}}}" in tex
    result, _ = compiled
    assert result.returncode == 0, result.stdout[-2000:]
    # the title, the figure, and a page per section of the animation (its overlays)
    pages = 2 + len(_sections(built))
    assert re.search(rf"Output written on lecture\.pdf \({pages} pages", result.stdout)
    log = (built / "beamer" / "lecture.log").read_text(errors="replace")
    assert ".pfb>" in log and "pk>" not in log.replace("\n", "")  # outline fonts, no bitmaps
    assert "Overfull" not in log  # every picture fits its slide


def test_figures_are_shown_at_the_width_their_type_is_drawn_for(built):
    """The smallest figure text, theme.FONT_SIZE_SMALL at the drawn size, is MIN_SLIDE_TEXT or
    more on the slide; the caption is the lecturer's note, not slide text."""
    tex = (built / "beamer" / "lecture.tex").read_text()
    (width,) = re.findall(r"\\includegraphics\[width=([\d.]+)in,[^]]*\]\{\.\./" + FIGURE, tex)
    scale = float(width) / theme.FIGURE_SIZE["16:9"][0]
    assert theme.FONT_SIZE_SMALL * scale >= theme.MIN_SLIDE_TEXT
    caption = deck.latex_text(catalogue.get(FIGURE).caption)
    assert f"\\note{{{caption}" in tex
    snippet = (built / "snippets" / f"{FIGURE}.tex").read_text()
    assert f"width={width}in" in snippet


def _timeline(out, stem=SCENE):
    """(pause, seconds) per image of a scene's deck timeline."""
    lines = (out / f"{stem}-deck" / "timeline.txt").read_text().splitlines()
    return [(line.startswith("*"), 1 / float(line.split(":")[1])) for line in lines]


def _widgets(blob: bytes) -> dict[tuple[int, int], list[float]]:
    """(animation, frame) → the /Rect of the widget that shows that frame, in points."""
    return {(int(a), int(f)): [float(x) for x in rect.split()]
            for a, f, rect in re.findall(rb"/T \((\d+)\.(\d+)\)\s*/Rect \[([^]]+)\]", blob)}


def test_each_section_is_a_page_that_plays_it_once_and_holds_its_last_image(built, compiled):
    # → turned the page and skipped the rest of an animation that paused at each section: now
    # page k of the animation's frame plays section k alone (animation a(k-1)), from when the
    # page opens to its last image, for as long as the video shows each image
    timeline = _timeline(built)
    sections = _sections(built)
    fps = json.loads((built / f"{SCENE}.json").read_text())["fps"]
    ends = np.cumsum([seconds for _, seconds in timeline])
    blob = pdf_bytes(compiled[1])
    assert b"_pauseAt[" not in blob  # a section plays through; the next is the next page
    last = {int(a): int(n) for n, a in re.findall(rb"i<=(\d+);i\+\+\)\{a(\d+)_fr\[i\]", blob)}
    assert sorted(last) == list(range(len(sections)))
    rates = {int(a): [1 / float(r) for r in rates.split(b",")]
             for a, rates in re.findall(rb"a(\d+)_nFpsAt=new Array\(([^)]*)\)", blob)}
    first = 0
    for number, section in enumerate(sections):
        images = slice(first, first + last[number] + 1)
        assert ends[images][-1] == pytest.approx(section["end"], abs=0.5 / fps)
        if last[number]:  # one image has no rates to change
            assert rates[number] == pytest.approx([s for _, s in timeline[images]], rel=1e-3)
        assert re.search(rb"if\(a%d_playsRight\)\{a%d_playFwd\(\);\}" % (number, number), blob)
        first = images.stop
    assert first == len(timeline)


def test_without_javascript_each_page_shows_its_sections_last_image(built, compiled, tmp_path):
    from PIL import Image

    dpi = 96
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=png16m", f"-r{dpi}",
                    f"-sOutputFile={tmp_path}/%02d.png", str(compiled[1])], check=True)
    shots = sorted((built / f"{SCENE}-deck").glob("*.jpg"))
    record = json.loads((built / f"{SCENE}.json").read_text())["deck"]
    widgets = _widgets(pdf_bytes(compiled[1]))
    for number, section in enumerate(record["sections"]):
        page = Image.open(tmp_path / f"{number + 3:02d}.png").convert("RGB")
        x0, y0, x1, y1 = (v * dpi / 72 for v in widgets[number, 0])
        crop = page.crop((round(x0), round(page.height - y1), round(x1), round(page.height - y0)))
        seen = np.asarray(crop, float)

        def error(k):
            shot = Image.open(shots[k]).convert("RGB").resize(crop.size, Image.Resampling.BOX)
            return np.abs(np.asarray(shot, float) - seen).mean()

        errors = [error(k) for k in range(len(shots))]
        assert errors[section["last"]] == min(errors) < 6, (number, errors[section["last"]])
        if section["first"] < section["last"]:  # the check can fail: not its first image
            assert errors[section["first"]] > errors[section["last"]]


def test_identical_images_are_stored_once(built, compiled):
    import hashlib

    shots = (built / f"{SCENE}-deck").glob("*.jpg")
    distinct = {hashlib.md5(shot.read_bytes()).hexdigest() for shot in shots}
    assert compiled[1].read_bytes().count(b"/DCTDecode") == len(distinct)


def test_a_render_before_section_timelines_gets_one_animation_with_pauses(built, tmp_path):
    from assets.published import published

    out = tmp_path / built.name
    shutil.copytree(built, out)
    items = published(out, "light", "16:9")
    frames = {stem: {k: v for k, v in made.items() if k != "sections"}
              for stem, made in deck.deck_frames(out, items).items()}
    tex = deck.write_deck(out, items, "light", "16:9", "animate", frames).read_text()
    assert r"\only<" not in tex and f"timeline={{../{SCENE}-deck/timeline.txt}}" in tex


def test_the_pdf_size_is_estimated_within_a_tenth(built, compiled):
    from assets.published import published

    estimate = deck.estimated_pdf_bytes(built, published(built, "light", "16:9"))
    assert estimate == pytest.approx(compiled[1].stat().st_size, rel=0.1)


def test_a_title_on_two_lines_leaves_room_for_the_picture(built, tmp_path):
    # 0.84 of the text height under a two-line title: "Overfull \vbox (1.54138pt too high)"
    import dataclasses

    from assets.published import published

    out = tmp_path / built.name
    shutil.copytree(built, out)
    long = "A forward pass through a two-layer network, and a two-layer net as a function"
    items = [dataclasses.replace(item, asset=dataclasses.replace(item.asset, title=long))
             for item in published(out, "light", "16:9")]
    for aspect, name in (("16:9", "lecture.tex"), ("4:3", "lecture-4x3.tex")):
        deck.write_deck(out, items, "light", aspect, "animate", deck.deck_frames(out, items))
        assert pdflatex(out / "beamer", name).returncode == 0
        assert "Overfull" not in (out / "beamer" / name).with_suffix(".log").read_text()
    tex = out / "beamer" / "lecture.tex"  # the check can fail: without the title's line
    tex.write_text(tex.read_text().replace(r"\addtolength\deckmedia{-0.09\textheight}", ""))
    pdflatex(out / "beamer")
    assert "Overfull" in (out / "beamer" / "lecture.log").read_text()


def test_each_sections_page_has_its_note_then_the_caption(built):
    tex = (built / "beamer" / "lecture.tex").read_text()
    notes = re.findall(r"\\note<(\d+)>\{(.*)\}%", tex)
    sections = _sections(built)
    assert [int(k) for k, _ in notes] == list(range(1, len(sections) + 1))
    caption = deck.latex_text(catalogue.get(SCENE).caption)
    for (_, note), section in zip(notes, sections):
        name, said = deck.latex_text(section["name"]), deck.latex_text(section["note"])
        assert name in note and note.index(name) < note.index(said) < note.index(caption)
        assert SCENE in note and all(deck.latex_text(s["note"]) not in note
                                     for s in sections if s is not section)
    for _, note in notes:
        tex = tex.replace(note, "")
    assert caption not in tex  # on the lecturer's notes only


def test_poster_mode_links_the_video_and_carries_it(built, tmp_path):
    import hashlib

    from assets.published import publish, published

    out = tmp_path / built.name
    shutil.copytree(built, out)
    publish(out, "light", "16:9", video="poster")
    tex = (out / "beamer" / "lecture.tex").read_text()
    assert f"run:../{SCENE}.mp4" in tex and "animategraphics" not in tex
    assert pdflatex(out / "beamer").returncode == 0
    assert "Overfull" not in (out / "beamer" / "lecture.log").read_text()
    pdf = out / "beamer" / "lecture.pdf"
    blob = pdf_bytes(pdf)
    # the link: a Launch of the MP4, relative to the PDF where it was compiled
    (target,) = re.findall(rb"/A<</F\((\S+?)\)/S/Launch>>", blob)
    assert (pdf.parent / target.decode()).resolve() == (out / f"{SCENE}.mp4").resolve()
    # and the MP4 itself, embedded: the PDF still carries it when moved beside out/
    movie = (out / f"{SCENE}.mp4").read_bytes()
    (params,) = re.findall(rb"/EmbeddedFile/Subtype/video#2Fmp4/Params<<[^>]*>>", blob)
    assert f"/Size {len(movie)}/".encode() in params
    assert hashlib.md5(movie).hexdigest().upper().encode() in params
    estimate = deck.estimated_pdf_bytes(out, published(out, "light", "16:9"), video="poster")
    assert estimate == pytest.approx(pdf.stat().st_size, rel=0.1)


def test_snippets_name_existing_files(built):
    for asset_id in (FIGURE, SCENE):
        snippet = (built / "snippets" / f"{asset_id}.tex").read_text()
        (root,) = re.findall(r"\\providecommand\\lectureout\{([^}]+)\}", snippet)
        (path,) = re.findall(r"\{\\lectureout ([^}]+)\}", snippet)[-1:]
        assert root == f"{built.name}/" and (built / path).exists(), path


def test_snippets_work_from_a_deck_in_another_folder(built):
    # \input{../out/snippets/…} from mydeck/ failed: File 'out/gradient-level-sets.pdf' not found
    deck_dir = built.parent / f"mydeck-{built.name}"
    deck_dir.mkdir(exist_ok=True)
    body = "\n".join(rf"\begin{{frame}}\input{{../{built.name}/snippets/{a}.tex}}\end{{frame}}"
                     for a in (FIGURE, SCENE))
    for root, compiles in (("", False), (rf"\newcommand\lectureout{{../{built.name}/}}", True)):
        (deck_dir / "talk.tex").write_text("\n".join([
            r"\documentclass{beamer}", r"\usepackage{animate}", root, r"\begin{document}", body,
            r"\end{document}", ""]))
        assert (pdflatex(deck_dir, "talk.tex").returncode == 0) == compiles


def test_every_catalogue_title_and_caption_typesets(tmp_path):
    texts = [t for a in catalogue.select() for t in (a.title, a.caption)]
    latex = [deck.latex_text(t) for t in texts]
    for text, converted in zip(texts, latex):
        assert converted.count("?") == text.count("?"), text  # no character lost
    (tmp_path / "texts.tex").write_text("\\documentclass{article}\n" + deck.FONTS
                                        + "\n\\begin{document}\n" + "\n\n".join(latex)
                                        + "\n\\end{document}\n")
    result = pdflatex(tmp_path, "texts.tex")
    assert result.returncode == 0, result.stdout[-2000:]


def test_minus_signs_are_set_as_maths_not_as_hyphens():
    assert deck.latex_text("1 − t, −x") == r"1 \ensuremath{-} t, \ensuremath{-}x"


def serve(directory):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


CHECKER = """<!DOCTYPE html><html><body><iframe id="page" src="index.html"></iframe><script>
const frame = document.getElementById("page");
frame.addEventListener("load", () => {
  const media = [...frame.contentDocument.querySelectorAll("img, video")];
  Promise.all(media.map(el => new Promise(done => {
    if (el.tagName === "IMG" ? el.complete : (el.readyState >= 1 || el.error)) return done();
    el.addEventListener(el.tagName === "IMG" ? "load" : "loadedmetadata", done);
    el.addEventListener("error", done, true);
  }))).then(() => document.body.setAttribute("data-result", JSON.stringify(media.map(el => ({
    tag: el.tagName, src: el.currentSrc,
    ok: el.tagName === "IMG" ? el.naturalWidth > 0 : (el.readyState >= 1 && !el.error)})))));
});
</script></body></html>"""


def test_page_loads_every_image_and_video_in_chromium(built, tmp_path):
    html = (built / "index.html").read_text()
    assert "http" not in html.replace("http-equiv", "")  # self-contained: nothing fetched
    (built / "__check__.html").write_text(CHECKER)
    server = serve(built)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        shot = tmp_path / "index.png"
        direct = subprocess.run([*CHROMIUM, f"--user-data-dir={tmp_path / 'a'}",
                                 "--window-size=1280,2400", f"--screenshot={shot}",
                                 f"{base}/index.html"], capture_output=True, text=True, timeout=120)
        assert shot.exists() and shot.stat().st_size > 10_000
        assert "CONSOLE" not in direct.stderr, direct.stderr  # no console output at all
        checked = subprocess.run([*CHROMIUM, f"--user-data-dir={tmp_path / 'b'}", "--dump-dom",
                                  f"{base}/__check__.html"], capture_output=True, text=True,
                                 timeout=120)
    finally:
        server.shutdown()
        (built / "__check__.html").unlink()
    found = re.search(r'data-result="([^"]*)"', checked.stdout)
    assert found, checked.stderr[-2000:]
    media = json.loads(found.group(1).replace("&quot;", '"'))
    assert [m["tag"] for m in media] == ["IMG", "VIDEO"]
    assert all(m["ok"] for m in media), media


def test_deck_frames_are_the_videos_frames_at_the_decks_rate_and_size(built):
    import av
    from PIL import Image

    from assets import options, video

    made = json.loads((built / f"{SCENE}.json").read_text())
    shots = sorted((built / f"{SCENE}-deck").glob("*.jpg"))
    assert len(shots) == made["deck"]["frames"]
    assert made["deck"]["fps"] == made["fps"] / video.DECK_STEP  # the default follows --quality
    width, height = options.pixel_size("low", "16:9")
    assert (made["deck"]["width"], made["deck"]["height"]) == (width, height) == (
        Image.open(shots[0]).size)
    starts = np.cumsum([0] + [seconds for _, seconds in _timeline(built)])
    with av.open(str(built / f"{SCENE}.mp4")) as container:
        decoded = list(container.decode(video=0))
    for index in (0, len(shots) // 2, len(shots) - 1):
        ours = Image.open(shots[index])
        assert ours.format == "JPEG"
        pixels = np.asarray(ours.convert("RGB"), float)
        # the MP4's frame when the timeline shows this image, within what H.264 and JPEG lose
        shown = decoded[round(starts[index] * made["fps"])].reformat(format="rgb24").to_ndarray()
        assert np.abs(pixels - shown).mean() < 2.0


@pytest.mark.parametrize("formats, shown", [
    (("gif", "webm"), '<source src="epoch-shuffle.webm" type="video/webm">'),
    (("gif",), '<img src="epoch-shuffle.gif"'),
    (("png-sequence",), '<img src="epoch-shuffle-deck/'),  # the page showed nothing
])
def test_every_combination_of_formats_gives_a_valid_deck_snippet_and_page(tmp_path, formats,
                                                                          shown):
    # --format gif --format webm wrote {../None} into the deck and snippet and no media on the page
    from assets.published import publish

    args = [x for f in formats for x in ("--format", f)]
    result = subprocess.run([sys.executable, "cli.py", "render", "epoch-shuffle", "--quality",
                             "low", *args, "--out", str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert shown in (tmp_path / "index.html").read_text()
    for video in ("animate", "poster"):
        publish(tmp_path, "light", "16:9", video=video)
        tex = (tmp_path / "beamer" / "lecture.tex").read_text()
        snippet = (tmp_path / "snippets" / "epoch-shuffle.tex").read_text()
        assert "None" not in tex + snippet
        assert "epoch-shuffle-deck/" in tex  # the frames, or the last of them as the still
        assert pdflatex(tmp_path / "beamer").returncode == 0


@pytest.mark.parametrize("fmt, shown", [
    ("png", "{../gradient-level-sets.png}"),  # was {../None}: pdflatex stopped
    ("svg", "no PDF or PNG rendered"),
    ("pdf", "{../gradient-level-sets.pdf}"),
])
def test_a_figure_in_any_one_format_gives_a_valid_deck_snippet_and_page(tmp_path, fmt, shown):
    result = subprocess.run([sys.executable, "cli.py", "render", "gradient-level-sets",
                             "--format", fmt, "--out", str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    tex = (tmp_path / "beamer" / "lecture.tex").read_text()
    snippet = (tmp_path / "snippets" / "gradient-level-sets.tex").read_text()
    page = (tmp_path / "index.html").read_text()
    assert "None" not in tex + snippet + page
    assert shown in tex
    assert ("gradient-level-sets." + fmt in page) == (fmt != "pdf")
    assert pdflatex(tmp_path / "beamer").returncode == 0


def test_a_dark_render_adds_its_own_deck_and_page_beside_the_light_ones(tmp_path):
    # A dark render after a light build replaced the lecture's deck and page with one asset; then
    # the dark deck and page held only what the dark build rendered. Every deck lists every asset
    # out/ holds, in its own variant where rendered so, else in the nearest one.
    from tests.conftest import run_build

    figures = ["gradient-level-sets", "convexity"]
    assert run_build(tmp_path, "--kind", "figure", "--only", ",".join(figures)).returncode == 0
    dark = subprocess.run([sys.executable, "cli.py", "render", figures[0], "--theme", "dark",
                           "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert dark.returncode == 0, dark.stderr
    frames = {name: (tmp_path / "beamer" / name).read_text().count(r"\begin{frame}{")
              for name in ("lecture.tex", "lecture-dark.tex")}
    assert frames == {"lecture.tex": 2, "lecture-dark.tex": 2}
    dark_deck = (tmp_path / "beamer" / "lecture-dark.tex").read_text()
    assert f"{figures[0]}-dark.pdf" in dark_deck and f"{{../{figures[1]}.pdf}}" in dark_deck
    page = (tmp_path / "index.html").read_text()
    assert page.count("<section") == 2 and f"{figures[0]}-dark.svg" in page
    dark_page = (tmp_path / "index-dark.html").read_text()
    assert dark_page.count("<section") == 2 and f'"{figures[1]}.svg"' in dark_page
