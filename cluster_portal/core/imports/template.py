"""The blank template of a kind, made to survive Excel and LibreOffice.

Code columns are formatted as text (so «15.02.32» stays a code), date columns as ДД.ММ.ГГГГ; choice,
yes/no and short reference columns offer a drop-down list (data validation, the lists on a hidden
sheet); selecting a cell shows its column's rule. The «Инструкция» sheet has every column's rule and
an example row. A column the user's identity fills (their college) is left out of their template.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from ..xlsx import put
from .cells import DATE_FORMAT, TEXT_FORMAT, Code, Date, YesNo
from .kinds import BoundColumn, ImportKind

DATA_SHEET, HELP_SHEET, LISTS_SHEET = "Данные", "Инструкция", "Списки"
PREPARED_ROWS = 1000  # rows with drop-down lists and rules below the header
HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def template_filename(kind: ImportKind) -> str:
    return f"Шаблон — {kind.label[:1].lower()}{kind.label[1:]}.xlsx"


def template_workbook(kind: ImportKind, user) -> Workbook:
    """The template of ``kind`` as ``user`` fills it in."""
    columns = kind.template_columns(user)
    workbook = Workbook()
    data = workbook.active
    data.title = DATA_SHEET
    lists = workbook.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    write_data_sheet(data, columns)
    for index, column in enumerate(columns, start=1):
        validate_column(data, lists, index, column, kind.choices_for(column, user))
    write_help_sheet(workbook.create_sheet(HELP_SHEET, 1), kind, columns)
    return workbook


def write_header(sheet, row: int, headers: Sequence[str]) -> None:
    for index, text in enumerate(headers, start=1):
        cell = sheet.cell(row=row, column=index, value=text)
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAP


def column_format(column: BoundColumn) -> str | None:
    if isinstance(column.cell, Code):
        return TEXT_FORMAT
    if isinstance(column.cell, Date):
        return DATE_FORMAT
    return None


def write_data_sheet(sheet, columns: Sequence[BoundColumn]) -> None:
    write_header(sheet, 1, [c.header for c in columns])
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        number_format = column_format(column)
        if number_format:
            # The column's own style: Excel and LibreOffice give it to every cell typed in the column
            # (no empty cells are written, so the sheet's rows still start at 2 for a program appending).
            sheet.column_dimensions[letter].number_format = number_format


def validate_column(sheet, lists, index: int, column: BoundColumn, choices: list[str] | None) -> None:
    """A drop-down list, or the date check, and the column's rule shown when a cell is selected."""
    letter = get_column_letter(index)
    if choices:
        validation = DataValidation(type="list", formula1=list_formula(lists, column, choices), allow_blank=True)
        strict = bool(column.cell.choices())  # a field's choices; a reference's list may be behind the portal
        validation.errorStyle = "stop" if strict else "warning"
        validation.error = "Выберите значение из списка." if strict else "Такого значения нет в списке портала."
        validation.showErrorMessage = True
    elif isinstance(column.cell, Date):
        validation = DataValidation(
            type="date", operator="between", formula1="DATE(1990,1,1)", formula2="DATE(2100,12,31)"
        )
        validation.errorStyle, validation.error = "warning", "Введите дату ДД.ММ.ГГГГ, например 01.09.2022."
        validation.showErrorMessage = True
    else:
        validation = DataValidation(allow_blank=True)  # any value: only the rule shown on selecting a cell
    validation.errorTitle = column.header[:32]
    validation.promptTitle = column.header[:32]
    validation.prompt = column_rule(column)[:255]
    validation.showInputMessage = True
    validation.add(f"{letter}2:{letter}{PREPARED_ROWS + 1}")
    sheet.add_data_validation(validation)


def list_formula(lists, column: BoundColumn, choices: list[str]) -> str:
    if isinstance(column.cell, YesNo):
        return '"да,нет"'
    index = lists.max_column + 1 if lists.max_row > 1 or lists.cell(1, 1).value else 1
    put(lists.cell(row=1, column=index), column.header)
    for row, text in enumerate(choices, start=2):
        put(lists.cell(row=row, column=index), text).number_format = TEXT_FORMAT
    letter = get_column_letter(index)
    return f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(choices) + 1}"


def column_rule(column: BoundColumn) -> str:
    parts = ["Обязательно." if column.required else "Можно оставить пустым.", column.cell.rule()]
    if column.help:
        parts.append(column.help)
    return " ".join(parts)


def example_value(column: BoundColumn):
    """The example as a person would type it: a date as a date cell, a number as a number."""
    text = column.example
    if not text and column.cell.choices():
        text = column.cell.choices()[0]
    if not text:
        return None
    if isinstance(column.cell, Date):
        return Date.from_text(text)
    if not isinstance(column.cell, Code) and text.isdigit() and len(text) <= 6:
        return int(text)
    return text


def write_help_sheet(sheet, kind: ImportKind, columns: Sequence[BoundColumn]) -> None:
    sheet["A1"] = f"Загрузка из Excel: {kind.label}"
    sheet["A1"].font = Font(bold=True, size=13)
    notes = [
        "Заполните лист «Данные»: одна строка — одна запись, заголовки столбцов не меняйте.",
        "Файл проверяется целиком: если хотя бы одна строка содержит ошибку, не сохраняется ни одна строка; "
        "портал покажет каждую ошибку и даст скачать файл с отмеченными ячейками.",
    ]
    if kind.natural_key_help:
        notes.append(kind.natural_key_help)
    for row, note in enumerate(notes, start=2):
        sheet.cell(row=row, column=1, value=note).alignment = Alignment(wrap_text=False)
    top = len(notes) + 3
    write_header(sheet, top, ["Столбец", "Обязательно", "Что вводить", "Пример"])
    for row, column in enumerate(columns, start=top + 1):
        example = example_value(column)
        values = [column.header, "да" if column.required else "нет", column_rule(column), example]
        for index, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=index, value=value)
            cell.alignment = WRAP
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
            elif index == 4 and isinstance(column.cell, Code):
                cell.number_format = TEXT_FORMAT
    example_top = top + len(columns) + 2
    sheet.cell(row=example_top, column=1, value="Пример строки листа «Данные»").font = BOLD
    write_header(sheet, example_top + 1, [c.header for c in columns])
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=example_top + 2, column=index, value=example_value(column))
        cell.number_format = column_format(column) or "General"
    for letter, width in zip("ABCD", (32, 12, 70, 28), strict=True):
        sheet.column_dimensions[letter].width = width
    # Printed, the rules fit the page's width.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
