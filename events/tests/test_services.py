"""Proposal and publication of events, files and photos, exam panels and results, competitions."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cluster_portal.core.roles import Role
from events import services
from events.choices import EventStatus, ExamKind, FileKind
from events.models import CompetitionExpert, Event, EventFile, ExamPanelMember, ExamResult, Participant
from expertise.choices import CertificateKind
from expertise.tests.factories import CertificateFactory, ExpertFactory
from members.tests.factories import PersonFactory

from .factories import EventFactory, EventKindFactory, ExamSessionFactory, ProgramFactory, StudentFactory


def open_day(**values):
    return Event(
        kind=EventKindFactory(), title="День открытых дверей ТЕСТ-1", date_start=dt.date(2030, 4, 15), **values
    )


@pytest.mark.django_db
def test_a_college_proposes_and_the_coordinator_publishes(users, cluster, college_org):
    event = services.event_save(event=open_day(organizer=college_org), user=users[Role.COLLEGE])
    assert (event.status, event.proposed_by, event.cluster) == (EventStatus.PROPOSED, college_org, cluster)
    assert (event.starts_on, event.ends_on, event.academic_year) == (dt.date(2030, 4, 15), dt.date(2030, 4, 15), 2029)
    assert not services.can_publish(users[Role.COLLEGE], event)
    assert not services.can_publish(users[Role.SECRETARY], event)
    services.event_publish(event=event, user=users[Role.COORDINATOR])
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED and event.published_at is not None
    with pytest.raises(ValidationError):
        services.event_publish(event=event, user=users[Role.COORDINATOR])


@pytest.mark.django_db
def test_a_returned_proposal_goes_back_to_the_coordinator_when_saved(users, cluster, college_org):
    event = services.event_save(event=open_day(organizer=college_org), user=users[Role.COLLEGE])
    with pytest.raises(ValidationError) as refused:
        services.event_return(event=event, user=users[Role.COORDINATOR], comment="  ")
    assert refused.value.message_dict == {"comment": ["Напишите, что нужно исправить."]}
    services.event_return(event=event, user=users[Role.COORDINATOR], comment="Укажите место проведения.")
    assert event.status == EventStatus.RETURNED
    event.place = "Главный корпус"
    services.event_save(event=event, user=users[Role.COLLEGE])
    event.refresh_from_db()
    assert event.status == EventStatus.PROPOSED and event.return_comment == "Укажите место проведения."


@pytest.mark.django_db
def test_what_the_public_sees_of_a_published_event_changes_only_through_the_coordinator(users, cluster, college_org):
    event = services.event_save(event=open_day(organizer=college_org), user=users[Role.COLLEGE])
    services.event_publish(event=event, user=users[Role.COORDINATOR])
    event.results = "Пришли 120 школьников."
    services.event_save(event=event, user=users[Role.COLLEGE])  # the results are the proposer's
    event.date_start = dt.date(2030, 4, 16)
    with pytest.raises(ValidationError) as refused:
        services.event_save(event=event, user=users[Role.COLLEGE])
    assert "меняет координатор" in refused.value.message_dict["date_start"][0]
    services.event_save(event=event, user=users[Role.COORDINATOR])
    assert Event.objects.get(pk=event.pk).date_start == dt.date(2030, 4, 16)


@pytest.mark.django_db
def test_the_coordinators_own_event_is_published_at_once(users, cluster):
    event = services.event_save(event=open_day(organizer_text="Участники Кластера"), user=users[Role.COORDINATOR])
    assert event.status == EventStatus.PUBLISHED and event.proposed_by is None


@pytest.mark.django_db
def test_an_event_needs_a_date_or_a_period_it_can_read(users, cluster):
    event = Event(kind=EventKindFactory(), title="Акция", organizer_text="Участники Кластера", period="когда-нибудь")
    with pytest.raises(ValidationError) as refused:
        services.event_save(event=event, user=users[Role.COORDINATOR])
    assert refused.value.message_dict["period"] == [
        "Не удалось понять период «когда-нибудь»: укажите год, например «2022 г.» или «IV квартал 2022»."
    ]
    event.period = ""
    with pytest.raises(ValidationError) as refused:
        services.event_save(event=event, user=users[Role.COORDINATOR])
    assert "Укажите дату мероприятия или, если точной даты нет, период." in refused.value.messages
    event.period = "IV квартал 2022"
    services.event_save(event=event, user=users[Role.COORDINATOR])
    assert (event.starts_on, event.ends_on, event.academic_year, event.when) == (
        dt.date(2022, 10, 1),
        dt.date(2022, 12, 31),
        2022,
        "IV квартал 2022",
    )


def jpeg(width=1600, height=1200, name="photo.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "steelblue").save(out, "JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@pytest.mark.django_db
def test_a_photo_gets_a_small_thumbnail_and_a_file_that_is_no_photo_is_refused(users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    event = EventFactory()
    row = services.event_file_save(
        row=EventFile(event=event, kind=FileKind.PHOTO, file=jpeg()), user=users[Role.COORDINATOR]
    )
    with Image.open(row.thumbnail.path) as thumbnail:
        assert (thumbnail.format, max(thumbnail.size)) == ("JPEG", 640)
    fake = SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff" + b"not an image" * 10, content_type="image/jpeg")
    with pytest.raises(ValidationError) as refused:
        services.event_file_save(
            row=EventFile(event=event, kind=FileKind.PHOTO, file=fake), user=users[Role.COORDINATOR]
        )
    assert refused.value.message_dict["file"] == [
        "Файл не удалось прочитать как изображение: он повреждён или это не фотография."
    ]
    pdf = SimpleUploadedFile("program.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    with pytest.raises(ValidationError) as refused:
        services.event_file_save(
            row=EventFile(event=event, kind=FileKind.PHOTO, file=pdf), user=users[Role.COORDINATOR]
        )
    assert "не изображение" in refused.value.message_dict["file"][0]
    pdf.seek(0)
    document = services.event_file_save(
        row=EventFile(event=event, kind=FileKind.DOCUMENT, file=pdf), user=users[Role.COORDINATOR]
    )
    assert not document.thumbnail
    assert EventFile.objects.count() == 2


@pytest.mark.django_db
def test_an_expert_without_a_valid_exam_certificate_is_refused_with_the_reason():
    session = ExamSessionFactory(date_from=dt.date(2022, 6, 14), date_to=dt.date(2022, 6, 15))
    expert = ExpertFactory(person=PersonFactory(last_name="Токарев", first_name="Олег", middle_name="Ильич"))
    member = ExamPanelMember(session=session, expert=expert)
    with pytest.raises(ValidationError) as refused:
        member.full_clean()
    assert refused.value.message_dict["expert"] == [
        "У эксперта Токарев Олег Ильич нет свидетельства «право оценки демонстрационного экзамена»: "
        "включить его в экспертную группу нельзя."
    ]
    CertificateFactory(
        expert=expert, number="ДЭ-0147", issued_on=dt.date(2022, 12, 15), valid_until=dt.date(2025, 12, 15)
    )
    CertificateFactory(expert=expert, kind=CertificateKind.OTHER, issued_on=dt.date(2020, 1, 1), valid_until=None)
    with pytest.raises(ValidationError) as refused:
        member.full_clean()
    assert refused.value.message_dict["expert"] == [
        "Свидетельство эксперта Токарев Олег Ильич («право оценки демонстрационного экзамена») не действует на "
        "даты экзамена 14.06.2022–15.06.2022: № ДЭ-0147 выдано 15.12.2022, действует до 15.12.2025. "
        "Включить его в экспертную группу нельзя."
    ]
    CertificateFactory(expert=expert, issued_on=dt.date(2021, 5, 1), valid_until=dt.date(2022, 6, 15))
    member.full_clean()
    member.save()
    nok = ExamSessionFactory(kind=ExamKind.NOK, date_from=dt.date(2022, 6, 14))
    with pytest.raises(ValidationError) as refused:
        ExamPanelMember(session=nok, expert=expert).full_clean()
    assert "«эксперт по независимой оценке квалификации»" in refused.value.message_dict["expert"][0]


@pytest.mark.django_db
def test_a_result_belongs_to_a_graduate_of_the_exams_college_specialty_and_year(other_college_org):
    session = ExamSessionFactory()
    own = ProgramFactory(college=session.college, specialty=session.specialty)
    ExamResult(session=session, student=StudentFactory(program=own, graduation_year=2022), passed=True).full_clean()
    cases = [
        (
            StudentFactory(program=ProgramFactory(college=other_college_org, specialty=session.specialty)),
            "учится в ОГБПОУ «ТЕСТ-2»",
        ),
        (StudentFactory(program=ProgramFactory(college=session.college)), "а экзамен — по"),
        (StudentFactory(program=own, graduation_year=2023), "выпускается в 2023 г., а экзамен — выпуска 2022 г."),
    ]
    for student, reason in cases:
        with pytest.raises(ValidationError) as refused:
            ExamResult(session=session, student=student).full_clean()
        assert reason in refused.value.message_dict["student"][0]
    with pytest.raises(ValidationError) as refused:
        ExamResult(session=session, student=StudentFactory(program=own), grade=2, passed=True).full_clean()
    assert "С оценкой «неудовлетворительно» экзамен не считается пройденным." in refused.value.messages


@pytest.mark.django_db
def test_competitions_take_students_mentors_and_experts_of_enterprises(college_org, employer_org):
    open_house = EventFactory()
    student = StudentFactory(program=ProgramFactory(college=college_org))
    with pytest.raises(ValidationError) as refused:
        Participant(event=open_house, competence="Токарные работы", student=student).full_clean()
    assert "не конкурс, не олимпиада и не чемпионат" in refused.value.message_dict["event"][0]
    championship = EventFactory(kind=EventKindFactory(name="Чемпионат", is_competition=True))
    teacher = PersonFactory(organization=college_org, last_name="Учителев", first_name="Пётр", middle_name="")
    with pytest.raises(ValidationError) as refused:
        Participant(event=championship, competence="Токарные работы", student=student, mentor=teacher).full_clean()
    assert refused.value.message_dict["mentor"] == [
        "Наставник — специалист предприятия, а Учителев Пётр: ОГБПОУ «ТЕСТ-1»."
    ]
    mentor = PersonFactory(organization=employer_org)
    Participant(event=championship, competence="Токарные работы", student=student, mentor=mentor).full_clean()
    with pytest.raises(ValidationError):
        CompetitionExpert(event=championship, person=teacher).full_clean()
    CompetitionExpert(event=championship, person=mentor).full_clean()
