import pytest

from cluster_portal.core.pagination import CappedPaginator
from cluster_portal.core.roles import Role
from members.models import Organization
from members.tests.factories import OrganizationFactory


@pytest.mark.django_db
def test_count_stops_at_the_cap():
    OrganizationFactory.create_batch(7)
    paginator = CappedPaginator(Organization.objects.order_by("pk"), 2)
    paginator.cap = 5
    assert paginator.count == 5 and paginator.capped
    assert paginator.num_pages == 3
    paginator = CappedPaginator(Organization.objects.order_by("pk"), 2)
    paginator.cap = 50
    assert paginator.count == 7 and not paginator.capped


@pytest.mark.django_db
def test_list_page_says_when_there_are_more_rows(client_as, monkeypatch):
    OrganizationFactory.create_batch(4)
    monkeypatch.setattr(CappedPaginator, "cap", 3)
    body = client_as(Role.OBSERVER).get("/members/").content.decode()
    assert "Записей больше 3: уточните фильтр" in body
