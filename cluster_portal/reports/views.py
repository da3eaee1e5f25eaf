"""Pages of the annual report: index, the approved version or the draft, its jobs, Excel, and the secretary's texts."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views import View

from cluster_portal.core.access import may, restrict
from cluster_portal.core.reporting import AcademicYear
from cluster_portal.core.templatetags.portal import file_url
from cluster_portal.core.xlsx import XLSX_CONTENT_TYPE
from cluster_portal.jobs.services import job_start
from members.selectors import cluster_list, default_cluster

from . import approval, jobs, services
from .assembly import SectionTitle, ordered_keys, report_texts
from .comparison import changes_since
from .forms import AnnualReportTextsForm, SectionLayoutForm
from .models import AnnualReport, ReportVersion, report_url
from .selectors import latest_versions, report_draft, report_years, version_list


def report_filename(year: AcademicYear, ext: str) -> str:
    return f"otchet-klastera-{year.slug}.{ext}"


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
        return report_filename(self.year, ext)


class ReportIndexView(ReportMixin, View):
    def get(self, request):
        current = AcademicYear.current()
        approved = latest_versions(user=request.user, cluster=self.cluster)
        context = {
            "title": "Годовые отчёты",
            "cluster": self.cluster,
            "years": [
                (year, texts, approved.get(year.start))
                for year, texts in report_years(cluster=self.cluster, current=current)
            ],
            "cluster_query": f"?cluster={self.cluster.pk}",
            "can_edit": may(request.user, AnnualReport, "change"),
        }
        return render(request, "reports/index.html", context)


class AnnualReportView(ReportMixin, View):
    """The latest approved version by default (its stored HTML); ``?version=N`` another, ``?version=draft`` the
    last report built from the live data by a job. Nothing is assembled inside the request."""

    def get(self, request, year):
        versions = list(version_list(user=request.user, cluster=self.cluster, year=self.year))
        draft = report_draft(cluster=self.cluster, year=self.year)
        shown = self.shown(request.GET.get("version", ""), versions)
        context = {
            "title": f"Отчёт за {self.year.label} учебный год",
            "breadcrumbs": [("Годовые отчёты", "/reports/")],
            "year": self.year,
            "cluster": self.cluster,
            "cluster_query": f"?cluster={self.cluster.pk}",
            "versions": versions,
            "draft": draft,
            "can_edit": may(request.user, AnnualReport, "change"),
            "can_approve": approval.can_approve(request.user, self.cluster),
        }
        context["stale"] = draft is not None and draft.data_version != approval.live_data_version()
        if shown is not None:
            shown = ReportVersion.objects.select_related("approved_by").get(pk=shown.pk)  # with its HTML
            latest = shown.number == versions[0].number
            context.update(version=shown, changes=changes_since(shown, draft), latest=latest)
        return render(request, "reports/annual_preview.html", context)

    @staticmethod
    def shown(asked: str, versions):
        """The version asked for (the latest when none is named), or None for the draft."""
        if asked == "draft" or not versions:
            return None
        if not asked:
            return versions[0]
        found = next((v for v in versions if str(v.number) == asked), None)
        if found is None:
            raise Http404("Такой версии отчёта нет")
        return found


class AnnualReportPdfView(ReportMixin, View):
    """The old «PDF» address: the latest approved version's kept PDF, else the page whose button starts the PDF job."""

    def get(self, request, year):
        latest = version_list(user=request.user, cluster=self.cluster, year=self.year).first()
        if latest is not None:
            return redirect(file_url(latest, "pdf"))
        messages.info(request, "PDF собирается в фоне: нажмите «Скачать PDF» — по готовности файл можно скачать.")
        return redirect(report_url(self.year, self.cluster.pk, "draft"))


class ReportJobView(ReportMixin, View):
    """A POST that starts one of the report's jobs for the page's cluster and year; the user waits on the job's page."""

    kind = ""
    label = ""

    @classmethod
    def params(cls, cluster, year: AcademicYear) -> dict:
        return {"cluster": cluster.pk, "year": year.start}

    def post(self, request, year):
        return self.start(request, cluster=self.cluster, year=self.year)

    @classmethod
    def start(cls, request, *, cluster, year: AcademicYear, **params):
        """Queue the job for ``cluster`` and ``year`` (``params`` in place of the kind's own) and send the user
        to its page."""
        title = f"{cls.label}: отчёт кластера «{cluster.short_name}» за {year.label} учебный год"
        job = job_start(user=request.user, kind=cls.kind, title=title, params={**cls.params(cluster, year), **params})
        return redirect(job)


class AnnualReportPdfJobView(ReportJobView):
    """«Скачать PDF»: the PDF of the live data is built by a worker."""

    kind, label = jobs.PDF_KIND, "PDF"

    @classmethod
    def params(cls, cluster, year):
        return {**super().params(cluster, year), "filename": report_filename(year, "pdf")}


class AnnualReportDraftJobView(ReportJobView):
    """«Обновить»: the draft the page shows is rebuilt from the live data by a worker."""

    kind, label = jobs.DRAFT_KIND, "Черновик"

    def post(self, request, year):
        # «Построить» on the texts page returns there when the draft is built (its sections list then).
        if request.POST.get("return_to") == "edit":
            url = f"{reverse('reports:annual_edit', args=[self.year.slug])}?cluster={self.cluster.pk}"
            return self.start(request, cluster=self.cluster, year=self.year, url=url)
        return super().post(request, year)

    @classmethod
    def params(cls, cluster, year):
        return {**super().params(cluster, year), "url": report_url(year, cluster.pk, "draft")}


class AnnualReportApproveView(ReportJobView):
    """«Утвердить отчёт»: the cluster's coordinator or secretary; the version is built and kept by a worker."""

    kind, label = jobs.APPROVE_KIND, "Утверждение"

    def post(self, request, year):
        if not approval.can_approve(request.user, self.cluster):
            raise PermissionDenied
        return super().post(request, year)


class ReportVersionHtmlView(ReportMixin, View):
    """An approved version's HTML as a document of its own, from what was kept (never assembled again)."""

    def get(self, request, year, number):
        version = get_object_or_404(
            restrict(ReportVersion.objects.filter(cluster=self.cluster, year=self.year.start), request.user, "view"),
            number=number,
        )
        html = render_to_string("reports/version_document.html", {"version": version})
        response = HttpResponse(html, content_type="text/html; charset=utf-8")
        name = f"otchet-klastera-{self.year.slug}-v{version.number}.html"
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response


class AnnualReportXlsxView(ReportMixin, View):
    def get(self, request, year):
        spool = services.annual_report_workbook(cluster=self.cluster, year=self.year)
        return FileResponse(spool, as_attachment=True, filename=self.filename("xlsx"), content_type=XLSX_CONTENT_TYPE)


class AnnualReportEditView(ReportMixin, View):
    action = "change"

    def forms(self, data=None):
        texts = report_texts(cluster=self.cluster, year=self.year)
        texts_form = AnnualReportTextsForm(data, instance=texts, user=self.request.user)
        self.layout_ready = (sections := self.sections(texts)) is not None
        layout_form = SectionLayoutForm(data, sections=sections or [], hidden=set(texts.hidden_sections))
        return texts, texts_form, layout_form

    def sections(self, texts) -> list[SectionTitle] | None:
        """Every section (hidden ones too) in the secretary's order, from the last draft; None before the first
        draft (the page offers «Построить», a job: assembling the report takes seconds at scale)."""
        draft = report_draft(cluster=self.cluster, year=self.year)
        if draft is None or not draft.layout:
            return None
        titles = {row["key"]: row["title"] for row in draft.layout}
        return [SectionTitle(key, titles[key]) for key in ordered_keys(texts, set(titles))]

    def render_forms(self, texts_form, layout_form):
        context = {
            "title": f"Тексты и разделы отчёта за {self.year.label} учебный год",
            "breadcrumbs": [
                ("Годовые отчёты", "/reports/"),
                (f"{self.year.label}", f"/reports/annual/{self.year.slug}/"),
            ],
            "texts_form": texts_form,
            "layout_form": layout_form,
            "layout_ready": self.layout_ready,
            "year": self.year,
            "cluster_query": f"?cluster={self.cluster.pk}",
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
        # Before the first draft the page lists no sections: the secretary's layout stays as it was.
        order, hidden = layout_form.layout() if self.layout_ready else (texts.section_order, texts.hidden_sections)
        services.annual_report_save(report=texts, texts=texts_form.cleaned_data, order=order, hidden=hidden)
        messages.success(request, "Тексты и порядок разделов сохранены. Черновик отчёта строится заново.")
        return AnnualReportDraftJobView.start(request, cluster=self.cluster, year=self.year)
