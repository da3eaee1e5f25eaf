"""Reads of the members app, scoped by the kernel's access rules."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from cluster_portal.core.access import in_own_clusters, may, restrict

from .choices import MembershipRole, OrganizationKind
from .models import (
    Cluster,
    EnlargedGroup,
    Membership,
    NormativeDocument,
    Organization,
    OrganizationName,
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


def documents_in_force(*, cluster: Cluster, first_day: dt.date, last_day: dt.date) -> list[NormativeDocument]:
    """The cluster's documents in force at some time between two days (issued by then, not void before)."""
    return list(
        NormativeDocument.objects.filter(cluster=cluster, date__lte=last_day)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=first_day))
        .order_by("pk")
    )


def lead_college_in(*, cluster: Cluster, year) -> Organization | None:
    """The cluster's lead college as the year ended: its lead-college member then, else the one recorded now."""
    lead = (
        Membership.objects.filter(cluster=cluster, role=MembershipRole.LEAD_COLLEGE)
        .filter(valid_during(year.last_day, year.last_day))
        .select_related("organization")
        .order_by("order", "pk")
        .first()
    )
    return lead.organization if lead else cluster.lead_college


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


def valid_during(first_day: dt.date, last_day: dt.date, *, start: str = "date_from", end: str = "date_to") -> Q:
    """Rows valid at some time between two days: started by the last (or start unknown), not ended before the first."""
    return (Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": last_day})) & (
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": first_day})
    )


def names_as_of(pairs: Iterable[tuple[Organization, dt.date]]) -> None:
    """Give each organization instance the name it bore on its date, in place (one query).

    For documents about a past period: the instances are the caller's own, read for that document
    and never saved. A former name (``OrganizationName``) covers the days up to its ``valid_until``
    after the previous one's; after the last, the organization's current name holds.
    """
    pairs = [(org, on) for org, on in pairs if org is not None]
    if not pairs:
        return
    earliest = min(on for _org, on in pairs)
    former: dict[int, list[OrganizationName]] = {}
    for row in OrganizationName.objects.filter(
        organization__in={org.pk for org, _on in pairs}, valid_until__gte=earliest
    ).order_by("valid_until"):
        former.setdefault(row.organization_id, []).append(row)
    for org, on in pairs:
        bore = next((row for row in former.get(org.pk, ()) if row.valid_until >= on), None)
        if bore is not None:
            org.name, org.short_name = bore.name, bore.short_name


def short_name_on(organization: str, on: str):
    """The short name the organization at the lookup ``organization`` bore on the date at the lookup ``on``, as an
    expression to annotate rows with: a list names each row's organization as on its own date in its own query
    (the rule of ``names_as_of``: the first former name valid until that day or later, else today's name)."""
    former = OrganizationName.objects.filter(organization=OuterRef(organization), valid_until__gte=OuterRef(on))
    return Coalesce(Subquery(former.order_by("valid_until").values("short_name")[:1]), F(f"{organization}__short_name"))


def names_on(organizations: Iterable[Organization], on: dt.date) -> None:
    """Every organization instance given the name it bore on ``on`` (see ``names_as_of``)."""
    names_as_of((org, on) for org in organizations)


def composition(*, cluster: Cluster, year=None) -> list[tuple[str, list[Membership]]]:
    """Members of a cluster grouped by their role, in the order of the report.

    With ``year`` (an ``AcademicYear``): the members at some time during it, named as at its end.
    """
    members = Membership.objects.filter(cluster=cluster)
    if year is not None:
        members = members.filter(valid_during(year.first_day, year.last_day))
    members = list(members.select_related("organization").order_by("order", "organization__short_name", "pk"))
    if year is not None:
        names_on((m.organization for m in members), year.last_day)
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
