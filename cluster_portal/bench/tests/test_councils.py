"""The benchmark generator of the councils app: seed-like volume, valid rows, constant queries per page."""

import datetime as dt
import random

import pytest
from django.db import transaction
from django.test import Client

from cluster_portal.bench.scenarios import members as members_bench
from cluster_portal.bench.scenarios.councils import generator as bench
from cluster_portal.bench.tests.seeding import seed_the_report_cluster
from councils.choices import DecisionStatus, MeetingStatus
from councils.deadlines import academic_year_of, due_date_from_text
from councils.models import (
    AgendaItem,
    Attendance,
    CouncilMember,
    Decision,
    Meeting,
    Minutes,
    PlanItem,
    PlanReport,
    PlanSection,
    WorkPlan,
)
from members.models import Person, User

MODELS = (Meeting, AgendaItem, Decision, Minutes, Attendance, CouncilMember, WorkPlan, PlanSection, PlanItem)
PAGES = [
    "/councils/meetings/",
    "/councils/decisions/",
    "/councils/plans/items/",
    "/councils/plans/",
    "/councils/members/",
    "/councils/calendar/?month=2022-06",  # a month of the seed's meetings
    "/councils/",
]
# The seed records no decisions: an empty list skips the query for its rows, the data version its
# kept rows are read under, and the three that fetch their agenda items (with meetings and councils),
# responsible people and organizations (the generated decisions of the first page name no plan item,
# so that one is skipped at both scales).
EMPTY_AT_SEED = {"/councils/decisions/": 5}


@pytest.fixture
def seeded(db):
    """The seed and the organizations and people that the members scenario adds at ×2."""
    seed_the_report_cluster()
    members_bench.generate(factor=2, rng=random.Random(1))


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def page_queries(client, urls, queries_of):
    for url in urls:  # warm the session and content-type caches
        client.get(url)
    return {url: queries_of(client, url) for url in urls}


def test_seed_scale_adds_nothing(seeded):
    before = counts()
    assert bench.generate(factor=1, rng=random.Random(1)) == "только данные отчёта"
    assert counts() == before


def test_factor_two_doubles_the_seed_and_pages_keep_their_queries(seeded, queries_of):
    client = Client()
    client.force_login(User.objects.get(username="secretary"))
    at_seed = page_queries(client, PAGES, queries_of)
    before = counts()

    summary = bench.generate(factor=2, rng=random.Random(2022))

    after = counts()
    assert summary.startswith(f"заседаний {after['Meeting']}, ")
    assert after["Meeting"] == 2 * before["Meeting"]
    assert after["CouncilMember"] == 2 * before["CouncilMember"]
    assert after["PlanItem"] == 2 * before["PlanItem"]
    assert after["WorkPlan"] == before["WorkPlan"] + 1
    assert after["AgendaItem"] > 2 * before["AgendaItem"]
    assert after["Decision"] > after["Meeting"] - before["Meeting"]
    assert after["Minutes"] > 0 and after["Attendance"] > 0
    generated = page_queries(client, PAGES, queries_of)
    assert generated == {url: n + EMPTY_AT_SEED.get(url, 0) for url, n in at_seed.items()}

    bench.generate(factor=3, rng=random.Random(2023))  # and more on top: still the same queries
    assert counts()["Meeting"] == 4 * before["Meeting"]
    assert page_queries(client, PAGES, queries_of) == generated


def test_generated_rows_are_valid_and_name_only_generated_people(seeded):
    today = dt.date(2026, 11, 26)
    bench.generate(factor=2, rng=random.Random(2022), today=today)
    generated_orgs = set(bench.generated_organizations().values_list("pk", flat=True))
    generated_people = set(Person.objects.filter(organization__in=generated_orgs).values_list("pk", flat=True))

    meetings = list(Meeting.objects.filter(is_demo=True).select_related("council"))
    assert len(meetings) == bench.MEETINGS_PER_COPY
    for meeting in meetings:
        meeting.full_clean()
        if meeting.status == MeetingStatus.PLANNED:
            assert meeting.date is None or meeting.date >= today
        else:
            assert meeting.date < today and meeting.academic_year == academic_year_of(meeting.date)
        present = [a.present for a in Attendance.objects.filter(meeting=meeting)]
        assert meeting.present_count == (sum(present) if present else None)
    for model in (AgendaItem, Minutes, Attendance, Decision, PlanSection, PlanItem, PlanReport):
        rows = model.objects.all()
        assert rows.exists(), model
        for row in rows:
            row.full_clean()
    seats = CouncilMember.objects.filter(date_to__isnull=False)
    for seat in seats:
        seat.full_clean()
    assert {s.person_id for s in seats} <= generated_people

    numbers = list(Minutes.objects.values_list("meeting__council", "meeting__academic_year", "number"))
    assert len(numbers) == len(set(numbers))
    for minutes in Minutes.objects.exclude(chair=None):
        assert CouncilMember.objects.filter(council=minutes.meeting.council_id, person=minutes.chair_id).exists()

    decisions = Decision.objects.select_related("agenda_item__meeting")
    assert not decisions.filter(agenda_item__meeting__minutes=None).exists()
    for decision in decisions:
        assert decision.due_date > decision.agenda_item.meeting.date
        parsed = due_date_from_text(decision.deadline_text, academic_year=decision.agenda_item.meeting.academic_year)
        assert parsed in (None, decision.due_date)
        assert (decision.done_date is not None) == (decision.status == DecisionStatus.DONE)
        assert decision.done_date is None or decision.done_date <= today
    assert set(decisions.exclude(responsible_organization=None).values_list("responsible_organization", flat=True)) <= (
        generated_orgs
    )
    named = {
        *decisions.values_list("responsible_person", flat=True),
        *AgendaItem.objects.filter(meeting__is_demo=True).values_list("speaker", flat=True),
        *PlanItem.objects.filter(plan__is_demo=True).values_list("responsible_person", flat=True),
    } - {None}
    assert named <= generated_people


def signature(seed):
    """What one run generates, without its own primary keys (the run is rolled back)."""
    point = transaction.savepoint()
    try:
        bench.generate(factor=3, rng=random.Random(seed), today=dt.date(2026, 11, 26))
        return [
            list(
                Meeting.objects.filter(is_demo=True).order_by("pk").values_list("council", "date", "period", "status")
            ),
            list(Decision.objects.order_by("pk").values_list("text", "due_date", "status", "responsible_organization")),
            list(
                PlanItem.objects.filter(plan__is_demo=True)
                .order_by("pk")
                .values_list("number", "title", "status_override")
            ),
            list(Attendance.objects.order_by("pk").values_list("person", "present")),
        ]
    finally:
        transaction.savepoint_rollback(point)


def test_the_same_seed_generates_the_same_data(seeded):
    first = signature(7)
    assert first[1] and signature(7) == first
    assert signature(8) != first
