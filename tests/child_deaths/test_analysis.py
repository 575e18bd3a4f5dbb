"""The panel's analysis: reviews counted by the day the panel concluded, every breakdown from the
database in a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lscp.child_deaths.analysis import analyse, financial_year, previous_period
from lscp.child_deaths.arithmetic import SMALL, WITHHELD
from lscp.child_deaths.categories import AgeBand, Category, Expectation, Modifiable, Sex
from tests.child_deaths.records import review

pytestmark = pytest.mark.django_db

START, END = dt.date(2021, 4, 1), dt.date(2022, 3, 31)


def counts(cells) -> dict[str, int | None]:
    return {cell.label: cell.count for cell in cells}


def test_reviews_are_counted_by_the_day_the_panel_concluded():
    review(completed_on=START)
    review(completed_on=END, died_on=dt.date(2017, 5, 1))
    review(completed_on=START - dt.timedelta(days=1))  # the year before
    review(completed_on=dt.date(2020, 4, 1))  # the first day of the year before
    review(completed_on=dt.date(2020, 3, 31))  # two years before: in neither
    review(completed_on=END + dt.timedelta(days=1))  # the year after
    analysis = analyse(START, END, suppressed=False)
    assert analysis.completed.count == 2
    assert (analysis.previous_start, analysis.previous_end) == (dt.date(2020, 4, 1), dt.date(2021, 3, 31))
    assert analysis.previous.count == 2
    # The deaths reviewed happened years apart; the years between are shown with none.
    assert counts(analysis.years_of_death) == {"2017": 1, "2018": 0, "2019": 0, "2020": 1}


def test_every_breakdown_lists_every_choice_in_order_with_zeros():
    review(category=Category.PERINATAL, age_days=3, expectation=Expectation.EXPECTED, sex=Sex.MALE)
    review(category=Category.PERINATAL, age_days=27, expectation=Expectation.EXPECTED)
    review(category=Category.SUICIDE, age_days=16 * 365, modifiable=Modifiable.INSUFFICIENT)
    review(category=Category.SUDDEN_UNEXPLAINED, age_days=28, modifiable=Modifiable.YES)
    analysis = analyse(START, END, suppressed=False)
    assert [cell.label for cell in analysis.categories] == Category.labels
    assert [cell.count for cell in analysis.categories] == [0, 1, 0, 0, 0, 0, 0, 2, 0, 1]
    assert [cell.label for cell in analysis.age_bands] == AgeBand.labels
    assert [cell.count for cell in analysis.age_bands] == [2, 1, 0, 0, 0, 1]
    assert counts(analysis.sexes) == {"Female": 3, "Male": 1, "Indeterminate": 0, "Not known": 0}
    assert counts(analysis.expectation) == {"Expected": 2, "Unexpected": 2}
    assert [cell.count for cell in analysis.modifiable] == [1, 2, 1]
    assert analysis.categories[7].percent == "50%"
    for _title, cells in analysis.breakdowns[:-1]:
        assert sum(cell.count for cell in cells) == analysis.completed.count


def test_modifiable_factors_and_how_often_each_named_factor_appears():
    for _ in range(2):
        review(modifiable=Modifiable.YES, factors=["Smoking", "Unsafe sleep"])
    review(modifiable=Modifiable.YES, factors=["Smoking", "Domestic abuse"])
    review(modifiable=Modifiable.YES, factors=["Parental alcohol use"])
    review(modifiable=Modifiable.NO, factors=["Domestic abuse"])  # not modifiable: not counted
    review(modifiable=Modifiable.NO)
    review(completed_on=dt.date(2020, 6, 1), modifiable=Modifiable.YES, factors=["Unsafe sleep"])
    analysis = analyse(START, END, suppressed=False)
    modifiable = analysis.with_modifiable_factors
    assert (modifiable.count, modifiable.percent) == (4, "67%")
    # Most frequent first, then by name.
    assert [(cell.label, cell.count, cell.percent) for cell in analysis.factors] == [
        ("Smoking", 3, "75%"),
        ("Unsafe sleep", 2, "50%"),
        ("Domestic abuse", 1, "25%"),
        ("Parental alcohol use", 1, "25%"),
    ]


def test_published_figures_hide_small_counts():
    for _ in range(6):
        review(category=Category.PERINATAL, expectation=Expectation.EXPECTED, modifiable=Modifiable.YES,
               factors=["Smoking"])  # fmt: skip
    review(category=Category.INFECTION, expectation=Expectation.EXPECTED, factors=["Smoking"])
    for _ in range(7):
        review(category=Category.SUDDEN_UNEXPLAINED)
    analysis = analyse(START, END, suppressed=True)
    assert analysis.completed.shown == "14"
    assert analysis.previous.shown == "0"
    categories = {cell.label: cell.shown for cell in analysis.categories}
    assert categories[Category.INFECTION.label] == SMALL
    # One small cell alone would be 14 - 6 - 7: the next smallest goes with it.
    assert categories[Category.PERINATAL.label] == WITHHELD
    assert categories[Category.SUDDEN_UNEXPLAINED.label] == "7"
    assert categories[Category.SUICIDE.label] == "0"
    hidden = [cell for cell in analysis.categories if cell.shown in (SMALL, WITHHELD)]
    assert all(cell.count is None and cell.percent == "" for cell in hidden)
    assert [cell.shown for cell in analysis.expectation] == ["7", "7"]
    # Nothing small among the modifiable conclusions: all shown, with their shares.
    assert [(c.shown, c.percent) for c in analysis.modifiable] == [("6", "43%"), ("8", "57%"), ("0", "0%")]
    assert [(c.label, c.shown) for c in analysis.factors] == [("Smoking", "6")]
    unsuppressed = analyse(START, END, suppressed=False)
    assert counts(unsuppressed.categories)[Category.INFECTION.label] == 1


def test_a_small_period_is_all_under_five():
    review(modifiable=Modifiable.YES, factors=["Smoking"])
    review(modifiable=Modifiable.YES, factors=["Smoking"])
    review(completed_on=dt.date(2020, 5, 1))
    analysis = analyse(START, END, suppressed=True)
    assert analysis.completed.shown == SMALL and analysis.completed.count is None
    assert analysis.previous.shown == SMALL
    assert analysis.with_modifiable_factors.count is None
    assert all(cell.percent == "" for cell in analysis.modifiable + analysis.factors)


def test_the_queries_are_the_same_for_five_cases_and_fifty(django_assert_max_num_queries):
    names = ["Smoking", "Unsafe sleep", "Domestic abuse", "Parental alcohol use"]

    def add(n: int) -> None:
        for i in range(n):
            review(
                completed_on=START + dt.timedelta(days=7 * i % 360),
                died_on=dt.date(2016 + i % 5, 1 + i % 12, 1),
                age_days=i * 211 % 6000,
                category=list(Category)[i % 10],
                sex=list(Sex)[i % 4],
                modifiable=list(Modifiable)[i % 3],
                factors=names[: i % 4],
            )

    add(5)
    with CaptureQueriesContext(connection) as few:
        five = analyse(START, END, suppressed=False)
    add(45)
    with django_assert_max_num_queries(len(few)):
        fifty = analyse(START, END, suppressed=False)
    assert len(few) == 3
    assert (five.completed.count, fifty.completed.count) == (5, 50)
    assert sum(cell.count for cell in fifty.years_of_death) == 50
    assert {cell.label for cell in fifty.factors} == set(names[:3])


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2021, 4, 1), (dt.date(2021, 4, 1), dt.date(2022, 3, 31))),
        (dt.date(2022, 3, 31), (dt.date(2021, 4, 1), dt.date(2022, 3, 31))),
        (dt.date(2026, 11, 27), (dt.date(2026, 4, 1), dt.date(2027, 3, 31))),
        (dt.date(2027, 1, 2), (dt.date(2026, 4, 1), dt.date(2027, 3, 31))),
    ],
)
def test_financial_year(today, expected):
    assert financial_year(today) == expected


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ((dt.date(2021, 4, 1), dt.date(2022, 3, 31)), (dt.date(2020, 4, 1), dt.date(2021, 3, 31))),
        # 2023-24 has a 29 February, 2022-23 does not: still the whole year before.
        ((dt.date(2023, 4, 1), dt.date(2024, 3, 31)), (dt.date(2022, 4, 1), dt.date(2023, 3, 31))),
        ((dt.date(2016, 4, 1), dt.date(2026, 3, 31)), (dt.date(2006, 4, 1), dt.date(2016, 3, 31))),
        ((dt.date(2021, 1, 1), dt.date(2021, 12, 31)), (dt.date(2020, 1, 1), dt.date(2020, 12, 31))),
        # Not whole years: as many days, ending the day before.
        ((dt.date(2021, 6, 11), dt.date(2021, 6, 20)), (dt.date(2021, 6, 1), dt.date(2021, 6, 10))),
    ],
)
def test_previous_period(period, expected):
    assert previous_period(*period) == expected


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="ends"):
        analyse(END, START, suppressed=False)
