"""Run a claim module as a proof-check script: ``python -m proofs.claims.p000.lemma_3_1 --n-max 60``.

The options are made from the keyword parameters of the module's ``check`` (a
parameter ``n_max=30`` becomes ``--n-max N``).  The verdict is printed as a table, and
with ``--json FILE`` written as the same JSON as ``proofcheck run``.
"""

from __future__ import annotations

import argparse
import inspect
import sys
from types import ModuleType
from typing import Any, Callable

from exact.errors import ToolkitError

__all__ = ["add_parameter_options", "parameter_values", "script_main"]


def _parse_bool(text: str) -> bool:
    t = text.strip().lower()
    if t in {"1", "true", "yes", "on"}:
        return True
    if t in {"0", "false", "no", "off"}:
        return False
    raise argparse.ArgumentTypeError(f"expected true or false, got {text!r}")


def _converter(default: Any) -> Callable[[str], Any]:
    if isinstance(default, bool):
        return _parse_bool
    if isinstance(default, int):
        return int
    if isinstance(default, float):
        return float
    return str


def add_parameter_options(parser: argparse.ArgumentParser, check: Callable) -> list[str]:
    names = []
    for name, p in inspect.signature(check).parameters.items():
        if p.kind not in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD) or p.default is p.empty or name == "progress":
            continue
        flag = "--" + name.replace("_", "-")
        parser.add_argument(flag, dest=name, type=_converter(p.default), default=p.default,
                            help=f"(default: {p.default!r})")
        names.append(name)
    return names


def parameter_values(args: argparse.Namespace, names: list[str]) -> dict[str, Any]:
    return {n: getattr(args, n) for n in names}


def script_main(module: ModuleType, argv: list[str] | None = None) -> int:
    """Run one claim module as a script (``@claim`` calls this when the module is ``__main__``)."""
    from .runner import kernel_checked, print_table, write_results

    parser = argparse.ArgumentParser(
        prog=f"python -m {getattr(module.__spec__, 'name', None) or module.__name__}",
        description=f"{module.CLAIM_ID}: {module.TITLE}",
    )
    names = add_parameter_options(parser, module.check)
    parser.add_argument("--json", metavar="FILE", help="write the verdicts as JSON")
    args = parser.parse_args(argv)
    try:
        out = module.check(**parameter_values(args, names))  # registered or not
    except ToolkitError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    verdicts = [kernel_checked(v) for v in (out if isinstance(out, list) else [out])]
    print_table(verdicts)
    if args.json:
        write_results(args.json, verdicts)
    return 0
