import datetime as dt

import pytest

from cluster_portal.core.reporting import AcademicYear


def test_academic_year_parsing_and_bounds():
    year = AcademicYear.parse("2021-2022")
    assert year == AcademicYear.parse("2021/2022") == AcademicYear(2021)
    assert (year.label, year.slug, year.plan_year) == ("2021/2022", "2021-2022", 2022)
    assert (year.first_day, year.last_day) == (dt.date(2021, 9, 1), dt.date(2022, 8, 31))
    assert year.next().label == "2022/2023"


@pytest.mark.parametrize("text", ["2021", "2021-2023", "21-22", "abcd-efgh"])
def test_academic_year_refuses_bad_text(text):
    with pytest.raises(ValueError):
        AcademicYear.parse(text)


def test_current_academic_year_turns_on_the_first_of_september():
    assert AcademicYear.current(dt.date(2022, 8, 31)) == AcademicYear(2021)
    assert AcademicYear.current(dt.date(2022, 9, 1)) == AcademicYear(2022)
