import datetime as dt

import pytest

from events.periods import period_bounds


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("2022 г.", (dt.date(2022, 1, 1), dt.date(2022, 12, 31))),
        ("IV квартал 2022", (dt.date(2022, 10, 1), dt.date(2022, 12, 31))),
        ("3 кв. 2022", (dt.date(2022, 7, 1), dt.date(2022, 9, 30))),
        ("май 2022", (dt.date(2022, 5, 1), dt.date(2022, 5, 31))),
        ("апрель–май 2023", (dt.date(2023, 4, 1), dt.date(2023, 5, 31))),
        ("2021/2022 уч. г.", (dt.date(2021, 9, 1), dt.date(2022, 8, 31))),
        ("в течение года", None),
        ("2021/2023", None),
    ],
)
def test_period_bounds(text, bounds):
    assert period_bounds(text) == bounds
