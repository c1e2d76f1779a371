"""``proofcheck search ID``: a hypothesis counterexample search over one claim's readings.

A claim supports it when its module defines ``search(reading, direction, max_examples,
seconds, seed, workers, progress, ...) -> Verdict`` and the tuples ``READINGS`` and
``DIRECTIONS`` (today: ``001-C1``).  One verdict per reading and direction: ``refuted``
with the shrunk counterexample in exact strings, or ``inconclusive`` with the number of
instances searched.  Found counterexamples are saved in hypothesis' example database
(``--database``, default ``.hypothesis/proofcheck`` under the current directory) and
replay first next time.  The results JSON is the one of ``proofcheck run`` (so
``proofcheck report`` and ``recheck`` read it); each verdict's evidence holds
``status``-independent counts and ``counterexamples: [{"n", "z", "W2", "b2", "A2", "rank", ...}]``.
With ``--certificates DIR`` each verdict's certificate is written there for ``python3 -I -S proofs/kernel``:
a ``refuted`` one carries the counterexample z, W2, b2 alone (the kernel rebuilds A2, its rank and the
reading's condition), an ``inconclusive`` one the search record (variant searched, engine, seed, workers,
budget, n and height bounds, the number searched) and every instance drawn (the first 20,000 of a longer
search, with the number of the others): the kernel checks that each lies within the n and height bounds
of the generator and is no counterexample.

Exit status: 0 nothing refuted, 1 some reading/direction refuted, 2 bad input.
"""

from __future__ import annotations

import argparse
import sys

from exact.errors import InvalidArgument

__all__ = ["register"]


def _progress_bar(label: str, quiet: bool):
    if quiet:
        return None, lambda: None
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return None, lambda: None
    bar = tqdm(total=1, desc=label, leave=False, file=sys.stderr, disable=not sys.stderr.isatty())

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    return progress, bar.close


def _handler(args: argparse.Namespace) -> int:
    from proofs.claims.registry import get_claim
    from proofs.run.runner import print_table, write_results
    from proofs.methods.search import DEFAULT_DATABASE

    mod = get_claim(args.claim)
    if not hasattr(mod, "search"):
        raise InvalidArgument(f"claim {args.claim} has no search (only claims whose module defines search())")
    readings = list(getattr(mod, "READINGS", ()))
    directions = list(getattr(mod, "DIRECTIONS", ("sufficiency", "necessity")))
    chosen = readings if args.reading in (None, "all") else [r.strip() for r in args.reading.split(",")]
    for r in chosen:
        if r not in readings:
            raise InvalidArgument(f"unknown reading {r!r} of {args.claim}; choose from {', '.join(readings)}")
    dirs = directions if args.direction is None else [args.direction]
    for name, v in (("--max-examples", args.max_examples), ("--workers", args.workers)):
        if v < 1:
            raise InvalidArgument(f"{name} must be at least 1, got {v}")
    if args.seconds is not None and args.seconds <= 0:
        raise InvalidArgument(f"--seconds must be positive, got {args.seconds}")
    database = None if args.no_database else (args.database or DEFAULT_DATABASE)
    verdicts = []
    for r in chosen:
        for d in dirs:
            progress, close = _progress_bar(f"{args.claim} {r}/{d}", args.quiet)
            try:
                v = mod.search(r, d, max_examples=args.max_examples, seconds=args.seconds, seed=args.seed,
                               workers=args.workers, progress=progress, database=database, engine=args.engine)
            finally:
                close()
            verdicts.append(v)
            if args.json:  # incremental: an interrupted search keeps what it reached
                write_results(args.json, verdicts, complete=False, certificates_dir=args.certificates)
    if not args.quiet:
        print_table(verdicts)
    if args.json:
        write_results(args.json, verdicts, complete=True, certificates_dir=args.certificates)
    elif args.certificates:
        write_results(f"{args.certificates}/search-results.json", verdicts, certificates_dir=args.certificates)
    return 1 if any(v.status.value == "refuted" for v in verdicts) else 0


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "search", help="hypothesis counterexample search over a claim's readings (e.g. 001-C1)",
        description="Search each reading and direction of a claim for a counterexample with hypothesis "
                    "(exact rank, float64 cross-check, shrinking, example database). Exit 0 nothing "
                    "refuted, 1 a reading/direction refuted, 2 bad input.")
    p.add_argument("claim", metavar="ID", help="claim ID with a search (001-C1)")
    p.add_argument("--reading", metavar="NAME", help="reading(s), comma-separated, or 'all' (default all)")
    p.add_argument("--direction", choices=["sufficiency", "necessity"], help="one direction (default both)")
    p.add_argument("--max-examples", type=int, default=2000, metavar="N",
                   help="hypothesis examples per reading and direction (each a batch of 1..8 instances; "
                        "with --engine random: single instances) (default 2000)")
    p.add_argument("--seconds", type=float, metavar="S", help="wall-time budget per reading and direction")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="seed (default 0)")
    p.add_argument("--workers", type=int, default=1, metavar="W", help="processes (default 1)")
    p.add_argument("--engine", choices=["hypothesis", "random"], default="hypothesis",
                   help="hypothesis (shrinking, database) or random (plain generator for huge sweeps)")
    p.add_argument("--database", metavar="DIR", help="hypothesis example database (default .hypothesis/proofcheck)")
    p.add_argument("--no-database", action="store_true", help="do not read or write an example database")
    p.add_argument("--json", metavar="FILE", help="write the verdicts as results JSON")
    p.add_argument("--certificates", metavar="DIR", help="write one certificate per verdict into DIR")
    p.add_argument("-q", "--quiet", action="store_true", help="no table, no progress bar")
    p.set_defaults(func=_handler)
