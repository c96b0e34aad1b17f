"""Errors the CLI turns into one line on stderr and an exit code, never a traceback."""


class AssetError(Exception):
    """The user asked for something that does not exist or is out of range (exit code 2)."""

    exit_code = 2


class RenderError(Exception):
    """A valid request whose rendering failed (exit code 1); the message points to the log."""

    exit_code = 1


class CatalogueError(Exception):
    """An asset declaration cannot be read (a developer's mistake in figures/ or scenes/; exit 1)."""

    exit_code = 1
