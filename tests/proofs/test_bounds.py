"""Tests of proofs.bounds (region-count calculators) and `proofcheck bounds`."""

import doctest
import random
from math import comb

import pytest

import proofs.bounds as bounds
from exact.errors import InvalidArgument
from exact.regions import enumerate_regions
from proofs.bounds import montufar2014_lower, product_upper, serra2018_upper, zaslavsky
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
