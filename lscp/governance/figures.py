"""What the annual report reads about the partnership's groups, for a period. Plain dataclasses.

Meetings held per group, and each agency's attendance rate at each group's meetings.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from lscp.core.years import within
from lscp.governance.attendance import AgencyAttendance, attendance_by_agency
from lscp.governance.models import Group, GroupKind, Meeting, ReportYear


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
    in_period = Q(**within("meetings__starts_at", start, end))
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


def meetings_held(
    start: dt.date, end: dt.date, now: dt.datetime | None = None, *, cancelled: bool = False
) -> dict[int, tuple[int, ...]]:
    """{group id: ids of the meetings held in [start, end]}: the records behind `GroupMeetings.held`,
    by the same definition (took place by `now`, not cancelled); with `cancelled`, those behind
    `GroupMeetings.cancelled`. One query."""
    now = now or timezone.now()
    found = Meeting.objects.filter(**within("starts_at", start, end))
    found = (
        found.filter(is_cancelled=True) if cancelled else found.filter(starts_at__lte=now, is_cancelled=False)
    )
    by_group: dict[int, list[int]] = {}
    for group_id, pk in found.order_by("group_id", "pk").values_list("group_id", "pk"):
        by_group.setdefault(group_id, []).append(pk)
    return {group_id: tuple(pks) for group_id, pks in by_group.items()}


# The year's narrative, for the annual report (reporting reads governance only through here).


@dataclass(frozen=True)
class YearState:
    """A ReportYear's identity and lock state; `published_at` is what reporting's rules check."""

    first_year: int
    label: str
    signed_off_at: dt.datetime | None
    signed_off_by: str
    published_at: dt.datetime | None

    @property
    def is_locked(self) -> bool:
        return self.signed_off_at is not None


@dataclass(frozen=True)
class Update:
    """The latest update on a priority or key step: its date, RAG value ("red") and label."""

    on: dt.date
    rag: str
    status: str
    text: str


@dataclass(frozen=True)
class PriorityNarrative:
    id: int
    title: str
    outcomes: str
    groups: tuple[str, ...]  # short names of the groups delivering it
    latest: Update | None


@dataclass(frozen=True)
class GroupNarrative:
    id: int
    name: str
    short_name: str
    slug: str
    is_executive: bool
    function: str  # as the year's report put it (GroupYear), else the group's terms of reference


@dataclass(frozen=True)
class KeyStepNarrative:
    id: int
    group_id: int
    group: str  # short name
    text: str
    latest: Update | None  # the latest progress dated up to the end of the step's year


@dataclass(frozen=True)
class ImpactNarrative:
    id: int
    text: str
    evidence_id: int | None


@dataclass(frozen=True)
class DevelopmentNarrative:
    id: int
    group_id: int
    title: str
    text: str
    links: tuple[tuple[str, str], ...]  # (label, path)
    impacts: tuple[ImpactNarrative, ...]


@dataclass(frozen=True)
class EngagementNarrative:
    id: int
    held_on: dt.date
    title: str
    participants: tuple[str, ...]
    taking_part: int | None
    method: str
    heard: str
    changed: str
    links: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class YearNarrative:
    state: YearState
    introduction: str
    signatories: tuple[str, ...]
    scrutineer_summary: str
    scrutineer: str  # who wrote the summary
    areas_of_focus: str
    groups: tuple[GroupNarrative, ...]  # active groups (and any the year wrote about), Executive first
    priorities: tuple[PriorityNarrative, ...]
    key_steps: tuple[KeyStepNarrative, ...]  # planned for this year: "progress since last year"
    next_key_steps: tuple[KeyStepNarrative, ...]  # planned for next year
    next_priorities: tuple[PriorityNarrative, ...]
    development_areas: tuple[DevelopmentNarrative, ...]
    engagement: tuple[EngagementNarrative, ...]


def _state(row: ReportYear) -> YearState:
    by = row.signed_off_by.full_name if row.signed_off_by else ""
    return YearState(row.first_year, row.label, row.signed_off_at, by, row.published_at)


def report_years() -> list[YearState]:
    """Every year that has a plan and report, latest first."""
    return [_state(row) for row in ReportYear.objects.select_related("signed_off_by")]


def report_year(first_year: int) -> YearState | None:
    row = ReportYear.objects.select_related("signed_off_by").filter(first_year=first_year).first()
    return _state(row) if row else None


def _links(text: str) -> tuple[tuple[str, str], ...]:
    """'Label | /path/' lines, as DevelopmentArea and EngagementActivity store them."""
    pairs = []
    for line in text.splitlines():
        label, _, path = line.partition("|")
        if label.strip():
            pairs.append((label.strip(), path.strip()))
    return tuple(pairs)


def _latest(updates, until: dt.date) -> Update | None:
    dated = [u for u in updates if u.on <= until]
    if not dated:
        return None
    last = max(dated, key=lambda u: (u.on, u.pk))
    return Update(last.on, last.status, last.get_status_display(), last.text)


def _priorities(row: ReportYear | None) -> tuple[PriorityNarrative, ...]:
    if row is None:
        return ()
    until = row.year.end
    found = row.priorities.prefetch_related("updates", "groups")
    return tuple(
        PriorityNarrative(
            p.pk,
            p.title,
            p.outcomes,
            tuple(g.short_name for g in p.groups.all()),
            _latest(p.updates.all(), until),
        )
        for p in found
    )


def _key_steps(row: ReportYear | None) -> tuple[KeyStepNarrative, ...]:
    if row is None:
        return ()
    until = row.year.end
    found = row.key_steps.select_related("group").prefetch_related("progress")
    return tuple(
        KeyStepNarrative(s.pk, s.group_id, s.group.short_name, s.text, _latest(s.progress.all(), until))
        for s in found
    )


def year_narrative(first_year: int) -> YearNarrative | None:
    """What the year's report says in words, or None when the year has no ReportYear. A bounded
    number of queries whatever the year holds (each list is one query, prefetched)."""
    row = (
        ReportYear.objects.select_related("signed_off_by", "scrutineer_summary_by")
        .filter(first_year=first_year)
        .first()
    )
    if row is None:
        return None
    following = ReportYear.objects.filter(first_year=first_year + 1).first()
    functions = dict(row.groups.values_list("group_id", "function"))
    areas = list(row.development_areas.select_related("group").prefetch_related("impacts"))
    written_about = {area.group_id for area in areas} | set(functions)
    groups = tuple(
        GroupNarrative(
            g.pk,
            g.name,
            g.short_name,
            g.slug,
            g.kind == GroupKind.EXECUTIVE,
            functions.get(g.pk) or g.function,
        )
        for g in Group.objects.executive_first()
        if g.is_active or g.pk in written_about
    )
    return YearNarrative(
        state=_state(row),
        introduction=row.introduction,
        signatories=tuple(line.strip() for line in row.signatories.splitlines() if line.strip()),
        scrutineer_summary=row.scrutineer_summary,
        scrutineer=row.scrutineer_summary_by.full_name if row.scrutineer_summary_by else "",
        areas_of_focus=row.areas_of_focus,
        groups=groups,
        priorities=_priorities(row),
        key_steps=_key_steps(row),
        next_key_steps=_key_steps(following),
        next_priorities=_priorities(following),
        development_areas=tuple(
            DevelopmentNarrative(
                a.pk,
                a.group_id,
                a.title,
                a.text,
                _links(a.links),
                tuple(ImpactNarrative(i.pk, i.text, i.evidence_id) for i in a.impacts.all()),
            )
            for a in areas
        ),
        engagement=tuple(
            EngagementNarrative(
                e.pk,
                e.held_on,
                e.title,
                tuple(e.participants),
                e.taking_part,
                e.method,
                e.heard,
                e.changed,
                _links(e.links),
            )
            for e in row.engagement.all()
        ),
    )
