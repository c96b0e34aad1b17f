"""The step-size schedules as users read them: formulas and defaults in the help, zero steps."""
import math
import re
from pathlib import Path

import numpy as np
import pytest

from sim.schedules import (SCHEDULE_HELP, SCHEDULES, Cosine, formula, schedule_defaults,
                           zero_step_warning)


def test_help_shows_each_formula_from_its_docstring_in_lines_a_terminal_holds():
    for name, cls in SCHEDULES.items():
        assert formula(cls) == cls.__doc__.splitlines()[0].strip() != ""
        assert f"  {name:<13}{formula(cls)}" in SCHEDULE_HELP.splitlines()
    assert max(len(line) for line in SCHEDULE_HELP.splitlines()) < 80


@pytest.mark.parametrize("updates", [1, 7, 1000])
@pytest.mark.parametrize("name", [name for name, cls in SCHEDULES.items() if cls.DEFAULTS])
def test_the_defaults_the_help_states_are_the_defaults_used(name, updates):
    expression = SCHEDULES[name].DEFAULTS.replace("⌊N/4⌋", "(N // 4)")
    stated = {key: eval(value, {"max": max, "N": updates})  # text like "tau = max(1, N/10)"
              for key, value in re.findall(r"(\w+) = ((?:max\([^)]*\)|[^,])+)", expression)}
    assert stated == schedule_defaults(name, updates)


def test_cosine_holds_its_floor_once_t_reaches_total():
    schedule = Cosine(lr=0.2, total=10, floor=0.01)
    steps = schedule(np.arange(30))
    assert steps[0] == 0.2 and np.all(np.diff(steps[:11]) < 0)
    assert np.all(steps[10:] == 0.01)
    assert steps[5] == pytest.approx(0.01 + 0.5 * 0.19 * (1 + math.cos(math.pi / 2)))


def test_zero_step_warning_names_the_first_update_that_does_not_move():
    assert zero_step_warning(Cosine(lr=0.1, total=100), 100) is None  # ε > 0 up to t = 99
    message = zero_step_warning(Cosine(lr=0.1, total=99), 100)
    assert message.startswith("the step size is 0 from update t = 99 on")
    assert "total ≥ 100" in message and "\n" not in message
    assert zero_step_warning(Cosine(lr=0.1, total=99, floor=1e-3), 100) is None


def test_the_readme_gives_every_formula():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for cls in SCHEDULES.values():
        assert f"`{formula(cls)}`" in readme
