"""Periods as the seed writes them when it gives no date: «2022 г.», «IV квартал 2022», «2021/2022 уч. г.»."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from councils.deadlines import MONTH_STEMS, QUARTERS

_ACADEMIC = re.compile(r"(?<!\d)(\d{4})\s*[/–—-]\s*(\d{4})(?!\d)")
_QUARTER = re.compile(r"(?<![а-яёa-z])(iv|iii|ii|i|[1-4])\s*(?:-?й\s*)?кв(?:артал)?\.?\s*(\d{4})", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_WORD = re.compile(r"[а-яё]+", re.IGNORECASE)

PERIOD_HELP = "Например: «2022 г.», «IV квартал 2022», «май 2022», «апрель–май 2022», «2021/2022 уч. г.»"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _months(text: str) -> list[int]:
    found = []
    for word in _WORD.findall(text.lower()):
        number = next((n for stem, n in MONTH_STEMS if word.startswith(stem)), None)
        if number is not None and number not in found:
            found.append(number)
    return found


def _academic(text: str) -> tuple[dt.date, dt.date] | None:
    match = _ACADEMIC.search(text)
    if not match or int(match[2]) != int(match[1]) + 1:
        return None
    return dt.date(int(match[1]), 9, 1), dt.date(int(match[2]), 8, 31)


def _quarter(text: str) -> tuple[dt.date, dt.date] | None:
    match = _QUARTER.search(text)
    if not match:
        return None
    number, year = QUARTERS[match[1].lower()], int(match[2])
    return dt.date(year, number * 3 - 2, 1), _month_end(year, number * 3)


def _months_of_year(text: str) -> tuple[dt.date, dt.date] | None:
    years = _YEAR.findall(text)
    if len(years) != 1:
        return None
    year = int(years[0])
    months = _months(text)
    if not months:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return dt.date(year, min(months), 1), _month_end(year, max(months))


def period_bounds(text: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day a written period covers, or None when it names no year.

    «2021/2022 уч. г.» → 01.09.2021–31.08.2022; «IV квартал 2022» → 01.10.2022–31.12.2022;
    «апрель–май 2022» → 01.04.2022–31.05.2022; «2022 г.» → the calendar year.
    """
    text = " ".join((text or "").split())
    if not text:
        return None
    for parse in (_academic, _quarter, _months_of_year):
        bounds = parse(text)
        if bounds is not None:
            return bounds
    return None
