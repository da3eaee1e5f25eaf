from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    """The program bank: specialties, programs, admission targets, public catalog."""

    name = "programs"
    verbose_name = "Банк программ"

    def ready(self):
        from cluster_portal.api import registry as api_registry

        from . import api

        api_registry.register(*api.ENDPOINTS)
        api_registry.register_open(*api.OPEN_DATA)
        from cluster_portal.core import (
            admin_scale,
            audit,
            autocomplete,
            dashboard,
            dataversion,
            fragments,
            imports,
            navigation,
            regional,
            reporting,
            seeding,
        )
        from cluster_portal.core.roles import PROPOSER_ROLES, REPORT_READERS, Role
        from cluster_portal.worklist import registry as worklist_registry

        from . import autocomplete as sources
        from . import io, models, panels, region, report, seed, worklist

        dataversion.watch(self)
        from . import fragments as pieces

        fragments.register("members.organization.next_steps", pieces.organization_next_program)
        reporting.register_sections(report.sections)
        admin_scale.register_small(models.Specialty)
        for model in (
            models.Specialty,
            models.ProgramDocument,
            models.AdditionalProgram,
            models.AdmissionTarget,
            models.AdmissionAgreement,
            models.AdmissionRound,
        ):
            audit.track(model)
        audit.track(models.Program, m2m_fields={"partners"})
        imports.register(io.SpecialtyImport())
        imports.register(io.ProgramImport())
        imports.register(io.AdditionalProgramImport())
        imports.register(io.AdmissionTargetImport())
        autocomplete.register(*sources.SOURCES)
        regional.register(region.figures, order=20)
        seeding.register("Банк программ", seed.run, order=20)
        seeding.register(
            "Банк программ: сгенерированные демо-программы и КЦП", seed.run_generated, order=21, generated=True
        )
        seeding.register("Демо ИТ-кластер: программа", seed.run_it_cluster, order=22, generated=True)
        dashboard.register(panels.program_bank_panel)
        navigation.register(
            navigation.Menu(
                "Программы",
                key="programs",
                order=20,
                icon="journal-bookmark",
                items=(
                    navigation.MenuItem("Банк образовательных программ", "programs:program_list"),
                    navigation.MenuItem("Дополнительные программы", "programs:additionalprogram_list"),
                    navigation.MenuItem("Специальности и профессии", "programs:specialty_list"),
                    navigation.MenuItem(
                        "Контрольные цифры приёма",
                        "programs:admissiontarget_list",
                        roles=REPORT_READERS | PROPOSER_ROLES,
                    ),
                    navigation.MenuItem(
                        "Сроки КЦП", "programs:admissionround_list", roles=REPORT_READERS | {Role.COLLEGE}
                    ),
                    navigation.MenuItem(
                        "КЦП по отраслям и ПОО",
                        "programs:admissiontarget_summary",
                        roles=REPORT_READERS | PROPOSER_ROLES,
                    ),
                ),
            )
        )
        from cluster_portal.jobs import files as job_files
        from cluster_portal.jobs import registry as job_registry

        from . import brochure

        job_registry.register(job_files.document_kind(brochure.KIND, brochure.build))
        worklist_registry.register(worklist.coordinator_tasks)
        worklist_registry.register(worklist.college_tasks)
        worklist_registry.register(worklist.college_proposals)
