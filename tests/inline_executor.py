"""An executor for the tests of a caller's executor: each task runs at submission, in this
process; ``calls`` names the function of each task submitted, ``tasks`` counts them."""

from __future__ import annotations

import concurrent.futures as cf


class CountingExecutor:
    def __init__(self):
        self.calls: list[str] = []

    @property
    def tasks(self) -> int:
        return len(self.calls)

    def submit(self, fn, *args):
        self.calls.append(fn.__name__)
        f = cf.Future()
        f.set_result(fn(*args))
        return f
