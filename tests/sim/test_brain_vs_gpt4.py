"""The lecture's brain numbers are the published counts to the nearest power of ten."""
import math

from sim.brain_vs_gpt4 import BRAIN_VS_GPT4, PRIMARY, SOURCE


def test_each_brain_number_rounds_its_primary_source_and_is_cited():
    rows = {q.name: q for q in BRAIN_VS_GPT4}
    assert set(PRIMARY) == {q.name for q in BRAIN_VS_GPT4 if q.brain is not None}
    for name, reference in PRIMARY.items():
        assert round(math.log10(reference.value)) == math.log10(rows[name].brain)
        assert reference.citation in SOURCE
