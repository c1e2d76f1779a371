"""The ``proofcheck`` command line.

Exit status (every command):

* 0: the command did what was asked (for ``run``: every check finished, whatever the verdicts);
* 1: a negative answer that was asked about: ``recheck`` found a certificate invalid,
  ``admissible`` found the network not admissible, or ``run --fail-on`` matched a verdict;
* 2: bad input: usage, an unknown claim, a malformed file (one error line, no traceback);
* 3: a check crashed (a bug); the other verdicts are still written;
* 130: interrupted (Ctrl-C); the results reached so far are kept, marked incomplete.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import re
import sys
from typing import Any

from exact.errors import InvalidArgument, ToolkitError
from exact.inputs import DEFAULT_MAX_DIGITS, check_output_file, one_line, prepare_output_dir, preview, using_limits

__all__ = ["main", "build_parser"]

EXIT_OK, EXIT_NEGATIVE, EXIT_INPUT, EXIT_CRASH, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


# A negative number, fraction or decimal (``-1/3``, ``-.5``, ``-1e3``) is an argument, not an option.
_NEGATIVE_NUMBER = re.compile(r"^-(\d+(/\d+)?|\d*\.\d+([eE][+-]?\d+)?|\d+\.?([eE][+-]?\d+)?)$")


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = _NEGATIVE_NUMBER

    def error(self, message: str):  # one line of at most 200 characters, exit 2
        # argparse quotes the offending value: describe a long one by its length instead
        message = re.sub(r"'([^']{41,})'", lambda m: f"<a value of {len(m.group(1))} characters>", message)
        print(one_line(f"{self.prog}: error: {message} (--help for usage)"), file=sys.stderr)
        raise SystemExit(EXIT_INPUT)


def _parse_param(text: str) -> tuple[str, str]:
    if "=" not in text:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {preview(text)}")
    k, v = text.split("=", 1)
    k = k.strip().replace("-", "_")
    if not k.isidentifier() or len(k) > 60:
        raise argparse.ArgumentTypeError(f"{preview(k)} is not a parameter name")
    return k, v.strip()


def _positive_int(text: str) -> int:
    from exact.inputs import parse_integer

    try:
        return parse_integer(text, minimum=1)
    except InvalidArgument as e:
        raise argparse.ArgumentTypeError(str(e)) from None


# -- list ---------------------------------------------------------------------------------------
def _cmd_list(args: argparse.Namespace) -> int:
    from ..claims.catalogue import CLAIM_IDS, PENDING
    from ..claims.registry import add_claims_dir, check_parameters, claims
    from ..run.runner import read_results

    for folder in args.claims_dir or []:
        add_claims_dir(folder)

    statuses: dict[str, list[str]] = {}
    results = args.results or ("results/results.json" if os.path.exists("results/results.json") else None)
    if results:
        for v in read_results(results)["verdicts"]:
            statuses.setdefault(v["claim"], []).append(v["status"])
    mods = claims()
    rows = []
    for cid in list(CLAIM_IDS) + [c for c in mods if c not in CLAIM_IDS]:
        if cid in mods:
            m = mods[cid]
            params = {k: p.default for k, p in check_parameters(cid).items() if k != "progress"}
            rows.append({"claim": cid, "title": m.TITLE, "source": m.SOURCE, "module": m.__name__,
                         "statement": m.STATEMENT, "statement_latex": getattr(m, "STATEMENT_LATEX", ""),
                         "registered": True, "verdicts": statuses.get(cid, []),
                         "parameters": {k: v for k, v in params.items() if isinstance(v, (int, float, str, bool))}})
        else:
            rows.append({"claim": cid, "title": "", "registered": False, "pending_issue": PENDING.get(cid),
                         "verdicts": []})
    if args.json:
        print(json.dumps({"claims": rows}, indent=1))
        return EXIT_OK
    import shutil
    import textwrap

    w = max(len(r["claim"]) for r in rows)
    width = max(60, min(120, shutil.get_terminal_size((100, 24)).columns - 1))
    for r in rows:
        if r["registered"]:
            st = ",".join(sorted(set(r["verdicts"]))) or "-"
            title = textwrap.wrap(r["title"], width - w - 26) or [""]  # wrapped, never cut
            print(f"{r['claim']:<{w}}  {st:<22}  {title[0]}")
            for ln in title[1:]:
                print(f"{'':<{w}}  {'':<22}  {ln}")
            if not args.brief:  # the statement, wrapped under the title
                for ln in textwrap.wrap(r["statement"], width - w - 30):
                    print(f"{'':<{w}}  {'':<22}    {ln}")
            if args.params:
                for k, v in r["parameters"].items():
                    print(f"{'':<{w}}  {'':<22}    --param {k}={v}")
        else:
            print(f"{r['claim']:<{w}}  {'(not implemented)':<22}  pending issue #{r['pending_issue']}")
    if results:
        print(f"\nverdicts from {results}")
    return EXIT_OK


# -- run ----------------------------------------------------------------------------------------
def _require_float_crosscheck(ids: list[str]) -> None:
    """--float needs at least one selected claim with a float cross-check (a check taking
    float_formats); otherwise one line naming those that have one (exit 2)."""
    from ..claims.registry import check_parameters, claim_ids

    if not any("float_formats" in check_parameters(c) for c in ids):
        having = [c for c in claim_ids() if "float_formats" in check_parameters(c)]
        raise InvalidArgument(f"--float: {' '.join(ids[:2])}{' ...' if len(ids) > 2 else ''}: exact only; "
                              f"float cross-checks in {', '.join(having)}")


def _cmd_run(args: argparse.Namespace) -> int:
    # output paths first: checked before the claims are even loaded, so no work is lost to a bad path
    if args.certificates:
        prepare_output_dir(args.certificates, "certificates folder")
    if args.json is None and args.certificates:
        args.json = os.path.join(args.certificates, "results.json")
    if args.json:
        check_output_file(args.json, "results file")
    if args.report:
        prepare_output_dir(args.report, "report folder")
    from ..claims.registry import add_claims_dir, resolve_ids
    from ..run.runner import print_table, run_claims, write_results

    for folder in args.claims_dir or []:
        add_claims_dir(folder)
    ids = resolve_ids(args.claims)
    params: dict[str, Any] = dict(args.param or [])
    if args.n_max is not None:
        if args.n_max < 1:
            raise InvalidArgument(f"--n-max must be a positive integer, got {args.n_max}")
        params["n_max"] = args.n_max
    if args.float_formats:
        params["float_formats"] = ",".join(dict.fromkeys(args.float_formats))
        _require_float_crosscheck(ids)
    if params.get("scheduler"):  # a bad address is named as given, before any claim starts
        from ..methods.batched import dask_client

        client, own = dask_client(params["scheduler"], option="--param scheduler=")
        if own:
            client.close()
    state: dict[str, Any] = {"verdicts": [], "errors": []}

    def save(verdicts, errors, complete=False):
        state["verdicts"], state["errors"] = list(verdicts), list(errors)
        if args.json:
            write_results(args.json, verdicts, errors=errors, complete=complete,
                          certificates_dir=args.certificates, params=params)

    try:
        verdicts = run_claims(ids, params, progress=not args.quiet,
                              on_verdicts=lambda v, e: save(v, e, complete=False))
    except KeyboardInterrupt:
        save(state["verdicts"], state["errors"], complete=False)
        print_table(state["verdicts"], state["errors"])
        print(f"\ninterrupted: {len(state['verdicts'])} verdict(s) kept"
              + (f" in {args.json} (marked incomplete)" if args.json else ""), file=sys.stderr)
        return EXIT_INTERRUPTED
    errors = state["errors"]
    save(verdicts, errors, complete=True)
    if not args.quiet:
        print_table(verdicts, errors)
    if args.json:
        print(f"\nresults: {args.json}" + (f"; certificates: {args.certificates}" if args.certificates else ""))
    if args.report:
        from ..report import build_report

        out = build_report(args.json, args.report, compile_pdf=not args.no_pdf)
        print(f"report: {out}")
    for e in errors:
        print(f"error in {e['claim']}: {e['error']}", file=sys.stderr)
    if errors:
        return EXIT_CRASH
    if args.fail_on and any(v.status.value in args.fail_on for v in verdicts):
        return EXIT_NEGATIVE
    return EXIT_OK


# -- recheck -----------------------------------------------------------------------------------
def _cmd_recheck(args: argparse.Namespace) -> int:
    """Run the stand-alone kernel (python3 -I -S proofs/kernel) in a child process."""
    from ..run.kernel_process import run_kernel

    try:
        result = run_kernel(args.certificates, max_digits=args.max_digits)
    except ToolkitError as e:
        print(f"proofcheck recheck: {e}", file=sys.stderr)
        return EXIT_INPUT
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        for entry in result["certificates"]:
            word = {"valid": "valid", "invalid": "INVALID", "malformed": "MALFORMED"}[entry["status"]]
            print(f"{entry['file']}: {word}: {entry['message']}",
                  file=sys.stdout if entry["status"] == "valid" else sys.stderr)
    return result["exit"]


# -- report ------------------------------------------------------------------------------------
def _cmd_report(args: argparse.Namespace) -> int:
    from ..run.runner import read_results

    doc = read_results(args.results)  # a malformed file is refused before the LaTeX machinery loads
    prepare_output_dir(args.out, "report folder")
    from ..report import build_report

    out = build_report(doc, args.out, compile_pdf=not args.no_pdf, claims=args.claims)
    print(f"report: {out}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = _Parser(
        prog="proofcheck",
        description="Check claims about ReLU networks and autoencoders in exact arithmetic.",
        epilog="Exit status: 0 done; 1 a negative answer (invalid certificate, not admissible, "
               "--fail-on matched); 2 bad input; 3 a check crashed; 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"relu-proofcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("list", help="list the claims and their verdicts",
                       description="List every claim of the catalogue: registered ones with their title "
                                   "and statement (and verdicts from a results file), pending ones with their issue.")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--results", metavar="FILE", help="show verdicts from this results file "
                   "(default: results/results.json if present)")
    p.add_argument("--params", action="store_true", help="also list each claim's parameters")
    p.add_argument("--claims-dir", action="append", metavar="DIR",
                   help="also list the claim modules (*.py) and claim files (*.toml) of DIR (repeatable)")
    p.add_argument("--brief", action="store_true", help="one line per claim (no statements)")
    p.set_defaults(func=_cmd_list)

    p = sub.add_parser("run", help="run proof checks (IDs or 'all')",
                       description="Run the checks of the given claims and print a table of verdicts. "
                                   "Results are saved after every claim, so an interrupted run keeps "
                                   "what it reached.")
    p.add_argument("claims", nargs="+", metavar="ID", help="claim IDs (see `proofcheck list`), 'all', "
                   "or claim files (path/to/claim.toml)")
    p.add_argument("--claims-dir", action="append", metavar="DIR",
                   help="register the claim modules (*.py) and claim files (*.toml) of DIR (repeatable)")
    p.add_argument("--n-max", type=_positive_int, metavar="N", help="largest n for claims with an n_max scope")
    p.add_argument("--param", action="append", type=_parse_param, metavar="KEY=VALUE",
                   help="scope parameter for claims that take it (repeatable; `proofcheck list --params`)")
    p.add_argument("--json", metavar="FILE", help="write results JSON here")
    p.add_argument("--certificates", metavar="DIR", help="write one certificate per verdict into DIR")
    p.add_argument("--report", metavar="DIR", help="also build the LaTeX/PDF report into DIR")
    p.add_argument("--no-pdf", action="store_true", help="with --report: write LaTeX only")
    p.add_argument("--fail-on", nargs="+", choices=["refuted", "inconclusive", "verified", "proved"],
                   help="exit 1 if any verdict has one of these statuses")
    p.add_argument("-q", "--quiet", action="store_true", help="no table, no progress bars")
    p.add_argument("--float", action="append", dest="float_formats", metavar="FORMAT",
                   choices=["float64", "float32", "float16", "bfloat16"],
                   help="float format of the cross-checks of claims that take float_formats (repeatable: "
                        "float64, float32, float16, bfloat16; default: each claim's own)")
    p.set_defaults(func=_cmd_run)

    p = sub.add_parser("recheck", help="re-check certificates with the independent kernel",
                       description="Re-check certificates with the stand-alone kernel, run exactly as "
                                   "`python3 -I -S proofs/kernel CERT.json ...` in a child process (standard "
                                   "library only; it knows each claim's statement). Exit 0 all valid, "
                                   "1 some invalid, 2 unreadable.")
    p.add_argument("certificates", nargs="+", metavar="CERT.json")
    p.add_argument("--json", action="store_true", help="print the kernel's answer as JSON")
    p.add_argument("--max-digits", type=int, default=None, metavar="N",
                   help="largest number of digits a number may have (default 10000)")
    p.set_defaults(func=_cmd_recheck)

    p = sub.add_parser("report", help="build the LaTeX (and PDF) report from results JSON",
                       description="Write DIR/report.tex and figures, and compile DIR/report.pdf with "
                                   "latexmk when it is installed.")
    p.add_argument("results", metavar="RESULTS.json")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--no-pdf", action="store_true", help="write LaTeX only")
    p.add_argument("--claims", nargs="+", metavar="ID", default=None,
                   help="a short report of these claims only (an appendix for one paper)")
    p.set_defaults(func=_cmd_report)

    from . import commands

    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        mod = importlib.import_module(f"{commands.__name__}.{info.name}")
        if hasattr(mod, "register"):
            mod.register(sub)
    digits_help = (f"largest number of digits of one number read from a file or an argument "
                   f"(default {DEFAULT_MAX_DIGITS})")
    parser.add_argument("--max-digits", type=_positive_int, default=None, metavar="N", help=digits_help)
    for name, p in sub.choices.items():
        # recheck: the kernel's reader has its own limits; a command may also define the flag itself
        if name != "recheck" and "--max-digits" not in p._option_string_actions:
            p.add_argument("--max-digits", type=_positive_int, default=argparse.SUPPRESS, metavar="N",
                           help=digits_help)
    return parser


def _one_blas_thread():
    """One BLAS thread for the command: its matrices are small, and extra threads only spin."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a declared dependency
        import contextlib

        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


class _PipeSafe:
    """A standard stream whose reader may go away (``proofcheck regions NET --json F | head``):
    once a write or flush meets the closed pipe, the stream's file descriptor is pointed at
    ``os.devnull`` (the way the documentation of :mod:`signal` gives, "Note on SIGPIPE") and the
    command goes on, so the files it writes (``--json``, certificates, the report) are still
    written and its exit status is its own.  Anything else is the stream's."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text):
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._to_devnull()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._to_devnull()

    def _to_devnull(self) -> None:
        try:
            fd = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(fd, self._stream.fileno())
            finally:
                os.close(fd)
        except (OSError, ValueError, AttributeError):  # no descriptor to point elsewhere: drop the stream
            self._stream = open(os.devnull, "w")

    def __getattr__(self, name):
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> int:
    streams = sys.stdout, sys.stderr
    # a stream that is None (its descriptor was closed when Python started) stays None: print
    # then writes nothing, as it would without the wrapper
    sys.stdout, sys.stderr = (s if s is None else _PipeSafe(s) for s in streams)
    try:
        status = _main(argv)
        # what is still buffered, here rather than at the interpreter's exit, where an error
        # would be a traceback and exit 120: past a closed pipe nothing is lost that a reader
        # wanted; another error (a full disk) is one line and exit 2
        for safe in (sys.stdout, sys.stderr):
            if isinstance(safe, _PipeSafe):
                try:
                    safe.flush()
                except (OSError, ValueError) as e:
                    safe._to_devnull()  # the rest is lost: the interpreter's own last flush must not fail again
                    print(one_line(f"proofcheck: error: cannot write the output: "
                                   f"{getattr(e, 'strerror', None) or e}"), file=sys.stderr)
                    status = EXIT_INPUT
        return status
    finally:
        sys.stdout, sys.stderr = streams


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # usage errors exit 2, --help/--version 0
        return int(e.code or 0) if isinstance(e.code, int) else EXIT_INPUT
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_INPUT
    max_digits = getattr(args, "max_digits", None) or DEFAULT_MAX_DIGITS
    old_str_digits = sys.get_int_max_str_digits()
    try:
        # our digit limit guards every input; Python's own guard must not stop an output
        sys.set_int_max_str_digits(max(old_str_digits, 4 * max_digits + 100) if old_str_digits else 0)
        with using_limits(max_digits=max_digits), _one_blas_thread():
            return int(args.func(args))
    except ToolkitError as e:
        print(one_line(f"proofcheck: error: {e}"), file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except MemoryError:
        print("proofcheck: error: out of memory (the input is too large for this machine)", file=sys.stderr)
        return EXIT_INPUT
    except Exception as e:  # a bug: one line (the traceback on request), exit 3, never read as an answer
        if os.environ.get("PROOFCHECK_TRACEBACK") == "1":
            import traceback

            traceback.print_exc()
        print(one_line(f"proofcheck: internal error (a bug; PROOFCHECK_TRACEBACK=1 shows where): "
                       f"{type(e).__name__}: {e}"), file=sys.stderr)
        return EXIT_CRASH
    finally:
        sys.set_int_max_str_digits(old_str_digits)

