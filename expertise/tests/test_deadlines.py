"""Checklist deadlines: after the session's deadline a checklist is read-only until the coordinator extends it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cluster_portal.core.roles import Role
from cluster_portal.notifications.models import Notification

from ..models import ExpertSession, Review
from ..services import DeadlinePassed, checklist_deadline_extend, review_save
from .test_services import complete_answers

TODAY = timezone.localdate()


def set_deadline(world, days):
    ExpertSession.objects.filter(pk=world.session.pk).update(checklist_deadline=TODAY + dt.timedelta(days=days))
    world.session.refresh_from_db()


def save(world, review, **kwargs):
    review.refresh_from_db()
    return review_save(
        review=review,
        criteria=world.criteria,
        answers=complete_answers(world.criteria),
        conclusion="",
        expected_version=review.version,
        user=None,
        **kwargs,
    )


@pytest.mark.django_db
def test_without_a_deadline_nothing_locks(world):
    assert world.review.deadline is None and not world.review.is_past_deadline()
    save(world, world.review)


@pytest.mark.django_db
def test_the_deadline_day_is_open_the_next_is_locked(world):
    set_deadline(world, 0)
    save(world, world.review)
    set_deadline(world, -1)
    with pytest.raises(DeadlinePassed):
        save(world, world.review, submit=True)
    assert Review.objects.get(pk=world.review.pk).status == "draft"


@pytest.mark.django_db
def test_extension_for_one_expert_reopens_only_theirs(world, users):
    set_deadline(world, -3)
    count = checklist_deadline_extend(session=world.session, until=TODAY + dt.timedelta(days=2), expert=world.expert)
    assert count == 1
    save(world, world.review, submit=True)
    with pytest.raises(DeadlinePassed):
        save(world, world.review2)
    note = Notification.objects.get(user=users[Role.EXPERT])
    assert note.title == f"Срок заполнения экспертных листов продлён до {TODAY + dt.timedelta(days=2):%d.%m.%Y}"


@pytest.mark.django_db
def test_extension_for_all_moves_the_sessions_deadline(world):
    set_deadline(world, -3)
    with pytest.raises(Exception, match="в прошлом"):
        checklist_deadline_extend(session=world.session, until=TODAY - dt.timedelta(days=1))
    checklist_deadline_extend(session=world.session, until=TODAY + dt.timedelta(days=7))
    world.session.refresh_from_db()
    assert world.session.checklist_deadline == TODAY + dt.timedelta(days=7)
    save(world, world.review2)


@pytest.mark.django_db
def test_the_form_is_read_only_with_a_notice_after_the_deadline(client_as, world, filled):
    client = client_as(Role.EXPERT)
    url = world.review.get_fill_url()
    set_deadline(world, 5)
    page = client.get(url).content.decode()
    assert f"Срок заполнения: до {TODAY + dt.timedelta(days=5):%d.%m.%Y}" in page and "hx-post" in page
    set_deadline(world, -1)
    page = client.get(url).content.decode()
    assert "Срок заполнения истёк" in page and '<fieldset class="border-0 p-0 m-0" disabled>' in page
    assert 'value="submit"' not in page and "hx-post" not in page
    response = client.post(url, filled(world, version=0, action="submit"), follow=True)
    assert "изменения не сохранены" in response.content.decode()
    assert Review.objects.get(pk=world.review.pk).status == "assigned"
    autosave = client.post(
        reverse("expertise:review_autosave", kwargs={"pk": world.review.pk}), filled(world, version=0)
    )
    assert "Срок заполнения истёк" in autosave.content.decode()


@pytest.mark.django_db
def test_the_list_shows_the_deadline(client_as, world):
    set_deadline(world, -1)
    page = client_as(Role.EXPERT).get(reverse("expertise:review_list")).content.decode()
    assert f"{TODAY - dt.timedelta(days=1):%d.%m.%Y}" in page and "срок истёк" in page


@pytest.mark.django_db
def test_only_the_coordinator_extends(client_as, world):
    set_deadline(world, -1)
    url = reverse("expertise:expertsession_extend", kwargs={"pk": world.session.pk})
    data = {"until": (TODAY + dt.timedelta(days=3)).isoformat(), "expert": world.expert.pk}
    for role in (Role.SECRETARY, Role.EXPERT, Role.COLLEGE):
        assert client_as(role).post(url, data).status_code in (403, 404)
    assert not Review.objects.filter(extended_until__isnull=False).exists()
    detail = client_as(Role.COORDINATOR).get(world.session.get_absolute_url()).content.decode()
    assert "Продлить срок заполнения листов" in detail
    response = client_as(Role.COORDINATOR).post(url, data)
    assert response.status_code == 302
    assert Review.objects.get(pk=world.review.pk).extended_until == TODAY + dt.timedelta(days=3)
    assert "Продлить срок" not in client_as(Role.SECRETARY).get(world.session.get_absolute_url()).content.decode()
