"""Approval of a year's report and the draft built from the live data: who may approve, and the builds the jobs run.

Building the report at scale takes seconds to minutes, so both run in jobs (``reports.jobs``); the page
only reads what they stored.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone

from cluster_portal.core import dataversion
from cluster_portal.core.access import can_add, in_own_clusters
from cluster_portal.core.locks import wait_for_turn
from cluster_portal.core.pdf import html_to_pdf
from cluster_portal.core.reporting import AcademicYear
from members.models import Cluster

from .assembly import AssembledReport, assemble
from .models import ReportDraft, ReportVersion
from .snapshot import data_sha256, report_data

ARCHIVE_VARIANT = "pdf/a-3b"
APPROVAL_QUEUE = "annual report approval"  # wait_for_turn(APPROVAL_QUEUE, cluster pk, year)


def can_approve(user, cluster) -> bool:
    """«Утвердить отчёт»: the cluster's coordinator or secretary (a staff role acting in that cluster)."""
    if not can_add(user, ReportVersion):
        return False
    return in_own_clusters(Cluster.objects.filter(pk=cluster.pk), user).exists()


@dataclass
class Built:
    """One assembly of the report: its data, their digest, the page's HTML, and every section's key and title
    (hidden ones too: the secretary's layout form lists them without assembling the report again)."""

    report: AssembledReport
    data: dict
    sha256: str
    html: str
    layout: list[dict]


def build(*, cluster, year: AcademicYear) -> Built:
    every = assemble(cluster=cluster, year=year, include_hidden=True)
    hidden = set(every.texts.hidden_sections)
    report = replace(every, sections=[s for s in every.sections if s.key not in hidden])
    data = report_data(report)
    html = render_to_string("reports/_body.html", {"report": report})
    layout = [{"key": s.key, "title": s.title} for s in every.sections]
    return Built(report=report, data=data, sha256=data_sha256(data), html=html, layout=layout)


def report_tables() -> list[str]:
    """The tables a report reads: every watched table but the report's own versions and drafts, and the users
    table (every login writes it; no report prints a user)."""
    skipped = {*dataversion.tables_of((ReportVersion, ReportDraft)), get_user_model()._meta.db_table}
    return [table for table in dataversion.watched_tables() if table not in skipped]


def live_data_version() -> str:
    """The data version of what a report reads ('' where versions are not kept: SQLite)."""
    if not dataversion.enabled():
        return ""
    return dataversion.version(report_tables()) or ""


def draft_keep(*, cluster, year: AcademicYear, built: Built, data_version: str) -> ReportDraft:
    """Store ``built`` as the year's draft, in place of the previous one."""
    draft, _created = ReportDraft.objects.update_or_create(
        cluster=cluster,
        year=year.start,
        defaults={
            "html": built.html,
            "data": built.data,
            "data_sha256": built.sha256,
            "data_version": data_version,
            "layout": built.layout,
            "built_at": timezone.now(),
        },
    )
    return draft


def draft_build(*, cluster, year: AcademicYear) -> tuple[ReportDraft, Built]:
    """Build the report from the live data now and keep it as the draft the page shows."""
    stamp = live_data_version()
    built = build(cluster=cluster, year=year)
    return draft_keep(cluster=cluster, year=year, built=built, data_version=stamp), built


def approved_pdf(built: Built, *, number: int, approved_at, user) -> bytes:
    """The PDF/A-3b of an approved version: every page's footer names the version and the data's SHA-256."""
    who = (user.get_full_name() or user.username) if user else ""
    html = render_to_string(
        "reports/annual_pdf.html",
        {
            "report": built.report,
            "approval": {"number": number, "at": approved_at, "by": who, "sha256": built.sha256},
        },
    )
    return html_to_pdf(html, pdf_variant=ARCHIVE_VARIANT)


def version_approve(*, cluster, year: AcademicYear, user, progress=None) -> ReportVersion:
    """Build the report from the live data and keep it as the next approved version (HTML, PDF/A-3b, data)."""
    if not can_approve(user, cluster):
        raise PermissionError(f"{user} may not approve the reports of {cluster}")
    step = progress or (lambda done, total: None)
    step(0, 2)
    with transaction.atomic():
        # Approvals of the year queue here: a second one started at the same moment waits until the first is kept,
        # then builds from the data as they are and takes the next number. The year's texts stay editable meanwhile.
        wait_for_turn(APPROVAL_QUEUE, cluster.pk, year.start)
        stamp = live_data_version()
        built = build(cluster=cluster, year=year)
        draft_keep(cluster=cluster, year=year, built=built, data_version=stamp)
        step(1, 2)
        version = _keep_version(cluster=cluster, year=year, built=built, user=user)
    step(2, 2)
    return version


def _keep_version(*, cluster, year: AcademicYear, built: Built, user) -> ReportVersion:
    """The next version of the year (the caller holds the year's lock): its number, PDF/A-3b and data."""
    last = ReportVersion.objects.filter(cluster=cluster, year=year.start).aggregate(m=Max("number"))["m"] or 0
    version = ReportVersion(
        cluster=cluster, year=year.start, number=last + 1, html=built.html, data=built.data, data_sha256=built.sha256
    )
    at = timezone.now()
    pdf = approved_pdf(built, number=version.number, approved_at=at, user=user)
    version.keep(pdf, name=version.download_name("pdf"), user=user, at=at)
    version.full_clean()
    version.save()
    return version
