"""Rules of the councils services: refusals leave nothing half saved."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from councils import execution, services
from councils.choices import DecisionStatus, MeetingStatus, MemberRole, MinutesStatus, PlanItemStatus, QuorumRule
from councils.models import AgendaItem, Attendance, Decision, Invitation, Meeting, Minutes, PlanItem
from councils.tests.factories import (
    AgendaItemFactory,
    CouncilFactory,
    CouncilMemberFactory,
    DecisionFactory,
    MeetingFactory,
    MinutesFactory,
    PlanItemFactory,
    PlanSectionFactory,
)
from members.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    council = CouncilFactory()
    for i, role in enumerate([MemberRole.CHAIR, MemberRole.SECRETARY, MemberRole.MEMBER, MemberRole.MEMBER]):
        CouncilMemberFactory(council=council, role=role, order=i, person=PersonFactory(email=f"m{i}@example.org"))
    return council


def test_quorum_rules():
    council = CouncilFactory.build(quorum_rule=QuorumRule.MAJORITY)
    assert [council.quorum_needed(n) for n in (1, 2, 3, 4, 9, 10)] == [1, 2, 2, 3, 5, 6]
    council.quorum_rule = QuorumRule.TWO_THIRDS
    assert [council.quorum_needed(n) for n in (3, 4, 9, 10)] == [2, 3, 6, 7]
    assert council.quorum_needed(0) == 0


def test_attendance_records_quorum(council):
    meeting = MeetingFactory(council=council)
    people = [seat.person for seat in council.members.order_by("order")]
    services.meeting_record_attendance(meeting=meeting, present=people[:3], guests="Гость Г. Г.")
    meeting.refresh_from_db()
    assert (meeting.members_count, meeting.present_count, meeting.quorum_reached) == (4, 3, True)
    assert Attendance.objects.filter(meeting=meeting).count() == 4
    services.meeting_record_attendance(meeting=meeting, present=people[:2])
    meeting.refresh_from_db()
    assert (meeting.present_count, meeting.quorum_reached) == (2, False)
    assert Attendance.objects.filter(meeting=meeting, present=True).count() == 2


def test_attendee_who_is_not_a_member_is_refused_and_nothing_changes(council):
    meeting = MeetingFactory(council=council)
    people = [seat.person for seat in council.members.all()]
    services.meeting_record_attendance(meeting=meeting, present=people[:3])
    stranger = PersonFactory(last_name="Посторонний")
    with pytest.raises(ValidationError) as exc:
        services.meeting_record_attendance(meeting=meeting, present=[people[0], stranger])
    assert "Не входят в состав совета" in str(exc.value) and "Посторонний" in str(exc.value)
    meeting.refresh_from_db()
    assert meeting.present_count == 3
    assert not Attendance.objects.filter(person=stranger).exists()


def test_minutes_of_a_cancelled_meeting_are_refused(council):
    meeting = MeetingFactory(council=council, status=MeetingStatus.CANCELLED)
    item = AgendaItemFactory(meeting=meeting, heard="")
    with pytest.raises(ValidationError) as exc:
        services.meeting_record_minutes(
            meeting=meeting,
            number="5",
            date=meeting.date,
            chair=None,
            secretary=None,
            items={item.pk: {"heard": "Доклад"}},
        )
    assert "отменено" in str(exc.value)
    meeting.refresh_from_db()
    item.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert not Minutes.objects.exists() and item.heard == ""


def test_minutes_write_what_was_heard_and_leave_the_meeting_planned(council):
    meeting = MeetingFactory(council=council, date=None, period="ноябрь", academic_year=2022)
    item = AgendaItemFactory(meeting=meeting)
    chair = council.members.get(role=MemberRole.CHAIR).person
    services.meeting_record_attendance(meeting=meeting, present=[seat.person for seat in council.members.all()])
    minutes = services.meeting_record_minutes(
        meeting=meeting,
        number="1",
        date=dt.date(2022, 11, 17),
        chair=chair,
        secretary=None,
        items={item.pk: {"heard": "Доклад о демонстрационном экзамене", "votes_for": 4, "votes_against": 0}},
    )
    meeting.refresh_from_db()
    item.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED and meeting.date == dt.date(2022, 11, 17)
    assert minutes.status == MinutesStatus.DRAFT
    services.meeting_mark_held(meeting=meeting)
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.HELD
    assert item.heard.startswith("Доклад") and item.votes_for == 4


def test_minutes_refusals(council):
    meeting = MeetingFactory(council=council, date=dt.date(2022, 3, 23))
    MinutesFactory(meeting=MeetingFactory(council=council, date=dt.date(2022, 2, 1), status="held"), number="7")
    kwargs = {"meeting": meeting, "chair": None, "secretary": None}
    with pytest.raises(ValidationError, match="уже есть"):
        services.meeting_record_minutes(number="7", date=meeting.date, **kwargs)
    with pytest.raises(ValidationError, match="раньше даты заседания"):
        services.meeting_record_minutes(number="8", date=dt.date(2022, 3, 1), **kwargs)
    with pytest.raises(ValidationError, match="не входит в состав"):
        services.meeting_record_minutes(number="8", date=meeting.date, **{**kwargs, "chair": PersonFactory()})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    assert Minutes.objects.count() == 1


def test_a_meeting_with_minutes_cannot_be_cancelled(council):
    minutes = MinutesFactory(meeting=MeetingFactory(council=council, status=MeetingStatus.HELD))
    meeting = minutes.meeting
    meeting.status = MeetingStatus.CANCELLED
    with pytest.raises(ValidationError, match="оформлен протокол"):
        services.meeting_save(meeting=meeting)
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.HELD


def test_meeting_rules_of_dates_and_years(council):
    with pytest.raises(ValidationError) as exc:
        services.meeting_save(meeting=Meeting(council=council, academic_year=2022))
    assert "дату заседания или планируемый период" in str(exc.value)
    with pytest.raises(ValidationError, match="относится к 2021/2022"):
        services.meeting_save(meeting=Meeting(council=council, date=dt.date(2022, 3, 1), academic_year=2022))
    with pytest.raises(ValidationError, match="должна быть дата"):
        services.meeting_save(meeting=Meeting(council=council, period="май", academic_year=2022, status="held"))
    meeting = services.meeting_save(meeting=Meeting(council=council, date=dt.date(2022, 10, 7)))
    assert meeting.academic_year == 2022


def test_agenda_numbering_and_moves(council):
    meeting = MeetingFactory(council=council)
    first = services.agenda_item_save(item=AgendaItem(meeting=meeting, title="Первый"))
    second = services.agenda_item_save(item=AgendaItem(meeting=meeting, title="Второй"))
    assert (first.order, second.order) == (1, 2)
    services.agenda_item_move(item=second, direction="up")
    assert list(meeting.agenda_items.order_by("order").values_list("title", flat=True)) == ["Второй", "Первый"]


def test_decisions_need_minutes_and_are_numbered(council):
    meeting = MeetingFactory(council=council, date=dt.date(2022, 5, 16))
    item = AgendaItemFactory(meeting=meeting)
    with pytest.raises(ValidationError, match="Сначала оформите протокол"):
        services.decision_save(decision=Decision(agenda_item=item, text="Согласовать"))
    MinutesFactory(meeting=meeting)
    first = services.decision_save(
        decision=Decision(agenda_item=item, text="Согласовать", deadline_text="до 01.12.2022")
    )
    second = services.decision_save(decision=Decision(agenda_item=item, text="Направить", deadline_text="IV квартал"))
    assert (first.number, second.number) == (1, 2)
    assert first.due_date == dt.date(2022, 12, 1)
    assert second.due_date == dt.date(2021, 12, 31)  # IV quarter of the meeting's academic year 2021/2022


def test_a_decision_is_overdue_once_its_deadline_passes(council):
    today = timezone.localdate()
    decision = DecisionFactory(agenda_item=AgendaItemFactory(meeting=MeetingFactory(council=council)))
    decision.due_date = today
    assert not decision.is_overdue
    decision.due_date = today - dt.timedelta(days=1)
    assert decision.is_overdue
    decision.status = DecisionStatus.DONE
    assert not decision.is_overdue


def test_plan_item_number_used_twice_is_refused(council):
    section = PlanSectionFactory()
    PlanItemFactory(section=section, number="1.1")
    with pytest.raises(ValidationError) as exc:
        services.plan_item_save(item=PlanItem(section=section, number="1.1.", title="Ещё раз"))
    assert "Пункт 1.1 уже есть в плане на 2022 год" in str(exc.value)
    assert PlanItem.objects.count() == 1


def test_plan_item_number_must_match_its_section():
    section = PlanSectionFactory(number=2)
    with pytest.raises(ValidationError, match="не может стоять в разделе 2"):
        services.plan_item_save(item=PlanItem(section=section, number="1.5", title="Не туда"))
    with pytest.raises(ValidationError, match=r"записывается как 1\.1"):
        services.plan_item_save(item=PlanItem(section=section, number="два", title="Не номер"))


def test_plan_item_tracking_date_comes_from_the_written_deadline():
    section = PlanSectionFactory()
    item = services.plan_item_save(item=PlanItem(section=section, number="1.7.", title="Т", deadline_text="Июнь 2022"))
    assert (item.number, item.due_date, item.position) == ("1.7", dt.date(2022, 6, 30), 1007)
    item = services.plan_item_save(
        item=PlanItem(section=section, number="1.8", title="Т", deadline_text="В течение года")
    )
    assert item.due_date == dt.date(2022, 12, 31)


def test_decision_creates_or_updates_a_plan_item(council):
    meeting = MeetingFactory(council=council, date=dt.date(2022, 5, 16))
    MinutesFactory(meeting=meeting, number="3")
    item = AgendaItemFactory(meeting=meeting)
    person = council.members.first().person
    decision = services.decision_save(
        decision=Decision(
            agenda_item=item, text="Провести стажировки", responsible_person=person, deadline_text="до 01.12.2022"
        )
    )
    section = PlanSectionFactory(number=2)
    created = services.decision_to_plan_item(decision=decision, section=section, number="2.10")
    assert (created.number, created.title, created.due_date) == ("2.10", "Провести стажировки", dt.date(2022, 12, 1))
    assert created.responsible_person == person
    decision.refresh_from_db()
    assert decision.plan_item == created

    existing = PlanItemFactory(section=section, number="2.4", deadline_text="В течение года")
    other = services.decision_save(
        decision=Decision(agenda_item=item, text="Перенести срок", deadline_text="до 01.10.2022")
    )
    services.decision_to_plan_item(decision=other, plan_item=existing)
    existing.refresh_from_db()
    assert (existing.deadline_text, existing.due_date) == ("до 01.10.2022", dt.date(2022, 10, 1))
    # The open decision is evidence that the item is under way (its status is computed, not set).
    run = execution.executions([existing], on=dt.date(2022, 9, 1))[existing.pk]
    assert run.status == PlanItemStatus.IN_PROGRESS and [e.kind for e in run.evidence] == ["Решение совета"]
    with pytest.raises(ValidationError, match="уже есть"):
        services.decision_to_plan_item(decision=other, section=section, number="2.4")


def test_invitations_are_mailed_with_a_calendar_file(
    council, users, django_capture_on_commit_callbacks, jobs_run_at_once
):
    council.members.filter(order=3).update(person=PersonFactory(email=""))
    meeting = MeetingFactory(council=council, date=dt.date(2030, 3, 5), place="ТЭПК, ауд. 101")
    AgendaItemFactory(meeting=meeting, title="Согласование КЦП")
    with django_capture_on_commit_callbacks(execute=True):
        sent, skipped = services.meeting_send_invitations(
            meeting=meeting, sender=users["secretary"], extra_emails=["guest@example.org"]
        )
    assert len(sent) == 4 and len(skipped) == 1
    assert len(mail.outbox) == 4
    message = mail.outbox[0]
    assert "Приглашение на заседание" in message.subject and "Согласование КЦП" in message.body
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    assert "BEGIN:VEVENT" in content and "DTSTART;VALUE=DATE:20300305" in content and "LOCATION:ТЭПК" in content
    assert Invitation.objects.filter(meeting=meeting).count() == 4


def test_invitations_refused_without_a_date_or_when_cancelled(council, users):
    undated = MeetingFactory(council=council, date=None, period="май", academic_year=2022)
    with pytest.raises(ValidationError, match="точная дата"):
        services.meeting_send_invitations(meeting=undated, sender=users["secretary"])
    cancelled = MeetingFactory(council=council, status=MeetingStatus.CANCELLED)
    with pytest.raises(ValidationError, match="запланированные"):
        services.meeting_send_invitations(meeting=cancelled, sender=users["secretary"])
    assert not mail.outbox and not Invitation.objects.exists()


def test_calendar_feed_renew_and_revoke(users):
    user = users["observer"]
    first = services.calendar_feed_renew(user=user)
    second = services.calendar_feed_renew(user=user)
    assert first.token != second.token and len(second.token) >= 40
    services.calendar_feed_revoke(user=user)
    assert not type(first).objects.filter(user=user).exists()
