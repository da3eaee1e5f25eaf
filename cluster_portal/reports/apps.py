from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """The annual report, assembled from the apps' report sections."""

    name = "cluster_portal.reports"
    label = "reports"
    verbose_name = "Годовой отчёт"

    def ready(self):
        from cluster_portal.core import audit, navigation, seeding
        from cluster_portal.core.roles import REPORT_READERS

        from . import models, seed

        audit.track(models.AnnualReport)
        seeding.register("Тексты годового отчёта", seed.run, order=90)
        navigation.register(
            navigation.Menu(
                "Отчёты",
                key="reports",
                order=60,
                icon="file-earmark-text",
                items=(
                    navigation.MenuItem(
                        "Годовые отчёты",
                        "reports:index",
                        roles=REPORT_READERS,
                    ),
                ),
            )
        )
