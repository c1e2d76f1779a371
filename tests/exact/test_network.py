import json
from fractions import Fraction

import pytest
from hypothesis import given

from exact.errors import ExactnessError, FormatError, InvalidArgument, ShapeError
from exact.network import Activation, Layer, Network, load_network, save_network
from proofs.kernel import core as kernel_core
from proofs.strategies import networks, rational_vectors


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
