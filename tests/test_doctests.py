"""Every docstring example in the packages runs (python-flint style: doctests are tests)."""

import doctest
import importlib
import pkgutil

import pytest

import exact
import numeric
import proofs


def _modules():
    for pkg in (exact, numeric, proofs):
        yield pkg.__name__
        for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
            if info.name.endswith("__main__"):
                continue
            yield info.name


@pytest.mark.parametrize("name", sorted(set(_modules())))
def test_doctests(name):
    mod = importlib.import_module(name)
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
