"""The bench copies the seed report's cluster: its tests load the demo without the demo IT cluster."""

from django.db import transaction

from cluster_portal.core import seeding

IT_CLUSTER_STEPS = "Демо ИТ-кластер"


def seed_the_report_cluster() -> None:
    """Every seeding step of `seed_demo` except the demo IT cluster's, in one transaction."""
    with transaction.atomic():
        for step in seeding.steps():
            if not step.label.startswith(IT_CLUSTER_STEPS):
                step.run()
