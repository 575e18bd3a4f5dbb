"""The annual report's bench, run small: the seed gives a year to report on, and each output is
timed and measured."""

import random
from dataclasses import dataclass

import pytest

from lscp.governance.models import DevelopmentArea, KeyStep, ReportYear
from lscp.reporting import bench

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class TinyScale:
    groups: int = 2


def test_the_seed_and_the_measures(executive, csprg):
    bench.seed(TinyScale(), random.Random(1))
    year = bench.bench_year()
    assert ReportYear.objects.filter(first_year=year.first).exists()
    assert KeyStep.objects.filter(year__first_year=year.first).count() == 2 * bench.STEPS_PER_GROUP
    assert DevelopmentArea.objects.count() == 2 * bench.AREAS_PER_GROUP

    results = bench.measure()

    assert results["year"] == year.label
    for name in ("html", "json", "pdf"):
        assert results[name]["seconds"] > 0 and results[name]["peak_mb"] > 0
        assert results[name]["meets_targets"]
