"""Excel workbooks: one column declaration serves export, import and the blank template."""

from __future__ import annotations

import datetime as dt
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Model
from django.http import FileResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ZIP_ENTRIES = 2000
MAX_ZIP_RATIO = 200
MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024


class WorkbookRefused(Exception):
    """An uploaded workbook that is not read at all (not xlsx, too big, a zip bomb)."""


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its Russian header, the form field it feeds and how to export it."""

    header: str
    field: str
    getter: Callable[[Model], object] | None = None
    width: int = 22
    help: str = ""
    # Import: how a cell is read (``imports.cells``; inferred from the model field when None), whether
    # it must be filled (inferred likewise), an example value, and a value the importing user's
    # identity gives (their college), which leaves the column out of their template.
    cell: object = None
    required: bool | None = None
    example: str = ""
    preset: Callable[[object], str | None] | None = None

    def value(self, obj) -> object:
        if self.getter is not None:
            return self.getter(obj)
        value = obj
        for part in self.field.split("__"):
            value = getattr(value, part, None)
            if value is None:
                return None
        return value


def cell_value(value):
    """A Python value as openpyxl can store it."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, (int, float, Decimal, dt.date)):
        return value
    if isinstance(value, Model):
        return str(value)
    if hasattr(value, "all") and callable(value.all):  # a related manager
        return "; ".join(str(v) for v in value.all())
    return str(value)


# A text starting with one of these is a formula (or becomes one when edited) in Excel and LibreOffice.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def put(cell, value):
    """Give ``cell`` ``value`` as the portal writes every cell: text is text, never a formula.

    The one writer of every export, report workbook, template list and error workbook: a text that
    starts with ``=``, ``+``, ``-``, ``@``, tab or CR is stored as a string with the quote prefix
    (what typing an apostrophe before it does), so a name like ``=HYPERLINK(…)`` stays a name.
    """
    value = cell_value(value)
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        cell.data_type = "s"
        cell.quotePrefix = True
    elif isinstance(value, (dt.date, dt.datetime)):
        cell.number_format = "DD.MM.YYYY HH:MM" if isinstance(value, dt.datetime) else "DD.MM.YYYY"
    return cell


def row_value(sheet, value):
    """A value for ``sheet.append`` of a write-only sheet: plain where openpyxl stores it as it is."""
    value = cell_value(value)
    if value is None or isinstance(value, (int, float, Decimal)):
        return value
    if isinstance(value, str) and not value.startswith(FORMULA_PREFIXES):
        return value
    return put(WriteOnlyCell(sheet), value)


def _header_row(sheet, columns: Sequence[Column]):
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F3")
    row = []
    for col in columns:
        cell = put(WriteOnlyCell(sheet), col.header)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        row.append(cell)
    return row


def sheet_title(title: str) -> str:
    """A title Excel accepts: no []:*?/\\ and at most 31 characters."""
    cleaned = "".join("-" if ch in "[]:*?/\\" else ch for ch in title).strip("'") or "Лист"
    return cleaned[:31]


def write_sheet(workbook: Workbook, title: str, columns: Sequence[Column], rows: Iterable) -> None:
    """Append a sheet to a write-only workbook; ``rows`` are objects or ready value tuples."""
    sheet = workbook.create_sheet(title=sheet_title(title))
    for index, col in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = col.width
    sheet.freeze_panes = "A2"
    sheet.append(_header_row(sheet, columns))
    for row in rows:
        values = row if isinstance(row, (tuple, list)) else [col.value(row) for col in columns]
        sheet.append([row_value(sheet, value) for value in values])


def workbook_file(sheets: Iterable[tuple[str, Sequence[Column], Iterable]]):
    """A temporary file holding the workbook of ``sheets``, built in write-only mode (memory flat in the rows)."""
    workbook = Workbook(write_only=True)
    for title, columns, rows in sheets:
        write_sheet(workbook, title, columns, rows)
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - the caller closes it (FileResponse after streaming)
    workbook.save(spool)
    spool.seek(0)
    return spool


def workbook_response(sheets: Iterable[tuple[str, Sequence[Column], Iterable]], filename: str) -> FileResponse:
    """Stream a workbook built in write-only mode, so memory stays flat in the number of rows."""
    spool = workbook_file(sheets)
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)


def export_filename(stem: str) -> str:
    return f"{stem}-{timezone.localdate():%Y-%m-%d}.xlsx"


def check_archive(file) -> None:
    """Refuse what is not an xlsx archive, or one that would unpack to too much (zip bomb)."""
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
    file.seek(0)
    if size > settings.PORTAL_IMPORT_MAX_BYTES:
        raise WorkbookRefused(
            f"Файл слишком большой: {size / 1048576:.1f} МБ, допускается не более "
            f"{settings.PORTAL_IMPORT_MAX_BYTES / 1048576:.0f} МБ."
        )
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise WorkbookRefused("Файл не является книгой Excel (.xlsx).") from exc
    finally:
        file.seek(0)
    if len(entries) > MAX_ZIP_ENTRIES:
        raise WorkbookRefused("Книга Excel содержит слишком много частей.")
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNCOMPRESSED_BYTES or total > MAX_ZIP_RATIO * max(size, 1):
        raise WorkbookRefused("Книга Excel распаковывается в недопустимо большой объём.")
    if not any(entry.filename == "xl/workbook.xml" for entry in entries):
        raise WorkbookRefused("Файл не является книгой Excel (.xlsx).")


def read_sheet(file) -> tuple[list[str], list[tuple[int, tuple]]]:
    """The first sheet's header and its non-empty rows as (row number, values).

    The archive is checked first. The cells are read by calamine (python-calamine), which reads a
    sheet about fifteen times faster than openpyxl's read-only mode and gives the same kinds of
    values (text, numbers, booleans, dates as ``date``/``datetime``); an empty cell comes back as
    ``None``, as from openpyxl.
    """
    check_archive(file)
    file.seek(0)
    try:
        sheet = CalamineWorkbook.from_filelike(file).get_sheet_by_index(0)
        # Row by row where the sheet starts at A1 (as every template does): the rows are kept as tuples
        # only, not as the whole sheet's lists besides them (50,000 objects for the collector to walk).
        table = iter(sheet.iter_rows() if sheet.start == (0, 0) else sheet.to_python(skip_empty_area=False))
        first = next(table, None)
        if first is None:
            return [], []
        names = [str(h).strip() if h not in (None, "") else "" for h in first]
        return names, [
            (number, tuple(None if v == "" else v for v in values))
            for number, values in enumerate(table, start=2)
            if any(not (v is None or (isinstance(v, str) and not v.strip())) for v in values)
        ]
    except Exception as exc:  # calamine raises its own kinds on a broken or malformed file
        raise WorkbookRefused("Не удалось прочитать книгу Excel: файл повреждён.") from exc
