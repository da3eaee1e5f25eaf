"""The program bank as a PDF brochure for the industry day, grouped by sector; built by a job («Брошюра (PDF)»)."""

from __future__ import annotations

from cluster_portal.core.pdf import render_pdf
from cluster_portal.core.reporting import AcademicYear
from members.selectors import default_cluster

from . import selectors
from .card import card_of

KIND = "programs_brochure"
TITLE = "Банк образовательных программ — брошюра ко Дню отрасли"


def filename(year: AcademicYear) -> str:
    return f"bank-programm-{year.slug}.pdf"


def brochure_pdf(*, user, year: AcademicYear) -> bytes:
    """The brochure of ``year`` as ``user`` may read it: the cluster's programs by sector, then additional ones."""
    cluster = default_cluster()
    sectors = selectors.brochure_sectors(cluster=cluster, year=year)
    additional = list(
        selectors.additional_program_list(user=user)
        .filter(year__lte=year.start + 1, year__gte=year.start)
        .order_by("college__short_name", "kind", "title")
    )
    context = {
        "title": TITLE,
        "cluster": cluster,
        "year": year,
        "sectors": sectors,
        "sections": [(name, [(p, card_of(p)) for p in programs]) for name, programs in sectors],
        "additional": additional,
        "program_count": sum(len(programs) for _name, programs in sectors),
        "demo": any(p.is_demo for _name, programs in sectors for p in programs) or any(p.is_demo for p in additional),
    }
    return render_pdf("programs/brochure.html", context)


def build(job, progress) -> tuple[bytes, str, str]:
    """The job of «Брошюра (PDF)» (``jobs.files.document_kind``): one step, the whole brochure."""
    year = AcademicYear(job.params["year"])
    progress(0, 1)
    pdf = brochure_pdf(user=job.user, year=year)
    progress(1, 1)
    return pdf, filename(year), "application/pdf"
