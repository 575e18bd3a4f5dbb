"""The national-scale child death seed, run small: ten years of concluded reviews whose analysis
adds up, valid test-range NHS numbers, stored age bands that match the dates."""

import datetime as dt
import random
from dataclasses import dataclass

import pytest
from django.utils import timezone

from lscp.child_deaths.analysis import analyse, financial_year
from lscp.child_deaths.bench import seed
from lscp.child_deaths.bench_pages import bench_pages
from lscp.child_deaths.categories import Contribution, Modifiable, age_band
from lscp.child_deaths.models import ChildDeath, DomainScore, PanelReview, Stage
from lscp.core.nhs_number import is_valid

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class SmallScale:
    child_deaths: int = 400


def test_seed_gives_ten_years_of_reviews_whose_analysis_adds_up():
    seed(SmallScale(), random.Random(1))
    assert ChildDeath.objects.filter(stage=Stage.CLOSED).count() == 400
    assert PanelReview.objects.count() == 400
    assert DomainScore.objects.count() == 4 * 400
    numbers = [n for n in ChildDeath.objects.values_list("nhs_number", flat=True) if n]
    assert len(numbers) > 350 and len(set(numbers)) == len(numbers)
    assert all(n.startswith("999") and is_valid(n) for n in numbers)
    for born, died, band in ChildDeath.objects.values_list("date_of_birth", "died_on", "age_band"):
        assert band == age_band(born, died)
    # A review with modifiable factors has a domain where factors may have contributed.
    yes_reviews = PanelReview.objects.filter(modifiable=Modifiable.YES)
    assert not yes_reviews.exclude(domain_scores__contribution=Contribution.MAY_HAVE).exists()

    today = timezone.localdate()
    start = financial_year(today)[0].replace(year=today.year - 11)
    analysis = analyse(start, today, suppressed=False)
    total = analysis.completed.count
    assert total == 400
    for title, cells in analysis.breakdowns[:-1]:
        assert sum(cell.count for cell in cells) == total, title
    years = [int(cell.label) for cell in analysis.years_of_death]
    assert today.year - 11 <= years[0] and years[-1] <= today.year and len(years) >= 10
    yes = analysis.with_modifiable_factors.count
    Through = PanelReview.factors.through
    assert (
        sum(cell.count for cell in analysis.factors)
        == Through.objects.filter(panelreview__modifiable=Modifiable.YES).count()
    )
    assert 0 < yes < total and all(cell.count <= yes for cell in analysis.factors)
    # Spread across the years: every financial year of the last nine has reviews concluded in it.
    for back in range(1, 10):
        year_start, year_end = financial_year(today.replace(year=today.year - back))
        assert analyse(year_start, year_end, suppressed=False).completed.count > 0


def test_bench_pages_ask_for_one_year_ten_years_and_the_case_list(client_for):
    pages = bench_pages(client_for)
    assert [page[0] for page in pages] == [
        "child death analysis, one year",
        "child death analysis, ten years",
        "child death analysis, 10 y, no cache",
        "child death cases, all, page 1",
        "child death cases, all, last page",
    ]
    this_start, _ = financial_year(timezone.localdate())
    last = financial_year(this_start - dt.timedelta(days=1))
    assert pages[0][2] == f"/child-deaths/analysis/?start={last[0]}&end={last[1]}"
    assert pages[1][2].startswith(f"/child-deaths/analysis/?start={this_start.year - 9}-04-01&end=")
    assert pages[2][2] == pages[1][2] and callable(pages[2][3])
    assert pages[3][2] == "/child-deaths/cases/?stage=all"
    for page in pages:
        assert page[1].get(page[2]).status_code == 200, page[0]
