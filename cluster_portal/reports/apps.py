from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """The annual report, assembled from the apps' report sections."""

    name = "cluster_portal.reports"
    label = "reports"
    verbose_name = "Годовой отчёт"
