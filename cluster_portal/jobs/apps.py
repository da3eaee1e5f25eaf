from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Background jobs (django-tasks): the job a user started, its progress and its result."""

    name = "cluster_portal.jobs"
    label = "jobs"
    verbose_name = "Фоновые задачи"

    def ready(self):
        from cluster_portal.core.imports import offload

        from . import checks, imports, registry  # noqa: F401 (checks register themselves)

        registry.register(
            registry.JobKind("import", imports.run, "jobs/partials/_import_result.html", imports.result_context)
        )
        offload.register(imports.offload)
