"""Workbooks for import tests: a header row and data rows, as a user's upload."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook


def workbook(columns: Sequence, rows: Iterable[Sequence], *, name: str = "data.xlsx") -> io.BytesIO:
    """An .xlsx upload: ``columns`` (an import's ``Column``s or header strings) over ``rows`` of values."""
    book = Workbook()
    sheet = book.active
    sheet.append([getattr(column, "header", column) for column in columns])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return buffer
