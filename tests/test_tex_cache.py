"""TeX labels are compiled once per output folder and shared by every later scene render."""
import pytest
from manim import MathTex, tempconfig
from manim.mobject.text import tex_mobject
from manim.utils import tex_file_writing

from assets import tex_cache


def typeset_once(tmp_path, monkeypatch, label):
    """Share ``out/.tex-cache`` in this process (undone after the test) and typeset ``label``
    in a first render: (the shared cache, its one SVG, the MathTex)."""
    cache = tmp_path / "out" / tex_cache.FOLDER
    monkeypatch.setattr(tex_mobject, "tex_to_svg_file", tex_mobject.tex_to_svg_file)
    tex_cache.share(cache)
    with tempconfig({"media_dir": str(tmp_path / "first")}):
        first = MathTex(label)
    (svg,) = cache.glob("*.svg")
    return cache, svg, first


def test_a_label_typeset_once_is_reused_by_a_fresh_render_without_latex(tmp_path, monkeypatch):
    cache, svg, first = typeset_once(tmp_path, monkeypatch, r"\nabla_\theta L = 7")

    def no_latex(*args, **kwargs):
        raise AssertionError("LaTeX ran although the SVG was in the shared cache")

    monkeypatch.setattr(tex_file_writing, "compile_tex", no_latex)
    with tempconfig({"media_dir": str(tmp_path / "second")}):  # a new render's empty media folder
        again = MathTex(r"\nabla_\theta L = 7")
    assert list(cache.glob("*.svg")) == [svg]
    assert (again.get_all_points() == first.get_all_points()).all()
    with tempconfig({"media_dir": str(tmp_path / "third")}), pytest.raises(AssertionError):
        MathTex(r"\nabla_\theta L = 8")  # a new label still needs LaTeX


def test_manim_parses_a_private_copy_never_the_shared_svg(tmp_path, monkeypatch):
    # Manim parses an SVG through a scratch file with a fixed name beside it; two renders
    # parsing the same shared SVG deleted each other's scratch file (a real failed build).
    cache = tmp_path / "out" / tex_cache.FOLDER
    monkeypatch.setattr(tex_mobject, "tex_to_svg_file", tex_mobject.tex_to_svg_file)  # undone after
    tex_cache.share(cache)
    for render in ("compiles", "reuses"):
        with tempconfig({"media_dir": str(tmp_path / render)}):
            parsed = tex_mobject.tex_to_svg_file(r"$x_1$")
        assert parsed.is_relative_to(tmp_path / render)
        assert [p.suffix for p in cache.iterdir()] == [".svg"]


@pytest.mark.parametrize("garbage", [b"<sv", b"\x89PNG\r\n", b"", b"<x/>",
                                     b'<svg xmlns="http://www.w3.org/2000/svg"/>'])
def test_a_garbled_cache_entry_is_dropped_and_typeset_again(tmp_path, monkeypatch, garbage):
    # Garbled SVGs in out/.tex-cache failed every later scene render with an XML parse error.
    _, svg, first = typeset_once(tmp_path, monkeypatch, r"\nabla_\theta L = 9")
    good = svg.read_bytes()
    svg.write_bytes(garbage)
    with tempconfig({"media_dir": str(tmp_path / "second")}):
        again = MathTex(r"\nabla_\theta L = 9")
    assert svg.read_bytes() == good
    assert (again.get_all_points() == first.get_all_points()).all()
