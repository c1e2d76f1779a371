"""Running claim checks: parameters, progress, timing, incremental results.

Results are written after every claim (atomically), so an interrupted run keeps every
verdict it reached; the file says whether the run was complete.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import sys
import time
import traceback
from typing import Any, Callable, Iterable

from exact.files import atomic_write_text
from exact.errors import InvalidArgument, ToolkitError

from ..claims.registry import check_parameters, get_claim, resolve_ids
from ..verdict import Status, Verdict

__all__ = ["run_claims", "write_results", "read_results", "check_results", "print_table", "certificate_name",
           "RESULTS_FORMAT", "ClaimError"]

RESULTS_FORMAT = "relu-proofcheck-results"


class ClaimError(Exception):
    """A claim's check crashed (a bug, not a verdict); kept in the results as an error."""

    def __init__(self, claim: str, message: str, trace: str):
        super().__init__(f"{claim}: {message}")
        self.claim, self.message, self.trace = claim, message, trace


def _convert(value: Any, default: Any, name: str, cid: str) -> Any:
    """A ``--param`` value (text) converted to the type of the parameter's default.

    Integers go through :func:`exact.inputs.parse_integer` (digit limit, never a huge
    echo); floats must be finite; text is kept as text (a claim converts it exactly).
    """
    from exact.inputs import limits, parse_integer, preview

    if not isinstance(value, str) or default is None:
        return value
    if len(value) > 2 * limits().max_digits + 16:
        raise InvalidArgument(f"{cid}: parameter {name}: a value of {len(value)} characters is over the limit "
                              f"(--max-digits raises it)")
    if isinstance(default, str):
        return value
    bad = InvalidArgument(f"{cid}: parameter {name}={preview(value)} is not a valid {type(default).__name__}")
    if isinstance(default, bool):
        t = value.strip().lower()
        if t in {"1", "true", "yes", "on"}:
            return True
        if t in {"0", "false", "no", "off"}:
            return False
        raise bad
    if isinstance(default, int):
        try:
            return parse_integer(value, f"{cid}: parameter {name}")
        except InvalidArgument:
            raise bad from None
    if isinstance(default, float):
        import math

        try:
            f = float(value)
        except ValueError:
            raise bad from None
        if not math.isfinite(f):
            raise bad
        return f
    return value


def _kwargs_for(cid: str, params: dict[str, Any]) -> dict[str, Any]:
    accepted = check_parameters(cid)
    out = {}
    for k, v in params.items():
        if k in accepted:
            out[k] = _convert(v, accepted[k].default, k, cid)
    return out


def _progress_bar(label: str) -> tuple[Callable[[int, int], None], Callable[[], None]]:
    """A tqdm bar on stderr that appears only for steps longer than a second."""
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover
        return (lambda done, total: None), (lambda: None)
    bar = tqdm(total=None, desc=label, unit="step", delay=1.0, file=sys.stderr, leave=False,
               disable=not sys.stderr.isatty())

    def update(done: int, total: int) -> None:
        if bar.total != total:
            bar.total = total
        bar.n = done
        bar.refresh() if bar.n >= total else bar.update(0)

    return update, bar.close


def _elapsed_ticker(label: str) -> Callable[[], None]:
    """For checks without progress reporting: show the elapsed time once past a second."""
    import threading

    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover
        return lambda: None
    if not sys.stderr.isatty():
        return lambda: None
    bar = tqdm(total=None, desc=label, bar_format="{desc}: running {elapsed}", delay=1.0,
               file=sys.stderr, leave=False)
    stop = threading.Event()

    def tick() -> None:
        while not stop.wait(0.5):
            bar.update(0)
            bar.refresh()

    thread = threading.Thread(target=tick, daemon=True)
    thread.start()

    def close() -> None:
        stop.set()
        thread.join()
        bar.close()

    return close


def run_claims(ids: Iterable[str], params: dict[str, Any] | None = None, *, progress: bool = True,
               on_verdicts: Callable[[list[Verdict], list[dict]], None] | None = None,
               keep_going: bool = True) -> list[Verdict]:
    """Run the checks of the given claims (``all`` expands) and return their verdicts.

    ``params`` go to every claim whose ``check`` accepts them; a parameter accepted by
    none of the claims is an error.  A crashing check is recorded as an error (see
    ``on_verdicts``) and, with ``keep_going``, the run continues.
    """
    ids = resolve_ids(list(ids))
    params = dict(params or {})
    unused = [k for k in params if not any(k in check_parameters(c) for c in ids)]
    if unused:
        raise InvalidArgument(
            f"no selected claim takes the parameter(s) {', '.join(unused)}; "
            f"`proofcheck list --params` shows each claim's parameters")
    verdicts: list[Verdict] = []
    errors: list[dict] = []
    for k, cid in enumerate(ids):
        mod = get_claim(cid)
        kwargs = _kwargs_for(cid, params)
        close = None
        if progress and "progress" in check_parameters(cid):
            kwargs["progress"], close = _progress_bar(f"[{k + 1}/{len(ids)}] {cid}")
        elif progress:
            close = _elapsed_ticker(f"[{k + 1}/{len(ids)}] {cid}")
        t0 = time.perf_counter()
        try:
            out = mod.check(**kwargs)
        except ToolkitError:
            raise
        except KeyboardInterrupt:
            raise
        except Exception as e:  # a bug in a check: keep it as an error, go on
            err = {"claim": cid, "error": f"{type(e).__name__}: {e}", "traceback": traceback.format_exc()}
            errors.append(err)
            if on_verdicts:
                on_verdicts(verdicts, errors)
            if not keep_going:
                raise ClaimError(cid, err["error"], err["traceback"]) from e
            continue
        finally:
            if close:
                close()
        elapsed = time.perf_counter() - t0
        got = out if isinstance(out, list) else [out]
        for v in got:
            if not isinstance(v, Verdict):
                raise TypeError(f"{cid}.check returned {type(v).__name__}, not a Verdict")
            if not v.seconds:
                from dataclasses import replace

                v = replace(v, seconds=elapsed / len(got))
            v = kernel_checked(v)
            if v.kernel and v.kernel["status"] != "valid":
                errors.append({"claim": v.label, "error": f"the kernel rejects the certificate: {v.kernel['message']}",
                               "traceback": ""})
            verdicts.append(v)
        if on_verdicts:
            on_verdicts(verdicts, errors)
    return verdicts


def kernel_checked(v: Verdict) -> Verdict:
    """The verdict with its certificate re-checked by the kernel and its SHA-256 recorded.

    (``proofcheck recheck`` and ``python3 -I -S proofs/kernel`` repeat this independently.)
    """
    from dataclasses import replace

    from ..certificates import sha256_json
    from ..kernel import recheck

    if v.certificate is None:
        return replace(v, kernel={"status": "missing", "message": "no certificate", "sha256": None})
    ok, message = recheck(v.certificate)
    return replace(v, kernel={"status": "valid" if ok else "invalid", "message": message,
                              "sha256": sha256_json(v.certificate)})


def certificate_name(v: Verdict) -> str:
    label = v.claim if not v.variant else f"{v.claim}__{v.variant}"
    return "".join(ch if ch.isalnum() or ch in "-._" else "_" for ch in label) + ".json"


def write_results(path: str | os.PathLike, verdicts: list[Verdict], *, errors: list[dict] | None = None,
                  complete: bool = True, certificates_dir: str | os.PathLike | None = None,
                  params: dict | None = None) -> None:
    """Write the results JSON (and certificates) atomically."""
    entries = []
    if certificates_dir is not None:
        from exact.inputs import prepare_output_dir

        prepare_output_dir(certificates_dir, "certificates folder")
    for v in verdicts:
        d = v.to_json(include_certificate=False)
        if certificates_dir is not None and v.certificate is not None:
            cpath = os.path.join(os.fspath(certificates_dir), certificate_name(v))
            atomic_write_text(cpath, json.dumps(v.certificate, indent=1) + "\n")
            d["certificate_file"] = os.path.abspath(cpath)
        entries.append(d)
    from .. import __version__

    doc = {
        "format": RESULTS_FORMAT,
        "version": 1,
        "tool": f"relu-proofcheck {__version__}",
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "complete": complete,
        "parameters": params or {},
        "verdicts": entries,
        "errors": errors or [],
    }
    atomic_write_text(path, json.dumps(doc, indent=1) + "\n")


_STR_FIELDS = ("variant", "title", "statement", "reading", "source", "statement_latex", "reading_latex",
               "variant_latex")
_DICT_FIELDS = ("scope", "evidence", "crosscheck")


def _check_verdict_entry(v: Any, where: str) -> None:
    """The shape every reader of a verdict relies on (report, list), one FormatError line."""
    from exact.errors import FormatError
    from exact.inputs import preview

    if not isinstance(v, dict):
        raise FormatError(f"{where}: expected an object, got {preview(v)}")
    claim = v.get("claim")
    if not isinstance(claim, str) or not claim or len(claim) > 100:
        raise FormatError(f"{where}.claim: expected a claim ID (text), got {preview(claim)}")
    if not isinstance(v.get("status"), str) or v["status"] not in {s.value for s in Status}:
        raise FormatError(f"{where}.status: expected one of {', '.join(s.value for s in Status)}, "
                          f"got {preview(v.get('status'))}")
    for key in _STR_FIELDS:
        if v.get(key) is not None and not isinstance(v[key], str):
            raise FormatError(f"{where}.{key}: expected text, got {preview(v[key])}")
    for key in _DICT_FIELDS:
        if key in v and not isinstance(v[key], dict):
            raise FormatError(f"{where}.{key}: expected an object, got {preview(v[key])}")
    for key, sub in (("scope", "description"), ("crosscheck", "summary")):
        if sub in v.get(key, {}) and not isinstance(v[key][sub], str):
            raise FormatError(f"{where}.{key}.{sub}: expected text, got {preview(v[key][sub])}")
    dis = v.get("crosscheck", {}).get("disagreements")
    if dis is not None and not isinstance(dis, list):
        raise FormatError(f"{where}.crosscheck.disagreements: expected a list, got {preview(dis)}")
    sec = v.get("seconds", 0)
    if isinstance(sec, bool) or not isinstance(sec, (int, float)) or not sec >= 0:
        raise FormatError(f"{where}.seconds: expected a non-negative number, got {preview(sec)}")
    if v.get("certificate") is not None and not isinstance(v["certificate"], dict):
        raise FormatError(f"{where}.certificate: expected an object, got {preview(v['certificate'])}")


def check_results(doc: Any, name: str) -> dict:
    """Validate a parsed results document (every field the report and ``list`` read)."""
    from exact.errors import FormatError
    from exact.inputs import preview

    if not isinstance(doc, dict) or not isinstance(doc.get("verdicts"), list):
        raise FormatError(f"{name}: not a results file (expected an object with a \"verdicts\" list)")
    for key in ("created", "tool", "format"):
        if doc.get(key) is not None and not isinstance(doc[key], str):
            raise FormatError(f"{name}: {key}: expected text, got {preview(doc[key])}")
    if "complete" in doc and not isinstance(doc["complete"], bool):
        raise FormatError(f"{name}: complete: expected true or false, got {preview(doc['complete'])}")
    if doc.get("parameters") is not None and not isinstance(doc["parameters"], dict):
        raise FormatError(f"{name}: parameters: expected an object, got {preview(doc['parameters'])}")
    errors = doc.get("errors", [])
    if not isinstance(errors, list):
        raise FormatError(f"{name}: errors: expected a list, got {preview(errors)}")
    for k, e in enumerate(errors):
        if not (isinstance(e, dict) and isinstance(e.get("claim"), str) and isinstance(e.get("error"), str)):
            raise FormatError(f"{name}: errors[{k}]: expected an object with \"claim\" and \"error\" text")
    for k, v in enumerate(doc["verdicts"]):
        _check_verdict_entry(v, f"{name}: verdicts[{k}]")
        Verdict.from_json(v, where=f"{name}: verdicts[{k}]")
    return doc


def read_results(path: str | os.PathLike) -> dict:
    """Read a results file written by ``proofcheck run`` (FormatError when malformed).

    The file goes through :func:`exact.inputs.read_json` (size, encoding, nesting, digits,
    duplicate keys; floats allowed: timings are floats), then :func:`check_results`.
    """
    from exact.inputs import read_json, short_name

    doc = read_json(path, "results file", floats=True)
    return check_results(doc, short_name(path))


_COLOURS = {"proved": "32", "verified": "32", "refuted": "31", "inconclusive": "33"}


def print_table(verdicts: list[Verdict], errors: list[dict] | None = None, file=None) -> None:
    """A readable table: claim, status, scope, cross-check, seconds (fitted to the terminal).

    Long cells wrap within their column (nothing is cut).  Below the table, every refuted
    verdict's counterexample is printed as mathematics (``z = (1, 2), W2 = (-2/3, 1); rank A2 = 2``).
    """
    import shutil

    from ..present import counterexample, counterexample_text, wrap_columns

    file = file or sys.stdout
    tty = getattr(file, "isatty", lambda: False)()
    colour = tty and os.environ.get("NO_COLOR") is None
    rows = [(v.label, v.status.value, v.scope.get("description", ""),
             v.crosscheck.get("summary", ""), f"{v.seconds:.2f}") for v in verdicts]
    head = ("claim", "status", "scope", "float64 cross-check", "s")
    # a terminal's width, or COLUMNS when set (a pipe or a log file: 160)
    total = shutil.get_terminal_size((160, 24)).columns if tty or os.environ.get("COLUMNS") else 160
    w0 = min(max([len(head[0])] + [len(r[0]) for r in rows]), 28)
    free = max(30, total - w0 - 12 - 6 - 8)
    w2 = max(15, free * 3 // 5)
    w3 = max(15, free - w2)
    widths = [w0, 12, w2, w3, 6]
    print("  ".join(h.ljust(w) for h, w in zip(head, widths)).rstrip(), file=file)
    for row in rows:
        lines = wrap_columns(list(row), widths)
        if colour:
            status = row[1]
            lines[0] = lines[0].replace(f"  {status}", f"  \033[{_COLOURS.get(status, '0')}m{status}\033[0m", 1)
        for ln in lines:
            print(ln, file=file)
    for e in errors or []:
        for ln in wrap_columns([e["claim"], "ERROR", e["error"]], [w0, 12, w2 + w3 + 2]):
            print(ln, file=file)
    for v in verdicts:
        ce = counterexample(v)
        if ce:
            import textwrap

            text = f"counterexample to {v.label}: {counterexample_text(ce)}"
            print("\n" + "\n".join(textwrap.wrap(text, max(40, total - 1), subsequent_indent="    ",
                                                 break_on_hyphens=False)), file=file)
