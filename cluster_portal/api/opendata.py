"""Open data: the public catalog's data sets (registered by the apps) without a token, as JSON or CSV.

JSON comes in cursor pages like every list of the API; ``?format=csv`` gives every row in one UTF-8
file (with a BOM, so that Excel reads it in Russian) whose text never starts a formula.
"""

from __future__ import annotations

import csv
import io

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer, JSONRenderer

from cluster_portal.core.xlsx import FORMULA_PREFIXES

from .base import APIViewMixin
from .pagination import PortalCursorPagination
from .registry import OpenDataset
from .throttling import AnonThrottle


def csv_text(value) -> str:
    """A value as CSV text: a text that a spreadsheet would take for a formula gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "да" if value else "нет"
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


class CSVRenderer(BaseRenderer):
    """Rows (a list of flat objects) as CSV; an error as a one-row table of its fields."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rows = data if isinstance(data, list) else [data] if isinstance(data, dict) else []
        view = (renderer_context or {}).get("view")
        header = list(rows[0]) if rows else list(view.get_serializer().fields) if view is not None else []
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        for row in rows:
            writer.writerow([csv_text(row.get(name)) for name in header])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")


class OpenDataViewSet(APIViewMixin, viewsets.ReadOnlyModelViewSet):
    """One open data set: no login, no token, limited per address."""

    dataset: OpenDataset
    authentication_classes = ()
    permission_classes = (AllowAny,)
    throttle_classes = (AnonThrottle,)
    renderer_classes = (JSONRenderer, CSVRenderer)
    pagination_class = PortalCursorPagination
    filter_backends = (DjangoFilterBackend,)

    @property
    def filterset_fields(self):
        return list(self.dataset.filterset_fields)

    def get_queryset(self):
        return self.dataset.queryset()

    def paginate_queryset(self, queryset):
        if self.request.accepted_renderer.format == "csv":
            return None  # a CSV file is the whole data set
        return super().paginate_queryset(queryset)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if getattr(request, "accepted_renderer", None) is not None and request.accepted_renderer.format == "csv":
            response["Content-Disposition"] = f'attachment; filename="{self.dataset.name}.csv"'
        return response


def open_viewset_for(dataset: OpenDataset) -> type[OpenDataViewSet]:
    viewset = type(
        f"Open{dataset.serializer.__name__.removesuffix('Serializer')}ViewSet",
        (OpenDataViewSet,),
        {"dataset": dataset, "serializer_class": dataset.serializer, "__doc__": dataset.title},
    )
    description = f"{dataset.description} Без токена. ?format=csv — все строки одним файлом CSV (UTF-8)."
    return extend_schema_view(
        list=extend_schema(
            summary=f"Открытые данные: {dataset.title}", description=description, tags=["Открытые данные"], auth=[]
        ),
        retrieve=extend_schema(
            summary=f"Открытые данные: {dataset.title}, одна запись",
            description=dataset.description,
            tags=["Открытые данные"],
            auth=[],
        ),
    )(viewset)
