"""stdout and stderr for running cells: forwarded to the page in order, batched, and capped."""

from __future__ import annotations

import io
import time
from typing import Callable

Sink = Callable[[str, str], None]

FLUSH_BYTES = 16_384
FLUSH_SECONDS = 0.05


class OutputBudget:
    """Counts one cell's output and cuts it off past the limits, once, with a notice."""

    def __init__(self, max_chars: int, max_lines: int) -> None:
        self.max_chars = max_chars
        self.max_lines = max_lines
        self.chars = 0
        self.lines = 0
        self.cut = False

    def take(self, text: str) -> str:
        """The part of `text` that still fits; empty once the budget is spent."""
        if self.cut or not text:
            return ""
        if self.lines >= self.max_lines or self.chars >= self.max_chars:
            self.cut = True
            return ""
        keep = text[: self.max_chars - self.chars]
        room_lines = self.max_lines - self.lines
        if keep.count("\n") > room_lines:
            end = -1
            for _ in range(room_lines):
                end = keep.index("\n", end + 1)
            keep = keep[: end + 1]
        if len(keep) < len(text):
            self.cut = True
        self.chars += len(keep)
        self.lines += keep.count("\n")
        return keep


class Router:
    """Where cell output goes: one page sink, one budget per cell, one ordered buffer."""

    def __init__(self) -> None:
        self.sink: Sink | None = None
        self.budget: OutputBudget | None = None
        self.pending: list[tuple[str, str]] = []
        self.pending_size = 0
        self.last_flush = time.monotonic()

    def start(self, sink: Sink, budget: OutputBudget) -> None:
        self.sink = sink
        self.budget = budget
        self.pending = []
        self.pending_size = 0
        self.last_flush = time.monotonic()

    def write(self, name: str, text: str) -> None:
        if self.budget is not None:
            text = self.budget.take(text)
        if not text:
            return
        if self.pending and self.pending[-1][0] == name:
            self.pending[-1] = (name, self.pending[-1][1] + text)
        else:
            self.pending.append((name, text))
        self.pending_size += len(text)
        if self.pending_size >= FLUSH_BYTES or time.monotonic() - self.last_flush >= FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        pending, self.pending, self.pending_size = self.pending, [], 0
        self.last_flush = time.monotonic()
        if self.sink is None:
            return
        for name, text in pending:
            self.sink(name, text)

    def finish(self) -> None:
        self.flush()
        self.sink = None
        self.budget = None


class CellStream(io.TextIOBase):
    """A text stream installed once as sys.stdout or sys.stderr.

    It stays the same object for the whole session, so a logging handler created in one cell
    (engine echo=True keeps a reference to sys.stdout) still writes to whichever cell runs later.
    """

    def __init__(self, router: Router, name: str) -> None:
        super().__init__()
        self.router = router
        self._name = name

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"<{self._name}>"

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self.router.write(self._name, text)
        return len(text)

    def flush(self) -> None:
        self.router.flush()
