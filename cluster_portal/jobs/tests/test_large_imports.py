"""50,000 rows through ``manage.py import_xlsx``: progress printed to the end, nothing saved when one row is bad.

Marker ``large_import``: left out of ``make test`` (a few minutes on a busy machine), run by ``make test-large`` in CI.
"""

import io

import pytest
from django.core.management import CommandError, call_command

from members.models import Person

from .test_jobs import person_book

ROWS = 50_000


@pytest.fixture
def book_file(tmp_path):
    def write(*, bad_row=None):
        path = tmp_path / "persons.xlsx"
        path.write_bytes(person_book(ROWS, bad_row=bad_row, write_only=True).getvalue())
        return str(path)

    return write


@pytest.mark.large_import
@pytest.mark.django_db
def test_import_xlsx_of_50000_rows_prints_progress_and_saves_none_with_a_bad_row(book_file, employer_org):
    errors = io.StringIO()
    with pytest.raises(CommandError, match="ошибок 1, ничего не сохранено"):
        call_command("import_xlsx", "persons", book_file(bad_row=ROWS - 2), stdout=io.StringIO(), stderr=errors)
    lines = errors.getvalue().splitlines()
    assert lines[0].startswith("Обработано строк: ") and f"Обработано строк: {ROWS} из {ROWS}" in lines
    assert any(f"Строка {ROWS}" in line and "Нет такой организации" in line for line in lines)
    assert not Person.objects.filter(last_name__startswith="Фамилия").exists()
