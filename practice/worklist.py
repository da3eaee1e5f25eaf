"""«Мои задачи» of the practice app: data collections to answer (college) and to check (coordinator)."""

from __future__ import annotations

from collections import defaultdict

from cluster_portal.core.roles import Role, role_of
from cluster_portal.worklist.registry import Task

from .choices import SubmissionStatus
from .selectors.data_collections import submission_is_late
from .selectors.lists import submission_list

TO_ANSWER = (SubmissionStatus.PENDING, SubmissionStatus.RETURNED)


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
        )
        for collection, colleges in late.items()
    ]
    return tasks
