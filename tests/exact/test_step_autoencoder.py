"""Boundary cases of exact.step_autoencoder: sizes 1, zero weights, exact error messages."""

from fractions import Fraction

import pytest

from exact import step_autoencoder as sa
from exact.errors import InvalidArgument
from exact.network import Activation
from exact.step_autoencoder import lemma_3_1_autoencoder, sum_encoder, threshold_decoder, weight_family


@pytest.fixture(autouse=True)
def _fresh_cache():
    sa._FAMILY_CACHE.clear()
    yield
    sa._FAMILY_CACHE.clear()


def _layer(net):
    assert len(net.layers) == 1
    return net.layers[0]


def test_sum_encoder_defaults_n1_and_n3():
    layer = _layer(sum_encoder(1))
    assert layer.weight == ((Fraction(1),),) and layer.bias == (Fraction(0),)
    assert layer.activation is Activation.IDENTITY
    layer = _layer(sum_encoder(3))
    assert layer.weight == ((1, 1, 1),) and layer.bias == (0,)
    assert sum_encoder(3).evaluate((1, 2, 3)) == (6,)


def test_sum_encoder_scale_shift_weights():
    net = sum_encoder(2, scale="1/2", shift=3, weights=[2, "-1/3"])
    layer = _layer(net)
    assert layer.weight == ((Fraction(1), Fraction(-1, 6)),)
    assert layer.bias == (Fraction(3),)
    assert net.evaluate((1, 6)) == (Fraction(3),)
    assert sum_encoder(2, scale=0).evaluate((5, 7)) == (0,)
    assert sum_encoder(2, shift="-1/2").evaluate((0, 0)) == (Fraction(-1, 2),)


@pytest.mark.parametrize("n", [0, -1, True, False, 1.0, "2", None])
def test_sum_encoder_bad_n(n):
    with pytest.raises(InvalidArgument) as e:
        sum_encoder(n)
    assert str(e.value) == f"n must be a positive integer, got {n!r}"


def test_sum_encoder_weight_count():
    with pytest.raises(InvalidArgument) as e:
        sum_encoder(3, weights=[1, 2])
    assert str(e.value) == "expected 3 encoder weights, got 2"
    with pytest.raises(InvalidArgument) as e:
        sum_encoder(1, weights=[])
    assert str(e.value) == "expected 1 encoder weights, got 0"
    assert _layer(sum_encoder(1, weights=[5])).weight == ((5,),)


def test_threshold_decoder_defaults_and_threshold_equality():
    layer = _layer(threshold_decoder([1, "1/2"]))
    assert layer.weight == ((1,), (Fraction(1, 2),))
    assert layer.activation is Activation.HARD_THRESHOLD
    net = threshold_decoder([1, "1/2"])
    # sigma(u) = 1 exactly when u >= t = 1 (equality counts)
    assert net.evaluate((1,)) == (1, 0)
    assert net.evaluate((2,)) == (1, 1)
    assert net.evaluate((Fraction(1, 2),)) == (0, 0)
    assert net.evaluate((Fraction(199, 100),)) == (1, 0)


def test_threshold_decoder_threshold_and_bias():
    net = threshold_decoder([1, 1], threshold="1/2", bias=[0, "-1/2"])
    layer = _layer(net)
    assert layer.bias == (0, Fraction(-1, 2))
    assert net.evaluate((Fraction(1, 2),)) == (1, 0)
    assert net.evaluate((1,)) == (1, 1)
    zero = threshold_decoder([1], threshold=0)
    assert zero.evaluate((0,)) == (1,) and zero.evaluate((Fraction(-1, 9),)) == (0,)


def test_threshold_decoder_empty():
    with pytest.raises(InvalidArgument) as e:
        threshold_decoder([])
    assert str(e.value) == "the decoder needs at least one weight"


def test_weight_family_values():
    assert weight_family("1/i", 1) == (Fraction(1),)
    assert weight_family("1/i", 3) == (1, Fraction(1, 2), Fraction(1, 3))
    assert weight_family("i", 3) == (1, 2, 3)
    assert all(type(v) is Fraction for v in weight_family("i", 3))
    assert weight_family("2", 2) == (2, 2)
    assert all(type(v) is Fraction for v in weight_family("2", 2))
    assert weight_family("i/n", 4) == (Fraction(1, 4), Fraction(1, 2), Fraction(3, 4), 1)
    assert weight_family("n - i", 3) == (2, 1, 0)
    assert weight_family("(i+1)**2 / 3", 2) == (Fraction(4, 3), 3)
    assert weight_family("1/2 + i", 1) == (Fraction(3, 2),)
    assert weight_family("-i/3", 2) == (Fraction(-1, 3), Fraction(-2, 3))
    assert weight_family("1/i", 0) == ()


def test_weight_family_cached_expression_gives_same_values():
    first = weight_family("1/(i+n)", 2)
    assert "1/(i+n)" in sa._FAMILY_CACHE
    assert weight_family("1/(i+n)", 2) == first == (Fraction(1, 3), Fraction(1, 4))
    assert weight_family("1/(i+n)", 3) == (Fraction(1, 4), Fraction(1, 5), Fraction(1, 6))


@pytest.mark.parametrize("expr", ["1/", "i +* 2", "(("])
def test_weight_family_unparsable(expr):
    with pytest.raises(InvalidArgument) as e:
        weight_family(expr, 2)
    assert str(e.value) == f"cannot parse the weight expression {expr!r} (use i, n, + - * / ** and integers)"
    assert expr not in sa._FAMILY_CACHE


@pytest.mark.parametrize("expr", ["x", "i + k", "1/m"])
def test_weight_family_foreign_symbol(expr):
    with pytest.raises(InvalidArgument) as e:
        weight_family(expr, 2)
    assert str(e.value) == f"the weight expression {expr!r} may only use the symbols i and n"


def test_weight_family_undefined_and_irrational():
    with pytest.raises(InvalidArgument) as e:
        weight_family("1/(i-2)", 3)
    assert str(e.value) == "the weight expression '1/(i-2)' is undefined at i=2, n=3"
    assert weight_family("1/(i-2)", 1) == (Fraction(-1),)
    with pytest.raises(InvalidArgument) as e:
        weight_family("i**(1/2)", 2)
    assert str(e.value).startswith("the weight expression 'i**(1/2)' is not rational at i=")


def test_lemma_3_1_autoencoder_reconstructs_steps_and_negative_control():
    from exact.datasets import step_functions
    for n in (1, 2, 4):
        auto = lemma_3_1_autoencoder(n)
        assert all(auto.evaluate(x) == x for x in step_functions(n))
    # a threshold just above 1 loses the top step: the check must notice
    bad = lemma_3_1_autoencoder(3, threshold="11/10")
    assert bad.evaluate((1, 1, 1)) != (1, 1, 1)
    scaled = lemma_3_1_autoencoder(2, weights="1/(2*i)", threshold=1, encoder_scale=2)
    assert scaled.evaluate((1, 1)) == (1, 1) and scaled.evaluate((1, 0)) == (1, 0)
    shifted = lemma_3_1_autoencoder(2, encoder_shift=1)
    assert shifted.evaluate((0, 0)) == (1, 0)
    assert len(lemma_3_1_autoencoder(2).layers) == 2


def test_weight_family_sympy_names_are_symbols_not_constants():
    # only Integer, Rational and Symbol are known to the parser: pi and E are plain symbols
    for expr in ("pi", "E", "i*pi"):
        with pytest.raises(InvalidArgument) as e:
            weight_family(expr, 2)
        assert str(e.value) == f"the weight expression {expr!r} may only use the symbols i and n"
    assert weight_family("Rational(1, 2)*i", 3) == (Fraction(1, 2), 1, Fraction(3, 2))
    assert weight_family("Integer(3)", 1) == (3,)


def test_weight_family_uses_positivity_of_i_and_n():
    # exact only because i and n are known positive: (x**3)**(1/3) = x
    assert weight_family("(i**3)**(1/3)", 3) == (1, 2, 3)
    assert weight_family("(n**3)**(1/3)", 2) == (2, 2)
    assert weight_family("(i**2)**(1/2)", 2) == (1, 2)
    assert weight_family("(n**2)**(1/2)", 2) == (2, 2)
    assert weight_family("i//2", 3) == (0, 1, 1)
