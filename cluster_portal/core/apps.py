from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The shared kernel: access rules, generic views, Excel, PDF, audit."""

    name = "cluster_portal.core"
    label = "core"
    verbose_name = "Ядро портала"
