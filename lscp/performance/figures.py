"""The data set's figures for the annual report: each group's KPIs read at the year's end, in the
three groups the report uses, and each KPI's position (its sentence, latest value and target)."""

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone

from lscp.core import figures_cache
from lscp.performance import report
from lscp.performance.models import Indicator
from lscp.performance.reading import READING_LABELS, Reading

# The name the annual report's performance figures are kept under (lscp.core.figures_cache).
KEPT = "performance"


@dataclass(frozen=True)
class KpiPosition:
    indicator: str
    reading: str  # "Good or improved performance", "Fluctuating", ... or "Not enough data yet"
    sentence: str
    latest: str
    target: str


@dataclass(frozen=True)
class GroupFigures:
    group: str
    counts: dict[str, int]  # reading label -> number of KPIs
    kpis: list[KpiPosition]


def performance_figures(end: dt.date) -> list[GroupFigures]:
    """Every group that watches KPIs, read with SPC up to `end` (the financial year's last day):
    read once and kept until an indicator, target, value or baseline changes (lscp.core.figures_cache;
    the import, which writes with plain SQL, says so itself)."""
    return figures_cache.kept(KEPT, f"annual-report:{end}:{timezone.localdate()}", lambda: _read(end))


def _read(end: dt.date) -> list[GroupFigures]:
    group_model = apps.get_model("governance", "Group")
    groups = group_model.objects.filter(indicators__isnull=False).distinct().order_by("order", "name")
    figures = []
    for group in groups:
        indicators = list(
            Indicator.objects.filter(groups=group).select_related("owner").order_by("order", "name")
        )
        built = report.build(indicators, title=group.name, until=end)
        figures.append(_group_figures(group.name, built))
    return figures


def _group_figures(name: str, built: report.Report) -> GroupFigures:
    counts = {READING_LABELS[r]: sum(1 for row in built.rows if row.reading == r) for r in Reading}
    counts["Not enough data yet"] = sum(1 for row in built.rows if not row.enough_data)
    return GroupFigures(name, counts, [_position(row) for row in built.rows])


def _position(row: report.KpiRow) -> KpiPosition:
    latest = (
        f"{row.latest:f} ({row.latest_period.label})" if row.latest is not None and row.latest_period else ""
    )
    return KpiPosition(
        indicator=row.indicator.name,
        reading=READING_LABELS[row.reading] if row.reading else "Not enough data yet",
        sentence=row.said.text if row.said else "",
        latest=latest,
        target=f"{row.target.value:f}" if row.target else "",
    )
