"""Dashboard panels of the members app."""

from django.urls import reverse

from cluster_portal.core import dashboard
from cluster_portal.core.dashboard import Figure, Panel

from .choices import OrganizationKind
from .selectors import default_cluster, organization_counts


@dashboard.reads("members")
def composition_panel(user):
    cluster = default_cluster(user=user)
    if cluster is None:
        return None
    counts = organization_counts(cluster=cluster)
    url = reverse("members:organization_list")
    return Panel(
        title=f"Состав: {cluster.short_name}",
        order=10,
        figures=[
            Figure("ПОО", counts[OrganizationKind.COLLEGE], f"{url}?kind=college&cluster={cluster.pk}"),
            Figure(
                "Работодатели и их объединения",
                counts[OrganizationKind.EMPLOYER] + counts[OrganizationKind.EMPLOYERS_UNION],
                f"{url}?cluster={cluster.pk}",
            ),
            Figure("Органы власти и иные", counts[OrganizationKind.GOVERNMENT] + counts[OrganizationKind.OTHER]),
            Figure("Школы", counts[OrganizationKind.SCHOOL]),
            Figure("Всего участников", counts["total"], reverse("members:cluster_detail", args=[cluster.pk])),
        ],
    )
