"""A group's performance report: every KPI it watches, read with SPC, up to a period.

The whole report is a handful of queries whatever the number of KPIs (indicators, targets,
rebases, areas, every value at once, the exception actions) and one SPC run over every series
together (`spc.analyse_many`). A KPI with fewer than two values says "not enough data".
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from lscp.improvement.models import Action
from lscp.performance import derived, spc
from lscp.performance.charts import spc_chart
from lscp.performance.models import Area, Indicator, Rebase, Target
from lscp.performance.periods import Frequency, Period
from lscp.performance.reading import (
    ASSURANCE_LABELS,
    READING_LABELS,
    VARIATION_LABELS,
    Reading,
    Sentence,
    sentence,
)
from lscp.performance.vocabulary import AreaKind

EXCEPTION_SOURCE = "kpi_exception"
PERIOD_WORDS = {Frequency.MONTHLY: "months", Frequency.QUARTERLY: "quarters", Frequency.YEARLY: "years"}


@dataclass
class Comparator:
    area: str
    value: Decimal | None
    ranked: bool  # a district of the region: ranked with the partnership; the region and England not


@dataclass
class KpiRow:
    indicator: Indicator
    periods: list[Period]
    values: list[Decimal]
    result: spc.SeriesResult | None = None
    target: Target | None = None
    said: Sentence | None = None
    comparators: list[Comparator] = field(default_factory=list)
    rank: str = ""
    exception: Action | None = None
    reply: str = ""  # the owner agency's latest update on the exception

    @property
    def enough_data(self) -> bool:
        return self.result is not None

    @property
    def latest(self) -> Decimal | None:
        return self.values[-1] if self.values else None

    @property
    def previous(self) -> Decimal | None:
        return self.values[-2] if len(self.values) > 1 else None

    @property
    def latest_period(self) -> Period | None:
        return self.periods[-1] if self.periods else None

    @property
    def reading(self) -> Reading | None:
        return self.said.reading if self.said else None

    @property
    def variation(self) -> str:
        return VARIATION_LABELS[self.result.variation_icon] if self.result else ""

    @property
    def assurance(self) -> str:
        return ASSURANCE_LABELS[self.result.assurance] if self.result else ""

    @property
    def chart(self) -> str:
        if self.result is None:
            return ""
        labels = [p.label for p in self.periods]
        return spc_chart(self.indicator.name, self.result, labels, self.indicator.get_unit_display())


@dataclass
class Report:
    title: str
    until: dt.date
    rows: list[KpiRow]

    def grouped(self) -> list[tuple[str, list[KpiRow]]]:
        """The three groups of the annual report, then the KPIs without enough data."""
        groups = [(READING_LABELS[r], [row for row in self.rows if row.reading == r]) for r in Reading]
        groups.append(("Not enough data yet", [row for row in self.rows if not row.enough_data]))
        return [(label, rows) for label, rows in groups if rows]


def build(indicators: list[Indicator], *, title: str, until: dt.date) -> Report:
    """The report of these indicators' values up to the period containing `until`."""
    own = Area.objects.own()
    areas = list(Area.objects.all())
    series = derived.series_for(indicators, [own.pk], end=until)
    rows = [_row(indicator, series[indicator.pk].get(own.pk)) for indicator in indicators]
    _targets(rows, until)
    _analyse(rows, _rebases(indicators, own))
    _compare(rows, _comparators_series(indicators, rows, own, areas, until), own, areas)
    _exceptions(rows)
    return Report(title, until, rows)


def _row(indicator: Indicator, own: derived.Series | None) -> KpiRow:
    if own is None:
        return KpiRow(indicator, [], [])
    periods = [Period(start, Frequency(indicator.frequency)) for start in own.periods]
    return KpiRow(indicator, periods, list(own.values))


def _targets(rows: list[KpiRow], until: dt.date) -> None:
    """The target in force at the end of the report's period (one query for all)."""
    by_indicator: dict[int, Target] = {}
    found = Target.objects.filter(indicator__in=[r.indicator for r in rows], applies_from__lte=until)
    for target in found.order_by("applies_from"):
        by_indicator[target.indicator_id] = target
    for row in rows:
        row.target = by_indicator.get(row.indicator.pk)


def _rebases(indicators: list[Indicator], own: Area) -> dict[int, set[dt.date]]:
    starts: dict[int, set[dt.date]] = defaultdict(set)
    found = Rebase.objects.filter(indicator__in=indicators)
    for indicator_id, area_id, start in found.values_list("indicator_id", "area_id", "period_start"):
        if area_id in (None, own.pk):
            starts[indicator_id].add(start)
    return starts


def _analyse(rows: list[KpiRow], rebases: dict[int, set[dt.date]]) -> None:
    """One SPC run over every KPI with enough values; the rest stay "not enough data"."""
    ready = [row for row in rows if _usable_rebases(row, rebases) is not None]
    if not ready:
        return
    batch = spc.analyse_many(
        [[float(v) for v in row.values] for row in ready],
        improvement=[row.indicator.direction for row in ready],
        target=[
            float(row.target.value) if row.target and row.indicator.direction != "neutral" else None
            for row in ready
        ],
        rebase=[_usable_rebases(row, rebases) for row in ready],
    )
    for i, row in enumerate(ready):
        row.result = batch.series(i, x=[p.code for p in row.periods])
        words = PERIOD_WORDS[Frequency(row.indicator.frequency)]
        row.said = sentence(row.indicator.name, row.result, periods=words)


def _usable_rebases(row: KpiRow, rebases: dict[int, set[dt.date]]) -> list[int] | None:
    """The points where a new baseline starts, or None when the series cannot be analysed: fewer
    than two values, or a baseline of fewer than two."""
    if len(row.values) < spc.MIN_POINTS:
        return None
    starts = [
        i for i, p in enumerate(row.periods) if p.start in rebases.get(row.indicator.pk, set()) and i > 0
    ]
    bounds = [0, *starts, len(row.values)]
    if any(b - a < spc.MIN_POINTS for a, b in zip(bounds, bounds[1:], strict=False)):
        return None
    return starts


def _comparators_series(indicators, rows: list[KpiRow], own: Area, areas: list[Area], until: dt.date):
    """The comparators' values from the earliest of the KPIs' latest periods on: a comparator is
    shown only beside the partnership's latest value, so years of their history are not read."""
    latest = [row.latest_period.start for row in rows if row.latest_period is not None]
    others = [area.pk for area in areas if area.pk != own.pk]
    if not latest or not others:
        return {indicator.pk: {} for indicator in indicators}
    return derived.series_for(indicators, others, start=min(latest), end=until)


def _compare(rows: list[KpiRow], series, own: Area, areas: list[Area]) -> None:
    """Each comparator's value for the same period as the partnership's latest, and the
    partnership's rank among the districts (1 = best by the indicator's direction)."""
    for row in rows:
        period = row.latest_period
        if period is None:
            continue
        by_area = series[row.indicator.pk]
        for area in areas:
            if area.pk == own.pk:
                continue
            values = (
                dict(zip(by_area[area.pk].periods, by_area[area.pk].values, strict=True))
                if area.pk in by_area
                else {}
            )
            row.comparators.append(
                Comparator(area.name, values.get(period.start), area.kind == AreaKind.DISTRICT)
            )
        row.rank = _rank(row)


def _rank(row: KpiRow) -> str:
    """The partnership's place among the region's districts with a value (1 = best)."""
    direction = row.indicator.direction
    if direction == "neutral" or row.latest is None:
        return ""
    known = [c.value for c in row.comparators if c.value is not None and c.ranked] + [row.latest]
    better = sum(1 for v in known if (v > row.latest if direction == "increase" else v < row.latest))
    return f"{better + 1} of {len(known)}"


def _exceptions(rows: list[KpiRow]) -> None:
    """The latest exception action raised for each KPI, with its updates (one query)."""
    from django.contrib.contenttypes.models import ContentType

    found = (
        Action.objects.filter(
            source_type=ContentType.objects.get_for_model(Indicator),
            source_id__in=[row.indicator.pk for row in rows],
        )
        .select_related("agency", "owner")
        .prefetch_related("updates")
        .order_by("created_at")
    )
    latest = {action.source_id: action for action in found}
    for row in rows:
        row.exception = latest.get(row.indicator.pk)
        if row.exception is not None:
            updates = sorted(row.exception.updates.all(), key=lambda update: update.written_at)
            row.reply = updates[-1].text if updates else ""
