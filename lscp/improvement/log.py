"""The partnership's one action log: which actions a filter selects, in what order, and how
they are exported. The list page and both exports read the same query, so they always agree."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone

from lscp.core.exports import Column
from lscp.improvement.models import OPEN_STATUSES, Action, ActionStatus
from lscp.improvement.sources import label_for

# "Outstanding" selects both open statuses; the other choices are the statuses themselves.
OUTSTANDING = "outstanding"
STATUS_FILTER_CHOICES = [
    ("", "Any status"),
    (OUTSTANDING, "Outstanding (not started or in progress)"),
    *ActionStatus.choices,
]

PAGE_SIZE = 25


@dataclass(frozen=True)
class LogFilters:
    group_id: int | None = None
    agency_id: int | None = None
    status: str = ""
    overdue_only: bool = False
    mine_only: bool = False

    @property
    def any(self) -> bool:
        return bool(self.group_id or self.agency_id or self.status or self.overdue_only or self.mine_only)


_STATUS_ORDER = Case(
    *[When(status=status, then=Value(i)) for i, status in enumerate(ActionStatus.values)],
    default=Value(len(ActionStatus.values)),
    output_field=IntegerField(),
)


@dataclass(frozen=True)
class SortColumn:
    key: str
    label: str
    fields: tuple[str, ...]


SORT_COLUMNS = {
    "due": SortColumn("due", "Due date", ("due_date",)),
    "status": SortColumn("status", "Status", ("status_order", "due_date")),
    "agency": SortColumn("agency", "Agency", ("agency__name", "due_date")),
}
DEFAULT_SORT = "due"


def parse_sort(value: str | None) -> tuple[str, bool]:
    """('due', False) from 'due'; ('status', True) from '-status'; the default for anything else."""
    value = value or DEFAULT_SORT
    descending = value.startswith("-")
    key = value.removeprefix("-")
    if key not in SORT_COLUMNS:
        return DEFAULT_SORT, False
    return key, descending


def select_actions(
    filters: LogFilters, user, sort: str | None = None, today: dt.date | None = None
) -> QuerySet:
    """The actions a filter selects, sorted, with everything a row shows loaded in the same query."""
    today = today or timezone.localdate()
    actions = Action.objects.select_related("owner", "agency", "group")
    if filters.group_id:
        actions = actions.filter(group_id=filters.group_id)
    if filters.agency_id:
        actions = actions.filter(agency_id=filters.agency_id)
    if filters.status == OUTSTANDING:
        actions = actions.filter(status__in=OPEN_STATUSES)
    elif filters.status:
        actions = actions.filter(status=filters.status)
    if filters.overdue_only:
        actions = actions.filter(status__in=OPEN_STATUSES, due_date__lt=today)
    if filters.mine_only:
        actions = actions.filter(owner=user)
    key, descending = parse_sort(sort)
    sign = "-" if descending else ""
    ordering = [f"{sign}{field}" for field in SORT_COLUMNS[key].fields]
    return actions.annotate(status_order=_STATUS_ORDER).order_by(*ordering, f"{sign}pk")


@dataclass(frozen=True)
class SortHeader:
    key: str
    label: str
    aria_sort: str  # "ascending", "descending" or "none"
    next_sort: str  # the sort parameter a click on the header asks for


def sort_headers(sort: str | None) -> dict[str, SortHeader]:
    key, descending = parse_sort(sort)
    headers = {}
    for column in SORT_COLUMNS.values():
        if column.key == key:
            aria = "descending" if descending else "ascending"
            next_sort = column.key if descending else f"-{column.key}"
        else:
            aria, next_sort = "none", column.key
        headers[column.key] = SortHeader(column.key, column.label, aria, next_sort)
    return headers


def _overdue(today: dt.date):
    return lambda action: "Yes" if action.is_overdue(today) else "No"


def export_columns(today: dt.date | None = None) -> list[Column]:
    today = today or timezone.localdate()
    return [
        Column("Reference", lambda a: a.reference, 12),
        Column("Title", lambda a: a.title, 50),
        Column("Detail", lambda a: a.detail, 50),
        Column("Owner", lambda a: a.owner.full_name if a.owner else "", 25),
        Column("Agency", lambda a: a.agency.name, 30),
        Column("Group", lambda a: a.group.short_name if a.group else "", 12),
        Column("Raised at", lambda a: label_for(a.source_kind), 14),
        Column("Raised on", lambda a: timezone.localdate(a.created_at), 16),
        Column("Due date", lambda a: a.due_date, 16),
        Column("Status", lambda a: a.get_status_display(), 14),
        Column("RAG", lambda a: a.rag_label, 8),
        Column("Overdue", _overdue(today), 9),
        Column("Completed on", lambda a: a.completed_on, 16),
    ]
