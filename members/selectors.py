"""Reads of the members app, scoped by the kernel's access rules."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse

from cluster_portal.core.access import in_own_clusters, may, restrict

from .choices import MembershipRole, OrganizationKind
from .models import (
    Cluster,
    EnlargedGroup,
    Membership,
    NormativeDocument,
    Organization,
    Person,
    Sector,
    SectorCollege,
    User,
)


def holds_data() -> bool:
    """Whether organizations or users are recorded: the installation is in use (a restore would overwrite it)."""
    return Organization.objects.exists() or User.objects.exists()


def organization_list(*, user, action: str = "view") -> QuerySet[Organization]:
    return restrict(Organization.objects.select_related("parent"), user, action)


def cluster_list(*, user, action: str = "view") -> QuerySet[Cluster]:
    return restrict(Cluster.objects.select_related("lead_college", "department", "contact_person"), user, action)


def membership_list(*, user, action: str = "view") -> QuerySet[Membership]:
    return restrict(Membership.objects.select_related("cluster", "organization"), user, action)


def enlarged_group_list(*, user, action: str = "view") -> QuerySet[EnlargedGroup]:
    return restrict(EnlargedGroup.objects.all(), user, action)


def sector_list(*, user, action: str = "view") -> QuerySet[Sector]:
    colleges = SectorCollege.objects.select_related("college").order_by("order", "pk")
    return restrict(
        Sector.objects.select_related("cluster").prefetch_related(
            "groups", Prefetch("college_links", queryset=colleges)
        ),
        user,
        action,
    )


def person_list(*, user, action: str = "view") -> QuerySet[Person]:
    return restrict(Person.objects.select_related("organization"), user, action)


def document_list(*, user, action: str = "view") -> QuerySet[NormativeDocument]:
    return restrict(NormativeDocument.objects.select_related("cluster"), user, action)


def default_cluster(*, user=None, with_relations: bool = True) -> Cluster | None:
    """The cluster a page is about when it names none: the first of the clusters ``user`` acts in.

    A single-cluster deployment has one; a coordinator of one cluster gets theirs.

    ``with_relations=False`` for a page that needs only the cluster itself: the four joins cost it
    a millisecond.
    """
    queryset = Cluster.objects.order_by("pk")
    if with_relations:
        queryset = queryset.select_related("lead_college", "department", "contact_person", "composition_order")
    if user is not None:
        queryset = in_own_clusters(queryset, user)
    return queryset.first()


def composition(*, cluster: Cluster) -> list[tuple[str, list[Membership]]]:
    """Members of a cluster grouped by their role, in the order of the report."""
    members = list(
        Membership.objects.filter(cluster=cluster)
        .select_related("organization")
        .order_by("order", "organization__short_name")
    )
    region = f" {cluster.region_genitive}" if cluster.region_genitive else ""
    groups = [
        (f"ПОО{region}", {MembershipRole.LEAD_COLLEGE, MembershipRole.COLLEGE}),
        ("Представители работодателей", {MembershipRole.EMPLOYER}),
        (f"Органы государственной власти{region}", {MembershipRole.GOVERNMENT}),
        ("Общеобразовательные организации", {MembershipRole.SCHOOL}),
        ("Иные участники", {MembershipRole.OTHER}),
    ]
    return [(title, [m for m in members if m.role in kinds]) for title, kinds in groups]


def organization_counts(*, cluster: Cluster | None) -> dict[str, int]:
    """Number of member organizations of each kind (one query)."""
    qs = Organization.objects.all()
    if cluster is not None:
        qs = qs.filter(memberships__cluster=cluster)
    row = qs.aggregate(
        total=Count("pk", distinct=True),
        **{kind: Count("pk", filter=Q(kind=kind), distinct=True) for kind in OrganizationKind.values},
    )
    return row


def user_list(*, user, action: str = "view") -> QuerySet[User]:
    return restrict(User.objects.select_related("organization", "person"), user, action)


@dataclass(frozen=True)
class NextStep:
    """One thing an organization's record still lacks, and where the viewer adds it ("" if they may not)."""

    title: str
    done: bool
    url: str
    action: str


def organization_next_steps(*, organization: Organization, user) -> list[NextStep]:
    """What a new organization needs next: its membership, contact persons and portal users."""
    query = f"?organization={organization.pk}"
    steps = (
        ("Участие в кластере", Membership, "members:membership_add", "Добавить участие в кластере"),
        ("Контактные лица", Person, "members:person_add", "Добавить контактное лицо"),
        ("Пользователи портала", User, "members:user_add", "Создать пользователя"),
    )
    return [
        NextStep(
            title=title,
            done=model._default_manager.filter(organization=organization).exists(),
            url=reverse(url_name) + query if may(user, model, "add") else "",
            action=action,
        )
        for title, model, url_name, action in steps
    ]
