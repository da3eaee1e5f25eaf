"""Benchmark of the annual report PDF (``make bench``)."""

from __future__ import annotations

import time

from django.db import connection
from django.test.utils import CaptureQueriesContext
from weasyprint import HTML

from cluster_portal.bench import registry
from cluster_portal.bench.registry import BenchPage
from cluster_portal.core.pdf import PDF_BASE_URL, StaticOnlyFetcher
from cluster_portal.core.reporting import AcademicYear
from cluster_portal.reports.approval import draft_build
from cluster_portal.reports.selectors import report_draft
from cluster_portal.reports.services import annual_report_html, annual_report_pdf
from members.selectors import default_cluster


def pdf_timing(*, factor: int) -> list[tuple[str, str, str]]:
    """The portal's whole PDF (queries, template, rendering) beside WeasyPrint alone on the same HTML."""
    cluster, year = default_cluster(), AcademicYear(2021)
    annual_report_pdf(cluster=cluster, year=year)  # warm caches and fonts
    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        pdf = annual_report_pdf(cluster=cluster, year=year)
        portal = time.perf_counter() - start
    html = annual_report_html(cluster=cluster, year=year)
    start = time.perf_counter()
    HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=StaticOnlyFetcher()).write_pdf()
    weasy = time.perf_counter() - start
    return [
        (
            "Annual report PDF 2021/2022",
            f"{portal:.2f} s, {len(ctx.captured_queries)} queries, {len(pdf) // 1024} KB",
            f"WeasyPrint alone on the same HTML: {weasy:.2f} s",
        )
    ]


def report_page() -> str:
    """The report page as readers find it once a job has built its draft (built here, untimed, when missing)."""
    cluster, year = default_cluster(), AcademicYear(2021)
    if report_draft(cluster=cluster, year=year) is None:
        draft_build(cluster=cluster, year=year)
    return f"/reports/annual/{year.slug}/?cluster={cluster.pk}"


def register() -> None:
    """Called by ``registry.load()`` (``manage.py bench``), never at start-up."""
    registry.register_page(BenchPage("Годовой отчёт 2021/2022 (HTML)", report_page, "secretary"))
    registry.register_extra("PDF годового отчёта", pdf_timing)
