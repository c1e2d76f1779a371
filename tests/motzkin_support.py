"""Test support: does the kernel's Motzkin check accept a certificate of emptiness?

Shared by tests/exact/test_feasibility.py and tests/exact/test_certify.py (pytest's
``pythonpath`` puts ``tests/`` on the path).
"""

from fractions import Fraction as F

from proofs.kernel import core as K

__all__ = ["kernel_accepts"]


def kernel_accepts(y, y_strict, A_eq=(), b_eq=(), A_le=(), b_le=(), A_lt=(), b_lt=()):
    """Whether the kernel's Motzkin check accepts (y, y_strict) for the system (equalities as two rows)."""
    weak = ([(list(r), F(v)) for r, v in zip(A_eq, b_eq)] + [([-F(x) for x in r], -F(v)) for r, v in zip(A_eq, b_eq)]
            + [(list(r), F(v)) for r, v in zip(A_le, b_le)])
    strict = [(list(r), F(v)) for r, v in zip(A_lt, b_lt)]
    d = len((list(A_eq) + list(A_le) + list(A_lt))[0])
    try:
        K.motzkin_empty(weak, strict, list(y), list(y_strict), d)
        return True
    except K.Invalid:
        return False
