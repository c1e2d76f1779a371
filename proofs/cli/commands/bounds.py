"""``proofcheck bounds --input-dim D WIDTH ...``: region-count bounds for an architecture.

Prints Zaslavsky's count (one hidden layer in general position), the lower bound of
Montufar et al. (2014), the upper bound of Serra et al. (2018) and the simple product
bound (``prod (n_l + 1)`` for d = 1), all exact integers (see :mod:`proofs.methods.bounds`).
"""

from __future__ import annotations

import argparse
import json

from proofs.methods.bounds import all_bounds

__all__ = ["register"]

_NAMES = {
    "zaslavsky_one_layer": "Zaslavsky (one hidden layer, general position, exact count)",
    "montufar2014_lower": "Montufar et al. 2014 (lower bound on the maximum)",
    "serra2018_upper": "Serra et al. 2018 (upper bound)",
    "product_upper": "product bound prod_l sum_{j<=min(n0..nl)} C(n_l, j)",
}


def _count(what: str, minimum: int):
    def parse(text: str) -> int:
        from exact.errors import InvalidArgument
        from exact.inputs import parse_integer

        try:
            return parse_integer(text, what, minimum=minimum)
        except InvalidArgument as e:
            raise argparse.ArgumentTypeError(str(e)) from None
    return parse


def _handler(args: argparse.Namespace) -> int:
    import time

    from exact.inputs import limits

    if args.seconds is not None and not 0 < args.seconds < 1e7:
        from exact.errors import InvalidArgument

        raise InvalidArgument(f"--seconds must be a positive number of seconds, got {args.seconds}")
    deadline = None if args.seconds is None else time.monotonic() + args.seconds
    b = all_bounds(args.input_dim, args.widths, max_digits=limits().max_digits, deadline=deadline)
    if args.json:
        print(json.dumps({"input_dim": args.input_dim, "widths": args.widths, "bounds": b}, indent=1))
        return 0
    print(f"architecture: d = {args.input_dim}, hidden widths {'-'.join(map(str, args.widths))}")
    for k, v in b.items():
        print(f"  {_NAMES[k]}: {'n/a' if v is None else v}")
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("bounds", help="region-count bounds (Zaslavsky, Montufar 2014, Serra 2018)",
                              description="Exact region-count bounds for a ReLU architecture. Bounds with more "
                                          "digits than --max-digits are refused before they are computed.")
    p.add_argument("widths", type=_count("WIDTH", 1), nargs="+", metavar="WIDTH", help="hidden layer widths")
    p.add_argument("--input-dim", "-d", type=_count("--input-dim", 1), required=True, metavar="D",
                   help="input dimension")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--seconds", type=float, default=None, metavar="S",
                   help="give up (exit 2) after S seconds of work")
    p.set_defaults(func=_handler)
