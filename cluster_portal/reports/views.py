"""Pages of the annual report: index, HTML preview, PDF, Excel, and the secretary's texts."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.views import View

from cluster_portal.core.access import may
from cluster_portal.core.pdf import pdf_response
from cluster_portal.core.reporting import AcademicYear
from cluster_portal.core.xlsx import XLSX_CONTENT_TYPE
from cluster_portal.jobs.services import job_start
from members.selectors import cluster_list, default_cluster

from . import jobs, services
from .assembly import assemble
from .forms import AnnualReportTextsForm, SectionLayoutForm
from .models import AnnualReport
from .selectors import report_years


class ReportMixin:
    action = "view"

    def dispatch(self, request, *args, **kwargs):
        if not may(request.user, AnnualReport, self.action):
            raise PermissionDenied
        self.cluster = self.get_cluster(request)
        if "year" in kwargs:
            try:
                self.year = AcademicYear.parse(kwargs["year"])
            except ValueError:
                raise Http404 from None
        return super().dispatch(request, *args, **kwargs)

    def get_cluster(self, request):
        cluster_id = request.GET.get("cluster")
        if cluster_id and cluster_id.isdigit():
            cluster = cluster_list(user=request.user).filter(pk=cluster_id).first()
        else:
            cluster = default_cluster(user=request.user)
        if cluster is None:
            raise Http404("Кластер не найден")
        return cluster

    def filename(self, ext: str) -> str:
        return f"otchet-klastera-{self.year.slug}.{ext}"


class ReportIndexView(ReportMixin, View):
    def get(self, request):
        current = AcademicYear.current()
        context = {
            "title": "Годовые отчёты",
            "cluster": self.cluster,
            "years": report_years(cluster=self.cluster, current=current),
            "can_edit": may(request.user, AnnualReport, "change"),
        }
        return render(request, "reports/index.html", context)


class AnnualReportView(ReportMixin, View):
    def get(self, request, year):
        report = assemble(cluster=self.cluster, year=self.year)
        context = {
            "title": f"Отчёт за {self.year.label} учебный год",
            "breadcrumbs": [("Годовые отчёты", "/reports/")],
            "report": report,
            "can_edit": may(request.user, AnnualReport, "change"),
        }
        return render(request, "reports/annual_preview.html", context)


class AnnualReportPdfView(ReportMixin, View):
    def get(self, request, year):
        pdf = services.annual_report_pdf(cluster=self.cluster, year=self.year)
        return pdf_response(pdf, self.filename("pdf"))


class AnnualReportPdfJobView(ReportMixin, View):
    """«Скачать PDF» on the pages: the PDF is built by a worker; the user waits on the job's page, not the request."""

    def post(self, request, year):
        job = job_start(
            user=request.user,
            kind=jobs.PDF_KIND,
            title=f"PDF: отчёт кластера за {self.year.label} учебный год",
            params={"cluster": self.cluster.pk, "year": self.year.start, "filename": self.filename("pdf")},
        )
        return redirect(job)


class AnnualReportXlsxView(ReportMixin, View):
    def get(self, request, year):
        spool = services.annual_report_workbook(cluster=self.cluster, year=self.year)
        return FileResponse(spool, as_attachment=True, filename=self.filename("xlsx"), content_type=XLSX_CONTENT_TYPE)


class AnnualReportEditView(ReportMixin, View):
    action = "change"

    def forms(self, data=None):
        report = assemble(cluster=self.cluster, year=self.year, include_hidden=True)
        texts = report.texts
        texts_form = AnnualReportTextsForm(data, instance=texts, user=self.request.user)
        layout_form = SectionLayoutForm(data, sections=report.sections, hidden=set(texts.hidden_sections))
        return texts, texts_form, layout_form

    def render_forms(self, texts_form, layout_form):
        context = {
            "title": f"Тексты и разделы отчёта за {self.year.label} учебный год",
            "breadcrumbs": [
                ("Годовые отчёты", "/reports/"),
                (f"{self.year.label}", f"/reports/annual/{self.year.slug}/"),
            ],
            "texts_form": texts_form,
            "layout_form": layout_form,
            "year": self.year,
        }
        return render(self.request, "reports/annual_edit.html", context)

    def get(self, request, year):
        _texts, texts_form, layout_form = self.forms()
        return self.render_forms(texts_form, layout_form)

    def post(self, request, year):
        texts, texts_form, layout_form = self.forms(request.POST)
        if not (texts_form.is_valid() and layout_form.is_valid()):
            messages.error(request, "Проверьте поля, отмеченные ниже: изменения не сохранены.")
            return self.render_forms(texts_form, layout_form)
        order, hidden = layout_form.layout()
        services.annual_report_save(report=texts, texts=texts_form.cleaned_data, order=order, hidden=hidden)
        messages.success(request, "Тексты и порядок разделов сохранены. Ниже — предпросмотр отчёта.")
        return HttpResponseRedirect(f"/reports/annual/{self.year.slug}/")
