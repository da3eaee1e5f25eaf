"""The analytics page's figures as a stored summary (``jobs.summaries``): computed by a worker, shown at once.

At the scale of a region the tables run to hundreds of colleges and thousands of programs: the page
shows the largest ``PAGE_ROWS`` of each long table, by number of graduates, and says how many more
the Excel export holds (the export job writes every row).
"""

from __future__ import annotations

from dataclasses import replace

from django.template.loader import render_to_string

from cluster_portal.core import disclosure
from cluster_portal.jobs.summaries import SummaryKind
from members.models import Organization, Sector

from .selectors import Analytics, FactorRow, Scope, analytics, shown
from .selectors.analytics import ANALYTICS_READS
from .stats import MIN_GROUP_SIZE

NAME = "practice.analytics"
PAGE_ROWS = 20
BUILD_STEPS = 3


def scope_params(*, year_from, year_to, college, sector) -> dict:
    """The key of a stored summary: the scope's plain values and the small-group threshold printed with."""
    return {
        "year_from": year_from,
        "year_to": year_to,
        "college": getattr(college, "pk", None),
        "sector": getattr(sector, "pk", None),
        "small_group_min": disclosure.minimum(),
    }


def scope_of(params: dict) -> Scope:
    college = Organization.objects.filter(pk=params["college"]).first() if params["college"] else None
    sector = Sector.objects.filter(pk=params["sector"]).first() if params["sector"] else None
    return Scope(params["year_from"], params["year_to"], college, sector)


def largest(rows: list, size) -> tuple[list, int]:
    """The ``PAGE_ROWS`` largest of ``rows`` by ``size``, largest first, and how many are left out (all when few)."""
    if len(rows) <= PAGE_ROWS:
        return rows, 0
    return sorted(rows, key=size, reverse=True)[:PAGE_ROWS], len(rows) - PAGE_ROWS


def _graduates(row) -> int:
    return row.graduates


def _practiced(row: dict) -> int:
    return row["practiced"]


def _compared(row: FactorRow) -> int:
    return row.comparison.exposed + row.comparison.unexposed


def _largest_factors(rows: list[FactorRow]) -> tuple[list[FactorRow], int]:
    """Each factor's total row, then its largest specialties."""
    kept, left_out, totals = [], 0, [r for r in rows if r.label == "Всего"]
    for total in totals:
        specialties = [r for r in rows if r.factor == total.factor and r is not total]
        top, more = largest(specialties, _compared)
        kept += [total, *top]
        left_out = max(left_out, more)
    return kept, left_out


def for_page(result: Analytics) -> tuple[Analytics, dict[str, int]]:
    """``result`` with its long tables cut to their largest rows, and how many rows each left out."""
    by_college, more_colleges = largest(result.by_college, _graduates)
    by_specialty, more_specialties = largest(result.by_specialty, _graduates)
    by_program, more_programs = largest(result.by_program, _graduates)
    offers, more_offers = largest(result.offers, _practiced)
    factors, more_factors = _largest_factors(result.factors)
    cut = replace(
        result,
        by_college=by_college,
        by_specialty=by_specialty,
        by_program=by_program,
        offers=offers,
        factors=factors,
    )
    more = {
        "by_college": more_colleges,
        "by_specialty": more_specialties,
        "by_program": more_programs,
        "offers": more_offers,
        "factors": more_factors,
    }
    return cut, more


def build(params: dict, progress) -> dict:
    """The stored summary: the rendered tables and the charts' numbers (three steps of progress)."""
    progress(0, BUILD_STEPS)
    result = analytics(scope_of(params))
    progress(1, BUILD_STEPS)
    cut, more = for_page(result)
    printed = shown(cut)  # small groups hidden, as on the page and in Excel
    progress(2, BUILD_STEPS)
    html = render_to_string(
        "practice/partials/_analytics_summary.html",
        {"result": printed, "more": more, "min_group": MIN_GROUP_SIZE, "page_rows": PAGE_ROWS},
    )
    progress(3, BUILD_STEPS)
    return {"html": html, "charts": printed.chart_data()}


KIND = SummaryKind(NAME, ANALYTICS_READS, build, revision="2026-12-06-demo")
