"""The CLI's input handling: negative fractions, --max-digits, one BLAS thread, one-line errors."""

import contextlib
import io
import json

import pytest

from proofs.cli import main


def _run(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main([str(a) for a in argv])
    return rc, out.getvalue(), err.getvalue()


@pytest.fixture
def net(tmp_path):
    p = tmp_path / "net.json"
    p.write_text(json.dumps({"layers": [{"weight": [[1], [1]], "bias": [0, -1], "activation": "relu"},
                                        {"weight": [[1, -2]]}]}))
    return p


def test_negative_fractions_are_arguments(net, tmp_path):
    rc, out, err = _run(["regions", net, "--box", "-1/3", "-1/7", "-q"])
    assert rc == 0 and "[-1/3, -1/7]" in out, err
    for lo, hi in [("-1/3", "7/5"), ("-.5", "1"), ("-1e0", "2"), ("-2", "-1.5")]:
        assert _run(["regions", net, "--box", lo, hi, "-q"])[0] == 0
    rc, out, err = _run(["regions", net, "--box", "-1/3"])
    assert rc == 2 and "expected 2 arguments" in err


def test_max_digits_before_or_after_the_command(net, tmp_path):
    p = tmp_path / "big.json"
    p.write_text('{"layers": [{"weight": [[' + "7" * 12_000 + "]]}]}")
    rc, _, err = _run(["regions", p, "-q"])
    assert rc == 2 and "12000 digits" in err and "7777" not in err
    assert _run(["--max-digits", "20000", "regions", p, "-q"])[0] == 0
    assert _run(["regions", p, "-q", "--max-digits", "20000"])[0] == 0
    rc, _, err = _run(["regions", net, "--max-digits", "0"])
    assert rc == 2 and "at least 1" in err


def test_cli_runs_blas_on_one_thread(monkeypatch, net):
    import threadpoolctl

    seen = []

    @contextlib.contextmanager
    def fake(limits=None, user_api=None):
        seen.append((limits, user_api))
        yield

    monkeypatch.setattr(threadpoolctl, "threadpool_limits", fake)
    assert _run(["bounds", "-d", "1", "2"])[0] == 0
    assert seen == [(1, "blas")]


def test_errors_are_one_line_without_huge_values(net, tmp_path):
    for argv in (["regions", net, "--show", "9" * 5000], ["run", "--n-max", "9" * 5000, "x"],
                 ["bounds", "-d", "9" * 20_000, "1"], ["run", "NOPE", "--param", "k" * 500],
                 ["admissible", net, "--amplitude", "1e999999999"], ["regions", tmp_path / ("x" * 300)]):
        rc, out, err = _run(argv)
        assert rc == 2 and len(err.strip().splitlines()) == 1 and len(err.strip()) <= 200, (argv, err)
        assert "9" * 50 not in err and "k" * 50 not in err


def test_internal_errors_exit_3_in_one_line(monkeypatch, net):
    import proofs.cli.commands.bounds as b

    def boom(*a, **k):
        raise RuntimeError("x\n" * 500)

    monkeypatch.setattr(b, "all_bounds", boom)
    rc, out, err = _run(["bounds", "-d", "1", "2"])
    assert rc == 3 and len(err.strip().splitlines()) == 1 and "internal error" in err and len(err.strip()) <= 200


def test_outputs_need_existing_folders_and_follow_the_umask(net, tmp_path):
    import os

    rc, _, err = _run(["regions", net, "--json", tmp_path / "no" / "r.json"])
    assert rc == 2 and "does not exist" in err and not (tmp_path / "no").exists()
    old = os.umask(0o027)
    try:
        assert _run(["regions", net, "--json", tmp_path / "r.json", "-q"])[0] == 0
    finally:
        os.umask(old)
    assert os.stat(tmp_path / "r.json").st_mode & 0o777 == 0o640
    from exact.inputs import read_regions

    assert read_regions(tmp_path / "r.json")["counts"]["activation_regions"] == 3


def _wide_net(path, d=3, width=40, depth=3):
    """A small file whose region-count bound is huge (the regions size note's case)."""
    layers = [{"weight": [[1] * d] * width, "activation": "relu"}]
    layers += [{"weight": [[1] * width] * width, "activation": "relu"} for _ in range(depth - 1)]
    path.write_text(json.dumps({"layers": layers}))
    return path


def test_regions_size_note_comes_before_the_weights_are_converted(monkeypatch, tmp_path):
    from exact.errors import FormatError
    from exact.network import Network

    converted = []

    def refuse(cls, obj, source="network"):
        converted.append(source)
        raise FormatError(f"{source}: conversion stopped here")

    monkeypatch.setattr(Network, "from_json", classmethod(refuse))
    rc, out, err = _run(["regions", _wide_net(tmp_path / "wide.json"), "--seconds", "5"])
    lines = err.splitlines()
    assert rc == 2 and len(converted) == 1 and converted[0].endswith("wide.json"), err
    assert lines[0].startswith("note: a network of widths 3-40-40-40 has up to") and "3320 weights" in lines[0]
    assert "stopping after 5 s (--seconds); --checkpoint DIR keeps the work done for a later run" in lines[0]
    assert lines[1].endswith("conversion stopped here")


def test_regions_size_note_only_for_large_tasks(net, tmp_path):
    rc, out, err = _run(["regions", net, "-q"])
    assert rc == 0 and "note:" not in err
    # a wide network: the note, and --seconds is honoured
    rc, out, err = _run(["regions", _wide_net(tmp_path / "wide.json", width=15, depth=2), "--seconds", "0.01"])
    assert "note: a network of widths 3-15-15" in err and "stopping after 0.01 s" in err
    # with a checkpoint folder the note does not suggest one; a 2-input network takes no checkpoint
    rc, out, err = _run(["regions", _wide_net(tmp_path / "wide.json", width=15, depth=2), "--seconds", "0.01",
                         "--checkpoint", tmp_path / "cp"])
    assert "note: a network of widths 3-15-15" in err and "--checkpoint DIR" not in err
    rc, out, err = _run(["regions", _wide_net(tmp_path / "wide2.json", d=2, width=200, depth=2), "--seconds", "0.01"])
    assert "note: a network of widths 2-200-200" in err and "--checkpoint" not in err
    # a malformed shape gives no note, the reader's error only
    (tmp_path / "bad.json").write_text(json.dumps({"layers": [{"weight": []}]}))
    rc, out, err = _run(["regions", tmp_path / "bad.json"])
    assert rc == 2 and "note:" not in err and len(err.strip().splitlines()) == 1


def test_seconds_never_leaves_a_lock_held(tmp_path):
    # --seconds stops the enumeration; an exception raised while a pool worker is forked would
    # abort logging's at-fork handler with logging's module lock held (every later log call, e.g.
    # a Dask client's, then deadlocks), and one raised inside the pool's bookkeeping left the pool
    # waiting for its workers.  After many early stops, serial and parallel, the lock is free, no
    # worker is left, and each run either finished or stopped with exit 2.
    import logging
    import multiprocessing as mp
    import random

    r = random.Random(3)
    busy = tmp_path / "busy.json"
    busy.write_text(json.dumps({"layers": [
        {"weight": [[r.randint(-9, 9) for _ in range(a)] for _ in range(b)],
         "bias": [r.randint(-9, 9) for _ in range(b)], "activation": "relu"} for a, b in ((3, 16), (16, 16))]}))
    wide = _wide_net(tmp_path / "wide.json", width=15, depth=2)
    for net in (wide, busy):
        for workers in ("1", "2"):
            for s in ("0.001", "0.003", "0.01", "0.02", "0.05", "0.2"):
                rc, out, err = _run(["regions", net, "--seconds", s, "--workers", workers, "-q"])
                assert rc in (0, 2) and "Traceback" not in err and "Exception ignored" not in err, (net, s, err)
                assert rc == 0 or "stopped after --seconds" in err
                assert rc == 2 or net == wide  # the busy network never finishes in 0.2 s
                assert logging._lock.acquire(timeout=2), f"logging's lock left held after --seconds {s}"
                logging._lock.release()
                assert mp.active_children() == []


def test_deadline_check_works_without_the_alarm():
    # Outside the main thread no alarm is set: the progress check alone stops the run, once.
    import threading
    import time

    from proofs.cli.commands.regions import _Deadline, _OutOfTime

    seen = []

    def body():
        with _Deadline(0.01) as d:
            d.check()  # not yet
            time.sleep(0.03)
            try:
                d.check()
            except _OutOfTime as e:
                seen.append(str(e))
            d.check()  # raised once only
        with _Deadline(None) as d:
            time.sleep(0.01)
            d.check()  # no limit: never
        seen.append("done")

    t = threading.Thread(target=body)
    t.start()
    t.join()
    assert seen == ["stopped after --seconds 0.01: the enumeration did not finish in time", "done"]
