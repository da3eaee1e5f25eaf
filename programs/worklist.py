"""«Мои задачи» of the programs app: admission targets (КЦП) to agree or to correct."""

from __future__ import annotations

from collections import Counter

from django.urls import reverse
from django.utils.http import urlencode

from cluster_portal.core.roles import Role, role_of
from cluster_portal.worklist.registry import Task

from .choices import TargetStatus
from .selectors import admission_target_list


def coordinator_tasks(user, today):
    """КЦП proposed by colleges and waiting for the coordinator, per admission year."""
    if role_of(user) != Role.COORDINATOR:
        return []
    years = Counter(
        admission_target_list(user=user).filter(status=TargetStatus.PROPOSED).values_list("year", flat=True)
    )
    url = reverse("programs:admissiontarget_list")
    return [
        Task(
            title=f"Согласовать КЦП на {year} год: предложений — {count}",
            url=f"{url}?{urlencode({'year': year, 'status': TargetStatus.PROPOSED})}",
            action="согласовать",
        )
        for year, count in sorted(years.items())
    ]


def college_tasks(user, today):
    """The college's КЦП returned by the coordinator, with the comment."""
    if role_of(user) != Role.COLLEGE:
        return []
    returned = admission_target_list(user=user).filter(college_id=user.organization_id, status=TargetStatus.RETURNED)
    return [
        Task(
            title=f"Доработать КЦП на {t.year} год: {t.specialty}",
            url=t.get_absolute_url(),
            note=f"Комментарий координатора: {t.comment}" if t.comment else "",
            action="исправить",
        )
        for t in returned
    ]
