"""Claims of 004 (Kvalheim & Sontag, "Why should autoencoders work?"), and their shared helpers.

Both claims work on a closed polygonal curve K (a topological circle) with the exact
constructions of :mod:`exact.curves`; this module turns their results into JSON evidence.
The kernel (``proofs/kernel/specs/p004.py``) rebuilds K and the cut autoencoders from the
scope parameters and re-does the exact analysis itself.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from exact.curves import IdentifiedPair, Polygon, polygon
from exact.errors import InvalidArgument
from exact.scalar import rational_str, to_rational

__all__ = ["parse_widths", "parse_rationals", "pair_json", "get_curve", "cut_length", "short"]


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
    """The named closed curve (``square``, ``octagon``, ``circleM``, M even, 4 <= M <= 98)."""
    return polygon(name)


def cut_length(curve: Polygon, n: int) -> Fraction:
    """ell-inf length of the cut cell of E_n: the last 1/n of edge m - 1."""
    return curve.edge_length(curve.n_edges - 1) / n


def pair_json(pair: IdentifiedPair, encoder: str, **extra) -> dict:
    """A flat JSON record of an identified pair (the encoder's name first)."""
    return {"encoder": encoder, "s_p": rational_str(pair.s_p), "s_q": rational_str(pair.s_q),
            "code": rational_str(pair.code), "bound": rational_str(pair.bound), **extra,
            "p": [rational_str(v) for v in pair.p], "q": [rational_str(v) for v in pair.q]}


def short(q: Any, digits: int = 6) -> str:
    """A rational as "p/q" when short, else its first decimals followed by "..." (display only)."""
    text = rational_str(q)
    return text if len(text) <= 12 else f"{float(Fraction(text)):.{digits}g}..."
