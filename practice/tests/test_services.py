"""Anonymization, the seed step and the report section."""

import re

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import timezone

from cluster_portal.core.disclosure import Small
from cluster_portal.core.reporting import AcademicYear
from practice.models import EmploymentOutcome, Placement, PracticeAgreement, PracticeBase, Student
from practice.report import sections

from .factories import ProgramFactory, StudentFactory


@pytest.mark.django_db
def test_anonymize_command_after_configured_years(college_org, capsys):
    program = ProgramFactory(college=college_org)
    year = timezone.localdate().year
    old = StudentFactory(
        program=program,
        record_number="OLD-1",
        full_name="Старов Олег",
        graduation_year=year - 6,
        admission_year=year - 10,
    )
    recent = StudentFactory(
        program=program, record_number="NEW-1", full_name="Новов Нил", graduation_year=year - 2, admission_year=year - 6
    )
    call_command("anonymize_students", "--dry-run")
    assert "будет обезличено 1" in capsys.readouterr().out
    assert Student.objects.get(pk=old.pk).full_name == "Старов Олег"
    call_command("anonymize_students")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.full_name == "" and old.record_number == f"ОБЕЗЛИЧЕН-{old.pk}" and old.anonymized_at
    assert (recent.full_name, recent.record_number) == ("Новов Нил", "NEW-1")
    history = " ".join(f"{e.object_repr} {e.changes}" for e in LogEntry.objects.get_for_object(old))
    assert "OLD-1" not in history and "Старов" not in history
    call_command("anonymize_students", "--years", "1")
    recent.refresh_from_db()
    assert recent.full_name == ""


@pytest.mark.django_db
def test_seed_without_programs_then_with_them_is_idempotent():
    from members import seed as members_seed
    from practice import seed

    members_seed.run()
    seed.run()
    summary = seed.run_generated()
    assert "нет программ" in summary
    base = PracticeBase.objects.get(enterprise__short_name="АО «НПЦ «Полюс»")
    assert "ПЦР-тесты, прививочные карты,хождение медосмотра" in base.special_requirements
    assert PracticeBase.objects.get(enterprise__short_name="«ГЕОС»").usual_format == "group"
    assert PracticeBase.objects.get(enterprise__short_name="ООО «ТОМЗЭЛ»").usual_format == "shifts"
    assert set(
        PracticeBase.objects.filter(has_mentoring_program=True).values_list("enterprise__short_name", flat=True)
    ) == {
        "АО «ТЭТЗ»",
        "ООО «СИМАКО»",
    }
    # The seed names no enterprise refusing the regional form: no agreement says one did.
    assert PracticeAgreement.objects.filter(form="enterprise").count() == 0
    from members.models import Organization

    ProgramFactory(college=Organization.objects.get(short_name="ОГБПОУ «ТЭПК»"))
    first = seed.run_generated()
    counts = (Student.objects.count(), Placement.objects.count(), EmploymentOutcome.objects.count())
    assert counts[0] > 50 and all(Student.objects.values_list("is_demo", flat=True))
    assert seed.run_generated() == first
    assert (Student.objects.count(), Placement.objects.count(), EmploymentOutcome.objects.count()) == counts


@pytest.mark.django_db
def test_report_section_has_figures_svg_and_constant_queries(small_world, cluster):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    year = AcademicYear(2021)
    with CaptureQueriesContext(connection) as small:
        [section] = sections(cluster=cluster, year=year)
    html = render_to_string(section.template, {"section": section})
    assert section.key == "practice" and not section.empty
    assert "<h2>" in html and "<svg" in html and "<script" not in html
    assert not re.search(r'(href|src)="https?://', html)
    assert "Выпускников 2022 г." in html
    figures = dict(section.context["figures"])
    assert figures["Выпускников 2022 г."] == 6
    # One student: a group under SMALL_GROUP_MIN prints as «< 5» (core.disclosure).
    assert figures["Студентов, получивших приглашение на работу по итогам практики"] == Small()
    assert "&lt; 5" in html or "< 5" in html
    for i in range(10):
        StudentFactory(program=small_world["programs"][0], graduation_year=2022, record_number=f"G-{i}")
    with CaptureQueriesContext(connection) as large:
        sections(cluster=cluster, year=year)
    assert len(small.captured_queries) == len(large.captured_queries)
