"""What the home page, a group's page and a meeting's page show, gathered in a fixed number of
queries whatever the size of the partnership (each list is one query, each count one query)."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from lscp.governance.attendance import AgencyAttendance, attendance_by_agency, attendees, one_year_before
from lscp.governance.models import Group, Meeting, Membership
from lscp.improvement.models import OPEN_STATUSES, Action

NEXT_MEETINGS = 5
MY_ACTIONS = 10
GROUP_ACTIONS = 10


@dataclass(frozen=True)
class ActionCounts:
    open: int
    overdue: int


def count_open_and_overdue(actions: QuerySet, today: dt.date) -> ActionCounts:
    counts = actions.filter(status__in=OPEN_STATUSES).aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today))
    )
    return ActionCounts(counts["open"], counts["overdue"])


@dataclass(frozen=True)
class Dashboard:
    memberships: list[Membership]
    next_meetings: list[Meeting]
    my_actions: list[Action]
    my_counts: ActionCounts
    partnership_overdue: int | None  # business unit only


def dashboard_for(user, now: dt.datetime | None = None) -> Dashboard:
    """A member's groups, their groups' next meetings, and the actions they own. The business unit
    services every group, so it sees every group's next meetings and the partnership's overdue count."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    memberships = list(
        Membership.objects.current(today)
        .filter(person=user)
        .select_related("group", "agency")
        .order_by("group")
    )
    upcoming = Meeting.objects.filter(starts_at__gte=now, is_cancelled=False).select_related("group")
    if not user.is_business_unit:
        upcoming = upcoming.filter(group_id__in=[m.group_id for m in memberships])
    mine = Action.objects.filter(owner=user)
    return Dashboard(
        memberships=memberships,
        next_meetings=list(upcoming.order_by("starts_at", "pk")[:NEXT_MEETINGS]),
        my_actions=list(
            mine.filter(status__in=OPEN_STATUSES)
            .select_related("agency", "group")
            .order_by("due_date", "pk")[:MY_ACTIONS]
        ),
        my_counts=count_open_and_overdue(mine, today),
        partnership_overdue=Action.objects.overdue(today).count() if user.is_business_unit else None,
    )


@dataclass(frozen=True)
class GroupOverview:
    group: Group
    members: list[Membership]
    upcoming: list[Meeting]
    past: list[Meeting]
    attendance: list[AgencyAttendance]
    attendance_from: dt.date
    attendance_to: dt.date
    open_actions: list[Action]
    action_counts: ActionCounts


def group_overview(group: Group, now: dt.datetime | None = None) -> GroupOverview:
    now = now or timezone.now()
    today = timezone.localdate(now)
    meetings = list(group.meetings.order_by("starts_at", "pk"))
    year_ago = one_year_before(today)
    actions = Action.objects.filter(group=group)
    return GroupOverview(
        group=group,
        members=list(group.memberships.current(today).select_related("person", "agency").by_role()),
        upcoming=[m for m in meetings if m.starts_at >= now],
        past=[m for m in reversed(meetings) if m.starts_at < now],
        attendance=attendance_by_agency(year_ago, today, group=group),
        attendance_from=year_ago,
        attendance_to=today,
        open_actions=list(
            actions.filter(status__in=OPEN_STATUSES)
            .select_related("owner", "agency")
            .order_by("due_date", "pk")[:GROUP_ACTIONS]
        ),
        action_counts=count_open_and_overdue(actions, today),
    )


@dataclass(frozen=True)
class MeetingOverview:
    meeting: Meeting
    agenda: list[Any]
    attendees: list[Any]
    decisions: list[Any]
    actions: list[Action]


def meeting_overview(meeting: Meeting) -> MeetingOverview:
    return MeetingOverview(
        meeting=meeting,
        agenda=list(meeting.agenda_items.all()),
        attendees=attendees(meeting),
        decisions=list(meeting.decisions.select_related("agenda_item")),
        actions=list(
            Action.objects.from_source(meeting).select_related("owner", "agency").order_by("due_date", "pk")
        ),
    )
