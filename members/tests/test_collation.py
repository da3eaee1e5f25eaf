"""Names sort as a Russian reader expects, on PostgreSQL (ICU) and on SQLite alike."""

import html

import pytest

from cluster_portal.core.collation import sort_key
from members.models import Organization, Person
from members.tests.factories import OrganizationFactory, PersonFactory

# By character code «ГЕОС» (a quote) comes first, «ёлка» after every «я», lower case after upper case.
RUSSIAN_ORDER = ["АО «Вектор»", "«ГЕОС»", "ООО «Евро»", "ООО «ёлка»", "ООО «Ель»", "ООО «жук»", "ООО «Ясень»"]


@pytest.mark.django_db
def test_organizations_sort_by_russian_rules():
    for name in reversed(RUSSIAN_ORDER):
        OrganizationFactory(short_name=name, name=name)
    ordered = list(Organization.objects.filter(short_name__in=RUSSIAN_ORDER).values_list("short_name", flat=True))
    assert ordered == RUSSIAN_ORDER  # the default ordering
    assert list(Organization.objects.order_by("name").values_list("name", flat=True)) == RUSSIAN_ORDER
    assert sorted(RUSSIAN_ORDER, key=sort_key) == RUSSIAN_ORDER  # SQLite's comparison


@pytest.mark.django_db
def test_people_sort_by_surname_with_yo_and_case(client_as, users):
    for last_name in ("ёжиков", "Ершов", "Егоров", "Жуков", "Абрамов"):
        PersonFactory(last_name=last_name, first_name="Иван")
    names = [p.last_name for p in Person.objects.filter(first_name="Иван")]
    assert names == ["Абрамов", "Егоров", "ёжиков", "Ершов", "Жуков"]


@pytest.mark.django_db
def test_a_list_page_sorted_by_name_follows_russian_rules(client_as, users):
    for name in reversed(RUSSIAN_ORDER):
        OrganizationFactory(short_name=name, name=name)
    body = client_as("coordinator").get("/members/?sort=short_name&q=О").content.decode()
    positions = [body.find(html.escape(name)) for name in RUSSIAN_ORDER]
    assert -1 not in positions and positions == sorted(positions)
