"""«Мои задачи» of the programs app: admission targets (КЦП) to propose, to agree or to correct, with the
deadlines of the year's round (``AdmissionRound``)."""

from __future__ import annotations

from collections import Counter

from django.urls import reverse
from django.utils.http import urlencode

from cluster_portal.core.roles import Role, role_of
from cluster_portal.worklist.registry import Task

from .choices import TargetStatus
from .selectors import admission_round_list, admission_target_list


def open_rounds(user, today) -> dict:
    """The rounds whose agreement has not ended, by admission year."""
    return {r.year: r for r in admission_round_list(user=user).filter(agree_by__gte=today)}


def coordinator_tasks(user, today):
    """КЦП proposed by colleges and waiting for the coordinator, per admission year."""
    if role_of(user) != Role.COORDINATOR:
        return []
    years = Counter(
        admission_target_list(user=user).filter(status=TargetStatus.PROPOSED).values_list("year", flat=True)
    )
    url = reverse("programs:admissiontarget_list")
    deadlines = {r.year: r.agree_by for r in admission_round_list(user=user).filter(year__in=years)}
    return [
        Task(
            title=f"Согласовать КЦП на {year} год: предложений — {count}",
            url=f"{url}?{urlencode({'year': year, 'status': TargetStatus.PROPOSED})}",
            deadline=deadlines.get(year),
            action="согласовать",
        )
        for year, count in sorted(years.items())
    ]


def college_proposals(user, today):
    """A round under way for which the college has proposed nothing yet: «Предложить КЦП» by its date."""
    if role_of(user) != Role.COLLEGE or not user.organization_id:
        return []
    rounds = open_rounds(user, today)
    proposed = set(
        admission_target_list(user=user)
        .filter(college_id=user.organization_id, year__in=rounds)
        .values_list("year", flat=True)
    )
    return [
        Task(
            title=f"Предложить КЦП на {year} год",
            url=reverse("programs:admissiontarget_add"),
            deadline=rounds[year].propose_by,
            note=f"Согласование координатором — до {rounds[year].agree_by:%d.%m.%Y}.",
            action="предложить",
        )
        for year in sorted(rounds)
        if year not in proposed
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
