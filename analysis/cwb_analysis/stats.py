"""Paired and unpaired effects with Student-t 95% intervals, without SciPy.

Why here: when a results file has no `effects` group (written before issue 4 landed, or by a
run that skipped it) the report still states every effect with its interval, computed the
same way cwbsim does (docs/comparison.md) (paired over replicates that share random numbers, Student t,
95%). SciPy is not in the project's Debian package list, so the t quantile is computed from
the regularised incomplete beta function (Numerical Recipes' continued fraction).
"""
from __future__ import annotations

import math

import numpy as np


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction for the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def _betai(a: float, b: float, x: float) -> float:
    """Regularised incomplete beta I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    lbeta = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    front = math.exp(lbeta + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    """Student-t cumulative distribution function."""
    x = df / (df + t * t)
    tail = 0.5 * _betai(df / 2.0, 0.5, x)
    return 1.0 - tail if t > 0 else tail


def t_quantile(p: float, df: float) -> float:
    """Inverse of t_cdf by bisection (60 halvings: far below any printed digit)."""
    if not 0.0 < p < 1.0 or df <= 0:
        return float("nan")
    lo, hi = -1e3, 1e3
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def paired_effect(scenario: np.ndarray, baseline: np.ndarray, axis: int = 0,
                  level: float = 0.95) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean paired difference and its Student-t interval over `axis` (the replicates).

    Replicate r of every scenario meets the same random draws as replicate r of the baseline,
    so differencing within a replicate removes the shared noise: that is why the paired
    interval is the one to quote. With one replicate the interval is undefined (NaN).
    """
    d = np.asarray(scenario, dtype=float) - np.asarray(baseline, dtype=float)
    n = d.shape[axis]
    mean = d.mean(axis=axis)
    if n < 2:
        nan = np.full_like(mean, np.nan)
        return mean, nan, nan
    se = d.std(axis=axis, ddof=1) / math.sqrt(n)
    half = t_quantile(0.5 + level / 2.0, n - 1) * se
    return mean, mean - half, mean + half


def unpaired_effect(scenario: np.ndarray, baseline: np.ndarray, axis: int = 0,
                    level: float = 0.95) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Difference of means with Welch's interval (Welch-Satterthwaite degrees of freedom), as
    cwbsim writes it in the `effects` group (docs/comparison.md).

    Shown beside the paired interval to make the gain from common random numbers visible.
    Values equal in every replicate of both runs give an interval of zero width.
    """
    a = np.asarray(scenario, dtype=float)
    b = np.asarray(baseline, dtype=float)
    n = a.shape[axis]
    mean = a.mean(axis=axis) - b.mean(axis=axis)
    if n < 2:
        nan = np.full_like(mean, np.nan)
        return mean, nan, nan
    va, vb = a.var(axis=axis, ddof=1) / n, b.var(axis=axis, ddof=1) / n
    se = np.sqrt(va + vb)
    with np.errstate(invalid="ignore", divide="ignore"):
        df = (va + vb) ** 2 / (va ** 2 / (n - 1) + vb ** 2 / (n - 1))
    p = 0.5 + level / 2.0
    t = np.vectorize(lambda d: t_quantile(p, float(d)) if np.isfinite(d) and d > 0 else 0.0,
                     otypes=[float])(np.atleast_1d(df)).reshape(np.shape(df))
    half = np.where(se > 0, t * se, 0.0)
    return mean, mean - half, mean + half
