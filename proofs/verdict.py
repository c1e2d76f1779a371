"""Verdicts: the typed outcome of a proof check.

A :class:`Verdict` names the claim, its :class:`Status`, the scope it covers, the
evidence (exact values as strings), the float64 cross-check summary, the time taken,
and the certificate that lets :mod:`proofs.kernel` re-check it independently (built by
:func:`proofs.certificates.certificate`).

Status meanings (``CLAIMS.md``):

* ``proved``: a symbolic argument valid for all sizes/parameters, each step machine-checked;
* ``verified``: checked exhaustively in exact arithmetic over the stated finite scope;
* ``refuted``: a concrete counterexample in exact rationals;
* ``inconclusive``: the budget was spent without a counterexample. This says that
  nothing was *found*, never that nothing exists.

>>> v = Verdict(claim="000-E1", status=Status.VERIFIED, scope={"description": "n <= 3"})
>>> Verdict.from_json(v.to_json()) == v
True
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field
from typing import Any

from exact.errors import FormatError

__all__ = ["Status", "Verdict"]


class Status(str, enum.Enum):
    PROVED = "proved"
    VERIFIED = "verified"
    REFUTED = "refuted"
    INCONCLUSIVE = "inconclusive"


@dataclass(frozen=True)
class Verdict:
    """The outcome of one check of one claim (or of one reading/direction of it).

    ``variant`` distinguishes several verdicts of one claim (e.g. ``"literal/sufficiency"``).
    ``scope`` always has a human-readable ``"description"``.  ``evidence`` and
    ``crosscheck`` are JSON-ready dicts; ``crosscheck["disagreements"]`` lists every place
    where the float64 mirror disagreed with exact arithmetic (findings, not failures).
    """

    claim: str
    status: Status
    scope: dict = field(default_factory=dict)
    evidence: dict = field(default_factory=dict)
    crosscheck: dict = field(default_factory=lambda: {"disagreements": []})
    seconds: float = 0.0
    variant: str | None = None
    title: str = ""
    statement: str = ""
    reading: str = ""
    source: str = ""
    certificate: dict | None = None
    #: the in-process kernel re-check of the certificate: {"status", "message", "sha256"}
    kernel: dict | None = None
    #: the statement in one line of LaTeX math (the claim's ``@claim(latex=...)``)
    statement_latex: str = ""
    #: the reading checked, as LaTeX text (the claim's ``@claim(reading_latex=...)`` or its
    #: ``readings_latex`` entry for this variant)
    reading_latex: str = ""
    #: the variant's name as LaTeX text (the claim's ``@claim(variants_latex=...)``)
    variant_latex: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", Status(self.status))
        if "description" not in self.scope:
            object.__setattr__(self, "scope", {"description": "unspecified", **self.scope})
        if "disagreements" not in self.crosscheck:
            object.__setattr__(self, "crosscheck", {"disagreements": [], **self.crosscheck})

    @property
    def label(self) -> str:
        return self.claim if not self.variant else f"{self.claim} [{self.variant}]"

    def to_json(self, include_certificate: bool = True) -> dict:
        d = asdict(self)
        d["status"] = self.status.value
        if not include_certificate:
            d.pop("certificate")
        return d

    @classmethod
    def from_json(cls, obj: Any, where: str = "verdict") -> "Verdict":
        if not isinstance(obj, dict):
            raise FormatError(f"{where}: expected an object")
        for key in ("claim", "status"):
            if key not in obj:
                raise FormatError(f"{where}: missing \"{key}\"")
        try:
            Status(obj["status"])
        except ValueError:
            raise FormatError(f"{where}.status: unknown status {obj['status']!r}") from None
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in obj.items() if k in known})

    def __str__(self) -> str:
        from .present import verdict_text

        return verdict_text(self)

    def _repr_markdown_(self) -> str:
        """Notebooks: the statement as math, the status, scope, certificate and counterexample."""
        from .present import verdict_markdown

        return verdict_markdown(self)

    def _repr_latex_(self) -> str:
        from .present import verdict_latex

        return verdict_latex(self)

    def with_certificate(self, certificate: dict) -> "Verdict":
        from dataclasses import replace

        return replace(self, certificate=certificate)

