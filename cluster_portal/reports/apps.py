from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """The annual report, assembled from the apps' report sections."""

    name = "cluster_portal.reports"
    label = "reports"
    verbose_name = "Годовой отчёт"

    def ready(self):
        from cluster_portal.core import audit, dataversion, navigation, seeding
        from cluster_portal.core.roles import REPORT_READERS
        from cluster_portal.jobs import files as job_files
        from cluster_portal.jobs import registry as job_registry
        from cluster_portal.worklist import registry as worklist_registry

        from . import jobs, models, seed, worklist

        dataversion.watch(self)  # «Мои задачи» reads the reports' table (the observer's feed)
        audit.track(models.AnnualReport)
        seeding.register("Тексты годового отчёта", seed.run, order=90)
        worklist_registry.register(worklist.observer_tasks)
        job_registry.register(job_files.document_kind(jobs.PDF_KIND, jobs.build_pdf))
        job_registry.register(jobs.DRAFT)
        job_registry.register(jobs.APPROVE)
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
                    navigation.MenuItem("Кластеры региона", "reports:region", roles=REPORT_READERS),
                ),
            )
        )
