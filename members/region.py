"""The members app's figures on the region's comparison page."""

from cluster_portal.core.regional import Figure

from .choices import OrganizationKind
from .selectors import organization_counts


def figures(*, cluster, year) -> list[Figure]:
    counts = organization_counts(cluster=cluster)
    kinds = [Figure("Участники", str(label), counts[kind]) for kind, label in OrganizationKind.choices]
    return [Figure("Участники", "Всего организаций", counts["total"]), *kinds]
