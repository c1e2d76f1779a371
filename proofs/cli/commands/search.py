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

Engines: ``batch`` (default; blocks of instances drawn by numpy from (seed, block index), decided
exactly in bulk, every hit re-checked exactly and the first shrunk by hypothesis), ``hypothesis``
(hypothesis generates and shrinks, one ``find`` per chunk seeded from (seed, chunk index)) and
``random`` (a plain Python generator, one per block).  All three run on the same harness
(:func:`proofs.methods.batched.run_blocks`): every core by default, or a Dask cluster with
``--scheduler``; the result does not depend on the number of workers.  ``--seconds`` is a time budget the search uses (with no
``--max-examples`` it searches until the time is up); ``--max-examples`` a count; the shrinking
of a counterexample has its own budget (``--shrink-seconds``), shown in the progress bar.

Exit status, as for ``proofcheck run``: 0 the search finished (whatever the verdicts), 1 a
verdict's status is one named by ``--fail-on`` (``--fail-on refuted`` for scripts), 2 bad input,
130 interrupted (one Ctrl-C: every counterexample found so far is in the JSON, the certificates
and the example database, and the table is printed).
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

    def progress(done: int, total: int | None, phase: str | None = None) -> None:
        if phase:
            bar.set_description(f"{label} ({phase}, budget {total or '-'} calls)", refresh=False)
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
        if v is not None and v < 1:
            raise InvalidArgument(f"{name} must be at least 1, got {v}")
    for name, v in (("--seconds", args.seconds), ("--shrink-seconds", args.shrink_seconds)):
        if v is not None and not v > 0:
            raise InvalidArgument(f"{name} must be positive, got {v}")
    max_examples = args.max_examples
    if max_examples is None and (args.engine != "batch" or args.seconds is None):
        max_examples = 100_000 if args.engine == "batch" else 2000
    if args.workers is not None:
        workers = args.workers
    else:  # every engine runs on the search harness: every core, the result independent of the count
        from proofs.methods.batched import default_workers

        workers = default_workers()
    database = None if args.no_database else (args.database or DEFAULT_DATABASE)
    extra = {"scheduler": args.scheduler} if args.scheduler else {}
    if args.shrink_seconds is not None:
        extra["shrink_seconds"] = args.shrink_seconds
    verdicts = []
    interrupted = False
    for r in chosen:
        for d in dirs:
            progress, close = _progress_bar(f"{args.claim} {r}/{d}", args.quiet)
            try:
                v = mod.search(r, d, max_examples=max_examples, seconds=args.seconds, seed=args.seed,
                               workers=workers, progress=progress, database=database, engine=args.engine, **extra)
            except KeyboardInterrupt:
                interrupted = True
                break
            finally:
                close()
            verdicts.append(v)
            interrupted = bool(v.evidence.get("interrupted"))
            if args.json:  # incremental: an interrupted search keeps what it reached
                write_results(args.json, verdicts, complete=False, certificates_dir=args.certificates)
            if interrupted:
                break
        if interrupted:
            break
    if not args.quiet or interrupted:
        print_table(verdicts)
    if args.json:
        write_results(args.json, verdicts, complete=not interrupted, certificates_dir=args.certificates)
    elif args.certificates:
        write_results(f"{args.certificates}/search-results.json", verdicts, complete=not interrupted,
                      certificates_dir=args.certificates)
    if interrupted:
        print(f"\ninterrupted: {len(verdicts)} verdict(s) kept" + (f" in {args.json} (marked incomplete)"
                                                                  if args.json else ""), file=sys.stderr)
        return 130
    return 1 if args.fail_on and any(v.status.value in args.fail_on for v in verdicts) else 0


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "search", help="hypothesis counterexample search over a claim's readings (e.g. 001-C1)",
        description="Search each reading and direction of a claim for a counterexample (exact rank in bulk, "
                    "float64 cross-check, hypothesis shrinking, example database). Exit 0 done (whatever "
                    "the verdicts), 1 a verdict matched --fail-on, 2 bad input, 130 interrupted.")
    p.add_argument("claim", metavar="ID", help="claim ID with a search (001-C1)")
    p.add_argument("--reading", metavar="NAME", help="reading(s), comma-separated, or 'all' (default all)")
    p.add_argument("--direction", choices=["sufficiency", "necessity"], help="one direction (default both)")
    p.add_argument("--max-examples", type=int, default=None, metavar="N",
                   help="count budget per reading and direction: instances (batch, random) or hypothesis "
                        "examples of 1..8 instances (default 100000 batch, 2000 otherwise; with --seconds "
                        "and the batch engine: no count limit)")
    p.add_argument("--seconds", type=float, metavar="S", help="time budget per reading and direction, used "
                   "in full unless a counterexample or the count budget ends the search first")
    p.add_argument("--shrink-seconds", type=float, metavar="S",
                   help="time budget for shrinking a counterexample (default 10 s hypothesis, 10 s batch)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="seed (default 0)")
    p.add_argument("--workers", type=int, default=None, metavar="W",
                   help="processes (default: every core; the result does not depend on W)")
    p.add_argument("--engine", choices=["batch", "hypothesis", "random"], default="batch",
                   help="batch (bulk exact decisions, default), hypothesis (generation and shrinking by "
                        "hypothesis) or random (plain Python generator)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run the blocks (chunks for hypothesis) on the Dask distributed cluster at ADDRESS (tcp://host:8786)")
    p.add_argument("--fail-on", nargs="+", choices=["refuted", "inconclusive", "verified", "proved"],
                   metavar="STATUS", help="exit 1 when a verdict has one of these statuses (e.g. refuted)")
    p.add_argument("--database", metavar="DIR", help="hypothesis example database (default .hypothesis/proofcheck)")
    p.add_argument("--no-database", action="store_true", help="do not read or write an example database")
    p.add_argument("--json", metavar="FILE", help="write the verdicts as results JSON")
    p.add_argument("--certificates", metavar="DIR", help="write one certificate per verdict into DIR")
    p.add_argument("-q", "--quiet", action="store_true", help="no table, no progress bar")
    p.set_defaults(func=_handler)
