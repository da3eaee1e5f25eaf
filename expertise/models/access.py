"""Row rules of the expertise models' access policies."""

from __future__ import annotations

from django.db.models import Q

from cluster_portal.core.access import Where


def own_org(path: str, **extra) -> Where:
    """Rows whose ``path`` is the user's organization, with extra conditions; none without one."""

    def build(user):
        if not user.organization_id:
            return Q(pk__in=[])
        return Q(**{path: user.organization_id}, **extra)

    return Where(build)


def as_expert(path: str, **extra) -> Where:
    """Rows of the expert profile behind ``path`` that belongs to the user."""
    return Where(lambda user: Q(**{path: user.pk}, **extra))
