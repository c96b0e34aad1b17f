"""The bars are sim's numbers on a log axis; every GPT-4 number the lecture estimates says so."""
import re

import numpy as np
import pytest

from assets import jobs
from assets.figure_render import build, styled
from sim.brain_vs_gpt4 import BRAIN_VS_GPT4, SOURCE


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


def test_bar_ends_are_exactly_sims_numbers_on_a_log_axis():
    (ax,) = drawn().axes
    assert ax.get_xscale() == "log"
    bars = tagged(ax.patches, "bar")
    expected = {f"{who}:{q.name}": value for q in BRAIN_VS_GPT4
                for who, value in (("brain", q.brain), ("network", q.network)) if value is not None}
    assert set(bars) == set(expected)
    for name, bar in bars.items():
        assert bar.get_x() == 1.0 and bar.get_x() + bar.get_width() == expected[name]
    # equal ratios give equal lengths on screen: the axis really is logarithmic
    ends = {n: ax.transData.transform((b.get_x() + b.get_width(), 0))[0] for n, b in bars.items()}
    start = ax.transData.transform((1.0, 0))[0]
    per_decade = {n: (ends[n] - start) / np.log10(expected[n]) for n in bars}
    assert np.ptp(list(per_decade.values())) < 1e-6 * max(per_decade.values())


def test_printed_values_match_the_bars_and_the_missing_number_is_said_to_be_missing():
    (ax,) = drawn().axes
    values = tagged(ax.texts, "value")
    for q in BRAIN_VS_GPT4:
        for who, value in (("brain", q.brain), ("network", q.network)):
            text = values[f"{who}:{q.name}"].get_text()
            if value is None:
                assert "no number" in text
            else:
                assert printed_number(text) == value


def test_the_lectures_estimates_are_labelled_and_hatched():
    figure = drawn()
    (ax,) = figure.axes
    values, bars = tagged(ax.texts, "value"), tagged(ax.patches, "bar")
    estimates = [q for q in BRAIN_VS_GPT4 if q.estimate]
    assert {q.name for q in estimates} == {"units", "connections", "depth"}
    for q in estimates:
        assert values[f"network:{q.name}"].get_text().endswith("(estimate)")
        assert bars[f"network:{q.name}"].get_hatch()
    for q in BRAIN_VS_GPT4:
        if q.brain is not None:  # the brain's numbers are drawn plain
            assert not bars[f"brain:{q.name}"].get_hatch()
            assert "estimate" not in values[f"brain:{q.name}"].get_text()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["human brain", "GPT-4 (the lecture's estimates)"]


@pytest.mark.parametrize("show", [True, False])
def test_source_line(show):
    figure = drawn(source=show)
    printed = [" ".join(t.get_text().split()) for t in figure.texts]
    assert printed == ([f"Source: {SOURCE}."] if show else [])
