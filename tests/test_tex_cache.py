"""TeX labels are compiled once per output folder and shared by every later scene render."""
import pytest
from manim import MathTex, tempconfig
from manim.mobject.text import tex_mobject
from manim.utils import tex_file_writing

from assets import build, tex_cache


def test_a_label_typeset_once_is_reused_by_a_fresh_render_without_latex(tmp_path, monkeypatch):
    cache = tmp_path / "out" / tex_cache.FOLDER
    monkeypatch.setattr(tex_mobject, "tex_to_svg_file", tex_mobject.tex_to_svg_file)  # undone after
    tex_cache.share(cache)
    with tempconfig({"media_dir": str(tmp_path / "first")}):
        first = MathTex(r"\nabla_\theta L = 7")
    (svg,) = cache.glob("*.svg")

    def no_latex(*args, **kwargs):
        raise AssertionError("LaTeX ran although the SVG was in the shared cache")

    monkeypatch.setattr(tex_file_writing, "compile_tex", no_latex)
    with tempconfig({"media_dir": str(tmp_path / "second")}):  # a new render's empty media folder
        again = MathTex(r"\nabla_\theta L = 7")
    assert list(cache.glob("*.svg")) == [svg]
    assert (again.get_all_points() == first.get_all_points()).all()
    with tempconfig({"media_dir": str(tmp_path / "third")}), pytest.raises(AssertionError):
        MathTex(r"\nabla_\theta L = 8")  # a new label still needs LaTeX


def test_a_killed_builds_leftovers_go_but_the_shared_tex_stays(tmp_path):
    cache = tmp_path / tex_cache.FOLDER
    cache.mkdir()
    (cache / "abc.svg").write_text("<svg/>")
    (cache / ".abc.svg.123.tmp").write_text("<sv")
    (tmp_path / ".scene.xyz").mkdir()
    build.remove_leftovers(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [tex_cache.FOLDER]
    assert [p.name for p in cache.iterdir()] == ["abc.svg"]


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
