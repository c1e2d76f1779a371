"""Tests of the batched 001-C1 engine: proofs/methods/a2_blocks.py, proofs/methods/batched.py, exact/modular.py."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from fractions import Fraction as F

import numpy as np
import pytest

from exact.errors import InvalidArgument
from exact.linalg import integer_rank
from exact.modular import PRIMES, full_rank_mod_p, singular_by_primes
from proofs.claims.p001 import conjecture_c1 as c1
from proofs.kernel.specs.p001_c1 import _drawable
from proofs.methods.a2_blocks import draw_block, instance_at, integer_a2
from proofs.methods.batched import run_blocks
from proofs.methods.search import A2Instance, evaluate_a2

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def test_modular_decisions_agree_with_flint_and_are_proofs():
    rng = np.random.default_rng(7)
    for n in range(1, 7):
        a = rng.integers(-3, 4, (400, n, n)).astype(np.int64)
        if n > 1:
            a[::3, 0] = a[::3, 1]
        exact = np.array([integer_rank(m.tolist()) == n for m in a])
        assert (full_rank_mod_p(a) == exact).all()
        assert (singular_by_primes(a) == ~exact).all()


def test_modular_negative_control_p_divides_det():
    a = np.array([[[PRIMES[0], 0], [0, 1]]], dtype=np.int64)      # det = p, non-zero over Z
    assert not full_rank_mod_p(a)[0]                              # not a proof of singularity ...
    assert not singular_by_primes(a)[0]                           # ... and the CRT bound does not claim one
    with pytest.raises(InvalidArgument):
        full_rank_mod_p(a.astype(np.float64))


def test_blocks_are_a_function_of_seed_and_block_and_drawable():
    a, b = draw_block(5, 3, 256), draw_block(5, 3, 256)
    assert all((x == y).all() for x, y in zip(a.z + a.w + a.b, b.z + b.w + b.b))
    assert instance_at(5, 3 * 256 + 17, 256) == a.instance(17)
    assert draw_block(6, 3, 256).instance(0) != a.instance(0) or draw_block(6, 3, 256).instance(1) != a.instance(1)
    for blk_i in range(8):
        blk = draw_block(2, blk_i, 128)
        for k in range(0, 128, 5):
            x = blk.instance(k)
            assert _drawable(list(x.z), list(x.W2), list(x.b2), 6)


def test_integer_a2_and_bulk_decisions_match_the_exact_path():
    for reading in c1.READINGS:
        task = c1.A2BlockSearch(reading, "sufficiency", size=300)
        for blk_i in range(8):
            blk = task.block(11, blk_i)
            A, D, ok = integer_a2(blk)
            assert ok.all()
            res_s = task.run_block(11, blk_i)
            res_n = c1.A2BlockSearch(reading, "necessity", size=300).run_block(11, blk_i)
            want_s, want_n = [], []
            for k in range(blk.size):
                x = blk.instance(k)
                ev = evaluate_a2(x, crosscheck=False)
                assert [[F(int(v), int(D[k]) ** 2) for v in r] for r in A[k]] == ev.a2_rows()
                if c1.is_counterexample(reading, "sufficiency", ev):
                    want_s.append(blk_i * 300 + k)
                if c1.is_counterexample(reading, "necessity", ev):
                    want_n.append(blk_i * 300 + k)
            assert res_s["hits"] == want_s and res_n["hits"] == want_n, reading


def test_results_do_not_depend_on_workers_and_stop_at_the_first_hit():
    task = c1.A2BlockSearch("shared_k", "sufficiency", size=512)
    one = run_blocks(task, seed=3, max_instances=20000, workers=1)
    two = run_blocks(task, seed=3, max_instances=20000, workers=2)
    assert one.hits and one.hits == two.hits and one.instances == two.instances and one.counts == two.counts
    assert one.budget_exhausted == "hit" and one.hits[0] // 512 == one.blocks - 1
    full = run_blocks(task, seed=3, max_instances=3000, workers=2, stop_on_hit=False)
    assert full.instances == 3000


class _FailsOnBlock:
    """A task whose block 2 raises (a broken worker must surface as an error naming the block)."""

    size = 10

    def run_block(self, seed, block, count=None):
        if block == 2:
            raise ValueError("deliberate failure")
        return {"instances": count or self.size, "hits": [], "counts": {"blocks": 1}, "lists": {}}


def test_process_pool_is_the_standard_executor_and_reports_a_failing_block():
    from concurrent.futures import ProcessPoolExecutor

    from proofs.methods import batched

    pool = batched._Pool(2)
    try:
        assert isinstance(pool.ex, ProcessPoolExecutor)
    finally:
        pool.close()
    ok = run_blocks(_FailsOnBlock(), seed=0, max_instances=20, workers=2)
    assert ok.instances == 20 and ok.counts == {"blocks": 2} and ok.executor == "processes"
    with pytest.raises(RuntimeError, match="block 2: ValueError: deliberate failure"):
        run_blocks(_FailsOnBlock(), seed=0, max_instances=100, workers=2)


def test_count_and_time_budgets_and_validation():
    task = c1.A2BlockSearch("criterion", "sufficiency", size=256)
    out = run_blocks(task, seed=0, max_instances=1000)
    assert out.instances == 1000 and out.budget_exhausted == "count"
    t = time.perf_counter()
    out = run_blocks(task, seed=0, seconds=1.0, workers=1)
    assert out.budget_exhausted == "time" and out.instances > 0 and time.perf_counter() - t >= 1.0
    with pytest.raises(InvalidArgument):
        run_blocks(task, seed=0)
    with pytest.raises(InvalidArgument):
        run_blocks(task, seed=0, max_instances=0)


def test_shrinking_by_hypothesis_keeps_a_counterexample_and_the_database(tmp_path):
    inst = A2Instance((F(2, 3), F(11, 3)), (F(2), F(-4, 3)), (F(-13, 3), F(26, 9)))
    best, stats = c1.shrink_counterexample(inst, "literal", "necessity", database=str(tmp_path), shrink_seconds=20)
    assert c1.is_counterexample("literal", "necessity", evaluate_a2(best))
    assert best.size_key() < inst.size_key() and stats["shrink_examples"] > 1
    assert any(tmp_path.iterdir())


def test_batch_search_verdicts_and_replay_from_seed_and_index(tmp_path):
    v = c1.search("literal", "necessity", max_examples=20000, engine="batch", seed=1, database=str(tmp_path),
                  workers=1)
    assert v.status.value == "refuted"
    found = v.evidence["found"]
    assert c1.A2BlockSearch("literal", "necessity").instance(1, found["index"]).to_json()["z"] == found["z"]
    stored = c1.stored_counterexamples(str(tmp_path), "literal", "necessity")
    assert stored and stored[0][0]["index"] == found["index"]
    nothing = c1.search("criterion", "sufficiency", max_examples=3000, engine="batch", seed=1, workers=1)
    assert nothing.status.value == "inconclusive" and nothing.evidence["instances"] == 3000
    assert nothing.certificate["evidence"]["engine"] == "batch"
    assert len(nothing.certificate["evidence"]["instances"]) == 3000


def test_batch_inconclusive_certificate_is_rechecked_and_relabelling_is_rejected(tmp_path):
    v = c1.search("criterion", "necessity", max_examples=300, engine="batch", seed=4, workers=1, block_size=128)
    cert = v.certificate
    path = tmp_path / "c.json"

    def kernel(c: dict) -> int:
        path.write_text(json.dumps(c))
        return subprocess.run([sys.executable, "-I", "-S", os.path.join(ROOT, "proofs", "kernel"), str(path)],
                              capture_output=True).returncode

    assert kernel(cert) == 0
    assert kernel({**cert, "status": "verified"}) != 0
    assert kernel({**cert, "variant": "literal/necessity"}) != 0
    bad = json.loads(json.dumps(cert))
    bad["evidence"]["engine"] = "magic"
    assert kernel(bad) != 0


def _cli(args, cwd, **kw):
    return subprocess.run([sys.executable, "-c", "import sys; from proofs.cli import main; sys.exit(main(sys.argv[1:]))",
                           *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": ROOT}, **kw)


def test_cli_exit_codes_fail_on(tmp_path):
    base = ["search", "001-C1", "--reading", "literal", "--direction", "sufficiency", "--max-examples", "5000",
            "-q", "--no-database", "--workers", "1"]
    assert _cli(base, tmp_path).returncode == 0
    assert _cli(base + ["--fail-on", "refuted"], tmp_path).returncode == 1
    assert _cli(base[:-2] + ["--workers", "0"], tmp_path).returncode == 2


@pytest.mark.parametrize("workers, engine", [("1", "batch"), ("2", "batch"), ("1", "hypothesis")])
def test_cli_one_ctrl_c_keeps_every_counterexample_and_exits_130(tmp_path, workers, engine):
    out = tmp_path / "out.json"
    p = subprocess.Popen([sys.executable, "-c", "import sys; from proofs.cli import main; sys.exit(main(sys.argv[1:]))",
                          "search", "001-C1", "--reading", "literal,criterion", "--direction", "sufficiency",
                          "--seconds", "120", "--workers", workers, "--json", str(out), "--database",
                          str(tmp_path / "db"), "--engine", engine]
                         + (["--max-examples", "1000000"] if engine == "hypothesis" else []),
                         cwd=tmp_path, env={**os.environ, "PYTHONPATH": ROOT}, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, preexec_fn=_ctrl_c_default)
    deadline = time.time() + 120
    while time.time() < deadline:     # the literal reading is refuted within its first block
        if out.exists() and json.loads(out.read_text())["verdicts"]:
            break
        time.sleep(0.2)
    time.sleep(1.0)                   # now inside the criterion search (a 120 s budget)
    p.send_signal(signal.SIGINT)
    stdout, stderr = p.communicate(timeout=60)
    assert p.returncode == 130, stderr
    res = json.loads(out.read_text())
    assert res["complete"] is False
    refuted = [v for v in res["verdicts"] if v["status"] == "refuted"]
    assert refuted and refuted[0]["evidence"]["counterexamples"]
    assert "literal/sufficiency" in stdout and "interrupted" in stderr
    assert any((tmp_path / "db").iterdir())
    crit = [v for v in res["verdicts"] if v["variant"] == "criterion/sufficiency"]
    assert not crit or (crit[0]["evidence"]["interrupted"] and crit[0]["status"] == "inconclusive")


def test_dask_local_cluster_gives_the_single_process_result():
    """A real local cluster: a scheduler and two worker processes (about 10 s)."""
    import distributed
    task = c1.A2BlockSearch("no_zero_lines", "sufficiency", size=512)
    single = run_blocks(task, seed=9, max_instances=30000, workers=1)
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as lc:
        with distributed.Client(lc) as client:
            on_dask = run_blocks(task, seed=9, max_instances=30000, scheduler=client)
            assert on_dask.executor == "dask" and on_dask.workers == 2
            # and through its address, as --scheduler gives it
            by_address = run_blocks(task, seed=9, max_instances=30000, scheduler=lc.scheduler_address)
    for other in (on_dask, by_address):
        assert (other.hits, other.instances, other.counts) == (single.hits, single.instances, single.counts)


def test_float_mirror_skips_only_matrices_with_a_zero_line():
    from proofs.methods.a2_blocks import float_full_rank

    for b in (3, 7, 12):                                            # n = 4, 8, 5
        blk = draw_block(2, b, 512)
        f = lambda r: r[0] / r[1]  # noqa: E731
        a = np.maximum(f(blk.z)[:, :, None] * f(blk.w)[:, None, :] + f(blk.b)[:, None, :], 0.0)
        s = np.linalg.svd(a, compute_uv=False)
        svd_full = (s > s[:, :1] * blk.n * np.finfo(np.float64).eps).sum(axis=1) == blk.n
        zero_line = (a == 0).all(axis=1).any(axis=1) | (a == 0).all(axis=2).any(axis=1)
        assert zero_line.any() and (~zero_line).any()
        assert (float_full_rank(blk) == svd_full).all()


_HEAP_PROBE = r"""
import json, resource, sys
from proofs.claims.p001 import conjecture_c1 as c1
from proofs.methods import batched
task = c1.A2BlockSearch("literal", "sufficiency")
def faults(k):
    a = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for b in range(k):
        task.run_block(0, b, task.size)
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - a
faults(2)
before = faults(8)
if sys.argv[1] == "run":
    batched._timed(task, 0, 0, task.size)           # what every executor runs first
after = faults(8)
print(json.dumps({"before": before, "after": after, "again": batched._heap_for_blocks()}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc thresholds")
@pytest.mark.parametrize("mode", ["run", "control"])
def test_blocks_run_with_heap_thresholds_not_a_mapping_per_array(mode):
    """Dask starts its workers with MALLOC_TRIM_THRESHOLD_=65536, under which each array of a block
    is a fresh mapping (page faults on every block).  The first block an executor runs sets the heap
    thresholds, and the page faults per block fall; the control (no block run through the harness)
    keeps them.  Counted in page faults, not time."""
    env = dict(os.environ, MALLOC_TRIM_THRESHOLD_="65536", OPENBLAS_NUM_THREADS="1")
    out = subprocess.run([sys.executable, "-c", _HEAP_PROBE, mode], env=env, cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout)
    assert r["again"] is False if mode == "run" else r["again"] is True
    if mode == "run":
        assert r["after"] < r["before"] / 3, r
    else:
        assert r["after"] > r["before"] / 2, r


class _SwallowedCtrlC:
    """Blocks of one instance; block 1 receives a Ctrl-C inside code that swallows the
    KeyboardInterrupt (as a garbage-collection callback does: hypothesis installs one)."""

    size = 1

    def run_block(self, seed, block, count):
        if block == 1:
            try:
                os.kill(os.getpid(), signal.SIGINT)
                for _ in range(10_000):   # the handler runs at the next bytecode: here
                    pass
            except KeyboardInterrupt:
                pass
        return {"instances": count, "hits": [], "counts": {"n": count}, "lists": {}}


def _ctrl_c_default() -> None:
    """In a child before it starts: Ctrl-C with its default action, as in a terminal's foreground
    job (the tests may run where it is ignored, as in a shell's background job, and a child
    inherits that: Python then leaves Ctrl-C ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def ctrl_c_default():
    """Python's own Ctrl-C handler for the test, whatever the test process inherited; restored after."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def test_a_ctrl_c_swallowed_inside_a_block_still_ends_an_in_process_run(ctrl_c_default):
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    run = run_blocks(_SwallowedCtrlC(), seed=0, max_instances=10, workers=1)
    assert run.interrupted and run.budget_exhausted == "interrupted"
    assert run.instances == 2                        # blocks 0 and 1, then the flag ends the run
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler   # restored
    with pytest.raises(KeyboardInterrupt):           # and a Ctrl-C outside any block is the default again
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(10_000):
            pass


@pytest.fixture
def ctrl_c_ignored():
    """Ctrl-C ignored for the test, as a shell gives it to a script's background job; restored after."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    yield
    signal.signal(signal.SIGINT, previous)


class _Plain:
    """Blocks of one instance that find nothing."""

    size = 1

    def run_block(self, seed, block, count):
        return {"instances": count, "hits": [], "counts": {"n": count}, "lists": {}}


@pytest.mark.parametrize("workers", [1, 2])
def test_a_run_started_with_ctrl_c_ignored_keeps_it_ignored(ctrl_c_ignored, workers):
    """A background job's Ctrl-C (the terminal's, meant for the foreground job) neither stops the
    run nor is the handler changed during it; in one process and with a pool (whose parent would
    otherwise install its flag)."""
    seen = []

    def on_result(block, res):
        seen.append(signal.getsignal(signal.SIGINT))
        os.kill(os.getpid(), signal.SIGINT)

    task = _SwallowedCtrlC() if workers == 1 else _Plain()
    run = run_blocks(task, seed=0, max_instances=6, workers=workers, on_result=on_result)
    assert not run.interrupted and run.instances == 6 and run.budget_exhausted == "count"
    assert seen == [signal.SIG_IGN] * 6 and signal.getsignal(signal.SIGINT) is signal.SIG_IGN


def test_the_hypothesis_engine_leaves_an_ignored_ctrl_c_ignored(ctrl_c_ignored):
    from proofs.methods.search import _on_sigint, _sigint_as_flag

    probe = _sigint_as_flag(lambda: signal.getsignal(signal.SIGINT))
    assert probe() is signal.SIG_IGN and signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    signal.signal(signal.SIGINT, signal.default_int_handler)   # a foreground job: the flag's handler, then restored
    assert probe() is _on_sigint and signal.getsignal(signal.SIGINT) is signal.default_int_handler
