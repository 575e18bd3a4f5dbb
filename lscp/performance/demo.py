"""The demo partnership's multi-agency data set: the reference report's KPIs, with three years of
monthly values (April 2019 to March 2022) for Westbrook and four other districts in the region.

The values are synthetic, shaped so that the 2021-22 performance report tells the reference
report's story when the SPC analysis reads them (nothing here states a verdict):
- good or improved: re-referrals fall (the last nine months all below the average), front door
  decisions in timescale rise past their target, Section 47 enquiries pass theirs every month;
- fluctuating: strategy discussion attendance, initial conferences in 15 working days, contacts
  reaching the threshold and LADO meetings move about their targets, hitting and missing;
- development still required: CAMHS waits climb through 2021-22, and return home interviews
  within 72 hours run far below their target;
- intelligence submissions to the PIP step up in every district after the toolkit's launch in
  June 2021, where a rebase starts a new baseline.

Everything else is common-cause noise: random, but with no long run on one side of the average
and no long climb, so the only signals are the ones put there on purpose. Each series has its own
seeded generator, so the values never depend on the order of loading; a second load changes
nothing.
"""

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from lscp.core.models import Agency
from lscp.governance.models import Group
from lscp.performance.models import Area, Indicator, Observation, Rebase, Target
from lscp.performance.periods import Frequency, Period, between
from lscp.performance.vocabulary import AreaKind, Direction, IndicatorKind, Unit

DEPENDS_ON = ["core", "accounts", "governance"]

FIRST = Period(dt.date(2019, 4, 1), Frequency.MONTHLY)
LAST = Period(dt.date(2022, 3, 1), Frequency.MONTHLY)
MONTHS = between(FIRST, LAST)
TOOLKIT_LAUNCH = dt.date(2021, 6, 1)

COUNCIL = "Westbrook Metropolitan District Council"
POLICE = "West Moorland Police"
MENTAL_HEALTH = "Moorland Community and Mental Health NHS Foundation Trust"
PUBLIC_HEALTH = "Westbrook Public Health"
RETURN_INTERVIEWS = "Safe Harbour Westbrook"
CASE_SYSTEM = "Children's social care case management system"

OWN = "WBK"
DISTRICTS = ["CLB", "HLW", "KRM", "STB"]
REGION, ENGLAND = "NMR", "ENG"
AREAS = [
    (OWN, "Westbrook", AreaKind.OWN),
    ("CLB", "Calderbank", AreaKind.DISTRICT),
    ("HLW", "Hollinsworth", AreaKind.DISTRICT),
    ("KRM", "Kirkmoor", AreaKind.DISTRICT),
    ("STB", "Stanebridge", AreaKind.DISTRICT),
    (REGION, "Northern Moors region", AreaKind.REGION),
    (ENGLAND, "England", AreaKind.ENGLAND),
]
# Children aged 0 to 17 in each area (the ONS mid-year estimates the rates divide by).
CHILDREN = {
    OWN: 62_000,
    "CLB": 48_500,
    "HLW": 71_200,
    "KRM": 39_800,
    "STB": 55_600,
    REGION: 1_180_000,
    ENGLAND: 12_000_000,
}


@dataclass
class Spec:
    code: str
    name: str
    definition: str
    unit: Unit
    direction: Direction
    owner: str
    groups: tuple[str, ...] = ("seg",)
    source: str = CASE_SYSTEM
    parts: tuple[str, str] | None = None  # (numerator, denominator) for a derived indicator
    targets: tuple[tuple[dt.date, str, str], ...] = ()  # (applies from, value, tolerance)
    published: bool = True
    order: int = 0


APRIL_2019 = dt.date(2019, 4, 1)
APRIL_2021 = dt.date(2021, 4, 1)
PART: dict[str, Any] = {"groups": (), "published": False}  # a count feeding a rate or a percentage

SPECS = [
    # The counts rates and percentages are worked out from.
    Spec("REF", "Referrals to children's social care", "Referrals accepted in the month.",
         Unit.COUNT, Direction.NEUTRAL, COUNCIL, **PART),
    Spec("REREF", "Re-referrals within 12 months of a previous referral",
         "Referrals in the month of a child referred in the 12 months before.",
         Unit.COUNT, Direction.NEUTRAL, COUNCIL, **PART),
    Spec("POP", "Children aged 0 to 17", "The ONS mid-year estimate in force in the month.",
         Unit.COUNT, Direction.NEUTRAL, PUBLIC_HEALTH, source="ONS mid-year population estimates", **PART),
    Spec("CPP", "Children on a child protection plan", "Children on a plan at the end of the month.",
         Unit.COUNT, Direction.NEUTRAL, COUNCIL, **PART),
    Spec("ICPC", "Initial child protection conferences held", "Conferences held in the month.",
         Unit.COUNT, Direction.NEUTRAL, COUNCIL, **PART),
    Spec("ICPC-15", "Initial conferences held within 15 working days",
         "Conferences in the month held within 15 working days of the strategy discussion.",
         Unit.COUNT, Direction.NEUTRAL, COUNCIL, **PART),
    # The data set the groups watch, in the reference report's order.
    Spec("REF-RATE", "Referral rate per 10,000 children", "Referrals in the month per 10,000 children.",
         Unit.RATE, Direction.NEUTRAL, COUNCIL, parts=("REF", "POP"), order=1),
    Spec("REREF-PC", "Re-referrals to children's social care within 12 months",
         "Share of the month's referrals that were re-referrals within 12 months.",
         Unit.PERCENTAGE, Direction.DECREASE, COUNCIL, parts=("REREF", "REF"),
         targets=((APRIL_2019, "22", "2"),), order=2),
    Spec("THRESHOLD", "Contacts reaching the threshold for children's social care",
         "Share of contacts to the front door that became referrals.",
         Unit.PERCENTAGE, Direction.INCREASE, COUNCIL, targets=((APRIL_2019, "40", "3"),), order=3),
    Spec("FD-TIME", "Front door referral decisions made within timescale",
         "Share of referrals with a decision within one working day.",
         Unit.PERCENTAGE, Direction.INCREASE, COUNCIL,
         targets=((APRIL_2019, "85", "5"), (APRIL_2021, "90", "5")), order=4),
    Spec("SD-ATT", "Strategy discussions attended by police and health",
         "Share of strategy discussions with both police and health taking part.",
         Unit.PERCENTAGE, Direction.INCREASE, COUNCIL, targets=((APRIL_2019, "90", "5"),), order=5),
    Spec("S47-TIME", "Section 47 enquiries completed within timescale",
         "Share of enquiries completed within 15 working days of the strategy discussion.",
         Unit.PERCENTAGE, Direction.INCREASE, COUNCIL, targets=((APRIL_2019, "85", "5"),), order=6),
    Spec("ICPC-PC", "Initial child protection conferences within 15 working days",
         "Share of initial conferences held within 15 working days of the strategy discussion.",
         Unit.PERCENTAGE, Direction.INCREASE, COUNCIL, parts=("ICPC-15", "ICPC"),
         targets=((APRIL_2019, "80", "5"),), order=7),
    Spec("CPP-RATE", "Children on a child protection plan per 10,000 children",
         "Children on a plan at the end of the month per 10,000 children.",
         Unit.RATE, Direction.NEUTRAL, COUNCIL, parts=("CPP", "POP"), order=8),
    Spec("RHI-72", "Return home interviews offered within 72 hours",
         "Share of children back from a missing episode offered an interview within 72 hours.",
         Unit.PERCENTAGE, Direction.INCREASE, RETURN_INTERVIEWS, groups=("seg", "mace"),
         source="Missing children database", targets=((APRIL_2019, "90", "5"),), order=9),
    Spec("LADO-TIME", "LADO initial allegation meetings held within timescale",
         "Share of allegations against people who work with children discussed within five working days.",
         Unit.PERCENTAGE, Direction.INCREASE, COUNCIL, source="LADO database",
         targets=((APRIL_2019, "85", "5"),), order=10),
    Spec("CAMHS-ASSESS", "CAMHS: average wait for an assessment",
         "Average days from referral to the first assessment, for children assessed in the month.",
         Unit.DAYS, Direction.DECREASE, MENTAL_HEALTH, source="CAMHS patient record system",
         targets=((APRIL_2019, "28", "7"),), order=11),
    Spec("CAMHS-TREAT", "CAMHS: average wait from assessment to treatment",
         "Average days from assessment to the start of treatment, for children starting in the month.",
         Unit.DAYS, Direction.DECREASE, MENTAL_HEALTH, source="CAMHS patient record system",
         targets=((APRIL_2019, "126", "14"),), order=12),
    Spec("PIP", "Intelligence submissions to the Partnership Intelligence Portal",
         "Pieces of intelligence about exploitation submitted by any agency in the month.",
         Unit.COUNT, Direction.INCREASE, POLICE, groups=("mace", "seg"),
         source="Partnership Intelligence Portal", order=13),
]  # fmt: skip
REBASES = [
    (
        "PIP",
        TOOLKIT_LAUNCH,
        "The exploitation intelligence toolkit was launched to every agency in June 2021.",
    ),
]


def load(rng) -> str:
    """The data set; `rng` is unused: each series seeds its own generator, so that loading in any
    order gives the same values."""
    areas = _areas()
    indicators = {spec.code: _indicator(spec) for spec in SPECS}
    targets = sum(_targets(spec, indicators[spec.code]) for spec in SPECS)
    for code, start, reason in REBASES:
        Rebase.objects.get_or_create(
            indicator=indicators[code], area=None, period_start=start, defaults={"reason": reason}
        )
    new = _observations(indicators, areas)
    return f"{len(SPECS)} indicators, {len(areas)} areas, {targets} new targets, {new} new values"


def _areas() -> dict[str, Area]:
    return {
        code: Area.objects.get_or_create(code=code, defaults={"name": name, "kind": kind, "order": order})[0]
        for order, (code, name, kind) in enumerate(AREAS)
    }


def _indicator(spec: Spec) -> Indicator:
    parts = {}
    if spec.parts:
        numerator, denominator = (Indicator.objects.get(code=code) for code in spec.parts)
        parts = {"kind": IndicatorKind.DERIVED, "numerator": numerator, "denominator": denominator}
    indicator, created = Indicator.objects.get_or_create(
        code=spec.code,
        defaults={
            "name": spec.name,
            "definition": spec.definition,
            "unit": spec.unit,
            "direction": spec.direction,
            "owner": Agency.objects.get(name=spec.owner),
            "source_system": spec.source,
            "published": spec.published,
            "order": spec.order,
            **parts,
        },
    )
    if created:
        indicator.groups.set(Group.objects.filter(slug__in=spec.groups))
    return indicator


def _targets(spec: Spec, indicator: Indicator) -> int:
    new = 0
    for applies_from, value, tolerance in spec.targets:
        if not indicator.targets.filter(applies_from=applies_from).exists():
            Target.objects.create(
                indicator=indicator,
                applies_from=applies_from,
                value=Decimal(value),
                tolerance=Decimal(tolerance),
                note="Agreed by the Safeguarding Effectiveness Group.",
            )
            new += 1
    return new


# --- the values -----------------------------------------------------------------------------------


def _observations(indicators: dict[str, Indicator], areas: dict[str, Area]) -> int:
    """Every series' values, written where missing."""
    here = set(
        Observation.objects.filter(indicator__in=indicators.values()).values_list(
            "indicator_id", "area_id", "period_start"
        )
    )
    rows = []
    for (code, area), values in series_values().items():
        indicator, place = indicators[code], areas[area]
        for period, value in zip(MONTHS, values, strict=True):
            if (indicator.pk, place.pk, period.start) not in here:
                rows.append(_observation(indicator, place, period, value))
    Observation.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _observation(indicator: Indicator, area: Area, period: Period, value: float) -> Observation:
    supplied = dt.datetime.combine(period.end + dt.timedelta(days=12), dt.time(9, 30), tzinfo=dt.UTC)
    return Observation(
        indicator=indicator,
        area=area,
        period_start=period.start,
        value=Decimal(str(value)),
        supplied_by=f"{indicator.owner.display_name} performance team",
        supplied_at=supplied,
    )


Shape = Callable[[int], float]  # month number (0 is April 2019) -> the level without noise
ATTEMPTS = 500


def series_values() -> dict[tuple[str, str], list[float]]:
    """{(reported indicator's code, area code): its 36 values}, as the demo stores them."""
    series: dict[tuple[str, str], list[float]] = {}
    for area in [OWN, *DISTRICTS, REGION, ENGLAND]:
        series |= _counts(area)
    for area in [OWN, *DISTRICTS]:
        series |= _percentages_and_days(area)
        series[("PIP", area)] = _pip(area)
    return series


def scale(area: str, size: float) -> float:
    """Noise in proportion to the area's size: larger areas' counts vary more."""
    return size * (CHILDREN[area] / CHILDREN[OWN]) ** 0.5


def _counts(area: str) -> dict[tuple[str, str], list[float]]:
    """Referrals, re-referrals, children, plans and conferences."""
    children = CHILDREN[area]
    per_10k = children / 10_000
    # The mid-year estimate changes each July; referrals and plans are steady as rates per child.
    population = [float(round(children * (1 + 0.004 * ((m + 9) // 12)))) for m in range(len(MONTHS))]
    referrals, re_referrals = _pair(
        "REREF", area, 45 * per_10k, scale(area, 9), _re_referral_shape(area), 0.9, per=population
    )
    values = {
        ("REF", area): referrals,
        ("REREF", area): re_referrals,
        ("POP", area): population,
        ("CPP", area): _values("CPP", area, lambda m: 44 * per_10k, scale(area, 6), places=0, per=population),
    }
    if area not in (REGION, ENGLAND):
        held, in_time = _pair("ICPC", area, 2.9 * per_10k, scale(area, 2), _level(area, 78, 4), 5)
        values[("ICPC", area)], values[("ICPC-15", area)] = held, in_time
    return values


def _percentages_and_days(area: str) -> dict[tuple[str, str], list[float]]:
    own = area == OWN
    return {
        ("THRESHOLD", area): _values("THRESHOLD", area, _level(area, 40, 6), 2.5, ceiling=100.0),
        ("FD-TIME", area): _values(
            "FD-TIME",
            area,
            _front_door_shape if own else _level(area, 86, 5),
            2,
            quiet=not own,
            ceiling=100.0,
        ),
        ("SD-ATT", area): _values(
            "SD-ATT", area, _level(area, 89, 4) if own else _level(area, 86, 6), 2.6, ceiling=100.0
        ),
        ("S47-TIME", area): _values(
            "S47-TIME", area, _level(area, 93, 0) if own else _level(area, 84, 6), 1.1, ceiling=100.0
        ),
        ("RHI-72", area): _values(
            "RHI-72", area, _level(area, 62, 0) if own else _level(area, 74, 8), 3.5, ceiling=100.0
        ),
        ("LADO-TIME", area): _values("LADO-TIME", area, _level(area, 83, 4), 3.5, ceiling=100.0),
        ("CAMHS-ASSESS", area): _values(
            "CAMHS-ASSESS", area, _rising(24, 40) if own else _level(area, 30, 8), 1.6, quiet=not own
        ),
        ("CAMHS-TREAT", area): _values(
            "CAMHS-TREAT", area, _rising(110, 142) if own else _level(area, 120, 20), 5, quiet=not own
        ),
    }


def _level(area: str, level: float, spread: float) -> Shape:
    """A steady level; each district's own, within `spread` of `level` (Westbrook's is `level`)."""
    if area != OWN:
        level += random.Random(f"level:{area}:{level}").uniform(-spread, spread)
    return lambda m: level


def _re_referral_shape(area: str) -> Shape:
    """Westbrook's re-referrals: about 26% until the front door changes of early 2021, falling to
    about 19.5% from July 2021 (nine months below the three-year average by March 2022)."""
    if area != OWN:
        return _level(area, 23, 3)
    return lambda m: 26.0 if m < 21 else 19.5 if m >= 27 else 26.0 - (m - 20) * 1.0


def _front_door_shape(m: int) -> float:
    """Westbrook's front door: about 80% in time, rising through the joint triage pilot (from
    October 2020) to about 93% through 2021-22."""
    return 80.0 if m < 18 else 93.0 if m >= 24 else 80.0 + (m - 17) * 1.8


def _rising(before: float, by_march_2022: float) -> Shape:
    """Steady for two years, then climbing month on month through 2021-22."""
    return lambda m: before if m < 24 else before + (by_march_2022 - before) * (m - 23) / 12


def _pip(area: str) -> list[float]:
    """Submissions by district: a step up when the toolkit was launched (June 2021, month 26),
    steady either side of it."""
    before = 35 * CHILDREN[area] / CHILDREN[OWN]
    after = before * (1.9 if area == OWN else 1.6)
    launch = MONTHS.index(Period(TOOLKIT_LAUNCH, Frequency.MONTHLY))

    def draw(rng: random.Random) -> list[float]:
        return [
            float(max(0, round((before if m < launch else after) + scale(area, 4) * rng.gauss(0, 1))))
            for m in range(len(MONTHS))
        ]

    return _steady("PIP", area, draw, lambda values: [values[:launch], values[launch:]])


def _values(
    code: str,
    area: str,
    shape: Shape,
    noise: float,
    places: int = 1,
    ceiling: float | None = None,
    quiet: bool = True,
    per: list[float] | None = None,
) -> list[float]:
    """The shape plus noise, rounded, never below 0 nor above the ceiling; for a steady shape
    (`quiet`), noise that raises no special cause of its own, read as it is or `per` a population."""

    def draw(rng: random.Random) -> list[float]:
        values = []
        for m in range(len(MONTHS)):
            value = max(0.0, shape(m) + noise * max(-2.5, min(2.5, rng.gauss(0, 1))))
            value = value if ceiling is None else min(ceiling, value)
            values.append(round(value, places) if places else float(round(value)))
        return values

    return _steady(code, area, draw, lambda values: [_per(values, per)] if quiet else [])


def _per(values: list[float], per: list[float] | None) -> list[float]:
    return values if per is None else [value / size for value, size in zip(values, per, strict=True)]


def _pair(code: str, area: str, total: float, spread: float, share: Shape, share_noise: float, per=None):
    """(totals, parts): a count and the part of it the percentage counts, such as referrals and
    re-referrals; the percentage, and the totals, steady where the share is."""
    steady_share = share(0) == share(len(MONTHS) - 1)

    def draw(rng: random.Random) -> tuple[list[float], list[float]]:
        totals = [float(max(1, round(total + spread * rng.gauss(0, 1)))) for _ in MONTHS]
        shares = [share(m) + share_noise * max(-2.5, min(2.5, rng.gauss(0, 1))) for m in range(len(MONTHS))]
        return totals, [
            float(min(t, max(0, round(t * s / 100)))) for t, s in zip(totals, shares, strict=True)
        ]

    def readings(drawn: tuple[list[float], list[float]]) -> list[list[float]]:
        totals, parts = drawn
        percentages = [100 * p / t for p, t in zip(parts, totals, strict=True)]
        return [_per(totals, per), percentages] if steady_share else [_per(totals, per)]

    return _steady(code, area, draw, readings)


def _steady(code: str, area: str, draw, readings):
    """Draws from the series' own generator until every reading of the draw is quiet."""
    rng = random.Random(f"2022:{code}:{area}")
    for _ in range(ATTEMPTS):
        drawn = draw(rng)
        if all(_quiet(reading) for reading in readings(drawn)):
            break
    return drawn


def _quiet(values: list[float]) -> bool:
    """Whether a series would show only common-cause variation: nothing beyond its process limits
    or close to them, no run of six on one side of its mean, no six steadily rising or falling."""
    mean = sum(values) / len(values)
    ranges = [abs(b - a) for a, b in zip(values, values[1:], strict=False)]
    spread = 2.66 * sum(ranges) / len(ranges)
    within = all(abs(value - mean) < spread * 2 / 3 for value in values)
    return within and _longest_run([v - mean for v in values]) < 6 and _longest_climb(values) < 6


def _longest_run(values: list[float]) -> int:
    longest = run = 0
    side = 0
    for value in values:
        now = (value > 0) - (value < 0)
        run = run + 1 if now == side and now else 1
        side = now
        longest = max(longest, run)
    return longest


def _longest_climb(values: list[float]) -> int:
    longest = run = 1
    direction = 0
    for before, after in zip(values, values[1:], strict=False):
        now = (after > before) - (after < before)
        run = run + 1 if now == direction and now else 2
        direction = now
        longest = max(longest, run)
    return longest
