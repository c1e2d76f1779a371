"""``proofcheck regions NET.json [--box LO HI] [--json FILE] [--plot FILE] [--workers N] [--scheduler ADDRESS]``: exact activation regions.

Enumerates every activation region of the network file exactly (see
:mod:`exact.regions`): the sweep for one input, polygon clipping for two, exact vertex
clipping (:mod:`exact.clipping`, on every core by default, or on a Dask cluster with
``--scheduler ADDRESS``: the same tasks, merged in the same order) for three or more; a progress
line goes to stderr after two seconds.  Prints the counts and a short table; ``--json`` writes the regions (pattern,
interior point, inequalities a.x < b and affine map, all exact strings) and
``"counts": {"activation_regions": N, "affine_pieces": M}``; ``--plot`` draws the partition
and the affine map's value (d = 1 or 2; d = 3 as slices x3 = const).  Exit 0 on success, 2 on
bad input (or --seconds run out), 130 on Ctrl-C.
"""

from __future__ import annotations

import argparse
import sys
import time

from exact.checkpoint import CheckpointWriteError
from exact.files import atomic_write_parts
from exact.errors import InvalidArgument, ToolkitError
from exact.inputs import check_output_file, preview, read_json, short_name
from exact.network import Network, json_widths
from exact.regions import enumerate_regions, parse_box, takes_clipping_path
from exact.scalar import rational_str

__all__ = ["register"]


def _progress(nlayers: int, quiet: bool):
    """A callback printing, at most once a second after the first two, the layer and piece."""
    t0 = time.perf_counter()
    last = [t0 + 1.0]

    def report(layer: int, k: int, n: int) -> None:
        now = time.perf_counter()
        if quiet or now - last[0] < 1.0:
            return
        last[0] = now
        stage = f"layer {layer + 1}/{nlayers}" if layer < nlayers else "facets of region"
        print(f"\r  enumerating: {stage}, piece {k}/{n} ({now - t0:.0f} s)   ",
              end="", file=sys.stderr, flush=True)

    def done() -> None:
        if last[0] != t0 + 1.0:  # a progress line was printed: end it (once)
            print(file=sys.stderr)
            last[0] = t0 + 1.0
    return report, done


PLOT_FORMATS = ("pdf", "png", "svg", "svgz", "eps", "ps", "jpg", "jpeg", "tif", "tiff", "webp", "pgf")
#: an enumeration whose region-count bound exceeds this is announced as possibly very long
BIG_TASK_REGIONS = 100_000


class _OutOfTime(ToolkitError):
    """``--seconds`` ran out."""


def _size_note(widths, seconds, suggest_checkpoint=False) -> str | None:
    """One line saying, before the work, that the enumeration may explode (None if small).

    ``widths`` is ``(d, m_1, ..., m_L)``, read from the file's shape before any weight is
    converted (:func:`exact.network.json_widths`).  ``suggest_checkpoint``: the note also names
    ``--checkpoint`` (a run of the clipping path without one)."""
    from proofs.methods.bounds import product_digits, serra2018_upper

    widths = list(widths)
    digits = product_digits(widths[0], widths[1:])
    bound = None if digits > 12 else serra2018_upper(widths[0], widths[1:])
    entries = sum(a * b for a, b in zip(widths, widths[1:]))
    if bound is not None and bound <= BIG_TASK_REGIONS and entries <= 1_000_000:
        return None
    shape = "-".join(map(str, widths)) if len(widths) <= 8 else f"{len(widths) - 1} layers up to {max(widths)} wide"
    count = f"up to {bound} activation regions" if bound is not None else f"up to about 10^{digits - 1} activation regions"
    stop = f"stopping after {seconds:g} s (--seconds)" if seconds else "it may not finish; --seconds S stops it"
    if suggest_checkpoint:
        stop += "; --checkpoint DIR keeps the work done for a later run"
    return (f"note: a network of widths {shape} has {count} (Serra et al. 2018) and {entries} weights: "
            f"the exact enumeration may take very long; {stop}")


#: Modules in which the --seconds alarm may raise: the exact computation itself.  Anywhere else
#: (a worker being forked, whose at-fork handlers hold logging's and multiprocessing's locks; an
#: import; a wait on a pool; numpy) it only marks the time as up: the enumeration then stops at its
#: next progress call (made at least every 0.1 s while the parallel path waits) or at the next
#: alarm, 5 ms later, that finds the exact computation running.
_INTERRUPTIBLE = ("exact", "fractions", "numbers")


def _interruptible(frame) -> bool:
    """True if every frame from ``frame`` out to the command's handler belongs to the exact computation."""
    while frame is not None:
        if frame.f_code is _handler.__code__:
            return True
        if frame.f_globals.get("__name__", "").split(".")[0] not in _INTERRUPTIBLE:
            return False
        frame = frame.f_back
    return False


class _Deadline:
    """``--seconds``: a context manager and a progress check.

    :meth:`check` (called by the progress callback) raises :class:`_OutOfTime` once the time is
    up.  In the main thread an alarm also raises it between two progress calls, but only where
    that is safe (:func:`_interruptible`); elsewhere it looks again 5 ms later."""

    def __init__(self, seconds):
        self.seconds, self.end, self.alarm = seconds, None, False

    def _error(self):
        self.end = None  # raised once
        return _OutOfTime(f"stopped after --seconds {self.seconds:g}: the enumeration did not finish in time")

    def check(self) -> None:
        if self.end is not None and time.monotonic() >= self.end:
            raise self._error()

    def _on_alarm(self, signum, frame):
        import signal

        if self.end is None:
            return
        if _interruptible(frame):
            raise self._error()
        signal.setitimer(signal.ITIMER_REAL, 0.005)

    def __enter__(self):
        import signal
        import threading

        if self.seconds:
            self.end = time.monotonic() + self.seconds
            self.alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
            if self.alarm:
                self.old = signal.signal(signal.SIGALRM, self._on_alarm)
                signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc):
        import signal

        self.end = None
        if self.alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.old)
        return False


def _kept_note(folder) -> None:
    """On stderr: what an interrupted run kept in its checkpoint folder."""
    from exact.checkpoint import kept_tasks

    got = kept_tasks(folder)
    if got is not None:
        print(f"checkpoint: {got[0]} of {got[1]} tasks kept in {folder}; the same command (any --workers or "
              f"--scheduler) goes on from there", file=sys.stderr, flush=True)


def _handler(args: argparse.Namespace) -> int:
    if args.seconds is not None and not (args.seconds > 0 and args.seconds < 1e7):
        raise InvalidArgument(f"--seconds must be a positive number of seconds, got {args.seconds}")
    if args.json:  # output paths checked before the work
        check_output_file(args.json, "regions file")
    if args.plot:
        check_output_file(args.plot, "plot file", suffixes=PLOT_FORMATS)
    doc = read_json(args.network, "network file")
    widths = json_widths(doc)  # the size note comes before the weights are converted
    # the clipping path (widths[0] is the network's input dimension whenever it can be read; a
    # --box is finite)
    clip = takes_clipping_path(args.method, widths[0] if widths else 0)
    note = _size_note(widths, args.seconds, clip and args.checkpoint is None) if widths else None
    if note:
        print(note, file=sys.stderr, flush=True)
    net = Network.from_json(doc, source=short_name(args.network))
    del doc
    box = None
    if args.box:
        try:
            box = parse_box((args.box[0], args.box[1]), net.in_dim)
        except ToolkitError as exc:
            raise InvalidArgument(f"--box {preview(args.box[0])} {preview(args.box[1])}: {exc}") from None
    if args.method == "sweep" and net.in_dim != 1:
        raise InvalidArgument("--method sweep needs a network with one input")
    if args.method == "polygon" and net.in_dim != 2:
        raise InvalidArgument("--method polygon needs a network with two inputs")
    if args.plot and net.in_dim not in (1, 2, 3):
        raise InvalidArgument(f"--plot draws networks with 1, 2 or 3 inputs, this one has {net.in_dim}")
    if args.workers is not None and not 1 <= args.workers <= 1024:
        raise InvalidArgument(f"--workers must be between 1 and 1024, got {args.workers}")
    if args.scheduler is not None:
        if args.workers is not None:
            raise InvalidArgument("--scheduler and --workers exclude each other (the cluster's workers do the work)")
        if not clip:
            raise InvalidArgument(f"--scheduler runs the clipping path: a network with 3 or more inputs or "
                                  f"--method clip (this one has {net.in_dim} input(s), --method {args.method})")
    if args.checkpoint is not None:
        if not clip:
            raise InvalidArgument(f"--checkpoint keeps the tasks of the clipping path: a network with 3 or more "
                                  f"inputs or --method clip (this one has {net.in_dim} input(s), --method {args.method})")
        from exact.checkpoint import TaskCheckpoint

        # the folder checked (made, or the same network, box and version; no other run using it)
        # before a cluster is reached
        with TaskCheckpoint(args.checkpoint, net, box, 1):
            pass
    client, own = None, False
    if args.scheduler is not None:  # the search's connection (one clear line if nothing answers)
        from proofs.methods.batched import dask_client

        client, own = dask_client(args.scheduler)
    t0 = time.perf_counter()
    show, done = _progress(len(net.layers), args.quiet)
    deadline = _Deadline(args.seconds)

    def report(layer: int, k: int, n: int) -> None:
        deadline.check()
        show(layer, k, n)

    try:
        with deadline:
            from exact.clipping import default_workers

            executor, workers = None, args.workers or default_workers()
            if client is not None:
                from proofs.methods.batched import dask_threads

                executor, workers = client.get_executor(pure=False), dask_threads(client)
            e = enumerate_regions(net, box, method=args.method, irredundant=not args.no_irredundant,
                                  progress=report, workers=workers, executor=executor,
                                  prepare_json=bool(args.json), checkpoint=args.checkpoint)
            e.counts()
    except (KeyboardInterrupt, _OutOfTime, CheckpointWriteError):
        done()
        if args.checkpoint is not None:
            _kept_note(args.checkpoint)
        raise
    finally:
        done()
        if own:
            client.close()
    el = time.perf_counter() - t0
    c = e.counts()
    dom = f"R^{net.in_dim}" if box is None else f"the box [{args.box[0]}, {args.box[1]}]^{net.in_dim}"
    print(f"{args.network}: {c['activation_regions']} activation regions, {c['affine_pieces']} affine pieces "
          f"on {dom} ({e.method}, {el:.2f} s)")
    for r in e.regions[:args.show]:
        pat = " | ".join("".join(map(str, p)) for p in r.pattern if p)
        print(f"  [{pat}]  point ({', '.join(rational_str(v) for v in r.point)})  "
              f"{len(r.constraints)} facets  f = {[[rational_str(v) for v in row] for row in r.linear]} x + "
              f"{[rational_str(v) for v in r.offset]}")
    if len(e.regions) > args.show:
        print(f"  ... {len(e.regions) - args.show} more (use --json)")
    if args.json:
        # (the text of json_layout(dict(e.to_json(), network_file=..., seconds=...)), the regions'
        # parts made from the enumeration's integer records, in its workers if parallel)
        parts = e.json_parts({"network_file": args.network, "seconds": el}, {"affine_maps": e.affine_maps()})
        atomic_write_parts(args.json, parts, end="\n")  # the parts one after the other: never the whole text
        print(f"regions: {args.json}")
    if args.plot:
        from numeric.regions import plot_enumeration

        try:
            plot_enumeration(e, args.plot, title=args.network)
        except (OverflowError, ValueError) as exc:  # coordinates beyond float64: the drawing, not the answer
            if isinstance(exc, ToolkitError):
                raise
            raise InvalidArgument(f"--plot: this partition cannot be drawn in float64 ({type(exc).__name__}: {exc})"
                                  ) from None
        print(f"plot: {args.plot}")
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "regions", help="enumerate the activation regions of a network file exactly",
        description="Every activation pattern whose region is non-empty (full-dimensional), with an exact "
                    "interior point, irredundant inequalities and the affine map; neighbouring regions with "
                    "the same map are merged into affine pieces. Exit 0 on success, 2 on bad input (or "
                    "--seconds run out), 130 on Ctrl-C.")
    p.add_argument("network", metavar="NET.json", help="network file (docs/network-format.md)")
    p.add_argument("--box", nargs=2, metavar=("LO", "HI"), help='restrict to the open box (LO, HI)^d, e.g. --box -1 "3/2"')
    p.add_argument("--json", metavar="FILE", help="write the regions and counts as JSON")
    p.add_argument("--plot", metavar="FILE", help="draw the partition and the map's value (d = 1, 2; "
                                                  "d = 3: slices x3 = const)")
    p.add_argument("--method", choices=["auto", "general", "sweep", "polygon", "clip"], default="auto",
                   help="auto: the exact sweep for d = 1, exact polygon clipping for d = 2, exact vertex "
                        "clipping (clip, any d) for d >= 3; general: one exactly verified LP per split")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="processes of the clipping path (default: every core); the output does not depend on it")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run the clipping path's tasks on the Dask distributed cluster at ADDRESS "
                        "(tcp://host:8786; d >= 3 or --method clip); the output is the single-process one")
    p.add_argument("--checkpoint", metavar="DIR",
                   help="keep each finished task of the clipping path in the folder DIR (made if missing); "
                        "a run stopped early (Ctrl-C, --seconds) and started again with the same DIR does "
                        "only the tasks not yet done; the output is the same")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress line on stderr")
    p.add_argument("--no-irredundant", action="store_true", help="skip the reduction to facets (faster)")
    p.add_argument("--show", type=int, default=10, metavar="N", help="regions to print (default 10)")
    p.add_argument("--seconds", type=float, default=None, metavar="S",
                   help="give up (exit 2) when the enumeration has not finished after S seconds")
    p.set_defaults(func=_handler)
