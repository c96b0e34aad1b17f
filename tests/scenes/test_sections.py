"""Every scene's sections: the steps of its story, each with a speaker note for students.

A note becomes a WebVTT caption and a slide's speaker note, so it is plain Unicode (no LaTeX),
one or two sentences, short enough to read while the step plays. Scenes are constructed with
animations skipped (cheap); Manim's clock still advances by every play and wait, so each mark's
first frame is the one the video would have, and ``assets.sections.timed`` can check that the
sections tile the video: the first at frame 0, none empty.
"""
import re
from types import SimpleNamespace

import pytest
from manim import Dot, FadeIn, config, tempconfig

from assets import sections
from scenes._base import LectureScene
from tests.conftest import SCENES

MAX_NOTE = 240  # characters: about what a caption line pair holds, read in the step's time
MAX_SENTENCES = 2
LATEX = re.compile(r"\\|\$|\^T|\^\{|_\{")  # a command, maths mode, or a TeX transpose or group
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def note_problems(marks) -> list[str]:
    """What is wrong with a scene's marks as speaker notes: one line per fault."""
    problems = []
    names = [m.name for m in marks]
    problems += [f"section {n!r} is named twice" for n in sorted(set(names)) if names.count(n) > 1]
    for mark in marks:
        note = mark.note.strip()
        where = f"section {mark.name!r}"
        if not note:
            problems.append(f"{where} has no note")
            continue
        if len(note) > MAX_NOTE:
            problems.append(f"{where}: note of {len(note)} characters (at most {MAX_NOTE})")
        count = len(SENTENCE_END.findall(note))
        if not 1 <= count <= MAX_SENTENCES or not SENTENCE_END.search(note[-1]):
            problems.append(f"{where}: note is not one or two whole sentences: {note!r}")
        if LATEX.search(note):
            problems.append(f"{where}: note holds LaTeX markup: {note!r}")
    return problems


def tiling_problem(scene, fps: float) -> str | None:
    """Why the scene's marks would not tile its video at ``fps``, or None."""
    try:
        sections.timed(scene.marks, round(scene.renderer.time * fps), fps)
    except ValueError as err:
        return str(err)
    return None


@pytest.mark.parametrize("asset_id", SCENES)
def test_every_section_has_a_plain_short_note_and_the_sections_tile_the_video(asset_id,
                                                                             constructed):
    scene, _job = constructed(asset_id)
    assert len(scene.marks) >= 2, "a scene tells its story in steps"
    assert note_problems(scene.marks) == []
    fps = config.frame_rate  # set by the construction
    assert tiling_problem(scene, fps) is None


@pytest.mark.parametrize("asset_id, params", [
    ("logistic-sgd", {"shown": 0}),  # no update to stop at: no "one by one" step
    ("cross-entropy-bars", {"steps": 3, "slow": 3}),  # every step shown slowly: no "descent"
    ("cross-entropy-bars", {"steps": 2, "slow": 0}),  # no step shown slowly
    ("epoch-shuffle", {"n": 8, "b": 4}),  # nothing left over
])
def test_the_sections_tile_the_video_at_the_edges_of_the_parameters(asset_id, params,
                                                                     constructed):
    scene, _job = constructed(asset_id, **params)
    assert note_problems(scene.marks) == []
    fps = config.frame_rate  # set by the construction
    assert tiling_problem(scene, fps) is None


def test_a_chord_that_never_dips_under_the_graph_is_not_said_to_fail(constructed):
    # At θ = 2.5, θ′ = 0 the non-convex graph stays under the chord: the note said "fails".
    scene, _job = constructed("convexity-chord", theta1=2.5, theta2=0.0)
    assert not scene.pictures["non-convex"].dips_under
    failure = next(m for m in scene.marks if m.name == "failure")
    assert "fails" not in failure.note and "holds at every t" in failure.note
    scene, _job = constructed("convexity-chord")
    assert scene.pictures["non-convex"].dips_under
    assert "fails" in next(m for m in scene.marks if m.name == "failure").note


TINY_FPS = 15


class _Tiny(LectureScene):
    """A made-up scene with no catalogue entry: ``story`` is what its construct does."""

    params = SimpleNamespace()
    story = staticmethod(lambda scene: None)

    def construct(self):
        self.story(self)


def told(story) -> LectureScene:
    """A tiny scene whose construct runs ``story(scene)``, built without writing any file."""
    with tempconfig({"dry_run": True, "frame_rate": TINY_FPS}):
        scene = type("Tiny", (_Tiny,), {"story": staticmethod(story)})()
        scene.render()
    return scene


def opening(scene) -> None:
    scene.play(FadeIn(Dot()))  # composes the opening picture: no frame recorded


def test_a_section_without_a_note_is_caught():
    def story(scene):
        scene.next_section("x", "")
        opening(scene)
        scene.wait(0.5)

    assert note_problems(told(story).marks) == ["section 'x' has no note"]

    def unnoted(scene):
        scene.next_section("x")

    with pytest.raises(TypeError, match="note"):  # the note is a required argument
        told(unnoted)


@pytest.mark.parametrize("note, fault", [
    ("The gradient θ^T x points up.", "LaTeX"),
    (r"Watch $\theta$ turn.", "LaTeX"),
    ("One. Two. Three.", "whole sentences"),
    ("No full stop", "whole sentences"),
    ("Long. " * 50, "characters"),
])
def test_a_note_with_latex_too_many_sentences_or_too_long_is_caught(note, fault):
    def story(scene):
        scene.next_section("x", note)
        opening(scene)
        scene.wait(0.5)

    problems = note_problems(told(story).marks)
    assert problems and any(fault in p for p in problems)


def test_twice_the_same_name_is_caught():
    def story(scene):
        scene.next_section("x", "First.")
        opening(scene)
        scene.wait(0.5)
        scene.next_section("x", "Again.")
        scene.wait(0.5)

    assert note_problems(told(story).marks) == ["section 'x' is named twice"]


def test_frames_before_the_first_section_or_an_empty_section_are_caught():
    def late(scene):
        opening(scene)
        scene.wait(0.5)  # recorded, before any section
        scene.next_section("x", "Late.")
        scene.wait(0.5)

    def empty(scene):
        scene.next_section("x", "Nothing happens here.")
        opening(scene)
        scene.next_section("y", "Something happens.")
        scene.wait(0.5)

    assert "first section" in tiling_problem(told(late), TINY_FPS)
    assert "holds no frame" in tiling_problem(told(empty), TINY_FPS)
