#!/usr/bin/env python3
"""Time the optimal-sigma_p root search done with SciPy: brentq on quad.

cond(s) = s^2 E[phi'(z)^2] / E[phi(z)^2], z ~ N(0, s^2); the optimal sigma_p is
the root of cond(s) = 1 inside a bracket given on the command line. Each
moment is SciPy's quad over the whole line in the scaled variable t = z/s
(as in quad_moment.py), and brentq refines the root to xtol. phi comes from
the shared peers' activations.py (found with --peers); phi' is written out
here, in the form a careful user would write it.

Prints one JSON object per activation: median_ms, root, evaluations of cond.
Example: brentq_quad.py --peers ../shared/peers sigmoid:6:8 sinc:2:2.5
"""
import argparse
import json
import statistics
import sys
import time
import warnings

import numpy as np
from scipy import integrate, optimize

C = 0.05  # the width of the Gaussian bump in activations.py


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _sinc_derivative(x):
    # (x cos x - sin x)/x^2, with its series -x/3 near 0 (0/0 there).
    if abs(x) < 1e-4:
        return -x / 3
    return (x * np.cos(x) - np.sin(x)) / (x * x)


# phi' for the activations with a genuine root of cond = 1.
DERIVATIVES = {
    "sigmoid": lambda x: _sigmoid(x) * (1 - _sigmoid(x)),
    "sinc": _sinc_derivative,
    "wavelet": lambda x: -(np.sin(x) + 2 * x * np.cos(x)) * np.exp(-x * x),
    "gaussian": lambda x: -x / C**2 * np.exp(-x * x / (2 * C**2)),
}


def moment(g, sigma, epsrel):
    """E[g(z)^2], z ~ N(0, sigma^2), by quad on the whole line."""
    def integrand(t):
        with np.errstate(all="ignore"):
            v = float(g(np.array(sigma * t)))
        return v * v * np.exp(-t * t / 2) / np.sqrt(2 * np.pi)

    value, _ = integrate.quad(integrand, -np.inf, np.inf, epsabs=0, epsrel=epsrel,
                              limit=1000)
    return value


def search(phi, dphi, bracket, epsrel, xtol):
    """The root of cond - 1 in the bracket, and the number of cond calls."""
    calls = [0]

    def cond_minus_one(sigma):
        calls[0] += 1
        return sigma**2 * moment(dphi, sigma, epsrel) / moment(phi, sigma, epsrel) - 1

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        root = optimize.brentq(cond_minus_one, bracket[0], bracket[1], xtol=xtol,
                               rtol=4 * np.finfo(float).eps)
    return root, calls[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("brackets", nargs="+", help="NAME:LOW:HIGH")
    parser.add_argument("--peers", required=True, help="directory of activations.py")
    parser.add_argument("--epsrel", type=float, default=1e-11)
    parser.add_argument("--xtol", type=float, default=1e-12)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    sys.path.insert(0, args.peers)
    from activations import LITERATURE

    for spec in args.brackets:
        name, low, high = spec.split(":")
        _, phi = LITERATURE[name]
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            root, calls = search(phi, DERIVATIVES[name], (float(low), float(high)),
                                 args.epsrel, args.xtol)
            times.append((time.perf_counter() - start) * 1e3)
        print(json.dumps({"activation": name, "peer": "scipy-brentq-quad",
                          "median_ms": round(statistics.median(times), 3), "root": root,
                          "cond_evaluations": calls, "epsrel": args.epsrel,
                          "xtol": args.xtol}))


if __name__ == "__main__":
    main()
