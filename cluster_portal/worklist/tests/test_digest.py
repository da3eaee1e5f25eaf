"""The daily digest: what is overdue or due within three days, once a day per user, queued for a worker."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cluster_portal.core.roles import Role
from cluster_portal.notifications.models import Notification
from cluster_portal.worklist.digest import TITLE, send_digests
from expertise.models import ExpertSession


@pytest.mark.django_db
def test_digest_lists_what_is_due_soon_once_a_day(users, world):
    today = timezone.localdate()
    ExpertSession.objects.filter(pk=world.session.pk).update(checklist_deadline=today + dt.timedelta(days=2))
    assert send_digests() == 2  # both experts of the little world
    note = Notification.objects.get(user=users[Role.EXPERT], title=TITLE)
    assert f"Экспертный лист: {world.program.program}: срок {today + dt.timedelta(days=2):%d.%m.%Y}" in note.text
    assert "осталось 2 дня" in note.text
    assert send_digests() == 0  # a second run the same day sends nothing


@pytest.mark.django_db
def test_nothing_due_soon_sends_nothing(users, world):
    ExpertSession.objects.filter(pk=world.session.pk).update(
        checklist_deadline=timezone.localdate() + dt.timedelta(days=10)
    )
    assert send_digests() == 0


@pytest.mark.django_db
def test_the_command_queues_the_digest_for_a_worker(users, world):
    call_command("periodic_jobs")
    assert DBTaskResult.objects.get().task_path == "cluster_portal.worklist.tasks.daily_digest"
