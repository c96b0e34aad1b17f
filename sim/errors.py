"""The one exception sim raises for parameters the mathematics rejects."""


class SimError(ValueError):
    """Parameters that are valid numbers but make no sense for the problem.

    Say, a level no point reaches. The message is one line: what is wrong and how to fix it.
    """
