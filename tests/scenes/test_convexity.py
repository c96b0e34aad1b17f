"""The convexity-chord scene draws sim's curves and chords, and its readouts are both sides of
the definition: always ≤ on the convex curve, > somewhere on the non-convex one."""
from types import SimpleNamespace

import numpy as np
import pytest

from scenes._base import LectureScene
from scenes.convexity import pictures_of


def closed_form(name, x):
    if name == "convex":
        return 0.5 * x**2 + x**4 / 20.0
    return x**6 / 6.0 - 2.0 * x**5 / 5.0 - x**4 / 4.0 + 2.0 * x**3 / 3.0


@pytest.fixture(scope="module")
def swept(tmp_path_factory):
    from assets import jobs, scene_render, scene_worker

    out = tmp_path_factory.mktemp("convexity-chord")
    (job,) = jobs.plan(["convexity-chord"], quality="low", formats=["png-poster"], out=out)
    scene = scene_worker.rendered(scene_render.worker_spec(job, out / "media"))
    scene.final_state = (relation(scene), scene.t.get_value(), scene.left.get_value(),
                         scene.right.get_value())  # before the tests below move t about
    return scene, SimpleNamespace(**job.params)


@pytest.mark.parametrize("name", ["convex", "non-convex"])
def test_drawn_graph_and_chord_are_sims(swept, name):
    scene, params = swept
    picture = pictures_of(params)[name]
    (x0, x1), _ = picture.window
    for part, expected in (
            ("graph", np.column_stack([picture.xs, picture.values])[
                (picture.xs >= x0) & (picture.xs <= x1)]),
            ("chord", np.column_stack([picture.chord.points, picture.chord.chord])[[0, -1]])):
        axes, path = scene.traces[f"{name} {part}"]
        corners = np.vstack([path.get_start_anchors(), path.get_end_anchors()[-1:]])
        np.testing.assert_allclose(corners, axes.coords_to_point(expected), atol=1e-9)
    np.testing.assert_allclose(picture.chord.chord[[0, -1]],
                               closed_form(name, np.array([params.theta2, params.theta1])))


def relation(scene):
    shown = {"≤": scene.holds.get_fill_opacity() > 0.5, ">": scene.fails.get_fill_opacity() > 0.5}
    assert sum(shown.values()) == 1
    return "≤" if shown["≤"] else ">"


@pytest.mark.parametrize("name", ["convex", "non-convex"])
def test_readouts_are_both_sides_of_the_definition(swept, name):
    scene, params = swept
    picture = pictures_of(params)[name]
    axes, ts = scene.axes[name], picture.chord.ts
    relations = []
    for k in range(0, len(ts), 4):
        scene.sweep_to(name, k)
        t = ts[k]
        x = t * params.theta1 + (1 - t) * params.theta2
        left = closed_form(name, x)
        right = t * closed_form(name, params.theta1) + (1 - t) * closed_form(name, params.theta2)
        assert round(scene.t.get_value(), 2) == round(t, 2)
        assert round(scene.left.get_value(), 3) == round(left, 3)
        assert round(scene.right.get_value(), 3) == round(right, 3)
        np.testing.assert_allclose(scene.on_graph.get_center(), axes.c2p(x, left), atol=1e-9)
        np.testing.assert_allclose(scene.on_chord.get_center(), axes.c2p(x, right), atol=1e-9)
        relations.append(relation(scene))
        assert relations[-1] == ("≤" if left <= right + 1e-12 else ">")
    if name == "convex":
        assert set(relations) == {"≤"}
    else:
        assert ">" in relations and "≤" in relations  # dips under, and comes back above


def test_it_ends_where_the_chord_is_deepest_under_the_nonconvex_graph(swept):
    scene, params = swept
    relation_shown, t, left, right = scene.final_state
    chord = pictures_of(params)["non-convex"].chord
    assert relation_shown == ">"
    assert round(t, 2) == round(chord.ts[np.argmin(chord.gap)], 2)
    assert left > right


def test_no_readout_is_on_screen_while_the_curve_becomes_non_convex(constructed, monkeypatch):
    """The readouts hold the convex curve's values until t sweeps the new one: they leave before
    the morph (they stood beside the wavy curve with the convex numbers before)."""
    from scenes.convexity import ConvexityChord

    on_screen_during_morph = []
    play = ConvexityChord.play

    def watched(scene, *animations, **kwargs):
        morphed = {id(getattr(a, "target_mobject", None)) for a in animations}
        if id(scene.traces["non-convex graph"][1]) in morphed:
            shown = {id(m) for m in scene.get_mobject_family_members()}
            on_screen_during_morph.append({name for name in ("t", "left", "right", "holds")
                                           if id(getattr(scene, name)) in shown})
        return play(scene, *animations, **kwargs)

    monkeypatch.setattr(ConvexityChord, "play", watched)
    constructed("convexity-chord")
    assert on_screen_during_morph == [set()]


def at_opening(monkeypatch, look) -> list:
    """``look(scene)`` on the first frame, appended to the list returned: the scene right after
    its first play, which is composed, not recorded (scenes/_base.py)."""
    seen = []
    compose = LectureScene._compose

    def composing(scene, *animations, **kwargs):
        compose(scene, *animations, **kwargs)
        seen.append(look(scene))

    monkeypatch.setattr(LectureScene, "_compose", composing)
    return seen


def test_the_first_frame_shows_the_convex_function(constructed, monkeypatch):
    """The video opens on the header and the convex graph in its frame, not on empty axes."""
    def shown(scene):
        family = {id(m) for m in scene.get_mobject_family_members()}
        graph = scene.traces["convex graph"][1]
        return id(graph) in family and graph.get_stroke_opacity() == 1.0

    seen = at_opening(monkeypatch, shown)
    constructed("convexity-chord")
    assert seen == [True]
