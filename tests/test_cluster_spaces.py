"""Clusters as spaces: a coordinator of one cluster reaches nothing of another's councils, plan or sessions.

Every request here is crafted: the other cluster's URLs are typed in, its rows are named in POSTs, as
someone who read them elsewhere would. A region-wide user (assigned to no cluster) and the observer
reach both.
"""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cluster_portal.core.roles import Role
from councils.models import Council, Meeting, PlanItem, WorkPlan
from councils.tests.factories import (
    AgendaItemFactory,
    CouncilFactory,
    DecisionFactory,
    MeetingFactory,
    PlanItemFactory,
    PlanSectionFactory,
    WorkPlanFactory,
)
from expertise.models import ExpertSession
from expertise.tests.factories import SessionFactory
from members.tests.factories import ClusterFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def spaces():
    """Two clusters with a council, meeting, decision, plan item and session each, and a coordinator of the second."""
    data = {}
    for key, name in (("industry", "Промышленный"), ("it", "ИТ-кластер")):
        cluster = ClusterFactory(name=name, short_name=name)
        council = CouncilFactory(cluster=cluster, name=f"Совет {name}")
        meeting = MeetingFactory(council=council, topics=f"Заседание {name}")
        decision = DecisionFactory(agenda_item=AgendaItemFactory(meeting=meeting))
        plan = WorkPlanFactory(cluster=cluster, year=2022)
        item = PlanItemFactory(plan=plan, section=PlanSectionFactory(plan=plan))
        session = SessionFactory(cluster=cluster, title=f"Экспертиза {name}")
        data[key] = {
            "cluster": cluster,
            "council": council,
            "meeting": meeting,
            "decision": decision,
            "plan": plan,
            "item": item,
            "session": session,
        }
    coordinator_it = UserFactory(username="coordinator-it", role=Role.COORDINATOR)
    coordinator_it.clusters.set([data["it"]["cluster"]])
    secretary_it = UserFactory(username="secretary-it", role=Role.SECRETARY)
    secretary_it.clusters.set([data["it"]["cluster"]])
    data["users"] = {"coordinator_it": coordinator_it, "secretary_it": secretary_it}
    return data


def object_pages(rows):
    """Every page of one cluster's rows: detail, edit, delete, PDFs and the work pages of a meeting and session."""
    council, meeting, decision = rows["council"], rows["meeting"], rows["decision"]
    plan, item, session = rows["plan"], rows["item"], rows["session"]
    return [
        f"/councils/{council.pk}/",
        f"/councils/{council.pk}/edit/",
        f"/councils/{council.pk}/delete/",
        f"/councils/meetings/{meeting.pk}/",
        f"/councils/meetings/{meeting.pk}/edit/",
        f"/councils/meetings/{meeting.pk}/delete/",
        f"/councils/meetings/{meeting.pk}/minutes/",
        f"/councils/meetings/{meeting.pk}/attendance/",
        f"/councils/meetings/{meeting.pk}/protocol.pdf",
        f"/councils/meetings/{meeting.pk}/ics/",
        f"/councils/decisions/{decision.pk}/",
        f"/councils/decisions/{decision.pk}/edit/",
        f"/councils/plans/{plan.pk}/",
        f"/councils/plans/{plan.pk}/edit/",
        f"/councils/plans/{plan.pk}/delete/",
        f"/councils/plans/{plan.pk}/execution/",
        f"/councils/plans/items/{item.pk}/",
        f"/councils/plans/items/{item.pk}/edit/",
        f"/councils/plans/items/{item.pk}/status/",
        f"/expertise/{session.pk}/",
        f"/expertise/{session.pk}/edit/",
        f"/expertise/{session.pk}/delete/",
        f"/expertise/{session.pk}/assign/",
        f"/expertise/{session.pk}/results/",
        f"/expertise/{session.pk}/results/pdf/",
    ]


def main_pages(rows):
    return [
        f"/councils/{rows['council'].pk}/",
        f"/councils/plans/{rows['plan'].pk}/",
        f"/expertise/{rows['session'].pk}/",
    ]


@pytest.mark.parametrize("who", ["coordinator_it", "secretary_it"])
def test_other_clusters_pages_are_not_found(client, spaces, who):
    client.force_login(spaces["users"][who])
    refused = {url: client.get(url).status_code for url in object_pages(spaces["industry"])}
    assert {url: code for url, code in refused.items() if code not in (403, 404)} == {}


def test_own_clusters_pages_open(client, spaces):
    client.force_login(spaces["users"]["coordinator_it"])
    rows = spaces["it"]
    for url in main_pages(rows):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.OBSERVER])
def test_region_wide_users_open_both_clusters(client, spaces, role):
    client.force_login(UserFactory(username=f"region-{role}", role=role))
    for key in ("industry", "it"):
        rows = spaces[key]
        for url in main_pages(rows):
            assert client.get(url).status_code == 200, url


def _exported_text(response) -> str:
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    text = " ".join(str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row)
    book.close()
    return text


def test_lists_exports_and_api_hold_only_own_cluster(client, spaces):
    client.force_login(spaces["users"]["coordinator_it"])
    lists = {
        "/councils/": ("Совет Промышленный", "Совет ИТ-кластер"),
        "/councils/meetings/": ("Заседание Промышленный", "Заседание ИТ-кластер"),
        "/expertise/": ("Экспертиза Промышленный", "Экспертиза ИТ-кластер"),
    }
    for url, (other, own) in lists.items():
        page = client.get(url).content.decode()
        assert other not in page and own in page, url
        exported = _exported_text(client.get(url, {"export": "xlsx"}))
        assert other not in exported and own in exported, url
    councils = client.get("/api/councils/councils/").json()
    assert [row["name"] for row in councils["results"]] == ["Совет ИТ-кластер"]
    plans = client.get("/api/councils/plan-items/").json()
    assert {row["id"] for row in plans["results"]} == {spaces["it"]["item"].pk}


def test_posts_to_other_cluster_change_nothing(client, spaces):
    client.force_login(spaces["users"]["coordinator_it"])
    industry = spaces["industry"]
    council, plan, session = industry["council"], industry["plan"], industry["session"]
    assert client.post(f"/councils/{council.pk}/edit/", {"name": "Захвачен"}).status_code == 404
    assert client.post(f"/councils/{council.pk}/delete/").status_code == 404
    assert client.post(f"/councils/plans/{plan.pk}/delete/").status_code == 404
    assert client.post(f"/councils/plans/items/{industry['item'].pk}/status/", {"status": "done"}).status_code == 404
    assert client.post(f"/expertise/{session.pk}/delete/").status_code == 404
    council.refresh_from_db()
    assert council.name == "Совет Промышленный"
    assert WorkPlan.objects.filter(pk=plan.pk).exists() and ExpertSession.objects.filter(pk=session.pk).exists()


def test_new_rows_cannot_name_other_cluster(client, spaces):
    client.force_login(spaces["users"]["coordinator_it"])
    industry = spaces["industry"]
    councils_before, meetings_before = Council.objects.count(), Meeting.objects.count()
    response = client.post(
        "/councils/add/", {"cluster": industry["cluster"].pk, "kind": "expert", "name": "Чужой совет", "order": 0}
    )
    assert response.status_code == 200 and "cluster" in response.context["form"].errors
    response = client.post(
        "/councils/meetings/add/",
        {"council": industry["council"].pk, "status": "planned", "date": "2022-11-10", "academic_year": 2022},
    )
    assert response.status_code == 200 and "council" in response.context["form"].errors
    response = client.post(
        "/councils/plans/items/add/",
        {"plan": industry["plan"].pk, "section": industry["item"].section_id, "number": "9.9", "title": "Чужой"},
    )
    assert response.status_code == 200 and "section" in response.context["form"].errors
    assert (Council.objects.count(), Meeting.objects.count()) == (councils_before, meetings_before)
    assert not PlanItem.objects.filter(number="9.9").exists()


def test_coordinator_of_a_cluster_cannot_widen_own_clusters(client, spaces):
    coordinator = spaces["users"]["coordinator_it"]
    client.force_login(coordinator)
    form = client.get(f"/members/users/{coordinator.pk}/edit/").context["form"]
    assert form.fields["clusters"].disabled
    client.post(
        f"/members/users/{coordinator.pk}/edit/",
        {"username": coordinator.username, "email": "c@example.org", "role": Role.COORDINATOR, "clusters": []},
    )
    assert list(coordinator.clusters.all()) == [spaces["it"]["cluster"]]


def test_the_observer_compares_both_clusters_on_one_page(client, spaces):
    client.force_login(UserFactory(username="region-observer", role=Role.OBSERVER))
    response = client.get("/reports/region/", {"year": "2021-2022"})
    assert response.status_code == 200
    assert [c.name for c in response.context["clusters"]] == ["Промышленный", "ИТ-кластер"]
    rows = {(row.group, row.label): row.values for row in response.context["rows"]}
    assert rows[("Советы", "Проведено заседаний")] == (0, 0)  # the factories' meetings are planned
    assert rows[("План работы на 2022 год", "Пунктов плана")] == (1, 1)
    assert rows[("Экспертиза программ", "Экспертных сессий")] == (1, 1)
    exported = _exported_text(client.get("/reports/region/", {"year": "2021-2022", "export": "xlsx"}))
    assert "Промышленный" in exported and "ИТ-кластер" in exported and "Пунктов плана" in exported


def test_a_coordinator_of_one_cluster_compares_only_their_own(client, spaces):
    client.force_login(spaces["users"]["coordinator_it"])
    response = client.get("/reports/region/")
    assert [c.name for c in response.context["clusters"]] == ["ИТ-кластер"]
    assert "Промышленный" not in _exported_text(client.get("/reports/region/", {"export": "xlsx"}))


def test_organizations_do_not_open_the_region_page(client, users):
    client.force_login(users[Role.COLLEGE])
    assert client.get("/reports/region/").status_code == 403


@pytest.fixture
def people(spaces):
    """Users of both clusters: the industrial coordinator, an observer, and a college representative of each."""
    from members.tests.factories import MembershipFactory, OrganizationFactory

    industry, it = spaces["industry"]["cluster"], spaces["it"]["cluster"]
    coordinator = UserFactory(username="coordinator-industry", role=Role.COORDINATOR)
    coordinator.clusters.set([industry])
    both = UserFactory(username="secretary-both", role=Role.SECRETARY)
    both.clusters.set([industry, it])
    college_it = OrganizationFactory(kind="college", short_name="ОГБПОУ «ИТ-колледж»")
    MembershipFactory(cluster=it, organization=college_it, role="college")
    college_industry = OrganizationFactory(kind="college", short_name="ОГБПОУ «Промколледж»")
    MembershipFactory(cluster=industry, organization=college_industry, role="college")
    return {
        "coordinator_industry": coordinator,
        "secretary_both": both,
        "observer": UserFactory(username="observer-region", role=Role.OBSERVER),
        "region_admin": UserFactory(username="region-admin", role=Role.COORDINATOR),
        "college_it": UserFactory(username="college-it", role=Role.COLLEGE, organization=college_it),
        "college_industry": UserFactory(username="college-industry", role=Role.COLLEGE, organization=college_industry),
    }


def test_a_cluster_coordinator_reaches_only_the_users_of_their_cluster(client, spaces, people):
    client.force_login(spaces["users"]["coordinator_it"])
    listed = client.get(reverse("members:user_list")).content.decode()
    assert "college-it" in listed and "secretary-it" in listed
    for key in ("coordinator_industry", "secretary_both", "observer", "region_admin", "college_industry"):
        other = people[key]
        before = (other.role, other.is_active)
        assert other.username not in listed
        assert client.get(reverse("members:user_detail", args=[other.pk])).status_code == 404
        assert client.get(reverse("members:user_edit", args=[other.pk])).status_code == 404
        posted = client.post(
            reverse("members:user_edit", args=[other.pk]),
            {"username": other.username, "email": "x@example.ru", "role": Role.COLLEGE, "is_active": ""},
        )
        assert posted.status_code == 404
        other.refresh_from_db()
        assert (other.role, other.is_active) == before


def test_a_cluster_coordinator_makes_staff_of_their_own_cluster_only(client, spaces, people):
    from members.models import User

    client.force_login(spaces["users"]["coordinator_it"])
    form = {"username": "new-coordinator", "email": "new@example.ru", "role": Role.COORDINATOR, "is_active": "on"}
    response = client.post(reverse("members:user_add"), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    made = User.objects.get(username="new-coordinator")
    assert list(made.clusters.all()) == [spaces["it"]["cluster"]]  # never a region-wide coordinator

    refused = client.post(reverse("members:user_add"), {**form, "username": "new-observer", "role": Role.OBSERVER})
    assert refused.status_code == 200
    assert "эту роль назначает региональный администратор" in refused.content.decode()
    assert not User.objects.filter(username="new-observer").exists()


def test_the_region_administrator_reaches_every_user(client, spaces, people):
    client.force_login(people["region_admin"])
    for other in (*people.values(), *spaces["users"].values()):
        assert client.get(reverse("members:user_edit", args=[other.pk])).status_code == 200
