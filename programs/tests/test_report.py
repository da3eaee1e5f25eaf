"""The seed's figures computed from the demo data, the counting rule, and the report sections."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.template.loader import render_to_string

from cluster_portal.core.dataversion import tables_of
from cluster_portal.core.reporting import AcademicYear
from cluster_portal.core.roles import Role
from cluster_portal.core.testing.dataversion import tables_read
from members import seed as members_seed
from members.selectors import default_cluster
from programs import seed, services
from programs.models import AdmissionAgreement, AdmissionTarget, Program
from programs.report import counts_sentence, plural, sections
from programs.selectors import PROGRAM_COUNT_READS, _program_counts, agreed_in, in_force, program_counts

from .factories import ProgramFactory, SpecialtyFactory


@pytest.fixture
def seeded(db):
    members_seed.run()
    seed.run()
    seed.run_generated()
    return default_cluster()


@pytest.mark.django_db
def test_seed_gives_the_reports_figures_and_is_idempotent(seeded):
    counts = program_counts(cluster=seeded, year=AcademicYear(2021))
    assert (counts.total, counts.multi_college) == (29, 5)
    assert [g.code for g in counts.multi_college_groups] == ["13.00.00", "15.00.00", "21.00.00"]
    assert counts_sentence(counts) == (
        "29 основных профессиональных образовательных программ реализовывались в 2021/2022 уч. году в рамках "
        "кластера, из них 5 образовательных программ реализуются несколькими ПОО из УГПС 13.00.00, 15.00.00, "
        "21.00.00"
    )
    named = {
        ("ОГБПОУ «ТЭПК»", "15.02.32"),
        ("ОГБПОУ «ТЭПК»", "27.02.07"),
        ("ОГБПОУ «СПК»", "15.02.12"),
        ("ОГБПОУ «ТПТ»", "13.02.11"),
    }
    every = set(Program.objects.values_list("college__short_name", "specialty__code"))
    assert named <= every
    before = Program.objects.count()
    seed.run()
    assert Program.objects.count() == before
    # Their cards are invented: the generated step writes them and marks the programs demo, and the
    # seed's own step keeps them so.
    assert not Program.objects.filter(is_demo=False).exists()
    assert program_counts(cluster=seeded, year=AcademicYear(2021)).total == 29


@pytest.mark.django_db
def test_counting_rule(bank):
    year = AcademicYear(2021)
    assert program_counts(cluster=bank["cluster"], year=year).total == 2
    # The same specialty in another form at the same college: still one program.
    ProgramFactory(college=bank["org"], specialty=bank["specialty"], study_form="part", base_education="secondary")
    # The same specialty at the other college: one program run by several colleges.
    ProgramFactory(college=bank["other_org"], specialty=bank["specialty"])
    # Not running in 2021/2022, or not at a member college: not counted.
    ProgramFactory(college=bank["org"], specialty=SpecialtyFactory(code="15.02.10"), first_year=2022)
    ProgramFactory(college=bank["org"], specialty=SpecialtyFactory(code="15.02.01"), first_year=2010, last_year=2020)
    ProgramFactory(specialty=SpecialtyFactory(code="15.02.15"))
    counts = program_counts(cluster=bank["cluster"], year=year)
    assert (counts.total, counts.multi_college) == (2, 1)
    assert [(g.group.code, g.total, g.multi_college) for g in counts.by_group] == [("15.00.00", 2, 1)]
    assert program_counts(cluster=bank["cluster"], year=AcademicYear(2022)).total == 3


def test_plural_forms():
    forms = ("программа", "программы", "программ")
    assert [plural(n, *forms) for n in (1, 2, 5, 11, 21, 22, 29, 112)] == [
        "программа",
        "программы",
        "программ",
        "программ",
        "программа",
        "программы",
        "программ",
        "программ",
    ]


@pytest.mark.django_db
def test_report_sections_render_with_constant_queries(seeded, django_assert_max_num_queries):
    year = AcademicYear(2021)
    with django_assert_max_num_queries(10):
        result = sections(cluster=seeded, year=year)
    by_key = {s.key: s for s in result}
    assert set(by_key) == {"programs_sectors", "admission_targets", "presentation_structure"}
    html = render_to_string(by_key["programs_sectors"].template, {"section": by_key["programs_sectors"]})
    assert "<h2>" in html and "ОГБПОУ «Томский политехнический техникум»" in html
    assert "29 основных профессиональных образовательных программ" in html
    structure = render_to_string(
        by_key["presentation_structure"].template, {"section": by_key["presentation_structure"]}
    )
    assert "Структура презентации основной профессиональной образовательной программы (далее – ОПОП)" in structure
    assert "<strong>Визитная карточка ПОО;</strong>" in structure
    assert "<strong>Условия реализации программы</strong> (материальная база, кадровое обеспечение);" in structure
    assert "(сетевая форма реализации программы, дуальное обучение)." in structure
    sheet = by_key["programs_sectors"].sheets[0]
    assert ("Добыча нефти/газа", "21.00.00", "ОГБПОУ «Томский промышленно-гуманитарный колледж»", 2) in sheet.rows


@pytest.mark.django_db
def test_program_counts_declare_every_table_they_read(seeded):
    """A table the figures read but do not declare would leave the kept figures stale after it changes."""
    read = tables_read(lambda: _program_counts(seeded, AcademicYear(2021)))
    assert read and read <= set(tables_of(PROGRAM_COUNT_READS)), read - set(tables_of(PROGRAM_COUNT_READS))


@pytest.mark.django_db
def test_the_kcp_agreed_on_16_05_2022_are_computed_per_college_and_specialty(seeded):
    """The seed: «16.05.2022 — Согласование контрольных цифр приема в ПОО кластера на 2023 год»; the numbers are
    generated (demo), so the section says so; 2022's targets carry no date (the seed gives none) and stay out."""
    section = next(s for s in sections(cluster=seeded, year=AcademicYear(2021)) if s.key == "admission_targets")
    agreed = AdmissionTarget.objects.filter(year=2023, agreed_on=dt.date(2022, 5, 16))
    [(round_, sentence)] = section.context["rounds"]
    assert (round_.agreed_on, round_.year) == (dt.date(2022, 5, 16), 2023)
    total = sum(t.agreed for t in agreed)
    colleges = len({t.college_id for t in agreed})
    assert total and sentence.startswith(
        f"16.05.2022 согласованы контрольные цифры приёма в ПОО кластера на 2023 год: {total} мест"
    )
    assert sentence.endswith(f" в {colleges} ПОО.")
    rows = section.sheets[0].rows
    assert len(rows) == agreed.count() and {r[1] for r in rows} == {2023}
    html = render_to_string(section.template, {"section": section})
    assert "демонстрационные данные" in html and "ОГБПОУ «ТЭПК»" in html and "15.02.32" in html
    # Nothing was agreed in 2022/2023 (the 2024 proposals wait), nor dated in 2020/2021.
    for other in (AcademicYear(2022), AcademicYear(2020)):
        assert next(s for s in sections(cluster=seeded, year=other) if s.key == "admission_targets").empty


@pytest.mark.django_db
def test_an_agreement_stays_in_its_year_whatever_is_decided_later(seeded, users):
    """A new number, a withdrawal or a correction dated after the year is a new decision: the year keeps its own."""
    coordinator = users[Role.COORDINATOR]
    target = AdmissionTarget.objects.filter(year=2023, agreed_on=dt.date(2022, 5, 16)).order_by("pk").first()
    before = agreed_in(cluster=seeded, year=AcademicYear(2021))
    agreed = {(d.target_id, d.agreed) for r in before for d in r.rows}
    services.admission_target_agree(target=target, agreed=target.agreed + 7, user=coordinator)  # dated today
    target.refresh_from_db()
    assert target.agreed_on == dt.date.today()
    services.admission_target_return(target=target, comment="Пересчитать", user=coordinator)
    after = agreed_in(cluster=seeded, year=AcademicYear(2021))
    assert {(d.target_id, d.agreed) for r in after for d in r.rows} == agreed
    # The same number re-dated within the year corrects the decision of that year from the new date on.
    other = AdmissionTarget.objects.filter(year=2023, agreed_on=dt.date(2022, 5, 16)).exclude(pk=target.pk).first()
    services.admission_target_agree(
        target=other, agreed=other.agreed, agreed_on=dt.date(2022, 5, 24), comment="", user=coordinator
    )
    rounds = agreed_in(cluster=seeded, year=AcademicYear(2021))
    assert [(r.agreed_on, len(r.rows)) for r in rounds] == [
        (dt.date(2022, 5, 16), len(agreed) - 1),
        (dt.date(2022, 5, 24), 1),
    ]


def test_a_later_recorded_decision_dated_earlier_replaces_what_it_corrects():
    def decision(pk, on, agreed=10):
        return AdmissionAgreement(pk=pk, agreed_on=on, agreed=agreed)

    first, second, third = (
        decision(1, dt.date(2026, 12, 6)),
        decision(2, dt.date(2022, 5, 16)),
        decision(3, dt.date(2027, 1, 10), 12),
    )
    # recorded: 06.12.2026 by mistake, then corrected to 16.05.2022, then a new number in 2027.
    assert in_force([first, second, third]) == [second, third]
    assert in_force([second, third]) == [second, third]


@pytest.mark.django_db
def test_what_an_agreement_was_for_does_not_change_and_its_target_is_not_deleted(seeded, users):
    target = AdmissionTarget.objects.filter(agreements__isnull=False).first()
    target.year = 2030
    with pytest.raises(ValidationError):
        services.admission_target_propose(target=target, user=users[Role.COORDINATOR])
    with pytest.raises(ProtectedError):
        AdmissionTarget.objects.get(pk=target.pk).delete()
