"""The little world of the expertise tests: a session, its programs, two experts at two enterprises."""

import datetime as dt
from dataclasses import dataclass

import pytest

from cluster_portal.core.roles import Role
from members.tests.factories import OrganizationFactory, PersonFactory, UserFactory

from ..models import Expert, ExpertSession, Review, SessionProgram
from ..selectors import template_structure
from ..services import ParticipantSpec, session_save
from .factories import ExpertFactory, ProgramFactory, SessionFactory, SpecialtyFactory


@dataclass
class World:
    session: ExpertSession
    program: SessionProgram  # of college_org, reviewed by `expert`
    other_program: SessionProgram  # of other_college_org, reviewed by `expert2`
    expert: Expert  # users[Role.EXPERT]
    expert2: Expert
    review: Review  # expert × program
    review2: Review  # expert2 × other_program
    criteria: list

    def criterion(self, number):
        return next(c for c in self.criteria if c.number == number)


@pytest.fixture
def expert2_user(db):
    org = OrganizationFactory(kind="employer", short_name="АО «Второе предприятие»")
    person = PersonFactory(organization=org, last_name="Вторых")
    return UserFactory(username="t-expert2", role=Role.EXPERT, organization=org, person=person)


@pytest.fixture
def world(users, college_org, other_college_org, employer_org, expert2_user):
    expert_user = users[Role.EXPERT]
    person = PersonFactory(organization=employer_org, last_name="Экспертов")
    expert_user.person = person
    expert_user.save()
    expert = ExpertFactory(person=person, user=expert_user)
    expert2 = ExpertFactory(person=expert2_user.person, user=expert2_user)
    program = ProgramFactory(college=college_org, specialty=SpecialtyFactory(code="15.02.32", name="Оператор станков"))
    other = ProgramFactory(
        college=other_college_org, specialty=SpecialtyFactory(code="15.02.12", name="Монтаж оборудования")
    )
    session = SessionFactory()
    session_save(
        session=session,
        participants=[
            ParticipantSpec(college=college_org, enterprises=[employer_org], programs=[program], order=1),
            ParticipantSpec(
                college=other_college_org, enterprises=[expert2_user.organization], programs=[other], order=2
            ),
        ],
    )
    sp = SessionProgram.objects.get(program=program)
    sp2 = SessionProgram.objects.get(program=other)
    review = Review.objects.create(session_program=sp, expert=expert)
    review2 = Review.objects.create(session_program=sp2, expert=expert2)
    criteria = [c for _s, items in template_structure(session.template) for c in items]
    return World(session, sp, sp2, expert, expert2, review, review2, criteria)


def fill_data(world, *, version, overrides=None, action="save"):
    """POST data of the checklist form: every yes/no criterion «да, соответствует», shares at the norm."""
    data = {"version": version, "conclusion": "Рекомендуем программу", "action": action}
    for c in world.criteria:
        key = f"c{c.pk}"
        if c.is_share:
            data[f"{key}-value"] = str(c.norm_share).replace(".", ",")
        else:
            data[f"{key}-value"] = "yes"
        data[f"{key}-remark"] = ""
    for number, values in (overrides or {}).items():
        c = world.criterion(number)
        for part, value in values.items():
            data[f"c{c.pk}-{part}"] = value
    return data


@pytest.fixture
def filled():
    return fill_data


@pytest.fixture
def today():
    return dt.date.today()
