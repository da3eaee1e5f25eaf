"""Handed-in data is read-only for the college: rules, pages, forms, imports and the withdrawal."""

import datetime as dt

import pytest

from cluster_portal.core.access import restrict
from cluster_portal.core.imports import get_kind, run_import
from cluster_portal.core.roles import Role
from practice import locks, selectors
from practice.io import OUTCOME_COLUMNS, PLACEMENT_COLUMNS, STUDENT_COLUMNS
from practice.models import EmploymentOutcome, Placement, Student
from practice.services import collection_open, submission_accept, submission_return, submission_submit

from .test_io import outcome_row, workbook

ACCEPTED = (
    "Данные сбора «Трудоустройство выпускников 2022» приняты координатором: изменить их может только координатор."
)


@pytest.fixture
def handed_in(small_world, cluster, users, college_org):
    """TEST-1's employment 2022, practice 2021/2022 and students 2022 answers, each sent to the coordinator."""
    submissions = {}
    for title, topic in (
        ("Трудоустройство выпускников 2022", "employment"),
        ("Практика 2021/2022", "practice"),
        ("Контингент 2022", "students"),
    ):
        collection = collection_open(cluster=cluster, title=title, topic=topic, year=2022, deadline="2022-12-01")
        submission = collection.submissions.get(college=college_org)
        submissions[topic] = submission_submit(submission=submission, user=users[Role.COLLEGE])
    return submissions


def editable(user, model):
    return set(restrict(model.objects.all(), user, "change").values_list("pk", flat=True))


def test_academic_years_of_a_period():
    assert locks.academic_year(dt.date(2022, 8, 31)) == 2022
    assert locks.academic_year(dt.date(2022, 9, 1)) == 2023
    assert list(locks.academic_years(dt.date(2022, 6, 1), dt.date(2022, 9, 15))) == [2022, 2023]
    assert list(locks.academic_years(dt.date(2022, 6, 1), dt.date(2022, 5, 1))) == [2022]  # an invalid period


@pytest.mark.django_db
def test_rules_leave_the_college_only_rows_it_has_not_handed_in(small_world, handed_in, users):
    s = small_world["students"]
    college, coordinator, other = users[Role.COLLEGE], users[Role.COORDINATOR], users["college2"]
    # Employment 2022: the college's 2022 outcomes are locked, its 2021 outcome (u1) is not.
    open_outcomes = EmploymentOutcome.objects.filter(pk__in=editable(college, EmploymentOutcome))
    assert {o.student.record_number for o in open_outcomes} == {"A-5"}
    # Students 2022: only u1 (graduating 2021) is open.
    assert editable(college, Student) == {s["u1"].pk}
    # Practice 2021/2022 (1 Sep 2021 … 31 Aug 2022): s1's and s3's placements are locked; s2's (June 2021) and
    # u1's (April 2021) are in 2020/2021.
    open_placements = Placement.objects.filter(pk__in=editable(college, Placement))
    assert {p.student.record_number for p in open_placements} == {"A-2", "A-5"}
    # The other college and the coordinator are not affected.
    assert editable(other, Student) == {s["t1"].pk, s["t2"].pk}
    assert editable(coordinator, EmploymentOutcome) == set(EmploymentOutcome.objects.values_list("pk", flat=True))
    # Deleting follows the change rule.
    assert not restrict(Student.objects.filter(pk=s["s1"].pk), college, "delete").exists()


@pytest.mark.django_db
def test_the_rules_and_the_row_pages_agree_on_every_row(small_world, handed_in, users):
    """The SQL of a coverage and its years in Python say the same of each row of the college."""
    college = users[Role.COLLEGE]
    for model in (Student, EmploymentOutcome, Placement):
        open_rows = editable(college, model)
        rows = restrict(model.objects.all(), college, "view")
        assert rows.exists()
        for row in rows:
            assert (row.pk in open_rows) == (selectors.read_only_reason(college, row) is None), (model, row)


@pytest.mark.django_db
def test_a_returned_answer_unlocks_and_an_accepted_one_keeps_the_lock(small_world, handed_in, users):
    coordinator, college = users[Role.COORDINATOR], users[Role.COLLEGE]
    s1_outcome = small_world["students"]["s1"].outcomes.get()
    submission_return(submission=handed_in["employment"], user=coordinator, comment="Нет A-4")
    assert s1_outcome.pk in editable(college, EmploymentOutcome)
    submission_submit(submission=handed_in["employment"], user=college)
    submission_accept(submission=handed_in["employment"], user=coordinator)
    assert s1_outcome.pk not in editable(college, EmploymentOutcome)


@pytest.mark.django_db
def test_pages_refuse_crafted_edits_and_say_why(client_as, small_world, handed_in, users):
    submission_accept(submission=handed_in["employment"], user=users[Role.COORDINATOR])
    outcome = small_world["students"]["s1"].outcomes.get()
    college = client_as(Role.COLLEGE)
    page = college.get(f"/practice/employment/{outcome.pk}/").content.decode()
    assert ACCEPTED in page and f"/practice/employment/{outcome.pk}/edit/" not in page
    assert college.get(f"/practice/employment/{outcome.pk}/edit/").status_code == 403
    data = {"student": outcome.student_id, "year": 2021, "status": "army", "date": "2022-09-01"}
    assert college.post(f"/practice/employment/{outcome.pk}/edit/", data).status_code == 403
    assert college.post(f"/practice/employment/{outcome.pk}/delete/").status_code == 403
    outcome.refresh_from_db()
    assert (outcome.year, outcome.status) == (2022, "by_specialty")
    # The coordinator corrects the row and sees no lock.
    coordinator = client_as(Role.COORDINATOR)
    assert ACCEPTED not in coordinator.get(f"/practice/employment/{outcome.pk}/").content.decode()
    response = coordinator.post(f"/practice/employment/{outcome.pk}/edit/", {**data, "year": 2022})
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert outcome.status == "army"


@pytest.mark.django_db
def test_forms_refuse_new_rows_in_a_handed_in_year_at_the_field(client_as, small_world, handed_in, users):
    submission_accept(submission=handed_in["employment"], user=users[Role.COORDINATOR])
    s, base = small_world["students"], small_world["base"]
    college = client_as(Role.COLLEGE)
    outcomes = EmploymentOutcome.objects.count()
    response = college.post(
        "/practice/employment/add/", {"student": s["s4"].pk, "year": 2022, "status": "army", "date": "2022-07-01"}
    )
    assert response.status_code == 200 and ACCEPTED in response.context["form"].errors["year"]
    # The same graduate's outcome for another monitoring year is open.
    response = college.post(
        "/practice/employment/add/", {"student": s["s4"].pk, "year": 2023, "status": "army", "date": "2023-07-01"}
    )
    assert response.status_code == 302 and EmploymentOutcome.objects.count() == outcomes + 1
    # A placement reaching into 2021/2022 (handed in, under review) and a student graduating in 2022.
    placement = {
        "student": s["u1"].pk,
        "base": base.pk,
        "kind": "industrial",
        "date_start": "2021-08-20",
        "date_end": "2021-09-10",
        "mentoring_format": "individual",
    }
    response = college.post("/practice/placements/add/", placement)
    assert "отправлены координатору на проверку" in response.context["form"].errors["date_start"][0]
    student = {
        "record_number": "L-9",
        "program": small_world["programs"][0].pk,
        "group_name": "531",
        "admission_year": 2018,
        "graduation_year": 2022,
    }
    response = college.post("/practice/students/add/", student)
    assert "Контингент 2022" in response.context["form"].errors["graduation_year"][0]
    assert not Student.objects.filter(record_number="L-9").exists()
    # The coordinator may add to any year.
    response = client_as(Role.COORDINATOR).post(
        "/practice/students/add/", {**student, "college": small_world["programs"][0].college_id}
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_imports_refuse_rows_of_a_handed_in_year(small_world, handed_in, users):
    submission_accept(submission=handed_in["employment"], user=users[Role.COORDINATOR])
    college = users[Role.COLLEGE]
    before = list(EmploymentOutcome.objects.order_by("pk").values_list("pk", "status"))
    rows = [outcome_row("A-4"), outcome_row("A-1", status="Служба в армии")]
    result = run_import(get_kind("outcomes"), workbook(OUTCOME_COLUMNS, rows), user=college, dry_run=False)
    messages = [str(e) for e in result.errors]
    assert f"Строка 2, «Год мониторинга» = «2022»: {ACCEPTED}" in messages
    assert any(m.startswith("Строка 3, «Год мониторинга» = «2022»: Данные сбора") for m in messages)
    assert not result.saved and list(EmploymentOutcome.objects.order_by("pk").values_list("pk", "status")) == before
    placements = [
        ("ОГБПОУ «ТЕСТ-1»", "A-4", "ООО «Тестовый завод»", "", "Производственная", dt.date(2022, 5, 4),
         dt.date(2022, 5, 30), "Индивидуальный наставник", "", "нет", "нет", "нет", ""),
    ]  # fmt: skip
    result = run_import(get_kind("placements"), workbook(PLACEMENT_COLUMNS, placements), user=college, dry_run=True)
    assert any(
        str(e).startswith("Строка 2, «Начало» = «04.05.2022»: Данные сбора «Практика 2021/2022»") for e in result.errors
    )
    students = [
        ("ОГБПОУ «ТЕСТ-1»", "A-4", "", "15.02.32", "", "521", 2018, 2022),
        ("ОГБПОУ «ТЕСТ-1»", "A-3", "", "15.02.32", "", "521", 2018, 2023),  # moved out of the handed-in year
    ]
    result = run_import(get_kind("students"), workbook(STUDENT_COLUMNS, students), user=college, dry_run=True)
    errors = [str(e) for e in result.errors]
    assert any(e.startswith("Строка 2, «Год выпуска» = «2022»: Данные сбора «Контингент 2022»") for e in errors), errors
    assert any(e.startswith("Строка 3, «Номер личного дела» = «A-3»: Данные сбора «Контингент 2022»") for e in errors)
    # The coordinator's upload of the same outcomes goes through.
    result = run_import(
        get_kind("outcomes"), workbook(OUTCOME_COLUMNS, rows), user=users[Role.COORDINATOR], dry_run=False
    )
    assert result.saved and not result.errors


@pytest.mark.django_db
def test_college_withdraws_an_answer_under_review_to_correct_it(client_as, small_world, handed_in, users):
    submission = handed_in["employment"]
    outcome = small_world["students"]["s1"].outcomes.get()
    college = client_as(Role.COLLEGE)
    page = college.get(f"/practice/submissions/{submission.pk}/").content.decode()
    assert "Отозвать ответ" in page and "представитель ПОО может только просматривать" in page
    assert "Записи о трудоустройстве" in page and "Загрузить из Excel" not in page and "Добавить запись" not in page
    collection_page = college.get(submission.collection.get_absolute_url()).content.decode()
    assert "Записи о трудоустройстве" in collection_page and "Загрузить из Excel" not in collection_page
    coordinator_page = client_as(Role.COORDINATOR).get(f"/practice/submissions/{submission.pk}/").content.decode()
    assert "Загрузить из Excel" in coordinator_page
    # Only the college withdraws (a crafted request of the coordinator is refused).
    assert client_as(Role.COORDINATOR).post(f"/practice/submissions/{submission.pk}/withdraw/").status_code == 403
    client_as("college2").post(f"/practice/submissions/{submission.pk}/withdraw/")
    submission.refresh_from_db()
    assert submission.status == "submitted"
    college = client_as(Role.COLLEGE)
    college.post(f"/practice/submissions/{submission.pk}/withdraw/")
    submission.refresh_from_db()
    assert (submission.status, submission.submitted_at) == ("pending", None)
    assert outcome.pk in editable(users[Role.COLLEGE], EmploymentOutcome)
    assert "Загрузить из Excel" in college.get(f"/practice/submissions/{submission.pk}/").content.decode()
    # An answer the coordinator had returned goes back to «returned» when withdrawn after resending.
    submission_submit(submission=submission, user=users[Role.COLLEGE])
    submission_return(submission=submission, user=users[Role.COORDINATOR], comment="Нет A-4")
    submission_submit(submission=submission, user=users[Role.COLLEGE])
    college.post(f"/practice/submissions/{submission.pk}/withdraw/")
    submission.refresh_from_db()
    assert (submission.status, submission.review_comment) == ("returned", "Нет A-4")
    # An accepted answer cannot be withdrawn.
    submission_submit(submission=submission, user=users[Role.COLLEGE])
    submission_accept(submission=submission, user=users[Role.COORDINATOR])
    response = client_as(Role.COLLEGE).post(f"/practice/submissions/{submission.pk}/withdraw/", follow=True)
    assert "Отозвать можно только ответ, который ожидает проверки." in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == "accepted"
