"""The annual report's child death figures: the reference year, fit to publish."""

import datetime as dt

import pytest

from lscp.child_deaths.arithmetic import SMALL, SUPPRESSION_NOTE, WITHHELD
from lscp.child_deaths.categories import Category
from lscp.child_deaths.figures import child_death_figures
from tests.child_deaths.test_demo import load

pytestmark = pytest.mark.django_db


def test_the_reference_year_as_the_annual_report_publishes_it():
    load()
    figures = child_death_figures(dt.date(2021, 4, 1), dt.date(2022, 3, 31))
    assert (figures.reviews_completed.shown, figures.previous_period.shown) == ("25", "7")
    assert (figures.first_year_of_death, figures.last_year_of_death) == (2017, 2021)
    assert figures.unexpected.shown == "7"
    assert (figures.with_modifiable_factors.shown, figures.with_modifiable_factors.percent) == ("11", "44%")
    shown = {cell.label: cell.shown for cell in figures.categories}
    assert shown[Category.SUDDEN_UNEXPLAINED.label] == "6"
    assert shown[Category.PERINATAL.label] == "5"
    assert shown[Category.DELIBERATE_HARM.label] == "0"
    # Every count from 1 to 4 is hidden, and the hidden cells carry no number for a page to show.
    for label in [Category.ANOMALIES, Category.CHRONIC, Category.SUICIDE, Category.INFECTION]:
        assert shown[label.label] == SMALL
    assert [(cell.label, cell.shown) for cell in figures.factors] == [
        ("Parental alcohol use", "7"),
        ("Parental substance use", "7"),
        ("Smoking", "7"),
        ("Unsafe sleep", "5"),
        ("Domestic abuse", SMALL),
        ("Parental mental ill-health", SMALL),
    ]
    for _title, cells in figures.analysis.breakdowns:
        for cell in cells:
            if cell.shown in (SMALL, WITHHELD):
                assert cell.count is None and cell.percent == ""
            else:
                assert cell.count is not None and cell.shown == f"{cell.count:,}"
    assert figures.analysis.suppressed and figures.note == SUPPRESSION_NOTE


def test_a_year_with_no_reviews():
    figures = child_death_figures(dt.date(2030, 4, 1), dt.date(2031, 3, 31))
    assert figures.reviews_completed.shown == "0"
    assert figures.first_year_of_death is None and figures.analysis.years_of_death == []
    assert figures.with_modifiable_factors.percent == ""


def test_the_headline_figures_come_with_the_query_that_lists_their_reviews():
    """The report never lists children's reviews; its JSON names the query a panel member can run,
    which finds as many reviews as the figure shows."""
    from django.db import connection

    load()
    figures = child_death_figures(dt.date(2021, 4, 1), dt.date(2022, 3, 31))
    assert set(figures.queries) == {"reviews_completed", "unexpected", "with_modifiable_factors"}
    with connection.cursor() as cursor:
        for name, query in figures.queries.items():
            cursor.execute(query.sql, query.params)
            assert str(len(cursor.fetchall())) == getattr(figures, name).shown, name
