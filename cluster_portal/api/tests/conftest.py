"""Fixtures of the API tests: personal tokens and clients that send them."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from cluster_portal.api import services
from cluster_portal.core.roles import Role


@pytest.fixture
def make_token(users):
    """``make_token(role_or_user, scope="read", days=30)``: a token's text."""

    def make(who, scope="read", days=30):
        user = users[who] if isinstance(who, str) else who
        _token, raw = services.token_create(
            user=user, name="Тест", scope=scope, expires_on=timezone.localdate() + dt.timedelta(days=days)
        )
        return raw

    return make


@pytest.fixture
def token_client():
    """``token_client(raw)``: a client without a session sending ``Authorization: Bearer <raw>``."""

    def make(raw):
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    return make


@pytest.fixture
def college_client(make_token, token_client):
    return token_client(make_token(Role.COLLEGE, scope="write"))
