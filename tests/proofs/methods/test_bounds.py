"""Tests of proofs.methods.bounds (region-count calculators) and `proofcheck bounds`."""

import doctest
import random
from math import comb

import pytest

import proofs.methods.bounds as bounds
from exact.errors import InvalidArgument
from exact.regions import enumerate_regions
from proofs.methods.bounds import montufar2014_lower, product_upper, serra2018_upper, zaslavsky
from proofs.claims.p003 import random_network
from proofs.cli import main


def test_doctests():
    assert doctest.testmod(bounds).failed == 0


def test_known_values():
    assert zaslavsky(4, 2) == 11 and zaslavsky(5, 1) == 6 and zaslavsky(3, 5) == 8
    # one layer: Serra's bound is Zaslavsky's count
    for m, d in [(5, 2), (8, 3), (2, 4)]:
        assert serra2018_upper(d, [m]) == zaslavsky(m, d) == product_upper(d, [m])
    # d = 1: prod (n_l + 1)
    assert product_upper(1, [2, 3, 4]) == 3 * 4 * 5
    assert montufar2014_lower(2, [4, 4]) == 2 ** 2 * (1 + 4 + comb(4, 2))
    assert montufar2014_lower(2, [16, 16]) <= serra2018_upper(2, [16, 16]) <= product_upper(2, [16, 16])


def test_exact_counts_respect_the_upper_bounds():
    for s in range(4):
        net = random_network([2, 4, 3, 1], 700 + s)
        n = len(enumerate_regions(net, irredundant=False).regions)
        assert n <= serra2018_upper(2, [4, 3])


def test_bad_arguments():
    with pytest.raises(InvalidArgument):
        serra2018_upper(0, [3])
    with pytest.raises(InvalidArgument):
        montufar2014_lower(3, [2, 2])


def test_cli_bounds(capsys):
    assert main(["bounds", "-d", "2", "16", "16"]) == 0
    out = capsys.readouterr().out
    assert "Serra" in out and str(serra2018_upper(2, [16, 16])) in out


# -- the dynamic programme against the enumeration of J it replaces -------------------------------

from hypothesis import given, strategies as st  # noqa: E402

from proofs.methods.bounds import _serra_enumerated, all_bounds, product_digits, product_upper, serra2018_upper  # noqa: E402


@given(st.integers(1, 6), st.lists(st.integers(1, 9), min_size=1, max_size=5))
def test_serra_dynamic_programme_equals_the_enumeration(n0, widths):
    assert serra2018_upper(n0, widths) == _serra_enumerated(n0, widths)


@pytest.mark.parametrize("n0, widths", [(1, [1]), (1, [5, 5, 5]), (3, [2, 5, 1]), (2, [2, 2]), (4, [1, 8, 8]),
                                        (5, [3, 3, 3, 3, 3, 3]), (7, [10, 4, 10]), (2, [100] * 6)])
def test_serra_known_small_cases(n0, widths):
    assert serra2018_upper(n0, widths) == _serra_enumerated(n0, widths)
    assert serra2018_upper(n0, widths) <= product_upper(n0, widths)


def test_deep_architecture_is_linear_time():
    import time

    t0 = time.perf_counter()
    b = all_bounds(2, [100] * 20)
    assert time.perf_counter() - t0 < 1.0
    assert b["serra2018_upper"] == b["product_upper"] == 5051 ** 20  # n_l >= 2 n_0: every layer is general
    assert serra2018_upper(2, [100] * 1000) == 5051 ** 1000


def test_digits_and_deadline_are_checked_before_the_work():
    assert product_digits(2, [100] * 20) >= len(str(5051 ** 20))
    for n0, ws in [(1, [7]), (3, [2, 5, 1]), (30, [40, 50]), (5, [5, 5])]:
        assert product_digits(n0, ws) >= len(str(product_upper(n0, ws)))
    with pytest.raises(InvalidArgument, match="digits"):
        all_bounds(2, [100] * 100_000, max_digits=10_000)
    with pytest.raises(InvalidArgument, match="out of time"):
        serra2018_upper(3, [3] * 10, deadline=0.0)
