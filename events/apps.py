from django.apps import AppConfig


class EventsConfig(AppConfig):
    """Events of the cluster, competitions, demonstration exams and the evidence they give the plan."""

    name = "events"
    verbose_name = "Мероприятия и экзамены"

    def ready(self):
        from cluster_portal.api import registry as api_registry

        from . import api

        api_registry.register(*api.ENDPOINTS)
        from cluster_portal.core import (
            audit,
            autocomplete,
            dashboard,
            dataversion,
            fragments,
            imports,
            navigation,
            reporting,
            seeding,
        )
        from cluster_portal.core.roles import ALL_ROLES, PERSONAL_DATA_ROLES
        from councils import evidence as plan_evidence

        from . import evidence, io, models, panels, report, seed
        from .autocomplete import SOURCES
        from .views import public

        dataversion.watch(self)
        reporting.register_sections(report.sections)
        for model in (
            models.EventKind,
            models.Event,
            models.EventFile,
            models.Participant,
            models.CompetitionExpert,
            models.ExamSession,
            models.ExamPanelMember,
            models.ExamResult,
        ):
            audit.track(model)
        imports.register(io.EventImport())
        imports.register(io.ExamResultImport())
        for provider in evidence.PROVIDERS:
            plan_evidence.register(provider)
        autocomplete.register(*SOURCES)
        seeding.register("Мероприятия", seed.run, order=60)
        seeding.register("Демо-экзамены и эксперты чемпионата", seed.run_generated, order=61, generated=True)
        dashboard.register(panels.events_panel)
        fragments.register("catalog.index", public.catalog_upcoming)
        fragments.register("catalog.program", public.program_upcoming)
        navigation.register(
            navigation.Menu(
                "Мероприятия",
                key="events",
                order=45,
                icon="calendar-event",
                items=(
                    navigation.MenuItem("Мероприятия", "events:event_list"),
                    navigation.MenuItem(
                        "Демонстрационные экзамены и НОК",
                        "events:examsession_list",
                        roles=ALL_ROLES,
                    ),
                    navigation.MenuItem("Результаты экзаменов", "events:examresult_list", roles=PERSONAL_DATA_ROLES),
                    navigation.MenuItem("Участники конкурсов", "events:participant_list", roles=PERSONAL_DATA_ROLES),
                    navigation.MenuItem("Эксперты конкурсов", "events:competitionexpert_list"),
                    navigation.MenuItem("Виды мероприятий", "events:eventkind_list"),
                ),
            )
        )
