"""Reads of the programs app that compute: the admission targets summary's totals."""

from programs.selectors import TargetRow, admission_target_totals


def row(previous, proposed, agreed=None, pending=0):
    return TargetRow(
        sector="Машиностроение", college=None, previous=previous, proposed=proposed, agreed=agreed, pending=pending
    )


def test_totals_compare_only_rows_with_both_years():
    rows = [row(20, 30, agreed=25, pending=0), row(None, 15, pending=1), row(10, None, pending=0)]
    assert admission_target_totals(rows) == {
        "previous": 30,
        "proposed": 45,
        "agreed": 25,
        "change": 5,  # 25 agreed against 20: the new college and the one without a figure are not compared
        "change_percent": 25.0,
        "pending": 1,
    }


def test_totals_of_nothing_are_empty():
    assert admission_target_totals([]) == dict.fromkeys(
        ["previous", "proposed", "agreed", "change", "change_percent"], None
    ) | {"pending": 0}
