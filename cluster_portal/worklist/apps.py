from django.apps import AppConfig


class WorklistConfig(AppConfig):
    """«Мои задачи»: the work that comes to each user, gathered from the apps' providers."""

    name = "cluster_portal.worklist"
    label = "worklist"
    verbose_name = "Мои задачи"

    def ready(self):
        from cluster_portal.core import dashboard

        from . import panels

        dashboard.register(panels.my_tasks_panel)
