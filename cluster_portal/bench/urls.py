"""URLs of ``manage.py bench`` only: the portal's URLs plus a bare list view per model."""

from django.apps import apps
from django.db.models import Count, Min
from django.http import HttpResponse
from django.urls import include, path
from django.utils.html import escape

AGGREGATES = {"count": lambda path: Count(path, distinct=True), "min": Min}


def _many_valued(model, path: str) -> str | None:
    """The part of ``path`` up to its first many-valued relation (``sectors`` of ``sectors__name``), if any."""
    parts = path.split("__")
    for index, name in enumerate(parts[:-1]):
        field = model._meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            return "__".join(parts[: index + 1])
        model = field.related_model
    return None


def bare_list(request, label: str, fields: str):
    """The first 50 rows of a model as a plain HTML table, with a count, and nothing else.

    The same columns a portal list shows: ``fields`` may follow relations
    (``student__college__short_name``), name a value per row of a many-valued relation
    (``sectors__name``: one more query for the page, per relation, listing them in a cell), or
    aggregate one (``count:reports``, ``min:certificates__valid_until``). The rows come in the
    model's default order from one ``values_list`` query, with ``COUNT(*)``, and are joined into a
    string: no template, no filter form, no layout, no access scoping. It is the floor a list page
    of that model can reach on this server.
    """
    model = apps.get_model(label)
    columns, lists, aggregates = [], {}, {}
    for field in fields.split(","):
        kind, _, lookup = field.rpartition(":")
        if kind:
            aggregates[f"bare_{len(aggregates)}"] = AGGREGATES[kind](lookup)
        elif relation := _many_valued(model, field):
            lists.setdefault(relation, []).append(field)
        else:
            columns.append(field)
    queryset = model._default_manager.annotate(**aggregates) if aggregates else model._default_manager.all()
    rows = list(queryset.values_list("pk", *columns, *aggregates)[:50])
    related = {relation: {} for relation in lists}
    for relation, paths in lists.items():
        found = model._default_manager.filter(pk__in=[row[0] for row in rows]).values_list("pk", *paths)
        for pk, *values in found.order_by():
            if any(v is not None for v in values):
                related[relation].setdefault(pk, []).append(" ".join(str(v) for v in values if v is not None))
    body = "".join(
        "<tr>"
        + "".join(f"<td>{escape(v)}</td>" for v in row[1:])
        + "".join(f"<td>{escape(', '.join(related[r].get(row[0], [])))}</td>" for r in lists)
        + "</tr>"
        for row in rows
    )
    count = model._default_manager.count()
    return HttpResponse(f"<html><body><p>{count}</p><table>{body}</table></body></html>")


urlpatterns = [
    path("__bench__/bare/<str:label>/<str:fields>/", bare_list),
    path("", include("cluster_portal.urls")),
]
