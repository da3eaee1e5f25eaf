"""URLs of ``manage.py bench`` only: the portal's URLs plus a bare list view per model."""

from django.apps import apps
from django.http import HttpResponse
from django.urls import include, path
from django.utils.html import escape


def bare_list(request, label: str, fields: str):
    """The first 50 rows of a model as a plain HTML table, with a count, and nothing else.

    The same columns a portal list shows (``fields`` may follow relations, e.g.
    ``student__college__short_name``) in the model's default order, by one ``values_list`` query
    and ``COUNT(*)``, joined into a string: no template, no filter form, no layout, no access
    scoping. It is the floor a list page of that model can reach on this server.
    """
    model = apps.get_model(label)
    rows = model._default_manager.values_list(*fields.split(","))[:50]
    body = "".join("<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>" for row in rows)
    count = model._default_manager.count()
    return HttpResponse(f"<html><body><p>{count}</p><table>{body}</table></body></html>")


urlpatterns = [
    path("__bench__/bare/<str:label>/<str:fields>/", bare_list),
    path("", include("cluster_portal.urls")),
]
