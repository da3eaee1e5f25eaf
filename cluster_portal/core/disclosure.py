"""Small-group suppression: a figure that fewer than ``SMALL_GROUP_MIN`` people stand behind is not shown.

Analytics and the annual report cut graduates by college, year and specialty; a cut of one or two
people identifies them. Such a cell is shown as «< 5» on pages, in exports and in PDFs alike: the
outputs print the value these functions return.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings


def minimum() -> int:
    return settings.SMALL_GROUP_MIN


class Small:
    """A hidden figure; prints as «< 5». ``small`` lets a template tell it from a number."""

    small = True

    def __str__(self):
        return f"< {minimum()}"

    def __repr__(self):
        return f"Small({minimum()})"

    def __eq__(self, other):
        return isinstance(other, Small)

    def __hash__(self):
        return hash(Small)


def count(n: int | None):
    """A count of people: itself, or Small for 1 … SMALL_GROUP_MIN − 1 (none is not a group)."""
    return Small() if n is not None and 0 < n < minimum() else n


def share(value, base: int | None):
    """A share of ``base`` people: itself, or Small when the base is a small group."""
    return Small() if base is not None and 0 < base < minimum() else value


def plotted(value) -> float | None:
    """A figure for a chart: a number, or None (no bar) for a hidden one."""
    return float(value) if isinstance(value, (int, float, Decimal)) else None
