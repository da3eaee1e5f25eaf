"""Fuzz of every import kind with malformed workbooks (hypothesis; bounded: a few examples per kind).

Whatever the file — headers shuffled, missing, repeated or unknown; cells of any type, formula text,
very long or empty; a broken archive or bytes that are no archive at all — the import answers with its
own Russian errors (never an exception), saves nothing on a dry run, and the error workbook it offers
is built from that file.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from cluster_portal.core.imports import run_import
from cluster_portal.core.imports.errorbook import error_workbook
from cluster_portal.core.imports.kinds import all_kinds
from cluster_portal.core.roles import Role

KINDS = [kind.key for kind in all_kinds()]
FUZZ = settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)

# Text openpyxl can store (no control characters but tab and newline), formula-like text included.
TEXT = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\t\n"), max_size=40),
    st.sampled_from(["=1+1", "+1", "-1", "@SUM(1)", '=HYPERLINK("http://x","y")', "да", "нет", "01.09.2022", " "]),
    st.just("Я" * 5000),
)
CELL = st.one_of(
    st.none(),
    TEXT,
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)),
    st.booleans(),
)


def _headers(kind):
    known = [column.header for column in kind.columns]
    return st.lists(st.one_of(st.sampled_from(known), TEXT, st.none()), max_size=len(known) + 3)


@st.composite
def workbooks(draw, kind) -> bytes:
    headers = draw(_headers(kind))
    rows = draw(st.lists(st.lists(CELL, max_size=len(headers) + 2), max_size=6))
    book = Workbook()
    sheet = book.active
    if draw(st.booleans()):
        sheet.title = draw(st.sampled_from(["Данные", "Лист1", "Справка"]))
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _check(kind_key: str, content: bytes, user) -> None:
    from cluster_portal.core.imports import get_kind

    kind = get_kind(kind_key)
    before = kind.model._default_manager.count()
    file = io.BytesIO(content)
    file.name = "Загрузка.xlsx"
    result = run_import(kind, file, user=user, dry_run=True)
    assert kind.model._default_manager.count() == before
    if result.errors and content.startswith(b"PK"):
        try:
            load_workbook(io.BytesIO(content))
        except Exception:
            return
        marked = error_workbook(io.BytesIO(content), result.errors)
        assert load_workbook(io.BytesIO(marked)).worksheets[0]["A1"] is not None


@pytest.mark.django_db
@pytest.mark.parametrize("kind_key", KINDS)
def test_malformed_workbooks_get_errors_not_exceptions(kind_key, users):
    @FUZZ
    @given(content=workbooks(next(k for k in all_kinds() if k.key == kind_key)), college=st.booleans())
    def run(content, college):
        user = users[Role.COLLEGE] if college and Role.COLLEGE in _adders(kind_key) else users[Role.COORDINATOR]
        _check(kind_key, content, user)

    run()


@pytest.mark.django_db
@pytest.mark.parametrize("kind_key", KINDS)
def test_files_that_are_no_workbook_are_refused_in_russian(kind_key, users):
    @FUZZ
    @given(content=st.one_of(st.binary(max_size=300), st.builds(lambda b: b"PK\x03\x04" + b, st.binary(max_size=300))))
    def run(content):
        from cluster_portal.core.imports import get_kind

        file = io.BytesIO(content)
        file.name = "Загрузка.xlsx"
        result = run_import(get_kind(kind_key), file, user=users[Role.COORDINATOR], dry_run=True)
        assert result.errors and any("Excel" in str(error) or "файл" in str(error).lower() for error in result.errors)

    run()


def _adders(kind_key: str):
    kind = next(k for k in all_kinds() if k.key == kind_key)
    return kind.model.access_policy.add_roles
