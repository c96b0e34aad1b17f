"""The brain-vs-GPT-4 comparison, with the numbers exactly as the lecture states them.

The brain's are the lecture's round orders of magnitude; ``PRIMARY`` holds the
published counts they round, so a figure can cite where they come from.
GPT-4's size is not published by its maker: its numbers are the lecture's
estimates and every figure must say so (``estimate`` below).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reference:
    """A published count and where it is published."""

    value: float
    citation: str


PRIMARY = {
    "units": Reference(8.6e10, "Azevedo et al. 2009, J. Comp. Neurol. 513:532–541"),
    "connections": Reference(1e15, "Drachman 2005, Neurology 64:2004–2005"),
}
"""The brain's neuron count (86 billion, counted by isotropic fractionation) and synapse count
(about 10¹⁵, Drachman's estimate), by ``Quantity.name``."""

# In TeX math without spaces, which mathtext and LaTeX both set and a wrapped line never splits.
SOURCE = (rf"brain: $8.6\times10^{{10}}$ neurons ({PRIMARY['units'].citation}), $\sim10^{{15}}$ "
          f"synapses ({PRIMARY['connections'].citation}). GPT-4: the lecture's "
          "estimates, not published by OpenAI")


@dataclass(frozen=True)
class Quantity:
    """One row of the comparison; None where the lecture gives no number."""

    name: str
    brain_label: str
    brain: float | None
    network_label: str
    network: float | None
    estimate: bool  # True: the network's number is the lecture's estimate


BRAIN_VS_GPT4 = (
    Quantity("units", "neurons", 1e11, "neurons", 1e6, estimate=True),
    Quantity("connections", "synapses", 1e15, "parameters (weights)", 1e11, estimate=True),
    Quantity("depth", "layers", None, "layers", 100.0, estimate=True),
)
"""Human brain vs GPT-4, in the lecture's order."""
