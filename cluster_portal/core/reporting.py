"""What an app gives the annual report: sections for an academic year.

Each app's ``report.py`` has ``sections(*, cluster, year) -> list[ReportSection]`` and registers it
with :func:`register_sections` from its ``AppConfig.ready()``; ``cluster_portal.reports`` assembles
what is registered. A section's numbers are computed at call time,
in a constant number of queries whatever the amount of data.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .xlsx import Column


@dataclass(frozen=True)
class AcademicYear:
    """An academic year, 1 September – 31 August: ``AcademicYear(2021)`` is 2021/2022."""

    start: int

    @classmethod
    def parse(cls, text: str) -> AcademicYear:
        """From «2021-2022» or «2021/2022»; ValueError otherwise."""
        match = re.fullmatch(r"(\d{4})[-/](\d{4})", text.strip())
        if not match or int(match[2]) != int(match[1]) + 1:
            raise ValueError(f"Учебный год записывается как 2021-2022, получено «{text}».")
        return cls(int(match[1]))

    @classmethod
    def current(cls, today: dt.date | None = None) -> AcademicYear:
        """The academic year a date (today by default) falls in."""
        from django.utils import timezone

        today = today or timezone.localdate()
        return cls(today.year if today.month >= 9 else today.year - 1)

    @property
    def label(self) -> str:
        return f"{self.start}/{self.start + 1}"

    @property
    def slug(self) -> str:
        return f"{self.start}-{self.start + 1}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.start, 9, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.start + 1, 8, 31)

    @property
    def plan_year(self) -> int:
        """The calendar year whose work plan the report shows (2022 for 2021/2022)."""
        return self.start + 1

    def next(self) -> AcademicYear:
        return AcademicYear(self.start + 1)

    def __str__(self):
        return self.label


@dataclass
class Sheet:
    """One table of a section, for the report's Excel workbook."""

    title: str
    columns: Sequence[Column]
    rows: list[tuple]


@dataclass
class ReportSection:
    """A section of the annual report: rendered by ``template`` with ``context``."""

    key: str
    title: str
    template: str
    context: dict = field(default_factory=dict)
    sheets: list[Sheet] = field(default_factory=list)
    empty: bool = False  # nothing recorded for the year: rendered as a short note


SectionsProvider = Callable[..., list[ReportSection]]
_providers: dict[str, SectionsProvider] = {}


def register_sections(provider: SectionsProvider) -> SectionsProvider:
    """Give the annual report the sections ``provider(cluster=…, year=…)`` returns (from an app's ``ready()``)."""
    _providers[f"{provider.__module__}.{provider.__qualname__}"] = provider
    return provider


def section_providers() -> list[SectionsProvider]:
    """The registered section providers, in the order the apps registered them."""
    return list(_providers.values())
