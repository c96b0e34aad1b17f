"""The one rule for seeds, for every command and every data problem.

A seed is a whole number from 0 to 2**32 − 1: the range every NumPy generator
accepts, and what ``--seed`` takes on the command line.
"""
from __future__ import annotations

import numpy as np

from sim.errors import SimError

SEED_MAX = 2**32 - 1


def check_seed(seed, name: str = "seed") -> int:
    """``seed`` as an int; ``SimError`` (one line) if it is not a whole number in [0, SEED_MAX]."""
    if not (isinstance(seed, (int, np.integer)) and not isinstance(seed, bool)
            and 0 <= seed <= SEED_MAX):
        raise SimError(f"parameter {name} must be a whole number from 0 to {SEED_MAX}, "
                       f"got {seed!r}")
    return int(seed)
