"""Formula injection: every export of every list, with hostile text in every text field, has no formula cell.

The demo data is loaded once for the module; then every free-text field of every model of the portal is
overwritten with one of the payloads (cycled over rows and fields, so each column carries several), and each
exporting URL is downloaded as the first demo user it opens for and read back with openpyxl.
"""

import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import DataError, IntegrityError, models, transaction
from django.db.models.functions import Cast, Concat, Mod, Substr
from django.urls import resolve
from openpyxl import Workbook, load_workbook

from cluster_portal.core.imports.errorbook import error_workbook
from cluster_portal.core.imports.rows import RowError
from cluster_portal.core.testing.demo import demo_loaded
from cluster_portal.core.testing.pages import list_page_urls
from cluster_portal.core.xlsx import XLSX_CONTENT_TYPE, put

PAYLOADS = ("=1+1", "+1", "-1", "@SUM(1)", '=HYPERLINK("http://x","y")')
APPS = ("core", "members", "councils", "programs", "expertise", "practice", "events", "reports")
USERS = ("coordinator", "college", "secretary", "expert", "employer", "observer", "college2", "expert2")


def _exports_of_lists() -> list[str]:
    urls = []
    for url in list_page_urls():
        view_class = getattr(resolve(url).func, "view_class", None)
        if getattr(view_class, "export_columns", ()):
            urls.append(f"{url}?export=xlsx")
    return urls


def _other_exports() -> list[str]:
    """Exports of pages that are not plain lists; ``{session}`` and the like are filled from the data."""
    return [
        "/programs/targets/summary/?year={year}&export=xlsx",
        "/expertise/{session}/results/?export=xlsx",
        "/expertise/programs/{session_program}/?export=xlsx",
        "/councils/plans/items/?plan={plan}&export=xlsx",
        "/councils/plans/{plan}/execution/?export=xlsx",
        "job:/practice/analytics/export/",  # a button that starts a job writing the workbook
        "/reports/annual/{year}-{next_year}/xlsx/",
    ]


EXPORT_URLS = _exports_of_lists() + _other_exports()


def _text_fields(model):
    for field in model._meta.concrete_fields:
        if (
            isinstance(field, (models.CharField, models.TextField))
            and not field.choices
            and not field.primary_key
            and field.name not in {"password", "username"}
        ):
            yield field


def _poison(model, field, offset: int) -> None:
    """Every row's ``field`` becomes a payload followed by the row's key (unique fields stay unique)."""
    for index, payload in enumerate(PAYLOADS):
        value = Concat(models.Value(f"{payload} "), Cast("pk", models.CharField()))
        if field.max_length:
            value = Substr(value, 1, field.max_length)
        rows = model._default_manager.annotate(_slot=Mod(Cast("pk", models.IntegerField()), len(PAYLOADS)))
        try:
            with transaction.atomic():
                rows.filter(_slot=(index + offset) % len(PAYLOADS)).update(**{field.name: value})
        except (IntegrityError, DataError):
            pass  # a field a check constraint keeps to a form (an INN): hostile text cannot be stored there


def _poison_everything() -> None:
    offset = 0
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.proxy or model._meta.managed is False:
                continue
            if not isinstance(model._meta.pk, (models.AutoField, models.BigAutoField)):
                continue
            for field in _text_fields(model):
                _poison(model, field, offset)
                offset += 1


@pytest.fixture(scope="module")
def poisoned(django_db_setup, django_db_blocker):
    with demo_loaded(django_db_blocker):
        _poison_everything()
        yield


def _filled(url: str) -> str:
    from councils.models import WorkPlan
    from expertise.models import ExpertSession, SessionProgram

    values = {
        "year": "2021",
        "next_year": "2022",
        "session": ExpertSession.objects.order_by("pk").values_list("pk", flat=True).first(),
        "session_program": SessionProgram.objects.filter(reviews__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first(),
        "plan": WorkPlan.objects.order_by("pk").values_list("pk", flat=True).first(),
    }
    return url.format(**values)


def _job_file(client, url: str):
    """POST a button that starts a file job, run the job as a worker would: the download's response (or the refusal)."""
    from cluster_portal.jobs.testing import job_started_by, run_to_download

    response = client.post(url)
    if response.status_code != 302 or "/jobs/" not in response["Location"]:
        return response
    return run_to_download(client, job_started_by(response))


def _download(client, url):
    """The workbook of ``url`` (``job:…``, a button that starts a job) as the first demo user it opens for."""
    for username in USERS:
        client.force_login(get_user_model().objects.get(username=username))
        response = _job_file(client, url.removeprefix("job:")) if url.startswith("job:") else client.get(url)
        if response.status_code == 200 and response["Content-Type"] == XLSX_CONTENT_TYPE:
            return load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    pytest.fail(f"{url}: no demo user downloads it")


@pytest.mark.parametrize("url", EXPORT_URLS)
def test_no_export_carries_a_formula_from_user_text(poisoned, db, client, url):
    workbook = _download(client, _filled(url))
    formulas = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas.append(f"{sheet.title}!{cell.coordinate}: {cell.value}")
                elif isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    assert cell.quotePrefix, f"{sheet.title}!{cell.coordinate}"
    assert formulas == []


def test_every_payload_reaches_an_export(poisoned, db, client):
    """The test above bites: the payloads do reach the exported cells (as text)."""
    seen = set()
    for url in ("/practice/students/?export=xlsx", "/members/persons/?export=xlsx", "/councils/meetings/?export=xlsx"):
        workbook = _download(client, _filled(url))
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                seen.update(p for value in row for p in PAYLOADS if isinstance(value, str) and value.startswith(p))
    assert seen == set(PAYLOADS)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_error_workbook_writes_its_messages_as_text(payload):
    """A file-level message (no column) that starts with the user's own value stays text."""
    book = Workbook()
    book.active.append(["Название"])
    book.active.append(["ООО «Завод»"])
    source = io.BytesIO()
    book.save(source)
    source.seek(0)
    sheet = load_workbook(io.BytesIO(error_workbook(source, [RowError(2, "", payload)]))).active
    assert sheet["B2"].value == payload
    assert sheet["B2"].data_type == "s" and sheet["B2"].quotePrefix


@pytest.mark.parametrize("payload", PAYLOADS)
def test_put_keeps_hostile_text_a_string_in_an_ordinary_workbook(payload):
    book = Workbook()
    cell = put(book.active["A1"], payload)
    saved = io.BytesIO()
    book.save(saved)
    cell = load_workbook(io.BytesIO(saved.getvalue())).active["A1"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (payload, "s", True)
