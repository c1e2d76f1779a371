"""Claims of 004 (Kvalheim & Sontag, "Why should autoencoders work?"), and their shared helpers.

Both claims work on a closed polygonal curve K (a topological circle) with the exact
constructions of :mod:`exact.curves`; this module turns their results into kernel
obligations (``curve_error``, ``curve_pair``) and JSON evidence, and draws the figures.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from exact.curves import CurveError, IdentifiedPair, Polygon, polygon
from exact.errors import InvalidArgument
from exact.network import Network
from exact.scalar import rational_str, to_rational

__all__ = ["parse_widths", "parse_rationals", "curve_error_obligation", "curve_pair_obligation",
           "pair_json", "get_curve", "cut_length", "short", "outputs_obligation"]


def parse_widths(text: Any) -> list[int]:
    """``"2,4,8"`` (or a list) -> [2, 4, 8]; strictly increasing positive integers."""
    items = text.split(",") if isinstance(text, str) else list(text)
    try:
        out = [int(str(w).strip()) for w in items if str(w).strip()]
    except ValueError:
        raise InvalidArgument(f"widths must be integers separated by commas, got {text!r}") from None
    if not out or any(w < 1 for w in out) or any(a >= b for a, b in zip(out, out[1:])):
        raise InvalidArgument(f"widths must be increasing positive integers, got {text!r}")
    return out


def parse_rationals(text: Any) -> list[Fraction]:
    """``"1/10,1/2"`` -> [1/10, 1/2] (exact)."""
    items = text.split(",") if isinstance(text, str) else list(text)
    return [to_rational(str(v).strip()) for v in items if str(v).strip()]


def get_curve(name: str) -> Polygon:
    """The named closed curve (``square``, ``octagon``, ``circleM``)."""
    return polygon(name)


def cut_length(curve: Polygon, n: int) -> Fraction:
    """ell-inf length of the cut cell of E_n: the last 1/n of edge m - 1."""
    return curve.edge_length(curve.n_edges - 1) / n


def _edge_t(curve: Polygon, s: Fraction) -> list:
    k = min(int(s), curve.n_edges - 1)
    return [k, rational_str(s - k)]


def curve_error_obligation(network: Network, curve: Polygon, err: CurveError,
                           within: tuple[int, Any, Any] | None = None) -> dict:
    """A ``curve_error`` obligation: breakpoints and bad intervals per edge, totals.

    ``within`` = (edge, lo, hi) asks the kernel to check that the whole bad set lies in
    [lo, hi] of that edge (e.g. the cut cell).
    """
    extra = {} if within is None else {"within": [within[0], rational_str(within[1]), rational_str(within[2])]}
    return {
        "check": "curve_error", "network": network.to_json(),
        "vertices": curve.to_json()["vertices"], "closed": curve.closed,
        "delta": rational_str(err.delta),
        "edges": [[rational_str(t) for t in e.breakpoints] for e in err.edges],
        "bad": [[[rational_str(lo), rational_str(hi)] for lo, hi in e.bad_intervals(err.delta)] for e in err.edges],
        "bad_length": rational_str(err.bad_length), "max_error": rational_str(err.max_error), **extra,
    }


def curve_pair_obligation(encoder: Network, curve: Polygon, pair: IdentifiedPair, *,
                          antipodal: bool = False) -> dict:
    """A ``curve_pair`` obligation: two distinct points of K with the same code, and the bound.

    With ``antipodal`` the kernel also checks q = -p on a centrally symmetric K.
    """
    return {
        "check": "curve_pair", "network": encoder.to_json(),
        "vertices": curve.to_json()["vertices"], "closed": curve.closed,
        "p": _edge_t(curve, pair.s_p), "q": _edge_t(curve, pair.s_q),
        "code": rational_str(pair.code), "bound": rational_str(pair.bound),
        **({"antipodal": True} if antipodal else {}),
    }


def outputs_obligation(network: Network, inputs: list) -> dict:
    """A ``network_outputs`` obligation: the exact outputs of ``network`` on ``inputs``."""
    return {"check": "network_outputs", "network": network.to_json(),
            "cases": [{"input": [rational_str(v) for v in x],
                       "output": [rational_str(v) for v in network.evaluate(x)]} for x in inputs]}


def pair_json(pair: IdentifiedPair, encoder: str, **extra) -> dict:
    """A flat JSON record of an identified pair (the encoder's name first)."""
    return {"encoder": encoder, "s_p": rational_str(pair.s_p), "s_q": rational_str(pair.s_q),
            "code": rational_str(pair.code), "bound": rational_str(pair.bound), **extra,
            "p": [rational_str(v) for v in pair.p], "q": [rational_str(v) for v in pair.q]}


def short(q: Any, digits: int = 6) -> str:
    """A rational as "p/q" when short, else its first decimals followed by "..." (display only)."""
    text = rational_str(q)
    return text if len(text) <= 12 else f"{float(Fraction(text)):.{digits}g}..."
