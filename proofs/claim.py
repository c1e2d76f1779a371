"""One way to write a claim: the :func:`claim` decorator.

A claim module holds its statement, reading, scope and check, and nothing repeated::

    from proofs.claim import claim

    @claim("000-E1", title="...", source="000, section 3.1", statement="...", reading="...")
    def check(*, n_max: int = 100, progress=None):
        ...
        return check.verdict(status, scope={...}, evidence={...},
                             certificate=check.certificate(status, scope={...}, evidence={...}))

The decorator

* gives the module the metadata the registry reads (``CLAIM_ID``, ``TITLE``, ``SOURCE``,
  ``STATEMENT``, ``READING``, and their LaTeX: ``STATEMENT_LATEX``, ``TITLE_LATEX``,
  ``READING_LATEX``, ``VARIANTS_LATEX``, ``READINGS_LATEX``), so a module defines them once,
  in the decorator call;
* times every call and fills each returned :class:`~proofs.verdict.Verdict`'s claim metadata
  and ``seconds`` (``check.verdict(...)`` builds one with the metadata already in place);
* makes the module a proof-check script: ``python -m proofs.claims.p000.sum_encoder --n-max 20``
  runs it (registered or not) with no ``__main__`` block.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from dataclasses import replace
from typing import Any, Callable

from exact.errors import InvalidArgument

from .verdict import Status, Verdict

__all__ = ["claim"]


def claim(claim_id: str, *, title: str, source: str, statement: str, reading: str, latex: str = "",
          title_latex: str = "", reading_latex: str = "", variants_latex: dict[str, str] | None = None,
          readings_latex: dict[str, str] | None = None) -> Callable:
    """Register ``check`` as the proof check of ``claim_id`` (see the module docstring).

    The report typesets what the claim writes in LaTeX (a notebook shows the statement):

    * ``latex``: the statement in one line of LaTeX math (without ``$``);
    * ``title_latex``: the title as LaTeX text (mathematics between ``$``);
    * ``reading_latex``: the reading checked, as LaTeX text (mathematics between ``$``);
    * ``variants_latex``: for each variant name a verdict carries, that name in LaTeX text;
    * ``readings_latex``: for each variant whose verdict states its own ``reading``, that
      reading in LaTeX text.

    Once a claim gives ``reading_latex``, every verdict its check returns must have its
    variant in ``variants_latex`` (and its own reading, if any, in ``readings_latex``):
    a missing one is a bug of the claim (``TypeError``), so that nothing reaches the report
    as untypeset ASCII.
    """
    if not isinstance(claim_id, str) or not claim_id.strip():
        raise InvalidArgument("a claim needs a non-empty ID")
    variants_tex = dict(variants_latex or {})
    readings_tex = dict(readings_latex or {})

    def decorate(fn: Callable) -> Callable:
        meta = {"title": title, "statement": statement, "reading": reading, "source": source,
                "statement_latex": latex, "reading_latex": reading_latex}

        def _latex_fields(v: Verdict, its_reading: str) -> dict:
            """The verdict's variant and own reading in LaTeX (see :func:`claim`)."""
            out = {}
            if v.variant and not v.variant_latex:
                if v.variant in variants_tex:
                    out["variant_latex"] = variants_tex[v.variant]
                elif reading_latex:
                    raise TypeError(f"{claim_id}: variant {v.variant!r} has no LaTeX in @claim(variants_latex=...)")
            if its_reading != reading and (not v.reading_latex or v.reading_latex == reading_latex):
                if v.variant in readings_tex:
                    out["reading_latex"] = readings_tex[v.variant]
                elif reading_latex:
                    raise TypeError(f"{claim_id}: the reading of variant {v.variant!r} has no LaTeX in "
                                    f"@claim(readings_latex=...)")
                else:
                    out["reading_latex"] = ""
            return out

        @functools.wraps(fn)
        def check(*args: Any, **kwargs: Any):
            t0 = time.perf_counter()
            out = fn(*args, **kwargs)
            got = out if isinstance(out, list) else [out]
            elapsed = (time.perf_counter() - t0) / max(1, len(got))
            filled = []
            for v in got:
                if not isinstance(v, Verdict):
                    raise TypeError(f"{claim_id}: check returned {type(v).__name__}, not a Verdict")
                extra = {k: val for k, val in meta.items() if not getattr(v, k)}
                extra.update(_latex_fields(v, reading if not v.reading else v.reading))
                if not v.seconds:
                    extra["seconds"] = elapsed
                filled.append(replace(v, **extra) if extra else v)
            return filled if isinstance(out, list) else filled[0]

        def verdict(status: Status | str, *, scope: dict, evidence: dict | None = None,
                    certificate: dict | None = None, crosscheck: dict | None = None,
                    variant: str | None = None, reading: str | None = None, seconds: float = 0.0) -> Verdict:
            """A Verdict of this claim, its metadata filled in."""
            return Verdict(claim=claim_id, status=Status(status), scope=scope, evidence=evidence or {},
                           crosscheck=crosscheck if crosscheck is not None else
                           {"disagreements": [], "summary": "no float64 computation involved"},
                           seconds=seconds, variant=variant, title=title, statement=statement,
                           reading=reading if reading is not None else meta["reading"], source=source,
                           certificate=certificate, statement_latex=latex)  # the LaTeX fields: in check()

        def certificate(status: Status | str, **parts: Any) -> dict:
            """This claim's certificate (:func:`proofs.certificates.certificate`)."""
            from .certificates import certificate as build

            return build(claim_id, status, **parts)

        check.verdict = verdict
        check.certificate = certificate
        check.claim_id = claim_id
        module = sys.modules.get(fn.__module__)
        if module is not None:
            for key, value in (("CLAIM_ID", claim_id), ("TITLE", title), ("SOURCE", source),
                               ("STATEMENT", statement), ("READING", reading), ("STATEMENT_LATEX", latex),
                               ("READING_LATEX", reading_latex), ("TITLE_LATEX", title_latex),
                               ("VARIANTS_LATEX", variants_tex), ("READINGS_LATEX", readings_tex)):
                setattr(module, key, value)
        if fn.__module__ == "__main__":
            _run_as_script_at_exit()
        return check

    return decorate


def _run_as_script_at_exit() -> None:
    """``python -m MODULE`` or ``python path/to/module.py``, registered or not: run the module's
    check once the module has finished loading."""
    import atexit

    main = sys.modules["__main__"]
    file = getattr(main, "__file__", None)  # the interpreter deletes __main__.__file__ after a script ran

    def run() -> None:
        from .run.script import script_main

        if file is not None and not hasattr(main, "__file__"):
            main.__file__ = file
        try:
            code = script_main(main)
        except SystemExit as e:  # argparse: --help (0) or a usage error (2)
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
            code = 130
        except Exception as e:  # a bug in the check: one line and exit 3, as `proofcheck run`
            if os.environ.get("PROOFCHECK_TRACEBACK") == "1":
                import traceback

                traceback.print_exc()
            print(f"error: the check crashed (a bug; PROOFCHECK_TRACEBACK=1 shows where): "
                  f"{type(e).__name__}: {e}"[:200], file=sys.stderr)
            code = 3
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)

    atexit.register(run)
