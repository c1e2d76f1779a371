"""Time the clamp lemma's claim files (docs/examples) end to end: the check and the kernel's re-check.

Reports seconds for the check (objects built by the user's module, exact decision, float64
mirror, certificate) and for the kernel re-check, for n <= 200, with the baseline measured in
the same run: the check of n <= 20 (so the ratio shows how the cost grows with the scope).

    .venv/bin/python bench/bench_claim_files.py
"""

import time
from pathlib import Path

from proofs.claimfiles import check_claim_file
from proofs.kernel import recheck

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"


def _timed(fn):
    """(result, wall seconds); the CPU seconds of the process are printed beside (a shared machine)."""
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    _timed.cpu = time.process_time() - c0
    return out, time.perf_counter() - t0


def main():
    base, t_base = _timed(lambda: check_claim_file(EXAMPLES / "clamp.toml", scope_max=20))
    print(f"baseline: clamp.toml, n <= 20: check {t_base:.2f} s ({base.status.value})")
    for name in ("clamp.toml", "clamp_wrong.toml"):
        v, t_check = _timed(lambda: check_claim_file(EXAMPLES / name))
        cpu_check = _timed.cpu
        (ok, _), t_kernel = _timed(lambda: recheck(v.certificate))
        cpu_kernel = _timed.cpu
        print(f"{name}: {v.status.value} ({v.scope['description']}); check {t_check:.2f} s "
              f"(cpu {cpu_check:.2f} s), kernel {t_kernel:.2f} s (cpu {cpu_kernel:.2f} s) "
              f"({'valid' if ok else 'INVALID'}); total {t_check + t_kernel:.2f} s = {(t_check + t_kernel) / t_base:.1f}x baseline")


if __name__ == "__main__":
    main()
