"""The error workbook: the user's own file with each refused cell filled red and commented, and a column
«Ошибки» saying everything wrong with each row — to correct in place and upload again."""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterable

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill

from ..xlsx import put
from .cells import word
from .rows import RowError
from .saving import COLUMNS_JOINED

ERRORS_HEADER = "Ошибки"
BAD_FILL = PatternFill("solid", fgColor="FFC7CE")
BAD_FONT = Font(color="9C0006")
AUTHOR = "Портал кластера"
ERRORS_WIDTH = 70  # characters


def error_filename(filename: str) -> str:
    stem = filename[:-5] if filename.lower().endswith(".xlsx") else filename or "Загрузка"
    return f"{stem} — ошибки.xlsx"


def error_workbook(source, errors: Iterable[RowError], *, more: int = 0) -> bytes:
    """``source`` (the uploaded file) with ``errors`` marked; ``more``: errors beyond those listed."""
    workbook = load_workbook(source)
    sheet = workbook.worksheets[0]
    positions = header_positions(sheet)
    errors_column = positions.get(word(ERRORS_HEADER)) or sheet.max_column + 1
    header = sheet.cell(row=1, column=errors_column, value=ERRORS_HEADER)
    header.font, header.fill = Font(bold=True, color="9C0006"), BAD_FILL
    by_row: dict[int, list[RowError]] = defaultdict(list)
    for error in errors:
        by_row[max(error.row, 1)].append(error)
    for number, row_errors in by_row.items():
        mark_row(sheet, number, row_errors, positions, errors_column)
    if more:
        note = f"Показаны не все ошибки: ещё {more}. Исправьте отмеченные и загрузите файл снова."
        header.comment = comment(note)
    sheet.column_dimensions[header.column_letter].width = ERRORS_WIDTH
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def header_positions(sheet) -> dict[str, int]:
    return {word(cell.value): cell.column for cell in sheet[1] if cell.value is not None and str(cell.value).strip()}


def mark_row(sheet, number: int, errors: list[RowError], positions: dict[str, int], errors_column: int) -> None:
    lines = []
    for error in errors:
        lines.append(f"«{error.column}»: {error.message}" if error.column else error.message)
        for header in error.column.split(COLUMNS_JOINED) if error.column else ():
            position = positions.get(word(header))
            if position is not None and number > 1:
                mark_cell(sheet.cell(row=number, column=position), error.message)
    summary = sheet.cell(row=number, column=errors_column)
    put(summary, "\n".join(lines) if number > 1 else ERRORS_HEADER)
    summary.alignment = Alignment(wrap_text=True, vertical="top")
    if number > 1:
        summary.font = BAD_FONT
        # Tall enough for every message: spreadsheets do not grow a row for wrapped text they did not type.
        wrapped = sum(1 + len(line) // ERRORS_WIDTH for line in lines)
        sheet.row_dimensions[number].height = max(sheet.row_dimensions[number].height or 15, 15 * wrapped)
    else:
        summary.comment = comment("\n".join(lines))


def mark_cell(cell, message: str) -> None:
    font = cell.font
    cell.fill = BAD_FILL
    cell.font = Font(name=font.name, size=font.size, bold=font.bold, italic=font.italic, color=BAD_FONT.color)
    text = f"{cell.comment.text}\n{message}" if cell.comment else message
    cell.comment = comment(text)


def comment(text: str) -> Comment:
    note = Comment(text, AUTHOR)
    note.width, note.height = 320, 120
    return note
