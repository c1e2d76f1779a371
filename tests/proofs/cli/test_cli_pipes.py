"""A reader that goes away (``proofcheck ... | head``): the command still writes its files and
exits with its own status; only the standard streams' closed pipe is forgiven."""

import json
import os
import subprocess
import sys

import pytest

from exact.network import save_network
from proofs.claims.p003 import random_network
from proofs.cli import EXIT_CRASH, _PipeSafe, main


def _gone_reader(args, stderr_too=False):
    """Run ``proofcheck args`` with its stdout (and, with ``stderr_too``, its stderr) a pipe whose
    reader has already quit."""
    r, w = os.pipe()
    os.close(r)
    try:
        p = subprocess.run([sys.executable, "-m", "proofs", *args], stdout=w,
                           stderr=w if stderr_too else subprocess.PIPE, text=True, timeout=300)
    finally:
        os.close(w)
    return p.returncode, p.stderr or ""


@pytest.mark.parametrize("stderr_too", [False, True])
def test_regions_writes_its_json_when_stdout_is_gone(tmp_path, stderr_too):
    # --show 400: about 100 kB of region lines, more than a pipe's buffer, before the JSON is
    # written (the output meets the closed pipe while the regions are listed)
    net = tmp_path / "net.json"
    save_network(random_network([3, 8, 8, 1], 0), net)
    out = tmp_path / "r.json"
    rc, err = _gone_reader(["regions", str(net), "--json", str(out), "--show", "400"], stderr_too)
    assert rc == 0, err
    assert "Error" not in err and "Exception" not in err and "Traceback" not in err
    doc = json.loads(out.read_text())
    assert doc["counts"]["activation_regions"] == len(doc["regions"]) > 400


def test_a_listing_cut_short_exits_0_quietly():
    rc, err = _gone_reader(["list"])
    assert rc == 0 and err == ""


def test_pipe_safe_stream_sends_the_rest_to_devnull():
    r, w = os.pipe()
    os.close(r)
    f = os.fdopen(w, "w")
    safe = _PipeSafe(f)
    assert safe.write("x" * 200_000) == 200_000  # more than the pipe holds: the write meets the closed pipe
    safe.write("more")
    safe.flush()
    assert os.path.samestat(os.fstat(w), os.stat(os.devnull))  # the descriptor now writes to /dev/null
    f.close()


def test_a_broken_pipe_elsewhere_is_a_crash(monkeypatch, capsys):
    # not a standard stream (say a worker's pipe): a bug to report, never a silent exit 0
    from proofs import cli

    def broken(args):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(cli, "_cmd_list", broken)
    assert main(["list"]) == EXIT_CRASH
    assert "internal error" in capsys.readouterr().err
    assert not isinstance(sys.stdout, _PipeSafe) and not isinstance(sys.stderr, _PipeSafe)  # put back


def test_closed_standard_streams_print_nothing_and_exit_0():
    # started with stdout (then stderr) closed: Python's sys.stdout is None and print writes nothing
    for redirect in (">&-", "2>&-"):
        p = subprocess.run(f"{sys.executable} -m proofs list --brief {redirect}", shell=True, capture_output=True,
                           text=True, timeout=120)
        assert p.returncode == 0, (redirect, p.stderr)
        assert "internal error" not in p.stderr and "Traceback" not in p.stderr


def test_an_output_that_cannot_be_written_is_one_line_and_exit_2(monkeypatch, capsys):
    import errno
    import io

    class Full(io.StringIO):  # a redirected stdout on a full disk: the last flush fails
        def flush(self):
            raise OSError(errno.ENOSPC, "No space left on device")

    full = Full()
    monkeypatch.setattr(sys, "stdout", full)
    assert main(["list", "--brief"]) == 2
    assert sys.stdout is full  # put back
    err = capsys.readouterr().err
    assert err == "proofcheck: error: cannot write the output: No space left on device\n"
