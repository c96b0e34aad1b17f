"""Build progress: a live table on a terminal, one line per state change elsewhere (CI, logs)."""
from __future__ import annotations

import sys

from rich.console import Console
from rich.live import Live
from rich.table import Table

STYLES = {"queued": "dim", "rendering": "yellow", "cached": "cyan", "done": "green",
          "failed": "bold red", "waiting": "yellow", "warning": "yellow"}


class Display:
    """``report(stem, state, detail)`` for ``build.build``; a context manager around the build."""

    def __init__(self, stems, console: Console | None = None):
        self.console = console or Console(file=sys.stdout, highlight=False)
        self.errors = Console(file=sys.stderr, highlight=False)
        self.rows = {stem: ("queued", "") for stem in stems}
        self.live = Live(self._table(), console=self.console, auto_refresh=False,
                         transient=False) if self.console.is_terminal else None

    def __enter__(self):
        if self.live:
            self.live.start()
        return self

    def __exit__(self, *exc):
        if self.live:
            self.live.stop()

    def _table(self) -> Table:
        table = Table(box=None, show_header=False, pad_edge=False)
        for stem, (state, detail) in self.rows.items():
            table.add_row(stem, f"[{STYLES[state]}]{state}[/]", detail)
        return table

    def report(self, stem: str, state: str, detail: str) -> None:
        if not stem:  # a message about the whole build; warnings on stderr
            console = self.errors if state == "warning" else self.console
            console.print(detail, style=STYLES.get(state), soft_wrap=True, markup=False)
            return
        self.rows[stem] = (state, detail)
        if self.live:
            self.live.update(self._table(), refresh=True)
        elif state != "queued":
            self.console.print(f"{stem}: {state}" + (f" ({detail})" if detail else ""),
                               markup=False)
