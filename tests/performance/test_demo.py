"""Synthetic data sets: the demo partnership's (the reference report's KPIs, three years of monthly
values shaped as the reference year's report describes them; loading again changes nothing) and
the national-scale bench seed."""

import datetime as dt
import random
from dataclasses import dataclass
from statistics import mean

import pytest
from django.apps import apps

from lscp.core.discovery import app_modules
from lscp.governance.models import Group
from lscp.performance import bench, demo
from lscp.performance.derived import series, series_for
from lscp.performance.models import Area, Indicator, Observation, Rebase, Target
from lscp.performance.periods import Frequency, Period
from lscp.performance.vocabulary import AreaKind, Direction, IndicatorKind

pytestmark = pytest.mark.django_db

PREREQUISITES = ["core", "accounts", "governance"]
APRIL_2019, MARCH_2022 = dt.date(2019, 4, 1), dt.date(2022, 3, 1)
DISTRICTS = ["WBK", "CLB", "HLW", "KRM", "STB"]


def load() -> None:
    """The apps the data set's demo stands on, then its own, as `lscp demo` runs them."""
    modules = dict(app_modules("demo"))
    for label in [*PREREQUISITES, "performance"]:
        modules[label].load(random.Random(f"2022:{label}"))


def counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.fixture
def loaded():
    load()


def westbrook(code: str, area: str = "WBK") -> list[float]:
    """A KPI's 36 values as the demo makes them (a percentage worked out from its counts)."""
    made = demo.series_values()
    parts = {"REREF-PC": ("REREF", "REF"), "ICPC-PC": ("ICPC-15", "ICPC")}
    if code in parts:
        top, bottom = (made[part, area] for part in parts[code])
        return [100 * n / d for n, d in zip(top, bottom, strict=True)]
    return made[code, area]


def test_loading_again_changes_nothing(loaded):
    first = counts()
    values = set(Observation.objects.values_list("indicator__code", "area__code", "period_start", "value"))
    load()
    assert counts() == first
    assert (
        set(Observation.objects.values_list("indicator__code", "area__code", "period_start", "value"))
        == values
    )


def test_the_areas_and_the_reference_reports_kpis(loaded):
    assert Area.objects.own().name == "Westbrook"
    assert {a.kind for a in Area.objects.all()} == {
        AreaKind.OWN,
        AreaKind.DISTRICT,
        AreaKind.REGION,
        AreaKind.ENGLAND,
    }
    assert Area.objects.filter(kind=AreaKind.DISTRICT).count() == 4
    seg = Group.objects.get(slug="seg")
    watched = {i.code: i for i in seg.indicators.all()}
    assert len(watched) == 13 and all(i.published for i in watched.values())
    assert {i.code for i in Group.objects.get(slug="mace").indicators.all()} == {"PIP", "RHI-72"}
    directions = {code: i.direction for code, i in watched.items()}
    assert directions["REREF-PC"] == directions["CAMHS-ASSESS"] == Direction.DECREASE
    assert directions["FD-TIME"] == directions["PIP"] == Direction.INCREASE
    assert directions["REF-RATE"] == directions["CPP-RATE"] == Direction.NEUTRAL
    rate = watched["REF-RATE"]
    assert (rate.kind, rate.factor, rate.numerator.code, rate.denominator.code) == (
        IndicatorKind.DERIVED,
        10_000,
        "REF",
        "POP",
    )
    assert watched["CAMHS-ASSESS"].owner.name == "Moorland Community and Mental Health NHS Foundation Trust"
    # Targets where the reference report sets them; the front door's was raised in April 2021.
    assert watched["REREF-PC"].target_on(dt.date(2022, 3, 31)).value == 22
    front_door = watched["FD-TIME"]
    assert front_door.target_on(dt.date(2021, 3, 31)).value == 85
    assert front_door.target_on(dt.date(2021, 4, 1)).value == 90
    assert not Target.objects.filter(indicator__direction=Direction.NEUTRAL).exists()
    rebase = Rebase.objects.get()
    assert (rebase.indicator.code, rebase.area, rebase.period_start) == ("PIP", None, dt.date(2021, 6, 1))


def test_what_is_stored_is_what_is_made(loaded):
    for code in ("REREF-PC", "FD-TIME", "PIP"):
        assert [float(v) for v in series(Indicator.objects.get(code=code), Area.objects.own().pk).values] == (
            pytest.approx(westbrook(code), abs=0.00005)
        )


def test_three_years_of_monthly_values_for_westbrook_and_four_districts(loaded):
    months = 36
    for indicator in Indicator.objects.filter(kind=IndicatorKind.REPORTED):
        for code in DISTRICTS:
            values = Observation.objects.filter(indicator=indicator, area__code=code)
            assert values.count() == months, (indicator.code, code)
            starts = sorted(values.values_list("period_start", flat=True))
            assert (starts[0], starts[-1]) == (APRIL_2019, MARCH_2022)
            assert all(Period(start, Frequency.MONTHLY) for start in starts)
    # Every derived KPI can be worked out for every month, in every district.
    derived = Indicator.objects.filter(kind=IndicatorKind.DERIVED)
    for by_area in series_for(derived).values():
        for area_id, result in by_area.items():
            if Area.objects.get(pk=area_id).code in DISTRICTS:
                assert len(result.values) == months and not result.left_out
    # The national comparators for the rates: the region and England.
    for code in ("NMR", "ENG"):
        assert (
            len(series(Indicator.objects.get(code="REF-RATE"), Area.objects.get(code=code).pk).values)
            == months
        )


def test_improving():
    """Re-referrals fell: the last nine months all below the three-year average (and the target).
    Front door decisions in time rose: the whole of 2021-22 above the average."""
    re_referrals = westbrook("REREF-PC")
    assert all(value < mean(re_referrals) for value in re_referrals[-9:])
    assert max(re_referrals[-9:]) < 22 < min(re_referrals[:12])
    front_door = westbrook("FD-TIME")
    assert all(value > mean(front_door) for value in front_door[-12:])
    assert mean(front_door[-12:]) > 90 > max(front_door[:12])


def test_fluctuating():
    """Strategy discussion attendance and conferences in time move about their targets: each
    meets it in some months of 2021-22 and misses it in others, with no long run either side."""
    for code, target in [("SD-ATT", 90), ("ICPC-PC", 80), ("LADO-TIME", 85), ("THRESHOLD", 40)]:
        values = westbrook(code)
        year = values[-12:]
        assert min(year) < target < max(year), code
        assert longest_run_one_side(values) < 7, code


def test_development_still_required():
    """CAMHS waits climbed through 2021-22; return home interviews never came near their target."""
    for code in ("CAMHS-ASSESS", "CAMHS-TREAT"):
        values = westbrook(code)
        assert all(value > mean(values) for value in values[-7:]), code
        assert mean(values[-3:]) > mean(values[:24]) * 1.2, code
    interviews = westbrook("RHI-72")
    assert max(interviews) < 80 < 90


def test_intelligence_submissions_stepped_up_after_the_toolkit():
    launch = 26  # June 2021
    for code in DISTRICTS:
        values = westbrook("PIP", code)
        assert min(values[launch:]) > max(values[:launch]) * 0.9, code
        assert mean(values[launch:]) > mean(values[:launch]) * 1.4, code


def longest_run_one_side(values: list[float]) -> int:
    centre = mean(values)
    longest = run = 0
    side = 0
    for value in values:
        now = (value > centre) - (value < centre)
        run = run + 1 if now == side and now else 1
        side = now
        longest = max(longest, run)
    return longest


@dataclass(frozen=True)
class SmallScale:
    groups: int = 3


def test_the_bench_seed(loaded):
    Group.objects.create(name="Bench group 000", short_name="BG000", slug="bench-000", function="Bench.")
    bench.seed(SmallScale(), random.Random(1))
    group = Group.objects.get(slug="bench-000")
    watched = list(group.indicators.all())
    assert len(watched) == bench.INDICATORS
    by_area = series_for(watched)
    own = Area.objects.own()
    assert own.name == "Westbrook"  # the demo's own area: there is only ever one
    for indicator in watched:
        areas = by_area[indicator.pk]
        assert len(areas) == 1 + bench.COMPARATORS and own.pk in areas
        for result in areas.values():
            assert len(result.values) == bench.MONTHS and not result.left_out, indicator.code
    assert (
        Target.objects.filter(indicator__in=watched).exists()
        and Rebase.objects.filter(indicator__in=watched).exists()
    )
    assert {i.unit for i in watched} >= {"percentage", "count", "days", "rate_10k"}
