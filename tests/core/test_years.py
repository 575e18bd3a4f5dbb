import datetime as dt

import pytest
from django.urls import NoReverseMatch

from lscp.core.years import FinancialYear, FinancialYearConverter


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (dt.date(2021, 4, 1), "2021-22"),
        (dt.date(2022, 3, 31), "2021-22"),
        (dt.date(2022, 4, 1), "2022-23"),
        (dt.date(1999, 12, 31), "1999-00"),
    ],
)
def test_a_day_falls_in_the_financial_year_starting_the_april_before(day, label):
    assert FinancialYear.of(day).label == label


def test_a_year_runs_from_1_april_to_31_march():
    year = FinancialYear(2021)
    assert (year.start, year.end) == (dt.date(2021, 4, 1), dt.date(2022, 3, 31))
    assert (year.previous.label, year.next.label) == ("2020-21", "2022-23")


@pytest.mark.parametrize("text", ["2021-23", "2021/22", "21-22", "2021-2022", "", "abcd-ef"])
def test_only_consecutive_years_are_a_financial_year(text):
    assert FinancialYear.parse(text) is None


def test_the_label_parses_back_to_the_same_year():
    assert FinancialYear.parse(" 1999-00 ") == FinancialYear(1999)
    assert FinancialYear.parse(FinancialYear(2021).label) == FinancialYear(2021)


def test_the_url_converter_refuses_a_year_that_is_not_one():
    converter = FinancialYearConverter()
    assert converter.to_python("2021-22") == FinancialYear(2021)
    assert converter.to_url(FinancialYear(2021)) == "2021-22"
    with pytest.raises(ValueError):
        converter.to_python("2021-25")


def test_urls_take_a_year_and_give_a_404_for_a_wrong_one(client):
    from django.urls import reverse

    with pytest.raises(NoReverseMatch):
        reverse("reporting:report", args=["2021"])
    assert client.get("/reports/2021-25/").status_code == 404
