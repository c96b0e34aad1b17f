"""The one exception sim raises for parameters the mathematics rejects."""


class SimError(ValueError):
    """Parameters that are valid numbers but make no sense for the problem (say, a level no point reaches)."""
