"""``proofcheck regions --checkpoint DIR``: a run stopped early (Ctrl-C, ``--seconds``) keeps its
finished tasks in DIR; the same command started again does only the others and writes the JSON
of an uninterrupted run.  A folder of another network, a path that cannot be a folder, or a
network that does not take the clipping path is one line and exit 2, before any work."""

import json
import signal
import subprocess
import sys
import time

import pytest

import exact.clipping as clipping
import proofs.cli.commands.regions as regions_cmd
from exact.network import save_network
from proofs.claims.p003 import random_network
from proofs.cli import EXIT_INPUT, EXIT_INTERRUPTED, main


@pytest.fixture
def net3(tmp_path):
    path = tmp_path / "net3.json"
    save_network(random_network([3, 6, 6, 1], 7), path)
    return path


def _doc(path):
    doc = json.loads(path.read_text())
    doc.pop("seconds")
    doc.pop("network_file")
    return doc


def _interrupt_after(monkeypatch, n, exc):
    """The parallel run stopped (by ``exc``) once ``n`` tasks are in."""
    real = clipping._completed

    def completed(futs, report):
        for k, f in enumerate(real(futs, report), 1):
            yield f
            if k >= n:
                raise exc
    monkeypatch.setattr(clipping, "_completed", completed)


@pytest.mark.parametrize("stop", ["ctrl-c", "seconds"])
def test_a_stopped_run_goes_on_from_its_checkpoint(tmp_path, net3, capsys, monkeypatch, stop):
    plain, resumed, cp = tmp_path / "plain.json", tmp_path / "resumed.json", tmp_path / "cp"
    assert main(["regions", str(net3), "-q", "--workers", "1", "--json", str(plain)]) == 0
    exc = KeyboardInterrupt() if stop == "ctrl-c" else regions_cmd._OutOfTime("stopped after --seconds 1")
    with monkeypatch.context() as m:
        _interrupt_after(m, 4, exc)
        capsys.readouterr()
        rc = main(["regions", str(net3), "-q", "--workers", "2", "--checkpoint", str(cp), "--json", str(resumed)])
    err = capsys.readouterr().err
    assert rc == (EXIT_INTERRUPTED if stop == "ctrl-c" else EXIT_INPUT)
    assert not resumed.exists()
    total = len(json.loads((cp / "checkpoint.json").read_text())["tasks"])
    assert f"checkpoint: 4 of {total} tasks kept in {cp}; the same command" in err
    assert len(list(cp.glob("task-*.bin"))) == 4
    assert main(["regions", str(net3), "-q", "--workers", "1", "--checkpoint", str(cp), "--json", str(resumed)]) == 0
    assert _doc(resumed) == _doc(plain)
    assert len(list(cp.glob("task-*.bin"))) == total


def test_an_interrupted_run_without_a_checkpoint_says_nothing_of_one(tmp_path, net3, capsys, monkeypatch):
    _interrupt_after(monkeypatch, 2, KeyboardInterrupt())
    assert main(["regions", str(net3), "-q", "--workers", "2"]) == EXIT_INTERRUPTED
    assert "checkpoint" not in capsys.readouterr().err


def test_a_checkpoint_of_another_network_is_refused_before_the_work(tmp_path, net3, capsys):
    cp = tmp_path / "cp"
    assert main(["regions", str(net3), "-q", "--checkpoint", str(cp)]) == 0
    other = tmp_path / "other.json"
    save_network(random_network([3, 6, 6, 1], 8), other)
    capsys.readouterr()
    assert main(["regions", str(other), "-q", "--checkpoint", str(cp)]) == EXIT_INPUT
    out = capsys.readouterr()
    assert "a checkpoint written for another network" in out.err and out.out == ""
    assert main(["regions", str(net3), "-q", "--checkpoint", str(cp), "--box", "-1", "1"]) == EXIT_INPUT
    assert "for another box" in capsys.readouterr().err


def test_bad_checkpoint_folders_and_paths(tmp_path, net3, capsys):
    (tmp_path / "f").write_text("x")
    assert main(["regions", str(net3), "-q", "--checkpoint", str(tmp_path / "f")]) == EXIT_INPUT
    assert "not a folder" in capsys.readouterr().err
    assert main(["regions", str(net3), "-q", "--checkpoint", str(tmp_path / "no" / "cp")]) == EXIT_INPUT
    assert "does not exist" in capsys.readouterr().err
    # checked before a cluster is asked for
    assert main(["regions", str(net3), "-q", "--checkpoint", str(tmp_path / "f"),
                 "--scheduler", "tcp://127.0.0.1:9"]) == EXIT_INPUT
    assert "not a folder" in capsys.readouterr().err


def test_only_the_clipping_path_takes_a_checkpoint(tmp_path, capsys):
    net2 = tmp_path / "net2.json"
    save_network(random_network([2, 4, 1], 0), net2)
    assert main(["regions", str(net2), "-q", "--checkpoint", str(tmp_path / "cp")]) == EXIT_INPUT
    assert "--checkpoint keeps the tasks of the clipping path" in capsys.readouterr().err
    assert not (tmp_path / "cp").exists()
    assert main(["regions", str(net2), "-q", "--method", "clip", "--checkpoint", str(tmp_path / "cp")]) == 0
    assert "activation regions" in capsys.readouterr().out


@pytest.mark.skipif(sys.platform == "win32", reason="a process group and SIGINT")
def test_ctrl_c_in_a_terminal_keeps_the_tasks(tmp_path):
    """The real signal, to the whole process group as a terminal sends it: the command stops at
    once (exit 130) with its finished tasks kept, and the same command then completes."""
    net = tmp_path / "net.json"
    save_network(random_network([3, 24, 24, 1], 0, den=4, span=8), net)
    cp, out = tmp_path / "cp", tmp_path / "r.json"
    cmd = [sys.executable, "-m", "proofs", "regions", str(net), "--workers", "2", "--checkpoint", str(cp),
           "--json", str(out), "--show", "0"]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while not list(cp.glob("task-*.bin")) and time.monotonic() < deadline and p.poll() is None:
        time.sleep(0.02)
    if p.poll() is None:
        import os

        os.killpg(p.pid, signal.SIGINT)
    _, err = p.communicate(timeout=120)
    if p.returncode == 0:  # pragma: no cover - finished before the signal (a very fast machine)
        pytest.skip("the enumeration ended before the signal")
    assert p.returncode == EXIT_INTERRUPTED, err
    assert "checkpoint: " in err and "interrupted" in err and not out.exists()
    kept = len(list(cp.glob("task-*.bin")))
    assert kept >= 1
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    doc = json.loads(out.read_text())
    assert doc["counts"]["activation_regions"] == len(doc["regions"]) > 1000
    plain = tmp_path / "plain.json"
    assert main(["regions", str(net), "-q", "--show", "0", "--json", str(plain)]) == 0
    assert _doc(out) == _doc(plain)


def test_a_full_disk_keeps_what_was_written(tmp_path, net3, capsys, monkeypatch):
    import errno

    import exact.checkpoint as checkpoint

    real, calls = checkpoint.atomic_write_bytes, []

    def fills_up(path, data, **kw):
        calls.append(path)
        if len(calls) > 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data, **kw)
    cp = tmp_path / "cp"
    with monkeypatch.context() as m:
        m.setattr(checkpoint, "atomic_write_bytes", fills_up)
        assert main(["regions", str(net3), "-q", "--workers", "2", "--checkpoint", str(cp)]) == EXIT_INPUT
    err = capsys.readouterr().err
    total = len(json.loads((cp / "checkpoint.json").read_text())["tasks"])
    assert f"checkpoint: 2 of {total} tasks kept in {cp}" in err
    assert "cannot write: No space left on device" in err and "internal error" not in err
    assert main(["regions", str(net3), "-q", "--checkpoint", str(cp)]) == 0


def test_a_folder_in_use_is_refused(tmp_path, net3, capsys):
    from exact.checkpoint import TaskCheckpoint
    from exact.network import load_network

    cp = tmp_path / "cp"
    with TaskCheckpoint(cp, load_network(net3), None, 1):
        assert main(["regions", str(net3), "-q", "--checkpoint", str(cp)]) == EXIT_INPUT
        assert "another run is using this checkpoint folder" in capsys.readouterr().err
    assert main(["regions", str(net3), "-q", "--checkpoint", str(cp)]) == 0
