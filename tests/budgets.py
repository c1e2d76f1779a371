"""Resource budgets for test cases that must stay small, robust to a busy machine.

A case's time is its **CPU time**, not wall-clock time: on a shared machine a case may wait
for a core for seconds, but the CPU it consumes does not grow with the load.

* :func:`cpu_budget` (in-process cases): the case's CPU time (this process, every thread,
  plus children reaped during the case) is measured and checked against the budget; a case
  that spins is interrupted by ``SIGPROF`` (an ``ITIMER_PROF`` timer, which counts CPU time
  only) once it has used ``interrupt_factor`` times the budget, and fails with
  :class:`OverBudget` (a ``BaseException``, so no ``except Exception`` of the code under test
  swallows it).  A case stuck without using CPU (a deadlock) is ended, with every thread's
  traceback, after ``hang_seconds`` of wall-clock time, far beyond any load-induced delay.
* :func:`run_limited` (subprocess cases): the child runs under ``RLIMIT_CPU`` (the kernel
  kills it with ``SIGXCPU`` when it exceeds its CPU seconds) and ``RLIMIT_AS`` (an allocation
  beyond the address-space limit fails instead of exhausting the machine), with one BLAS
  thread; the result carries the child's own ``rusage`` (CPU seconds, peak resident memory).
"""

from __future__ import annotations

import contextlib
import dataclasses
import faulthandler
import os
import resource
import signal
import subprocess
import tempfile
import time

__all__ = ["OverBudget", "cpu_budget", "Limited", "run_limited"]


class OverBudget(BaseException):
    """A case used more CPU time than its budget allows (raised by the ``SIGPROF`` handler)."""


def _children_cpu() -> float:
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


@dataclasses.dataclass
class _Spent:
    cpu: float = 0.0


@contextlib.contextmanager
def cpu_budget(seconds: float, *, what: str = "case", interrupt_factor: float = 3.0, hang_seconds: float = 600.0):
    """Run the body within ``seconds`` of CPU time; yields an object whose ``cpu`` is set on exit.

    Fails (AssertionError) when the body used more than ``seconds``; interrupts it with
    :class:`OverBudget` when it reaches ``interrupt_factor * seconds`` (only in the main
    thread, where signals are delivered; elsewhere the measurement alone applies)."""
    spent = _Spent()
    use_timer = hasattr(signal, "setitimer") and _in_main_thread()
    if use_timer:
        def on_prof(signum, frame):
            raise OverBudget(f"{what}: interrupted after {interrupt_factor * seconds:.1f} s of CPU time")

        old = signal.signal(signal.SIGPROF, on_prof)
        signal.setitimer(signal.ITIMER_PROF, interrupt_factor * seconds)
    faulthandler.dump_traceback_later(hang_seconds, exit=True)
    t0, c0 = time.process_time(), _children_cpu()
    try:
        yield spent
    finally:
        spent.cpu = (time.process_time() - t0) + (_children_cpu() - c0)
        faulthandler.cancel_dump_traceback_later()
        if use_timer:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, old)
    assert spent.cpu < seconds, f"{what}: {spent.cpu:.2f} s of CPU time (budget {seconds} s)"


def _in_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


@dataclasses.dataclass
class Limited:
    """A finished child: exit code (negative: killed by that signal), output, its own rusage."""

    returncode: int
    stdout: str
    stderr: str
    cpu_seconds: float
    peak_rss_mib: float

    @property
    def killed_by(self) -> str | None:
        return signal.Signals(-self.returncode).name if self.returncode < 0 else None


def run_limited(cmd, *, cpu_seconds: int, address_space_mib: int, hang_seconds: float = 600.0) -> Limited:
    """Run ``cmd`` with stdout/stderr captured under ``RLIMIT_CPU`` and ``RLIMIT_AS``.

    The child is killed by the kernel (``SIGXCPU``) past ``cpu_seconds`` of CPU time; an
    allocation past ``address_space_mib`` of address space fails in the child.  Only a child
    that neither runs nor ends within ``hang_seconds`` of wall-clock time is killed by the
    parent (``SIGKILL``), a backstop for a child blocked without using CPU."""

    def limits():
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
        resource.setrlimit(resource.RLIMIT_AS, (address_space_mib << 20, address_space_mib << 20))

    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([str(a) for a in cmd], stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                preexec_fn=limits, env=env)
        deadline = time.monotonic() + hang_seconds
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Limited(proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                       usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
