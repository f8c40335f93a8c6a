"""What a script expects of its host that a browser worker lacks: blocking sleep, and input()."""

from __future__ import annotations

import builtins
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
