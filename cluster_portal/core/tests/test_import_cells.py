"""How cells are read: codes back from date cells, strict yes/no, numbers as text and text as numbers."""

import datetime as dt
from decimal import Decimal

import pytest

from cluster_portal.core.imports.cells import Cell, CellError, Choice, Code, Date, Integer, Number, YesNo, word


def test_a_code_that_a_spreadsheet_made_a_date_is_read_back_and_said_so():
    value, note = Code().parse(dt.datetime(1932, 2, 15))
    assert value == "15.02.32" and "15.02.1932" in note and "«15.02.32»" in note
    assert Code().parse(dt.datetime(2007, 2, 9))[0] == "09.02.07"
    assert Code(date_shape="{d}.{m}").parse(dt.datetime(2026, 10, 2))[0] == "2.10"  # a plan item «2.10»
    assert Code().parse("15.02.32") == ("15.02.32", "")


def test_a_code_typed_as_a_number_keeps_its_digits_and_lost_leading_zeros_come_back():
    assert Code().parse(7017000000.0) == ("7017000000", "")
    value, note = Code(digits=(10, 12)).parse(107000000)
    assert value == "0107000000" and "ведущие нули" in note
    assert Code(digits=(10, 12)).parse(70170000001)[0] == "070170000001"


@pytest.mark.parametrize("typed", ["да", "ДА", "Да", "1", 1, "+", "true", "TRUE", True, "истина"])
def test_yes_words(typed):
    assert YesNo().parse(typed)[0] is True


@pytest.mark.parametrize("typed", ["нет", "НЕТ", "0", 0, "-", "−", "false", "False", False, "ложь"])
def test_no_words(typed):
    assert YesNo().parse(typed)[0] is False


@pytest.mark.parametrize("typed", ["возможно", "ага", "yes please", "2", "да нет"])
def test_anything_else_is_not_a_yes_or_no(typed):
    with pytest.raises(CellError, match="ожидается «да» или «нет»"):
        YesNo().parse(typed)


def test_numbers_stored_as_text_and_text_stored_as_numbers():
    assert Integer().parse("2 022")[0] == 2022
    assert Integer().parse("2022,0")[0] == 2022
    assert Integer().parse(2022.0)[0] == 2022
    assert Integer().parse("\u00a0125 ")[0] == 125
    with pytest.raises(CellError, match="без дробной части"):
        Integer().parse("12,5")
    with pytest.raises(CellError, match="целое число"):
        Integer().parse("двадцать")
    assert Number().parse("12,5")[0] == Decimal("12.5")
    assert Cell().parse(531.0)[0] == "531"  # a group «531» typed into a General column
    assert Cell().parse(dt.datetime(2022, 6, 1))[0] == "01.06.2022"


def test_dates_from_cells_text_and_serial_numbers():
    assert Date().parse(dt.datetime(2027, 6, 1))[0] == dt.date(2027, 6, 1)
    for typed in ("01.06.2027", "1.6.2027", "01.06.27", "2027-06-01", "01/06/2027"):
        assert Date().parse(typed)[0] == dt.date(2027, 6, 1), typed
    assert Date().parse(46539)[0] == dt.date(2027, 6, 1)  # a date column formatted as a number
    assert Date().display(dt.date(2027, 6, 1)) == "01.06.2027"
    with pytest.raises(CellError, match=r"ожидается дата ДД\.ММ\.ГГГГ"):
        Date().parse("31.02.2022")


def test_choices_by_label_or_code_in_any_case():
    cell = Choice([("full_time", "Очная"), ("part_time", "Очно-заочная")])
    assert cell.parse("ОЧНАЯ")[0] == "full_time"
    assert cell.parse(" очно-заочная ")[0] == "part_time"
    assert cell.parse("full_time")[0] == "full_time"
    with pytest.raises(CellError, match="допустимо: Очная; Очно-заочная"):
        cell.parse("дистанционная")


def test_names_are_matched_as_people_mean_them():
    assert word('ОГБПОУ "ТЭПК"') == word("огбпоу «тэпк»") == word("ОГБПОУ  «ТЭПК» ")
    assert word("Трудоустроен по специальности") == word("трудоустроен  по специальности")
    assert word("ёлка") == word("елка")
