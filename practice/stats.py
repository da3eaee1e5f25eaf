"""Statistics for 2×2 tables in pure Python: odds ratio with a 95% CI and Fisher's exact test.

The table is ``[[a, b], [c, d]]``: rows are the exposed / unexposed group, columns the outcome
present / absent (e.g. mentored and employed by specialty, mentored and not, …).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Z_95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution
# Each of the two compared groups needs at least this many graduates for a test to be shown;
# below it the page says «недостаточно данных» instead of a ratio that means nothing.
MIN_GROUP_SIZE = 10
# Fisher's two-sided p sums tables no more probable than the observed one; this tolerance keeps
# tables of equal probability (up to rounding in log space) in the sum, as R and SciPy do.
RELATIVE_TOLERANCE = 1e-7


def _log_choose(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def fisher_exact(a: int, b: int, c: int, d: int) -> float:
    """Two-sided p-value of Fisher's exact test for ``[[a, b], [c, d]]``."""
    if min(a, b, c, d) < 0:
        raise ValueError("counts must not be negative")
    row1, col1, n = a + b, a + c, a + b + c + d
    if n == 0:
        return 1.0
    low, high = max(0, col1 - (n - row1)), min(row1, col1)
    denominator = _log_choose(n, col1)

    def log_p(x: int) -> float:
        return _log_choose(row1, x) + _log_choose(n - row1, col1 - x) - denominator

    observed = log_p(a)
    threshold = observed + math.log1p(RELATIVE_TOLERANCE)
    total = sum(math.exp(log_p(x)) for x in range(low, high + 1) if log_p(x) <= threshold)
    return min(1.0, total)


@dataclass(frozen=True)
class OddsRatio:
    value: float
    low: float
    high: float
    corrected: bool  # 0.5 added to every cell because one of them was zero


def odds_ratio(a: int, b: int, c: int, d: int) -> OddsRatio | None:
    """The odds ratio with Woolf's 95% interval; Haldane's +0.5 when a cell is zero.

    None when a whole row or column is empty (no ratio exists).
    """
    if a + b == 0 or c + d == 0 or a + c == 0 or b + d == 0:
        return None
    corrected = 0 in (a, b, c, d)
    fa, fb, fc, fd = (x + 0.5 if corrected else float(x) for x in (a, b, c, d))
    value = (fa * fd) / (fb * fc)
    se = math.sqrt(1 / fa + 1 / fb + 1 / fc + 1 / fd)
    log_or = math.log(value)
    return OddsRatio(value, math.exp(log_or - Z_95 * se), math.exp(log_or + Z_95 * se), corrected)


@dataclass(frozen=True)
class Comparison:
    """A 2×2 comparison as the analytics page shows it."""

    a: int
    b: int
    c: int
    d: int
    exposed_rate: float | None
    unexposed_rate: float | None
    odds: OddsRatio | None
    p_value: float | None
    enough_data: bool

    @property
    def exposed(self) -> int:
        return self.a + self.b

    @property
    def unexposed(self) -> int:
        return self.c + self.d

    @property
    def significant(self) -> bool:
        return self.enough_data and self.p_value is not None and self.p_value < 0.05


def compare(a: int, b: int, c: int, d: int, *, min_group: int = MIN_GROUP_SIZE) -> Comparison:
    """Rates, odds ratio and Fisher's p for ``[[a, b], [c, d]]``; no test when a group is small."""
    exposed, unexposed = a + b, c + d
    enough = exposed >= min_group and unexposed >= min_group
    return Comparison(
        a,
        b,
        c,
        d,
        exposed_rate=100 * a / exposed if exposed else None,
        unexposed_rate=100 * c / unexposed if unexposed else None,
        odds=odds_ratio(a, b, c, d) if enough else None,
        p_value=fisher_exact(a, b, c, d) if enough else None,
        enough_data=enough,
    )
