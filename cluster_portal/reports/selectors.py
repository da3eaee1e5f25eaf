"""Reads of the reports app."""

from django.db.models import QuerySet

from cluster_portal.core.access import restrict
from cluster_portal.core.reporting import AcademicYear

from .models import AnnualReport


def report_years(*, cluster, current: AcademicYear, span: int = 4) -> list[tuple[AcademicYear, AnnualReport | None]]:
    """Every academic year from the earliest with saved texts (or the last ``span``) to now, newest first."""
    saved = {r.year: r for r in AnnualReport.objects.filter(cluster=cluster)}
    earliest = min([current.start - span + 1, *saved])
    latest = max([current.start, *saved])
    return [(AcademicYear(start), saved.get(start)) for start in range(latest, earliest - 1, -1)]


def annual_report_list(*, user, action: str = "view") -> QuerySet[AnnualReport]:
    return restrict(AnnualReport.objects.select_related("cluster"), user, action)
