"""The networks of the clamp lemma: f_n(x) = sum_{i=1..n} ReLU(x - i) - ReLU(x - i - shift)."""
from exact.network import Network


def network(n, shift=1):
    """One hidden layer of 2n ReLU neurons (x - i and x - i - shift), summed with signs +1 and -1."""
    hidden = {"weight": [[1]] * (2 * n), "bias": [-i for i in range(1, n + 1)] + [-i - shift for i in range(1, n + 1)],
              "activation": "relu"}
    return Network.from_layers(hidden, {"weight": [[1] * n + [-1] * n]})


def network_shift2(n):
    """The false variant: ReLU(x - i) - ReLU(x - i - 2)."""
    return network(n, shift=2)
