"""Web upload of Excel files: upload → validation and preview → confirm → all rows or none."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.generic import FormView

from ..forms import UploadForm
from ..imports import get_kind, run_import
from ..xlsx import XLSX_CONTENT_TYPE
from .generic import PortalView

SESSION_KEY = "pending_imports"


def _spool_dir() -> Path:
    path = Path(settings.MEDIA_ROOT).parent / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


class ImportMixin:
    def dispatch(self, request, *args, **kwargs):
        try:
            self.kind = get_kind(kwargs["kind"])
        except LookupError:
            raise Http404 from None
        self.kind.check_permission(request.user)
        return super().dispatch(request, *args, **kwargs)


class ImportTemplateView(ImportMixin, PortalView, FormView):
    """The blank template of one import kind."""

    def get(self, request, *args, **kwargs):
        response = HttpResponse(content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="shablon-{self.kind.key}.xlsx"'
        self.kind.blank_workbook().save(response)
        return response


class ImportView(ImportMixin, PortalView, FormView):
    """Upload a workbook; show every row error, or a preview awaiting confirmation."""

    template_name = "generic/import.html"
    form_class = UploadForm

    def get_title(self):
        return f"Загрузка из Excel: {self.kind.label}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kind"] = self.kind
        context["template_url"] = reverse("core:import_template", kwargs={"kind": self.kind.key})
        return context

    def post(self, request, *args, **kwargs):
        token = request.POST.get("confirm")
        if token:
            return self.confirm(token)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        result = run_import(self.kind, upload, user=self.request.user, dry_run=True)
        context = self.get_context_data(form=form, result=result)
        if result.ok and result.rows:
            token = uuid.uuid4().hex
            upload.seek(0)
            with open(_spool_dir() / f"{token}.xlsx", "wb") as spool:
                for chunk in upload.chunks():
                    spool.write(chunk)
            pending = self.request.session.get(SESSION_KEY, {})
            pending[token] = self.kind.key
            self.request.session[SESSION_KEY] = pending
            context["token"] = token
        return self.render_to_response(context)

    def confirm(self, token: str):
        pending = self.request.session.get(SESSION_KEY, {})
        if pending.get(token) != self.kind.key or not token.isalnum():
            messages.error(self.request, "Загрузка устарела: выберите файл ещё раз.")
            return HttpResponseRedirect(self.request.path)
        path = _spool_dir() / f"{token}.xlsx"
        try:
            with open(path, "rb") as handle:
                result = run_import(self.kind, handle, user=self.request.user, dry_run=False)
        finally:
            path.unlink(missing_ok=True)
            pending.pop(token, None)
            self.request.session[SESSION_KEY] = pending
        if not result.saved:
            return self.render_to_response(self.get_context_data(form=self.get_form_class()(), result=result))
        messages.success(
            self.request,
            f"Загрузка выполнена: добавлено {result.created}, обновлено {result.updated}.",
        )
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return reverse(self.kind.success_url_name) if self.kind.success_url_name else "/"
