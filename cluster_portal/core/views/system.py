"""Health check, protected files and the dashboard."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection, transaction
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from ..access import restrict
from ..dashboard import panels_for
from .generic import PortalView


@login_not_required
@transaction.non_atomic_requests
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links: the portal's icon is a static SVG."""
    return HttpResponseRedirect(static("img/favicon.svg"))


@login_not_required
@never_cache
@transaction.non_atomic_requests
def healthz(request):
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        connection.close_if_unusable_or_obsolete()
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def protected_file(request, app_label: str, model_name: str, pk: int, field: str):
    """Serve an uploaded file to a user who may see the object it belongs to.

    Files are downloads; a model's ``inline_file_fields`` (thumbnails of photos) are shown in the page.
    """
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    if field not in getattr(model, "protected_file_fields", ()):
        raise Http404
    obj = get_object_or_404(restrict(model._default_manager.all(), request.user, "view"), pk=pk)
    file = getattr(obj, field)
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = getattr(obj, "download_name", None)
    filename = name(field) if callable(name) else file.name.rsplit("/", 1)[-1]
    inline = field in getattr(model, "inline_file_fields", ())
    return FileResponse(handle, as_attachment=not inline, filename=filename)


class DashboardView(PortalView, TemplateView):
    template_name = "core/dashboard.html"
    title = "Главная"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["panels"] = panels_for(self.request.user)
        return context
