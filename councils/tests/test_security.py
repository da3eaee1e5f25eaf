"""Issue 17, findings 4 and 5: who reads a meeting's drafts, and that no other output shows them."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from openpyxl import load_workbook

from cluster_portal.core.access import readable
from cluster_portal.core.roles import Role
from councils.models import Meeting, Minutes

DRAFT_NUMBER = "ЧЕРН-77"
GUEST = "Гостев Гость Гостевич"


@pytest.fixture
def attended(world):
    """The draft meeting with its attendance recorded (and so in its change history)."""
    Minutes.objects.filter(meeting=world["draft"]).update(number=DRAFT_NUMBER)
    meeting = Meeting.objects.get(pk=world["draft"].pk)
    meeting.guests, meeting.members_count, meeting.present_count, meeting.quorum_reached = GUEST, 3, 1, False
    meeting.save()
    return world


def _export_rows(client, url):
    content = b"".join(client.get(url).streaming_content)
    return list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))


def _seat(users, role, world):
    users[role].person = world["member"].person
    users[role].save()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.COLLEGE, Role.EMPLOYER, Role.EXPERT, Role.OBSERVER])
def test_unpublished_attendance_and_draft_minutes_stay_out_of_history_list_and_export(client, users, attended, role):
    """Finding 5: the page hid them; the history panel, the list, its search and its export did not."""
    client.force_login(users[role])
    page = client.get(f"/councils/meetings/{attended['draft'].pk}/").content.decode()
    assert GUEST not in page and "кворум" not in page.lower().replace("присутствие и кворум", "")
    assert "присутствовало" not in page.lower()

    listing = client.get("/councils/meetings/").content.decode()
    assert DRAFT_NUMBER not in listing and "№ 1 от" in listing  # the signed meeting's minutes still show
    # the search does not find a meeting by its draft's number
    assert "Черновая тема" not in client.get(f"/councils/meetings/?q={DRAFT_NUMBER}").content.decode()
    assert len(_export_rows(client, f"/councils/meetings/?q={DRAFT_NUMBER}&export=xlsx")) == 1

    rows = _export_rows(client, "/councils/meetings/?export=xlsx")
    header = rows[0]
    draft = next(r for r in rows[1:] if r[header.index("Вопросы для обсуждения")] == "Черновая тема")
    for column in ("Протокол №", "Дата протокола", "Присутствовало", "Членов совета", "Кворум"):
        assert draft[header.index(column)] is None, column


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.SECRETARY, "member"])
def test_staff_and_the_councils_members_read_the_draft_everywhere(client, users, attended, role):
    if role == "member":
        role = Role.OBSERVER
        _seat(users, role, attended)
    client.force_login(users[role])
    page = client.get(f"/councils/meetings/{attended['draft'].pk}/").content.decode()
    assert GUEST in page  # in the change history at least
    assert "Черновая тема" in client.get(f"/councils/meetings/?q={DRAFT_NUMBER}").content.decode()
    rows = _export_rows(client, "/councils/meetings/?export=xlsx")
    header = rows[0]
    draft = next(r for r in rows[1:] if r[header.index("Вопросы для обсуждения")] == "Черновая тема")
    assert draft[header.index("Протокол №")] == DRAFT_NUMBER
    assert (draft[header.index("Присутствовало")], draft[header.index("Членов совета")]) == (1, 3)


@pytest.mark.django_db
def test_signed_minutes_publish_the_attendance(client, users, attended):
    Minutes.objects.filter(meeting=attended["draft"]).update(status="signed")
    client.force_login(users[Role.COLLEGE])
    meeting = Meeting.objects.get(pk=attended["draft"].pk)
    assert readable(users[Role.COLLEGE], meeting, "present_count")
    assert DRAFT_NUMBER in client.get("/councils/meetings/").content.decode()


def _readme_row(title: str) -> dict[str, str]:
    lines = (Path(settings.BASE_DIR) / "README.md").read_text().splitlines()
    header = next(line for line in lines if line.startswith("| data | coordinator |"))
    row = next(line for line in lines if line.startswith(f"| {title} |"))

    def cells(line):
        return [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]

    return dict(zip(cells(header), cells(row), strict=True))


@pytest.mark.django_db
def test_an_observer_on_the_council_reads_its_drafts_as_the_readme_says(client, users, world):
    """Finding 4: a council member reads their council's drafts whatever the role; README, code and this agree."""
    row = _readme_row("draft minutes, attendance, decisions")
    assert row["observer"] == row["employer"] == row["college"] == "same"
    assert row["expert"].startswith("council members read their councils")

    draft_url = f"/councils/meetings/{world['draft'].pk}/"
    client.force_login(users[Role.OBSERVER])
    page = client.get(draft_url).content.decode()
    assert "Секретное обсуждение" not in page and "Черновое решение" not in page
    assert client.get(f"/councils/meetings/{world['draft'].pk}/protocol.pdf").status_code == 404

    _seat(users, Role.OBSERVER, world)
    client.force_login(users[Role.OBSERVER])
    page = client.get(draft_url).content.decode()
    assert "Секретное обсуждение" in page and "Черновое решение" in page
    assert client.get(f"/councils/meetings/{world['draft'].pk}/protocol.pdf").status_code == 200
    assert client.get(f"/councils/meetings/{world['draft'].pk}/minutes/").status_code == 403


@pytest.mark.django_db
def test_who_answers_for_a_draft_decision_reads_it_without_the_drafts_number(client, users, attended, employer_org):
    """Finding 5 through the decisions: the responsible organization's employer is not on the council."""
    decision = attended["draft_decision"]
    decision.responsible_organization = employer_org
    decision.save()
    client.force_login(users[Role.EMPLOYER])
    assert "Черновое решение" in client.get("/councils/decisions/").content.decode()
    rows = _export_rows(client, "/councils/decisions/?export=xlsx")
    header = rows[0]
    row = next(r for r in rows[1:] if "Черновое решение" in [str(v) for v in r])
    assert row[header.index("Протокол №")] in (None, ""), row
    assert DRAFT_NUMBER not in " ".join(str(v) for r in rows for v in r if v is not None)
