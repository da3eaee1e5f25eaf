"""Deadlines and periods as people write them: «IV квартал 2022», «апрель-май», «до 01.12.2022»."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from cluster_portal.core.reporting import AcademicYear

MONTH_STEMS = (
    ("янв", 1),
    ("фев", 2),
    ("мар", 3),
    ("апр", 4),
    ("май", 5),
    ("мая", 5),
    ("мае", 5),
    ("июн", 6),
    ("июл", 7),
    ("авг", 8),
    ("сен", 9),
    ("окт", 10),
    ("ноя", 11),
    ("дек", 12),
)
QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
MONTH_NAMES = [
    "",
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
]

_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?!\d)")
_QUARTER = re.compile(r"\b(iv|iii|ii|i|[1-4])\s*(?:-?й\s*)?кв(?:артал)?\.?(?:\s*(\d{4}))?", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_WORD = re.compile(r"[а-яё]+", re.IGNORECASE)


def academic_year_of(date: dt.date) -> int:
    """The first year of the academic year (1 September – 31 August) a date falls in."""
    return AcademicYear.current(date).start


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _months(text: str) -> list[int]:
    found = []
    for word in _WORD.findall(text.lower()):
        for stem, number in MONTH_STEMS:
            if word.startswith(stem) and number not in found:
                found.append(number)
                break
    return found


def _year_for_month(month: int, *, year: int | None, academic_year: int | None) -> int | None:
    if year is not None:
        return year
    if academic_year is not None:
        return academic_year if month >= 9 else academic_year + 1
    return None


def due_date_from_text(text: str, *, year: int | None = None, academic_year: int | None = None) -> dt.date | None:
    """The last day a written deadline allows, or None when the text names no date.

    «до 01.12.2022» → 01.12.2022; «IV квартал 2022» → 31.12.2022; «Июнь 2022» → 30.06.2022;
    «апрель-май» of 2022/2023 → 31.05.2023. ``year`` is the calendar year the text speaks of
    when it names none (a work plan's year); ``academic_year`` does the same for meetings.
    """
    text = (text or "").strip()
    if not text:
        return None
    dates = []
    for day, month, yr in _DATE.findall(text):
        full_year = int(yr) + 2000 if len(yr) == 2 else int(yr)
        try:
            dates.append(dt.date(full_year, int(month), int(day)))
        except ValueError:
            continue
    if dates:
        return max(dates)
    explicit = [int(y) for y in _YEAR.findall(text)]
    quarter = _QUARTER.search(text)
    if quarter:
        number = QUARTERS[quarter.group(1).lower()]
        qyear = int(quarter.group(2)) if quarter.group(2) else (explicit[-1] if explicit else year)
        if qyear is None and academic_year is not None:
            qyear = academic_year if number == 4 else academic_year + 1
        return _month_end(qyear, number * 3) if qyear else None
    months = _months(text)
    if months:
        month = months[-1]
        myear = _year_for_month(month, year=explicit[-1] if explicit else year, academic_year=academic_year)
        return _month_end(myear, month) if myear else None
    return None


def months_of_period(text: str, *, academic_year: int) -> list[tuple[int, int]]:
    """(year, month) pairs a planned period of an academic year covers: «апрель-май» → April, May."""
    text = (text or "").strip().lower()
    quarter = _QUARTER.search(text)
    if quarter:
        number = QUARTERS[quarter.group(1).lower()]
        year = academic_year if number == 4 else academic_year + 1
        return [(year, m) for m in range(number * 3 - 2, number * 3 + 1)]
    months = _months(text)
    if len(months) == 2 and re.search(r"[-–—]", text):
        first, last = months
        span = []
        month = first
        while True:
            span.append(month)
            if month == last or len(span) > 12:
                break
            month = month % 12 + 1
        months = span
    return [(_year_for_month(m, year=None, academic_year=academic_year), m) for m in months]
