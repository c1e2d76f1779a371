"""Pool workers that end with the process that started them.

The process pools of this toolkit (the clipping enumeration's in :mod:`exact.clipping`, the
search's in :mod:`proofs.methods.batched`) are :class:`concurrent.futures.ProcessPoolExecutor`
workers forked from the command's process.  A worker waits for its next task on a pipe that the
other workers also hold open, so if the parent is gone (``kill PID``, the kernel's out-of-memory
killer, a crash) nothing ever tells it: it would wait forever, holding its memory.  Each worker
therefore calls :func:`die_with_parent` when it starts:

* on Linux the kernel sends the worker SIGKILL as soon as its parent ends
  (``prctl(PR_SET_PDEATHSIG, SIGKILL)``; the parent here is the thread that forked it, the one
  that submitted the pool's first task, which lives until the pool is shut down);
* on other POSIX systems (macOS, the BSDs) a daemon thread checks the parent's process id every
  half second and ends the worker (``os._exit``) once it changed (the worker adopted by another
  process), as soon as the worker's current step lets the thread run;
* on Windows nothing is done (``os.getppid`` there never changes; the pools fork where they can,
  and Windows cannot).

A worker whose parent was already gone when it started ends at once; called in the parent itself
(a pool's initializer run in place) it does nothing.  A parent that ends normally
has shut its pool down (and waited for its workers) first, so this changes nothing there.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

from .errors import InvalidArgument

__all__ = ["die_with_parent"]

#: ``PR_SET_PDEATHSIG`` of ``<linux/prctl.h>``
_PR_SET_PDEATHSIG = 1
#: seconds between two looks at the parent's process id where the kernel cannot be asked
POLL_SECONDS = 0.5

if sys.platform.startswith("linux"):
    import ctypes

    try:
        _prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # pragma: no cover - a Linux C library without prctl
        _prctl = None
else:  # pragma: no cover - tested on Linux with the kernel's way turned off (use_kernel=False)
    _prctl = None


def _end() -> None:
    os._exit(1)


def die_with_parent(parent_pid: int, *, use_kernel: bool = True) -> str:
    """Make this process (a freshly forked pool worker) end when the process ``parent_pid`` ends;
    returns how: ``"kernel"`` (Linux's parent-death signal) or ``"thread"`` (a watching thread),
    or ``"same process"`` when called in ``parent_pid`` itself (a pool's initializer run in the
    caller's process, as an executor that runs its tasks in place does), or ``"unsupported"`` on
    Windows: nothing is done then.  ``use_kernel=False`` takes the watching thread even where the
    kernel offers the signal.

    The kernel's signal comes when the *thread* that forked this process ends: a pool using this
    as its initializer must be created and used (its first task submitted) by a thread that
    outlives it, as the toolkit's pools are (each made, used and shut down within one call);
    otherwise its workers are killed when that thread ends."""
    if not isinstance(parent_pid, int) or isinstance(parent_pid, bool) or parent_pid <= 0:
        raise InvalidArgument(f"parent_pid must be a positive process id, not {parent_pid!r}")
    if parent_pid == os.getpid():
        return "same process"
    if sys.platform == "win32":  # pragma: no cover - not run on the toolkit's platforms
        return "unsupported"
    if use_kernel and _prctl is not None and _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
        # the parent may have ended before the signal was asked for: then it never comes
        if os.getppid() != parent_pid:
            _end()
        return "kernel"
    if os.getppid() != parent_pid:
        _end()

    def watch() -> None:
        while True:
            time.sleep(POLL_SECONDS)
            if os.getppid() != parent_pid:
                _end()

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()
    return "thread"
