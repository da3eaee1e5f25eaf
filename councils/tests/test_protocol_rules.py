"""Protocols that cannot lie: each rule refused at its field, and what the protocol PDF prints."""

import datetime as dt
import shutil
import subprocess

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.utils import timezone

from cluster_portal.core.roles import Role
from councils import services
from councils.choices import MeetingStatus, MemberRole, MinutesStatus
from councils.models import Meeting, Minutes
from councils.tests.factories import (
    AgendaItemFactory,
    CouncilFactory,
    CouncilMemberFactory,
    DecisionFactory,
    MeetingFactory,
    MinutesFactory,
)
from members.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

POPPLER = shutil.which("pdftotext")


@pytest.fixture
def council():
    """A council of eight members, all with an e-mail address."""
    council = CouncilFactory(name="Экспертный Совет", name_genitive="Экспертного Совета")
    roles = [MemberRole.CHAIR, MemberRole.SECRETARY] + [MemberRole.MEMBER] * 6
    for i, role in enumerate(roles):
        CouncilMemberFactory(council=council, role=role, order=i, person=PersonFactory(email=f"m{i}@example.org"))
    return council


def seven_present(meeting):
    people = [seat.person for seat in meeting.council.members.order_by("order")][:7]
    return services.meeting_record_attendance(meeting=meeting, present=people)


def minutes_post(meeting, item, **values):
    data = {
        "minutes-number": "4",
        "minutes-date": meeting.date.isoformat(),
        "minutes-status": "draft",
        f"item-{item.pk}-heard": "Доклад",
    }
    data.update({f"item-{item.pk}-{key}": value for key, value in values.items()})
    return data


def field_errors(response, prefix, field):
    form = next(f for _item, f, _decisions in response.context["item_forms"] if f.prefix == prefix)
    return " ".join(form.errors.get(field, []))


# Votes ------------------------------------------------------------------------------------------
def test_votes_beyond_the_members_present_are_refused_at_the_field(client_as, council):
    meeting = MeetingFactory(council=council, date=dt.date(2022, 3, 23), status=MeetingStatus.HELD)
    item = AgendaItemFactory(meeting=meeting, heard="")
    seven_present(meeting)
    client = client_as(Role.SECRETARY)
    response = client.post(
        f"/councils/meetings/{meeting.pk}/minutes/", minutes_post(meeting, item, votes_for=9, votes_against=1)
    )
    assert response.status_code == 200
    error = field_errors(response, f"item-{item.pk}", "votes_for")
    assert "Голосов 10 (за 9, против 1, воздержались 0)" in error
    assert "присутствовало членов совета с правом голоса 7" in error
    assert error in response.content.decode().replace("&quot;", '"').replace("&#x27;", "'")
    assert not Minutes.objects.filter(meeting=meeting).exists()
    item.refresh_from_db()
    assert item.votes_for is None and item.heard == ""

    # Seven votes of seven present are accepted.
    response = client.post(
        f"/councils/meetings/{meeting.pk}/minutes/",
        minutes_post(meeting, item, votes_for=5, votes_against=1, votes_abstained=1),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.votes_for, item.votes_against, item.votes_abstained) == (5, 1, 1)


def test_votes_before_attendance_is_recorded_are_refused_at_the_field(client_as, council):
    meeting = MeetingFactory(council=council, date=dt.date(2022, 3, 23))
    item = AgendaItemFactory(meeting=meeting)
    response = client_as(Role.SECRETARY).post(
        f"/councils/meetings/{meeting.pk}/minutes/", minutes_post(meeting, item, votes_for=3)
    )
    assert response.status_code == 200
    assert "Сначала отметьте присутствие" in field_errors(response, f"item-{item.pk}", "votes_for")
    assert not Minutes.objects.exists()


def test_the_service_refuses_the_votes_too_naming_the_item(council):
    meeting = MeetingFactory(council=council, date=dt.date(2022, 3, 23))
    item = AgendaItemFactory(meeting=meeting)
    seven_present(meeting)
    with pytest.raises(services.AgendaItemInvalid) as exc:
        services.meeting_record_minutes(
            meeting=meeting,
            number="1",
            date=meeting.date,
            chair=None,
            secretary=None,
            items={item.pk: {"votes_for": 8}},
        )
    assert exc.value.item_pk == item.pk
    assert "присутствовало членов совета с правом голоса 7" in exc.value.message_dict["votes_for"][0]


def test_attendance_cannot_shrink_below_the_votes_recorded(client_as, council):
    meeting = MeetingFactory(council=council, date=dt.date(2022, 3, 23))
    item = AgendaItemFactory(meeting=meeting, order=1)
    seven_present(meeting)
    services.meeting_record_minutes(
        meeting=meeting, number="1", date=meeting.date, chair=None, secretary=None, items={item.pk: {"votes_for": 6}}
    )
    two = [seat.person_id for seat in council.members.order_by("order")][:2]
    response = client_as(Role.SECRETARY).post(f"/councils/meetings/{meeting.pk}/attendance/", {"present": two})
    assert response.status_code == 200
    error = " ".join(response.context["form"].errors["present"])
    assert "Вопрос 1: Голосов 6" in error and "с правом голоса 2" in error
    meeting.refresh_from_db()
    assert meeting.present_count == 7


# Held only on or after the date, only by an explicit act ----------------------------------------
def test_a_future_meeting_cannot_be_marked_held_at_the_status_field(client_as, council):
    future = timezone.localdate() + dt.timedelta(days=30)
    meeting = MeetingFactory(council=council, date=future)
    client = client_as(Role.SECRETARY)
    response = client.post(
        f"/councils/meetings/{meeting.pk}/edit/",
        {"status": "held", "date": future.isoformat(), "format": "in_person", "topics": meeting.topics},
    )
    assert response.status_code == 200
    assert (
        f"Заседание назначено на {future:%d.%m.%Y}: проведённым его можно отметить не раньше этого дня."
        in (response.context["form"].errors["status"])
    )
    # The explicit button is not offered, and a crafted post is refused with the same reason.
    assert "Отметить проведённым" not in client.get(meeting.get_absolute_url()).content.decode()
    response = client.post(f"/councils/meetings/{meeting.pk}/held/", follow=True)
    assert "не раньше этого дня" in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.PLANNED


def test_a_past_meeting_is_held_by_the_explicit_action_only(client_as, council):
    meeting = MeetingFactory(council=council, date=dt.date(2022, 3, 23))
    item = AgendaItemFactory(meeting=meeting)
    client = client_as(Role.SECRETARY)
    assert client.post(f"/councils/meetings/{meeting.pk}/minutes/", minutes_post(meeting, item)).status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.PLANNED
    assert "Отметить проведённым" in client.get(meeting.get_absolute_url()).content.decode()
    client.post(f"/councils/meetings/{meeting.pk}/held/")
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.HELD


def test_readers_cannot_mark_a_meeting_held(client_as, council):
    meeting = MeetingFactory(council=council, date=dt.date(2022, 3, 23))
    for role in (Role.COLLEGE, Role.EXPERT, Role.EMPLOYER, Role.OBSERVER):
        assert client_as(role).post(f"/councils/meetings/{meeting.pk}/held/").status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.PLANNED


def test_minutes_drafted_in_advance_keep_the_meeting_planned_and_its_invitations(
    client_as, council, django_capture_on_commit_callbacks, jobs_run_at_once
):
    future = timezone.localdate() + dt.timedelta(days=10)
    meeting = MeetingFactory(council=council, date=future)
    item = AgendaItemFactory(meeting=meeting)
    client = client_as(Role.SECRETARY)
    assert client.post(f"/councils/meetings/{meeting.pk}/minutes/", minutes_post(meeting, item)).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED and meeting.minutes.status == MinutesStatus.DRAFT
    assert "Разослать приглашения" in client.get(meeting.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/councils/meetings/{meeting.pk}/invite/", {"extra_emails": ""}).status_code == 302
    assert meeting.invitations.count() == 8 and len(mail.outbox) == 8


def test_the_protocol_of_a_meeting_not_held_cannot_be_signed_at_the_status_field(client_as, council):
    meeting = MeetingFactory(council=council, date=dt.date(2022, 3, 23))
    item = AgendaItemFactory(meeting=meeting)
    response = client_as(Role.SECRETARY).post(
        f"/councils/meetings/{meeting.pk}/minutes/", {**minutes_post(meeting, item), "minutes-status": "signed"}
    )
    assert response.status_code == 200
    assert "сначала отметьте заседание проведённым" in " ".join(response.context["form"].errors["status"])
    assert not Minutes.objects.exists()


def test_a_meeting_with_signed_minutes_stays_held(council):
    meeting = MeetingFactory(council=council, status=MeetingStatus.HELD)
    MinutesFactory(meeting=meeting, status=MinutesStatus.SIGNED)
    meeting.status = MeetingStatus.PLANNED
    with pytest.raises(Exception, match="может быть только проведённым"):
        services.meeting_save(meeting=meeting)


# What the protocol prints -----------------------------------------------------------------------
def protocol_html(client, meeting, monkeypatch):
    monkeypatch.setattr(
        "councils.protocol.render_pdf", lambda template, context, **kw: render_to_string(template, context).encode()
    )
    return " ".join(client.get(f"/councils/meetings/{meeting.pk}/protocol.pdf").content.decode().split())


def test_decided_only_what_was_entered_and_the_speaker_as_written(client_as, council, monkeypatch):
    meeting = MeetingFactory(council=council, status=MeetingStatus.HELD)
    heard = AgendaItemFactory(
        meeting=meeting,
        order=1,
        title="О пуле экспертов",
        speaker_text="Пояркова О.Н.",
        heard="Пояркову О.Н. о кандидатурах экспертов.",
    )
    AgendaItemFactory(meeting=meeting, order=2, title="О плане на 2023 год", speaker_text="Пояркова О.Н.", heard="")
    MinutesFactory(meeting=meeting, status=MinutesStatus.SIGNED)
    DecisionFactory(agenda_item=heard, text="Сформировать пул экспертов")
    html = protocol_html(client_as(Role.SECRETARY), meeting, monkeypatch)
    assert '1. СЛУШАЛИ:</span> <span class="prewrap">Пояркову О.Н. о кандидатурах экспертов.</span>' in html
    assert "Пояркова О.Н. — Пояркову" not in html
    assert '2. СЛУШАЛИ:</span> <span class="prewrap">О плане на 2023 год</span> (докладчик: Пояркова О.Н.)' in html
    assert html.count("РЕШИЛИ:") == 1 and "Сформировать пул экспертов" in html
    assert "Принять к сведению" not in html
    assert "draft-mark" not in html


def pdf_pages(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "protocol.pdf"
    path.write_bytes(pdf)
    # -raw keeps the order of the content stream: the turned mark's letters come one after another.
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return ["".join(page.split()) for page in text.split("\f") if page.strip()]


@pytest.mark.skipif(not POPPLER, reason="нет pdftotext (apt-get install poppler-utils)")
def test_a_draft_protocol_is_marked_on_every_page_and_a_signed_one_is_not(client_as, council, tmp_path):
    meeting = MeetingFactory(council=council, status=MeetingStatus.HELD)
    for order in range(1, 13):
        AgendaItemFactory(meeting=meeting, order=order, title=f"Вопрос {order}", heard="Доклад. " * 60)
    minutes = MinutesFactory(meeting=meeting, status=MinutesStatus.DRAFT)
    client = client_as(Role.SECRETARY)
    pages = pdf_pages(client.get(f"/councils/meetings/{meeting.pk}/protocol.pdf").content, tmp_path)
    assert len(pages) >= 3
    assert all("ПРОЕКТ" in page for page in pages), [page[:80] for page in pages]
    minutes.status = MinutesStatus.SIGNED
    minutes.save()
    pages = pdf_pages(client.get(f"/councils/meetings/{meeting.pk}/protocol.pdf").content, tmp_path)
    assert not any("ПРОЕКТ" in page for page in pages)
