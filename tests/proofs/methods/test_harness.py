"""Every search of the project on the one harness (proofs/methods/batched.py run_blocks):
001-C1's hypothesis and random engines, 003-Ex2's grid of networks, 000-T1's and 001-H2/H3's
training runs.  The same seed gives the same result with 1 and 2 workers (and on a Dask cluster);
a negative control shows that the comparison can fail."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import strategies as st

from proofs.claims.p000 import training_t1
from proofs.claims.p001 import conjecture_c1 as c1
from proofs.claims.p001 import slides_runs
from proofs.claims.p003 import corollary4, example2
from proofs.kernel import recheck
from proofs.methods.batched import resolve_workers, run_blocks
from proofs.methods.search import run_search


class _PidTask:
    """A deliberately wrong task: its result depends on the process that runs it."""

    size = 1

    def run_block(self, seed, block, count=None):
        return {"instances": 1, "hits": [], "counts": {}, "lists": {"pid": [os.getpid()]}}


def _no_workers(cert: dict) -> dict:
    """A certificate without the worker count its search record names (the only field that may differ)."""
    return {**cert, "evidence": {k: v for k, v in cert["evidence"].items() if k != "workers"}}


def _timeless(extras: list) -> list:
    return [{k: v for k, v in e.items() if k != "first_wall"} for e in extras]


def test_negative_control_a_worker_dependent_task_is_caught():
    one = run_blocks(_PidTask(), seed=0, max_instances=4, workers=1)
    two = run_blocks(_PidTask(), seed=0, max_instances=4, workers=2)
    assert one.lists != two.lists          # the comparison used below can fail


def test_hypothesis_engine_same_result_with_one_and_two_workers():
    for reading, direction, m in (("literal", "sufficiency", 200), ("criterion", "necessity", 400)):
        a, b = (c1.search(reading, direction, max_examples=m, seed=4, engine="hypothesis", workers=w, database=None)
                for w in (1, 2))
        assert a.status == b.status and _no_workers(a.certificate) == _no_workers(b.certificate)
        assert a.evidence["counterexamples"] == b.evidence["counterexamples"]
        assert a.evidence["instances"] == b.evidence["instances"] and a.evidence["examples"] == b.evidence["examples"]
        assert recheck(a.certificate)[0]


def test_random_engine_blocks_same_result_with_one_and_two_workers():
    task = c1.RandomBlocks("literal", "sufficiency", (("max_height", 6), ("max_n", 8)), size=100)
    one = run_blocks(task, seed=2, max_instances=450, workers=1, stop_on_hit=False)
    two = run_blocks(task, seed=2, max_instances=450, workers=2, stop_on_hit=False)
    assert one.hits and (one.hits, one.counts, one.lists) == (two.hits, two.counts, two.lists)
    assert _timeless(one.extras) == _timeless(two.extras)
    assert one.instances == 450 and one.blocks == 5
    # negative control of the reading: the criterion (a theorem) never reports a hit on the same instances
    crit = c1.RandomBlocks("criterion", "sufficiency", (("max_height", 6), ("max_n", 8)), size=100)
    assert not run_blocks(crit, seed=2, max_instances=450, workers=2, stop_on_hit=False).hits


def test_generic_search_sends_closures_to_the_pool():
    limit = 700   # a closure over a local: plain pickle cannot send it, cloudpickle does

    def make():
        return (lambda x: x > limit), dict
    outs = [run_search(st.integers(0, 1000), make, key="t/harness", max_examples=400, seed=3, workers=w, chunk=100)
            for w in (1, 2)]
    assert outs[0].found and outs[0].example == 701
    assert (outs[0].example, outs[0].tried, outs[0].chunks) == (outs[1].example, outs[1].tried, outs[1].chunks)


def test_region_search_same_result_with_one_and_two_workers():
    one, two = example2.check(workers=1)[0], example2.check(workers=2)[0]
    assert one.status.value == "verified" and one.certificate == two.certificate and one.evidence == two.evidence
    assert one.evidence["searched"] == 27 + 6 and recheck(one.certificate)[0]


def test_region_search_negative_control_a_wrong_bound_is_hit():
    # with the bound 6 the search must report every network of the grid with 7 regions
    wrong = run_blocks(example2.SecondLayerGrid(1, bound=6), seed=example2.RANDOM_SEED, max_instances=33,
                       workers=2, stop_on_hit=False)
    right = run_blocks(example2.SecondLayerGrid(1), seed=example2.RANDOM_SEED, max_instances=33, workers=1,
                       stop_on_hit=False)
    assert wrong.hits and not right.hits and max(x["max_regions"] for x in wrong.extras) == 7


def test_region_search_certificate_relabelled_is_rejected():
    cert = example2.check(workers=1)[0].certificate
    assert recheck(cert)[0]
    assert not recheck({**cert, "status": "refuted"})[0]
    assert not recheck({**cert, "claim": "003-C4"})[0]


def test_cone_sample_same_result_with_one_and_two_workers_and_its_negative_control():
    one = corollary4.check(exhaustive=False, n_cone_nets=7, workers=1)
    two = corollary4.check(exhaustive=False, n_cone_nets=7, workers=2)
    assert [v.evidence for v in one] == [v.evidence for v in two]
    cones = [v for v in one if v.variant == "cones"][0]
    assert cones.status.value == "proved" and len(cones.evidence["networks"]) == 7
    # negative control: the same sample with biases must find regions that are no cones
    biased = run_blocks(corollary4.ZeroBiasConeSample(zero_bias=False), seed=0, max_instances=3, workers=2,
                        stop_on_hit=False)
    assert biased.hits and all(x["problems"] for i, x in enumerate(biased.extras) if i in biased.hits)


def test_training_search_same_result_with_one_and_two_workers():
    kw = dict(n_values="3,4", seeds=2, epochs=150, relu_n=3, relu_seeds=2)
    one, two = training_t1.check(workers=1, **kw), training_t1.check(workers=2, **kw)
    assert [v.certificate for v in one] == [v.certificate for v in two]
    assert [v.evidence for v in one] == [v.evidence for v in two]
    assert all(recheck(v.certificate)[0] for v in one)
    # negative control: a relabelled certificate of the training search is rejected
    assert not recheck({**one[0].certificate, "status": "refuted"})[0]


def test_training_runs_are_hits_exactly_when_against_the_verified_variant():
    task = training_t1.TrainingRuns("threshold", (3, 4), 2, 150, 10000)
    run = run_blocks(task, seed=0, max_instances=task.total, workers=2, stop_on_hit=False)
    expect = [i for i, x in enumerate(run.extras) if x["not_certified"] is not None or x["refutes"]]
    assert run.hits == expect and len(run.extras) == 4


def test_slides_runs_same_weights_with_one_and_two_workers(tmp_path):
    outs = []
    for w in ("1", "2"):
        out = tmp_path / f"runs{w}.json"
        assert slides_runs.main(["--claim", "001-H2", "--n", "3", "--seeds", "0,1,2", "--epochs", "200",
                                 "--out", str(out), "--workers", w]) == 0
        outs.append([{k: v for k, v in r.items() if k not in ("seconds", "command")}
                     for r in json.loads(out.read_text())["runs"]])
    assert len(outs[0]) == 3 and outs[0] == outs[1]


def test_on_result_streams_every_block_and_should_stop_interrupts():
    task = c1.RandomBlocks("criterion", "necessity", (("max_height", 6), ("max_n", 5)), size=50)
    seen = []
    run = run_blocks(task, seed=0, max_instances=200, workers=2, stop_on_hit=False,
                     on_result=lambda b, r: seen.append(b))
    assert sorted(seen) == [0, 1, 2, 3] and run.instances == 200
    stopped = run_blocks(task, seed=0, max_instances=200, workers=1, stop_on_hit=False,
                         should_stop=lambda: True)
    assert stopped.interrupted and stopped.blocks == 0
    # a search whose verdict needs every block (003-Ex2, 000-T1, 001-F1, 001-L5) raises it again
    with pytest.raises(KeyboardInterrupt):
        run_blocks(task, seed=0, max_instances=200, workers=2, stop_on_hit=False, should_stop=lambda: True,
                   complete=True)


def test_resolve_workers():
    assert resolve_workers(3) == 3 and resolve_workers(0) >= 1 and resolve_workers(None) == resolve_workers(0)
    assert resolve_workers(4, "tcp://h:8786") == 1
    with pytest.raises(Exception):
        resolve_workers(-1)


def test_dask_local_cluster_runs_the_other_searches_with_the_single_process_result():
    """A real local cluster (a scheduler and two worker processes): the hypothesis engine's chunks, the
    random engine's blocks and 003-Ex2's grid give the single-process results (about 15 s)."""
    import distributed

    rnd = c1.RandomBlocks("literal", "sufficiency", (("max_height", 6), ("max_n", 8)), size=100)
    grid = example2.SecondLayerGrid(1)
    single = (c1.search("literal", "sufficiency", max_examples=200, seed=4, engine="hypothesis", workers=1,
                        database=None).certificate,
              run_blocks(rnd, seed=2, max_instances=300, stop_on_hit=False),
              run_blocks(grid, seed=example2.RANDOM_SEED, max_instances=33, stop_on_hit=False))
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as lc:
        with distributed.Client(lc) as client:
            hyp = c1.search("literal", "sufficiency", max_examples=200, seed=4, engine="hypothesis", workers=1,
                            database=None, scheduler=client)
            r = run_blocks(rnd, seed=2, max_instances=300, stop_on_hit=False, scheduler=client)
            g = run_blocks(grid, seed=example2.RANDOM_SEED, max_instances=33, stop_on_hit=False, scheduler=client)
    assert hyp.certificate == single[0]
    assert r.executor == "dask" and (r.hits, r.counts) == (single[1].hits, single[1].counts)
    assert _timeless(r.extras) == _timeless(single[1].extras)
    assert (g.hits, g.counts, g.extras) == (single[2].hits, single[2].counts, single[2].extras)
