"""One-time withdrawal vs. monthly pension plus health insurance: the arithmetic.

Law on Social Insurance 58/2014/QH13 (in force in May 2024):
- art. 60(2): the one-time benefit is 1.5 months of the average contribution salary per
  year contributed before 2014 and 2 months per year from 2014;
- art. 54: a pension needs at least 20 contribution years;
- art. 56: the pension is 45 % of that salary for 20 years (men, from 2022) or 15 years
  (women), plus 2 % a year beyond, at most 75 %;
- art. 58: each year beyond the 75 % point adds a lump sum of 0.5 months at retirement.
Law on Health Insurance (amended 2014) art. 12(2)(a) and 13(1)(b): the social-insurance
fund pays a pensioner's health insurance, 4.5 % of the pension (Decree 146/2018/NĐ-CP).

Simplifications (docs/infographics.md): constant salary (no revaluation), no pension
indexation, no discounting, whole years, retirement at the statutory age.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MIN_PENSION_YEARS = 20                     # art. 54
RATE_BASE_YEARS = {"male": 20, "female": 15}   # art. 56(1): 45 % at this many years
RATE_BASE_PERCENT = 45
RATE_STEP_PERCENT = 2
RATE_MAX_PERCENT = 75
ONE_TIME_MONTHS_BEFORE_2014 = Decimal("1.5")  # art. 60(2)(a)
ONE_TIME_MONTHS_FROM_2014 = Decimal("2")
ALLOWANCE_MONTHS_PER_EXTRA_YEAR = Decimal("0.5")   # art. 58
HEALTH_INSURANCE_PERCENT = Decimal("4.5")  # Decree 146/2018/NĐ-CP


class CompareError(ValueError):
    """Inputs the law does not allow (fewer than 20 years, more years than a life...)."""


@dataclass(frozen=True)
class CompareInputs:
    contribution_years: int
    average_salary_vnd: int            # average monthly contribution salary
    retirement_age: int
    pension_years: int                 # N: how long the pension is drawn
    sex: str = "male"
    years_before_2014: int = 0
    health_insurance_percent: float = 4.5


@dataclass(frozen=True)
class Comparison:
    one_time_vnd: int
    pension_rate_percent: int
    monthly_pension_vnd: int
    retirement_allowance_vnd: int      # art. 58 lump sum on top of the pension
    health_insurance_monthly_vnd: int
    months: int
    pension_total_vnd: int             # pensions over N years + the art. 58 allowance
    health_insurance_total_vnd: int
    total_vnd: int
    break_even_months: int             # months of pension that add up to the one-time sum

    @property
    def ratio(self) -> float:
        return self.total_vnd / self.one_time_vnd


def _vnd(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def check(inputs: CompareInputs) -> None:
    """Raise CompareError when the inputs describe no pension the law would pay."""
    if inputs.sex not in RATE_BASE_YEARS:
        raise CompareError(f"sex must be male or female, got '{inputs.sex}'")
    if inputs.contribution_years < MIN_PENSION_YEARS:
        raise CompareError(f"{inputs.contribution_years} contribution years: a pension needs "
                           f"at least {MIN_PENSION_YEARS} (Law on Social Insurance 2014, "
                           "art. 54)")
    if not 0 <= inputs.years_before_2014 <= inputs.contribution_years:
        raise CompareError(f"years_before_2014 must be from 0 to contribution_years "
                           f"({inputs.contribution_years}), got {inputs.years_before_2014}")
    if inputs.contribution_years > inputs.retirement_age - 15:
        raise CompareError(f"{inputs.contribution_years} contribution years cannot fit "
                           f"before retirement at {inputs.retirement_age} (work starts at 15)")
    if inputs.average_salary_vnd <= 0 or inputs.pension_years <= 0:
        raise CompareError("average salary and pension years must be positive")


def pension_rate_percent(contribution_years: int, sex: str) -> int:
    extra = contribution_years - RATE_BASE_YEARS[sex]
    return min(RATE_MAX_PERCENT, RATE_BASE_PERCENT + RATE_STEP_PERCENT * max(0, extra))


def compare(inputs: CompareInputs) -> Comparison:
    """Both options in VND, rounded to whole đồng (half up) as benefits are paid."""
    check(inputs)
    salary = Decimal(inputs.average_salary_vnd)
    years, before = inputs.contribution_years, inputs.years_before_2014
    one_time = _vnd(salary * (ONE_TIME_MONTHS_BEFORE_2014 * before
                              + ONE_TIME_MONTHS_FROM_2014 * (years - before)))
    rate = pension_rate_percent(years, inputs.sex)
    monthly = _vnd(salary * rate / 100)
    years_at_max = RATE_BASE_YEARS[inputs.sex] + \
        (RATE_MAX_PERCENT - RATE_BASE_PERCENT) // RATE_STEP_PERCENT
    allowance = _vnd(salary * ALLOWANCE_MONTHS_PER_EXTRA_YEAR * max(0, years - years_at_max))
    health = _vnd(Decimal(monthly) * Decimal(str(inputs.health_insurance_percent)) / 100)
    months = inputs.pension_years * 12
    pension_total = monthly * months + allowance
    health_total = health * months
    break_even = max(0, -(-(one_time - allowance) // monthly))     # ceiling division
    return Comparison(one_time, rate, monthly, allowance, health, months, pension_total,
                      health_total, pension_total + health_total, break_even)
