"""The roles of portal users and the groups of them the rules name (DESIGN.md, «Users and what they do»).

Every role group an app's policy, menu or service needs is named here once; apps compose these
groups, they do not spell role lists of their own.
"""

from django.db import models


class Role(models.TextChoices):
    COORDINATOR = "coordinator", "Координатор кластера"
    SECRETARY = "secretary", "Секретарь"
    EXPERT = "expert", "Эксперт (специалист предприятия)"
    COLLEGE = "college", "Представитель ПОО"
    EMPLOYER = "employer", "Представитель работодателя"
    OBSERVER = "observer", "Наблюдатель (департамент)"


ALL_ROLES = frozenset(Role)
# The coordinator alone: keeps the cluster's reference data, users and collections.
COORDINATION = frozenset({Role.COORDINATOR})
# The cluster's own staff: coordinator and secretary.
STAFF_ROLES = frozenset({Role.COORDINATOR, Role.SECRETARY})
# Roles held per cluster: a user of these roles assigned to clusters acts only in them (core.access).
CLUSTER_ROLES = STAFF_ROLES
# Everyone else: the department's observer and the organizations' representatives.
NON_STAFF_ROLES = ALL_ROLES - STAFF_ROLES
# Users who act for an organization (a user of these roles must have one).
ORGANIZATION_ROLES = frozenset({Role.COLLEGE, Role.EMPLOYER, Role.EXPERT})
# Organizations that propose rows of their own (events, practice bases) for the coordinator to keep.
PROPOSER_ROLES = frozenset({Role.COLLEGE, Role.EMPLOYER})
# Who reads the cluster's summaries and reports: staff and the observer.
REPORT_READERS = STAFF_ROLES | {Role.OBSERVER}
# Who reads students' personal data: the coordinator and the student's own college.
PERSONAL_DATA_ROLES = frozenset({Role.COORDINATOR, Role.COLLEGE})


def role_of(user) -> str | None:
    """The role of a user, or None for anonymous users."""
    if not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser:
        return Role.COORDINATOR
    return user.role
