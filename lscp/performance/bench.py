"""National-scale synthetic KPIs for `make bench`: one group watching 60 indicators, each with ten
years of monthly values for the partnership's area and five comparators, so that the performance
report is measured on a group's full data set.

The group is the first of governance's bench groups (it has members and meetings). The mix is a
data set's: percentages, counts, days and rates, every direction, targets on most (some changed
part way), rebases on a few, and one in ten a derived percentage whose numerator and denominator
are counts of their own (not watched, as in a real data set). Values are level plus noise, with
shifts and drifts here and there so the report finds every kind of signal.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from lscp.core.models import Agency
from lscp.governance.models import Group
from lscp.performance.models import Area, Indicator, Observation, Rebase, Target
from lscp.performance.periods import Frequency, Period
from lscp.performance.vocabulary import AreaKind, Direction, IndicatorKind, Unit

DEPENDS_ON = ["core", "accounts", "governance"]
INDICATORS = 60
COMPARATORS = 5
MONTHS = 120
PREFIX = "BENCH-"
BATCH = 5000
# (unit, direction, typical level, noise): cycled through the watched indicators.
KINDS = [
    (Unit.PERCENTAGE, Direction.INCREASE, 85.0, 3.0),
    (Unit.PERCENTAGE, Direction.DECREASE, 22.0, 1.5),
    (Unit.DAYS, Direction.DECREASE, 30.0, 3.0),
    (Unit.COUNT, Direction.INCREASE, 40.0, 6.0),
    (Unit.RATE, Direction.NEUTRAL, 45.0, 2.0),
    (Unit.PERCENTAGE, Direction.NEUTRAL, 50.0, 4.0),
    (Unit.NUMBER, Direction.INCREASE, 12.0, 1.5),
    (Unit.COUNT, Direction.NEUTRAL, 300.0, 15.0),
    (Unit.PERCENTAGE, Direction.INCREASE, 70.0, 5.0),
]


def seed(scale, rng) -> None:
    count = getattr(scale, "kpi_indicators", INDICATORS)
    months = _months()
    areas = _areas()
    agencies = list(Agency.objects.values_list("pk", flat=True))
    watched, series = _indicators(count, rng, agencies)
    group = _group()
    Watching = Indicator.groups.through
    Watching.objects.bulk_create([Watching(indicator_id=i.pk, group_id=group.pk) for i in watched])
    _targets(watched, rng, months)
    _rebases(watched, rng, months)
    Observation.objects.bulk_create(_observations(series, areas, months, rng), batch_size=BATCH)


def _months() -> list[Period]:
    latest = Period.containing(Frequency.MONTHLY, timezone.localdate()).previous()
    return [latest.shifted(n - MONTHS + 1) for n in range(MONTHS)]


def _group() -> Group:
    group = Group.objects.filter(slug__startswith="bench-").order_by("slug").first()
    if group is None:
        group = Group.objects.create(
            name="Bench performance group", short_name="Bench KPIs", slug="bench-kpis", function="Bench."
        )
    return group


def _areas() -> list[Area]:
    """The partnership's own area (the demo's, when it is loaded) and five comparators."""
    own = Area.objects.filter(kind=AreaKind.OWN).first() or Area.objects.create(
        name="Bench partnership", code=f"{PREFIX}OWN", kind=AreaKind.OWN
    )
    comparators = [
        Area.objects.create(name=f"Bench district {n}", code=f"{PREFIX}D{n}", kind=AreaKind.DISTRICT, order=n)
        for n in range(1, COMPARATORS + 1)
    ]
    return [own, *comparators]


def _indicators(count: int, rng, agencies: list[int]):
    """([the watched indicators], [(indicator, level, noise)] for every indicator given values)."""
    watched: list[Indicator] = []
    series: list[tuple] = []  # (indicator, level, noise), or (numerator, denominator) of a percentage
    for n in range(count):
        unit, direction, level, noise = KINDS[n % len(KINDS)]
        fields = {
            "owner_id": rng.choice(agencies),
            "direction": direction,
            "published": n % 3 != 0,
            "order": n,
        }
        if n % 10 == 9:
            numerator = _indicator(f"{PREFIX}{n:03d}-N", f"Bench numerator {n:03d}", Unit.COUNT, fields)
            denominator = _indicator(f"{PREFIX}{n:03d}-D", f"Bench denominator {n:03d}", Unit.COUNT, fields)
            series.append((numerator, denominator))
            derived = {"kind": IndicatorKind.DERIVED, "numerator": numerator, "denominator": denominator}
            watched.append(
                _indicator(f"{PREFIX}{n:03d}", f"Bench KPI {n:03d}", Unit.PERCENTAGE, fields | derived)
            )
        else:
            indicator = _indicator(f"{PREFIX}{n:03d}", f"Bench KPI {n:03d}", unit, fields)
            watched.append(indicator)
            series.append((indicator, level * rng.uniform(0.8, 1.2), noise))
    return watched, series


def _indicator(code: str, name: str, unit: Unit, fields: dict) -> Indicator:
    return Indicator.objects.create(code=code, name=name, unit=unit, definition="Bench.", **fields)


def _targets(watched: list[Indicator], rng, months: list[Period]) -> None:
    """A target on most directed indicators; every fourth changed part way through."""
    for n, indicator in enumerate(watched):
        if indicator.direction == Direction.NEUTRAL or n % 5 == 4:
            continue
        value = _value(indicator.unit, _level_of(indicator) * rng.uniform(0.9, 1.1))
        Target.objects.create(
            indicator=indicator, value=value, applies_from=months[0].start, tolerance=Decimal(2)
        )
        if n % 4 == 0:
            Target.objects.create(
                indicator=indicator, value=value + 1, applies_from=months[MONTHS // 2].start
            )


def _level_of(indicator: Indicator) -> float:
    return 66.0 if indicator.is_derived else next(k[2] for k in KINDS if k[0] == indicator.unit)


def _rebases(watched: list[Indicator], rng, months: list[Period]) -> None:
    """A new baseline on one indicator in six, somewhere in the second half of the ten years."""
    for indicator in watched[::6]:
        start = months[rng.randint(MONTHS // 2, MONTHS - 13)].start
        Rebase.objects.create(indicator=indicator, period_start=start, reason="Bench: the process changed.")


def _observations(series, areas: list[Area], months: list[Period], rng):
    """Every series' values: level plus noise, with a shift in the last year on one in three; a
    percentage's numerator a share of its denominator (never more)."""
    supplied = timezone.now() - dt.timedelta(days=1)
    for item in series:
        for area in areas:
            if len(item) == 2:
                numerator, denominator = item
                totals = _walk(90.0, 4.0, rng)
                yield from _rows(denominator, area, months, totals, supplied)
                shares = [min(1.0, max(0.0, share / 100)) for share in _walk(66.0, 4.0, rng)]
                parts = [round(total * share) for total, share in zip(totals, shares, strict=True)]
                yield from _rows(numerator, area, months, parts, supplied)
            else:
                indicator, level, noise = item
                yield from _rows(indicator, area, months, _walk(level, noise, rng), supplied)


def _walk(level: float, noise: float, rng) -> list[float]:
    """Ten years about a level, shifted in the last year one time in two."""
    shift = rng.choice([0.0, 0.0, noise * 2.5, -noise * 2.5])
    base = level * rng.uniform(0.9, 1.1)
    return [base + rng.gauss(0, noise) + (shift if m >= MONTHS - 12 else 0) for m in range(MONTHS)]


def _rows(indicator: Indicator, area: Area, months: list[Period], values, supplied):
    for period, value in zip(months, values, strict=True):
        yield Observation(
            indicator=indicator,
            area=area,
            period_start=period.start,
            value=_value(indicator.unit, value),
            supplied_by="Bench",
            supplied_at=supplied,
        )


def _value(unit: str, value: float) -> Decimal:
    value = max(0.0, value)
    if unit == Unit.PERCENTAGE:
        value = min(100.0, value)
    return Decimal(round(value)) if unit == Unit.COUNT else Decimal(str(round(value, 1)))
