"""Attendance at group meetings: recording it, and each agency's attendance rate.

The rate is present ÷ recorded attendance rows, per agency, over meetings that took place (not
cancelled) in a date range. Apologies count as not present (the agency was not in the room) but
are shown separately, because sending apologies is not the same as not turning up.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q

from lscp.core.models import Agency
from lscp.core.years import within
from lscp.governance.models import Attendance, AttendanceStatus, Meeting


@dataclass(frozen=True)
class AgencyAttendance:
    group_id: int
    agency_id: int
    agency_name: str
    recorded: int
    present: int
    apologies: int
    absent: int

    @property
    def rate(self) -> float | None:
        """Present ÷ recorded; None when nothing was recorded."""
        return self.present / self.recorded if self.recorded else None

    @property
    def rate_percent(self) -> int | None:
        return round(self.rate * 100) if self.rate is not None else None


def one_year_before(day: dt.date) -> dt.date:
    """The same date a year earlier (29 February falls back to the 28th)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def attendance_by_agency(start: dt.date, end: dt.date, group=None) -> list[AgencyAttendance]:
    """Attendance per agency (and group) for meetings held from `start` to `end` inclusive,
    dates taken in local time. Pass a group for one group's agencies; None for every group."""
    rows = Attendance.objects.filter(
        meeting__is_cancelled=False,
        **within("meeting__starts_at", start, end),
    )
    if group is not None:
        rows = rows.filter(meeting__group=group)
    counted = (
        rows.values("meeting__group_id", "agency_id", "agency__name")
        .annotate(
            recorded=Count("pk"),
            present=Count("pk", filter=Q(status=AttendanceStatus.PRESENT)),
            apologies=Count("pk", filter=Q(status=AttendanceStatus.APOLOGIES)),
            absent=Count("pk", filter=Q(status=AttendanceStatus.ABSENT)),
        )
        .order_by("meeting__group_id", "agency__name")
    )
    return [
        AgencyAttendance(
            group_id=row["meeting__group_id"],
            agency_id=row["agency_id"],
            agency_name=row["agency__name"],
            recorded=row["recorded"],
            present=row["present"],
            apologies=row["apologies"],
            absent=row["absent"],
        )
        for row in counted
    ]


@dataclass(frozen=True)
class Attendee:
    """Someone whose attendance a meeting records: a current member, or someone already recorded."""

    person: object
    agency: object
    role: str
    status: str  # "" while nothing is recorded


def attendees(meeting: Meeting) -> list[Attendee]:
    """Members of the group on the day of the meeting, then anyone recorded who no longer is."""
    recorded = {row.person_id: row for row in meeting.attendance.select_related("person", "agency")}
    people = []
    members = (
        meeting.group.memberships.current(meeting.local_date)
        .select_related("person", "agency")
        .order_by("person__full_name", "pk")
    )
    seen = set()
    for membership in members:
        if membership.person_id in seen:
            continue
        seen.add(membership.person_id)
        row = recorded.get(membership.person_id)
        people.append(
            Attendee(
                membership.person, membership.agency, membership.get_role_display(), row.status if row else ""
            )
        )
    for person_id, row in recorded.items():
        if person_id not in seen:
            people.append(Attendee(row.person, row.agency, "No longer a member", row.status))
    return people


@transaction.atomic
def record_attendance(meeting: Meeting, statuses: Mapping[int, tuple[str, Agency]]) -> None:
    """Save each person's attendance with the agency they represented: {person_id: (status,
    agency)}. An empty status removes what was recorded. Rows are saved one by one so the
    change log sees each."""
    existing = {row.person_id: row for row in meeting.attendance.all()}
    for person_id, (status, agency) in statuses.items():
        row = existing.get(person_id)
        if not status:
            if row is not None:
                row.delete()
            continue
        if row is None:
            Attendance.objects.create(meeting=meeting, person_id=person_id, agency=agency, status=status)
        elif row.status != status or row.agency_id != agency.pk:
            row.status, row.agency = status, agency
            row.save(update_fields=["status", "agency"])
