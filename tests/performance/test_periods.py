"""Reporting periods: months, calendar quarters and financial years, read and written the ways
people write them, in order, and never reported before they are over."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lscp.performance.periods import (
    AmbiguousPeriod,
    Frequency,
    Period,
    PeriodError,
    between,
    check_reportable,
    is_start,
    parse,
)

M, Q, Y = Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.YEARLY


def month(year: int, number: int) -> Period:
    return Period(dt.date(year, number, 1), M)


@pytest.mark.parametrize(
    "text, frequency, start, code, label",
    [
        ("2021-06", M, dt.date(2021, 6, 1), "2021-06", "June 2021"),
        ("2021-6", M, dt.date(2021, 6, 1), "2021-06", "June 2021"),
        ("June 2021", M, dt.date(2021, 6, 1), "2021-06", "June 2021"),
        ("sept 2021", M, dt.date(2021, 9, 1), "2021-09", "September 2021"),
        ("2021-Q2", Q, dt.date(2021, 4, 1), "2021-Q2", "April to June 2021"),
        ("2021 Q2", Q, dt.date(2021, 4, 1), "2021-Q2", "April to June 2021"),
        ("2021q1", Q, dt.date(2021, 1, 1), "2021-Q1", "January to March 2021"),
        ("Q4 2021", Q, dt.date(2021, 10, 1), "2021-Q4", "October to December 2021"),
        ("April to June 2021", Q, dt.date(2021, 4, 1), "2021-Q2", "April to June 2021"),
        ("2021-22", Y, dt.date(2021, 4, 1), "2021-22", "2021-22"),
        ("2021/22", Y, dt.date(2021, 4, 1), "2021-22", "2021-22"),
        ("2021-2022", Y, dt.date(2021, 4, 1), "2021-22", "2021-22"),
        ("  2099-00 ", Y, dt.date(2099, 4, 1), "2099-00", "2099-00"),
    ],
)
def test_reading_and_writing(text, frequency, start, code, label):
    for wanted in (None, frequency):
        period = parse(text, wanted)
        assert (period.start, period.frequency, period.code, period.label) == (start, frequency, code, label)


def test_the_frequency_decides_between_a_month_and_a_financial_year():
    assert parse("2011-12", M) == month(2011, 12)
    assert parse("2011-12", Y) == Period(dt.date(2011, 4, 1), Y)
    with pytest.raises(AmbiguousPeriod, match=r"a month \(December 2011\) or a financial year \(2011-12\)"):
        parse("2011-12")


@pytest.mark.parametrize(
    "text, frequency, message",
    [
        ("2021-Q2", M, "2021-Q2 is a quarter, but this indicator is monthly: enter a month, like 2021-06"),
        (
            "2021-06",
            Y,
            "2021-06 is a month, but this indicator is yearly .*: enter a financial year, like 2021-22",
        ),
        ("2021-22", Q, "is a financial year, but this indicator is quarterly"),
        (
            "2021-13",
            None,
            "Enter the period as a month \\(2021-06\\), a quarter \\(2021-Q2\\) or a financial year",
        ),
        ("2021-23", Y, "Enter the period as a financial year, like 2021-22"),
        ("Q5 2021", Q, "Enter the period as a quarter, like 2021-Q2"),
        ("May to July 2021", Q, "Enter the period as a quarter"),
        ("June", M, "Enter the period as a month"),
        ("", M, "Enter the period as a month"),
        ("1850-06", M, "Enter the period as a month"),
    ],
)
def test_what_cannot_be_read_says_what_to_enter(text, frequency, message):
    with pytest.raises(PeriodError, match=message):
        parse(text, frequency)


def test_a_spreadsheet_date_names_the_period_it_starts():
    # Excel turns a typed 2021-06 into 1 June 2021.
    assert parse("2021-06-01", M) == month(2021, 6)
    assert parse("2021-04-01 00:00:00", Y) == Period(dt.date(2021, 4, 1), Y)
    assert parse("2021-07-01", Q) == Period(dt.date(2021, 7, 1), Q)
    with pytest.raises(PeriodError):
        parse("2021-06-15", M)  # not the first day of a month
    with pytest.raises(PeriodError):
        parse("2021-05-01", Y)  # financial years start in April
    with pytest.raises(AmbiguousPeriod):
        parse("2021-04-01")  # a month, a quarter and a financial year all start then


def test_financial_years_run_april_to_march_across_the_year_boundary():
    year = Period.containing(Y, dt.date(2022, 3, 31))
    assert year.code == "2021-22" and year.start == dt.date(2021, 4, 1) and year.end == dt.date(2022, 3, 31)
    assert Period.containing(Y, dt.date(2022, 4, 1)).code == "2022-23"
    assert Period.containing(Y, dt.date(2022, 1, 15)) == year
    assert year.next().code == "2022-23" and year.previous().code == "2020-21"
    assert Period.containing(Y, dt.date(1999, 12, 31)).code == "1999-00"


def test_calendar_quarters_and_months_across_the_year_boundary():
    fourth = Period.containing(Q, dt.date(2021, 11, 30))
    assert fourth.code == "2021-Q4" and fourth.end == dt.date(2021, 12, 31)
    assert fourth.next().label == "January to March 2022"
    assert Period.containing(Q, dt.date(2021, 6, 30)).label == "April to June 2021"
    assert month(2021, 12).next() == month(2022, 1)
    assert month(2022, 1).previous() == month(2021, 12)
    assert month(2024, 2).end == dt.date(2024, 2, 29)
    assert month(2021, 1).shifted(14) == month(2022, 3)


def test_periods_sort_by_when_they_start():
    periods = [month(2022, 1), month(2021, 12), month(2021, 2)]
    assert sorted(periods) == [month(2021, 2), month(2021, 12), month(2022, 1)]
    assert month(2021, 12) < month(2022, 1) and month(2021, 12).month_index + 1 == month(2022, 1).month_index
    assert between(month(2021, 11), month(2022, 2)) == [
        month(2021, 11),
        month(2021, 12),
        month(2022, 1),
        month(2022, 2),
    ]
    assert [p.code for p in between(Period(dt.date(2020, 4, 1), Y), Period(dt.date(2022, 4, 1), Y))] == [
        "2020-21",
        "2021-22",
        "2022-23",
    ]


def test_a_period_starts_on_its_first_day():
    assert is_start(Q, dt.date(2021, 10, 1)) and not is_start(Q, dt.date(2021, 11, 1))
    assert is_start(Y, dt.date(2021, 4, 1)) and not is_start(Y, dt.date(2021, 1, 1))
    with pytest.raises(PeriodError, match="not the first day of a quarter"):
        Period(dt.date(2021, 5, 1), Q)
    assert Period(dt.date(2021, 5, 1), "monthly").frequency is M  # stored text reads as the frequency


def test_only_a_period_that_is_over_can_be_reported():
    today = dt.date(2022, 4, 20)
    check_reportable(month(2022, 3), today)
    check_reportable(Period(dt.date(2021, 4, 1), Y), today)
    with pytest.raises(PeriodError, match="April 2022 has not ended yet"):
        check_reportable(month(2022, 4), today)
    with pytest.raises(PeriodError, match="May 2022 is in the future"):
        check_reportable(month(2022, 5), today)
    with pytest.raises(PeriodError, match="2022-23 has not ended yet"):
        check_reportable(Period(dt.date(2022, 4, 1), Y), today)
    with pytest.raises(PeriodError, match="2023-24 is in the future"):
        check_reportable(Period(dt.date(2023, 4, 1), Y), today)
    check_reportable(month(2022, 3), dt.date(2022, 4, 1))  # the day after it ends


days = st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2199, 12, 31))
frequencies = st.sampled_from(list(Frequency))


@given(days, frequencies)
def test_every_period_reads_back_from_its_code_and_its_label(day, frequency):
    period = Period.containing(frequency, day)
    assert period.start <= day <= period.end
    assert parse(period.code, frequency) == period
    assert parse(period.label, frequency) == period
    assert parse(period.label.upper(), frequency) == period
    assert parse(period.start.isoformat(), frequency) == period


@given(days, frequencies, st.integers(min_value=-200, max_value=200))
def test_next_and_previous_are_inverse_and_ordered(day, frequency, steps):
    period = Period.containing(frequency, day)
    assert period.next().previous() == period
    assert period.next().start == period.end + dt.timedelta(days=1)
    moved = period.shifted(steps)
    assert moved.shifted(-steps) == period
    assert (moved > period) == (steps > 0) and (moved < period) == (steps < 0)
    assert len(between(min(period, moved), max(period, moved))) == abs(steps) + 1
