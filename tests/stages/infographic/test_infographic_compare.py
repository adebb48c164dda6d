"""Given the spec's inputs, when compared, then the benefits follow the 2014 law."""
from __future__ import annotations

import pytest

from pipeline.stages.infographic.compare import (
    CompareError,
    CompareInputs,
    compare,
    pension_rate_percent,
)


def test_twenty_years_at_eight_million_a_month():
    c = compare(CompareInputs(contribution_years=20, average_salary_vnd=8_000_000,
                              retirement_age=61, pension_years=20))
    assert c.one_time_vnd == 320_000_000             # 2 months x 20 years (art. 60)
    assert c.pension_rate_percent == 45              # 20 years, a man (art. 56)
    assert c.monthly_pension_vnd == 3_600_000
    assert c.health_insurance_monthly_vnd == 162_000  # 4.5 % of the pension
    assert c.months == 240
    assert c.pension_total_vnd == 864_000_000
    assert c.health_insurance_total_vnd == 38_880_000
    assert c.total_vnd == 902_880_000
    assert c.break_even_months == 89                  # 320 / 3.6 = 88.9
    assert round(c.ratio, 4) == 2.8215


def test_years_before_2014_count_one_and_a_half_months():
    c = compare(CompareInputs(contribution_years=25, years_before_2014=10,
                              average_salary_vnd=10_000_000, retirement_age=62,
                              pension_years=18))
    assert c.one_time_vnd == (10 * 1.5 + 15 * 2) * 10_000_000 == 450_000_000
    assert c.pension_rate_percent == 55


def test_women_reach_45_percent_at_15_years_and_the_rate_stops_at_75():
    assert pension_rate_percent(20, "female") == 55
    assert pension_rate_percent(30, "female") == 75
    assert pension_rate_percent(33, "female") == 75
    assert pension_rate_percent(35, "male") == 75
    assert pension_rate_percent(21, "male") == 47


def test_years_beyond_75_percent_add_half_a_month_each_at_retirement():
    c = compare(CompareInputs(contribution_years=38, average_salary_vnd=10_000_000,
                              retirement_age=61, pension_years=1))
    assert c.pension_rate_percent == 75
    assert c.retirement_allowance_vnd == 3 * 0.5 * 10_000_000        # art. 58
    assert c.pension_total_vnd == 12 * 7_500_000 + 15_000_000


def test_benefits_are_rounded_half_up_to_whole_dong():
    c = compare(CompareInputs(contribution_years=21, average_salary_vnd=1_000_050,
                              retirement_age=61, pension_years=1))
    assert c.monthly_pension_vnd == 470_024        # 1,000,050 x 47 % = 470,023.5


@pytest.mark.parametrize("changes, message", [
    ({"contribution_years": 19}, "19 contribution years: a pension needs at least 20 "
                                 "(Law on Social Insurance 2014, art. 54)"),
    ({"years_before_2014": 21}, "years_before_2014 must be from 0 to contribution_years "
                                "(20), got 21"),
    ({"retirement_age": 34}, "20 contribution years cannot fit before retirement at 34 "
                             "(work starts at 15)"),
    ({"sex": "other"}, "sex must be male or female, got 'other'"),
])
def test_inputs_the_law_does_not_allow_are_refused(changes, message):
    inputs = dict(contribution_years=20, average_salary_vnd=8_000_000, retirement_age=61,
                  pension_years=20)
    with pytest.raises(CompareError, match=message.replace("(", r"\(").replace(")", r"\)")):
        compare(CompareInputs(**{**inputs, **changes}))
