"""``/api/``: the registered read endpoints, import kinds and open data sets, the schema and its documentation."""

from django.urls import path
from rest_framework import routers

from . import imports, opendata, views
from .registry import open_datasets, read_endpoints


class Router(routers.DefaultRouter):
    APIRootView = views.APIRootView
    include_format_suffixes = False


app_name = "api"

router = Router()
for endpoint in read_endpoints():
    router.register(endpoint.path, views.viewset_for(endpoint), basename=endpoint.basename)
for dataset in open_datasets():
    router.register(f"open/{dataset.name}", opendata.open_viewset_for(dataset), basename=f"open-{dataset.name}")

urlpatterns = [
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.SwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", views.RedocView.as_view(url_name="api:schema"), name="redoc"),
    *[
        path(f"imports/{kind.key}/", imports.import_view_for(kind).as_view(), name=f"import_{kind.key}")
        for kind in imports.import_kinds()
    ],
    *router.urls,
]
