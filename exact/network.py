"""Networks as frozen lists of exact affine layers with an activation each.

A :class:`Layer` maps x to ``act(W x + b)`` with ``W`` an m x d matrix and ``b`` a
vector of m rationals; ``act`` is one of

* ``relu``: ``max(u, 0)``,
* ``hard_threshold``: ``sigma(u) = 1 if u >= t else 0`` with a rational threshold ``t``
  (000's hard sigmoid has ``t = 1``),
* ``identity``.

A :class:`Network` is a tuple of layers whose shapes chain.  It evaluates exactly on one
input (:meth:`Network.evaluate`) or on a batch (:meth:`Network.evaluate_batch`, integer
numpy arithmetic with overflow-checked int64 fast paths), composes with another network
(:meth:`Network.then`: encoder then decoder), and reads and writes the JSON format of
``docs/network-format.md``.

>>> enc = Network.from_json({"layers": [{"weight": [[1, 1, 1]], "activation": "identity"}]})
>>> dec = Network.from_json({"layers": [{"weight": [["1"], ["1/2"], ["1/3"]],
...     "activation": "hard_threshold", "threshold": "1"}]})
>>> auto = enc.then(dec)
>>> auto.evaluate([1, 1, 0])
(Fraction(1, 1), Fraction(1, 1), Fraction(0, 1))
"""

from __future__ import annotations

import enum
import json
import os
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from math import lcm
from typing import Any, Iterable, Mapping, Sequence

from .errors import ExactnessError, FormatError, InvalidArgument, ShapeError
from .inputs import one_line, parse_rational, preview, read_json, short_name
from .scalar import rational_str, to_rational

__all__ = ["Activation", "Layer", "Network", "json_widths", "load_network", "save_network"]


class Activation(str, enum.Enum):
    """The activations a layer may have (their JSON names are the values)."""

    RELU = "relu"
    HARD_THRESHOLD = "hard_threshold"
    IDENTITY = "identity"


def _q(value: Any, where: str) -> Fraction:
    """Convert a value read from a file or an argument, naming its place on failure."""
    if type(value) is int:  # the common case first (a JSON integer, digits already limited)
        return Fraction(value)
    if isinstance(value, float):
        raise FormatError(
            f'{where}: {_show(value)} is a float; write it as an integer or a "p/q" string'
        )
    if isinstance(value, str):
        return parse_rational(value, where, error=FormatError)
    try:
        return to_rational(value)
    except (ExactnessError, InvalidArgument):
        raise FormatError(
            f'{where}: expected an integer or a "p/q" string, got {_show(value)}'
        ) from None


#: at most this many distinct values are remembered by a network's conversion
_SEEN_MAX = 1 << 16


def _row(row: list, seen: dict, where: str) -> tuple[Fraction, ...]:
    """A JSON row converted with :func:`_q`, equal values sharing one Fraction (``seen``).

    ``where`` names the row; an entry's place is only spelled out on failure."""
    out = []
    for j, v in enumerate(row):
        t = type(v)
        if t is int or t is str:
            q = seen.get((t, v))
            if q is None:
                q = _q(v, f"{where}[{j}]")
                if len(seen) < _SEEN_MAX:
                    seen[(t, v)] = q
        else:
            q = _q(v, f"{where}[{j}]")
        out.append(q)
    return tuple(out)


def _show(v: Any) -> str:
    """A value as it would appear in the JSON file, shortened (never echoes a huge value)."""
    return preview(v)


@dataclass(frozen=True)
class Layer:
    """One affine layer ``x -> act(W x + b)`` with exact rational weights.

    ``weight`` has one row per output neuron (shape ``out_dim x in_dim``).  The
    constructor converts every entry with :func:`exact.scalar.to_rational` (floats
    refused) and checks shapes.
    """

    weight: tuple[tuple[Fraction, ...], ...]
    bias: tuple[Fraction, ...] = ()
    activation: Activation = Activation.IDENTITY
    threshold: Fraction | None = None

    def __post_init__(self) -> None:
        try:
            w = tuple(row if all(type(v) is Fraction for v in row) else tuple(to_rational(v) for v in row)
                      for row in map(tuple, self.weight))
        except TypeError:
            raise ShapeError("weight must be a sequence of rows") from None
        if not w or not w[0]:
            raise ShapeError("a layer needs at least one neuron and one input")
        d = len(w[0])
        for i, row in enumerate(w):
            if len(row) != d:
                raise ShapeError(f"weight row {i} has {len(row)} entries, expected {d}")
        b = tuple(to_rational(v) for v in self.bias) if len(self.bias) else (Fraction(0),) * len(w)
        if len(b) != len(w):
            raise ShapeError(f"bias has {len(b)} entries, expected {len(w)} (one per weight row)")
        try:
            act = Activation(self.activation)
        except ValueError:
            raise InvalidArgument(
                f"unknown activation {self.activation!r}; expected one of "
                + ", ".join(a.value for a in Activation)
            ) from None
        t = self.threshold
        if act is Activation.HARD_THRESHOLD:
            t = Fraction(1) if t is None else to_rational(t)
        elif t is not None:
            raise InvalidArgument("threshold is only meaningful for a hard_threshold layer")
        object.__setattr__(self, "weight", w)
        object.__setattr__(self, "bias", b)
        object.__setattr__(self, "activation", act)
        object.__setattr__(self, "threshold", t)

    @property
    def in_dim(self) -> int:
        return len(self.weight[0])

    @property
    def out_dim(self) -> int:
        return len(self.weight)

    # -- exact evaluation of one input ----------------------------------------------
    def pre_activation(self, x: Sequence[Fraction]) -> tuple[Fraction, ...]:
        """``W x + b`` exactly."""
        if len(x) != self.in_dim:
            raise ShapeError(f"input has {len(x)} entries, layer expects {self.in_dim}")
        return tuple(sum((w * v for w, v in zip(row, x)), b) for row, b in zip(self.weight, self.bias))

    def activate(self, u: Iterable[Fraction]) -> tuple[Fraction, ...]:
        if self.activation is Activation.RELU:
            return tuple(v if v > 0 else Fraction(0) for v in u)
        if self.activation is Activation.HARD_THRESHOLD:
            t = self.threshold
            return tuple(Fraction(1) if v >= t else Fraction(0) for v in u)
        return tuple(u)

    def __call__(self, x: Sequence[Fraction]) -> tuple[Fraction, ...]:
        return self.activate(self.pre_activation(x))

    # -- integer form used by the batch evaluator -------------------------------------
    @cached_property
    def integer_form(self) -> tuple[list[list[int]], list[int], list[int]]:
        """Row-wise common denominators: ``W[i][j] = Wn[i][j] / wd[i]``, ``b[i] = bn[i] / wd[i]``."""
        wn, bn, wd = [], [], []
        for row, b in zip(self.weight, self.bias):
            den = lcm(*(v.denominator for v in row), b.denominator)
            wn.append([v.numerator * (den // v.denominator) for v in row])
            bn.append(b.numerator * (den // b.denominator))
            wd.append(den)
        return wn, bn, wd

    # -- JSON ------------------------------------------------------------------------------
    def to_json(self) -> dict:
        d: dict[str, Any] = {
            "weight": [[rational_str(v) for v in row] for row in self.weight],
            "bias": [rational_str(v) for v in self.bias],
            "activation": self.activation.value,
        }
        if self.activation is Activation.HARD_THRESHOLD:
            d["threshold"] = rational_str(self.threshold)
        return d

    @classmethod
    def from_json(cls, obj: Any, where: str = "layer", *, _seen: dict | None = None) -> "Layer":
        if not isinstance(obj, Mapping):
            raise FormatError(f"{where}: expected an object with a \"weight\", got {type(obj).__name__}")
        unknown = set(obj) - {"weight", "bias", "activation", "threshold"}
        if unknown:
            raise FormatError(one_line(f"{where}: unknown key(s) " + ", ".join(k if isinstance(k, str) and k.isidentifier() and len(k) <= 30 else preview(k, 30) for k in sorted(unknown, key=str))))
        if "weight" not in obj:
            raise FormatError(f"{where}: missing \"weight\"")
        w = obj["weight"]
        if not isinstance(w, list) or not w:
            raise FormatError(f"{where}.weight: expected a non-empty list of rows")
        # one Fraction per distinct value (a dict shared by the network's layers): a large
        # network of few distinct weights then costs a pointer per entry, not a Fraction
        seen: dict = {} if _seen is None else _seen
        rows = []
        for i, row in enumerate(w):
            if not isinstance(row, list) or not row:
                raise FormatError(f"{where}.weight[{i}]: expected a non-empty list of numbers")
            if len(row) != len(w[0]):
                raise FormatError(
                    f"{where}.weight[{i}]: has {len(row)} entries, row 0 has {len(w[0])}"
                )
            rows.append(_row(row, seen, f"{where}.weight[{i}]"))
        bias: tuple[Fraction, ...] = ()
        if obj.get("bias") is not None:
            b = obj["bias"]
            if not isinstance(b, list):
                raise FormatError(f"{where}.bias: expected a list of numbers")
            if len(b) != len(rows):
                raise FormatError(
                    f"{where}.bias: has {len(b)} entries, the weight has {len(rows)} rows"
                )
            bias = tuple(_q(v, f"{where}.bias[{i}]") for i, v in enumerate(b))
        act = obj.get("activation", "identity")
        if not isinstance(act, str) or act not in {a.value for a in Activation}:
            raise FormatError(
                f"{where}.activation: unknown activation {_show(act)}; "
                f"expected one of {', '.join(a.value for a in Activation)}"
            )
        threshold = None
        if "threshold" in obj:
            if act != Activation.HARD_THRESHOLD.value:
                raise FormatError(f"{where}.threshold: only a hard_threshold layer has a threshold")
            threshold = _q(obj["threshold"], f"{where}.threshold")
        return cls(tuple(rows), bias, Activation(act), threshold)


@dataclass(frozen=True)
class Network:
    """A feed-forward network: a non-empty tuple of :class:`Layer` whose shapes chain."""

    layers: tuple[Layer, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        layers = tuple(self.layers)
        if not layers:
            raise ShapeError("a network needs at least one layer")
        for k, layer in enumerate(layers):
            if not isinstance(layer, Layer):
                raise InvalidArgument(f"layers[{k}] is not a Layer")
            if k and layer.in_dim != layers[k - 1].out_dim:
                raise ShapeError(
                    f"layers[{k}] expects {layer.in_dim} inputs but layers[{k - 1}] has "
                    f"{layers[k - 1].out_dim} outputs"
                )
        object.__setattr__(self, "layers", layers)

    @property
    def in_dim(self) -> int:
        return self.layers[0].in_dim

    @property
    def out_dim(self) -> int:
        return self.layers[-1].out_dim

    @property
    def widths(self) -> tuple[int, ...]:
        """``(d, m_1, ..., m_L)``: input dimension then each layer's width."""
        return (self.in_dim,) + tuple(layer.out_dim for layer in self.layers)

    def then(self, other: "Network") -> "Network":
        """The composition ``other o self`` (run self first: encoder.then(decoder))."""
        if other.in_dim != self.out_dim:
            raise ShapeError(
                f"cannot compose: the first network outputs {self.out_dim} values, "
                f"the second expects {other.in_dim}"
            )
        return Network(self.layers + other.layers)

    def split(self, k: int) -> tuple["Network", "Network"]:
        """Split after the first k layers (e.g. an autoencoder file into encoder, decoder)."""
        if not 0 < k < len(self.layers):
            raise InvalidArgument(f"split point must be between 1 and {len(self.layers) - 1}")
        return Network(self.layers[:k]), Network(self.layers[k:])

    def evaluate(self, x: Iterable[Any]) -> tuple[Fraction, ...]:
        """Exact output on one input (entries converted with ``to_rational``)."""
        v = tuple(to_rational(e) for e in x)
        if len(v) != self.in_dim:
            raise ShapeError(f"input has {len(v)} entries, the network expects {self.in_dim}")
        for layer in self.layers:
            v = layer(v)
        return v

    __call__ = evaluate

    def evaluate_batch(self, inputs: Any):
        """Exact outputs on a batch (one input per row); see :mod:`exact.evaluate`."""
        from .evaluate import evaluate_batch

        return evaluate_batch(self, inputs)

    # -- JSON --------------------------------------------------------------------------
    def to_json(self) -> dict:
        return {"layers": [layer.to_json() for layer in self.layers]}

    @classmethod
    def from_json(cls, obj: Any, source: str = "network") -> "Network":
        """Build from the parsed JSON format; every problem raises one FormatError line."""
        if not isinstance(obj, Mapping) or "layers" not in obj:
            raise FormatError(f"{source}: expected an object with a \"layers\" list")
        layers = obj["layers"]
        if not isinstance(layers, list) or not layers:
            raise FormatError(f"{source}: \"layers\" must be a non-empty list")
        built = []
        seen: dict = {}
        for k, lobj in enumerate(layers):
            where = f"{source}: layers[{k}]"
            try:
                built.append(Layer.from_json(lobj, where, _seen=seen))
            except FormatError:
                raise
            except (InvalidArgument, ShapeError) as e:
                raise FormatError(f"{where}: {e}") from None
            if k and built[k].in_dim != built[k - 1].out_dim:
                raise FormatError(
                    f"{where}.weight: rows have {built[k].in_dim} entries but layers[{k - 1}] "
                    f"has {built[k - 1].out_dim} outputs"
                )
        return cls(tuple(built))

    @classmethod
    def from_layers(cls, *specs: Mapping[str, Any]) -> "Network":
        """Convenience: ``Network.from_layers({"weight": ..., "activation": "relu"}, ...)``."""
        return cls.from_json({"layers": list(specs)}, source="network")


def json_widths(obj: Any) -> tuple[int, ...] | None:
    """``(d, m_1, ..., m_L)`` read from a parsed network document's list lengths alone.

    Cheap (no entry is converted), so the size of a task can be judged before a large file's
    weights become Fractions.  ``None`` when the document does not have the shape of a
    network file (:meth:`Network.from_json` then says what is wrong); a tuple is the widths of
    the network that :meth:`Network.from_json` builds whenever it succeeds.

    >>> json_widths({"layers": [{"weight": [[1, 2, 3], [4, 5, 6]]}, {"weight": [[1, 1]]}]})
    (3, 2, 1)
    >>> json_widths({"layers": []}) is None
    True
    """
    if not isinstance(obj, Mapping) or not isinstance(obj.get("layers"), list) or not obj["layers"]:
        return None
    widths: list[int] = []
    for lobj in obj["layers"]:
        w = lobj.get("weight") if isinstance(lobj, Mapping) else None
        if not isinstance(w, list) or not w or not isinstance(w[0], list) or not w[0]:
            return None
        if not widths:
            widths.append(len(w[0]))
        widths.append(len(w))
    return tuple(widths)


def load_network(path: str | os.PathLike) -> Network:
    """Read a network file; errors are FormatError lines naming the file and place.

    The file goes through :func:`exact.inputs.read_json` (size, encoding, nesting, digit
    limits, duplicate keys, floats refused) before any layer is built.
    """
    obj = read_json(path, "network file")
    return Network.from_json(obj, source=short_name(path))


def save_network(network: Network, path: str | os.PathLike) -> None:
    """Write a network file atomically."""
    from .files import atomic_write_text

    atomic_write_text(path, json.dumps(network.to_json(), indent=1) + "\n")
