"""URLs of ``manage.py bench`` only: the portal's URLs plus a bare list view per model."""

from django.apps import apps
from django.http import HttpResponse
from django.urls import include, path
from django.utils.html import escape


def bare_list(request, label: str, fields: str):
    """The first page of a model's rows as a plain HTML table: no filters, no templates, no scoping."""
    model = apps.get_model(label)
    names = fields.split(",")
    rows = model._default_manager.order_by("pk").values_list(*names)[:50]
    body = "".join("<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>" for row in rows)
    count = model._default_manager.count()
    return HttpResponse(f"<html><body><p>{count}</p><table>{body}</table></body></html>")


urlpatterns = [
    path("__bench__/bare/<str:label>/<str:fields>/", bare_list),
    path("", include("cluster_portal.urls")),
]
