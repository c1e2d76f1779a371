"""Hypothesis strategies for exact values, networks and datasets (the public name of
:mod:`proofs.methods.strategies`), and the settings profiles ``PROFILE`` / ``PROFILE_CI``.

>>> from proofs.strategies import rationals
>>> from hypothesis import find
>>> find(rationals(min_value=39, max_value=42), lambda q: True)
Fraction(39, 1)
"""

from .methods.strategies import *  # noqa: F401,F403
from .methods.strategies import __all__  # noqa: F401
