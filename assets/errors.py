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


def one_line(err: BaseException) -> str:
    """An unforeseen error in one line: its type and the first line of its message, with the next
    line too when the first ends in a colon (matplotlib's "latex was not able to process the
    following string:" is followed by the string)."""
    lines = [ln.strip() for ln in str(err).splitlines() if ln.strip()]
    text = " ".join(lines[:2]) if lines and lines[0].endswith(":") else " ".join(lines[:1])
    return f"{type(err).__name__}: {text}" if text else type(err).__name__
