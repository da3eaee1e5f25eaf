"""Rounds of КЦП: the coordinator sets a year's deadlines; they feed «Мои задачи» of colleges and the coordinator."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from cluster_portal.core.roles import Role
from cluster_portal.worklist.registry import tasks_for
from programs.models import ROUND_ORDER_MESSAGE, AdmissionRound

from .factories import AdmissionTargetFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 5)
ADD = "/programs/targets/rounds/add/"


def lines(user, today=TODAY):
    return [(line.task.title, line.task.deadline, line.days) for line in tasks_for(user, today)]


@pytest.fixture
def round_2027():
    return AdmissionRound.objects.create(year=2027, propose_by=dt.date(2026, 12, 1), agree_by=dt.date(2026, 12, 20))


def test_a_college_without_proposals_sees_the_deadline_to_propose(users, college_org, round_2027):
    AdmissionRound.objects.create(year=2026, propose_by=dt.date(2025, 12, 1), agree_by=dt.date(2025, 12, 20))  # over
    assert lines(users[Role.COLLEGE]) == [("Предложить КЦП на 2027 год", dt.date(2026, 12, 1), -4)]
    assert lines(users["college2"]) == [("Предложить КЦП на 2027 год", dt.date(2026, 12, 1), -4)]
    [line] = tasks_for(users[Role.COLLEGE], TODAY)
    assert line.overdue and line.task.note == "Согласование координатором — до 20.12.2026."
    assert line.task.url == "/programs/targets/add/"
    assert lines(users[Role.EMPLOYER]) == [] and lines(users[Role.COORDINATOR]) == []

    AdmissionTargetFactory(college=college_org, year=2027)
    assert lines(users[Role.COLLEGE]) == []  # proposed: nothing left to propose
    assert lines(users["college2"]) != []
    assert lines(users[Role.COORDINATOR]) == [
        ("Согласовать КЦП на 2027 год: предложений — 1", dt.date(2026, 12, 20), 15)
    ]
    assert lines(users[Role.COLLEGE], dt.date(2026, 12, 21)) == []  # the round is over


def test_the_coordinator_sets_the_deadlines_and_a_college_may_not(client_as, round_2027):
    client = client_as(Role.COORDINATOR)
    response = client.post(ADD, {"year": 2028, "propose_by": "2027-12-10", "agree_by": "2027-12-01"})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("Согласование не может закончиться раньше, чем ПОО подадут предложения.") == 1  # at the field
    assert response.context["form"].errors == {"agree_by": [ROUND_ORDER_MESSAGE]}
    with pytest.raises(IntegrityError), transaction.atomic():  # the database refuses it too
        AdmissionRound.objects.create(year=2030, propose_by=dt.date(2029, 12, 10), agree_by=dt.date(2029, 12, 1))
    response = client.post(ADD, {"year": 2027, "propose_by": "2027-12-01", "agree_by": "2027-12-10"})
    assert "Сроки КЦП на этот год уже заданы." in response.content.decode()
    response = client.post(ADD, {"year": 2028, "propose_by": "2027-12-01", "agree_by": "2027-12-10"})
    assert response.status_code == 302 and AdmissionRound.objects.filter(year=2028).exists()

    college = client_as(Role.COLLEGE)
    assert college.post(ADD, {"year": 2029, "propose_by": "2028-12-01", "agree_by": "2028-12-10"}).status_code == 403
    assert not AdmissionRound.objects.filter(year=2029).exists()
    page = college.get("/programs/targets/rounds/").content.decode()
    assert "2027" in page and "01.12.2026" in page and ADD not in page
    assert client_as(Role.EMPLOYER).get(f"/programs/targets/rounds/{round_2027.pk}/").status_code in (403, 404)
