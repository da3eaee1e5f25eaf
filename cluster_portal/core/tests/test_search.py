"""The search box: the same rows as plain joins, found through the related tables' keys on PostgreSQL."""

import datetime as dt
from functools import reduce
from operator import or_

import pytest
from django.db import connection
from django.db.models import Q

from cluster_portal.core import search
from cluster_portal.core.search import matching
from members.models import Sector
from members.tests.factories import ClusterFactory, EnlargedGroupFactory, OrganizationFactory, SectorFactory
from practice.models import EmploymentOutcome, Placement, Student
from practice.tests.factories import (
    OutcomeFactory,
    PlacementFactory,
    PracticeBaseFactory,
    ProgramFactory,
    SpecialtyFactory,
    StudentFactory,
)

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")


def joined(fields, text) -> Q:
    """What the search box did before ``matching``: icontains through joins, OR-ed."""
    return reduce(or_, (Q(**{f"{field}__icontains": text}) for field in fields))


def same_rows(model, fields, text) -> set[int]:
    found = set(model.objects.filter(matching(model, fields, text)).values_list("pk", flat=True))
    assert found == set(model.objects.filter(joined(fields, text)).distinct().values_list("pk", flat=True))
    return found


@pytest.fixture
def rows(db):
    machine = SpecialtyFactory(code="15.02.32", name="Оператор станков с программным управлением")
    energy = SpecialtyFactory(code="13.02.11", name="Техническая эксплуатация оборудования")
    tepk = OrganizationFactory(kind="college", short_name="ОГБПОУ «ТЭПК»")
    plant = OrganizationFactory(kind="employer", short_name="АО «Томский завод»")
    other = OrganizationFactory(kind="employer", short_name="ООО «Сервис»")
    s1 = StudentFactory(
        program=ProgramFactory(college=tepk, specialty=machine), record_number="ТЭПК-1", group_name="521"
    )
    s2 = StudentFactory(
        program=ProgramFactory(specialty=energy), record_number="Б-2", full_name="Иванова Анна", group_name="ЭО-1"
    )
    p1 = PlacementFactory(student=s1, base=PracticeBaseFactory(enterprise=plant), mentor_names="")
    p2 = PlacementFactory(student=s2, base=PracticeBaseFactory(enterprise=other), mentor_names="Станкова И. И.")
    o1 = OutcomeFactory(student=s1, employer=plant, position="оператор")
    o2 = OutcomeFactory(student=s2, employer=None, employer_name="ИП Томский", date=dt.date(2022, 9, 1))
    return {"s1": s1, "s2": s2, "p1": p1, "p2": p2, "o1": o1, "o2": o2}


STUDENT_FIELDS = ("record_number", "full_name", "group_name", "program__specialty__code", "program__specialty__name")
PLACEMENT_FIELDS = ("student__record_number", "student__group_name", "base__enterprise__short_name", "mentor_names")
OUTCOME_FIELDS = ("student__record_number", "employer_name", "employer__short_name", "position")


def test_the_same_rows_as_the_joins_through_every_kind_of_path(rows):
    s = p = o = rows
    assert same_rows(Student, STUDENT_FIELDS, "станков") == {s["s1"].pk}  # two hops away, any case
    assert same_rows(Student, STUDENT_FIELDS, "Иванова") == {s["s2"].pk}  # own column
    assert same_rows(Student, STUDENT_FIELDS, "нет такого") == set()
    assert same_rows(Placement, PLACEMENT_FIELDS, "Томский") == {p["p1"].pk}  # through base and enterprise
    assert same_rows(Placement, PLACEMENT_FIELDS, "Станков") == {p["p2"].pk}  # own column
    assert same_rows(Placement, PLACEMENT_FIELDS, "ТЭПК-1") == {p["p1"].pk}  # through the student
    # An empty relation (no employer in the portal) matches nothing through it, and its own text still counts.
    assert same_rows(EmploymentOutcome, OUTCOME_FIELDS, "Томский") == {o["o1"].pk, o["o2"].pk}


@pytest.mark.django_db
def test_past_the_inline_keys_a_branch_keeps_its_join(rows, monkeypatch):
    monkeypatch.setattr(search, "INLINE_KEYS", 0)
    assert same_rows(Placement, PLACEMENT_FIELDS, "Томский") == {rows["p1"].pk}
    assert same_rows(Student, STUDENT_FIELDS, "станков") == {rows["s1"].pk}
    sql = str(Placement.objects.filter(matching(Placement, PLACEMENT_FIELDS, "Томский")).query)
    assert "JOIN" in sql and 'base_id" IN (' not in sql


@pytest.mark.django_db
def test_a_many_valued_path_keeps_its_join():
    group = EnlargedGroupFactory(code="15.00.00", name="Машиностроение")
    sector = SectorFactory(cluster=ClusterFactory(), name="Промышленность")
    sector.groups.add(group)
    fields = ("name", "groups__code", "groups__name")
    assert same_rows(Sector, fields, "Машино") == {sector.pk}
    assert "ANY(" not in str(Sector.objects.filter(matching(Sector, fields, "Машино")).query)


@postgresql_only
def test_postgresql_reads_related_rows_by_key_and_the_large_tables_by_trigram(rows):
    # Case is folded, Cyrillic included (UPPER … LIKE), through the related rows as well.
    assert same_rows(Placement, PLACEMENT_FIELDS, "томский") == {rows["p1"].pk}
    assert same_rows(Student, STUDENT_FIELDS, "иванова") == {rows["s2"].pk}
    # The keys found in the related tables are written into the query (none found: no branch).
    where = str(Placement.objects.filter(matching(Placement, PLACEMENT_FIELDS, "томский")).query).split("WHERE")[1]
    assert f'"practice_placement"."base_id" IN ({rows["p1"].base_id})' in where
    assert "student_id" not in where and "JOIN" not in where  # no student matched; the table joins nothing
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s ORDER BY 1", ["%_trgm"])
        names = [row[0] for row in cursor.fetchall()]
    assert names == [
        "employmentoutcome_employer_name_trgm",
        "employmentoutcome_position_trgm",
        "placement_mentor_names_trgm",
        "student_full_name_trgm",
        "student_group_name_trgm",
        "student_record_number_trgm",
    ]
