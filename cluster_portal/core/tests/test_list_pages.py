"""Every list page of the demo data, printed by the portal's printers and by the libraries' templates.

The table rows (``{% table_rows %}``), the filter form (``{% filter_fields %}``) and the widgets
(``PortalFormRenderer``) are printed in Python for speed; here each list page, and the form its
«Добавить» button opens, is printed both ways and compared. The demo data is loaded once for the
module (it takes seconds) and rolled back after it.
"""

import io
import re
from unittest import mock

import django_tables2 as tables
import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from cluster_portal.core.templatetags.portal_forms import filter_fields
from cluster_portal.core.testing.html import crispy_normalized, squeezed
from cluster_portal.core.testing.pages import list_page_urls

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", force=True, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def coordinator(demo_data, db, client):
    client.force_login(get_user_model().objects.get(username="coordinator"))
    return client


def _pages(client):
    """(url, response) of every list page the coordinator opens."""
    for url in list_page_urls():
        response = client.get(url)
        if response.status_code == 200:
            yield url, response


def test_every_list_page_prints_the_rows_django_tables2_prints(coordinator):
    compared = []
    pattern = re.compile(r"<tbody.*?</tbody>", re.S)
    for url, ours in _pages(coordinator):
        with mock.patch.object(tables.Table, "template_name", new_callable=mock.PropertyMock) as template_name:
            template_name.return_value = "django_tables2/bootstrap5.html"
            theirs = coordinator.get(url)
        ours_body = [squeezed(body) for body in pattern.findall(ours.content.decode())]
        theirs_body = [squeezed(body) for body in pattern.findall(theirs.content.decode())]
        assert ours_body == theirs_body, url
        if ours_body and "<td" in ours_body[0]:
            compared.append(url)
    assert len(compared) >= 25, compared


def test_every_filter_form_prints_what_crispy_prints(coordinator):
    compared = 0
    for url, response in _pages(coordinator):
        if not response.context.get("filter"):
            continue
        form = response.context["filter"].form
        assert crispy_normalized(filter_fields(form), form) == crispy_normalized(as_crispy_form(form), form), url
        compared += 1
    assert compared >= 25


def test_every_list_and_add_form_prints_the_widgets_django_prints(coordinator):
    urls = []
    for url, response in _pages(coordinator):
        urls.append(url)
        if response.context.get("add_url"):
            urls.append(response.context["add_url"])
    compared = []
    for url in urls:
        ours = coordinator.get(url)
        with override_settings(FORM_RENDERER="django.forms.renderers.DjangoTemplates"):
            theirs = coordinator.get(url)
        assert ours.status_code == theirs.status_code == 200, url
        assert CSRF.sub("", ours.content.decode()) == CSRF.sub("", theirs.content.decode()), url
        if "<option" in ours.content.decode():
            compared.append(url)
    assert len(compared) >= 40, compared


def test_every_list_page_reads_its_rows_in_the_same_queries_for_two_rows_as_for_fifty(coordinator):
    """No query per row: a cell reading a relation the page did not fetch (``list_select_related``) shows here."""
    compared = []
    for url, response in _pages(coordinator):
        table = response.context.get("table")
        if table is None or len(table.page.object_list) <= 2:
            continue
        separator = "&" if "?" in url else "?"
        with CaptureQueriesContext(connection) as fifty:
            coordinator.get(url)
        with CaptureQueriesContext(connection) as two:
            coordinator.get(f"{url}{separator}per_page=2")
        assert len(fifty.captured_queries) == len(two.captured_queries), url
        compared.append(url)
    assert len(compared) >= 20, compared
