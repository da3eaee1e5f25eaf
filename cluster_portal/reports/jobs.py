"""The annual report's background jobs: seconds of assembly and WeasyPrint (minutes at scale) stay out of the request.

- «Скачать PDF»: the report from the live data as a PDF file (its draft is kept on the way);
- «Обновить» (the draft): the report from the live data, kept for the page;
- «Утвердить отчёт»: the next approved version (HTML, PDF/A-3b, data).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.template.loader import render_to_string

from cluster_portal.core.pdf import html_to_pdf
from cluster_portal.core.reporting import AcademicYear
from cluster_portal.jobs.registry import JobKind, Outcome
from members.models import Cluster

from .approval import draft_build, version_approve

PDF_KIND = "annual_report_pdf"
DRAFT_KIND = "annual_report_draft"
APPROVE_KIND = "annual_report_approve"


def _target(job) -> tuple[Cluster, AcademicYear]:
    return Cluster.objects.get(pk=job.params["cluster"]), AcademicYear(job.params["year"])


def build_pdf(job, progress) -> tuple[bytes, str, str]:
    """Two steps: the report assembled from the data (and kept as the draft), then laid out as a PDF."""
    cluster, year = _target(job)
    progress(0, 2)
    _draft, built = draft_build(cluster=cluster, year=year)
    html = render_to_string("reports/annual_pdf.html", {"report": built.report})
    progress(1, 2)
    pdf = html_to_pdf(html)
    progress(2, 2)
    return pdf, job.params["filename"], "application/pdf"


def run_draft(job, progress) -> Outcome:
    cluster, year = _target(job)
    progress(0, 1)
    draft, _built = draft_build(cluster=cluster, year=year)
    progress(1, 1)
    return Outcome(result={"built_at": draft.built_at.isoformat()}, url=job.params["url"])


def run_approve(job, progress) -> Outcome:
    cluster, year = _target(job)
    user = get_user_model().objects.get(pk=job.user_id)
    version = version_approve(cluster=cluster, year=year, user=user, progress=progress)
    result = {"number": version.number, "sha256": version.sha256, "data_sha256": version.data_sha256}
    return Outcome(result=result, url=version.get_absolute_url())


DRAFT = JobKind(DRAFT_KIND, run_draft, "reports/partials/_draft_result.html", progress_label="Выполнено шагов")
APPROVE = JobKind(APPROVE_KIND, run_approve, "reports/partials/_approval_result.html", progress_label="Выполнено шагов")
