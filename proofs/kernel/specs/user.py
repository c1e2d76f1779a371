"""Specifications of claims about user-supplied objects (``proofcheck admissible``)."""

from fractions import Fraction

from .. import core as K
from ..framework import spec


def admissible(c):
    """The network f (a user file, bound by SHA-256) is admissible: f(x_theta) = x_theta for every
    step function x_theta(j) = C for j <= theta of its input dimension n, theta = 0..n (or 1..n
    without the zero signal).

    verified: the kernel evaluates f on every such step function.  refuted: evidence theta, a step
    function that f reconstructs wrongly.
    """
    net = K.network(c.scope.bound("network"), "scope.network.value")
    amp, zero = c.scope.q("amplitude"), c.scope.bool("include_zero")
    n = net.d_in
    c.require(amp != 0, "the amplitude C must be non-zero")
    thetas = range(0 if zero else 1, n + 1)
    if c.status == "refuted":
        theta = c.evidence.int("theta", lo=thetas[0], hi=n)
        x = K.step_signal(n, theta, amp)
        c.require(K.run(net, x) != x, "f(x_theta) = x_theta at theta=%d" % theta)
        return
    for theta in thetas:
        x = K.step_signal(n, theta, amp)
        c.require(K.run(net, x) == x, "f(x_theta) != x_theta at theta=%d" % theta)
    c.checked(len(thetas))


spec("admissible", statuses=("verified", "refuted"))(admissible)
