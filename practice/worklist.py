"""«Мои задачи» of the practice app: data collections to answer (college) and to check (coordinator),
students coming to an employer's practice bases."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode

from cluster_portal.core.roles import Role, role_of
from cluster_portal.worklist.registry import Task

from .choices import PlacementKind, SubmissionStatus
from .selectors.data_collections import submission_is_late
from .selectors.lists import placement_list, submission_list

TO_ANSWER = (SubmissionStatus.PENDING, SubmissionStatus.RETURNED)
COMING = dt.timedelta(days=30)  # an employer is told of students starting within this


def college_tasks(user, today):
    """The college's open or returned answers, with the collection's deadline and the coordinator's comment."""
    if role_of(user) != Role.COLLEGE:
        return []
    submissions = submission_list(user=user).filter(
        college_id=user.organization_id, status__in=TO_ANSWER, collection__is_closed=False
    )
    return [
        Task(
            title=f"Сбор данных «{s.collection.title}»"
            + (": возвращено на доработку" if s.status == SubmissionStatus.RETURNED else ""),
            url=s.get_absolute_url(),
            deadline=s.collection.deadline,
            note=f"Комментарий координатора: {s.review_comment}" if s.status == SubmissionStatus.RETURNED else "",
            action="исправить и отправить" if s.status == SubmissionStatus.RETURNED else "заполнить и отправить",
            demo=s.collection.is_demo,
        )
        for s in submissions
    ]


def coordinator_tasks(user, today):
    """Answers waiting for the coordinator's check; open collections with colleges past the deadline."""
    if role_of(user) != Role.COORDINATOR:
        return []
    open_submissions = submission_list(user=user).filter(collection__is_closed=False)
    tasks = [
        Task(
            title=f"Проверить данные: {s.college} — «{s.collection.title}»",
            url=s.get_absolute_url(),
            action="проверить",
            demo=s.collection.is_demo,
        )
        for s in open_submissions.filter(status=SubmissionStatus.SUBMITTED)
    ]
    late = defaultdict(list)
    for s in open_submissions.filter(status__in=TO_ANSWER, collection__deadline__lt=today):
        if submission_is_late(s, today):
            late[s.collection].append(s.college)
    tasks += [
        Task(
            title=f"Сбор «{collection.title}»: не прислали данные — {len(colleges)} ПОО",
            url=collection.get_absolute_url(),
            deadline=collection.deadline,
            note=", ".join(str(c) for c in colleges[:5]) + ("…" if len(colleges) > 5 else ""),
            demo=collection.is_demo,
        )
        for collection, colleges in late.items()
    ]
    return tasks


def employer_tasks(user, today):
    """Students starting practice at the employer's bases within 30 days: per start, college and kind."""
    if role_of(user) != Role.EMPLOYER or not user.organization_id:
        return []
    groups = (
        placement_list(user=user)
        .filter(base__enterprise_id=user.organization_id, date_start__range=(today, today + COMING))
        .order_by()
        .values("date_start", "kind", "student__college_id", "student__college__short_name")
        .annotate(students=Count("student", distinct=True))
        .order_by("date_start", "student__college__short_name", "kind")
    )
    url = reverse("practice:placement_list")
    return [
        Task(
            title=f"{PlacementKind(g['kind']).label} практика: {g['student__college__short_name']}, "
            f"студентов — {g['students']}",
            url=url
            + "?"
            + urlencode(
                {
                    "college": g["student__college_id"],
                    "kind": g["kind"],
                    "date_start_after": g["date_start"].isoformat(),
                    "date_start_before": g["date_start"].isoformat(),
                }
            ),
            deadline=g["date_start"],
            note="Начало практики: подготовьте рабочие места и наставников.",
            action="открыть список",
        )
        for g in groups
    ]
