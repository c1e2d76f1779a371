"""Deferred regions (Region._deferred) behave as ordinary regions; the parallel clipping path keeps
its workers' records until they are read."""

import copy
import pickle
from fractions import Fraction

import pytest

from exact.network import Network
from exact.regions import Constraint, Region, enumerate_regions
from proofs.claims.p003 import random_network


def _fields(k):
    return (((1, 0),), (Fraction(k, 3), Fraction(1, 2)),
            (Constraint((Fraction(1), Fraction(0)), Fraction(k), ("neuron", 0, 0, 0)),),
            ((Fraction(2), Fraction(-1)),), (Fraction(k),))


def test_a_deferred_region_is_built_once_on_first_access_and_equals_the_eager_one():
    calls = []

    def build(k):
        calls.append(k)
        return _fields(k)

    r = Region._deferred(build, 5)
    assert calls == []                      # nothing built yet
    assert r.point == (Fraction(5, 3), Fraction(1, 2)) and calls == [5]
    assert r.constraints and r.linear and calls == [5]   # built once
    eager = Region(*_fields(5))
    assert r == eager and hash(r) == hash(eager) and repr(r) == repr(eager)
    assert r.to_json() == eager.to_json()
    assert r != Region(*_fields(4))         # negative control: another record is another region
    with pytest.raises(AttributeError):
        r.no_such_field


def test_a_deferred_region_pickles_and_copies_as_its_fields():
    for make in (pickle.loads, None):
        r = Region._deferred(_fields, 7)
        out = pickle.loads(pickle.dumps(r)) if make else copy.deepcopy(r)
        assert out == Region(*_fields(7)) and "_build" not in out.__dict__


@pytest.mark.parametrize("widths,box", [([3, 6, 6, 1], None), ([3, 6, 6, 1], (-1, 2)), ([2, 7, 7, 1], None)])
def test_the_clipping_regions_equal_eager_regions_whatever_the_workers(widths, box):
    net = random_network(widths, 2, den=4, span=8)
    one = enumerate_regions(net, method="clip", box=box, workers=1)
    two = enumerate_regions(net, method="clip", box=box, workers=2)
    assert len(one.regions) == len(two.regions) > 20
    for a, b in zip(one.regions, two.regions):
        eager = Region(a.pattern, a.point, a.constraints, a.linear, a.offset)
        assert eager == a == b and a.contains(a.point)
    assert one.to_json() == two.to_json()


def test_counting_needs_no_region_built():
    net = Network.from_layers({"weight": [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]], "bias": [0, 0, 0, -1],
                               "activation": "relu"}, {"weight": [[1, 1, 1, 1]]})
    for workers in (1, 2):
        e = enumerate_regions(net, method="clip", workers=workers)
        assert len(e.regions) == 15
        assert all("_build" in r.__dict__ for r in e.regions)  # still the workers' integers
        assert sorted(r.pattern for r in e.regions)[0] == ((0, 0, 0, 0), ())
        assert not any("_build" in r.__dict__ for r in e.regions)
