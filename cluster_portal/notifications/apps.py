from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """Notifications in the portal (the bell) and by e-mail, sent by background jobs."""

    name = "cluster_portal.notifications"
    label = "notifications"
    verbose_name = "Уведомления"

    def ready(self):
        from cluster_portal.core import fragments

        from . import bell, checks  # noqa: F401 (checks register themselves)

        fragments.register("navbar.user", bell.bell)
