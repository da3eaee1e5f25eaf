"""The annual report's PDF as a background job: seconds of WeasyPrint (minutes at scale) stay out of the request."""

from __future__ import annotations

from cluster_portal.core.pdf import html_to_pdf
from cluster_portal.core.reporting import AcademicYear
from members.models import Cluster

from .services import annual_report_html

PDF_KIND = "annual_report_pdf"


def build_pdf(job, progress) -> tuple[bytes, str, str]:
    """Two steps: the report assembled from the data, then laid out as a PDF."""
    params = job.params
    cluster = Cluster.objects.get(pk=params["cluster"])
    progress(0, 2)
    html = annual_report_html(cluster=cluster, year=AcademicYear(params["year"]))
    progress(1, 2)
    pdf = html_to_pdf(html)
    progress(2, 2)
    return pdf, params["filename"], "application/pdf"
