"""Outputs of the annual report: PDF and Excel, and saving the secretary's texts."""

from __future__ import annotations

import tempfile

from django.db import transaction
from django.template.loader import render_to_string
from openpyxl import Workbook

from cluster_portal.core.pdf import StaticOnlyFetcher, html_to_pdf
from cluster_portal.core.reporting import AcademicYear
from cluster_portal.core.xlsx import sheet_title, write_sheet

from .assembly import assemble
from .models import AnnualReport


def annual_report_html(*, cluster, year: AcademicYear, for_pdf: bool = True) -> str:
    report = assemble(cluster=cluster, year=year)
    return render_to_string("reports/annual_pdf.html", {"report": report, "for_pdf": for_pdf})


def annual_report_pdf(*, cluster, year: AcademicYear, fetcher: StaticOnlyFetcher | None = None) -> bytes:
    """The report as the secretary sends it: title page, contents with page numbers, sections."""
    return html_to_pdf(annual_report_html(cluster=cluster, year=year), fetcher=fetcher)


def annual_report_workbook(*, cluster, year: AcademicYear):
    """The report's tables in one workbook, a sheet per table; returns a temporary file."""
    report = assemble(cluster=cluster, year=year)
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    for sheet in report.sheets:
        base = sheet_title(sheet.title)[:26]
        title, n = base, 2
        while title in used:
            title = f"{base} ({n})"
            n += 1
        used.add(title)
        write_sheet(workbook, title, sheet.columns, sheet.rows)
    if not used:
        write_sheet(workbook, "Отчёт", [], [])
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it
    workbook.save(spool)
    spool.seek(0)
    return spool


@transaction.atomic
def annual_report_save(*, report: AnnualReport, texts: dict, order: list[str], hidden: list[str]) -> AnnualReport:
    for name, value in texts.items():
        setattr(report, name, value)
    report.section_order = order
    report.hidden_sections = hidden
    report.full_clean()
    report.save()
    return report
