"""«Мои задачи» of the councils app: the next meeting, protocols, decisions and plan items due or overdue."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.urls import reverse

from cluster_portal.core.roles import Role, role_of
from cluster_portal.worklist.registry import Task

from . import execution
from .choices import DecisionStatus, MeetingStatus, MinutesStatus, PlanItemStatus
from .models.meetings import responsible_for
from .selectors import decision_list, is_staff, meeting_list, overdue_decisions, plan_item_list, upcoming_meetings

PROTOCOL_WINDOW = dt.timedelta(days=180)  # older meetings without a signed protocol are the archive's business
SOON = dt.timedelta(days=30)  # plan items due within this are listed before they are late
PLAN_ITEMS_SHOWN = 20
OPEN_PLAN_STATUSES = (PlanItemStatus.OVERDUE, PlanItemStatus.PLANNED, PlanItemStatus.IN_PROGRESS)


def secretary_tasks(user, today):
    """For the secretary: the next meeting's invitations and agenda, protocols to draft, sign or upload."""
    if role_of(user) != Role.SECRETARY:
        return []
    return [*_next_meeting(user, today), *_protocols(user, today)]


def _next_meeting(user, today):
    dated = [m for m in upcoming_meetings(user=user, limit=5) if m.date is not None]
    if not dated:
        return []
    meeting = (
        meeting_list(user=user)
        .annotate(n_items=Count("agenda_items", distinct=True), n_invited=Count("invitations", distinct=True))
        .get(pk=dated[0].pk)
    )
    tasks = []
    if not meeting.n_items:
        tasks.append(
            Task(f"Составить повестку: {meeting}", meeting.get_absolute_url(), meeting.date, action="дополнить")
        )
    if not meeting.n_invited:
        url = reverse("councils:meeting_invite", kwargs={"pk": meeting.pk})
        tasks.append(Task(f"Разослать приглашения: {meeting}", url, meeting.date, action="разослать"))
    if not tasks:
        tasks.append(Task(f"Ближайшее заседание: {meeting}", meeting.get_absolute_url(), meeting.date))
    return tasks


def _protocols(user, today):
    meetings = (
        meeting_list(user=user)
        .filter(status__in=(MeetingStatus.PLANNED, MeetingStatus.HELD), date__lt=today)
        .filter(date__gte=today - PROTOCOL_WINDOW)
        .select_related("minutes")
        .order_by("date", "pk")
    )
    tasks = []
    for meeting in meetings:
        minutes = getattr(meeting, "minutes", None)
        url = reverse("councils:meeting_minutes", kwargs={"pk": meeting.pk})
        if minutes is None:
            tasks.append(Task(f"Оформить протокол: {meeting}", url, action="оформить"))
        elif minutes.status != MinutesStatus.SIGNED or not minutes.signed_scan:
            tasks.append(Task(f"Подписать и загрузить протокол: {meeting}", url, action="загрузить скан"))
    return tasks


def decision_tasks(user, today):
    """Overdue decisions (all of them for the secretariat, one's own for the responsible) and, for the
    responsible (an employer, a college), their open decisions due within 30 days."""
    tasks = [
        Task(f"Решение не исполнено в срок: {d}", d.get_absolute_url(), d.due_date)
        for d in overdue_decisions(user=user)[:20]
    ]
    if not is_staff(user):
        soon = decision_list(user=user).filter(
            responsible_for(user), status=DecisionStatus.OPEN, due_date__range=(today, today + SOON)
        )
        tasks += [
            Task(f"Исполнить решение: {d}", d.get_absolute_url(), d.due_date, action="отметить исполнение")
            for d in soon.order_by("due_date", "pk")[:20]
        ]
    return tasks


def plan_item_tasks(user, today):
    """Plan items overdue or due within 30 days and not done: all for the secretary, one's own for the responsible."""
    items = plan_item_list(user=user).filter(due_date__lte=today + SOON)
    if role_of(user) != Role.SECRETARY:
        if not user.person_id:
            return []
        items = items.filter(responsible_person_id=user.person_id)
    items = list(items.order_by("due_date", "plan", "position"))
    runs = execution.executions(items, on=today)
    due = [item for item in items if runs[item.pk].status in OPEN_PLAN_STATUSES][:PLAN_ITEMS_SHOWN]
    return [
        Task(
            f"Пункт плана {item.plan.year} года {item}",
            item.get_absolute_url(),
            item.due_date,
            note=f"Срок по плану: {item.deadline_text}" if item.deadline_text else "",
            action="отчитаться",
        )
        for item in due
    ]
