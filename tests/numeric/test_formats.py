"""numeric/formats.py: exact rounding of rationals to float64, float32, float16 and bfloat16 (known answers,
numpy and ml_dtypes as independent references), and the format-faithful float mirror."""

import math
import random
import struct
from fractions import Fraction

import ml_dtypes
import numpy as np
import pytest

from exact.errors import InvalidArgument
from exact.network import Network
from numeric.evaluate import evaluate_float, float_layers
from numeric.formats import FORMATS, parse_formats, round_array, round_rational, spec

F = Fraction

# (value, format, nearest value of the format): ties to even, subnormals, overflow, signs
KNOWN = [
    (F(1, 3), "float64", 0.3333333333333333),
    (F(1, 3), "float32", 0.3333333432674408),
    (F(1, 3), "float16", 0.333251953125),
    (F(1, 3), "bfloat16", 0.333984375),
    (F(1) + F(1, 2 ** 8), "bfloat16", 1.0),                 # a tie: to the even 1.0
    (F(1) + F(3, 2 ** 8), "bfloat16", 1.015625),            # a tie: to the even 1 + 2^-6
    (F(1) + F(1, 2 ** 8) + F(1, 2 ** 40), "bfloat16", 1.0078125),   # just above the tie: up
    (F(257), "bfloat16", 256.0), (F(259), "bfloat16", 260.0),
    (F(2049), "float16", 2048.0), (F(2051), "float16", 2052.0),
    (F(1) + F(1, 2 ** 24), "float32", 1.0), (F(1) + F(3, 2 ** 24), "float32", 1.0000002384185791),
    (F(65504), "float16", 65504.0), (F(65519), "float16", 65504.0), (F(65520), "float16", math.inf),
    (F(-65520), "float16", -math.inf),
    (F(1, 2 ** 24), "float16", 5.960464477539063e-08),     # the smallest subnormal
    (F(1, 2 ** 25), "float16", 0.0),                        # half of it: a tie, to 0
    (F(3, 2 ** 26), "float16", 5.960464477539063e-08),     # above the tie
    (F(-1, 3), "bfloat16", -0.333984375),
    (F(0), "float32", 0.0),
    (F(10) ** 39, "float32", math.inf), (F(10) ** 39, "bfloat16", math.inf),
    (F(3) * F(2) ** 126, "bfloat16", 3 * 2.0 ** 126), (F(3) * F(2) ** 126, "float16", math.inf),   # float32.s range
    (F(1, 10 ** 400), "float64", 0.0),
]


@pytest.mark.parametrize("value,fmt,expected", KNOWN)
def test_known_answers(value, fmt, expected):
    assert round_rational(value, fmt) == expected


def test_round_rational_agrees_with_numpy_and_ml_dtypes_on_floats():
    """For float64 inputs, one correct rounding: numpy's casts (float32, float16) and ml_dtypes' cast of the
    exactly representable float32 (bfloat16)."""
    rng = random.Random(1)
    for _ in range(3000):
        x = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
        if not math.isfinite(x):
            continue
        x = math.ldexp(math.frexp(x)[0], rng.randint(-30, 30))    # keep mostly inside the 16-bit ranges
        q = F(x)
        assert round_rational(q, "float64") == x
        with np.errstate(over="ignore"):
            assert round_rational(q, "float32") == float(np.float32(x))
            assert round_rational(q, "float16") == float(np.float16(x))
        x32 = float(np.float32(x))
        assert round_rational(F(x32), "bfloat16") == float(np.float32(x32).astype(ml_dtypes.bfloat16))


def test_round_array_is_single_rounding():
    # float64 -> float32 -> bfloat16 would round twice: 1 + 2^-8 + 2^-30 is just above a bfloat16 tie
    x = 1 + 2 ** -8 + 2 ** -30
    assert float(np.float32(x)) == 1 + 2 ** -8                 # the float32 step lands on the tie
    assert float(round_array([x], "bfloat16")[0]) == 1.0078125  # the exact rounding goes up
    assert round_array([1.5, 2.5], "float16").dtype == np.float16


def test_parse_formats():
    assert parse_formats(None) == ("float64",)
    assert parse_formats("float64, bfloat16 float64") == ("float64", "bfloat16")
    assert parse_formats(FORMATS) == FORMATS
    for bad in (["float8"], "half", [], ""):
        with pytest.raises(InvalidArgument):
            parse_formats(bad)
    assert spec("bfloat16").accumulate == np.float32 and spec("float32").accumulate == np.float32


def test_float_layers_round_from_the_rational():
    net = Network.from_layers({"weight": [["1/3"]], "bias": ["257"], "activation": "identity"})
    (w, b, _, _), = float_layers(net, "bfloat16")
    assert w.dtype == ml_dtypes.bfloat16 and float(w[0, 0]) == 0.333984375 and float(b[0]) == 256.0


@pytest.mark.parametrize("k,fires", [
    (3, {"float64": 1.0, "float32": 1.0, "float16": 1.0, "bfloat16": 1.0}),
    (11, {"float64": 1.0, "float32": 1.0, "float16": 0.0, "bfloat16": 1.0}),
    (41, {"float64": 1.0, "float32": 0.0, "float16": 0.0, "bfloat16": 1.0}),
    (49, {"float64": 0.0, "float32": 1.0, "float16": 0.0, "bfloat16": 1.0}),
])
def test_threshold_network_fires_per_format(k, fires):
    """k * fl(1/k) >= 1?  float16, k = 3: 3 * 0.333251953125 = 1 - 2^-12 in float32, a float16 tie rounded to
    the even 1.0; k = 11: 11 * 0.09088134765625 = 0.99969... rounds to 1 - 2^-11 < 1; bfloat16, k = 11:
    11 * 0.0908203125 = 0.9990234375 rounds to 1.0 (bfloat16 spacing 2^-8 below 1); float32, k = 41 and
    float64, k = 49: the products land just below 1 (000-L3.1's first failures)."""
    net = Network.from_layers({"weight": [["1/%d" % k]], "activation": "hard_threshold", "threshold": "1"})
    assert {f: evaluate_float(net, [[float(k)]], fmt=f)[0, 0] for f in FORMATS} == fires


def test_pre_activation_is_rounded_to_the_storage_format():
    # 1 + 2^-9 is not a bfloat16: accumulated in float32, then rounded to 1.0 before the ReLU
    net = Network.from_layers({"weight": [["1"]], "bias": ["1/512"], "activation": "relu"})
    assert evaluate_float(net, [[1.0]], fmt="bfloat16")[0, 0] == 1.0
    assert evaluate_float(net, [[1.0]], fmt="float32")[0, 0] == 1 + 2 ** -9
