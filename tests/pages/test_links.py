"""No dead ends: every role follows every link it is shown and never gets 403 or 404."""

import pytest

from cluster_portal.core.roles import Role

from .conftest import SHARED_CRAWL


@pytest.mark.crawl
@SHARED_CRAWL
def test_no_link_leads_to_a_403_or_404_for_any_role(demo_crawl):
    problems = [
        f"{who}: {page.url} → {page.status} (ссылка на {page.referrer})"
        for who, result in demo_crawl.items()
        for page in result.dead_ends()
    ]
    assert not problems, "\n".join(problems)
    assert all(len(result.read) > 3 for result in demo_crawl.values())  # the crawl did get somewhere


@pytest.mark.django_db
def test_the_admin_link_is_for_superusers_only(client, users):
    from members.tests.factories import UserFactory

    client.force_login(users[Role.COORDINATOR])  # staff, not a superuser: the admin answers «недостаточно полномочий»
    assert "/admin/" not in client.get("/").content.decode()
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    assert 'href="/admin/"' in client.get("/").content.decode()
