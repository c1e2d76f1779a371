"""Tests of proofs/methods/search.py: the hypothesis search harness and the A2 instances."""

from __future__ import annotations

import doctest
from fractions import Fraction
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

import proofs.methods.search as ps
from exact.errors import InvalidArgument
from exact.two_layer import activation_matrix
from proofs.methods.search import A2Instance, a2_instances, evaluate_a2, random_a2_instance, rational_table, run_search


def test_doctests():
    assert doctest.testmod(ps).failed == 0


def test_rational_table_is_ordered_by_height_and_complete():
    t = rational_table(3)
    assert t[0] == 0 and t[1] == 1 and t[2] == -1
    assert len(t) == len(set(t)) == len({Fraction(p, q) for p in range(-3, 4) for q in range(1, 4)})
    heights = [max(abs(v.numerator), v.denominator) for v in t]
    assert heights == sorted(heights)
    assert all(v > 0 for v in rational_table(3, positive=True))
    with pytest.raises(InvalidArgument):
        rational_table(0)


@given(a2_instances(max_n=6))
def test_evaluate_a2_matches_exact_two_layer(inst):
    ev = evaluate_a2(inst)
    a2 = activation_matrix(inst.z, inst.W2, inst.b2)
    assert [list(r) for r in a2.rows()] == ev.a2_rows()
    assert ev.rank == a2.rank()
    assert len(set(inst.z)) == inst.n == len(inst.W2) == len(inst.b2)
    assert list(inst.z) == sorted(inst.z)


def test_instance_json_round_trip():
    inst = A2Instance((Fraction(1), Fraction(5, 2)), (Fraction(-1, 3), Fraction(0)), (Fraction(1), Fraction(2)))
    assert A2Instance.from_json(inst.to_json()) == inst
    assert inst.to_json()["z"] == ["1", "5/2"]
    with pytest.raises(InvalidArgument):
        A2Instance.from_json({"z": ["1"], "W2": ["1", "2"], "b2": ["0"]})


def test_strategy_arguments_are_validated():
    with pytest.raises(InvalidArgument):
        a2_instances(min_n=3, max_n=2)
    with pytest.raises(InvalidArgument):
        a2_instances(codes="quadratic")


def test_random_generator_is_reproducible_and_respects_bounds():
    a = [random_a2_instance(Random(7), max_n=5) for _ in range(3)]
    b = [random_a2_instance(Random(7), max_n=5) for _ in range(3)]
    assert a == b
    for x in (random_a2_instance(Random(k), max_n=5, codes="linear") for k in range(50)):
        assert 1 <= x.n <= 5 and list(x.z) == [Fraction(i) for i in range(1, x.n + 1)]


def _prop(pred):
    def make():
        return pred, dict
    return make


def test_run_search_finds_and_shrinks_a_known_minimum():
    out = run_search(st.integers(0, 10_000), _prop(lambda x: x >= 37), key="t/shrink", max_examples=500, seed=1)
    assert out.found and out.example == 37
    assert out.tried == out.generated + out.shrink_calls and out.first_found_calls >= 1


def test_run_search_shrinks_a2_instances_to_the_smallest_n():
    out = run_search(a2_instances(max_n=6), _prop(lambda x: x.n >= 3 and evaluate_a2(x).rank < x.n),
                     key="t/a2", max_examples=400, seed=2, size_key=lambda x: x.size_key())
    assert out.found and out.example.n == 3


def test_negative_control_nothing_found_is_not_claimed():
    out = run_search(st.integers(0, 100), _prop(lambda x: x > 100), key="t/none", max_examples=200, seed=0)
    assert not out.found and out.example is None and out.tried >= 100


def test_same_seed_same_search():
    a = run_search(st.integers(-10**6, 10**6), _prop(lambda x: x > 500_000), key="t/seed", max_examples=300, seed=5)
    b = run_search(st.integers(-10**6, 10**6), _prop(lambda x: x > 500_000), key="t/seed", max_examples=300, seed=5)
    assert (a.found, a.example, a.tried) == (b.found, b.example, b.tried)


def test_installed_hypothesis_has_the_seedable_global_random():
    # the seeded path with database rests on this hypothesis internal; if a new version drops it,
    # this fails and the search silently uses the fallback (reproducible, but no database)
    assert ps._global_random_holder() is not None


def test_same_seed_same_search_through_the_database_path(tmp_path):
    runs = [run_search(st.integers(-10**6, 10**6), _prop(lambda x: x > 500_000), key="t/seed-db", max_examples=300,
                       seed=5, database=str(tmp_path / f"db{k}")) for k in range(2)]
    assert runs[0].found and (runs[0].example, runs[0].tried) == (runs[1].example, runs[1].tried)
    other = run_search(st.integers(-10**6, 10**6), _prop(lambda x: x > 500_000), key="t/seed-db", max_examples=300,
                       seed=6, database=str(tmp_path / "db2"))
    assert other.tried != runs[0].tried  # the seed really reaches hypothesis


def test_fallback_without_the_internal_is_reproducible_and_writes_no_database(tmp_path, monkeypatch):
    monkeypatch.setattr(ps, "_global_random_holder", lambda: None)
    db = tmp_path / "db"
    a = run_search(st.integers(0, 10**9), _prop(lambda x: x > 10**8), key="t/fb", max_examples=300, seed=3,
                   database=str(db))
    b = run_search(st.integers(0, 10**9), _prop(lambda x: x > 10**8), key="t/fb", max_examples=300, seed=3,
                   database=str(db))
    assert a.found and (a.example, a.tried) == (b.example, b.tried)
    assert not db.exists() or not any(p.is_file() for p in db.rglob("*"))


def test_database_replays_the_counterexample_first(tmp_path):
    db = str(tmp_path / "db")
    first = run_search(st.integers(0, 10**9), _prop(lambda x: x > 10**8), key="t/db", max_examples=500,
                       seed=3, database=db)
    again = run_search(st.integers(0, 10**9), _prop(lambda x: x > 10**8), key="t/db", max_examples=500,
                       seed=4, database=db)
    assert first.found and again.found and again.example == first.example
    assert again.first_found_calls == 1


def test_shrink_examples_cuts_shrinking_reproducibly():
    runs = [run_search(st.integers(0, 10**9), _prop(lambda x: x >= 37), key="t/cut", max_examples=500, seed=1,
                       shrink_examples=3) for _ in range(2)]
    out = runs[0]
    assert out.found and out.example >= 37 and out.budget["shrink_cut"] and out.shrink_calls <= 3
    assert (out.example, out.tried) == (runs[1].example, runs[1].tried)
    full = run_search(st.integers(0, 10**9), _prop(lambda x: x >= 37), key="t/cut", max_examples=500, seed=1)
    assert full.example == 37 and not full.budget["shrink_cut"]


def test_seconds_budget_stops_between_chunks():
    out = run_search(st.integers(), _prop(lambda x: False), key="t/time", max_examples=10**7, seconds=0.3,
                     seed=0, chunk=100)
    assert not out.found and out.seconds < 5 and out.tried < 10**7


def test_workers_spread_the_budget():
    out = run_search(st.integers(0, 1000), _prop(lambda x: False), key="t/workers", max_examples=400, seed=0,
                     workers=2, chunk=100)
    assert out.workers == 2 and out.tried >= 400 and out.chunks >= 4


def test_budget_arguments_are_validated():
    for kw in ({"max_examples": 0}, {"workers": 0}, {"seconds": 0}):
        with pytest.raises(InvalidArgument):
            run_search(st.integers(), _prop(lambda x: False), key="t/bad", **kw)


def test_shrink_cut_by_time_keeps_every_found_counterexample_interesting():
    # after a cut every counterexample found so far stays interesting, so the property never contradicts an
    # answer it gave (keeping only the last one made hypothesis' replay of its own best one fail once under
    # load: FlakyFailure; that run was not reproduced deterministically, this checks the cut still returns one)
    out = run_search(st.lists(st.integers(0, 10**6), min_size=1, max_size=8), _prop(lambda x: sum(x) >= 1000),
                     key="t/cut-time", max_examples=300, seed=0, shrink_seconds=0.0)
    assert out.found and sum(out.example) >= 1000 and out.budget["shrink_cut"]


def test_cli_search_certificates_are_rechecked_by_the_stand_alone_kernel(tmp_path):
    import json
    import subprocess
    import sys
    from pathlib import Path

    from proofs.cli import main

    certs = tmp_path / "certs"
    rc = main(["search", "001-C1", "--reading", "literal,criterion", "--direction", "sufficiency",
               "--max-examples", "20", "--seed", "0", "--no-database", "--certificates", str(certs), "-q",
               "--engine", "hypothesis", "--fail-on", "refuted"])
    assert rc == 1
    files = sorted(certs.glob("001-C1__*.json"))
    by = {json.loads(p.read_text())["variant"]: json.loads(p.read_text()) for p in files}
    assert by["literal/sufficiency"]["status"] == "refuted" and by["criterion/sufficiency"]["status"] == "inconclusive"
    assert set(by["literal/sufficiency"]["evidence"]) == {"z", "W2", "b2"}
    rec = by["criterion/sufficiency"]["evidence"]
    assert rec["property"] == "criterion/sufficiency" and rec["engine"] == "hypothesis" and rec["seed"] == 0
    assert rec["searched"] == len(rec["instances"]) > 0 and rec["not_listed"] == 0
    assert by["criterion/sufficiency"]["scope"] == {"max_n": 8, "max_height": 6}
    kernel = Path(__file__).resolve().parents[3] / "proofs" / "kernel"
    out = subprocess.run([sys.executable, "-I", "-S", str(kernel), *map(str, files)], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    swapped = dict(by["criterion/sufficiency"], variant="literal/sufficiency")  # a search record relabelled
    (tmp_path / "bad.json").write_text(json.dumps(swapped))
    out = subprocess.run([sys.executable, "-I", "-S", str(kernel), str(tmp_path / "bad.json")], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 1 and "search record" in out.stderr
