"""The fast readouts look exactly like Manim's own numbers, for every value they pass through."""
import numpy as np
import pytest
from manim import DecimalNumber, Integer

from scenes._numbers import Count, Number, Readout


@pytest.mark.parametrize("style", [
    {"num_decimal_places": 3, "include_sign": True},
    {"num_decimal_places": 1, "unit": r"^{\circ}"},
    {"num_decimal_places": 2, "font_size": 30},
])
def test_a_number_draws_what_decimal_number_draws_through_a_sequence_of_values(style):
    ours, manims = Number(0.5, **style), DecimalNumber(0.5, **style)
    for value in (0.5, -0.0004, 12.25, -3.5, 12.25, 7.0):
        ours.set_value(value)
        manims.set_value(value)
        assert ours.get_value() == value
        np.testing.assert_array_equal(ours.get_all_points(), manims.get_all_points())


def test_a_value_with_the_same_digits_is_kept_without_retyping():
    number = Number(1.0, num_decimal_places=2)
    glyphs = list(number.submobjects)
    number.set_value(1.0012)
    assert number.get_value() == 1.0012 and number.submobjects == glyphs
    number.set_value(1.02)
    assert number.submobjects != glyphs


def test_a_count_is_an_integer_and_a_readout_sets_its_number():
    count = Count(3)
    count.set_value(7.2)
    assert isinstance(count, Integer) and count.get_value() == 7
    np.testing.assert_array_equal(count.get_all_points(), Integer(3).set_value(7.2).get_all_points())
    readout = Readout("t =", places=0).set_value(4)
    assert readout.number.get_value() == 4
