import datetime as dt

import factory

from councils.choices import CouncilKind, MeetingStatus, MemberRole, MinutesStatus
from councils.models import (
    AgendaItem,
    Council,
    CouncilMember,
    Decision,
    Meeting,
    Minutes,
    PlanItem,
    PlanReport,
    PlanSection,
    WorkPlan,
)
from members.tests.factories import ClusterFactory, PersonFactory


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    cluster = factory.SubFactory(ClusterFactory)
    kind = CouncilKind.EXPERT
    name = factory.Sequence(lambda n: f"Совет {n}")
    name_genitive = factory.Sequence(lambda n: f"Совета {n}")


class CouncilMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilMember

    council = factory.SubFactory(CouncilFactory)
    person = factory.SubFactory(PersonFactory)
    role = MemberRole.MEMBER


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    council = factory.SubFactory(CouncilFactory)
    status = MeetingStatus.PLANNED
    date = dt.date(2022, 3, 23)
    academic_year = factory.LazyAttribute(
        lambda m: (m.date.year if m.date.month >= 9 else m.date.year - 1) if m.date else 2022
    )
    topics = factory.Sequence(lambda n: f"Тема заседания {n}")


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Вопрос {n}")


class MinutesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minutes

    meeting = factory.SubFactory(MeetingFactory, status=MeetingStatus.HELD)
    number = factory.Sequence(lambda n: str(n + 1))
    date = factory.LazyAttribute(lambda m: m.meeting.date)
    status = MinutesStatus.DRAFT


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    agenda_item = factory.SubFactory(AgendaItemFactory)
    number = 1
    text = factory.Sequence(lambda n: f"Решение {n}")


class WorkPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkPlan

    cluster = factory.SubFactory(ClusterFactory)
    year = 2022
    title = factory.LazyAttribute(lambda p: f"кластера на {p.year} год")


class PlanSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanSection

    plan = factory.SubFactory(WorkPlanFactory)
    number = 1
    title = factory.Sequence(lambda n: f"Раздел {n}")


class PlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanItem

    section = factory.SubFactory(PlanSectionFactory)
    plan = factory.LazyAttribute(lambda i: i.section.plan)
    number = factory.Sequence(lambda n: f"1.{n + 1}")
    position = factory.LazyAttribute(lambda i: int(i.number.split(".")[0]) * 1000 + int(i.number.split(".")[1]))
    title = factory.Sequence(lambda n: f"Мероприятие {n}")
    executors = "Участники Кластера"
    deadline_text = "В течение года"
    due_date = dt.date(2022, 12, 31)


class PlanReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanReport

    item = factory.SubFactory(PlanItemFactory)
    date = dt.date(2022, 6, 30)
    text = factory.Sequence(lambda n: f"Проведено мероприятие {n}")
