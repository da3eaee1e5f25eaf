"""Every practice URL for every role and for anonymous users, crafted requests, scoping, query counts."""

import io

import pytest
from openpyxl import load_workbook

from cluster_portal.core.roles import Role
from cluster_portal.core.testing.views import Measured, Page, PageTests, everyone, expect, policy_pages
from practice.models import DataCollection, EmploymentOutcome, Placement, Student, StudentDataAccess, Submission
from practice.services import collection_open

from .factories import InternshipFactory, OutcomeFactory, PlacementFactory, PracticeBaseFactory, StudentFactory

C, S, E, CO, EM, OB, CO2 = (
    Role.COORDINATOR,
    Role.SECRETARY,
    Role.EXPERT,
    Role.COLLEGE,
    Role.EMPLOYER,
    Role.OBSERVER,
    "college2",
)
EVERYONE = everyone()


@pytest.fixture
def world(small_world, cluster, college_org, employer_org):
    s = small_world["students"]["s1"]
    collection = collection_open(
        cluster=cluster, title="Трудоустройство выпускников 2022", topic="employment", year=2022, deadline="2022-12-01"
    )
    return {
        **small_world,
        "student": s,
        "placement": s.placements.get(),
        "outcome": s.outcomes.get(),
        "internship": InternshipFactory(college=college_org, enterprise=employer_org),
        "collection": collection,
        "submission": collection.submissions.get(college=college_org),
    }


def matrix(w):
    staff_read = (C, S, OB)
    base, agreement, student = w["base"].pk, w["agreement"].pk, w["student"].pk
    placement, outcome, internship = w["placement"].pk, w["outcome"].pk, w["internship"].pk
    collection, submission = w["collection"].pk, w["submission"].pk
    return [
        ("/practice/", EVERYONE),
        ("/practice/analytics/status/", EVERYONE),
        ("/practice/bases/", EVERYONE),
        ("/practice/bases/?export=xlsx", EVERYONE),
        (f"/practice/bases/{base}/", EVERYONE),
        ("/practice/bases/add/", expect(ok=(C, CO, EM, CO2), forbidden=(S, E, OB))),
        (f"/practice/bases/{base}/edit/", expect(ok=(C, EM), forbidden=(S, E, CO, OB, CO2))),
        (f"/practice/bases/{base}/delete/", expect(ok=(C, EM), forbidden=(S, E, CO, OB, CO2))),
        ("/practice/agreements/", expect(ok=(*staff_read, CO, EM, CO2), forbidden=(E,))),
        ("/practice/agreements/?export=xlsx", expect(ok=(*staff_read, CO, EM, CO2), forbidden=(E,))),
        (f"/practice/agreements/{agreement}/", expect(ok=(*staff_read, CO, EM), missing=(E, CO2))),
        ("/practice/agreements/add/", expect(ok=(C, CO, CO2), forbidden=(S, E, EM, OB))),
        (f"/practice/agreements/{agreement}/edit/", expect(ok=(C, CO), forbidden=(S, EM, OB), missing=(E, CO2))),
        ("/practice/students/", expect(ok=(C, CO, CO2), forbidden=(S, E, EM, OB))),
        ("/practice/students/?export=xlsx", expect(ok=(C, CO, CO2), forbidden=(S, E, EM, OB))),
        (f"/practice/students/{student}/", expect(ok=(C, CO), missing=(S, E, EM, OB, CO2))),
        ("/practice/students/add/", expect(ok=(C, CO, CO2), forbidden=(S, E, EM, OB))),
        (f"/practice/students/{student}/edit/", expect(ok=(C, CO), missing=(S, E, EM, OB, CO2))),
        (f"/practice/students/{student}/delete/", expect(ok=(C, CO), missing=(S, E, EM, OB, CO2))),
        ("/practice/placements/", expect(ok=(C, CO, EM, CO2), forbidden=(S, E, OB))),
        ("/practice/placements/?export=xlsx", expect(ok=(C, CO, EM, CO2), forbidden=(S, E, OB))),
        (f"/practice/placements/{placement}/", expect(ok=(C, CO, EM), missing=(S, E, OB, CO2))),
        ("/practice/placements/add/", expect(ok=(C, CO, CO2), forbidden=(S, E, EM, OB))),
        (f"/practice/placements/{placement}/edit/", expect(ok=(C, CO), forbidden=(EM,), missing=(S, E, OB, CO2))),
        ("/practice/employment/", expect(ok=(C, CO, CO2), forbidden=(S, E, EM, OB))),
        ("/practice/employment/?export=xlsx", expect(ok=(C, CO, CO2), forbidden=(S, E, EM, OB))),
        (f"/practice/employment/{outcome}/", expect(ok=(C, CO), missing=(S, E, EM, OB, CO2))),
        ("/practice/employment/add/", expect(ok=(C, CO, CO2), forbidden=(S, E, EM, OB))),
        (f"/practice/employment/{outcome}/edit/", expect(ok=(C, CO), missing=(S, E, EM, OB, CO2))),
        ("/practice/internships/", expect(ok=(*staff_read, CO, EM, CO2), forbidden=(E,))),
        (f"/practice/internships/{internship}/", expect(ok=(*staff_read, CO, EM), missing=(E, CO2))),
        ("/practice/internships/add/", expect(ok=(C, CO, CO2), forbidden=(S, E, EM, OB))),
        ("/practice/collections/", expect(ok=(*staff_read, CO, CO2), forbidden=(E, EM))),
        (f"/practice/collections/{collection}/", expect(ok=(*staff_read, CO, CO2), missing=(E, EM))),
        ("/practice/collections/add/", expect(ok=(C,), forbidden=(S, E, CO, EM, OB, CO2))),
        (f"/practice/collections/{collection}/edit/", expect(ok=(C,), missing=(S, E, CO, EM, OB, CO2))),
        ("/practice/submissions/", expect(ok=(*staff_read, CO, CO2), forbidden=(E, EM))),
        (f"/practice/submissions/{submission}/", expect(ok=(*staff_read, CO), missing=(E, EM, CO2))),
        ("/practice/access-log/", expect(ok=(C,), forbidden=(S, E, CO, EM, OB, CO2))),
        ("/import/students/", expect(ok=(C, CO, CO2), forbidden=(S, E, EM, OB))),
        ("/import/placements/template/", expect(ok=(C, CO, CO2), forbidden=(S, E, EM, OB))),
        ("/import/outcomes/", expect(ok=(C, CO, CO2), forbidden=(S, E, EM, OB))),
    ]


class TestPages(PageTests):
    @pytest.fixture
    def pages(self, world):
        by_policy = ("base", "agreement", "student", "placement", "outcome", "internship", "collection")
        return [Page(url, expected) for url, expected in matrix(world)] + [
            page for name in by_policy for page in policy_pages(world[name])
        ]

    @pytest.fixture
    def measured(self, world):
        details = ("student", "base", "collection", "submission", "placement")
        urls = LIST_URLS + [world[name].get_absolute_url() for name in details]
        return Measured(urls=urls, grow=lambda n, start: grow(world, n))


def _rows(response):
    content = b"".join(response.streaming_content)
    return list(load_workbook(io.BytesIO(content), read_only=True).worksheets[0].iter_rows(values_only=True))


@pytest.mark.django_db
def test_college_exports_hold_only_its_own_students(client_as, world):
    for url, column in (
        ("/practice/students/?export=xlsx", 1),
        ("/practice/placements/?export=xlsx", 1),
        ("/practice/employment/?export=xlsx", 1),
    ):
        numbers = {row[column] for row in _rows(client_as(Role.COLLEGE).get(url))[1:]}
        assert numbers and all(n.startswith("A-") for n in numbers), (url, numbers)
        numbers = {row[column] for row in _rows(client_as("college2").get(url))[1:]}
        assert numbers and all(n.startswith("B-") for n in numbers), (url, numbers)
    # A crafted filter for the other college returns nothing rather than its rows.
    other = world["programs"][1].college_id
    assert len(_rows(client_as(Role.COLLEGE).get(f"/practice/students/?college={other}&export=xlsx"))) == 1


@pytest.mark.django_db
def test_employer_sees_placements_at_own_enterprise_only(client_as, world, other_college_org):
    foreign = PlacementFactory(student=StudentFactory(program=world["programs"][1]), base=PracticeBaseFactory())
    client = client_as(Role.EMPLOYER)
    rows = _rows(client.get("/practice/placements/?export=xlsx"))[1:]
    assert rows and {row[2] for row in rows} == {"ООО «Тестовый завод»"}
    assert client.get(f"/practice/placements/{foreign.pk}/").status_code == 404
    assert client.get(f"/practice/students/{world['student'].pk}/").status_code == 404


@pytest.mark.django_db
def test_crafted_posts_are_refused(client_as, world, other_college_org, college_org):
    student, other_student = world["student"], world["students"]["t1"]
    client = client_as(Role.COLLEGE)
    # A student for another college, or on another college's program.
    response = client.post(
        "/practice/students/add/",
        {
            "college": other_college_org.pk,
            "record_number": "X-1",
            "program": world["programs"][1].pk,
            "group_name": "1",
            "admission_year": 2020,
            "graduation_year": 2024,
        },
    )
    assert response.status_code == 200 and "program" in response.context["form"].errors
    assert not Student.objects.filter(record_number="X-1").exists()
    # Editing, deleting or attaching records to another college's student.
    assert client.post(f"/practice/students/{other_student.pk}/edit/", {"group_name": "x"}).status_code == 404
    assert client.post(f"/practice/students/{other_student.pk}/delete/").status_code == 404
    response = client.post(
        "/practice/employment/add/",
        {"student": other_student.pk, "year": 2022, "status": "army", "date": "2022-07-01"},
    )
    assert response.status_code == 200 and "student" in response.context["form"].errors
    assert EmploymentOutcome.objects.filter(student=other_student).count() == 1
    # An employer may not change a placement at its enterprise; college2 may not submit for college 1.
    assert client_as(Role.EMPLOYER).post(f"/practice/placements/{world['placement'].pk}/edit/", {}).status_code == 403
    submission = world["submission"]
    assert client_as("college2").post(f"/practice/submissions/{submission.pk}/submit/", {}).status_code == 404
    # A college may not review, an observer may not submit.
    assert (
        client_as(Role.COLLEGE)
        .post(f"/practice/submissions/{submission.pk}/review/", {"decision": "accept"})
        .status_code
        == 403
    )
    assert client_as(Role.OBSERVER).post(f"/practice/submissions/{submission.pk}/submit/", {}).status_code == 403
    submission.refresh_from_db()
    assert submission.status == "pending"
    assert student.college_id == college_org.pk


@pytest.mark.django_db
def test_bad_input_keeps_what_was_typed_and_saves_nothing(client_as, world):
    client = client_as(Role.COLLEGE)
    response = client.post(
        "/practice/placements/add/",
        {
            "student": world["student"].pk,
            "base": world["base"].pk,
            "kind": "industrial",
            "date_start": "2022-06-30",
            "date_end": "2022-06-01",
            "mentoring_format": "individual",
            "mentor_names": "Наставников Н. Н.",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Практика заканчивается раньше, чем начинается." in body and "Наставников Н. Н." in body
    assert not Placement.objects.filter(mentor_names="Наставников Н. Н.").exists()


@pytest.mark.django_db
def test_collection_workflow_submit_return_accept(client_as, world, users):
    submission = world["submission"]
    college = client_as(Role.COLLEGE)
    page = college.get(f"/practice/submissions/{submission.pk}/").content.decode()
    assert "Отправить координатору" in page
    college.post(f"/practice/submissions/{submission.pk}/submit/", {"note": "Готово"})
    submission.refresh_from_db()
    assert submission.status == "submitted" and submission.submitted_by == users[Role.COLLEGE]
    coordinator = client_as(Role.COORDINATOR)
    response = coordinator.post(f"/practice/submissions/{submission.pk}/review/", {"decision": "return", "comment": ""})
    assert "Укажите, что нужно исправить." in response.content.decode()
    coordinator.post(f"/practice/submissions/{submission.pk}/review/", {"decision": "return", "comment": "Нет s4"})
    submission.refresh_from_db()
    assert (submission.status, submission.review_comment) == ("returned", "Нет s4")
    client_as(Role.COLLEGE).post(f"/practice/submissions/{submission.pk}/submit/", {})
    client_as(Role.COORDINATOR).post(f"/practice/submissions/{submission.pk}/review/", {"decision": "accept"})
    submission.refresh_from_db()
    assert submission.status == "accepted" and submission.reviewed_by == users[Role.COORDINATOR]
    # The status table: the other college is late (deadline 01.12.2022 has passed) and pending.
    page = client_as(Role.COORDINATOR).get(f"/practice/collections/{world['collection'].pk}/").content.decode()
    assert "Просрочено: 1" in page and "Принято" in page


@pytest.mark.django_db
def test_coordinator_opens_a_collection_for_every_college(client_as, cluster):
    response = client_as(Role.COORDINATOR).post(
        "/practice/collections/add/",
        {"title": "Трудоустройство выпускников 2023", "topic": "employment", "year": 2023, "deadline": "2023-12-01"},
    )
    collection = DataCollection.objects.get(year=2023)
    assert response["Location"] == collection.get_absolute_url()
    assert Submission.objects.filter(collection=collection).count() == 2


@pytest.mark.django_db
def test_student_pages_are_logged_for_the_coordinator(client_as, world):
    client_as(Role.COLLEGE).get("/practice/students/?export=xlsx")
    client_as(Role.COLLEGE).get(f"/practice/students/{world['student'].pk}/")
    entries = list(StudentDataAccess.objects.order_by("pk").values_list("user__username", "page", "exported"))
    assert entries == [("t-college", "Список студентов", True), ("t-college", "Карточка студента", False)]
    page = client_as(Role.COORDINATOR).get("/practice/access-log/").content.decode()
    assert "t-college" in page and "Карточка студента" in page


LIST_URLS = [
    "/practice/",
    "/practice/bases/",
    "/practice/agreements/",
    "/practice/students/",
    "/practice/placements/",
    "/practice/employment/",
    "/practice/internships/",
    "/practice/collections/",
    "/practice/submissions/",
    "/practice/access-log/",
]


def grow(world, n):
    p1, p2 = world["programs"]
    for i in range(n):
        student = StudentFactory(program=p1 if i % 2 else p2, graduation_year=2020 + i % 3)
        PlacementFactory(student=student, base=world["base"], mentoring_format=["individual", "group"][i % 2])
        OutcomeFactory(student=student, status=["by_specialty", "army"][i % 2])
        InternshipFactory(college=student.college, enterprise=world["base"].enterprise)
