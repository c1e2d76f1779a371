"""Running the stand-alone kernel the way a reviewer would: ``python3 -I -S proofs/kernel``.

The kernel folder is the trusted base; it is run in a child process with an isolated
interpreter (``-I``: no user site, no environment, no script directory tricks; ``-S``: no
site packages), so nothing of the rest of the toolkit (numpy, flint, exact/, numeric/) can
take part in a re-check.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Iterable

from exact.errors import InvalidArgument

__all__ = ["KERNEL_DIR", "kernel_command", "run_kernel"]

KERNEL_DIR = Path(__file__).resolve().parent.parent / "kernel"


def kernel_command(paths: Iterable[str], max_digits: int | None = None, as_json: bool = True) -> list[str]:
    cmd = [sys.executable, "-I", "-S", str(KERNEL_DIR)]
    if as_json:
        cmd.append("--json")
    if max_digits is not None:
        cmd += ["--max-digits", str(int(max_digits))]
    return cmd + ["--"] + [str(p) for p in paths]


def run_kernel(paths: Iterable[str], max_digits: int | None = None, timeout: float | None = None) -> dict:
    """Re-check certificate files; returns the kernel's JSON answer plus its ``exit`` code.

    ``{"valid": bool, "certificates": [{"file", "status", "message"}], "exit": 0 | 1 | 2}``.
    """
    paths = [str(p) for p in paths]
    if not paths:
        raise InvalidArgument("no certificate files given")
    if max_digits is not None and not 1 <= max_digits <= 10 ** 7:
        raise InvalidArgument("--max-digits takes a whole number from 1 to 10000000")
    proc = subprocess.run(kernel_command(paths, max_digits), capture_output=True, text=True, timeout=timeout)
    try:
        answer = json.loads(proc.stdout)
    except ValueError:
        raise InvalidArgument(f"the kernel gave no answer (exit {proc.returncode}): "
                              f"{(proc.stderr.strip().splitlines() or ['?'])[-1][:200]}") from None
    answer["exit"] = proc.returncode
    return answer
