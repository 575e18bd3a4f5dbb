"""The data set's records and their rules: one value per indicator, area and period; corrections
kept; targets never overwritten nor set where neither direction is better; derived indicators
worked out from their parts, a percentage's numerator never more than its denominator."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from lscp.performance.derived import DerivedValueError, derive, series, series_for
from lscp.performance.models import (
    Area,
    Indicator,
    Observation,
    Rebase,
    Target,
    rebase_starts,
)
from lscp.performance.vocabulary import AreaKind, Direction, IndicatorKind, Unit
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db

JUNE = dt.date(2021, 6, 1)
JULY = dt.date(2021, 7, 1)


# --- makers, used by the import tests too ------------------------------------------------------


def indicator(code: str = "FD-TIME", unit: str = Unit.PERCENTAGE, direction=Direction.INCREASE, **fields):
    owner = fields.pop("owner", None) or AgencyFactory()
    return Indicator.objects.create(
        code=code,
        name=fields.pop("name", f"Indicator {code}"),
        unit=unit,
        direction=direction,
        owner=owner,
        **fields,
    )


def percentage_of(numerator: Indicator, denominator: Indicator, code: str = "PC", unit=Unit.PERCENTAGE):
    return indicator(
        code,
        unit,
        kind=IndicatorKind.DERIVED,
        numerator=numerator,
        denominator=denominator,
        owner=numerator.owner,
    )


def area(code: str = "WBK", kind: str = AreaKind.DISTRICT, name: str = "") -> Area:
    return Area.objects.create(code=code, name=name or f"Area {code}", kind=kind)


def observe(what: Indicator, where: Area, start: dt.date, value) -> Observation:
    return Observation.objects.create(
        indicator=what, area=where, period_start=start, value=Decimal(str(value))
    )


@pytest.fixture
def westbrook():
    return area("WBK", AreaKind.OWN, "Westbrook")


@pytest.fixture
def counts():
    """(numerator, denominator, the percentage of them)."""
    numerator = indicator("ICPC-15", Unit.COUNT, Direction.NEUTRAL)
    denominator = indicator("ICPC", Unit.COUNT, Direction.NEUTRAL, owner=numerator.owner)
    return numerator, denominator, percentage_of(numerator, denominator, "ICPC-PC")


# --- observations -------------------------------------------------------------------------------


def test_one_value_per_indicator_area_and_period(westbrook):
    kpi = indicator()
    observe(kpi, westbrook, JUNE, 91.5)
    with pytest.raises(IntegrityError), transaction.atomic():
        Observation.objects.bulk_create(
            [Observation(indicator=kpi, area=westbrook, period_start=JUNE, value=90)]
        )
    observe(kpi, westbrook, JULY, 92)  # the next month is another value
    observe(kpi, area("CLB"), JUNE, 80)  # and so is another area
    assert Observation.objects.count() == 3


def test_a_correction_keeps_the_value_it_replaces(westbrook):
    analyst = UserFactory()
    value = observe(indicator(), westbrook, JUNE, 91.5)
    value.supplied_by = "Front door team"
    value.save()
    assert not value.corrections.exists()  # the value did not change: nothing to keep
    before = Observation.objects.get().supplied_at
    value.correct(Decimal("92.25"), supplied_by="Performance team", entered_by=analyst, note="Late returns")
    value.correct(Decimal("93"), supplied_by="Performance team", entered_by=analyst)
    stored = Observation.objects.get()
    assert stored.value == Decimal("93") and stored.note == "Late returns" and stored.supplied_at > before
    history = list(stored.corrections.all())
    assert [(c.previous_value, c.value) for c in history] == [
        (Decimal("91.5"), Decimal("92.25")),
        (Decimal("92.25"), Decimal("93")),
    ]
    first = history[0]
    assert (first.previous_supplied_by, first.previous_supplied_at) == ("Front door team", before)
    assert first.corrected_by == analyst and first.corrected_at >= before


@pytest.mark.parametrize(
    "unit, value, reason",
    [
        (Unit.PERCENTAGE, "100.5", "A percentage cannot be more than 100"),
        (Unit.PERCENTAGE, "-1", "A percentage cannot be negative"),
        (Unit.COUNT, "12.5", "A count must be a whole number"),
        (Unit.DAYS, "-3", "A number of days cannot be negative"),
        (Unit.NUMBER, "10000000000", "A number must be less than 10,000,000,000"),
    ],
)
def test_a_value_must_suit_its_unit(westbrook, unit, value, reason):
    with pytest.raises(ValidationError, match=reason):
        observe(indicator(unit=unit), westbrook, JUNE, value)
    observe(indicator("OTHER", unit=Unit.NUMBER), westbrook, JUNE, "-3")  # a plain number may be negative


def test_a_value_is_for_a_whole_period_that_is_over(westbrook):
    kpi = indicator()
    with pytest.raises(ValidationError, match="does not start a period"):
        observe(kpi, westbrook, dt.date(2021, 6, 15), 90)
    with pytest.raises(ValidationError, match="is in the future"):
        observe(kpi, westbrook, dt.date(2999, 1, 1), 90)
    yearly = indicator("YEARLY", frequency="yearly")
    with pytest.raises(ValidationError, match="does not start a period"):
        observe(yearly, westbrook, dt.date(2021, 1, 1), 90)
    assert observe(yearly, westbrook, dt.date(2021, 4, 1), 90).period.label == "2021-22"


def test_a_derived_indicator_has_no_values_of_its_own(westbrook, counts):
    with pytest.raises(ValidationError, match="worked out from its numerator and denominator"):
        observe(counts[2], westbrook, JUNE, 50)


def test_a_percentages_numerator_is_never_more_than_its_denominator(westbrook, counts):
    numerator, denominator, _ = counts
    observe(denominator, westbrook, JUNE, 10)
    with pytest.raises(ValidationError, match=r"ICPC-15 \(11\) would be more than Indicator ICPC \(10\)"):
        observe(numerator, westbrook, JUNE, 11)
    observe(numerator, westbrook, JUNE, 10)
    with pytest.raises(ValidationError, match="would be more than"):
        observe(denominator, westbrook, JULY, 5) and observe(numerator, westbrook, JULY, 6)
    value = Observation.objects.get(indicator=denominator, period_start=JUNE)
    with pytest.raises(ValidationError, match="would be more than"):
        value.correct(Decimal(9), supplied_by="")  # the denominator dropping below its numerator
    # A rate's numerator may be larger: referrals per 10,000 children is not a share.
    referrals = indicator("REF", Unit.COUNT, Direction.NEUTRAL)
    children = indicator("POP", Unit.COUNT, Direction.NEUTRAL)
    percentage_of(referrals, children, "REF-RATE", Unit.RATE)
    observe(children, westbrook, JUNE, 100)
    observe(referrals, westbrook, JUNE, 150)


def test_the_frequency_cannot_change_once_there_are_values(westbrook):
    kpi = indicator()
    kpi.frequency = "quarterly"
    kpi.full_clean()  # no values yet
    kpi.frequency = "monthly"
    observe(kpi, westbrook, JUNE, 90)
    kpi.frequency = "quarterly"
    with pytest.raises(ValidationError, match="frequency cannot change"):
        kpi.full_clean()


# --- indicators and areas -----------------------------------------------------------------------


def test_a_derived_indicator_needs_a_reported_count_numerator_and_denominator(counts):
    numerator, denominator, derived = counts
    assert derived.factor == 100 and derived.is_percentage
    rate = percentage_of(numerator, denominator, "RATE", Unit.RATE)
    assert rate.factor == 10_000
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.create(
            code="HALF", name="Half", unit=Unit.PERCENTAGE, direction=Direction.INCREASE,
            owner=numerator.owner, kind=IndicatorKind.DERIVED, numerator=numerator,
        )  # fmt: skip
    quarterly = indicator("Q", Unit.COUNT, frequency="quarterly")
    wrong = Indicator(
        code="WRONG", name="Wrong", unit=Unit.DAYS, direction=Direction.DECREASE, owner=numerator.owner,
        kind=IndicatorKind.DERIVED, numerator=derived, denominator=quarterly,
    )  # fmt: skip
    problems = wrong.problems()
    assert problems["numerator"] == "The numerator must be another indicator: a reported count"
    assert problems["denominator"].startswith("The denominator must have the same frequency")
    assert problems["unit"].startswith("A derived indicator is a percentage, a rate per 10,000 children")
    reported = Indicator(code="R", name="R", unit=Unit.COUNT, direction=Direction.NEUTRAL, factor=100)
    assert reported.problems() == {
        "kind": "Only a derived indicator has a numerator, a denominator and a factor"
    }


def test_codes_are_unique_in_any_case():
    indicator("FD-TIME")
    with pytest.raises(IntegrityError), transaction.atomic():
        indicator("fd-time", name="Another")
    area("WBK")
    with pytest.raises(IntegrityError), transaction.atomic():
        area("wbk", name="Another")


def test_there_is_one_own_area(westbrook):
    assert Area.objects.own() == westbrook
    area("CLB")
    with pytest.raises(IntegrityError), transaction.atomic():
        area("OTHER", AreaKind.OWN)


def test_rebases_for_an_area_and_for_every_area(westbrook):
    kpi = indicator("PIP", Unit.COUNT)
    other = area("CLB")
    Rebase.objects.create(indicator=kpi, period_start=JUNE, reason="Toolkit launched")
    Rebase.objects.create(indicator=kpi, area=other, period_start=dt.date(2020, 1, 1), reason="New team")
    assert rebase_starts(kpi, westbrook) == [JUNE]
    assert rebase_starts(kpi, other) == [dt.date(2020, 1, 1), JUNE]
    with pytest.raises(IntegrityError), transaction.atomic():
        Rebase.objects.create(indicator=kpi, period_start=JUNE, reason="Twice")
    with pytest.raises(ValidationError, match="does not start a period"):
        Rebase(indicator=kpi, period_start=dt.date(2021, 6, 2), reason="x").clean()


# --- targets --------------------------------------------------------------------------------------


def test_a_target_changes_by_a_new_one_from_a_later_date():
    kpi = indicator()
    first = Target.objects.create(indicator=kpi, value=85, applies_from=dt.date(2019, 4, 1))
    Target.objects.create(indicator=kpi, value=90, applies_from=dt.date(2021, 4, 1))
    assert kpi.target_on(dt.date(2019, 3, 31)) is None
    assert kpi.target_on(dt.date(2021, 3, 31)).value == 85
    assert kpi.target_on(dt.date(2021, 4, 1)).value == 90
    first.value = 80
    with pytest.raises(ValidationError, match="never changed: add a new one"):
        first.save()
    with pytest.raises(ValidationError, match="after the latest one's \\(1 April 2021\\)"):
        Target.objects.create(indicator=kpi, value=95, applies_from=dt.date(2020, 4, 1))
    assert list(kpi.targets.values_list("value", flat=True)) == [85, 90]


def test_no_target_for_an_indicator_where_neither_direction_is_better():
    context = indicator("REF-RATE", Unit.RATE, Direction.NEUTRAL)
    with pytest.raises(ValidationError, match="for context .* it has no target"):
        Target.objects.create(indicator=context, value=40, applies_from=JUNE)
    assert not Target.objects.exists()
    with pytest.raises(ValidationError, match="A percentage cannot be more than 100"):
        Target.objects.create(indicator=indicator(), value=101, applies_from=JUNE)


@pytest.mark.parametrize(
    "direction, value, rag",
    [
        (Direction.INCREASE, "90", "green"),
        (Direction.INCREASE, "95", "green"),
        (Direction.INCREASE, "85", "amber"),
        (Direction.INCREASE, "84.9", "red"),
        (Direction.DECREASE, "22", "green"),
        (Direction.DECREASE, "27", "amber"),
        (Direction.DECREASE, "27.1", "red"),
    ],
)
def test_rag_against_the_target_and_its_tolerance(direction, value, rag):
    kpi = indicator(direction=direction)
    goal = "90" if direction == Direction.INCREASE else "22"
    target = Target.objects.create(
        indicator=kpi, value=Decimal(goal), tolerance=Decimal(5), applies_from=JUNE
    )
    assert target.rag(Decimal(value)) == rag
    bare = Target(indicator=kpi, value=Decimal(goal), applies_from=JUNE)
    assert bare.rag(Decimal(value)) == ("green" if rag == "green" else "red")


# --- derived values -----------------------------------------------------------------------------


def test_derive():
    assert derive(Decimal(3), Decimal(8), 100, percentage=True) == Decimal("37.5")
    assert derive(Decimal(1), Decimal(3), 100, percentage=True) == Decimal("33.3333")
    assert derive(Decimal(2), Decimal(3), 100, percentage=True) == Decimal("66.6667")  # half up
    assert derive(Decimal(279), Decimal(62_000), 10_000, percentage=False) == Decimal("45")
    assert derive(Decimal(9), Decimal(8), 10_000, percentage=False) == Decimal("11250")
    with pytest.raises(DerivedValueError, match=r"numerator \(9\) is more than the denominator \(8\)"):
        derive(Decimal(9), Decimal(8), 100, percentage=True)
    with pytest.raises(DerivedValueError, match="the denominator is 0"):
        derive(Decimal(0), Decimal(0), 100, percentage=True)


def test_a_derived_series_is_worked_out_period_by_period(westbrook, counts):
    numerator, denominator, derived = counts
    other = area("CLB")
    for start, top, bottom in [
        (dt.date(2021, 4, 1), 3, 4),
        (dt.date(2021, 5, 1), 0, 0),
        (JUNE, 5, 8),
        (JULY, 7, None),
    ]:
        if bottom is not None:
            observe(denominator, westbrook, start, bottom)
        observe(numerator, westbrook, start, top)
    observe(denominator, westbrook, dt.date(2021, 8, 1), 10)
    observe(denominator, other, JUNE, 20)
    observe(numerator, other, JUNE, 10)
    # A value that slipped past the rules (bulk-loaded) is left out, not shown.
    Observation.objects.bulk_create([
        Observation(indicator=numerator, area=westbrook, period_start=dt.date(2021, 9, 1), value=6),
        Observation(indicator=denominator, area=westbrook, period_start=dt.date(2021, 9, 1), value=5),
    ])  # fmt: skip
    ours = series(derived, westbrook.pk)
    assert ours.periods == [dt.date(2021, 4, 1), JUNE]
    assert ours.values == [Decimal("75"), Decimal("62.5")]
    assert [reason for _, reason in ours.left_out] == [
        "May 2021: the denominator is 0: nothing can be divided by it",
        "July 2021: there is a numerator but no denominator",
        "August 2021: there is a denominator but no numerator",
        "September 2021: the numerator (6) is more than the denominator (5), which a percentage cannot be",
    ]
    both = series_for([derived, numerator], start=JUNE, end=JUNE)
    assert {a: s.values for a, s in both[derived.pk].items()} == {
        westbrook.pk: [Decimal("62.5")],
        other.pk: [50],
    }
    assert both[numerator.pk][other.pk].values == [10]


def test_a_reported_series_is_in_period_order(westbrook):
    kpi = indicator()
    for start, value in [(JULY, 2), (JUNE, 1), (dt.date(2020, 1, 1), 0)]:
        observe(kpi, westbrook, start, value)
    assert series(kpi, westbrook.pk).values == [0, 1, 2]
    assert series(kpi, area("EMPTY").pk).values == []
