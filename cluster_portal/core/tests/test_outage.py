"""The database going away: the Russian 500 page, nothing half written, and service again after."""

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper

from cluster_portal.core.roles import Role
from members.models import Person


@pytest.mark.django_db(transaction=True)
def test_requests_fail_cleanly_while_the_database_is_away_and_work_after(client, users, college_org, monkeypatch):
    client.force_login(users[Role.COLLEGE])
    client.raise_request_exception = False
    real_execute = CursorWrapper.execute

    def flaky(self, sql, params=None):
        # The database answers the first statements of the request, then goes away mid-way:
        # the person is inserted, writing its history entry fails.
        if "auditlog_logentry" in sql and sql.lstrip().upper().startswith("INSERT"):
            raise OperationalError("server closed the connection unexpectedly")
        return real_execute(self, sql, params)

    monkeypatch.setattr(CursorWrapper, "execute", flaky)
    response = client.post(
        "/members/persons/add/",
        {"last_name": "Полузаписанный", "first_name": "Иван", "organization": college_org.pk},
    )
    assert response.status_code == 500
    assert "Ошибка на сервере" in response.content.decode()
    assert "изменения не сохранены" in response.content.decode()
    monkeypatch.setattr(CursorWrapper, "execute", real_execute)
    # The person row was inserted before the failure; the request's transaction rolled it back.
    assert not Person.objects.filter(last_name="Полузаписанный").exists()
    assert client.get("/members/persons/").status_code == 200
    assert client.get("/healthz").status_code == 200
