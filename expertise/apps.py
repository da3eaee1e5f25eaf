from django.apps import AppConfig


class ExpertiseConfig(AppConfig):
    """Expert sessions and checklists."""

    name = "expertise"
    verbose_name = "Экспертиза программ"

    def ready(self):
        from cluster_portal.api import registry as api_registry

        from . import api

        api_registry.register(*api.ENDPOINTS)
        from cluster_portal.core import (
            admin_scale,
            audit,
            dashboard,
            dataversion,
            imports,
            navigation,
            regional,
            reporting,
            seeding,
        )
        from cluster_portal.core.roles import STAFF_ROLES, Role
        from cluster_portal.worklist import registry as worklist_registry
        from councils import evidence as plan_evidence

        from . import evidence, io, models, panels, region, report, seed, worklist

        dataversion.watch(self)
        reporting.register_sections(report.sections)
        admin_scale.register_small(models.ChecklistTemplate, models.ChecklistSection)
        for model in (
            models.ChecklistTemplate,
            models.ChecklistSection,
            models.Criterion,
            models.Expert,
            models.ExpertCertificate,
            models.ExpertSession,
            models.SessionParticipant,
            models.SessionProgram,
            models.Review,
            models.ReviewAnswer,
            models.ReviewEvent,
        ):
            audit.track(model)
        imports.register(io.CertificateImport())
        plan_evidence.register(evidence.PROVIDER)
        regional.register(region.figures, order=50)
        seeding.register("Экспертиза программ", seed.run, order=50)
        seeding.register("Экспертиза: демо-эксперты и их листы", seed.run_generated, order=51, generated=True)
        seeding.register("Демо ИТ-кластер: экспертиза", seed.run_it_cluster, order=55, generated=True)
        dashboard.register(panels.my_reviews_panel)
        dashboard.register(panels.expertise_panel)
        navigation.register(
            navigation.Menu(
                "Экспертиза",
                key="expertise",
                order=40,
                icon="clipboard-check",
                items=(
                    navigation.MenuItem(
                        "Мои экспертные листы", "expertise:review_list", roles=frozenset({Role.EXPERT})
                    ),
                    navigation.MenuItem("Экспертные сессии", "expertise:expertsession_list"),
                    navigation.MenuItem("Экспертные листы", "expertise:review_list", roles=STAFF_ROLES),
                    navigation.MenuItem(
                        "Эксперты", "expertise:expert_list", roles=STAFF_ROLES | {Role.EMPLOYER, Role.EXPERT}
                    ),
                    navigation.MenuItem("Шаблоны экспертного листа", "expertise:checklisttemplate_list"),
                ),
            )
        )
        worklist_registry.register(worklist.expert_tasks)
        worklist_registry.register(worklist.coordinator_tasks)
        worklist_registry.register(worklist.observer_tasks)
