"""Web upload of Excel files: upload → check and preview → confirm → the list of the rows just imported.

The uploaded file is kept (under a random name, for the session that sent it) until it is saved or
replaced: the confirmation saves that same file, and a refused file comes back as the error workbook.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.views.generic import FormView, View

from ..forms import UploadForm
from ..imports import ImportResult, get_kind, offload, run_import
from ..imports.errorbook import error_filename, error_workbook
from ..imports.template import template_filename, template_workbook
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

    def pending(self, token: str) -> dict | None:
        """The upload ``token`` names, if this session sent it for this kind."""
        entry = self.request.session.get(SESSION_KEY, {}).get(token)
        if not token.isalnum() or not isinstance(entry, dict) or entry.get("kind") != self.kind.key:
            return None
        return entry


class ImportTemplateView(ImportMixin, View):
    """The template of one import kind, as the user fills it in."""

    def get(self, request, *args, **kwargs):
        response = HttpResponse(content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, template_filename(self.kind))
        template_workbook(self.kind, request.user).save(response)
        return response


class ImportErrorsView(ImportMixin, View):
    """The user's refused file with the bad cells marked."""

    def get(self, request, *args, token, **kwargs):
        entry = self.pending(token)
        path = _spool_dir() / f"{token}.xlsx"
        if entry is None or not path.exists() or "result" not in entry:
            raise Http404
        result = ImportResult.from_dict(json.loads((_spool_dir() / f"{token}.json").read_text()))
        with open(path, "rb") as source:
            content = error_workbook(source, result.errors, more=result.error_count - len(result.errors))
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, error_filename(entry["name"]))
        return response


class ImportView(ImportMixin, PortalView, FormView):
    """Upload a workbook; show every row error, or a preview of what will be saved awaiting confirmation."""

    template_name = "generic/import.html"
    form_class = UploadForm

    def get_title(self):
        return f"Загрузка из Excel: {self.kind.label}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kind"] = self.kind
        context["template_url"] = reverse("core:import_template", kwargs={"kind": self.kind.key})
        context["template_name"] = template_filename(self.kind)
        context["list_url"] = self.get_list_url()
        return context

    def post(self, request, *args, **kwargs):
        token = request.POST.get("confirm")
        if token:
            return self.confirm(token)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        background = offload.hand_off(request=self.request, kind=self.kind, upload=upload)
        if background is not None:
            return background
        token = self.keep(upload)
        with open(_spool_dir() / f"{token}.xlsx", "rb") as handle:
            result = run_import(
                self.kind, handle, user=self.request.user, dry_run=True, filename=upload.name, remote_addr=self.ip()
            )
        (_spool_dir() / f"{token}.json").write_text(json.dumps(result.as_dict(), ensure_ascii=False))
        self.remember(token, upload.name, result)
        context = self.get_context_data(form=form, result=result, token=token)
        if not result.ok and any(error.row >= 1 for error in result.errors):
            context["errors_url"] = reverse("core:import_errors", kwargs={"kind": self.kind.key, "token": token})
        return self.render_to_response(context)

    def keep(self, upload) -> str:
        token = uuid.uuid4().hex
        with open(_spool_dir() / f"{token}.xlsx", "wb") as spool:
            for chunk in upload.chunks():
                spool.write(chunk)
        return token

    def remember(self, token: str, name: str, result: ImportResult) -> None:
        """This session's upload; an earlier one of the same kind is dropped with its file."""
        pending = self.request.session.get(SESSION_KEY, {})
        for old, entry in list(pending.items()):
            if isinstance(entry, dict) and entry.get("kind") == self.kind.key:
                self.forget(old, pending)
        pending[token] = {"kind": self.kind.key, "name": name, "result": "ok" if result.ok else "refused"}
        self.request.session[SESSION_KEY] = pending

    def forget(self, token: str, pending: dict) -> None:
        pending.pop(token, None)
        for suffix in (".xlsx", ".json"):
            (_spool_dir() / f"{token}{suffix}").unlink(missing_ok=True)

    def ip(self) -> str | None:
        return self.request.META.get("REMOTE_ADDR")

    def confirm(self, token: str):
        entry = self.pending(token)
        if entry is None or entry.get("result") != "ok":
            messages.error(self.request, "Загрузка устарела: выберите файл ещё раз.")
            return HttpResponseRedirect(self.request.path)
        pending = self.request.session.get(SESSION_KEY, {})
        try:
            with open(_spool_dir() / f"{token}.xlsx", "rb") as handle:
                result = run_import(
                    self.kind,
                    handle,
                    user=self.request.user,
                    dry_run=False,
                    filename=entry["name"],
                    remote_addr=self.ip(),
                )
        finally:
            self.forget(token, pending)
            self.request.session[SESSION_KEY] = pending
        if not result.saved:
            return self.render_to_response(self.get_context_data(form=self.get_form_class()(), result=result))
        messages.success(
            self.request,
            f"Файл «{result.filename}» загружен: добавлено {result.created}, изменено {result.updated}, "
            f"без изменений {result.unchanged}.",
        )
        return HttpResponseRedirect(self.get_success_url(result))

    def get_list_url(self) -> str:
        return reverse(self.kind.success_url_name) if self.kind.success_url_name else "/"

    def get_success_url(self, result: ImportResult):
        """The list, showing the rows the import added or changed."""
        if result.created or result.updated:
            return f"{self.get_list_url()}?{urlencode({'import': result.cid})}"
        return self.get_list_url()
