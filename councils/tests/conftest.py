import datetime as dt

import pytest

from councils.choices import DecisionStatus, MeetingStatus, MemberRole, MinutesStatus
from councils.tests.factories import (
    AgendaItemFactory,
    CouncilFactory,
    CouncilMemberFactory,
    DecisionFactory,
    MeetingFactory,
    MinutesFactory,
    PlanItemFactory,
    PlanReportFactory,
    PlanSectionFactory,
    WorkPlanFactory,
)
from members.tests.factories import ClusterFactory, PersonFactory


@pytest.fixture
def world(users, college_org, employer_org):
    """A council with members; a planned, a draft-minutes, a signed-minutes and a cancelled meeting; a plan."""
    cluster = ClusterFactory()
    council = CouncilFactory(cluster=cluster, name="Экспертный Совет", name_genitive="Экспертного Совета")
    chair = CouncilMemberFactory(
        council=council,
        role=MemberRole.CHAIR,
        order=1,
        person=PersonFactory(last_name="Председателев", email="c@x.org"),
    )
    secretary = CouncilMemberFactory(
        council=council, role=MemberRole.SECRETARY, order=2, person=PersonFactory(last_name="Секретарёв")
    )
    member = CouncilMemberFactory(council=council, order=3, person=PersonFactory(last_name="Членов", email="m@x.org"))
    planned = MeetingFactory(council=council, date=dt.date(2030, 11, 17), topics="Будущее заседание")
    planned_item = AgendaItemFactory(meeting=planned, order=1, title="Повестка будущего")
    draft = MeetingFactory(
        council=council, date=dt.date(2022, 3, 23), status=MeetingStatus.HELD, topics="Черновая тема"
    )
    draft_item = AgendaItemFactory(meeting=draft, order=1, title="Вопрос черновика", heard="Секретное обсуждение")
    MinutesFactory(meeting=draft, number="2", status=MinutesStatus.DRAFT)
    draft_decision = DecisionFactory(agenda_item=draft_item, text="Черновое решение", due_date=dt.date(2022, 4, 1))
    signed = MeetingFactory(
        council=council, date=dt.date(2021, 10, 7), status=MeetingStatus.HELD, topics="Подписанная тема"
    )
    signed_item = AgendaItemFactory(meeting=signed, order=1, title="Вопрос подписанного", heard="Открытое обсуждение")
    MinutesFactory(meeting=signed, number="1", status=MinutesStatus.SIGNED)
    signed_decision = DecisionFactory(
        agenda_item=signed_item, text="Опубликованное решение", due_date=dt.date(2030, 1, 1), status=DecisionStatus.OPEN
    )
    cancelled = MeetingFactory(council=council, date=dt.date(2022, 5, 5), status=MeetingStatus.CANCELLED)
    plan = WorkPlanFactory(cluster=cluster, year=2022)
    section = PlanSectionFactory(plan=plan, number=1, title="Организационные вопросы деятельности Кластера")
    item = PlanItemFactory(section=section, plan=plan, number="1.1", title="Разработка плана")
    report = PlanReportFactory(item=item)
    return {
        "cluster": cluster,
        "council": council,
        "chair": chair,
        "secretary": secretary,
        "member": member,
        "planned": planned,
        "planned_item": planned_item,
        "draft": draft,
        "draft_item": draft_item,
        "draft_decision": draft_decision,
        "signed": signed,
        "signed_item": signed_item,
        "signed_decision": signed_decision,
        "cancelled": cancelled,
        "plan": plan,
        "section": section,
        "item": item,
        "report": report,
    }
