"""A command killed alone (``kill PID``, the out-of-memory killer) leaves no pool worker behind:
before, the workers waited for their next task forever, holding their memory."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from exact import save_network
from proofs.claims.p003 import random_network

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _children(pid: int) -> list[int]:
    out = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] not in ("Z", "X"):
                out.append(int(name))
    return out


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False


def _kill_parent_alone(cmd: list[str], sig: int, settled: float, workers: int = 2) -> list[int]:
    """Run ``cmd``; once it has had the same pool workers for ``settled`` seconds, send ``sig`` to
    the command's process alone; return the workers still there 10 s later (killing them)."""
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        # search makes a short pool for some readings before its long ones
        deadline = time.monotonic() + 120
        kids: list[int] = []
        since = time.monotonic()
        while time.monotonic() < deadline and p.poll() is None:
            now = sorted(_children(p.pid))
            if now != kids:
                kids, since = now, time.monotonic()
            elif len(kids) >= workers and time.monotonic() - since >= settled:
                break
            time.sleep(0.02)
        if p.poll() is not None:  # pragma: no cover - ended before its workers were seen at work
            pytest.fail(f"the command ended (exit {p.returncode}) before its workers were seen: {p.stderr.read()}")
        p.send_signal(sig)
        assert p.wait(timeout=60) == -sig  # killed by the signal, not ended by itself
        end = time.monotonic() + 10
        while time.monotonic() < end and any(_alive(k) for k in kids):
            time.sleep(0.02)
        left = [k for k in kids if _alive(k)]
        for k in left:  # pragma: no cover - only when the test fails
            os.kill(k, signal.SIGKILL)
        return left
    finally:
        if p.poll() is None:  # pragma: no cover
            p.kill()
            p.wait()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_regions_workers_end_with_the_command(tmp_path, sig):
    net = tmp_path / "net.json"
    # about 5 s of work with 2 workers here: killed well before its end on a much faster machine too
    save_network(random_network([3, 32, 32, 1], 0, den=4, span=8), net)
    cmd = [sys.executable, "-m", "proofs", "regions", str(net), "--workers", "2", "--show", "0",
           "--json", str(tmp_path / "r.json"), "--checkpoint", str(tmp_path / "cp")]
    assert _kill_parent_alone(cmd, sig, 0.3) == []


def test_search_workers_end_with_the_command(tmp_path):
    cmd = [sys.executable, "-m", "proofs", "search", "001-C1", "--seconds", "60", "--workers", "2",
           "--no-database", "-q"]
    assert _kill_parent_alone(cmd, signal.SIGTERM, 1.0) == []
