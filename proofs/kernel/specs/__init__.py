"""One module of claim specifications per source paper (importing registers them)."""

from . import claimfile, p000, p001, p001b, p001_sorted, p001_c1, p002, p003, p004, user  # noqa: F401
