from django.apps import AppConfig


class PracticeConfig(AppConfig):
    """Practice, mentoring and employment."""

    name = "practice"
    verbose_name = "Практика и трудоустройство"

    def ready(self):
        from cluster_portal.api import registry as api_registry

        from . import api

        api_registry.register(*api.ENDPOINTS)
        from cluster_portal.core import (
            admin_scale,
            audit,
            autocomplete,
            dashboard,
            dataversion,
            imports,
            navigation,
            regional,
            reporting,
            seeding,
        )
        from cluster_portal.core.roles import COORDINATION, PERSONAL_DATA_ROLES, PROPOSER_ROLES, REPORT_READERS, Role
        from cluster_portal.jobs import files as job_files
        from cluster_portal.jobs import registry as job_registry
        from cluster_portal.jobs import summaries
        from cluster_portal.worklist import registry as worklist_registry
        from councils import evidence as plan_evidence

        from . import analytics_export, analytics_summary, evidence, io, models, panels, region, report, seed, worklist
        from . import autocomplete as sources

        dataversion.watch(self)
        summaries.register(analytics_summary.KIND)
        job_registry.register(job_files.document_kind(analytics_export.KIND, analytics_export.build))
        reporting.register_sections(report.sections)
        admin_scale.register_small(models.DataCollection)
        for model in (
            models.PracticeBase,
            models.PracticeAgreement,
            models.Placement,
            models.EmploymentOutcome,
            models.TeacherInternship,
            models.DataCollection,
            models.Submission,
        ):
            audit.track(model)
        # Names never enter the history; record numbers are masked there.
        audit.track(models.Student, exclude_fields=["full_name"], mask_fields=["record_number"])
        imports.register(io.StudentImport())
        imports.register(io.PlacementImport())
        imports.register(io.OutcomeImport())
        plan_evidence.register(evidence.PROVIDER)
        autocomplete.register(*sources.SOURCES)
        regional.register(region.figures, order=40)
        seeding.register("Практика, наставничество и трудоустройство", seed.run, order=40)
        seeding.register("Практика: сгенерированные демо-записи", seed.run_generated, order=41, generated=True)
        dashboard.register(panels.practice_panel)
        navigation.register(
            navigation.Menu(
                "Практика",
                key="practice",
                order=50,
                icon="briefcase",
                items=(
                    navigation.MenuItem("Аналитика: практика и трудоустройство", "practice:analytics"),
                    navigation.MenuItem("Базы практики", "practice:practicebase_list"),
                    navigation.MenuItem(
                        "Договоры о практике",
                        "practice:practiceagreement_list",
                        roles=REPORT_READERS | PROPOSER_ROLES,
                    ),
                    navigation.MenuItem("Студенты", "practice:student_list", roles=PERSONAL_DATA_ROLES),
                    navigation.MenuItem(
                        "Практики студентов", "practice:placement_list", roles=PERSONAL_DATA_ROLES | {Role.EMPLOYER}
                    ),
                    navigation.MenuItem(
                        "Трудоустройство выпускников", "practice:employmentoutcome_list", roles=PERSONAL_DATA_ROLES
                    ),
                    navigation.MenuItem(
                        "Стажировки преподавателей",
                        "practice:teacherinternship_list",
                        roles=REPORT_READERS | PROPOSER_ROLES,
                    ),
                    navigation.MenuItem(
                        "Сборы данных",
                        "practice:datacollection_list",
                        roles=REPORT_READERS | {Role.COLLEGE},
                    ),
                    navigation.MenuItem(
                        "Журнал просмотров данных студентов",
                        "practice:studentdataaccess_list",
                        roles=COORDINATION,
                    ),
                ),
            )
        )
        worklist_registry.register(worklist.college_tasks)
        worklist_registry.register(worklist.employer_tasks)
        worklist_registry.register(worklist.coordinator_tasks)
