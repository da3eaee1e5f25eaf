"""The seed's figures computed from the demo data, the counting rule, and the report sections."""

import pytest
from django.template.loader import render_to_string

from cluster_portal.core.dataversion import tables_of
from cluster_portal.core.reporting import AcademicYear
from cluster_portal.core.testing.dataversion import tables_read
from members import seed as members_seed
from members.selectors import default_cluster
from programs import seed
from programs.models import Program
from programs.report import counts_sentence, plural, sections
from programs.selectors import PROGRAM_COUNT_READS, _program_counts, program_counts

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
    with django_assert_max_num_queries(8):
        result = sections(cluster=seeded, year=year)
    by_key = {s.key: s for s in result}
    assert set(by_key) == {"programs_sectors", "presentation_structure"}
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
