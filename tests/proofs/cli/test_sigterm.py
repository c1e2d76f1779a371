"""SIGTERM (a batch system's time limit, ``kill PID``) is handled as Ctrl-C by every command:
the work reached so far is written, exit 143.  ``proofs.cli._sigterm_as_ctrl_c`` raises SIGINT
in the process (so a command's own Ctrl-C handling applies), or the interruption itself where
Ctrl-C is ignored; a forked child (a pool's worker) gets SIGTERM's default action back."""

import json
import multiprocessing as mp
import os
import signal
import subprocess
import sys
import time

import pytest

import proofs.cli as cli

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGTERM") or sys.platform == "win32", reason="POSIX signals")


def _spin():
    for _ in range(10_000):  # the handler runs at the next bytecode: here
        pass


@pytest.mark.parametrize("ctrl_c", [signal.default_int_handler, signal.SIG_IGN])
def test_sigterm_becomes_the_interruption(ctrl_c):
    previous_int, previous_term = signal.signal(signal.SIGINT, ctrl_c), signal.getsignal(signal.SIGTERM)
    try:
        state = {"got": False}
        with pytest.raises(KeyboardInterrupt):
            with cli._sigterm_as_ctrl_c(state):
                assert signal.getsignal(signal.SIGTERM) is cli._TERM_HANDLER[0] is not None
                os.kill(os.getpid(), signal.SIGTERM)
                _spin()
        assert state["got"]
        assert signal.getsignal(signal.SIGTERM) is previous_term and cli._TERM_HANDLER[0] is None
        assert signal.getsignal(signal.SIGINT) is ctrl_c  # Ctrl-C's handling untouched
        state = {"got": False}
        with cli._sigterm_as_ctrl_c(state):
            _spin()
        assert not state["got"]
    finally:
        signal.signal(signal.SIGINT, previous_int)


def test_a_commands_own_ctrl_c_handler_gets_it():
    seen = []
    previous = signal.signal(signal.SIGINT, lambda *a: seen.append("ctrl-c"))
    try:
        state = {"got": False}
        with cli._sigterm_as_ctrl_c(state):
            os.kill(os.getpid(), signal.SIGTERM)
            _spin()
        assert seen == ["ctrl-c"] and state["got"]
    finally:
        signal.signal(signal.SIGINT, previous)


def _report_sigterm(q):
    q.put(signal.getsignal(signal.SIGTERM) is signal.SIG_DFL)


def test_a_forked_worker_gets_the_default_action_back():
    ctx = mp.get_context("fork")
    q = ctx.SimpleQueue()
    with cli._sigterm_as_ctrl_c({"got": False}):
        p = ctx.Process(target=_report_sigterm, args=(q,))
        p.start()
        p.join(30)
    assert q.get() is True and p.exitcode == 0


def test_run_keeps_its_verdicts_on_sigterm(tmp_path):
    out = tmp_path / "r.json"
    cmd = [sys.executable, "-m", "proofs", "run", "all", "--json", str(out), "-q"]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while not out.exists() and time.monotonic() < deadline and p.poll() is None:
        time.sleep(0.05)
    if p.poll() is None:
        os.kill(p.pid, signal.SIGTERM)
    _, err = p.communicate(timeout=120)
    assert p.returncode == 143, err
    doc = json.loads(out.read_text())
    assert doc["complete"] is False and len(doc["verdicts"]) >= 1
    assert "interrupted" in err and "Traceback" not in err


def test_the_help_names_143(capsys):
    assert cli.main(["--help"]) == 0
    assert "143 stopped by SIGTERM" in capsys.readouterr().out
