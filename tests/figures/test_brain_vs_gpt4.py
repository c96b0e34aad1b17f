"""The dots are sim's numbers on a log axis; every GPT-4 number the lecture estimates says so,
and the brain's are cited to their primary sources."""
import re

import pytest

import theme as theme_module
from assets import jobs
from assets.figure_render import build, styled
from sim.brain_vs_gpt4 import BRAIN_VS_GPT4, PRIMARY, SOURCE

THEME = theme_module.LIGHT


def drawn(**sets):
    (job,) = jobs.plan(["brain-vs-gpt4"], sets=[f"{k}={v}" for k, v in sets.items()])
    with styled(job):
        figure, data = build(job)
        figure.canvas.draw()
    return figure


def tagged(artists, kind):
    return {a.get_gid()[len(kind) + 1:]: a for a in artists
            if a.get_gid() and a.get_gid().startswith(kind + ":")}


def printed_number(text: str) -> float:
    """'$10^{11}$ (estimate)' → 1e11, '100 (estimate)' → 100."""
    power = re.match(r"\$10\^\{(\d+)\}\$", text)
    return 10.0 ** int(power.group(1)) if power else float(text.split()[0])


def dots(ax):
    return {a.get_gid()[len("dot:"):]: a for a in ax.lines
            if a.get_gid() and a.get_gid().startswith("dot:")}


def test_dots_are_exactly_sims_numbers_on_a_log_axis():
    (ax,) = drawn().axes
    assert ax.get_xscale() == "log"
    drawn_dots = dots(ax)
    expected = {f"{who}:{q.name}": value for q in BRAIN_VS_GPT4
                for who, value in (("brain", q.brain), ("network", q.network)) if value is not None}
    assert set(drawn_dots) == set(expected)
    for name, dot in drawn_dots.items():
        assert list(dot.get_xdata()) == [expected[name]]
    # equal ratios give equal distances on screen: the axis really is logarithmic
    x = {n: ax.transData.transform((d.get_xdata()[0], 0))[0] for n, d in drawn_dots.items()}
    decades = (x["brain:units"] - x["network:units"]) / 5  # 10¹¹ against 10⁶
    assert x["brain:connections"] - x["network:connections"] == pytest.approx(4 * decades)


def test_printed_values_match_the_dots_and_a_missing_number_is_not_drawn():
    (ax,) = drawn().axes
    values = tagged(ax.texts, "value")
    for q in BRAIN_VS_GPT4:
        for who, value in (("brain", q.brain), ("network", q.network)):
            if value is None:
                assert f"{who}:{q.name}" not in values and f"{who}:{q.name}" not in dots(ax)
            else:
                assert printed_number(values[f"{who}:{q.name}"].get_text()) == value


def test_the_lectures_estimates_are_labelled_and_hollow():
    figure = drawn()
    (ax,) = figure.axes
    values, drawn_dots = tagged(ax.texts, "value"), dots(ax)
    estimates = [q for q in BRAIN_VS_GPT4 if q.estimate]
    assert {q.name for q in estimates} == {"units", "connections", "depth"}
    for q in estimates:
        assert values[f"network:{q.name}"].get_text().endswith("(estimate)")
        dot = drawn_dots[f"network:{q.name}"]
        assert dot.get_markerfacecolor() == THEME.background != dot.get_markeredgecolor()
    for q in BRAIN_VS_GPT4:
        if q.brain is not None:  # the brain's numbers are drawn plain and filled
            assert drawn_dots[f"brain:{q.name}"].get_markerfacecolor() == THEME.brain
            assert "estimate" not in values[f"brain:{q.name}"].get_text()
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert legend == ["human brain", "GPT-4 (the lecture's estimates)"]


@pytest.mark.parametrize("show", [True, False])
def test_source_line(show):
    figure = drawn(source=show)
    printed = [" ".join(t.get_text().split()) for t in figure.texts]
    assert printed == ([f"Sources: {' '.join(SOURCE.split())}."] if show else [])
    if show:
        assert all(reference.citation in printed[0] for reference in PRIMARY.values())
