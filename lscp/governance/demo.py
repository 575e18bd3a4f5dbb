"""The demo partnership's groups: the Executive and five sub-groups, their members and meetings.

Meetings follow each group's cadence from a fixed anchor in April 2021, so the same dates come
out on every run: the whole 2021-22 year (the reference year), plus the twelve months before
today and the three months after it, so the dashboard has upcoming meetings. Past meetings have
attendance, minutes and decisions; upcoming ones have an agenda only. What a meeting contains
is drawn from a generator seeded by the group and the date, so a meeting never changes once
made, whichever day the demo is loaded again.
"""

import datetime as dt
import random

from django.utils import timezone

from lscp.accounts.models import User
from lscp.accounts.roles import Role
from lscp.core.calendar import is_working_day
from lscp.core.models import Agency
from lscp.governance.demo_data import (
    ADVISER,
    ATTENDANCE,
    CHAIR,
    CHAIR_PRESENT,
    CLOSING_ITEM,
    DEFAULT_ATTENDANCE,
    DOMAIN,
    GROUPS,
    LAST_MINUTES_MINUTE,
    LOCATIONS,
    MEMBERS_SINCE,
    OPENING_ITEMS,
    OTHER_BUSINESS_MINUTE,
    REFERENCE_YEAR_LOCATION,
    VICE_IN_THE_CHAIR,
    WELCOME_MINUTE,
    GroupPlan,
    Topic,
)
from lscp.governance.models import (
    CHAIRING_ROLES,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Decision,
    Group,
    Meeting,
    Membership,
)

DEPENDS_ON = ["core", "accounts"]

SEED = 2022
YEAR_START = dt.date(2021, 4, 1)
YEAR_END = dt.date(2022, 3, 31)


def meeting_dates(plan: GroupPlan, today: dt.date) -> list[dt.date]:
    """The group's meeting days in 2021-22 and from a year ago to three months ahead."""
    windows = [(YEAR_START, YEAR_END), (today - dt.timedelta(days=365), today + dt.timedelta(days=92))]
    step = dt.timedelta(weeks=plan.weeks)
    dates = []
    day = plan.anchor
    while day <= windows[1][1]:
        if any(start <= day <= end for start, end in windows):
            dates.append(_working_day_on_or_after(_after_christmas(day)))
        day += step
    return sorted(set(dates))


def _after_christmas(day: dt.date) -> dt.date:
    if (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 3):
        return dt.date(day.year + (day.month == 12), 1, 5)
    return day


def _working_day_on_or_after(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def _seat_holder(who: str) -> User:
    if "@" in who:
        return User.objects.get(email=who)
    return User.objects.get(full_name=who, email__endswith=f"@{DOMAIN}")


def _group(plan: GroupPlan) -> Group:
    group, _ = Group.objects.get_or_create(
        slug=plan.slug,
        defaults={
            "name": plan.name,
            "short_name": plan.short_name,
            "kind": plan.kind,
            "order": plan.order,
            "function": plan.function,
        },
    )
    return group


def _memberships(group: Group, plan: GroupPlan) -> list[Membership]:
    memberships = []
    for role, who in plan.seats:
        person = _seat_holder(who)
        membership, _ = Membership.objects.get_or_create(
            group=group,
            person=person,
            role=role,
            defaults={"agency": person.agency or _host_agency(), "start": MEMBERS_SINCE},
        )
        memberships.append(membership)
        # Members who chair or vice-chair get the chair's role; the demo sign-ins keep their own.
        if role in CHAIRING_ROLES and person.roles <= {Role.GROUP_MEMBER.value}:
            person.grant(Role.GROUP_CHAIR)
    return memberships


def _host_agency() -> Agency:
    """The independent scrutineer represents no agency; seats hang from the host authority."""
    return Agency.objects.get(name="Westbrook Metropolitan District Council")


def _rng(plan: GroupPlan, day: dt.date) -> random.Random:
    return random.Random(f"{SEED}:{plan.slug}:{day.isoformat()}")


def _location(day: dt.date, rng: random.Random) -> str:
    if day <= YEAR_END:
        return REFERENCE_YEAR_LOCATION
    return rng.choice(LOCATIONS)


def _agenda(
    plan: GroupPlan, chair: Membership, members: list[Membership], rng: random.Random
) -> list[tuple[str, str, str, Topic | None]]:
    """(title, presenter, paper, topic or None) for each item, in order."""
    topics = rng.sample(plan.topics, k=min(3, len(plan.topics)))
    items: list[tuple[str, str, str, Topic | None]] = [
        (title, chair.person.full_name, "", None) for title in OPENING_ITEMS
    ]
    for topic in topics:
        presenter = rng.choice(members).person.full_name
        items.append((topic.title, presenter, topic.paper, topic))
    items.append((CLOSING_ITEM, "All", "", None))
    return items


def _attendance(
    memberships: list[Membership], rng: random.Random
) -> list[tuple[Membership, AttendanceStatus]]:
    result = []
    for membership in sorted(memberships, key=lambda m: m.person.email):
        rate = ATTENDANCE.get(membership.agency.name, DEFAULT_ATTENDANCE)
        if membership.role in CHAIRING_ROLES:
            rate = max(rate, 0.92)
        if rng.random() < rate:
            status = AttendanceStatus.PRESENT
        elif rng.random() < 0.7:
            status = AttendanceStatus.APOLOGIES
        else:
            status = AttendanceStatus.ABSENT
        result.append((membership, status))
    return result


def _minutes(meeting: Meeting, chair: Membership) -> str:
    people = list(meeting.attendance.select_related("person", "agency"))
    present = [a for a in people if a.status == AttendanceStatus.PRESENT]
    apologies = [a for a in people if a.status == AttendanceStatus.APOLOGIES]

    def names(rows):
        return "; ".join(f"{a.person.full_name} ({a.agency.display_name})" for a in rows) or "None"

    chair_present = any(a.person_id == chair.person_id for a in present)
    lines = [
        f"Present: {names(present)}.",
        f"Apologies: {names(apologies)}.",
        "",
    ]
    topics = {t.title: t for plan in GROUPS for t in plan.topics}
    for item in meeting.agenda_items.all():
        if item.order == 1:
            text = WELCOME_MINUTE.format(chair=CHAIR_PRESENT if chair_present else VICE_IN_THE_CHAIR)
        elif item.order == 2:
            text = LAST_MINUTES_MINUTE
        elif item.title in topics:
            text = topics[item.title].note
        else:
            text = OTHER_BUSINESS_MINUTE
        lines.append(f"{item.order}. {item.title}: {text}")
    return "\n".join(lines)


def _meeting(plan, group, memberships, day, next_day, today) -> tuple[Meeting, bool]:
    rng = _rng(plan, day)
    location = _location(day, rng)
    starts_at = timezone.make_aware(dt.datetime.combine(day, plan.time))
    # The summer meeting of the learning group is usually called off for the holidays.
    cancelled = plan.slug == "learning" and day.month == 8
    meeting, created = Meeting.objects.get_or_create(
        group=group, starts_at=starts_at, defaults={"location": location, "is_cancelled": cancelled}
    )
    chair = next(m for m in memberships if m.role == CHAIR)
    # Advisers attend but do not present; the business unit takes the notes.
    presenters = [m for m in memberships if m.role != ADVISER]
    agenda = _agenda(plan, chair, presenters, rng)
    items = {}
    for order, (title, presenter, paper, topic) in enumerate(agenda, start=1):
        item, _ = AgendaItem.objects.get_or_create(
            meeting=meeting, order=order, defaults={"title": title, "presenter": presenter, "paper": paper}
        )
        items[order] = (item, topic)
    if day >= today or meeting.is_cancelled:
        return meeting, created
    # A past meeting: who came, what was decided, the minutes (approved at the next meeting).
    for membership, status in _attendance(memberships, rng):
        Attendance.objects.get_or_create(
            meeting=meeting,
            person=membership.person,
            defaults={"agency": membership.agency, "status": status},
        )
    for item, topic in items.values():
        if topic is not None and topic.decision:
            Decision.objects.get_or_create(
                meeting=meeting, text=topic.decision, defaults={"agenda_item": item}
            )
    changed = []
    if not meeting.minutes:
        meeting.minutes = _minutes(meeting, chair)
        changed.append("minutes")
    if meeting.minutes_approved_on is None and next_day is not None and next_day < today:
        meeting.minutes_approved_on = next_day
        changed.append("minutes_approved_on")
    if changed:
        meeting.save(update_fields=changed)
    return meeting, created


def load(rng) -> str:
    today = timezone.localdate()
    meetings = new = 0
    for plan in GROUPS:
        group = _group(plan)
        memberships = _memberships(group, plan)
        dates = meeting_dates(plan, today)
        for day, following in zip(dates, [*dates[1:], None], strict=True):
            # Across the gap between the two windows, minutes were approved at a meeting not shown.
            usual = _working_day_on_or_after(day + dt.timedelta(weeks=plan.weeks))
            next_day = following if following is not None and following <= usual else usual
            _, created = _meeting(plan, group, memberships, day, next_day, today)
            meetings += 1
            new += created
    return f"{len(GROUPS)} groups, {meetings} meetings ({new} new)"
