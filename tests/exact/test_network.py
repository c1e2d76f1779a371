import json
from fractions import Fraction

import pytest
from hypothesis import given

from exact.errors import ExactnessError, FormatError, InvalidArgument, ShapeError
from exact.network import Activation, Layer, Network, load_network, save_network
from proofs.kernel import core as kernel_core
from proofs.methods.strategies import networks, rational_vectors


def test_layer_defaults_and_shapes():
    layer = Layer(((1, 2),), activation="relu")
    assert layer.bias == (Fraction(0),)
    assert layer.activation is Activation.RELU
    assert Layer(((1,),), activation="hard_threshold").threshold == 1
    with pytest.raises(ShapeError):
        Layer(((1, 2), (3,)))
    with pytest.raises(ShapeError):
        Layer(((1,),), (1, 2))
    with pytest.raises(InvalidArgument):
        Layer(((1,),), activation="tanh")
    with pytest.raises(InvalidArgument):
        Layer(((1,),), activation="relu", threshold=1)
    with pytest.raises(ExactnessError):
        Layer(((0.5,),))


def test_network_chains_and_composes():
    enc = Network.from_layers({"weight": [[1, 1]]})
    dec = Network.from_layers({"weight": [[1], ["1/2"]], "activation": "hard_threshold", "threshold": "1"})
    auto = enc.then(dec)
    assert auto.widths == (2, 1, 2)
    assert auto.evaluate([1, 1]) == (1, 1)
    assert auto.evaluate([1, 0]) == (1, 0)
    assert auto.split(1) == (enc, dec)
    with pytest.raises(ShapeError):
        dec.then(dec)
    with pytest.raises(ShapeError):
        auto.evaluate([1])


@given(networks([2, 3, 2], activations=("relu", "hard_threshold", "identity")), rational_vectors(2))
def test_json_round_trip_and_kernel_agree(net, x):
    again = Network.from_json(json.loads(json.dumps(net.to_json())))
    assert again == net
    assert list(net.evaluate(x)) == kernel_core.run(kernel_core.network(net.to_json()), list(x))


def test_save_and_load(tmp_path):
    net = Network.from_layers({"weight": [["1/3", -2]], "bias": ["5/7"], "activation": "relu"})
    path = tmp_path / "net.json"
    save_network(net, path)
    assert load_network(path) == net


BAD = [
    ('{"layers": [{"weight": [[0.5]]}]}', "layers[0].weight[0][0]: 0.5 is a float"),
    ('{"layers": [{"weight": [[1, 2], [3]]}]}', "layers[0].weight[1]: has 1 entries"),
    ('{"layers": [{"weight": [[1]], "activation": "tanh"}]}', "unknown activation \"tanh\""),
    ('{"layers": [{"weight": [["one"]]}]}', 'layers[0].weight[0][0]: expected an integer or a "p/q" string, got "one"'),
    ('{"layers": []}', "non-empty list"),
    ('{"layers": [{"weight": []}]}', "layers[0].weight: expected a non-empty list"),
    ('{"layers": [{"weight": [[1]], "bias": [1, 2]}]}', "layers[0].bias: has 2 entries"),
    ('{"layers": [{"weight": [[1, 1]]}, {"weight": [[1, 1]]}]}', "layers[1].weight: rows have 2 entries but layers[0] has 1 outputs"),
    ('{"layers": [{"weight": [[1]], "threshold": "1"}]}', "only a hard_threshold layer has a threshold"),
    ('{"layers": [{"weight": [[1]], "bias": ["1/0"]}]}', "layers[0].bias[0]"),
    ('{"layers": [{"weight": [[1]], "extra": 1}]}', "unknown key(s) extra"),
    ('{"layers": [{"weight": [[1]]]}', "invalid JSON"),
    ('[1, 2]', 'expected an object with a "layers" list'),
]


@pytest.mark.parametrize("text, message", BAD)
def test_malformed_files_name_the_place(tmp_path, text, message):
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(FormatError) as info:
        load_network(path)
    msg = str(info.value)
    assert message in msg
    assert str(path) in msg and "\n" not in msg


def test_split_then_and_batch_boundaries(tmp_path):
    import pytest

    from exact.errors import InvalidArgument, ShapeError
    from exact.network import Network, load_network, save_network

    net = Network.from_layers({"weight": [[1, 1]]}, {"weight": [[2]], "activation": "relu"}, {"weight": [[1]]})
    first, rest = net.split(1)
    assert len(first.layers) == 1 and len(rest.layers) == 2 and first.then(rest) == net
    assert [len(p.layers) for p in net.split(2)] == [2, 1]
    for k in (0, 3, -1):
        with pytest.raises(InvalidArgument, match="^split point must be between 1 and 2$"):
            net.split(k)
    with pytest.raises(ShapeError, match="^cannot compose: the first network outputs 1 values, the second expects 2$"):
        net.then(net)
    assert net.evaluate_batch([[1, 2], [-1, 0]]).to_fractions() == [net.evaluate([1, 2]), net.evaluate([-1, 0])]
    p = tmp_path / "n.json"
    save_network(net, p)
    assert p.read_text() == json.dumps(net.to_json(), indent=1) + "\n" and load_network(p) == net
    long = tmp_path / ("x" * 150 + ".json")
    long.write_text("[")
    with pytest.raises(Exception) as e:
        load_network(long)
    assert str(e.value).startswith("..." + str(long)[-97:] + ": line 1 column 2")


def test_constructor_and_reader_messages():
    import pytest

    from exact.errors import FormatError, InvalidArgument, ShapeError
    from exact.network import Layer, Network

    def msg(call, exc):
        with pytest.raises(exc) as e:
            call()
        return str(e.value)

    assert msg(lambda: Layer(5), ShapeError) == "weight must be a sequence of rows"
    assert msg(lambda: Layer(()), ShapeError) == "a layer needs at least one neuron and one input"
    assert msg(lambda: Layer(((),)), ShapeError) == "a layer needs at least one neuron and one input"
    assert msg(lambda: Layer(((1, 2), (3,))), ShapeError) == "weight row 1 has 1 entries, expected 2"
    assert msg(lambda: Layer(((1,),), (1, 2)), ShapeError) == "bias has 2 entries, expected 1 (one per weight row)"
    assert msg(lambda: Layer(((1,),), activation="tanh"), InvalidArgument) == (
        "unknown activation 'tanh'; expected one of relu, hard_threshold, identity")
    assert msg(lambda: Layer(((1,),), threshold=1), InvalidArgument) == (
        "threshold is only meaningful for a hard_threshold layer")
    lay = Layer(((1, "1/2"),), ("1/3",), "hard_threshold")
    assert lay.weight == ((Fraction(1), Fraction(1, 2)),) and lay.bias == (Fraction(1, 3),) and lay.threshold == 1
    assert Layer([[Fraction(1, 2)]]).weight == ((Fraction(1, 2),),)  # lists become tuples, Fractions kept
    assert msg(lambda: Network(()), ShapeError) == "a network needs at least one layer"
    assert msg(lambda: Network((lay, 5)), InvalidArgument) == "layers[1] is not a Layer"
    assert msg(lambda: Network((Layer(((1,), (1,))), Layer(((1, 1, 1),)))), ShapeError) == (
        "layers[1] expects 3 inputs but layers[0] has 2 outputs")
    net = Network((Layer(((1,),)), Layer(((1,), (2,))), Layer(((1, 1),))))
    assert net.layers[2].in_dim == 2 and net.widths == (1, 1, 2, 1)
    assert msg(lambda: Network((net.layers[0], net.layers[1], Layer(((1,),)))), ShapeError) == (
        "layers[2] expects 1 inputs but layers[1] has 2 outputs")

    def read(obj):
        return msg(lambda: Network.from_json(obj, "f"), FormatError)

    assert read({"layers": [5]}) == 'f: layers[0]: expected an object with a "weight", got int'
    assert read({"layers": [{"weight": [[1]], "zz": 1, "Odd key": 2, "b" * 31: 3}]}) == (
        'f: layers[0]: unknown key(s) "Odd key", a string of 31 characters, zz')
    assert read({"layers": [{"weight": [[1]], "c" * 30: 1}]}) == "f: layers[0]: unknown key(s) " + "c" * 30
    assert read({"layers": [{}]}) == 'f: layers[0]: missing "weight"'
    assert read({"layers": [{"weight": []}]}) == "f: layers[0].weight: expected a non-empty list of rows"
    assert read({"layers": [{"weight": [5]}]}) == "f: layers[0].weight[0]: expected a non-empty list of numbers"
    assert read({"layers": [{"weight": [[]]}]}) == "f: layers[0].weight[0]: expected a non-empty list of numbers"
    assert read({"layers": [{"weight": [[1], [1, 2]]}]}) == "f: layers[0].weight[1]: has 2 entries, row 0 has 1"
    assert read({"layers": [{"weight": [[1]], "bias": 3}]}) == "f: layers[0].bias: expected a list of numbers"
    assert read({"layers": [{"weight": [[1]], "bias": [1, 2]}]}) == "f: layers[0].bias: has 2 entries, the weight has 1 rows"
    assert read({"layers": [{"weight": [[1]], "activation": "tanh"}]}) == (
        'f: layers[0].activation: unknown activation "tanh"; expected one of relu, hard_threshold, identity')
    assert read({"layers": [{"weight": [[1]], "threshold": 1}]}) == (
        "f: layers[0].threshold: only a hard_threshold layer has a threshold")
    assert read({"layers": [{"weight": [[1]], "activation": "hard_threshold", "threshold": "x"}]}).startswith(
        'f: layers[0].threshold: expected an integer or a "p/q" string, got "x"')
    assert read({"layers": [{"weight": [[1]], "bias": [0.5]}]}) == (
        'f: layers[0].bias[0]: 0.5 is a float; write it as an integer or a "p/q" string')
    assert read({"layers": [{"weight": [[1]]}, {"weight": [[1, 1]]}]}) == (
        "f: layers[1].weight: rows have 2 entries but layers[0] has 1 outputs")
    assert read({"layers": []}) == 'f: "layers" must be a non-empty list'
    assert read([]) == 'f: expected an object with a "layers" list'
    assert Network.from_json({"layers": [{"weight": [[1]], "bias": None}]}).layers[0].bias == (0,)
    assert msg(lambda: Network.from_layers({"weight": [[True]]}), FormatError) == (
        'network: layers[0].weight[0][0]: expected an integer or a "p/q" string, got true')


def test_json_widths_is_the_networks_shape_or_none():
    from exact.network import Network, json_widths

    doc = {"layers": [{"weight": [[1, 2, 3], [4, 5, 6]], "activation": "relu"}, {"weight": [["1/2", 1]]}]}
    assert json_widths(doc) == Network.from_json(doc).widths == (3, 2, 1)
    assert json_widths({"layers": [{"weight": [[7]]}]}) == (1, 1)
    for bad in (None, [], {"layers": None}, {"layers": []}, {"layers": [3]}, {"layers": [{"weight": []}]},
                {"layers": [{"weight": [[]]}]}, {"layers": [{"weight": [3]}]}, {"layers": [{"bias": [1]}]},
                {"layers": [{"weight": [[1]]}, {"weight": "x"}]}):
        assert json_widths(bad) is None, bad


def test_equal_entries_share_one_fraction_and_keep_their_values():
    from fractions import Fraction

    from exact.network import Network

    doc = {"layers": [{"weight": [[1, "1", "2/4", -3], [1, "1/2", "-3", 0]], "bias": ["1/2", 1],
                       "activation": "relu"}, {"weight": [[1, "1/2"]]}]}
    net = Network.from_json(doc)
    w0, w1 = net.layers[0].weight, net.layers[1].weight
    assert w0 == ((1, 1, Fraction(1, 2), -3), (1, Fraction(1, 2), -3, 0))
    assert all(type(v) is Fraction for row in w0 + w1 for v in row)
    assert w0[0][0] is w0[1][0] is w1[0][0]  # the integer 1, converted once for the network
    assert w0[0][2] == w0[1][1] and w1[0][1] is w0[1][1]  # "1/2" shared across layers
    # a large network of few distinct values holds one Fraction per distinct value
    big = Network.from_json({"layers": [{"weight": [[(i * j) % 3 - 1 for j in range(60)] for i in range(50)]}]})
    assert len({id(v) for row in big.layers[0].weight for v in row}) == 3


def test_a_bad_entry_is_named_after_good_equal_ones():
    from exact.errors import FormatError
    from exact.network import Network

    with pytest.raises(FormatError, match=r"net: layers\[0\]\.weight\[1\]\[2\]: .*float"):
        Network.from_json({"layers": [{"weight": [[1, 2, 3], [1, 2, 0.5]]}]}, source="net")
    with pytest.raises(FormatError, match=r"layers\[1\]\.weight\[0\]\[1\]"):
        Network.from_json({"layers": [{"weight": [["1/3"]]}, {"weight": [["1/3", "1/0"]]}]})
    with pytest.raises(FormatError, match=r"layers\[0\]\.weight\[0\]\[1\]"):
        Network.from_json({"layers": [{"weight": [[1, True]]}]})  # a bool is not the integer 1
