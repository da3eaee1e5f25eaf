"""Reads of the reports app."""

from django.db.models import QuerySet

from cluster_portal.core.access import restrict
from cluster_portal.core.reporting import AcademicYear

from .models import AnnualReport, ReportDraft, ReportVersion


def report_years(*, cluster, current: AcademicYear, span: int = 4) -> list[tuple[AcademicYear, AnnualReport | None]]:
    """Every academic year from the earliest with saved texts (or the last ``span``) to now, newest first."""
    saved = {r.year: r for r in AnnualReport.objects.filter(cluster=cluster)}
    earliest = min([current.start - span + 1, *saved])
    latest = max([current.start, *saved])
    return [(AcademicYear(start), saved.get(start)) for start in range(latest, earliest - 1, -1)]


def version_list(*, user, cluster, year: AcademicYear) -> QuerySet[ReportVersion]:
    """The approved versions of a year's report the user reads, newest first, without their HTML and data."""
    versions = ReportVersion.objects.filter(cluster=cluster, year=year.start).select_related("approved_by")
    return restrict(versions.defer("html", "data"), user, "view").order_by("-number")


def report_draft(*, cluster, year: AcademicYear) -> ReportDraft | None:
    """The last draft built from the live data, without its data (the page shows its HTML)."""
    return ReportDraft.objects.filter(cluster=cluster, year=year.start).defer("data").first()


def latest_versions(*, user, cluster) -> dict[int, ReportVersion]:
    """The latest approved version of each year of the cluster's reports (one query), by the year's start."""
    versions = ReportVersion.objects.filter(cluster=cluster).defer("html", "data").select_related("approved_by")
    return {v.year: v for v in restrict(versions, user, "view").order_by("year", "number")}


def versions_approved_since(*, user, since) -> QuerySet[ReportVersion]:
    """The approved versions the user reads, approved at or after ``since``, newest first (one query)."""
    versions = ReportVersion.objects.filter(approved_at__gte=since).defer("html", "data")
    return restrict(versions.select_related("cluster", "approved_by"), user, "view").order_by("-approved_at")
