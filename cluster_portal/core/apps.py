from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    """The shared kernel: access rules, generic views, Excel, PDF, audit."""

    name = "cluster_portal.core"
    label = "core"
    verbose_name = "Ядро портала"

    def ready(self):
        from . import tables  # noqa: F401  (registers the date columns before any table is declared)
        from .collation import register_for_sqlite

        connection_created.connect(register_for_sqlite, dispatch_uid="core.collation.sqlite")
        post_migrate.connect(_install_data_versions, sender=self, dispatch_uid="core.dataversion.install")


def _install_data_versions(sender, using="default", **kwargs):
    from .dataversion import install, new_epoch

    install(using)
    new_epoch(using)  # each upgrade runs migrate: nothing the former code kept is shown by the new one
