"""``proofcheck admissible NET.json``: is an autoencoder file exactly admissible on step functions?"""

from __future__ import annotations

import argparse
import time

from exact.inputs import check_output_file, parse_rational, prepare_output_dir
from exact.network import load_network
from exact.scalar import rational_str, to_rational
from proofs.methods.stepcheck import check_step_reconstruction
from proofs.certificates import bind, certificate
from proofs.verdict import Status, Verdict

__all__ = ["register", "admissible_verdict"]


def admissible_verdict(path: str, amplitude: str = "1", include_zero: bool = True) -> Verdict:
    """The verdict for a network file: verified (admissible) or refuted (failing thetas)."""
    t0 = time.perf_counter()
    c = parse_rational(amplitude, "--amplitude") if isinstance(amplitude, str) else to_rational(amplitude)
    net = load_network(path)
    res = check_step_reconstruction(net, net.in_dim, c, include_zero)
    status = Status.REFUTED if res.failures else Status.VERIFIED
    n = net.in_dim
    desc = f"the {res.checked} step functions of dimension {n} with amplitude {rational_str(c)}" + (
        "" if include_zero else " (zero signal excluded)")
    bound = bind(net.to_json())
    cert = certificate("admissible", status,
                       scope={"network": bound, "amplitude": c, "include_zero": include_zero},
                       evidence={"theta": res.failures[0]} if res.failures else {"checked": res.checked})
    nd = len(res.disagreements)
    return Verdict(
        claim="admissible", variant=path, status=status,
        scope={"description": desc, "n": n, "amplitude": rational_str(c), "include_zero": include_zero},
        evidence={"network_file": path, "network_sha256": bound["sha256"], "widths": list(net.widths), "admissible": not res.failures,
                  "failing_thetas": res.failures, "first_failures": res.failure_details},
        crosscheck={"disagreements": res.disagreements, "compared": res.compared,
                    "summary": ("float64 evaluation agreed on every output coordinate" if nd == 0 else
                                f"float64 evaluation differs from exact evaluation at {nd} of {res.compared} "
                                "output coordinates")},
        seconds=time.perf_counter() - t0,
        title="Admissibility of an autoencoder on step functions",
        statement="f(x) = x for every step function x of the network's input dimension (000, Definition 2.1).",
        reading="x_theta(j) = C for j <= theta (1-based), theta = 0..n; the file's layers run in order "
                "(encoder layers, then decoder layers).",
        certificate=cert,
    )


def _handler(args: argparse.Namespace) -> int:
    from proofs.run.runner import print_table, write_results

    if args.json:  # output paths checked before the work
        check_output_file(args.json, "results file")
    if args.certificates:
        prepare_output_dir(args.certificates, "certificates folder")
    v = admissible_verdict(args.network, args.amplitude, not args.no_zero)
    print_table([v])
    fails = v.evidence["failing_thetas"]
    if fails:
        print(f"not admissible: {len(fails)} step function(s) reconstructed wrongly, theta = "
              + ", ".join(map(str, fails[:30])) + (" ..." if len(fails) > 30 else ""))
    else:
        print("admissible: every step function is reconstructed exactly")
    if args.json:
        write_results(args.json, [v], certificates_dir=args.certificates)
    elif args.certificates:
        write_results(f"{args.certificates}/admissible-results.json", [v], certificates_dir=args.certificates)
    return 0 if not fails else 1


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "admissible", help="is the autoencoder in a network file exactly admissible on step functions?",
        description="Evaluate the network (encoder layers then decoder layers) exactly on every step "
                    "function of its input dimension, with a float64 cross-check. Exit 0 admissible, "
                    "1 not admissible, 2 bad input.")
    p.add_argument("network", metavar="NET.json", help="network file (docs/network-format.md)")
    p.add_argument("--amplitude", default="1", metavar="C", help='step height C, e.g. 1 or "3/2" (default 1)')
    p.add_argument("--no-zero", action="store_true", help="leave out the zero signal (theta = 0)")
    p.add_argument("--json", metavar="FILE", help="write the verdict as results JSON")
    p.add_argument("--certificates", metavar="DIR", help="write the certificate into DIR")
    p.set_defaults(func=_handler)
