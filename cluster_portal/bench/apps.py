from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark (``manage.py bench``): nothing of it is imported when the portal starts."""

    name = "cluster_portal.bench"
    label = "bench"
    verbose_name = "Замеры производительности"
