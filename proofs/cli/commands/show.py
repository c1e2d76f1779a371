"""``proofcheck show ID``: one claim's verdicts in full (statement, status, scope, certificate,
counterexample, evidence, cross-check).

The verdicts come from a results file (``--results``, by default ``results/results.json``
when it holds the claim); otherwise the claim's check is run with its defaults (or the
``--param`` values), and its certificate re-checked by the kernel.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil

__all__ = ["register", "show"]


def _with_certificate(v: dict) -> dict:
    """The verdict with its certificate file read back (what the kernel checked), when it exists."""
    path = v.get("certificate_file")
    if v.get("certificate") is None and isinstance(path, str) and os.path.isfile(path):
        from exact.errors import ToolkitError
        from exact.inputs import read_json

        try:
            return {**v, "certificate": read_json(path, "certificate")}
        except ToolkitError:
            return v
    return v


def show(args: argparse.Namespace) -> int:
    from proofs.claims.registry import get_claim
    from proofs.present import verdict_text
    from proofs.run.runner import kernel_checked, read_results, run_claims
    from proofs.verdict import Verdict

    mod = get_claim(args.claim)  # an unknown ID: one line, exit 2
    results = args.results or ("results/results.json" if os.path.exists("results/results.json") else None)
    verdicts: list = []
    source = ""
    if results:
        verdicts = [Verdict.from_json(_with_certificate(v)) for v in read_results(results)["verdicts"]
                    if v["claim"] == args.claim]
        source = f"from {results}"
    if not verdicts:
        if args.results:
            from exact.errors import InvalidArgument

            raise InvalidArgument(f"no verdict for {args.claim} in {args.results}")
        verdicts = run_claims([args.claim], dict(args.param or []), progress=not args.json)
        source = "checked now with " + (", ".join(f"{k}={v}" for k, v in (args.param or [])) or "the default scope")
    if args.variant:
        verdicts = [v for v in verdicts if v.variant == args.variant]
    if args.json:
        print(json.dumps({"claim": args.claim, "verdicts": [kernel_checked(v).to_json() if v.kernel is None
                                                            and v.certificate else v.to_json() for v in verdicts]},
                         indent=1))
        return 0
    width = min(110, shutil.get_terminal_size((100, 24)).columns - 2)
    import textwrap

    print("\n".join(textwrap.wrap(f"{mod.CLAIM_ID}: {mod.TITLE} ({source})", width, subsequent_indent="    ")) + "\n")
    for k, v in enumerate(verdicts):
        if k:
            print("\n" + "-" * min(width, 60) + "\n")
        print(verdict_text(v, width=width))
    return 0


def register(subparsers) -> None:
    from proofs.cli import _parse_param

    p = subparsers.add_parser("show", help="one claim's verdicts in full",
                              description="Print one claim's verdicts in full: statement, reading, status, "
                                          "scope, certificate hash and kernel answer, counterexample, every "
                                          "evidence entry and the float64 cross-check. From a results file when "
                                          "it holds the claim, else by running the check.")
    p.add_argument("claim", metavar="ID")
    p.add_argument("--results", metavar="FILE", help="read the verdicts from this results file "
                   "(default: results/results.json when it holds the claim)")
    p.add_argument("--variant", metavar="NAME", help="only this reading/direction")
    p.add_argument("--param", action="append", type=_parse_param, metavar="KEY=VALUE",
                   help="scope parameter when the check is run (repeatable)")
    p.add_argument("--json", action="store_true", help="print the verdicts as JSON")
    p.set_defaults(func=show)
