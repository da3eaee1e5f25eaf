"""The user's jobs: the list, a job's page, and its status fragment polled by htmx until it ends."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.http import content_disposition_header
from django.views.generic import DetailView, ListView, View

from cluster_portal.core.imports import ImportResult
from cluster_portal.core.imports.errorbook import error_filename, error_workbook
from cluster_portal.core.views.generic import PortalView
from cluster_portal.core.xlsx import XLSX_CONTENT_TYPE

from . import progress, registry
from .models import JobStatus
from .selectors import job_list


class JobListView(PortalView, ListView):
    """The jobs the user started, newest first."""

    template_name = "jobs/job_list.html"
    title = "Фоновые задачи"
    paginate_by = 50

    def get_queryset(self):
        return job_list(user=self.request.user)


class JobMixin:
    def get_object(self, queryset=None):
        return get_object_or_404(job_list(user=self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.object
        context["done"], context["total"] = progress.read(job)
        context["percent"] = int(100 * context["done"] / context["total"]) if context["total"] else job.percent
        kind = registry.get_kind(job.kind)
        context["result_template"] = kind.result_template
        context["progress_label"] = kind.progress_label
        if job.result is not None and kind.result_context is not None:
            context.update(kind.result_context(job))
        return context


class JobDetailView(JobMixin, PortalView, DetailView):
    """A job's page: the progress bar while it runs, then its result or what went wrong."""

    template_name = "jobs/job_detail.html"
    context_object_name = "job"
    parent_crumbs = (("Фоновые задачи", reverse_lazy("jobs:job_list")),)

    def get_title(self):
        return self.object.title


class JobStatusView(JobMixin, DetailView):
    """The status fragment (``partials/_job_status.html``) that htmx polls while the job runs."""

    template_name = "jobs/partials/_job_status.html"
    context_object_name = "job"


class JobImportErrorsView(View):
    """The user's refused file of an import job, with the bad cells marked."""

    def get(self, request, pk):
        job = get_object_or_404(job_list(user=request.user), pk=pk, kind="import")
        if not job.result or job.result.get("error_count", 0) == 0:
            raise Http404
        result = ImportResult.from_dict(job.result)
        if not default_storage.exists(job.params["path"]):
            raise Http404
        with default_storage.open(job.params["path"], "rb") as source:
            content = error_workbook(source, result.errors, more=result.error_count - len(result.errors))
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, error_filename(job.params["filename"]))
        return response


class JobDownloadView(View):
    """The file a finished job made (``files.document_kind``), for the user who started the job."""

    def get(self, request, pk):
        job = get_object_or_404(job_list(user=request.user), pk=pk, status=JobStatus.DONE)
        stored = job.result or {}
        if "path" not in stored or not default_storage.exists(stored["path"]):
            raise Http404
        return FileResponse(
            default_storage.open(stored["path"], "rb"),
            as_attachment=True,
            filename=stored["filename"],
            content_type=stored["content_type"],
        )
