from django.apps import AppConfig


class MembersConfig(AppConfig):
    """The cluster and who is in it."""

    name = "members"
    verbose_name = "Участники кластера"

    def ready(self):
        from cluster_portal.api import registry as api_registry

        from . import api

        api_registry.register(*api.ENDPOINTS)
        from cluster_portal.core import (
            admin_scale,
            audit,
            autocomplete,
            backup,
            dashboard,
            dataversion,
            imports,
            navigation,
            regional,
            reporting,
            seeding,
        )
        from cluster_portal.core.roles import COORDINATION, ORGANIZATION_ROLES, STAFF_ROLES

        from . import autocomplete as sources
        from . import io, models, panels, region, report, seed, selectors

        dataversion.watch(self)
        reporting.register_sections(report.sections)
        admin_scale.register_small(models.Cluster, models.Sector, models.EnlargedGroup)
        backup.register_in_use(selectors.holds_data)
        for model in (
            models.Cluster,
            models.Organization,
            models.Membership,
            models.EnlargedGroup,
            models.Sector,
            models.Person,
            models.NormativeDocument,
            models.OrganizationName,
        ):
            audit.track(model)
        audit.track(models.User, exclude_fields=["password", "last_login"])
        imports.register(io.OrganizationImport())
        imports.register(io.PersonImport())
        autocomplete.register(*sources.SOURCES)
        regional.register(region.figures, order=10)
        seeding.register("Участники кластера", seed.run, order=10)
        seeding.register("Демо-пользователи", seed.run_users, order=11, generated=True)
        seeding.register("Демо ИТ-кластер: участники", seed.run_it_cluster, order=15, generated=True)
        dashboard.register(panels.composition_panel)
        navigation.register(
            navigation.Menu(
                "Участники",
                key="members",
                order=10,
                icon="building",
                items=(
                    navigation.MenuItem("Организации", "members:organization_list"),
                    navigation.MenuItem("Кластеры", "members:cluster_list"),
                    navigation.MenuItem("Участие в кластерах", "members:membership_list"),
                    navigation.MenuItem("Отрасли", "members:sector_list"),
                    navigation.MenuItem("УГПС", "members:enlargedgroup_list"),
                    navigation.MenuItem(
                        "Персоны",
                        "members:person_list",
                        roles=STAFF_ROLES | ORGANIZATION_ROLES,
                    ),
                    navigation.MenuItem("Нормативные документы", "members:normativedocument_list"),
                    navigation.MenuItem("Пользователи", "members:user_list", roles=COORDINATION),
                ),
            )
        )
