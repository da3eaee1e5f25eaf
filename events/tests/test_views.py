"""Pages of the events app for each role, scoping tested with crafted requests."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from PIL import Image

from cluster_portal.core.roles import Role
from cluster_portal.core.testing.views import Measured, PageTests, policy_pages
from events.choices import EventStatus, FileKind
from events.models import Event, EventFile, ExamResult, ExamSession
from practice.models import StudentDataAccess

from .factories import EventFactory, EventKindFactory, ExamResultFactory, ExamSessionFactory, ProgramFactory

OPEN_DAY = {
    "title": "День открытых дверей ТЕСТ-1",
    "date_start": "2030-04-15",
    "place": "Главный корпус",
    "description": "Экскурсия по мастерским, встреча с приёмной комиссией.",
    "is_public": "on",
}


def propose(client, kind, organizer, **values):
    data = {**OPEN_DAY, "kind": kind.pk, "organizer": organizer.pk, **values}
    return client.post("/events/add/", data)


@pytest.mark.django_db
def test_a_college_proposes_an_open_day_and_the_coordinator_publishes_it(client, users, cluster, college_org):
    kind = EventKindFactory()
    client.force_login(users[Role.COLLEGE])
    response = propose(client, kind, college_org)
    event = Event.objects.get(title=OPEN_DAY["title"])
    assert response.status_code == 302 and event.status == EventStatus.PROPOSED
    assert event.proposed_by == college_org
    assert f"/events/open/{event.pk}/" not in client.get("/catalog/").content.decode()  # not published yet
    assert client.get(f"/events/open/{event.pk}/").status_code == 404
    assert client.post(f"/events/{event.pk}/publish/").status_code == 403
    client.force_login(users[Role.COORDINATOR])
    assert "Ждут публикации" in client.get("/").content.decode()
    assert client.post(f"/events/{event.pk}/publish/").status_code == 302
    client.logout()
    catalog = client.get("/catalog/").content.decode()
    assert OPEN_DAY["title"] in catalog and f"/events/open/{event.pk}/" in catalog
    assert "Экскурсия по мастерским" in client.get(f"/events/open/{event.pk}/").content.decode()
    feed = client.get("/events/calendar.ics")
    body = feed.content.decode()
    assert feed["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:День открытых дверей ТЕСТ-1" in body and "DTSTART;VALUE=DATE:20300415" in body


@pytest.mark.django_db
def test_an_open_day_shows_on_the_catalog_page_of_its_colleges_programs(client, cluster, college_org):
    program = ProgramFactory(college=college_org)
    other = ProgramFactory()
    EventFactory(
        title="День открытых дверей ТЕСТ-1", organizer=college_org, is_public=True, date_start=dt.date(2030, 4, 15)
    )
    EventFactory(title="Прошедший день", organizer=college_org, is_public=True, date_start=dt.date(2020, 4, 15))
    EventFactory(title="Закрытое совещание", organizer=college_org, date_start=dt.date(2030, 4, 15))
    page = client.get(f"/catalog/{program.pk}/").content.decode()
    assert "День открытых дверей ТЕСТ-1" in page
    assert "Прошедший день" not in page and "Закрытое совещание" not in page
    assert "День открытых дверей ТЕСТ-1" not in client.get(f"/catalog/{other.pk}/").content.decode()


@pytest.mark.django_db
def test_a_college_sees_and_changes_its_own_proposals_only(client, users, cluster, college_org, other_college_org):
    mine = EventFactory(status=EventStatus.PROPOSED, organizer=college_org, proposed_by=college_org, title="Моё")
    theirs = EventFactory(
        status=EventStatus.PROPOSED, organizer=other_college_org, proposed_by=other_college_org, title="Чужое"
    )
    published = EventFactory(organizer=other_college_org, proposed_by=other_college_org, title="Общее")
    client.force_login(users[Role.COLLEGE])
    listing = client.get("/events/").content.decode()
    assert "Моё" in listing and "Общее" in listing and "Чужое" not in listing
    assert client.get(f"/events/{theirs.pk}/").status_code == 404
    assert client.get(f"/events/{theirs.pk}/edit/").status_code == 404
    assert client.post(f"/events/{theirs.pk}/delete/").status_code == 404
    assert client.get(f"/events/{published.pk}/edit/").status_code == 403
    assert client.get(f"/events/{mine.pk}/edit/").status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(client.get("/events/?export=xlsx").streaming_content))).active
    assert sorted(row[1] for row in sheet.iter_rows(min_row=2, values_only=True)) == ["Моё", "Общее"]
    client.force_login(users[Role.OBSERVER])
    assert client.get(f"/events/{mine.pk}/").status_code == 404
    assert client.get(f"/events/{published.pk}/").status_code == 200


@pytest.mark.django_db
def test_a_college_edits_its_own_exams_and_reads_its_own_results_only(client, users, college_org, other_college_org):
    own = ExamSessionFactory(college=college_org)
    other = ExamSessionFactory(college=other_college_org)
    ExamResultFactory(session=own)
    foreign = ExamResultFactory(session=other)
    client.force_login(users[Role.COLLEGE])
    assert client.get(f"/events/exams/{other.pk}/").status_code == 404
    assert client.get(f"/events/exams/{other.pk}/edit/").status_code == 404
    assert client.get(f"/events/exams/results/{foreign.pk}/edit/").status_code == 404
    page = client.get(f"/events/exams/{own.pk}/")
    assert page.status_code == 200 and len(page.context["results"]) == 1
    results = client.get("/events/exams/results/").content.decode()
    assert str(foreign.student) not in results
    # A crafted form: the exam is the college's own whatever «ПОО» says.
    response = client.post(
        "/events/exams/add/",
        {
            "college": other_college_org.pk,
            "specialty": own.specialty.pk,
            "year": 2023,
            "kind": "de_basic",
            "date_from": "2023-06-13",
            "site": "Мастерская",
        },
    )
    assert response.status_code == 302
    assert ExamSession.objects.get(year=2023).college == college_org
    # A crafted result for another college's student: refused at the field, nothing saved.
    response = client.post(
        "/events/exams/results/add/", {"session": own.pk, "student": foreign.student.pk, "passed": "on"}
    )
    assert response.status_code == 200 and "student" in response.context["form"].errors
    assert ExamResult.objects.count() == 2


@pytest.mark.django_db
def test_personal_results_follow_the_practice_rules_and_are_logged(client, users, college_org):
    session = ExamSessionFactory(college=college_org)
    result = ExamResultFactory(session=session)
    for role in (Role.SECRETARY, Role.OBSERVER, Role.EMPLOYER, Role.EXPERT):
        client.force_login(users[role])
        assert client.get("/events/exams/results/").status_code == 403, role
        assert client.get("/events/participants/").status_code == 403, role
    client.force_login(users[Role.OBSERVER])
    page = client.get(f"/events/exams/{session.pk}/")
    assert page.status_code == 200 and page.context["results"] == []
    assert str(result.student) not in page.content.decode() and "сдавали 1, успешно прошли 1" in page.content.decode()
    assert not StudentDataAccess.objects.exists()
    client.force_login(users[Role.COLLEGE])
    client.get(f"/events/exams/{session.pk}/")
    client.get("/events/exams/results/?export=xlsx")
    assert list(StudentDataAccess.objects.order_by("pk").values_list("page", "exported")) == [
        ("Результаты экзамена", False),
        ("Результаты экзаменов", True),
    ]


def jpeg() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), "darkgreen").save(out, "JPEG")
    return SimpleUploadedFile("photo.jpg", out.getvalue(), content_type="image/jpeg")


@pytest.mark.django_db
def test_photos_are_uploaded_by_the_proposer_and_served_only_to_who_sees_the_event(
    client, users, settings, tmp_path, college_org, other_college_org
):
    settings.MEDIA_ROOT = tmp_path
    event = EventFactory(status=EventStatus.PROPOSED, organizer=college_org, proposed_by=college_org)
    client.force_login(users["college2"])
    assert client.get(f"/events/files/add/?event={event.pk}").status_code == 403
    client.force_login(users[Role.COLLEGE])
    response = client.post(
        "/events/files/add/", {"event": event.pk, "kind": FileKind.PHOTO, "file": jpeg(), "caption": "Экскурсия"}
    )
    assert response.status_code == 302
    photo = EventFile.objects.get()
    thumbnail_url = f"/files/events/eventfile/{photo.pk}/thumbnail/"
    assert thumbnail_url in client.get(f"/events/{event.pk}/").content.decode()
    shown = client.get(thumbnail_url)
    assert shown.status_code == 200 and shown["Content-Type"] == "image/jpeg"
    assert not shown.get("Content-Disposition", "").startswith("attachment")
    assert client.get(f"/files/events/eventfile/{photo.pk}/file/")["Content-Disposition"].startswith("attachment")
    client.force_login(users["college2"])
    assert client.get(thumbnail_url).status_code == 404
    client.logout()
    assert client.get(thumbnail_url).status_code in (302, 404)


@pytest.fixture
def world(users, college_org, employer_org):
    """A college's published open day and its own proposal, an exam session with a result."""
    session = ExamSessionFactory(college=college_org)
    return {
        "kind": EventKindFactory(),
        "event": EventFactory(organizer=college_org),
        "proposal": EventFactory(status=EventStatus.PROPOSED, organizer=college_org, proposed_by=college_org),
        "session": session,
        "result": ExamResultFactory(session=session),
        "college": college_org,
    }


def grow(world, n, start):
    """n more events, exam sessions each with a result, and results of the world's session."""
    for i in range(start, start + n):
        EventFactory(organizer=world["college"])
        day = dt.date(2022, 1, 1) + dt.timedelta(days=i)
        ExamResultFactory(session=ExamSessionFactory(college=world["college"], date_from=day))
        ExamResultFactory(session=world["session"])


class TestPages(PageTests):
    @pytest.fixture
    def pages(self, world):
        return [
            *policy_pages(world["kind"]),
            *policy_pages(world["event"]),
            *policy_pages(world["proposal"], actions=("detail", "edit", "delete")),
            *policy_pages(world["session"]),
        ]

    @pytest.fixture
    def measured(self, world):
        urls = ["/events/", "/events/exams/", "/events/exams/results/"]
        details = [world["event"].get_absolute_url(), world["session"].get_absolute_url()]
        return Measured(urls=[*urls, *details], grow=lambda n, start: grow(world, n, start))


@pytest.mark.django_db
def test_the_coordinator_cannot_put_an_expert_without_a_valid_certificate_on_the_panel(client, users, college_org):
    from events.models import ExamPanelMember
    from expertise.tests.factories import CertificateFactory, ExpertFactory

    session = ExamSessionFactory(college=college_org, date_from=dt.date(2022, 6, 14))
    expired = ExpertFactory()
    CertificateFactory(expert=expired, issued_on=dt.date(2019, 1, 10), valid_until=dt.date(2022, 1, 10))
    valid = ExpertFactory()
    CertificateFactory(expert=valid, issued_on=dt.date(2021, 1, 10), valid_until=None)
    client.force_login(users[Role.COLLEGE])
    assert client.get(f"/events/exams/panel/add/?session={session.pk}").status_code == 403
    client.force_login(users[Role.COORDINATOR])
    response = client.post("/events/exams/panel/add/", {"session": session.pk, "expert": expired.pk, "role": "expert"})
    assert response.status_code == 200
    assert "не действует на даты экзамена 14.06.2022" in response.context["form"].errors["expert"][0]
    assert not ExamPanelMember.objects.exists()
    response = client.post("/events/exams/panel/add/", {"session": session.pk, "expert": valid.pk, "role": "chief"})
    assert response.status_code == 302 and ExamPanelMember.objects.get().expert == valid


@pytest.mark.django_db
def test_the_calendar_feed_holds_published_open_events_with_a_date(client, college_org):
    fair = {"is_public": True, "date_start": dt.date(2030, 3, 1), "date_end": dt.date(2030, 3, 2)}
    EventFactory(title="Ярмарка вакансий; весна, 2030", **fair)
    EventFactory(title="Предложение", is_public=True, status=EventStatus.PROPOSED, date_start=dt.date(2030, 3, 1))
    EventFactory(title="Внутреннее", date_start=dt.date(2030, 3, 1))
    EventFactory(title="Без даты", is_public=True, date_start=None, period="2030 г.")
    body = client.get("/events/calendar.ics").content.decode()
    assert body.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Ярмарка вакансий\\; весна\\, 2030" in body
    assert "DTSTART;VALUE=DATE:20300301\r\nDTEND;VALUE=DATE:20300303" in body


@pytest.mark.django_db
def test_a_published_event_is_deleted_by_the_coordinator_only(client, users, college_org):
    event = EventFactory(organizer=college_org, proposed_by=college_org)
    client.force_login(users[Role.COLLEGE])
    assert "/delete/" not in client.get(f"/events/{event.pk}/").content.decode()
    assert client.post(f"/events/{event.pk}/delete/").status_code == 403
    proposal = EventFactory(organizer=college_org, proposed_by=college_org, status=EventStatus.PROPOSED)
    assert client.post(f"/events/{proposal.pk}/delete/").status_code == 302
    client.force_login(users[Role.COORDINATOR])
    assert client.post(f"/events/{event.pk}/delete/").status_code == 302
    assert not Event.objects.exists()
