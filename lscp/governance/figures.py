"""What the annual report reads about the partnership's groups, for a period. Plain dataclasses.

Meetings held per group, and each agency's attendance rate at each group's meetings.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from lscp.governance.attendance import AgencyAttendance, attendance_by_agency
from lscp.governance.models import Group


@dataclass(frozen=True)
class GroupMeetings:
    group_id: int
    group_name: str
    short_name: str
    held: int
    cancelled: int


@dataclass(frozen=True)
class GroupAttendance:
    group_id: int
    short_name: str
    agencies: tuple[AgencyAttendance, ...]


@dataclass(frozen=True)
class GovernanceFigures:
    start: dt.date
    end: dt.date
    meetings: tuple[GroupMeetings, ...]
    attendance: tuple[GroupAttendance, ...]


def governance_figures(start: dt.date, end: dt.date, now: dt.datetime | None = None) -> GovernanceFigures:
    """Meetings held (took place, not cancelled, by `now`) and cancelled per group in [start, end]
    (local dates), and attendance rates per agency per group over the same meetings."""
    now = now or timezone.now()
    in_period = Q(meetings__starts_at__date__gte=start, meetings__starts_at__date__lte=end)
    groups = Group.objects.executive_first().annotate(
        held=Count(
            "meetings", filter=in_period & Q(meetings__is_cancelled=False, meetings__starts_at__lte=now)
        ),
        cancelled=Count("meetings", filter=in_period & Q(meetings__is_cancelled=True)),
    )
    by_group: dict[int, list[AgencyAttendance]] = {}
    for row in attendance_by_agency(start, end):
        by_group.setdefault(row.group_id, []).append(row)
    meetings = []
    attendance = []
    for group in groups:
        if not (group.held or group.cancelled or group.pk in by_group or group.is_active):
            continue
        meetings.append(GroupMeetings(group.pk, group.name, group.short_name, group.held, group.cancelled))
        attendance.append(GroupAttendance(group.pk, group.short_name, tuple(by_group.get(group.pk, ()))))
    return GovernanceFigures(start, end, tuple(meetings), tuple(attendance))
