"""The demo's data for the page checks: loaded once per test (the checks each run in one test)."""

import io

import pytest


@pytest.fixture
def demo(db):
    from django.core.management import call_command

    call_command("seed_demo", force=True, stdout=io.StringIO())


def clients():
    """(who, test client) for anonymous visitors and each demo user, logged in."""
    from django.test import Client

    from members.models import User

    from .crawl import DEMO_USERS, PUBLIC_START

    yield "аноним", Client(), PUBLIC_START
    for username in DEMO_USERS:
        client = Client()
        client.force_login(User.objects.get(username=username))
        yield username, client, ("/",)
