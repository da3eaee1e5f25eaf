"""Issue 17, finding 3: a college cannot move another college's placements to another enterprise."""

import pytest

from cluster_portal.core.roles import Role
from members.tests.factories import OrganizationFactory, UserFactory
from practice.models import Placement, PracticeBase

from .factories import ProgramFactory, StudentFactory


def _base_data(enterprise, address="г. Томск, ул. Сетевая, 5"):
    return {"enterprise": enterprise.pk, "address": address, "capacity": "10", "usual_format": "individual"}


@pytest.mark.django_db
def test_a_base_with_other_colleges_placements_keeps_its_enterprise(client, users, employer_org, other_college_org):
    """The sequence of the probe: college adds a base, college2 places a student there, college moves the base."""
    other_enterprise = OrganizationFactory(kind="employer", short_name="АО «Другой завод»")
    other_employer = UserFactory(username="t-employer2", role=Role.EMPLOYER, organization=other_enterprise)

    # 1. college adds a base at the enterprise
    client.force_login(users[Role.COLLEGE])
    response = client.post("/practice/bases/add/", _base_data(employer_org))
    assert response.status_code == 302, response.content.decode()[:2000]
    base = PracticeBase.objects.get(address="г. Томск, ул. Сетевая, 5")
    assert base.enterprise == employer_org

    # 2. college2 places a student at that base
    student = StudentFactory(program=ProgramFactory(college=other_college_org), record_number="Б-101")
    client.force_login(users["college2"])
    response = client.post(
        "/practice/placements/add/",
        {
            "student": student.pk,
            "base": base.pk,
            "kind": "industrial",
            "date_start": "2022-05-10",
            "date_end": "2022-06-10",
            "mentoring_format": "individual",
            "mentor_names": "Наставников Н. Н.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    placement = Placement.objects.get(student=student)

    # 3. college changes the base's enterprise: refused at the field, naming the value
    client.force_login(users[Role.COLLEGE])
    response = client.post(f"/practice/bases/{base.pk}/edit/", _base_data(other_enterprise))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Нельзя сменить предприятие на «АО «Другой завод»»" in body and "ТЕСТ-2" in body
    base.refresh_from_db()
    assert base.enterprise == employer_org

    # the placement stays with the first enterprise's employer, never reaches the other one
    client.force_login(users[Role.EMPLOYER])
    assert client.get(f"/practice/placements/{placement.pk}/").status_code == 200
    client.force_login(other_employer)
    assert client.get(f"/practice/placements/{placement.pk}/").status_code == 404

    # the college still edits the rest of its base, and the coordinator may move it
    client.force_login(users[Role.COLLEGE])
    assert client.post(f"/practice/bases/{base.pk}/edit/", _base_data(employer_org, "ул. Новая, 1")).status_code == 302
    client.force_login(users[Role.COORDINATOR])
    response = client.post(f"/practice/bases/{base.pk}/edit/", _base_data(other_enterprise, "ул. Новая, 1"))
    assert response.status_code == 302
    assert PracticeBase.objects.get(pk=base.pk).enterprise == other_enterprise


@pytest.mark.django_db
def test_a_base_only_its_own_college_uses_may_move(client, users, employer_org, college_org):
    other_enterprise = OrganizationFactory(kind="employer", short_name="АО «Другой завод»")
    client.force_login(users[Role.COLLEGE])
    client.post("/practice/bases/add/", _base_data(employer_org))
    base = PracticeBase.objects.get(address="г. Томск, ул. Сетевая, 5")
    Placement.objects.create(
        student=StudentFactory(program=ProgramFactory(college=college_org)),
        base=base,
        kind="industrial",
        date_start="2022-05-10",
        date_end="2022-06-10",
        mentoring_format="individual",
    )
    assert client.post(f"/practice/bases/{base.pk}/edit/", _base_data(other_enterprise)).status_code == 302
    assert PracticeBase.objects.get(pk=base.pk).enterprise == other_enterprise


@pytest.mark.django_db
def test_an_internships_document_is_downloaded_by_its_readers_only(
    client, users, college_org, employer_org, settings, tmp_path
):
    """Finding 7: the internship's document is a protected file, served to whoever reads the internship."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .factories import InternshipFactory

    settings.MEDIA_ROOT = tmp_path
    internship = InternshipFactory(college=college_org, enterprise=employer_org)
    client.force_login(users[Role.COLLEGE])
    data = {
        "college": college_org.pk,
        "teacher": internship.teacher,
        "enterprise": employer_org.pk,
        "topic": internship.topic,
        "date_start": "2022-03-01",
        "date_end": "2022-03-10",
        "document": "Удостоверение № 17",
        "document_file": SimpleUploadedFile("udostoverenie.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
    }
    response = client.post(f"/practice/internships/{internship.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    internship.refresh_from_db()
    assert internship.document_file
    url = f"/files/practice/teacherinternship/{internship.pk}/document_file/"
    page = client.get(f"/practice/internships/{internship.pk}/").content.decode()
    assert url in page

    other_employer = UserFactory(
        username="t-employer2", role=Role.EMPLOYER, organization=OrganizationFactory(kind="employer")
    )
    for user, status in [
        (users[Role.COLLEGE], 200),
        (users[Role.COORDINATOR], 200),
        (users[Role.SECRETARY], 200),
        (users[Role.OBSERVER], 200),
        (users[Role.EMPLOYER], 200),
        (users["college2"], 404),
        (users[Role.EXPERT], 404),
        (other_employer, 404),
    ]:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status, (user.username, response.status_code)
        if status == 200:
            assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    client.logout()
    assert client.get(url).status_code == 302
