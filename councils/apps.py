from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    """Councils, meetings, minutes, decisions and the work plan."""

    name = "councils"
    verbose_name = "Советы и план работы"

    def ready(self):
        from cluster_portal.api import registry as api_registry

        from . import api

        api_registry.register(*api.ENDPOINTS)
        from cluster_portal.core import (
            admin_scale,
            audit,
            dashboard,
            dataversion,
            fragments,
            imports,
            navigation,
            regional,
            reporting,
            seeding,
        )
        from cluster_portal.core.roles import STAFF_ROLES
        from cluster_portal.worklist import registry as worklist_registry

        from . import evidence, io, models, panels, providers, region, report, seed, worklist
        from .views.execution import evidence_backlinks

        dataversion.watch(self)
        reporting.register_sections(report.sections)
        admin_scale.register_small(models.Council, models.WorkPlan, models.PlanSection)
        for model in (
            models.Council,
            models.CouncilMember,
            models.Meeting,
            models.AgendaItem,
            models.Attendance,
            models.Minutes,
            models.Decision,
            models.ProtocolRevision,
            models.Invitation,
            models.WorkPlan,
            models.PlanSection,
            models.PlanItem,
            models.PlanReport,
        ):
            audit.track(model)
        # The token is a credential: its history records that it changed, never its value.
        audit.track(models.CalendarFeed, exclude_fields=["token", "last_used_at"])
        imports.register(io.PlanItemImport())
        for provider in providers.PROVIDERS:
            evidence.register(provider)
        regional.register(region.figures, order=30, latest=region.latest)
        seeding.register("Советы и план работы", seed.run, order=30)
        seeding.register("Составы советов (демо)", seed.run_generated, order=31, generated=True)
        seeding.register("Демо ИТ-кластер: совет и план", seed.run_it_cluster, order=35, generated=True)
        fragments.register("plan.evidence", evidence_backlinks)
        dashboard.register(panels.overdue_panel)
        dashboard.register(panels.upcoming_panel)
        navigation.register(
            navigation.Menu(
                "Советы",
                key="councils",
                order=20,
                icon="people",
                items=(
                    navigation.MenuItem("Заседания", "councils:meeting_list"),
                    navigation.MenuItem("Календарь заседаний", "councils:calendar"),
                    navigation.MenuItem("Решения", "councils:decision_list"),
                    navigation.MenuItem("Советы и их состав", "councils:council_list"),
                    navigation.MenuItem("Члены советов", "councils:councilmember_list", roles=STAFF_ROLES),
                    navigation.MenuItem("Планы работы", "councils:workplan_list"),
                    navigation.MenuItem("Пункты планов", "councils:planitem_list"),
                    navigation.MenuItem("Исполнение плана", "councils:plan_execution_current"),
                    navigation.MenuItem("Подписка на календарь", "councils:calendar_subscribe"),
                ),
            )
        )
        worklist_registry.register(worklist.secretary_tasks)
        worklist_registry.register(worklist.decision_tasks)
        worklist_registry.register(worklist.plan_item_tasks)
