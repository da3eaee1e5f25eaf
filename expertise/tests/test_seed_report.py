"""The demo seed (idempotent, as the seed report's table) and the annual report sections."""

import io as iolib

import pytest
from django.core.management.base import CommandError
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from cluster_portal.core.imports import get_kind, run_import
from cluster_portal.core.reporting import AcademicYear
from members import seed as members_seed
from members.models import Organization
from members.selectors import default_cluster

from .. import report, seed
from ..choices import ReviewStatus, Verdict
from ..models import ChecklistTemplate, Expert, ExpertCertificate, ExpertSession, Review, ReviewAnswer
from .factories import ProgramFactory, SessionFactory, SpecialtyFactory

PROGRAMS = [
    ("ОГБПОУ «ТЭПК»", "15.02.32", "Оператор станков с программным управлением"),
    ("ОГБПОУ «ТЭПК»", "27.02.07", "Управление качеством продукции, процессов и услуг (по отраслям)"),
    ("ОГБПОУ «СПК»", "15.02.12", "Монтаж, техническая эксплуатация и ремонт промышленного оборудования"),
    (
        "ОГБПОУ «ТПТ»",
        "13.02.11",
        "Техническая эксплуатация и обслуживание электрического и электромеханического оборудования",
    ),
]


@pytest.fixture
def seeded(db):
    members_seed.run()
    members_seed.run_users()
    for college, code, name in PROGRAMS:
        ProgramFactory(
            college=Organization.objects.get(short_name=college), specialty=SpecialtyFactory(code=code, name=name)
        )
    seed.run()
    seed.run_generated()
    return default_cluster()


def counts():
    return [
        m.objects.count() for m in (ChecklistTemplate, ExpertSession, Expert, ExpertCertificate, Review, ReviewAnswer)
    ]


@pytest.mark.django_db
def test_seed_reproduces_the_session_and_is_idempotent(seeded):
    before = counts()
    seed.run()
    seed.run_generated()
    assert counts() == before
    session = ExpertSession.objects.get()
    assert session.period == "21.06.2022–30.06.2022"
    table = [
        (
            p.college.short_name,
            [sp.program.specialty.code for sp in p.programs.all()],
            [o.short_name for o in p.enterprises.all()],
        )
        for p in session.participants.order_by("order")
    ]
    assert table == [
        ("ОГБПОУ «ТЭПК»", ["15.02.32", "27.02.07"], ["ООО «Томский инструментальный завод»"]),
        ("ОГБПОУ «СПК»", ["15.02.12"], ["АО «СХК»"]),
        ("ОГБПОУ «ТПТ»", ["13.02.11"], ["ООО «Август»"]),
        ("ОГБПОУ «ТомИнТех»", [], ["ООО «Брандмейстер»"]),
    ]
    states = {
        (r.expert.user.username, r.session_program.program.specialty.code): r.status
        for r in Review.objects.select_related("expert__user", "session_program__program__specialty")
    }
    assert states == {
        ("expert", "15.02.32"): ReviewStatus.SUBMITTED,
        ("expert", "27.02.07"): ReviewStatus.DRAFT,
        ("expert2", "15.02.12"): ReviewStatus.ASSIGNED,
    }
    submitted = Review.objects.get(status=ReviewStatus.SUBMITTED)
    assert submitted.submitted_at.date().isoformat() == "2022-06-23"
    assert submitted.answers.get(criterion__number="2.1").verdict == Verdict.FAILS
    assert Expert.objects.get(user__username="expert").certificates.get().expiry_state() == "soon"


@pytest.mark.django_db
def test_seed_fails_clearly_without_the_program_bank(db):
    members_seed.run()
    with pytest.raises(CommandError, match=r"в банке программ нет программы 15\.02\.32"):
        seed.run()


@pytest.mark.django_db
def test_report_sections(seeded):
    sessions, checklist = report.sections(cluster=seeded, year=AcademicYear(2021))
    assert sessions.key == "expert_sessions" and checklist.key == "checklist"
    assert sessions.context["outcome"] == "4 ОПОП из 3-х ПОО"
    rows = sessions.context["tables"][0]["rows"]
    assert [r["college"] for r in rows] == [
        "ОГБПОУ «Томский экономико-промышленный колледж»",
        "ОГБПОУ «Северский промышленный колледж»",
        "ОГБПОУ «Томский политехнический техникум»",
        "ОГБПОУ «Томский индустриальный техникум»",
    ]
    html = render_to_string(sessions.template, {"section": sessions})
    assert "в период с 21.06.2022 по 30.06.2022" in html
    assert "15.02.32 Оператор станков с программным управлением" in html and "<h2>" in html
    assert sessions.sheets[0].rows[3] == (4, "ОГБПОУ «Томский индустриальный техникум»", "", "ООО «Брандмейстер»")
    html = render_to_string(checklist.template, {"section": checklist})
    assert "<h2>Экспертный лист для оценки программы</h2>" in html
    assert "3. Востребованность выпускников" in html and "62,5%" in html and html.count("ДА /Нет") == 11
    assert len(checklist.sheets[0].rows) == 14
    empty, _ = report.sections(cluster=seeded, year=AcademicYear(2019))
    assert empty.empty and "не проводились" in render_to_string(empty.template, {"section": empty})


@pytest.mark.django_db
def test_report_queries_are_constant(seeded):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            report.sections(cluster=seeded, year=AcademicYear(2021))
        return len(ctx.captured_queries)

    small = count()
    SessionFactory(cluster=seeded, title="Вторая сессия", template=ChecklistTemplate.objects.get())
    assert count() == small


def test_outcome_wording():
    assert report.outcome_text(4, 3) == "4 ОПОП из 3-х ПОО"
    assert report.outcome_text(1, 1) == "1 ОПОП из 1 ПОО"
    assert report.outcome_text(12, 12) == "12 ОПОП из 12 ПОО"


# Import of certificates -------------------------------------------------------------------------
def workbook(rows):
    kind = get_kind("expert-certificates")
    book = Workbook()
    sheet = book.active
    sheet.append([c.header for c in kind.columns])
    for row in rows:
        sheet.append(row)
    data = iolib.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "certificates.xlsx"
    return data


@pytest.mark.django_db
def test_certificate_import_all_or_nothing_and_updates_by_key(seeded, users):
    from cluster_portal.core.roles import Role

    kind = get_kind("expert-certificates")
    coordinator = users[Role.COORDINATOR]
    good = [
        "expert2",
        "Право оценки демонстрационного экзамена",
        "Сварка",
        "ДЭ-9",
        "Академия",
        "15.12.2022",
        "15.12.2024",
    ]
    bad = ["nobody", "Право оценки", "", "1", "", "", "вчера"]
    result = run_import(kind, workbook([good, bad]), user=coordinator, dry_run=False)
    assert not result.ok
    messages = [str(e) for e in result.errors]
    assert "Строка 3, «Логин эксперта» = «nobody»: Эксперт с таким логином не найден в портале." in messages
    assert any(m.startswith("Строка 3, «Действует до»") for m in messages)
    assert not ExpertCertificate.objects.filter(number="ДЭ-9").exists()
    result = run_import(kind, workbook([good]), user=coordinator, dry_run=False)
    assert result.ok and result.created == 1
    result = run_import(kind, workbook([[*good[:6], "15.12.2025"]]), user=coordinator, dry_run=False)
    assert result.ok and result.updated == 1
    assert ExpertCertificate.objects.get(number="ДЭ-9").valid_until.year == 2025
