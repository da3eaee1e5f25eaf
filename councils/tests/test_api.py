"""The meetings endpoint reads a meeting's attendance as the pages do (core.access field rules)."""

import pytest

from cluster_portal.core.roles import Role

from .factories import MeetingFactory

pytestmark = pytest.mark.django_db


def row_of(client, pk):
    rows = client.get("/api/councils/meetings/").json()["results"]
    return next(r for r in rows if r["id"] == pk)


def test_attendance_of_a_meeting_without_signed_minutes_is_staff_only(client_as):
    meeting = MeetingFactory(guests="Гостев Г. Г.", members_count=9)
    observer = row_of(client_as(Role.OBSERVER), meeting.pk)
    assert observer["guests"] is None and observer["members_count"] is None
    secretary = row_of(client_as(Role.SECRETARY), meeting.pk)
    assert secretary["guests"] == "Гостев Г. Г." and secretary["members_count"] == 9
