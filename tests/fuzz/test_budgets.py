"""Negative controls of the fuzz tests' budgets (tests/budgets.py): each limit does fail a case."""

import sys
import time

import pytest

from budgets import OverBudget, cpu_budget, run_limited


def _spin(seconds):
    t0 = time.process_time()
    while time.process_time() - t0 < seconds:
        pass


def test_a_spinning_case_is_interrupted_by_its_cpu_budget():
    with pytest.raises(OverBudget, match="interrupted after 0.6 s of CPU time"):
        with cpu_budget(0.2, what="spin", interrupt_factor=3.0):
            while True:
                pass


def test_an_exception_handler_of_the_code_under_test_does_not_swallow_the_interrupt():
    with pytest.raises(OverBudget):
        with cpu_budget(0.2, what="spin"):
            try:
                while True:
                    pass
            except Exception:  # what a careless caller writes
                pass


def test_a_case_over_budget_fails_and_one_within_passes():
    with pytest.raises(AssertionError, match=r"spin: 0\.[3-9]\d s of CPU time \(budget 0.25 s\)"):
        with cpu_budget(0.25, what="spin", interrupt_factor=10.0):
            _spin(0.3)
    with cpu_budget(0.5, what="short") as spent:
        _spin(0.05)
    assert 0.05 <= spent.cpu < 0.5


def test_waiting_is_not_counted():
    # a case that only waits (as on a busy machine) uses almost no CPU time and passes
    with cpu_budget(0.2, what="sleep") as spent:
        time.sleep(0.5)
    assert spent.cpu < 0.2


def test_child_limits_kill_a_hang_and_a_blow_up():
    """A spinning child is killed by RLIMIT_CPU, an allocation of 1 GiB fails under RLIMIT_AS
    (MemoryError, exit 1), a small child passes with its own rusage."""
    spin = run_limited([sys.executable, "-c", "while True: pass"], cpu_seconds=1, address_space_mib=512)
    assert spin.killed_by in ("SIGXCPU", "SIGKILL") and spin.cpu_seconds >= 0.9
    big = run_limited([sys.executable, "-c", "x = bytearray(1 << 30)"], cpu_seconds=5, address_space_mib=512)
    assert big.returncode == 1 and "MemoryError" in big.stderr
    small = run_limited([sys.executable, "-c", "print(sum(range(10)))"], cpu_seconds=5, address_space_mib=512)
    assert small.returncode == 0 and small.stdout.strip() == "45" and small.peak_rss_mib < 200
