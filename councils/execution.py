"""A plan item's status, computed from its evidence and deadline, unless overridden with a reason.

- a manual override, when set, decides (the computed status is still shown beside it);
- a periodic rule («Не реже 1 раза в квартал») needs fulfilling evidence in every period of the
  plan's year: a period that has ended without it is a gap, and a gap makes the item overdue;
  every period covered makes it done;
- otherwise fulfilling evidence dated on or before the day makes it done; a deadline passed
  without it makes it overdue; evidence that does not fulfil (yet) makes it in progress.

Generated demo records are listed but count only for a demo plan: they never make the seed's
plan look done.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils import timezone

from . import evidence as registry
from .choices import PlanItemStatus
from .evidence import Evidence

_PERIODIC = re.compile(r"не\s+реже\s+(?:(\d+|одного)\s+)?раз\w*\s+в\s+(месяц|квартал|полугодие|год)", re.IGNORECASE)
_MONTHS_IN = {"месяц": 1, "квартал": 3, "полугодие": 6, "год": 12}
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Period:
    """One period of a periodic rule within the plan's year."""

    first_day: dt.date
    last_day: dt.date
    label: str


@dataclass(frozen=True)
class Rule:
    """«Не реже N раз в <период>»."""

    times: int
    months: int

    def periods(self, year: int) -> list[Period]:
        found = []
        for start in range(1, 13, self.months):
            end = start + self.months - 1
            found.append(
                Period(
                    dt.date(year, start, 1),
                    dt.date(year, end, calendar.monthrange(year, end)[1]),
                    _period_label(year, start, self.months),
                )
            )
        return found


def _period_label(year: int, start: int, months: int) -> str:
    if months == 3:
        return f"{_ROMAN[(start + 2) // 3]} квартал {year}"
    if months == 6:
        return f"{'I' if start == 1 else 'II'} полугодие {year}"
    if months == 1:
        from .deadlines import MONTH_NAMES

        return f"{MONTH_NAMES[start]} {year}"
    return f"{year} год"


def periodic_rule(deadline_text: str) -> Rule | None:
    """The rule a written deadline states, or None: «Не реже 1 раза в квартал» → once a quarter."""
    match = _PERIODIC.search(deadline_text or "")
    if not match:
        return None
    times = 1 if match[1] in (None, "одного") else int(match[1])
    return Rule(times=max(times, 1), months=_MONTHS_IN[match[2].lower()])


@dataclass
class Execution:
    """What the portal knows of a plan item's execution on a day."""

    item: object
    status: str
    computed: str
    evidence: list[Evidence] = field(default_factory=list)
    gaps: list[Period] = field(default_factory=list)
    on: dt.date | None = None

    @property
    def label(self) -> str:
        return PlanItemStatus(self.status).label

    @property
    def computed_label(self) -> str:
        return PlanItemStatus(self.computed).label

    @property
    def overridden(self) -> bool:
        return bool(self.item.status_override)

    @property
    def counted(self) -> list[Evidence]:
        """The evidence the status counts (demo records only for a demo plan)."""
        return [e for e in self.evidence if counts(e, self.item)]

    @property
    def gap_labels(self) -> list[str]:
        return [p.label for p in self.gaps]


def counts(evidence: Evidence, item) -> bool:
    return not evidence.is_demo or item.plan.is_demo


def _fulfilling(evidence: list[Evidence], on: dt.date) -> list[Evidence]:
    return [e for e in evidence if e.fulfils and (e.date is None or e.date <= on)]


def _periodic(item, rule: Rule, evidence: list[Evidence], on: dt.date) -> tuple[str, list[Period]]:
    dated = [e.date for e in _fulfilling(evidence, on) if e.date is not None]
    periods = rule.periods(item.plan.year)
    ended = [p for p in periods if p.last_day < on]
    gaps = [p for p in ended if sum(p.first_day <= d <= p.last_day for d in dated) < rule.times]
    if gaps:
        return PlanItemStatus.OVERDUE, gaps
    if len(ended) == len(periods):
        return PlanItemStatus.DONE, gaps
    if dated or on >= periods[0].first_day:
        return PlanItemStatus.IN_PROGRESS, gaps
    return PlanItemStatus.PLANNED, gaps


def _single(item, evidence: list[Evidence], on: dt.date) -> str:
    if _fulfilling(evidence, on):
        return PlanItemStatus.DONE
    if item.due_date is not None and item.due_date < on:
        return PlanItemStatus.OVERDUE
    if evidence:
        return PlanItemStatus.IN_PROGRESS
    return PlanItemStatus.PLANNED


def compute(item, evidence: list[Evidence], *, on: dt.date) -> Execution:
    """The status of one item from its evidence (all of it, whoever looks) on the day ``on``."""
    counted = [e for e in evidence if counts(e, item)]
    rule = periodic_rule(item.deadline_text)
    if rule is not None:
        computed, gaps = _periodic(item, rule, counted, on)
    else:
        computed, gaps = _single(item, counted, on), []
    status = item.status_override or computed
    return Execution(item=item, status=status, computed=computed, evidence=evidence, gaps=gaps, on=on)


def executions(items: Sequence, *, on: dt.date | None = None) -> dict[int, Execution]:
    """Each item's execution, by item id; the items need ``plan`` loaded."""
    on = on or timezone.localdate()
    items = list(items)
    found = registry.collect_kept(items)
    return {item.pk: compute(item, found[item.pk], on=on) for item in items}


def attach(items: Sequence, *, on: dt.date | None = None) -> list:
    """The items with ``item.execution`` set, for templates and tables."""
    items = list(items)
    for run in executions(items, on=on).values():
        run.item.execution = run
    return items


def ids_with_status(items: Sequence, statuses: Sequence[str], *, on: dt.date | None = None) -> list[int]:
    """The ids of the items whose status is one of ``statuses`` (for filters: the status is not a column)."""
    return [pk for pk, execution in executions(items, on=on).items() if execution.status in statuses]


def done_count(plan, *, on: dt.date | None = None) -> int:
    """How many items of a plan are done (computed or by hand)."""
    items = plan.items.select_related("plan")
    return sum(run.status == PlanItemStatus.DONE for run in executions(items, on=on).values())
