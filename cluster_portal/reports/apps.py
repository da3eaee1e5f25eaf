from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """The annual report, assembled from the apps' report sections."""

    name = "cluster_portal.reports"
    label = "reports"
    verbose_name = "Годовой отчёт"

    def ready(self):
        from cluster_portal.core import audit, benchmark, navigation, seeding
        from cluster_portal.core.roles import Role

        from . import bench, models, seed

        audit.track(models.AnnualReport)
        seeding.register("Тексты годового отчёта", seed.run, order=90)
        benchmark.register_page(
            benchmark.BenchPage("Годовой отчёт 2021/2022 (HTML)", "/reports/annual/2021-2022/", "secretary")
        )
        benchmark.register_extra("PDF годового отчёта", bench.pdf_timing)
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
                        roles=frozenset({Role.COORDINATOR, Role.SECRETARY, Role.OBSERVER}),
                    ),
                ),
            )
        )
