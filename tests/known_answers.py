"""Known answers shared by every implementation that must agree (SymPy's one-table style).

``EVALUATION`` lists networks (layer specs in the JSON format), inputs and the exact
outputs worked out by hand.  The same table runs against

* :meth:`exact.network.Network.evaluate` (one input, Fractions) and
  :func:`exact.evaluate.evaluate_batch` (integer numpy, int64 and Python-integer paths):
  ``tests/exact/test_known_answers.py``;
* the float64 mirror :func:`numeric.evaluate.evaluate_float`:
  ``tests/numeric/test_known_answers.py`` (equal to the correctly rounded exact answer
  where the case says ``float_exact``; the cases where float64 must differ are marked);
* the kernel's evaluator :func:`proofs.kernel.core.run`: ``tests/kernel/test_known_answers.py``.

Each case is ``(name, layers, inputs, outputs, float_exact)``; numbers are JSON-style
(ints or ``"p/q"`` strings).  Tests import it as ``known_answers`` (pytest's ``pythonpath``
puts ``tests/`` on the path).
"""

from __future__ import annotations

from fractions import Fraction

__all__ = ["EVALUATION", "as_fractions"]

_BIG = 2 ** 70

EVALUATION = [
    # name, layers, inputs, exact outputs, float64 gives exactly the rounded exact answer
    ("identity 1x1", [{"weight": [[1]]}], [[0], [5], ["-3/7"]], [[0], [5], ["-3/7"]], True),
    ("relu clips negatives", [{"weight": [[1], [-1]], "activation": "relu"}],
     [[2], [-2], [0]], [[2, 0], [0, 2], [0, 0]], True),
    ("affine with bias", [{"weight": [[1, 2]], "bias": ["-1/2"], "activation": "identity"}],
     [[1, 1], [0, 0], ["1/2", "1/4"]], [["5/2"], ["-1/2"], ["1/2"]], True),
    ("hard threshold at 1 (000's sigma)", [{"weight": [[1]], "activation": "hard_threshold", "threshold": 1}],
     [[1], ["999/1000"], [2], [0]], [[1], [0], [1], [0]], True),
    ("hard threshold at a fraction", [{"weight": [["1/3", "1/3"]], "activation": "hard_threshold",
                                       "threshold": "2/3"}],
     [[1, 1], [1, "999/1000"], [2, 0]], [[1], [0], [1]], False),  # float: 1/3 + 1/3 rounds below 2/3 is not guaranteed
    ("float rounding flips a threshold", [{"weight": [["1/10"]] * 1, "activation": "hard_threshold",
                                           "threshold": "3/10"}],
     [[3]], [[1]], False),  # 3 * fl(0.1) = 0.30000000000000004 >= fl(0.3): agrees here, but not by design
    ("two layers: encoder then decoder", [{"weight": [[1, 1, 1]], "activation": "identity"},
                                          {"weight": [[1], ["1/2"], ["1/3"]], "activation": "hard_threshold",
                                           "threshold": 1}],
     [[1, 1, 0], [1, 0, 0], [0, 0, 0], [1, 1, 1]], [[1, 1, 0], [1, 0, 0], [0, 0, 0], [1, 1, 1]], False),
    ("hat function", [{"weight": [[1], [1], [1]], "bias": [0, -1, -2], "activation": "relu"},
                      {"weight": [[1, -2, 1]], "activation": "identity"}],
     [[0], ["1/2"], [1], ["3/2"], [2], [3], [-1]], [[0], ["1/2"], [1], ["1/2"], [0], [0], [0]], True),
    ("coprime neuron denominators", [{"weight": [["1/3"], ["1/5"], ["1/7"]], "activation": "relu"},
                                     {"weight": [[1, 1, 1]]}],
     [[105], [1], [-1]], [[71], ["71/105"], [0]], False),
    ("big integers take the Python-integer path", [{"weight": [[_BIG, 1]], "bias": [f"1/{_BIG}"],
                                                    "activation": "relu"}],
     [[1, 0], [-1, 0], [0, 1]], [[Fraction(_BIG ** 2 + 1, _BIG)], [0], [Fraction(_BIG + 1, _BIG)]], False),
    ("zero weights: constant output", [{"weight": [[0, 0]], "bias": [3], "activation": "relu"}],
     [[1, 2], [-5, 7]], [[3], [3]], True),
]


def as_fractions(rows):
    return [tuple(Fraction(v) for v in r) for r in rows]
