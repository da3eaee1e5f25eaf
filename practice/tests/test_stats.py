"""Fisher's exact test and the odds ratio against values computed by hand."""

import math
from fractions import Fraction

import pytest

from practice.stats import compare, fisher_exact, odds_ratio


def test_fisher_tea_tasting():
    # [[3, 1], [1, 3]]: P(x) = C(4,x)·C(4,4−x)/C(8,4) = (1, 16, 36, 16, 1)/70 for x = 0…4; observed 16/70.
    # Two-sided: tables no more probable than the observed one: (1 + 16 + 16 + 1)/70.
    assert fisher_exact(3, 1, 1, 3) == pytest.approx(34 / 70, rel=1e-9)


def test_fisher_asymmetric_table():
    # [[1, 9], [11, 3]]: margins 10 and 12 of 24, C(24,12) = 2 704 156. P(x) ∝ C(10,x)·C(14,12−x):
    # x=0: 91, x=1: 3 640 (observed), x=9: 3 640, x=10: 91; every other table is more probable.
    expected = Fraction(91 + 3640 + 3640 + 91, 2704156)
    assert fisher_exact(1, 9, 11, 3) == pytest.approx(float(expected), rel=1e-9)
    assert fisher_exact(1, 9, 11, 3) == pytest.approx(0.0027594, abs=1e-7)


def test_fisher_is_symmetric_and_bounded():
    assert fisher_exact(11, 3, 1, 9) == pytest.approx(fisher_exact(1, 9, 11, 3))
    assert fisher_exact(5, 5, 5, 5) == pytest.approx(1.0)
    assert fisher_exact(0, 0, 0, 0) == 1.0
    with pytest.raises(ValueError):
        fisher_exact(-1, 0, 0, 0)


def test_odds_ratio_with_woolf_interval():
    # [[10, 20], [5, 25]]: OR = 10·25/(20·5) = 2.5; SE(ln OR) = √(1/10 + 1/20 + 1/5 + 1/25) = √0.39.
    result = odds_ratio(10, 20, 5, 25)
    se = math.sqrt(0.39)
    assert result.value == pytest.approx(2.5)
    assert result.low == pytest.approx(math.exp(math.log(2.5) - 1.959964 * se), rel=1e-5)
    assert result.high == pytest.approx(math.exp(math.log(2.5) + 1.959964 * se), rel=1e-5)
    assert (round(result.low, 3), round(result.high, 3)) == (0.735, 8.502)
    assert not result.corrected


def test_odds_ratio_with_a_zero_cell_adds_one_half():
    result = odds_ratio(0, 5, 5, 5)
    assert result.corrected
    assert result.value == pytest.approx((0.5 * 5.5) / (5.5 * 5.5))


def test_odds_ratio_without_a_group_is_none():
    assert odds_ratio(0, 0, 3, 4) is None
    assert odds_ratio(3, 0, 4, 0) is None


def test_compare_refuses_small_groups():
    small = compare(3, 1, 1, 3)
    assert not small.enough_data and small.odds is None and small.p_value is None
    assert small.exposed_rate == 75.0 and small.unexposed_rate == 25.0
    enough = compare(10, 20, 5, 25)
    assert enough.enough_data and enough.odds.value == pytest.approx(2.5)
    assert enough.p_value == pytest.approx(fisher_exact(10, 20, 5, 25))
    assert not enough.significant  # p ≈ 0.23
