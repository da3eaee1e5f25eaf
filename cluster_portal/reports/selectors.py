"""Reads of the reports app."""

from cluster_portal.core.reporting import AcademicYear

from .models import AnnualReport


def report_years(*, cluster, current: AcademicYear, span: int = 4) -> list[tuple[AcademicYear, AnnualReport | None]]:
    """Recent academic years (and any with saved texts), newest first, with their texts if any."""
    saved = {r.year: r for r in AnnualReport.objects.filter(cluster=cluster)}
    starts = {current.start - i for i in range(span)} | set(saved)
    return [(AcademicYear(start), saved.get(start)) for start in sorted(starts, reverse=True)]
