import datetime as dt

import pytest

from councils.deadlines import academic_year_of, due_date_from_text, months_of_period


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Январь 2022", dt.date(2022, 1, 31)),
        ("Июнь 2022", dt.date(2022, 6, 30)),
        ("IV квартал 2022", dt.date(2022, 12, 31)),
        ("III квартал 2022", dt.date(2022, 9, 30)),
        ("Декабрь 2022", dt.date(2022, 12, 31)),
        ("до 01.12.2022", dt.date(2022, 12, 1)),
        ("не позднее 15.03.23", dt.date(2023, 3, 15)),
        ("февраль", dt.date(2022, 2, 28)),
        ("В течение года", None),
        ("Не реже 1 раза в квартал", None),
        ("Размещение новостей не позднее 3-х рабочих дней", None),
        ("В соответствии с планом реализации проекта", None),
        ("", None),
    ],
)
def test_due_date_of_a_plan_year(text, expected):
    assert due_date_from_text(text, year=2022) == expected


def test_months_of_an_academic_year_fall_in_the_right_calendar_year():
    assert due_date_from_text("ноябрь", academic_year=2022) == dt.date(2022, 11, 30)
    assert due_date_from_text("апрель-май", academic_year=2022) == dt.date(2023, 5, 31)
    assert due_date_from_text("IV квартал", academic_year=2022) == dt.date(2022, 12, 31)
    assert due_date_from_text("I квартал", academic_year=2022) == dt.date(2023, 3, 31)


def test_months_of_a_period():
    assert months_of_period("ноябрь", academic_year=2022) == [(2022, 11)]
    assert months_of_period("апрель-май", academic_year=2022) == [(2023, 4), (2023, 5)]
    assert months_of_period("апрель–май", academic_year=2022) == [(2023, 4), (2023, 5)]
    assert months_of_period("IV квартал", academic_year=2022) == [(2022, 10), (2022, 11), (2022, 12)]
    assert months_of_period("ноябрь-февраль", academic_year=2022) == [(2022, 11), (2022, 12), (2023, 1), (2023, 2)]
    assert months_of_period("когда-нибудь", academic_year=2022) == []


def test_academic_year_of():
    assert academic_year_of(dt.date(2021, 10, 7)) == 2021
    assert academic_year_of(dt.date(2022, 6, 30)) == 2021
    assert academic_year_of(dt.date(2022, 9, 1)) == 2022
