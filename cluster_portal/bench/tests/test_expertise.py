"""The benchmark generator of the expertise app: seed-like sessions, valid checklists, constant queries."""

import datetime as dt
import random

import pytest
from django.db import transaction
from django.test import Client

from cluster_portal.bench.scenarios import expertise as bench
from cluster_portal.bench.scenarios import members as members_bench
from cluster_portal.bench.scenarios import programs as programs_bench
from cluster_portal.bench.tests.seeding import seed_the_report_cluster
from cluster_portal.core.roles import Role
from expertise.choices import ReviewAction, ReviewStatus
from expertise.models import (
    Expert,
    ExpertCertificate,
    ExpertSession,
    Review,
    ReviewAnswer,
    ReviewEvent,
    SessionParticipant,
    SessionProgram,
)
from expertise.selectors import template_structure
from expertise.services import AnswerInput, answer_errors, conflicts_of
from members.models import Organization, User

MODELS = (Expert, ExpertCertificate, ExpertSession, SessionParticipant, SessionProgram, Review, ReviewAnswer)
PAGES = {
    "coordinator": ["/expertise/", "/expertise/reviews/", "/expertise/experts/", "/expertise/templates/", "/"],
    "expert": ["/expertise/reviews/", "/expertise/"],
    "college": ["/expertise/", "/expertise/reviews/"],
}
TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def seeded(db):
    """The seed and the colleges, enterprises, people and programs that members and programs add at ×2."""
    seed_the_report_cluster()
    rng = random.Random(1)
    members_bench.generate(factor=2, rng=rng)
    programs_bench.generate(factor=2, rng=rng)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def page_queries(queries_of):
    result = {}
    for username, urls in PAGES.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        for url in urls:  # warm the session and content-type caches
            client.get(url)
        result.update({(username, url): queries_of(client, url) for url in urls})
    return result


def test_seed_scale_adds_nothing(seeded):
    before = counts()
    assert bench.generate(factor=1, rng=random.Random(1)) == "только данные отчёта"
    assert counts() == before


def test_factor_two_doubles_the_seed_and_pages_keep_their_queries(seeded, queries_of):
    at_seed = page_queries(queries_of)
    before = counts()

    summary = bench.generate(factor=2, rng=random.Random(2022))

    after = counts()
    assert summary.startswith(f"экспертов {after['Expert']}, сессий {after['ExpertSession']}, ")
    assert after["ExpertSession"] == 2 * before["ExpertSession"]
    assert after["SessionParticipant"] == 2 * before["SessionParticipant"]
    assert after["Expert"] == before["Expert"] + 16 // bench.EXPERT_EVERY
    assert after["Review"] > 2 * before["Review"]
    assert after["ReviewAnswer"] > 2 * before["ReviewAnswer"]
    generated = page_queries(queries_of)
    assert generated == at_seed

    bench.generate(factor=3, rng=random.Random(2023))  # and more on top: still the same queries
    assert counts()["ExpertSession"] == 4 * before["ExpertSession"]
    assert page_queries(queries_of) == generated


def test_generated_rows_are_valid_and_pass_the_portals_checks(seeded):
    seed_sessions = list(ExpertSession.objects.values_list("pk", flat=True))
    bench.generate(factor=3, rng=random.Random(2022), today=TODAY)
    generated = set(Organization.objects.filter(is_demo=True, short_name__contains="-").values_list("pk", flat=True))
    sessions = ExpertSession.objects.exclude(pk__in=seed_sessions)
    assert sessions.count() == 2
    experts = list(Expert.objects.filter(user__username__startswith="gen-expert-").select_related("person", "user"))
    assert experts
    for expert in experts:
        expert.full_clean()
        assert expert.person.organization_id in generated and expert.user.role == Role.EXPERT
        assert not expert.user.has_usable_password()
    for model in (ExpertCertificate, ExpertSession, SessionParticipant, SessionProgram, ReviewAnswer):
        for row in model.objects.all():
            row.full_clean()
    assert set(SessionParticipant.objects.filter(session__in=sessions).values_list("college", flat=True)) <= generated
    enterprises = SessionParticipant.enterprises.through.objects.filter(sessionparticipant__session__in=sessions)
    assert set(enterprises.values_list("organization", flat=True)) <= generated

    reviews = list(
        Review.objects.filter(session_program__participant__session__in=sessions).select_related(
            "session_program__program", "session_program__participant__session__template", "expert__person"
        )
    )
    assert {r.status for r in reviews} >= {ReviewStatus.SUBMITTED}
    assert not conflicts_of([(r.session_program, r.expert) for r in reviews])
    criteria = [c for _s, items in template_structure(sessions.first().template) for c in items]
    for review in reviews:
        review.full_clean()
        session = review.session_program.participant.session
        events = list(review.events.order_by("at", "pk").values_list("action", flat=True))
        assert events[0] == ReviewAction.ASSIGNED and len(events) - 1 == review.version
        answers = {
            a.criterion_id: AnswerInput(a.value_yes, a.value_share, a.verdict, a.remark) for a in review.answers.all()
        }
        if review.status == ReviewStatus.ASSIGNED:
            assert not answers
        elif review.status == ReviewStatus.DRAFT:
            assert answers and not answer_errors(criteria, answers, submit=False)
        else:
            assert answer_errors(criteria, answers, submit=True) == {}
            assert review.conclusion and session.date_from <= review.submitted_at.date() <= session.date_to
        if session.date_from > TODAY:
            assert review.status == ReviewStatus.ASSIGNED


def signature(seed):
    """What one run generates, without its own primary keys (the run is rolled back)."""
    point = transaction.savepoint()
    try:
        bench.generate(factor=3, rng=random.Random(seed), today=TODAY)
        return [
            list(ExpertSession.objects.order_by("pk").values_list("date_from", "date_to")),
            list(SessionProgram.objects.order_by("pk").values_list("program", "order")),
            list(Review.objects.order_by("pk").values_list("expert__person", "status", "conclusion", "version")),
            list(ReviewAnswer.objects.order_by("pk").values_list("criterion", "value_yes", "value_share", "verdict")),
            list(ReviewEvent.objects.order_by("pk").values_list("action", "at")),
        ]
    finally:
        transaction.savepoint_rollback(point)


def test_the_same_seed_generates_the_same_data(seeded):
    first = signature(7)
    assert first[2] and signature(7) == first
    assert signature(8) != first
