"""The honest certificates of `proofcheck run all` are accepted; >= 1,000 corruptions of them are all rejected."""

import copy
import random
import time
from typing import Iterator

import pytest

from proofs.kernel import recheck
from proofs.run.runner import run_claims


STATUSES = ("proved", "verified", "refuted", "inconclusive")


def _bound_paths(obj, path=()):
    """Paths of the hash-bound objects {"sha256", "value"} inside obj."""
    if isinstance(obj, dict):
        if set(obj) == {"sha256", "value"}:
            yield path
            return
        for k, v in obj.items():
            yield from _bound_paths(v, path + (k,))
    elif isinstance(obj, list):
        for k, v in enumerate(obj):
            yield from _bound_paths(v, path + (k,))


def _get(obj, path):
    for k in path:
        obj = obj[k]
    return obj


def _set(obj, path, value):
    for k in path[:-1]:
        obj = obj[k]
    obj[path[-1]] = value


def corruptions(certs: list[dict], seed: int = 0) -> Iterator[tuple[str, dict]]:
    """(description, corrupted certificate) pairs for every honest certificate in certs."""
    rng = random.Random(seed)
    claims = sorted({c["claim"] for c in certs})
    variants: dict[str, set] = {}
    for c in certs:
        variants.setdefault(c["claim"], set()).add(c.get("variant"))
    for k, cert in enumerate(certs):
        label = f"{cert['claim']} [{cert.get('variant')}] {cert['status']}"

        def mutant(what):
            return f"{label}: {what}", copy.deepcopy(cert)

        for status in STATUSES + ("bogus",):
            if status != cert["status"]:
                name, m = mutant(f"status -> {status}")
                m["status"] = status
                yield name, m
        if cert["status"] != "proved" and cert["status"] in ("verified", "inconclusive"):
            name, m = mutant("status -> proved with the argument of the kernel-checked 000-L3.1")
            m["status"], m["argument"] = "proved", [{"id": "code", "checker": "kernel"}]
            yield name, m
        for other in rng.sample([c for c in claims if c != cert["claim"]], k=min(6, len(claims) - 1)) + ["NOPE"]:
            name, m = mutant(f"claim -> {other}")
            m["claim"] = other
            yield name, m
        for var in sorted((variants[cert["claim"]] - {cert.get("variant")}), key=str) + ["bogus"]:
            name, m = mutant(f"variant -> {var}")
            m["variant"] = var
            yield name, m
        for part in ("evidence", "scope"):
            for key in sorted(cert[part]):
                name, m = mutant(f"{part}.{key} dropped")
                del m[part][key]
                yield name, m
            if cert[part]:
                key = sorted(cert[part])[0]
                name, m = mutant(f"{part}.{key} duplicated as {key}_copy")
                m[part][key + "_copy"] = m[part][key]
                yield name, m
        for key, value in sorted(cert["scope"].items()):
            if isinstance(value, int) and not isinstance(value, bool) and value >= 2:
                for new in (value - 1, value // 2):
                    if new != value:
                        name, m = mutant(f"scope.{key} shrunk {value} -> {new}")
                        m["scope"][key] = new
                        yield name, m
        for j, step in enumerate(cert.get("argument") or []):
            name, m = mutant(f"argument step {step['id']} dropped")
            del m["argument"][j]
            yield name, m
            name, m = mutant(f"argument step {step['id']} checker changed")
            m["argument"][j]["checker"] = "sympy" if step["checker"] != "sympy" else "kernel"
            yield name, m
        same = [c for c in certs if c is not cert and c["claim"] == cert["claim"] and c["status"] == cert["status"]
                and c["evidence"] != cert["evidence"] and c.get("variant") != cert.get("variant")]
        for other in same[:2]:
            name, m = mutant(f"evidence swapped with [{other.get('variant')}]")
            m["evidence"] = copy.deepcopy(other["evidence"])
            yield name, m
        mine = list(_bound_paths(cert))
        theirs = [(c, p) for c in certs if c is not cert for p in _bound_paths(c)]
        for path in mine[:3]:
            for other, opath in rng.sample(theirs, k=min(2, len(theirs))):
                if _get(other, opath) != _get(cert, path):
                    name, m = mutant(f"bound object {'.'.join(map(str, path))} swapped with {other['claim']}'s")
                    _set(m, path, copy.deepcopy(_get(other, opath)))
                    yield name, m
            name, m = mutant(f"bound object {'.'.join(map(str, path))} rehashed after a change")
            obj = _get(m, path)
            obj["value"] = {"tampered": obj["value"]}
            from proofs.certificates import sha256_json

            obj["sha256"] = sha256_json(obj["value"])
            yield name, m




@pytest.fixture(scope="module")
def honest():
    t0 = time.perf_counter()
    verdicts = run_claims(["all"], progress=False)
    run_seconds = time.perf_counter() - t0
    return [v.certificate for v in verdicts if v.certificate is not None], verdicts, run_seconds


def test_every_certificate_of_run_all_is_accepted(honest):
    certs, verdicts, run_seconds = honest
    assert len(certs) == len(verdicts)
    t0 = time.perf_counter()
    rejected = [(c["claim"], c.get("variant"), recheck(c)[1]) for c in certs if not recheck(c)[0]]
    kernel_seconds = time.perf_counter() - t0
    print(f"\n{len(certs)} certificates: run {run_seconds:.1f} s, kernel {kernel_seconds:.1f} s")
    assert not rejected, rejected


def _true_relabel(original: dict, mutant: dict) -> bool:
    """Whether a relabelled certificate states something true, judged outside the kernel.

    A 001-C1 counterexample can refute two readings at once (the literal and the no-zero-lines
    necessity readings share counterexamples): relabelling it to the other reading, or giving
    one reading the other's counterexample, is then no corruption.  The judgement is the claim
    module's own (exact/ and flint), not the kernel's.
    """
    same = {k: v for k, v in original.items() if k not in ("variant", "evidence")} == \
        {k: v for k, v in mutant.items() if k not in ("variant", "evidence")}
    if not (same and mutant["claim"] == "001-C1" and mutant["status"] == "refuted"
            and isinstance(mutant.get("variant"), str) and mutant["variant"].count("/") == 1
            and isinstance(mutant.get("evidence"), dict) and set(mutant["evidence"]) == {"z", "W2", "b2"}):
        return False
    from fractions import Fraction

    from proofs.claims.p001.conjecture_c1 import READINGS, is_counterexample
    from proofs.methods.search import A2Instance, evaluate_a2

    reading, direction = mutant["variant"].split("/")
    ev = mutant["evidence"]
    inst = A2Instance(*(tuple(Fraction(v) for v in ev[k]) for k in ("z", "W2", "b2")))
    if mutant["variant"] == "criterion without (c)/sufficiency":  # the control: (b) holds, A2 singular
        from proofs.claims.p001.conjecture_c1 import criterion_parts
        e = evaluate_a2(inst, crosscheck=False)
        return inst.n >= 2 and criterion_parts(e)["interlacing"] and not e.full_rank
    if reading not in READINGS or direction not in ("sufficiency", "necessity"):
        return False
    return is_counterexample(reading, direction, evaluate_a2(inst, crosscheck=False))


def test_every_corruption_is_rejected(honest):
    certs = honest[0]
    by_name = {}
    for c in certs:
        by_name[f"{c['claim']} [{c.get('variant')}] {c['status']}"] = c
    corpus = list(corruptions(certs))
    assert len(corpus) >= 1000
    accepted = [(name, cert) for name, cert in corpus if recheck(cert)[0]]
    true = [name for name, cert in accepted if _true_relabel(by_name[name.split(": ")[0]], cert)]
    false = [name for name, cert in accepted if name not in true]
    print(f"\n{len(corpus)} mutated certificates: {len(corpus) - len(accepted)} rejected, "
          f"{len(true)} relabels that are true statements (judged outside the kernel), {len(false)} wrongly accepted")
    assert len(corpus) - len(true) >= 1000
    assert not false, false[:20]
