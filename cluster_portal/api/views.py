"""Read endpoints: each registered list page as a read-only viewset (list and one row by id)."""

from __future__ import annotations

from django.utils.text import capfirst
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework import routers, viewsets
from rest_framework.permissions import IsAuthenticated

from cluster_portal.core.access import with_readable

from .base import APIViewMixin
from .pagination import PortalCursorPagination
from .permissions import MayRead, TokenScope
from .registry import ReadEndpoint
from .serializers import serializer_for


class ReadViewSet(APIViewMixin, viewsets.ReadOnlyModelViewSet):
    """The rows of one list page: the page's selector for the user, its filter set, cursor pages."""

    endpoint: ReadEndpoint
    pagination_class = PortalCursorPagination
    filter_backends = [DjangoFilterBackend]
    permission_classes = [IsAuthenticated, MayRead, TokenScope]

    @property
    def filterset_class(self):
        return self.endpoint.filterset_class

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema asks for the model only
            return self.endpoint.model._default_manager.none()
        user = self.request.user
        # The serializer reads the row's own columns (references as ids): the page's joins are not needed.
        queryset = self.endpoint.selector(user=user).select_related(None).prefetch_related(None)
        guarded = self.get_serializer_class().guarded
        return with_readable(queryset, user, *guarded) if guarded else queryset

    def list(self, request, *args, **kwargs):
        return self.served(super().list(request, *args, **kwargs))

    def retrieve(self, request, *args, **kwargs):
        return self.served(super().retrieve(request, *args, **kwargs))

    def served(self, response):
        if response.status_code == 200 and self.endpoint.on_read is not None:
            self.endpoint.on_read(self.request)
        return response


def viewset_for(endpoint: ReadEndpoint) -> type[ReadViewSet]:
    """The viewset of one endpoint, with its Russian summary and description in the schema."""
    serializer = serializer_for(endpoint)
    tag = capfirst(str(endpoint.model._meta.app_config.verbose_name))
    description = endpoint.description or f"Те же строки, что на странице «{endpoint.title}», для того же пользователя."
    viewset = type(
        f"{endpoint.model.__name__}ViewSet",
        (ReadViewSet,),
        {"endpoint": endpoint, "serializer_class": serializer, "__doc__": endpoint.title},
    )
    return extend_schema_view(
        list=extend_schema(summary=f"{endpoint.title}: список", description=description, tags=[tag]),
        retrieve=extend_schema(summary=f"{endpoint.title}: одна запись", description=description, tags=[tag]),
    )(viewset)


class APIRootView(APIViewMixin, routers.APIRootView):
    """Список разделов API."""


class SchemaView(APIViewMixin, SpectacularAPIView):
    """The OpenAPI 3 schema (drf-spectacular)."""


class SwaggerView(APIViewMixin, SpectacularSwaggerSplitView):
    """Swagger UI from the portal's own static files (drf-spectacular-sidecar); its script is a file (CSP)."""


class RedocView(APIViewMixin, SpectacularRedocView):
    """Redoc from the portal's own static files."""
