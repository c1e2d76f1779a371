"""exact.workers: a pool worker ends when the process that started it ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from exact.errors import InvalidArgument
from exact.workers import die_with_parent

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

# A middle process forks a child (as a pool forks a worker), which calls die_with_parent (or not:
# mode "none") and then sleeps; the middle prints the child's pid and what die_with_parent said.
_MIDDLE = textwrap.dedent("""
    import os, signal, sys, time
    from exact.workers import die_with_parent
    mode = sys.argv[1]
    middle = os.getpid()
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a worker busy where SIGTERM is ignored
        how = "none" if mode == "none" else die_with_parent(middle, use_kernel=mode == "kernel")
        os.write(w, how.encode())
        os.close(w)
        time.sleep(120)
        os._exit(0)
    os.close(w)
    how = os.read(r, 100).decode()
    print(pid, how, flush=True)
    time.sleep(120)
""")


def _alive(pid: int) -> bool:
    """The process exists and has not ended (a zombie waiting for its new parent has ended)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def _wait_gone(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.02)
    return not _alive(pid)


def _middle_then_kill(mode: str):
    p = subprocess.Popen([sys.executable, "-c", _MIDDLE, mode], stdout=subprocess.PIPE, text=True)
    try:
        pid_text, how = p.stdout.readline().split()
        child = int(pid_text)
        assert _alive(child)
        p.kill()  # SIGKILL: the middle process gets no chance to stop its child
        p.wait(timeout=30)
    finally:
        if p.poll() is None:  # pragma: no cover - only when the test failed early
            p.kill()
    return child, how


@linux_only
@pytest.mark.parametrize("mode, how", [("kernel", "kernel"), ("thread", "thread")])
def test_the_worker_ends_with_its_parent(mode, how):
    child, said = _middle_then_kill(mode)
    try:
        assert said == how
        assert _wait_gone(child, 10), "the child outlived its parent"
    finally:
        if _alive(child):  # pragma: no cover - only when the test failed
            os.kill(child, signal.SIGKILL)


@linux_only
def test_without_it_the_child_outlives_its_parent():
    """The negative control of the test above: the same child without die_with_parent is still
    there a second after its parent ended (what a pool's worker did)."""
    child, said = _middle_then_kill("none")
    try:
        assert said == "none"
        assert not _wait_gone(child, 1.0)
    finally:
        os.kill(child, signal.SIGKILL)
        assert _wait_gone(child, 10)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork")
@pytest.mark.parametrize("use_kernel", [True, False])
def test_a_parent_already_gone_ends_the_worker_at_once(use_kernel):
    # the child is told its parent is a process that is not its parent (as when the parent ended
    # between the fork and the call): it must end at once (exit 1) instead of returning (exit 0)
    code = textwrap.dedent(f"""
        import os
        from exact.workers import die_with_parent
        pid = os.fork()
        if pid == 0:
            die_with_parent(os.getppid() + 10**6, use_kernel={use_kernel})
            os._exit(0)
        _, status = os.waitpid(pid, 0)
        print(os.waitstatus_to_exitcode(status))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "1"
    # and with its true parent it returns (exit 0), in both ways
    ok = code.replace("os.getppid() + 10**6", "os.getppid()")
    out = subprocess.run([sys.executable, "-c", ok], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "0", out.stderr


@pytest.mark.parametrize("bad", [0, -1, True, 1.5, "7", None])
def test_a_bad_parent_pid_is_refused(bad):
    with pytest.raises(InvalidArgument, match="parent_pid"):
        die_with_parent(bad)


@pytest.mark.parametrize("use_kernel", [True, False])
def test_in_the_parent_itself_nothing_is_done(use_kernel):
    """An initializer run in the caller's process (an executor that runs tasks in place): this
    process is not ended, now or when the process that started it ends, and no thread is started."""
    import threading

    def death_signal():
        if not sys.platform.startswith("linux"):
            return None
        import ctypes

        sig = ctypes.c_int(-1)
        assert ctypes.CDLL(None).prctl(2, ctypes.byref(sig), 0, 0, 0) == 0  # PR_GET_PDEATHSIG
        return sig.value

    before = threading.active_count(), death_signal()
    assert die_with_parent(os.getpid(), use_kernel=use_kernel) == "same process"
    assert (threading.active_count(), death_signal()) == before
