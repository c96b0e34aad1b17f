"""The brain-vs-GPT-4 comparison, with the numbers exactly as the lecture states them.

GPT-4's size is not published by its maker: its numbers are the lecture's
estimates and every figure must say so (``estimate`` below).
"""
from __future__ import annotations

from dataclasses import dataclass

SOURCE = ("numbers as stated in the lecture (S. Saremi, Gradient Descent and "
          "Backpropagation 1, 24 Sep 2024); GPT-4's are the lecture's estimates, "
          "not published by OpenAI")


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
