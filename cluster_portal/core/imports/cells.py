"""How one cell is read: a value a person typed, read the way they meant it, or a Russian message.

Each cell type turns what Excel or LibreOffice stored (text, a number, a date, a boolean) into the
value of a model field, says what it expects (for messages and the «Инструкция» sheet), how its
column is formatted in a template, and how a value is shown in the preview.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from openpyxl.utils.datetime import from_excel

QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "'": '"', "ё": "е", "\u00a0": " "})
TEXT_FORMAT = "@"
DATE_FORMAT = "DD.MM.YYYY"


class CellError(Exception):
    """A cell that cannot be read as its column expects: the message says what is expected."""


def word(value) -> str:
    """A value as a person means it, for matching names and labels: case, spaces, «ё» and quotes ignored."""
    return words_of(str(value))


@lru_cache(maxsize=50_000)  # a name repeated down a file (a college, an employer) is put into words once
def words_of(text: str) -> str:
    return " ".join(text.casefold().translate(QUOTES).split())


def is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def plain_text(value) -> str:
    """A cell as text: whole numbers without «.0», dates as ДД.ММ.ГГГГ, booleans as да/нет."""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        value = value.date()
    if isinstance(value, dt.datetime):
        return f"{value:%d.%m.%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d.%m.%Y}"
    return str(value).strip()


class Cell:
    """Text (the default): numbers and dates are taken as the text they show."""

    expected = "текст"
    number_format = "General"
    example = ""

    def __init__(self, *, max_length: int | None = None, example: str = ""):
        self.max_length = max_length
        self.example = example or self.example

    def bind(self, field) -> Cell:
        """This cell with the limits of the model field it fills (a copy; the declaration is shared)."""
        if self.max_length is None and getattr(field, "max_length", None):
            bound = copy.copy(self)
            bound.max_length = field.max_length
            return bound
        return self

    def parse(self, value) -> tuple[object, str]:
        """(value, note): the note says how a value was re-read («read back from a date cell»)."""
        text = plain_text(value)
        self.check_length(text)
        return text, ""

    def check_length(self, text: str) -> None:
        if self.max_length and len(text) > self.max_length:
            raise CellError(f"слишком длинное значение: {len(text)} знаков, допускается не более {self.max_length}")

    def empty(self):
        return ""

    def display(self, value) -> str:
        return "" if value is None else plain_text(value)

    def choices(self) -> Sequence[str] | None:
        """The values a template offers in a drop-down list, if the column has a short list."""
        return None

    def rule(self) -> str:
        """The column's rule for the «Инструкция» sheet."""
        if self.max_length:
            return f"Текст, не более {self.max_length} знаков."
        return "Текст."


class Code(Cell):
    """A code, number or identifier kept as typed («15.02.32», «7017000000», «1.1»).

    A spreadsheet that was not told the column is text turns «15.02.32» into the date 15.02.1932 and
    «7017000000» into a number: both are read back. ``date_shape`` says how a date is written back
    (the code's own shape); ``digits`` are the lengths of an all-digit code, so that a leading zero a
    number lost is put back.
    """

    expected = "код"
    number_format = TEXT_FORMAT

    def __init__(self, *, date_shape: str = "{d:02}.{m:02}.{y:02}", digits: Iterable[int] = (), **kwargs):
        super().__init__(**kwargs)
        self.date_shape = date_shape
        self.digits = tuple(sorted(digits))

    def parse(self, value) -> tuple[object, str]:
        note = ""
        if isinstance(value, dt.datetime | dt.date):
            text = self.date_shape.format(d=value.day, m=value.month, y=value.year % 100, Y=value.year)
            note = f"ячейка была датой {value:%d.%m.%Y}: прочитано как код «{text}»"
        elif isinstance(value, int | float) and not isinstance(value, bool):
            text = plain_text(value)
            text, note = self.restore_zeros(text)
        else:
            text = " ".join(plain_text(value).split())
        self.check_length(text)
        return text, note

    def restore_zeros(self, text: str) -> tuple[str, str]:
        if not text.isdigit() or not self.digits or len(text) in self.digits:
            return text, ""
        longer = [n for n in self.digits if n > len(text)]
        if not longer:
            return text, ""
        restored = text.zfill(longer[0])
        return restored, f"ячейка была числом {text}: восстановлены ведущие нули — «{restored}»"

    def rule(self) -> str:
        return "Код, вводится как текст (столбец в шаблоне имеет текстовый формат)."


class Integer(Cell):
    """A whole number; «1 250», «2022,0» and numbers stored as text are read too."""

    expected = "целое число"

    def parse(self, value) -> tuple[object, str]:
        if isinstance(value, bool):
            raise CellError(f"ожидается {self.expected}")
        if isinstance(value, int):
            return value, ""
        if isinstance(value, float):
            if value.is_integer():
                return int(value), ""
            raise CellError(f"ожидается {self.expected}, без дробной части")
        text = "".join(plain_text(value).split()).replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise CellError(f"ожидается {self.expected}") from None
        if number != number.to_integral_value():
            raise CellError(f"ожидается {self.expected}, без дробной части")
        return int(number), ""

    def empty(self):
        return None

    def rule(self) -> str:
        return "Целое число."


class Number(Integer):
    """A decimal number; a comma or a point separates the fraction."""

    expected = "число"

    def parse(self, value) -> tuple[object, str]:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return Decimal(str(value)), ""
        text = "".join(plain_text(value).split()).replace(",", ".")
        try:
            return Decimal(text), ""
        except InvalidOperation:
            raise CellError(f"ожидается {self.expected}, например 12,5") from None

    def display(self, value) -> str:
        return "" if value is None else str(value).replace(".", ",")

    def rule(self) -> str:
        return "Число (дробная часть — через запятую)."


_DATE_TEXT = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")


class Date(Cell):
    """A date: a date cell, or text ДД.ММ.ГГГГ (also Д.М.ГГ and ГГГГ-ММ-ДД)."""

    expected = "дата ДД.ММ.ГГГГ"
    number_format = DATE_FORMAT
    example = "01.09.2022"

    def parse(self, value) -> tuple[object, str]:
        if isinstance(value, dt.datetime):
            return value.date(), ""
        if isinstance(value, dt.date):
            return value, ""
        if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
            return from_excel(value).date(), f"ячейка была числом {plain_text(value)}: прочитано как дата"
        text = plain_text(value)
        day = self.from_text(text)
        if day is None:
            raise CellError(f"не дата; ожидается {self.expected}, например {self.example}")
        return day, ""

    @staticmethod
    def from_text(text: str) -> dt.date | None:
        match = _DATE_TEXT.match(text)
        if match:
            d, m, y = (int(part) for part in match.groups())
            y = y + (2000 if y < 30 else 1900) if y < 100 else y
        else:
            match = _ISO_DATE.match(text)
            if not match:
                return None
            y, m, d = (int(part) for part in match.groups())
        try:
            return dt.date(y, m, d)
        except ValueError:
            return None

    def empty(self):
        return None

    def display(self, value) -> str:
        return f"{value:%d.%m.%Y}" if value else ""

    def rule(self) -> str:
        return "Дата ДД.ММ.ГГГГ, например 01.09.2022."


YES = frozenset({"да", "д", "1", "+", "true", "истина", "yes"})
NO = frozenset({"нет", "н", "0", "-", "−", "–", "false", "ложь", "no"})


class YesNo(Cell):
    """да/нет; also 1/0, +/−, true/false (a spreadsheet's TRUE/FALSE, ИСТИНА/ЛОЖЬ) in any case; empty is «нет»."""

    expected = "да или нет"
    example = "да"

    def parse(self, value) -> tuple[object, str]:
        if isinstance(value, bool):
            return value, ""
        key = word(plain_text(value))
        if key in YES:
            return True, ""
        if key in NO:
            return False, ""
        raise CellError("ожидается «да» или «нет» (допустимо также 1/0, +/−, true/false)")

    def empty(self):
        return False

    def display(self, value) -> str:
        return "да" if value else "нет"

    def choices(self) -> Sequence[str]:
        return ("да", "нет")

    def rule(self) -> str:
        return "да или нет (также 1/0, +/−). Пусто — нет."


class Choice(Cell):
    """One of a field's choices, by its Russian label (as exported) or its code, in any case."""

    expected = "значение из списка"

    def __init__(self, choices=None, **kwargs):
        super().__init__(**kwargs)
        self.options: list[tuple[object, str]] = []
        self.by_word: dict[str, object] = {}
        if choices:
            self.set_choices(choices)

    def set_choices(self, choices) -> None:
        self.options = [(value, str(label)) for value, label in choices if value not in ("", None)]
        self.by_word = {}
        for value, label in self.options:
            self.by_word[word(value)] = value
            self.by_word[word(label)] = value
            # «Специалисты среднего звена (ППССЗ)»: the words before the brackets and the abbreviation too.
            short = re.match(r"^(.*?)\s*\(([^()]+)\)$", label)
            if short:
                self.by_word.setdefault(word(short[1]), value)
                self.by_word.setdefault(word(short[2]), value)
        self.example = self.example or self.options[0][1]

    def bind(self, field) -> Cell:
        bound = super().bind(field)
        if not self.options and getattr(field, "choices", None):
            bound = copy.copy(self)
            bound.set_choices(field.choices)
        return bound

    def parse(self, value) -> tuple[object, str]:
        found = self.by_word.get(word(plain_text(value)), None)
        if found is None:
            raise CellError(f"нет такого значения; допустимо: {'; '.join(self.choices())}")
        return found, ""

    def display(self, value) -> str:
        return dict(self.options).get(value, "" if value is None else str(value))

    def choices(self) -> Sequence[str]:
        return [label for _value, label in self.options]

    def empty(self):
        return ""

    def rule(self) -> str:
        return "Одно из: " + "; ".join(self.choices()) + "."


class Name(Cell):
    """A reference written as a name or code, as the portal shows it; resolved in bulk by a ``Reference``."""

    expected = "наименование, как в портале"

    def parse(self, value) -> tuple[object, str]:
        text = " ".join(plain_text(value).split())
        return text, ""

    def rule(self) -> str:
        return "Как в портале (регистр, кавычки и лишние пробелы не важны)."


class Names(Name):
    """Several references separated by «;» (or new lines)."""

    def parse(self, value) -> tuple[object, str]:
        parts = re.split(r"[;\n]", plain_text(value))
        return [" ".join(p.split()) for p in parts if p.strip()], ""

    def empty(self):
        return []

    def display(self, value) -> str:
        return "; ".join(value or ())

    def rule(self) -> str:
        return "Несколько значений через «;», как в портале."


class Shown(Cell):
    """A column exports show and imports do not read (a name looked up by code, a status the portal sets)."""

    expected = "не заполняется"

    def rule(self) -> str:
        return "Только для чтения: при загрузке не учитывается."
