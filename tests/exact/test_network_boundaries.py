"""Boundaries of exact.network: the conversion cache's size limit, values that are neither JSON
integers nor strings, Fraction rows kept as they are, the default names in messages, and a
mapping's keys that are not strings (mutation testing found these unchecked:
docs/exact-mutation.md, C1)."""

from fractions import Fraction

import numpy as np
import pytest
import sympy

from exact import network
from exact.errors import FormatError, ShapeError
from exact.network import Layer, Network, load_network


def _message(call, exc):
    with pytest.raises(exc) as e:
        call()
    assert type(e.value) is exc
    return str(e.value)


def test_the_conversion_cache_stops_at_its_limit():
    full = {("k", i): Fraction(i) for i in range(network._SEEN_MAX)}
    layer = Layer.from_json({"weight": [[7, "7"]]}, _seen=full)
    assert layer.weight == ((7, 7),) and len(full) == network._SEEN_MAX        # at the limit: not grown
    one_less = {("k", i): Fraction(i) for i in range(network._SEEN_MAX - 1)}
    Layer.from_json({"weight": [[7, "7"]]}, _seen=one_less)
    assert len(one_less) == network._SEEN_MAX and one_less[(int, 7)] == 7     # one place left: filled
    assert (str, "7") not in one_less


def test_a_layer_read_on_its_own_has_its_own_cache():
    layer = Layer.from_json({"weight": [[1, "1/2"], [1, "1/2"]], "bias": ["1/3", 0]})
    assert layer.weight == ((1, Fraction(1, 2)), (1, Fraction(1, 2))) and layer.bias == (Fraction(1, 3), 0)
    assert layer.weight[0][1] is layer.weight[1][1]


def test_exact_values_that_are_not_json_integers_or_strings_are_converted():
    doc = {"layers": [{"weight": [[Fraction(1, 2), np.int64(3), sympy.Rational(-2, 3)]],
                       "bias": [Fraction(5, 7)], "activation": "hard_threshold", "threshold": Fraction(1, 4)}]}
    layer = Network.from_json(doc).layers[0]
    assert layer.weight == ((Fraction(1, 2), 3, Fraction(-2, 3)),) and layer.bias == (Fraction(5, 7),)
    assert layer.threshold == Fraction(1, 4)
    assert all(type(v) is Fraction for v in layer.weight[0] + layer.bias)


def test_rows_of_fractions_are_kept_not_copied():
    row = (Fraction(1, 2), Fraction(-3))
    layer = Layer((row, (Fraction(1), Fraction(0))))
    assert layer.weight[0] is row                                  # already exact: the same tuple
    mixed = Layer(((Fraction(1, 2), 1),))
    assert mixed.weight == ((Fraction(1, 2), Fraction(1)),) and type(mixed.weight[0][1]) is Fraction


def test_shape_messages_of_an_input_of_the_wrong_length():
    layer = Layer(((1, 2, 3),))
    assert _message(lambda: layer.pre_activation((Fraction(1), Fraction(2))), ShapeError) == (
        "input has 2 entries, layer expects 3")
    net = Network((layer, Layer(((1,),))))
    assert _message(lambda: net.evaluate([1, 2, 3, 4]), ShapeError) == "input has 4 entries, the network expects 3"


def test_the_layers_are_kept_as_a_tuple():
    a, b = Layer(((1, 1),)), Layer(((2,),))
    net = Network([a, b])
    assert type(net.layers) is tuple and net.layers == (a, b)
    assert hash(net) == hash(Network((a, b)))                      # frozen and hashable even from a list


def test_messages_name_the_network_by_default():
    assert _message(lambda: Network.from_json({}), FormatError) == (
        'network: expected an object with a "layers" list')
    assert _message(lambda: Network.from_json({"layer": []}), FormatError) == (
        'network: expected an object with a "layers" list')
    assert _message(lambda: Network.from_json(["layers"]), FormatError) == (
        'network: expected an object with a "layers" list')
    assert _message(lambda: Network.from_layers({"weight": [[0.5]]}), FormatError) == (
        'network: layers[0].weight[0][0]: 0.5 is a float; write it as an integer or a "p/q" string')


def test_a_chain_mismatch_names_the_previous_layers_outputs():
    doc = {"layers": [{"weight": [[1, 1, 1], [1, 1, 1]]}, {"weight": [[1, 1, 1, 1]]}]}
    assert _message(lambda: Network.from_json(doc, "f"), FormatError) == (
        "f: layers[1].weight: rows have 4 entries but layers[0] has 2 outputs")


def test_keys_that_are_not_strings_are_named_not_a_crash():
    # a mapping built in Python (not read from JSON) may have keys of any type
    msg = _message(lambda: Network.from_layers({"weight": [[1]], 1: 2, "zz": 3}), FormatError)
    assert msg == "network: layers[0]: unknown key(s) 1, zz"
    msg = _message(lambda: Network.from_layers({"weight": [[1]], (1, 2): 0, None: 0}), FormatError)
    assert msg == "network: layers[0]: unknown key(s) (1, 2), null"


def test_a_network_file_is_called_so_in_read_errors(tmp_path):
    folder = tmp_path / "net.json"
    folder.mkdir()
    msg = _message(lambda: load_network(folder), FormatError)
    assert msg.endswith("net.json: is a directory, expected a network file")
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 10)
    from exact.inputs import using_limits

    with using_limits(max_bytes=9):
        msg = _message(lambda: load_network(big), FormatError)
    assert msg.endswith("big.json: the file has 10 bytes, over the limit of 9 bytes for a network file")


def test_a_layer_read_on_its_own_is_called_layer_in_messages():
    assert _message(lambda: Layer.from_json(5), FormatError) == 'layer: expected an object with a "weight", got int'
    assert _message(lambda: Layer.from_json({"weight": [[0.5]]}), FormatError) == (
        'layer.weight[0][0]: 0.5 is a float; write it as an integer or a "p/q" string')
