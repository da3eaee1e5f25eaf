"""The region's page: the clusters the user reads, compared side by side for an academic year, with its Excel."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.views import View

from cluster_portal.core import regional
from cluster_portal.core.access import may
from cluster_portal.core.reporting import AcademicYear
from cluster_portal.core.xlsx import Column, workbook_response
from members.selectors import cluster_list

from .models import AnnualReport


class RegionView(View):
    """«Кластеры региона»: every figure the apps register, one column per cluster; ``?export=xlsx``."""

    def get(self, request):
        if not may(request.user, AnnualReport, "view"):
            raise PermissionDenied
        current = AcademicYear.current()
        year = self.year(request, current)
        clusters = list(cluster_list(user=request.user).order_by("pk"))
        rows = regional.comparison(clusters=clusters, year=year)
        if request.GET.get("export") == "xlsx":
            return self.workbook(clusters, rows, year)
        context = {
            "title": "Кластеры региона",
            "year": year,
            "years": [AcademicYear(start) for start in range(current.start, current.start - 6, -1)],
            "clusters": clusters,
            "rows": rows,
        }
        return render(request, "reports/region.html", context)

    def year(self, request, current: AcademicYear) -> AcademicYear:
        text = request.GET.get("year")
        if not text:
            return regional.latest_year(current)
        try:
            return AcademicYear.parse(text)
        except ValueError:
            raise Http404("Учебный год не найден") from None

    def workbook(self, clusters, rows, year: AcademicYear):
        columns = [Column("Раздел", "group", width=34), Column("Показатель", "label", width=44)]
        columns += [Column(cluster.short_name, f"cluster_{cluster.pk}", width=24) for cluster in clusters]
        values = [(row.group, row.label, *row.values) for row in rows]
        return workbook_response([(f"Кластеры {year.label}", columns, values)], f"klastery-regiona-{year.slug}.xlsx")
