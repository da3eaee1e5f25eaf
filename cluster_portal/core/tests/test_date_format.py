"""Dates everywhere as ДД.ММ.ГГГГ, whichever way a template prints them."""

import datetime as dt

from django.template import Context, Template
from django.utils import timezone


def test_dates_print_as_day_month_year_with_four_digits():
    moment = timezone.make_aware(dt.datetime(2021, 10, 7, 14, 32))
    text = Template(
        "{{ day }} | {{ day|date }} | {{ moment|date:'DATETIME_FORMAT' }} | {{ day|date:'SHORT_DATE_FORMAT' }}"
    )
    rendered = text.render(Context({"day": dt.date(2021, 10, 7), "moment": moment}))
    assert rendered == "07.10.2021 | 07.10.2021 | 07.10.2021 14:32 | 07.10.2021"
