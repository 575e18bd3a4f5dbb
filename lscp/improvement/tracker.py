"""The recommendation tracker: which recommendations a filter selects, in what order, and how
they are exported. The page and both exports read the same query, so they always agree."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone

from lscp.core.exports import Column
from lscp.improvement.log import SortHeader
from lscp.improvement.models import NOT_YET_IMPLEMENTED, Recommendation, RecommendationStatus
from lscp.improvement.sources import label_for

PAGE_SIZE = 25


@dataclass(frozen=True)
class TrackerFilters:
    source_kind: str = ""
    group_id: int | None = None
    agency_id: int | None = None
    theme_id: int | None = None
    status: str = ""
    overdue_only: bool = False

    @property
    def any(self) -> bool:
        return bool(
            self.source_kind
            or self.group_id
            or self.agency_id
            or self.theme_id
            or self.status
            or self.overdue_only
        )


_STATUS_ORDER = Case(
    *[When(status=status, then=Value(i)) for i, status in enumerate(RecommendationStatus.values)],
    default=Value(len(RecommendationStatus.values)),
    output_field=IntegerField(),
)

# key: (label, ordering fields)
SORT_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "made": ("Made on", ("made_on",)),
    "due": ("Due date", ("due_date", "made_on")),
    "status": ("Status", ("status_order", "made_on")),
    "group": ("Group", ("group__short_name", "made_on")),
}
DEFAULT_SORT = "-made"


def parse_sort(value: str | None) -> tuple[str, bool]:
    value = value or DEFAULT_SORT
    key = value.removeprefix("-")
    if key not in SORT_COLUMNS:
        return parse_sort(DEFAULT_SORT)
    return key, value.startswith("-")


def select_recommendations(filters: TrackerFilters, sort: str | None = None, today: dt.date | None = None):
    """The recommendations a filter selects, sorted, with what a row shows loaded alongside."""
    today = today or timezone.localdate()
    found: QuerySet = Recommendation.objects.select_related("group").prefetch_related("agencies")
    if filters.source_kind:
        found = found.filter(source_kind=filters.source_kind)
    if filters.group_id:
        found = found.filter(group_id=filters.group_id)
    if filters.agency_id:
        found = found.filter(agencies=filters.agency_id)
    if filters.theme_id:
        found = found.filter(themes=filters.theme_id)
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.overdue_only:
        found = found.filter(status__in=NOT_YET_IMPLEMENTED, due_date__lt=today)
    key, descending = parse_sort(sort)
    sign = "-" if descending else ""
    ordering = [f"{sign}{name}" for name in SORT_COLUMNS[key][1]]
    if key == "status":
        found = found.annotate(status_order=_STATUS_ORDER)
    return found.order_by(*ordering, f"{sign}pk")


def sort_headers(sort: str | None) -> dict[str, SortHeader]:
    current, descending = parse_sort(sort)
    headers = {}
    for key, (label, _) in SORT_COLUMNS.items():
        if key == current:
            aria = "descending" if descending else "ascending"
            next_sort = key if descending else f"-{key}"
        else:
            aria, next_sort = "none", key
        headers[key] = SortHeader(key, label, aria, next_sort)
    return headers


def export_columns(today: dt.date | None = None) -> list[Column]:
    today = today or timezone.localdate()
    return [
        Column("Reference", lambda r: r.reference, 12),
        Column("Recommendation", lambda r: r.text, 60),
        Column("Source", lambda r: label_for(r.source_kind), 16),
        Column("Source detail", lambda r: r.source_description, 30),
        Column("Group", lambda r: r.group.short_name, 12),
        Column("Addressed to", lambda r: "; ".join(a.name for a in r.agencies.all()), 40),
        Column("Made on", lambda r: r.made_on, 14),
        Column("Due date", lambda r: r.due_date, 14),
        Column("Status", lambda r: r.get_status_display(), 16),
        Column("Overdue", lambda r: "Yes" if r.is_overdue(today) else "No", 9),
        Column("Stepped across to L&D", lambda r: r.stepped_across_on, 14),
    ]
