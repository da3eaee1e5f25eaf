"""Row rules shared by the events models' access policies."""

from __future__ import annotations

from django.db.models import Q

from cluster_portal.core.access import ALL, Policy, Where
from cluster_portal.core.roles import PERSONAL_DATA_ROLES, Role

from ..choices import EventStatus


def visible_events(prefix: str = "") -> Where:
    """Published events, and the ones the user's organization proposed (in any state)."""

    def build(user):
        condition = Q(**{f"{prefix}status": EventStatus.PUBLISHED})
        if user.organization_id:
            condition |= Q(**{f"{prefix}proposed_by": user.organization_id})
        return condition

    return Where(build)


def published(prefix: str = "") -> Where:
    return Where(lambda user: Q(**{f"{prefix}status": EventStatus.PUBLISHED}))


def own_unpublished(path: str = "proposed_by") -> Where:
    """The organization's own proposals not yet published (a published event is the cluster's record)."""

    def build(user):
        if not user.organization_id:
            return Q(pk__in=[])
        return Q(**{path: user.organization_id}) & ~Q(status=EventStatus.PUBLISHED)

    return Where(build)


def own_org(path: str, distinct: bool = False) -> Where:
    """Rows whose ``path`` is the user's organization; none for a user without one."""

    def build(user):
        if not user.organization_id:
            return Q(pk__in=[])
        return Q(**{path: user.organization_id})

    return Where(build, distinct=distinct)


def students_results(cluster: str) -> Policy:
    """A student's result is personal data: the coordinator and the student's own college, as practice data.

    ``cluster`` is the lookup to the cluster of the competition or exam the result is of.
    """
    own_college = own_org("student__college")
    return Policy(
        view={Role.COORDINATOR: ALL, Role.COLLEGE: own_college},
        add=PERSONAL_DATA_ROLES,
        change={Role.COORDINATOR: ALL, Role.COLLEGE: own_college},
        cluster=cluster,
    )
