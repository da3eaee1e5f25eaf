from django.apps import AppConfig


class WorklistConfig(AppConfig):
    """«Мои задачи»: the work that comes to each user, gathered from the apps' providers."""

    name = "cluster_portal.worklist"
    label = "worklist"
    verbose_name = "Мои задачи"

    def ready(self):
        from cluster_portal.core import dashboard

        from . import panels, registry

        # The apps register their providers in their own ready(), which runs first: this app is listed after them.
        dashboard.register(dashboard.reads(*registry.app_labels())(panels.my_tasks_panel))
