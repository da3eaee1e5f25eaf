"""Pages make a constant number of queries, whatever the number of sessions, programs, experts, reviews."""

import datetime as dt

import pytest

from cluster_portal.core.roles import Role
from members.tests.factories import OrganizationFactory, PersonFactory

from ..models import Review, SessionParticipant, SessionProgram
from ..services import review_save
from .factories import CertificateFactory, ExpertFactory, ProgramFactory, SessionFactory
from .test_services import complete_answers


def grow(world, n):
    """n more colleges with programs in the session, n experts with certificates, n submitted reviews."""
    for i in range(n):
        college = OrganizationFactory(kind="college")
        participant = SessionParticipant.objects.create(session=world.session, college=college, order=10 + i)
        participant.enterprises.add(OrganizationFactory(kind="employer"))
        sp = SessionProgram.objects.create(participant=participant, program=ProgramFactory(college=college), order=1)
        expert = ExpertFactory(person=PersonFactory(organization=OrganizationFactory(kind="employer")))
        CertificateFactory(expert=expert, valid_until=dt.date.today() + dt.timedelta(days=30))
        expert.sectors.clear()
        for target in (sp, world.program):
            review = Review.objects.create(session_program=target, expert=expert)
            review_save(
                review=review,
                criteria=world.criteria,
                answers=complete_answers(world.criteria),
                conclusion="",
                expected_version=0,
                user=None,
                submit=True,
            )
        other = SessionFactory(cluster=world.session.cluster, template=world.session.template)
        SessionParticipant.objects.create(session=other, college=college)


def urls(world):
    s = world.session.pk
    return [
        "/expertise/",
        "/expertise/reviews/",
        "/expertise/experts/",
        "/expertise/templates/",
        f"/expertise/{s}/",
        f"/expertise/{s}/results/",
        f"/expertise/{s}/assign/",
        f"/expertise/{s}/edit/",
        f"/expertise/programs/{world.program.pk}/",
        f"/expertise/reviews/{world.review.pk}/",
        f"/expertise/experts/{world.expert.pk}/",
        f"/expertise/templates/{world.session.template.pk}/",
        "/",
    ]


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_rows(client_as, world, queries_of):
    client = client_as(Role.COORDINATOR)
    for url in urls(world):  # warm the session and content-type caches
        client.get(url)
    small = {url: queries_of(client, url) for url in urls(world)}
    grow(world, 6)
    large = {url: queries_of(client, url) for url in urls(world)}
    assert small == large


@pytest.mark.django_db
def test_expert_pages_query_counts_do_not_grow(client_as, world, queries_of):
    client = client_as(Role.EXPERT)
    pages = [
        "/expertise/reviews/",
        f"/expertise/reviews/{world.review.pk}/fill/",
        f"/expertise/{world.session.pk}/",
        "/",
    ]
    for url in pages:
        client.get(url)
    small = {url: queries_of(client, url) for url in pages}
    grow(world, 5)
    large = {url: queries_of(client, url) for url in pages}
    assert small == large
