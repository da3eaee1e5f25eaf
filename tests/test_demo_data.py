"""Demo data that says so: ``seed_demo --no-generated`` loads only what the seed report states, generated
rows keep to its facts, and every page, export and PDF built on generated rows says «демонстрационные данные»."""

import datetime as dt
import io
import shutil
import subprocess

import pytest
from django.apps import apps
from django.core.management import call_command
from openpyxl import load_workbook

from cluster_portal.core import demo
from cluster_portal.core.reporting import AcademicYear
from cluster_portal.core.roles import Role

pytestmark = pytest.mark.django_db

MARK = "демонстрационные данные"
NOTE = "demo-note"  # the class of partials/_demo_note.html (names such as the demo IT cluster's carry MARK too)


def seed(*options):
    call_command("seed_demo", *options, force=True, stdout=io.StringIO())


def demo_models():
    return [model for model in apps.get_models() if demo.lookup(model)]


def test_without_generated_rows_no_demo_row_in_any_model():
    seed("--no-generated")
    models = demo_models()
    assert len(models) > 15  # every model with ``is_demo`` (or a declared ``demo_lookup``) is checked
    left = {model._meta.label: model.objects.filter(**{demo.lookup(model): True}).count() for model in models}
    assert {label: n for label, n in left.items() if n} == {}


def test_without_generated_rows_the_seed_facts_are_there():
    from councils.models import Council, CouncilMember, Meeting, WorkPlan
    from expertise.models import ExpertSession, Review
    from members.models import Membership, NormativeDocument, Organization, User
    from practice.models import Student

    seed("--no-generated")
    held = Meeting.objects.filter(academic_year=2021, status="held")
    assert sorted(held.values_list("council__kind", "date")) == sorted(
        [
            ("expert", dt.date(2021, 10, 7)),
            ("expert", dt.date(2022, 3, 23)),
            ("expert", dt.date(2022, 6, 23)),
            ("expert", dt.date(2022, 6, 28)),
            ("expert", dt.date(2022, 6, 30)),
            ("coordination", dt.date(2021, 10, 22)),
            ("coordination", dt.date(2022, 5, 16)),
            ("coordination", dt.date(2022, 5, 24)),
        ]
    )
    assert Council.objects.count() == 2
    assert not CouncilMember.objects.exists()  # the seed names no council member
    plan = WorkPlan.objects.get(year=2022)
    assert plan.items.count() == 16 and plan.items.filter(number="2.9").exists()
    members = Membership.objects.filter(cluster__name__startswith="Промышленный")
    assert members.filter(organization__kind="college").count() == 9
    assert members.filter(organization__short_name="ПАО ТРК").exists()
    assert Organization.objects.filter(short_name="АО «НПЦ «Полюс»").exists()
    assert NormativeDocument.objects.filter(number="370", date=dt.date(2021, 8, 21)).exists()
    session = ExpertSession.objects.get(date_from=dt.date(2022, 6, 21), date_to=dt.date(2022, 6, 30))
    assert session.participants.count() == 4 and not Review.objects.exists()
    assert not Student.objects.exists()
    assert list(User.objects.values_list("username", flat=True)) == ["coordinator"]


def test_generated_graduates_only_of_programs_running_through_their_years():
    from events.models import ExamResult
    from practice.models import EmploymentOutcome, Placement
    from practice.seed import study_years

    seed()
    outcomes = EmploymentOutcome.objects.filter(is_demo=True).select_related("student__program")
    assert outcomes.exists()

    def impossible(student, year):
        program = student.program
        first = program.first_year + study_years(program.duration)  # the first cohort's graduation
        return year < first or (program.last_year is not None and program.last_year < year - 1)

    assert [(o.student.program_id, o.year) for o in outcomes if impossible(o.student, o.student.graduation_year)] == []
    assert all(o.year == o.student.graduation_year for o in outcomes)
    placements = Placement.objects.filter(is_demo=True).select_related("student__program")
    outside = [
        p.pk for p in placements if not p.student.admission_year <= p.date_start.year <= p.student.graduation_year
    ]
    assert outside == []
    results = ExamResult.objects.filter(is_demo=True).select_related("student__program", "session")
    assert results.exists()
    assert [r.pk for r in results if impossible(r.student, r.student.graduation_year)] == []


def test_invented_program_cards_are_demo_and_name_no_organization_of_the_seed():
    """A program card the seed does not give is invented: its program says so, and its texts name no organization
    of the seed but the program's own college (that АО «СХК» reviewed a program does not make it its teachers)."""
    from django.db import models

    from expertise.models import ReviewAnswer
    from members.models import Organization
    from programs.models import Program

    seed()
    named = Program.objects.filter(specialty__code="15.02.12", college__short_name="ОГБПОУ «СПК»").get()
    assert named.is_demo and named.staff  # the card is invented, so the program says so
    seed_names = {
        n for pair in Organization.objects.filter(is_demo=False).values_list("name", "short_name") for n in pair
    }
    texts = [f.name for f in Program._meta.get_fields() if isinstance(f, models.TextField | models.CharField)]
    named_in_cards = sorted(
        (str(program), name)
        for program in Program.objects.filter(is_demo=True).select_related("college")
        for name in seed_names - {program.college.name, program.college.short_name}
        if any(name in (getattr(program, field) or "") for field in texts)
    )
    assert named_in_cards == []
    remarks = ReviewAnswer.objects.exclude(remark="").values_list("remark", flat=True)  # the demo's invented answers
    assert remarks and [r for r in remarks for name in seed_names if name in r] == []
    seed("--no-generated")
    assert not Program.objects.filter(is_demo=False).exclude(staff="", variable_part="", demand="").exists()


def test_pages_exports_and_the_report_say_they_show_demo_data(client_as, tmp_path):
    seed()
    client = client_as(Role.COORDINATOR)
    home = client.get("/").content.decode()
    panel = home[home.index("Практика и трудоустройство") :]
    assert NOTE in panel[: panel.index("</section>")]
    assert 'title="Демонстрационные данные">демо</span>' in home  # «Мои задачи»: the demo data collection
    for url in (
        "/programs/",
        "/practice/employment/",
        "/practice/",
        "/events/exams/",
        "/councils/",
        "/expertise/reviews/",
    ):
        assert NOTE in client.get(url).content.decode(), url
    for url in ("/programs/", "/practice/employment/"):
        export = client.get(url + "?export=xlsx")
        workbook = load_workbook(io.BytesIO(b"".join(export.streaming_content)), read_only=True)
        assert demo.SHEET_TITLE in workbook.sheetnames, url
    # The analytics workbook (written by its job) likewise.
    from practice.analytics_export import sheets
    from practice.selectors import Scope, analytics, shown

    assert demo.SHEET_TITLE in [title for title, _columns, _rows in sheets(shown(analytics(Scope())))]
    # A list of facts only says nothing.
    assert NOTE not in client.get("/members/documents/").content.decode()
    if shutil.which("pdftotext"):
        from cluster_portal.reports.services import annual_report_pdf
        from members.selectors import default_cluster

        path = tmp_path / "report.pdf"
        path.write_bytes(annual_report_pdf(cluster=default_cluster(), year=AcademicYear(2021)))
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
        assert MARK in " ".join(text.split()).lower()


def organization_links(model):
    """The fields of ``model`` that name an organization (foreign keys and many-to-many)."""
    from members.models import Organization

    return [
        f.name
        for f in model._meta.get_fields()
        if getattr(f, "related_model", None) is Organization and (f.many_to_one or f.many_to_many) and f.concrete
    ]


def named_links(model, field: str) -> set[tuple]:
    """(row's demo-ness, row, organization) for every link of ``model.field`` to an organization of the seed."""
    path = demo.lookup(model)
    rows = model.objects.filter(**{f"{field}__is_demo": False}).exclude(**{f"{field}__kind": "college"})
    return set(rows.values_list(path, "pk", f"{field}__short_name"))


# The colleges are the cluster's: demo rows about them (students, programs, КЦП) say so; what they link them to
# must be the seed's own statement. Invented people are checked more strictly below: at no organization of the
# seed at all, colleges included.
PEOPLE = {"members.Person"}


def test_generated_rows_link_no_named_organization_the_seed_does_not_link():
    """Placements, agreements, internships, graduates' employers and demo programs' partners name invented
    employers (marked demo in their names) unless the seed states the link: nothing generated is attributed
    to АО «ТЭТЗ», ПАО ТРК or any organization of the seed."""
    from members.models import Organization
    from practice.models import Placement

    seed("--no-generated")
    stated = {
        (model._meta.label, field, name)
        for model in demo_models()
        for field in organization_links(model)
        for _demo, _pk, name in named_links(model, field)
    }
    seed()
    invented = Organization.objects.filter(is_demo=True, kind="employer")
    assert invented.count() >= 5 and all("Демо" in o.short_name and "Демо" in o.name for o in invented)
    attributed = {
        (model._meta.label, field, name)
        for model in demo_models()
        if model._meta.label not in PEOPLE
        for field in organization_links(model)
        for is_demo, _pk, name in named_links(model, field)
        if is_demo
    }
    assert attributed - stated == set()
    # …and through a practice base: every generated placement is at an invented employer's base.
    at_named = Placement.objects.filter(is_demo=True, base__enterprise__is_demo=False)
    assert sorted(set(at_named.values_list("base__enterprise__short_name", flat=True))) == []


def test_invented_people_and_the_demo_cluster_name_no_organization_of_the_seed():
    """The seed names one person, its coordinator at ОГБПОУ «ТЭПК», and no member of its councils: invented
    council members sit for invented organizations or none, and the invented IT cluster's members are invented
    (its college of both clusters too, which joins the industrial cluster only after the seed's year)."""
    from members.models import Membership, Organization, Person, User
    from members.seed import SHARED_COLLEGE, it_cluster

    seed("--no-generated")
    stated = set(Person.objects.exclude(organization=None).values_list("last_name", "organization__short_name"))
    assert stated == {("Пояркова", "ОГБПОУ «ТЭПК»")}
    seed()
    # The demo logins other than the coordinator stand for a role at one of the seed's organizations
    # (``members.seed.USERS``, listed in the README): their people are the one exception left.
    logins = User.objects.exclude(username="coordinator").values("person")
    invented = Person.objects.filter(is_demo=True).exclude(pk__in=logins)
    assert invented.count() >= 10
    at_named = invented.filter(organization__is_demo=False)
    assert sorted(at_named.values_list("last_name", "organization__short_name")) == []
    assert set(Person.objects.filter(is_demo=False).values_list("last_name", "organization__short_name")) == stated
    it_members = Membership.objects.filter(cluster=it_cluster())
    assert it_members.count() >= 3 and not it_members.filter(organization__is_demo=False).exists()
    shared = Organization.objects.get(short_name=SHARED_COLLEGE)
    assert shared.is_demo and "Демо" in shared.name
    assert Membership.objects.filter(organization=shared).values("cluster").distinct().count() == 2
    joined = Membership.objects.get(organization=shared, cluster__name__startswith="Промышленный").date_from
    assert joined > dt.date(2022, 8, 31)  # after the seed's academic year
