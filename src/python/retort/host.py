"""What a script expects of its host that a browser worker lacks: blocking sleep, input(), a
debugger, a shell, threads and a blocking event loop. Sleep is made to work, breakpoint() and
os.system() are passed over with a note, and the others fail with a message that says why."""

from __future__ import annotations

import builtins
import importlib
import os
import sys
import time
from typing import Callable

_real_sleep = time.sleep


def install(block: Callable[[float], None]) -> None:
    """Make time.sleep() wait for real, through `block(seconds)` which the JS host provides.

    The host blocks in short slices and checks for an interrupt between them, so Stop works
    in the middle of a long sleep.
    """

    def sleep(seconds: float) -> None:
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            block(min(left, 0.05))

    sleep.__doc__ = _real_sleep.__doc__
    time.sleep = sleep

    def no_input(prompt: object = "") -> str:
        if prompt:
            print(prompt, end="", flush=True)
        raise EOFError(
            "input() cannot read from the keyboard here: cells run without a terminal. "
            "Put the value in the code instead, e.g. name = \"Ada\"."
        )

    builtins.input = no_input

    def no_debugger(*args: object, **kwargs: object) -> None:
        # What PYTHONBREAKPOINT=0 does, said aloud: pdb would wait for a keyboard that is not there.
        print(
            "breakpoint() skipped: cells run without a terminal to debug in. "
            "Print the values you want to see instead.",
            file=sys.stderr,
        )

    sys.breakpointhook = no_debugger

    def no_shell(command: str) -> int:
        # The browser's C library answers system() with an error code and says nothing; Node's
        # would run the command on the machine, which a notebook must not do in one host only.
        print(
            f"os.system() skipped ({command!r}): Python in the browser has no shell and cannot run "
            "other programs. Do the work in Python instead.",
            file=sys.stderr,
        )
        return -1

    os.system = no_shell

    _explain_threads()
    _explain_blocking_loops()


def _explain_threads() -> None:
    """Thread.start() (and so ThreadPoolExecutor) fails with the reason, not only CPython's words."""
    import threading

    def start_joinable_thread(*args: object, **kwargs: object) -> None:
        raise RuntimeError(
            "can't start new thread: Python in the browser runs on a single thread. "
            "Call the thread's function directly instead."
        )

    threading._start_joinable_thread = start_joinable_thread  # type: ignore[attr-defined]


def _explain_blocking_loops() -> None:
    """asyncio.run() and run_until_complete() fail with the reason, not Pyodide's words.

    Pyodide blocks on an event loop by stack switching, which needs a cell entered through a
    promising call and a Python set up for it when it started; the memory snapshot was taken in Node,
    without it. Pyodide's error blames the JavaScript runtime, which in Chromium is not the cause.
    """
    import asyncio

    from pyodide.webloop import WebLoop

    blocking = WebLoop.run_until_complete

    def run_until_complete(self: WebLoop, future: object) -> object:
        try:
            return blocking(self, future)
        except RuntimeError as error:
            if "stack switching" not in str(error):
                raise
            if asyncio.iscoroutine(future):
                future.close()  # never run: no "coroutine was never awaited" warning from here
            raise RuntimeError(
                "asyncio.run() and run_until_complete() cannot wait here: a cell runs from start "
                "to end without pausing, so an event loop cannot block inside it. Use SQLAlchemy's "
                "synchronous API (create_engine, Session); its asyncio extension would also need "
                "an async driver such as aiosqlite, which is not installed here."
            ) from None

    WebLoop.run_until_complete = run_until_complete  # type: ignore[method-assign]


def write_on_import(packages: list[str], write: Callable[[], None]) -> None:
    """Have `write()` put the files of `packages` into site-packages when one of them is first imported.

    The runtime leaves a few packages reached only by import out of the start (the time zones:
    over 500 small files). A finder ahead of the others writes them on the first import of any
    of them, then steps aside, and the usual finders find the files.
    """
    pending = frozenset(packages)

    class WriteOnImport:
        @staticmethod
        def find_spec(name: str, path: object = None, target: object = None) -> None:
            if name.partition(".")[0] not in pending:
                return None
            sys.meta_path.remove(WriteOnImport)
            write()
            importlib.invalidate_caches()
            return None

    sys.meta_path.insert(0, WriteOnImport)  # type: ignore[arg-type]
