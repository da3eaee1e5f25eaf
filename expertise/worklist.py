"""«Мои задачи» of the expertise app: checklists to fill in, overdue ones, expiring certificates, results to read."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.urls import reverse
from django.utils.http import urlencode

from cluster_portal.core.roles import Role, role_of
from cluster_portal.worklist.registry import Task

from .choices import EDITABLE_STATUSES, ReviewStatus
from .selectors import expiring_certificates, review_list, session_list


def expert_tasks(user, today):
    """An expert's checklists still to fill in, each with its session's deadline."""
    if role_of(user) != Role.EXPERT:
        return []
    reviews = review_list(user=user).filter(status__in=EDITABLE_STATUSES)
    return [_expert_task(review, today) for review in reviews]


def _expert_task(review, today) -> Task:
    locked = review.is_past_deadline(today)
    notes = []
    if review.status == ReviewStatus.RETURNED:
        notes.append("Возвращён координатором на доработку.")
    if locked:
        notes.append("Срок истёк: лист закрыт для изменений, пока координатор не продлит срок.")
    return Task(
        title=f"Экспертный лист: {review.session_program.program}",
        url=review.get_fill_url(),
        deadline=review.deadline,
        note=" ".join(notes),
        action="открыть" if locked else "заполнить",
    )


def coordinator_tasks(user, today):
    """Overdue checklists by expert and certificates expiring within 60 days."""
    if role_of(user) != Role.COORDINATOR:
        return []
    return [*_overdue_by_expert(user, today), *_expiring(user, today)]


def _overdue_by_expert(user, today):
    late = defaultdict(list)
    for review in review_list(user=user).filter(status__in=EDITABLE_STATUSES):
        if review.deadline is not None and review.deadline < today:
            late[(review.session_program.participant.session, review.expert)].append(review)
    url = reverse("expertise:review_list")
    return [
        Task(
            title=f"Просрочены экспертные листы: {expert} — {len(reviews)}",
            url=f"{url}?{urlencode({'session': session.pk, 'q': expert.person.last_name})}",
            deadline=min(r.deadline for r in reviews),
            note=f"Сессия «{session.title}» ({session.period}).",
            action="продлить срок или напомнить",
            demo=session.is_demo,
        )
        for (session, expert), reviews in late.items()
    ]


def _expiring(user, today):
    return [
        Task(
            title=f"Сертификат эксперта {certificate.expert}: {certificate.title}",
            url=certificate.expert.get_absolute_url(),
            deadline=certificate.valid_until,
            demo=certificate.expert.is_demo,
        )
        for certificate in expiring_certificates(user=user, today=today)
    ]


RECENT = dt.timedelta(days=30)  # what an observer is shown as new


def observer_tasks(user, today):
    """For the department's observer: expert sessions that ended in the last 30 days, their results to read."""
    if role_of(user) != Role.OBSERVER:
        return []
    sessions = session_list(user=user).filter(date_to__range=(today - RECENT, today), is_demo=False)
    return [
        Task(
            f"Итоги экспертизы: {s.title}, {s.date_from:%d.%m.%Y} — {s.date_to:%d.%m.%Y}",
            s.get_absolute_url(),
            note=f"Сессия завершена {s.date_to:%d.%m.%Y}; отправлено экспертных листов: "
            f"{s.submitted_count} из {s.review_count}.",
            action="посмотреть",
        )
        for s in sessions
    ]
