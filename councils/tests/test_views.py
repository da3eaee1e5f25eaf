"""Every councils URL for every role and for anonymous users; crafted requests; query counts."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from cluster_portal.core.roles import Role
from cluster_portal.core.testing.views import Measured, Page, PageTests, everyone, only, policy_pages
from councils.choices import MinutesStatus
from councils.models import AgendaItem, Attendance, CalendarFeed, Meeting, Minutes, PlanItem
from councils.tests.factories import (
    AgendaItemFactory,
    CouncilMemberFactory,
    DecisionFactory,
    MeetingFactory,
    MinutesFactory,
    PlanItemFactory,
    PlanReportFactory,
)
from members.tests.factories import OrganizationFactory, PersonFactory

STAFF = (Role.COORDINATOR, Role.SECRETARY)
EVERYONE = everyone()


def matrix(w):
    staff = only(*STAFF)
    staff_or_404 = only(*STAFF, otherwise=404)
    council, planned, draft, signed = w["council"].pk, w["planned"].pk, w["draft"].pk, w["signed"].pk
    return [
        ("/councils/", EVERYONE),
        ("/councils/?export=xlsx", EVERYONE),
        (f"/councils/{council}/", EVERYONE),
        ("/councils/add/", staff),
        (f"/councils/{council}/edit/", staff),
        (f"/councils/{council}/delete/", staff),
        ("/councils/members/", EVERYONE),
        ("/councils/members/?export=xlsx", EVERYONE),
        (f"/councils/members/add/?council={council}", staff),
        (f"/councils/members/{w['member'].pk}/edit/", staff),
        (f"/councils/members/{w['member'].pk}/delete/", staff),
        ("/councils/meetings/", EVERYONE),
        ("/councils/meetings/?export=xlsx", EVERYONE),
        (f"/councils/meetings/{planned}/", EVERYONE),
        (f"/councils/meetings/{draft}/", EVERYONE),
        (f"/councils/meetings/{signed}/", EVERYONE),
        (f"/councils/meetings/{w['cancelled'].pk}/", EVERYONE),
        ("/councils/meetings/add/", staff),
        (f"/councils/meetings/{planned}/edit/", staff),
        (f"/councils/meetings/{planned}/delete/", staff),
        (f"/councils/meetings/{planned}/attendance/", staff),
        (f"/councils/meetings/{draft}/minutes/", staff),
        (f"/councils/meetings/{planned}/invite/", staff),
        (f"/councils/meetings/{planned}/ics/", EVERYONE),
        (f"/councils/meetings/{signed}/protocol.pdf", EVERYONE),
        (f"/councils/meetings/{draft}/protocol.pdf", staff_or_404),
        (f"/councils/agenda/add/?meeting={planned}", staff),
        (f"/councils/agenda/{w['planned_item'].pk}/edit/", staff),
        (f"/councils/agenda/{w['planned_item'].pk}/delete/", staff),
        ("/councils/decisions/", EVERYONE),
        ("/councils/decisions/?export=xlsx", EVERYONE),
        ("/councils/decisions/?overdue=true&mine=true", EVERYONE),
        (f"/councils/decisions/{w['signed_decision'].pk}/", EVERYONE),
        (f"/councils/decisions/{w['draft_decision'].pk}/", staff_or_404),
        (f"/councils/decisions/add/?agenda_item={w['signed_item'].pk}", staff),
        (f"/councils/decisions/{w['signed_decision'].pk}/edit/", staff),
        (f"/councils/decisions/{w['draft_decision'].pk}/edit/", staff_or_404),
        (f"/councils/decisions/{w['signed_decision'].pk}/delete/", staff),
        (f"/councils/decisions/{w['signed_decision'].pk}/plan/", staff),
        ("/councils/plans/", EVERYONE),
        ("/councils/plans/?export=xlsx", EVERYONE),
        (f"/councils/plans/{w['plan'].pk}/", EVERYONE),
        ("/councils/plans/add/", staff),
        (f"/councils/plans/{w['plan'].pk}/edit/", staff),
        (f"/councils/plans/{w['plan'].pk}/delete/", staff),
        (f"/councils/plans/sections/add/?plan={w['plan'].pk}", staff),
        (f"/councils/plans/sections/{w['section'].pk}/edit/", staff),
        (f"/councils/plans/sections/{w['section'].pk}/delete/", staff),
        ("/councils/plans/items/", EVERYONE),
        (f"/councils/plans/items/?plan={w['plan'].pk}&export=xlsx", EVERYONE),
        (f"/councils/plans/items/{w['item'].pk}/", EVERYONE),
        (f"/councils/plans/items/add/?section={w['section'].pk}", staff),
        (f"/councils/plans/items/{w['item'].pk}/edit/", staff),
        (f"/councils/plans/items/{w['item'].pk}/delete/", staff),
        (f"/councils/plans/reports/add/?item={w['item'].pk}", staff),
        (f"/councils/plans/reports/{w['report'].pk}/edit/", staff),
        (f"/councils/plans/reports/{w['report'].pk}/delete/", staff),
        ("/councils/calendar/", EVERYONE),
        ("/councils/calendar/?month=2022-03", EVERYONE),
        ("/councils/calendar/?month=bad", EVERYONE),
        ("/councils/calendar/subscribe/", EVERYONE),
        ("/import/work-plan/", staff),
        ("/import/work-plan/template/", staff),
    ]


class TestPages(PageTests):
    @pytest.fixture
    def pages(self, world):
        by_policy = [world[name] for name in ("council", "plan", "item")]
        return [
            *(Page(url, expected) for url, expected in matrix(world)),
            *(page for obj in by_policy for page in policy_pages(obj)),
            *policy_pages(world["section"], actions=("add", "edit", "delete")),  # shown on its plan's page
        ]

    @pytest.fixture
    def measured(self, world):
        details = ("council", "draft", "plan", "item", "signed_decision")
        urls = [*LIST_URLS, *(world[name].get_absolute_url() for name in details), "/"]
        return Measured(urls=urls, role=Role.SECRETARY, grow=lambda n, start: grow(world, n, start))


# Drafts are internal ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_draft_minutes_are_hidden_from_outsiders_and_shown_to_members(client, users, world):
    draft_url = f"/councils/meetings/{world['draft'].pk}/"
    client.force_login(users[Role.EXPERT])
    page = client.get(draft_url).content.decode()
    assert "Вопрос черновика" in page  # the agenda is public
    assert "Секретное обсуждение" not in page and "Черновое решение" not in page
    signed = client.get(f"/councils/meetings/{world['signed'].pk}/").content.decode()
    assert "Открытое обсуждение" in signed and "Опубликованное решение" in signed
    listing = client.get("/councils/decisions/").content.decode()
    assert "Опубликованное решение" in listing and "Черновое решение" not in listing

    # The expert sits on the council: drafts become visible.
    users[Role.EXPERT].person = world["member"].person
    users[Role.EXPERT].save()
    client.force_login(users[Role.EXPERT])
    page = client.get(draft_url).content.decode()
    assert "Секретное обсуждение" in page and "Черновое решение" in page
    assert client.get(f"/councils/meetings/{world['draft'].pk}/protocol.pdf").status_code == 200
    # Members read, they do not edit.
    assert client.get(f"/councils/meetings/{world['draft'].pk}/minutes/").status_code == 403


@pytest.mark.django_db
def test_responsible_organization_sees_its_decision_of_a_draft(client, users, world):
    decision = world["draft_decision"]
    decision.responsible_organization = users[Role.COLLEGE].organization
    decision.save()
    client.force_login(users[Role.COLLEGE])
    assert client.get(decision.get_absolute_url()).status_code == 200
    assert "Черновое решение" in client.get("/").content.decode()  # overdue, on the dashboard
    client.force_login(users["college2"])
    assert client.get(decision.get_absolute_url()).status_code == 404
    assert "Черновое решение" not in client.get("/").content.decode()


# Crafted requests ------------------------------------------------------------------------------
@pytest.mark.django_db
def test_crafted_posts_of_readers_are_refused(client, users, world):
    planned, draft = world["planned"], world["draft"]
    for role in (Role.COLLEGE, Role.EXPERT, Role.EMPLOYER, Role.OBSERVER):
        client.force_login(users[role])
        assert client.post(f"/councils/meetings/{planned.pk}/edit/", {"status": "cancelled"}).status_code == 403
        assert client.post(f"/councils/meetings/{planned.pk}/attendance/", {"present": []}).status_code == 403
        assert client.post(f"/councils/meetings/{draft.pk}/minutes/", {"minutes-number": "9"}).status_code == 403
        assert client.post(f"/councils/meetings/{draft.pk}/minutes/delete/").status_code == 403
        assert client.post(f"/councils/meetings/{planned.pk}/invite/", {}).status_code == 403
        assert client.post(f"/councils/agenda/{world['planned_item'].pk}/move/down/").status_code == 403
        assert (
            client.post("/councils/decisions/add/", {"agenda_item": world["signed_item"].pk, "text": "x"}).status_code
            == 403
        )
        assert client.post("/councils/plans/items/add/", {"section": world["section"].pk}).status_code == 403
        assert client.post(f"/councils/plans/items/{world['item'].pk}/delete/").status_code == 403
    planned.refresh_from_db()
    assert planned.status == "planned"
    assert Minutes.objects.get(meeting=draft).number == "2"
    assert PlanItem.objects.count() == 1


@pytest.mark.django_db
def test_attendee_who_is_not_a_member_is_refused(client_as, world):
    meeting = world["planned"]
    stranger = PersonFactory(last_name="Посторонний")
    response = client_as(Role.SECRETARY).post(
        f"/councils/meetings/{meeting.pk}/attendance/",
        {"present": [world["chair"].person_id, stranger.pk], "guests": "Гость"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Не входят в состав совета «Экспертный Совет»: Посторонний" in body
    assert not Attendance.objects.filter(meeting=meeting).exists()
    meeting.refresh_from_db()
    assert meeting.present_count is None and meeting.guests == ""


@pytest.mark.django_db
def test_minutes_for_a_cancelled_meeting_are_refused(client_as, world):
    meeting = world["cancelled"]
    client = client_as(Role.SECRETARY)
    response = client.get(f"/councils/meetings/{meeting.pk}/minutes/", follow=True)
    assert "Заседание отменено: протокол по нему не оформляется." in response.content.decode()
    response = client.post(
        f"/councils/meetings/{meeting.pk}/minutes/",
        {"minutes-number": "9", "minutes-date": "2022-05-05", "minutes-status": "draft"},
    )
    assert response.status_code == 200
    assert "Заседание отменено: протокол по нему не оформляется." in response.content.decode()
    assert not Minutes.objects.filter(meeting=meeting).exists()
    meeting.refresh_from_db()
    assert meeting.status == "cancelled"


@pytest.mark.django_db
def test_plan_item_number_used_twice_is_refused(client_as, world):
    response = client_as(Role.SECRETARY).post(
        "/councils/plans/items/add/",
        {"section": world["section"].pk, "number": "1.1.", "title": "Дубликат", "status": "planned"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Пункт 1.1 уже есть в плане на 2022 год." in body and "Дубликат" in body
    assert PlanItem.objects.count() == 1


@pytest.mark.django_db
def test_meeting_form_error_keeps_input_and_saves_nothing(client_as, world):
    response = client_as(Role.SECRETARY).post(
        "/councils/meetings/add/",
        {"council": world["council"].pk, "status": "planned", "format": "in_person", "topics": "Моя тема"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Укажите дату заседания или планируемый период" in body and "Моя тема" in body
    assert not Meeting.objects.filter(topics="Моя тема").exists()


@pytest.mark.django_db
def test_cancelling_a_meeting_with_minutes_is_refused(client_as, world):
    meeting = world["signed"]
    response = client_as(Role.SECRETARY).post(
        f"/councils/meetings/{meeting.pk}/edit/",
        {"status": "cancelled", "date": "2021-10-07", "format": "in_person", "topics": meeting.topics},
    )
    assert response.status_code == 200
    assert "По заседанию оформлен протокол" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == "held"


# The secretary's flow --------------------------------------------------------------------------
@pytest.mark.django_db
def test_secretary_records_a_meeting_from_agenda_to_protocol(client_as, world, monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    council = world["council"]
    client = client_as(Role.SECRETARY)
    response = client.post(
        "/councils/meetings/add/",
        {
            "council": council.pk,
            "status": "planned",
            "date": "2022-05-16",
            "start_time": "15:00",
            "format": "in_person",
            "place": "ОГБПОУ «ТЭПК», актовый зал",
            "topics": "Согласование контрольных цифр приема",
        },
    )
    meeting = Meeting.objects.get(topics="Согласование контрольных цифр приема")
    assert response["Location"] == meeting.get_absolute_url()
    assert meeting.academic_year == 2021
    for title in ("О контрольных цифрах приема на 2023 год", "О перечне компетенций"):
        client.post("/councils/agenda/add/", {"meeting": meeting.pk, "title": title, "speaker_text": "Пояркова О. Н."})
    first, second = meeting.agenda_items.order_by("order")
    client.post(f"/councils/agenda/{second.pk}/move/up/")
    assert list(meeting.agenda_items.order_by("order").values_list("pk", flat=True)) == [second.pk, first.pk]

    people = [world["chair"].person_id, world["secretary"].person_id]
    response = client.post(f"/councils/meetings/{meeting.pk}/attendance/", {"present": people, "guests": "Гость Г. Г."})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.present_count, meeting.members_count, meeting.quorum_reached) == (2, 3, True)

    response = client.post(
        f"/councils/meetings/{meeting.pk}/minutes/",
        {
            "minutes-number": "3",
            "minutes-date": "2022-05-16",
            "minutes-chair": world["chair"].person_id,
            "minutes-secretary": world["secretary"].person_id,
            "minutes-status": "draft",
            f"item-{first.pk}-heard": "Доклад о КЦП",
            f"item-{first.pk}-votes_for": "2",
            f"item-{second.pk}-heard": "Доклад о компетенциях",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting.refresh_from_db()
    assert meeting.status == "planned" and meeting.minutes.number == "3"  # minutes do not hold a meeting
    assert client.post(f"/councils/meetings/{meeting.pk}/held/")["Location"] == meeting.get_absolute_url()
    meeting.refresh_from_db()
    assert meeting.status == "held"

    yesterday = dt.date.today() - dt.timedelta(days=1)
    response = client.post(
        "/councils/decisions/add/",
        {
            "agenda_item": first.pk,
            "text": "Согласовать КЦП на 2023 год",
            "responsible_person": world["member"].person_id,
            "deadline_text": f"до {yesterday:%d.%m.%Y}",
            "status": "open",
        },
    )
    decision = first.decisions.get()
    assert response["Location"] == first.get_absolute_url()  # back to the meeting, at its agenda item
    assert decision.due_date == yesterday and decision.is_overdue

    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "СЛУШАЛИ:" in page and "Доклад о КЦП" in page and "Согласовать КЦП на 2023 год" in page
    assert "просрочено" in page
    dashboard = client.get("/").content.decode()
    assert "Просроченные решения и пункты плана" in dashboard and "Согласовать КЦП на 2023 год" in dashboard

    from django.template.loader import render_to_string

    monkeypatch.setattr(
        "councils.protocol.render_pdf", lambda template, context, **kw: render_to_string(template, context).encode()
    )
    html = client.get(f"/councils/meetings/{meeting.pk}/protocol.pdf").content.decode()
    for text in (
        "ПРОТОКОЛ № 3",
        "заседания Экспертного Совета",
        "Председатель:",
        "Секретарь:",
        "Присутствовали:",
        "2 из 3 членов совета (кворум имеется)",
        "ПОВЕСТКА ДНЯ:",
        "1. СЛУШАЛИ:",
        "РЕШИЛИ:",
        "Согласовать КЦП на 2023 год",
        "ГОЛОСОВАЛИ:",
        "Гость Г. Г.",
    ):
        assert text in html, text
    assert html.index("О перечне компетенций") < html.index("О контрольных цифрах приема")

    # The decision goes into the work plan, then is done.
    response = client.post(
        f"/councils/decisions/{decision.pk}/plan/", {"section": world["section"].pk, "number": "1.9"}
    )
    item = PlanItem.objects.get(number="1.9")
    assert response["Location"] == item.get_absolute_url()
    assert item.title == "Согласовать КЦП на 2023 год" and item.due_date == yesterday
    assert "Согласовать КЦП на 2023 год" in client.get(item.get_absolute_url()).content.decode()
    client.post(
        f"/councils/decisions/{decision.pk}/edit/",
        {"text": decision.text, "status": "done", "result": "КЦП согласованы", "deadline_text": decision.deadline_text},
    )
    decision.refresh_from_db()
    assert decision.status == "done" and decision.done_date == dt.date.today() and not decision.is_overdue

    # The signed scan is attached: the protocol is published.
    from django.core.files.uploadedfile import SimpleUploadedFile

    scan = SimpleUploadedFile("scan.pdf", b"%PDF-1.4 signed", content_type="application/pdf")
    client.post(
        f"/councils/meetings/{meeting.pk}/minutes/",
        {
            "minutes-number": "3",
            "minutes-date": "2022-05-16",
            "minutes-status": "draft",
            "minutes-signed_scan": scan,
        },
    )
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.status == MinutesStatus.SIGNED and minutes.signed_scan
    client = client_as(Role.OBSERVER)
    file_url = f"/files/councils/minutes/{minutes.pk}/signed_scan/"
    response = client.get(file_url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_scan_of_a_draft_is_not_served_to_outsiders(client, users, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.base import ContentFile

    minutes = Minutes.objects.get(meeting=world["draft"])
    minutes.signed_scan.save("scan.pdf", ContentFile(b"%PDF-1.4"), save=True)
    url = f"/files/councils/minutes/{minutes.pk}/signed_scan/"
    client.force_login(users[Role.COLLEGE])
    assert client.get(url).status_code == 404
    client.force_login(users[Role.SECRETARY])
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_bad_scan_is_refused(client_as, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    meeting = world["draft"]
    fake = SimpleUploadedFile("scan.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client_as(Role.SECRETARY).post(
        f"/councils/meetings/{meeting.pk}/minutes/",
        {"minutes-number": "2", "minutes-date": "2022-03-23", "minutes-status": "signed", "minutes-signed_scan": fake},
    )
    assert response.status_code == 200
    assert "Содержимое файла не соответствует расширению" in response.content.decode()
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.status == "draft" and not minutes.signed_scan


@pytest.mark.django_db
def test_protocol_pdf_is_a_pdf(client_as, world):
    response = client_as(Role.OBSERVER).get(f"/councils/meetings/{world['signed'].pk}/protocol.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


@pytest.mark.django_db
def test_invitations_from_the_browser(
    client_as, world, mailoutbox, django_capture_on_commit_callbacks, jobs_run_at_once
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(Role.SECRETARY).post(
            f"/councils/meetings/{world['planned'].pk}/invite/", {"extra_emails": "guest@example.org", "message": ""}
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == ["c@x.org", "guest@example.org", "m@x.org"]
    response = client_as(Role.SECRETARY).post(
        f"/councils/meetings/{world['planned'].pk}/invite/", {"extra_emails": "не адрес"}
    )
    assert "Неверные адреса электронной почты: не адрес" in response.content.decode()


# Calendar --------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_calendar_month_shows_dated_and_planned_meetings(client_as, world):
    MeetingFactory(
        council=world["council"], date=None, period="апрель-май", academic_year=2021, topics="Весенняя экспертиза"
    )
    page = client_as(Role.OBSERVER).get("/councils/calendar/?month=2022-03").content.decode()
    assert "Календарь заседаний: март 2022" in page
    assert world["draft"].get_absolute_url() in page
    assert "Весенняя экспертиза" not in page
    page = client_as(Role.OBSERVER).get("/councils/calendar/?month=2022-05").content.decode()
    assert "Весенняя экспертиза" in page


@pytest.mark.django_db
def test_calendar_feed_by_token_revocable(client, users, world):
    MeetingFactory(council=world["council"], date=dt.date.today() + dt.timedelta(days=10), status="cancelled")
    client.force_login(users[Role.OBSERVER])
    client.post("/councils/calendar/subscribe/", {"action": "renew"})
    feed = CalendarFeed.objects.get(user=users[Role.OBSERVER])
    url = f"/councils/calendar/feed/{feed.token}.ics"
    assert url in client.get("/councils/calendar/subscribe/").content.decode()
    client.logout()
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    # Future meetings and those of the last two years: the 2021/2022 ones are too old.
    assert body.startswith("BEGIN:VCALENDAR") and body.count("BEGIN:VEVENT") == 2
    assert f"UID:meeting-{world['planned'].pk}@" in body and f"UID:meeting-{world['draft'].pk}@" not in body
    assert "STATUS:CANCELLED" in body and all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert client.get("/councils/calendar/feed/not-a-token.ics").status_code == 404
    client.force_login(users[Role.OBSERVER])
    client.post("/councils/calendar/subscribe/", {"action": "revoke"})
    client.logout()
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_feed_of_an_inactive_user_stops(client, users, world):
    from councils import services

    feed = services.calendar_feed_renew(user=users[Role.COLLEGE])
    users[Role.COLLEGE].is_active = False
    users[Role.COLLEGE].save()
    assert client.get(f"/councils/calendar/feed/{feed.token}.ics").status_code == 404


# Excel -----------------------------------------------------------------------------------------
def _rows(response):
    content = b"".join(response.streaming_content)
    return list(load_workbook(io.BytesIO(content), read_only=True).worksheets[0].iter_rows(values_only=True))


@pytest.mark.django_db
def test_exports_are_the_filtered_sets(client_as, world):
    client = client_as(Role.OBSERVER)
    rows = _rows(client.get("/councils/meetings/?status=held&export=xlsx"))
    assert rows[0][0] == "Совет" and {row[8] for row in rows[1:]} == {"Черновая тема", "Подписанная тема"}
    rows = _rows(client.get("/councils/decisions/?export=xlsx"))
    assert [row[5] for row in rows[1:]] == ["Опубликованное решение"]
    rows = _rows(client.get(f"/councils/plans/items/?plan={world['plan'].pk}&export=xlsx"))
    assert rows[0][:4] == ("Кластер", "Год плана", "Раздел", "№ п/п")
    assert rows[1][3] == "1.1" and rows[1][2] == "1. Организационные вопросы деятельности Кластера"


# Query counts ----------------------------------------------------------------------------------
LIST_URLS = [
    "/councils/",
    "/councils/members/",
    "/councils/meetings/",
    "/councils/decisions/",
    "/councils/plans/",
    "/councils/plans/items/",
    "/councils/calendar/?month=2022-03",
]


def grow(world, n, start=0):
    council = world["council"]
    for i in range(start, start + n):
        CouncilMemberFactory(council=council, order=10 + i)
        meeting = MeetingFactory(council=council, date=dt.date(2022, 3, 1 + i % 28), status="held")
        MinutesFactory(meeting=meeting, number=f"g{i}", status="signed")
        item = AgendaItemFactory(meeting=meeting)
        AgendaItemFactory(meeting=meeting)
        plan_item = PlanItemFactory(section=world["section"], plan=world["plan"], number=f"1.{i + 2}")
        # Every related row a decision's row prints: what the list did not fetch would be read row by row.
        DecisionFactory(
            agenda_item=item,
            due_date=dt.date(2022, 1, 1),
            done_date=dt.date(2022, 2, 1) if i % 2 else None,
            status="done" if i % 2 else "open",
            responsible_person=world["member"].person,
            responsible_organization=OrganizationFactory(),
            plan_item=plan_item,
        )
        PlanReportFactory(item=plan_item)
        PlanReportFactory(item=plan_item)
        Attendance.objects.create(meeting=world["draft"], person=PersonFactory(), present=True)


@pytest.mark.django_db
def test_agenda_item_delete_goes_back_to_the_meeting(client_as, world):
    item = world["planned_item"]
    response = client_as(Role.SECRETARY).post(f"/councils/agenda/{item.pk}/delete/")
    assert response["Location"] == world["planned"].get_absolute_url()
    assert not AgendaItem.objects.filter(pk=item.pk).exists()


@pytest.mark.django_db
def test_meeting_list_shows_the_topics_or_else_the_agenda(client_as, world):
    bare = MeetingFactory(council=world["council"], date=dt.date(2022, 5, 12), topics="")
    AgendaItemFactory(meeting=bare, order=2, title="О практике")
    AgendaItemFactory(meeting=bare, order=1, title="О приёме")
    described = MeetingFactory(council=world["council"], date=dt.date(2022, 5, 19), topics="Итоги года")
    AgendaItemFactory(meeting=described, order=1, title="Вопрос не для списка")
    rows = client_as(Role.SECRETARY).get("/councils/meetings/").content.decode().split("<tbody")[1]
    assert "О приёме; О практике" in rows and "Итоги года" in rows
    assert "Вопрос не для списка" not in rows
