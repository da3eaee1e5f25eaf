from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API: the apps' lists, their import kinds and the catalog's open data, over one kernel."""

    name = "cluster_portal.api"
    label = "api"
    verbose_name = "API"
